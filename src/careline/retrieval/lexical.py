"""The content catalog and its BM25 index, in one local SQLite file with FTS5.

Why FTS5 rather than bm25s: the index lives on disk, updates per document inside the same transaction
as the catalog (so a crash never leaves the two out of step), supports per-column weights (title and
lay synonyms count more than body text) and filters through a plain SQL join. bm25s would need the
whole index rebuilt on every change and a separate persistence scheme. Python's sqlite3 ships FTS5.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from careline.content.models import Chunk, ContentRecord

# Column weights for bm25(): title, section heading, keywords (synonyms and tags), body.
COLUMN_WEIGHTS = (3.0, 1.5, 2.0, 1.0)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    origin TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT,
    source TEXT,
    type TEXT NOT NULL,
    audience TEXT NOT NULL,
    language TEXT NOT NULL,
    review_date TEXT NOT NULL,
    next_review TEXT,
    metadata TEXT NOT NULL,
    chunk_count INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY,
    chunk_id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    section TEXT NOT NULL,
    intent TEXT NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    audience TEXT NOT NULL,
    language TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    title, section, keywords, body, tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(frozen=True)
class StoredDocument:
    doc_id: str
    content_hash: str
    origin: str
    title: str
    url: str | None
    source: str | None
    type: str
    audience: str
    language: str
    metadata: dict
    chunk_count: int


@dataclass(frozen=True)
class StoredChunk:
    chunk_id: str
    doc_id: str
    position: int
    title: str
    section: str
    intent: str
    text: str
    type: str
    audience: str
    language: str


@dataclass(frozen=True)
class Filters:
    """Metadata filters shared by the lexical and dense searches."""

    audience: str | None = None
    language: str | None = None
    types: tuple[str, ...] = ()

    def audiences(self) -> tuple[str, ...] | None:
        # An adult or pediatric reader should also see content written for everyone.
        if self.audience in (None, "all"):
            return None
        return (self.audience, "all")


class ContentIndex:
    """Catalog of ingested documents and chunks, with a BM25 index over the chunks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._write_lock = threading.Lock()
        with self._connect() as conn:
            conn.executescript(_SCHEMA)

    # -- connections --------------------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        with conn:
            yield conn

    # -- reads --------------------------------------------------------------------------------------

    def version(self) -> int:
        row = self._conn().execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
        return int(row[0]) if row else 0

    def count_documents(self) -> int:
        return self._conn().execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    def count_chunks(self) -> int:
        return self._conn().execute("SELECT COUNT(*) FROM chunks").fetchone()[0]

    def get_document(self, doc_id: str) -> StoredDocument | None:
        row = self._conn().execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return _document(row) if row else None

    def documents(self) -> list[StoredDocument]:
        return [_document(row) for row in self._conn().execute("SELECT * FROM documents ORDER BY doc_id")]

    def hashes(self, doc_ids: Iterable[str]) -> dict[str, str]:
        ids = list(doc_ids)
        found: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            batch = ids[start : start + 500]
            marks = ",".join("?" * len(batch))
            rows = self._conn().execute(
                f"SELECT doc_id, content_hash FROM documents WHERE doc_id IN ({marks})", batch
            )
            found.update({row[0]: row[1] for row in rows})
        return found

    def chunk_ids(self, doc_id: str) -> list[str]:
        rows = self._conn().execute("SELECT chunk_id FROM chunks WHERE doc_id = ? ORDER BY position", (doc_id,))
        return [row[0] for row in rows]

    def get_chunks(self, chunk_ids: Sequence[str]) -> dict[str, StoredChunk]:
        if not chunk_ids:
            return {}
        marks = ",".join("?" * len(chunk_ids))
        rows = self._conn().execute(
            "SELECT chunk_id, doc_id, position, title, section, intent, text, type, audience, language "
            f"FROM chunks WHERE chunk_id IN ({marks})",
            list(chunk_ids),
        )
        return {row["chunk_id"]: StoredChunk(**dict(row)) for row in rows}

    def document_chunks(self, doc_id: str) -> list[StoredChunk]:
        rows = self._conn().execute(
            "SELECT chunk_id, doc_id, position, title, section, intent, text, type, audience, language "
            "FROM chunks WHERE doc_id = ? ORDER BY position",
            (doc_id,),
        )
        return [StoredChunk(**dict(row)) for row in rows]

    def all_text(self) -> Iterator[str]:
        for row in self._conn().execute("SELECT title || ' ' || section || ' ' || text FROM chunks"):
            yield row[0]
        for row in self._conn().execute("SELECT metadata FROM documents"):
            meta = json.loads(row[0])
            yield " ".join(meta.get("synonyms", []) + meta.get("tags", []))

    def search(self, terms: Sequence[str], filters: Filters, limit: int) -> list[tuple[str, float]]:
        """BM25 over chunks: (chunk_id, score) best first; score is positive, higher is better."""
        match = fts_query(terms)
        if not match:
            return []
        where, params = _filter_sql(filters)
        weights = ", ".join(str(w) for w in COLUMN_WEIGHTS)
        sql = (
            f"SELECT c.chunk_id, bm25(chunks_fts, {weights}) AS rank FROM chunks_fts "
            "JOIN chunks c ON c.rowid = chunks_fts.rowid "
            f"WHERE chunks_fts MATCH ? {where} ORDER BY rank LIMIT ?"
        )
        rows = self._conn().execute(sql, [match, *params, limit])
        return [(row[0], -row[1]) for row in rows]

    # -- writes -------------------------------------------------------------------------------------

    def replace_documents(self, items: Sequence[tuple[ContentRecord, list[Chunk]]]) -> None:
        """Insert or replace documents with their chunks, all in one transaction."""
        now = datetime.now(UTC).isoformat()
        with self._write_lock, self._connect() as conn:
            for record, chunks in items:
                self._delete_document(conn, record.doc_id)
                meta = {"tags": list(record.tags), "synonyms": list(record.synonyms), **record.extra}
                conn.execute(
                    "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (record.doc_id, record.content_hash(), record.origin, record.title, record.url,
                     record.source, record.type, record.audience, record.language,
                     record.review_date.isoformat(),
                     record.next_review.isoformat() if record.next_review else None,
                     json.dumps(meta), len(chunks), now),
                )
                keywords = " ".join([*record.synonyms, *record.tags])
                for chunk in chunks:
                    cursor = conn.execute(
                        "INSERT INTO chunks (chunk_id, doc_id, position, title, section, intent, text, type, "
                        "audience, language) VALUES (?,?,?,?,?,?,?,?,?,?)",
                        (chunk.chunk_id, chunk.doc_id, chunk.position, chunk.title, chunk.section,
                         chunk.intent, chunk.text, record.type, record.audience, record.language),
                    )
                    conn.execute(
                        "INSERT INTO chunks_fts (rowid, title, section, keywords, body) VALUES (?,?,?,?,?)",
                        (cursor.lastrowid, chunk.title, chunk.section, keywords, chunk.text),
                    )
            _bump_version(conn)

    def delete_documents(self, doc_ids: Sequence[str]) -> None:
        with self._write_lock, self._connect() as conn:
            for doc_id in doc_ids:
                self._delete_document(conn, doc_id)
            _bump_version(conn)

    @staticmethod
    def _delete_document(conn: sqlite3.Connection, doc_id: str) -> None:
        rowids = [row[0] for row in conn.execute("SELECT rowid FROM chunks WHERE doc_id = ?", (doc_id,))]
        for rowid in rowids:
            conn.execute("DELETE FROM chunks_fts WHERE rowid = ?", (rowid,))
        conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))


