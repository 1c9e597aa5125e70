"""Ingest content files into the knowledge store, idempotently.

Order of writes, for crash safety: vectors first (upserts are idempotent), then the catalog and BM25
rows in one SQLite transaction, then stale vectors are deleted. If the process dies in between, the
catalog still holds the old hash, so the next run redoes that document; search ignores vectors that
have no catalog row.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from careline.content.chunking import chunk_record
from careline.content.loaders import discover_files, load_file
from careline.content.models import Chunk, ContentRecord, IngestReport, Rejection
from careline.logs import get_logger
from careline.retrieval.store import KnowledgeStore

log = get_logger(__name__)

# Documents written per transaction: bounds memory and the work a crash can undo.
DOCUMENT_BATCH = 256


def ingest_paths(
    store: KnowledgeStore, paths: Sequence[Path], *, prune: bool = False, today: date | None = None
) -> IngestReport:
    started = time.perf_counter()
    report = IngestReport()
    files, problems = discover_files(paths)
    report.rejected.extend(problems)
    records = _load_records(files, report, include_overdue=store.settings.serve_overdue_content,
                            today=today or date.today())
    known_hashes = store.index.hashes(record.doc_id for record in records)
    changed: list[ContentRecord] = []
    for record in records:
        previous = known_hashes.get(record.doc_id)
        if previous == record.content_hash():
            report.unchanged.append(record.doc_id)
            continue
        (report.updated if previous else report.added).append(record.doc_id)
        changed.append(record)
    for start in range(0, len(changed), DOCUMENT_BATCH):
        report.chunks_written += _write_batch(store, changed[start : start + DOCUMENT_BATCH])
    overdue = [item.doc_id for item in report.skipped if item.doc_id]
    report.pruned = _remove(store, [doc_id for doc_id in overdue if store.index.get_document(doc_id)])
    if prune:
        # A record that is present but rejected keeps its last good version rather than vanishing.
        present = {record.doc_id for record in records} | {item.doc_id for item in report.rejected if item.doc_id}
        report.pruned += _prune(store, files, present)
    report.seconds = time.perf_counter() - started
    log.info("ingest finished", extra={"added": len(report.added), "updated": len(report.updated),
                                       "unchanged": len(report.unchanged), "rejected": len(report.rejected),
                                       "pruned": len(report.pruned), "duration_ms": int(report.seconds * 1000)})
    return report


def _load_records(
    files: Iterable[Path], report: IngestReport, *, include_overdue: bool, today: date
) -> list[ContentRecord]:
    records: dict[str, ContentRecord] = {}
    for path in files:
        for item in load_file(path):
            if isinstance(item, Rejection):
                report.rejected.append(item)
            elif item.doc_id in records:
                report.rejected.append(Rejection(item.origin, f"duplicate id '{item.doc_id}' (first seen in "
                                                 f"{records[item.doc_id].origin})", doc_id=item.doc_id))
            elif item.next_review and item.next_review < today and not include_overdue:
                report.skipped.append(Rejection(item.origin, f"overdue for review since {item.next_review}; "
                                                "not served until re-reviewed", doc_id=item.doc_id))
            else:
                records[item.doc_id] = item
    return list(records.values())


def _write_batch(store: KnowledgeStore, records: list[ContentRecord]) -> int:
    items: list[tuple[ContentRecord, list[Chunk]]] = [(record, chunk_record(record)) for record in records]
    flat = [(record, chunk) for record, chunks in items for chunk in chunks]
    vectors = store.embedder.embed_documents([chunk.embedding_text() for _, chunk in flat])
    stale: list[str] = []
    for record, chunks in items:
        new_ids = {chunk.chunk_id for chunk in chunks}
        stale.extend(chunk_id for chunk_id in store.index.chunk_ids(record.doc_id) if chunk_id not in new_ids)
    store.vectors.upsert(flat, vectors)
    store.index.replace_documents(items)
    if stale:
        store.vectors.delete(stale)
    return len(flat)


def _prune(store: KnowledgeStore, files: list[Path], seen_ids: set[str]) -> list[str]:
    """Remove documents whose source file is gone, or whose file was re-read without them."""
    read_origins = {str(path.resolve()) for path in files}
    gone: list[str] = []
    for document in store.index.documents():
        origin_gone = not Path(document.origin).exists()
        dropped_from_file = document.origin in read_origins and document.doc_id not in seen_ids
        if origin_gone or dropped_from_file:
            gone.append(document.doc_id)
    return _remove(store, gone)


def _remove(store: KnowledgeStore, doc_ids: list[str]) -> list[str]:
    if doc_ids:
        chunk_ids = [chunk_id for doc_id in doc_ids for chunk_id in store.index.chunk_ids(doc_id)]
        store.index.delete_documents(doc_ids)
        store.vectors.delete(chunk_ids)
    return doc_ids
