"""The shapes content takes on its way in: a validated record, its chunks, and an ingest report."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

AUDIENCES = ("adult", "pediatric", "all")
ARTICLE_TYPES = ("condition", "medication", "wellness", "emergency", "procedure", "article")

# Bump when chunking changes, so re-ingest replaces chunks made the old way.
CHUNKER_VERSION = "4"


@dataclass(frozen=True)
class ContentRecord:
    """One vetted document, whatever file format it came from."""

    doc_id: str
    title: str
    text: str
    reviewed_by: str
    review_date: date
    origin: str
    url: str | None = None
    source: str | None = None
    next_review: date | None = None
    audience: str = "all"
    language: str = "en"
    type: str = "article"
    tags: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def content_hash(self) -> str:
        """Stable hash of everything that affects what is stored; `origin` is where, not what."""
        payload = asdict(self)
        payload.pop("origin")
        payload["chunker"] = CHUNKER_VERSION
        blob = json.dumps(payload, sort_keys=True, default=str).encode()
        return hashlib.sha256(blob).hexdigest()


@dataclass(frozen=True)
class Rejection:
    """A record that could not load, and why, in words a content editor can act on."""

    origin: str
    reason: str
    line: int | None = None
    doc_id: str | None = None

    def describe(self) -> str:
        where = f"{self.origin}:{self.line}" if self.line else self.origin
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Chunk:
    """A passage small enough to embed, carrying its document title and section heading."""

    chunk_id: str
    doc_id: str
    position: int
    title: str
    section: str
    text: str
    intent: str

    def embedding_text(self) -> str:
        heading = f"{self.title}: {self.section}" if self.section else self.title
        return f"{heading}. {self.text}"


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    skipped: list[Rejection] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    chunks_written: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "pruned": len(self.pruned),
            "skipped": [asdict(item) for item in self.skipped],
            "rejected": [asdict(item) for item in self.rejected],
            "chunks_written": self.chunks_written,
            "seconds": round(self.seconds, 3),
        }

    @property
    def wrote_anything(self) -> bool:
        return bool(self.added or self.updated or self.pruned)