def fts_query(terms: Sequence[str]) -> str:
    """An OR query of quoted terms (quoting keeps FTS5 syntax characters in user text inert)."""
    cleaned = []
    for term in terms:
        term = " ".join(re.sub(r"[^\w\s'-]", " ", term).split())
        if term:
            cleaned.append('"' + term + '"')
    return " OR ".join(dict.fromkeys(cleaned))


def _filter_sql(filters: Filters) -> tuple[str, list[str]]:
    clauses: list[str] = []
    params: list[str] = []
    audiences = filters.audiences()
    if audiences:
        clauses.append(f"c.audience IN ({','.join('?' * len(audiences))})")
        params.extend(audiences)
    if filters.language:
        clauses.append("c.language = ?")
        params.append(filters.language)
    if filters.types:
        clauses.append(f"c.type IN ({','.join('?' * len(filters.types))})")
        params.extend(filters.types)
    return ("AND " + " AND ".join(clauses) if clauses else ""), params


def _bump_version(conn: sqlite3.Connection) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('version', '1') "
        "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
    )


def _document(row: sqlite3.Row) -> StoredDocument:
    return StoredDocument(
        doc_id=row["doc_id"], content_hash=row["content_hash"], origin=row["origin"], title=row["title"],
        url=row["url"], source=row["source"], type=row["type"], audience=row["audience"],
        language=row["language"], metadata=json.loads(row["metadata"]), chunk_count=row["chunk_count"],
    )
