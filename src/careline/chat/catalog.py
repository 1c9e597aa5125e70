"""What the chat knows about the ingested library as a whole, built once per content version: documents by
id, word rarity (IDF) and the names people use for each article's topic."""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from careline.chat.text import content_stems
from careline.retrieval.lexical import StoredDocument
from careline.retrieval.store import KnowledgeStore


def short_title(title: str) -> str:
    """'Heart attack - when to get emergency help' -> 'Heart attack'; 'Influenza (flu)' stays."""
    return re.split(r"\s[-–—:]\s", title, maxsplit=1)[0].strip()


@dataclass
class Catalog:
    documents: dict[str, StoredDocument]
    document_frequency: Counter[str]
    chunk_count: int

    def idf(self, stem: str) -> float:
        # Words the library never uses are the strongest sign a question is about something it does not cover.
        return math.log((self.chunk_count + 1) / (self.document_frequency.get(stem, 0) + 0.5)) + 1.0

    @cached_property
    def names(self) -> dict[str, str]:
        """Lower-case topic name -> doc_id (titles, short titles, synonyms, generic names)."""
        found: dict[str, str] = {}
        for doc in self.documents.values():
            meta = doc.metadata or {}
            names = [doc.title, short_title(doc.title), doc.doc_id.replace("-", " "),
                     re.sub(r"\s*\(.*?\)", "", short_title(doc.title))]
            names += re.findall(r"\(([^)]+)\)", doc.title)
            names += [str(x) for x in meta.get("synonyms", []) + meta.get("generic_names", [])]
            for name in names:
                key = " ".join(name.lower().split())
                if len(key) >= 3:
                    found.setdefault(key, doc.doc_id)
        return found

    @cached_property
    def _name_pattern(self) -> re.Pattern[str]:
        names = sorted(self.names, key=len, reverse=True)
        return re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(n) for n in names) + r")(?![a-z0-9])")

    def topics_named(self, text: str) -> list[str]:
        """Doc ids whose topic the text names, in order of mention."""
        lowered = " ".join(text.lower().split())
        return list(dict.fromkeys(self.names[m.group(1)] for m in self._name_pattern.finditer(lowered)))

    @cached_property
    def document_stems(self) -> dict[str, frozenset[str]]:
        """Per document: stems of its title, synonyms, tags and generic names (count as evidence for coverage)."""
        result: dict[str, frozenset[str]] = {}
        for doc in self.documents.values():
            meta = doc.metadata or {}
            words = [doc.title, *map(str, meta.get("synonyms", [])), *map(str, meta.get("tags", [])),
                     *map(str, meta.get("generic_names", []))]
            result[doc.doc_id] = frozenset(content_stems(" ".join(words)))
        return result


    @cached_property
    def topic_stems(self) -> dict[str, frozenset[str]]:
        """Per document: stems of what the article is about (title, synonyms, generic names; not tags)."""
        result: dict[str, frozenset[str]] = {}
        for doc in self.documents.values():
            meta = doc.metadata or {}
            words = [doc.title, *map(str, meta.get("synonyms", [])), *map(str, meta.get("generic_names", []))]
            result[doc.doc_id] = frozenset(content_stems(" ".join(words)))
        return result


class CatalogCache:
    """The catalog for the store's current content version, rebuilt only after an ingest changed it."""

    def __init__(self, store: KnowledgeStore) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._cached: tuple[int, Catalog] | None = None

    def get(self) -> Catalog:
        version = self.store.index.version()
        with self._lock:
            if self._cached is None or self._cached[0] != version:
                self._cached = (version, self._build())
            return self._cached[1]

    def _build(self) -> Catalog:
        documents = {doc.doc_id: doc for doc in self.store.index.documents()}
        frequency: Counter[str] = Counter()
        chunks = 0
        for doc_id in documents:
            for chunk in self.store.index.document_chunks(doc_id):
                chunks += 1
                frequency.update(set(content_stems(f"{chunk.title} {chunk.section} {chunk.text}")))
        return Catalog(documents=documents, document_frequency=frequency, chunk_count=max(chunks, 1))
