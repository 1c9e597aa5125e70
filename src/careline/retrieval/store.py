"""The knowledge store: the catalog with its BM25 index and the dense vectors, opened together."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from functools import cached_property

import numpy as np

from careline.embeddings import Embedder, get_embedder
from careline.retrieval.lexical import ContentIndex
from careline.retrieval.query import SpellingCorrector, medicine_name_map
from careline.retrieval.vector import VectorStore
from careline.settings import Settings


class KnowledgeStore:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        settings.ensure_data_dir()
        self.settings = settings
        self.index = ContentIndex(settings.content_index_path)
        self._embedder = embedder
        self._corrector: tuple[int, SpellingCorrector] | None = None
        self._medicine_names: tuple[int, dict[str, str]] | None = None
        self._corrector_lock = threading.Lock()
        self._vector_cache = _VectorCache()

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = get_embedder(self.settings)
        return self._embedder

    @cached_property
    def vectors(self) -> VectorStore:
        return VectorStore(self.settings, self.embedder)

    def is_empty(self) -> bool:
        return self.index.count_documents() == 0

    def spelling(self) -> SpellingCorrector:
        """A corrector over the current vocabulary, rebuilt only when the content changed."""
        version = self.index.version()
        with self._corrector_lock:
            if self._corrector is None or self._corrector[0] != version:
                self._corrector = (version, SpellingCorrector(self.index.all_text()))
            return self._corrector[1]

    def medicine_names(self) -> dict[str, str]:
        """Brand names and misspellings of the library's medicines -> the generic name, per content version."""
        version = self.index.version()
        with self._corrector_lock:
            if self._medicine_names is None or self._medicine_names[0] != version:
                self._medicine_names = (version, medicine_name_map(self.index.documents()))
            return self._medicine_names[1]

    def stored_vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The passages' stored vectors, remembered per content version: a chat turn scores a few dozen
        passages the dense search did not return, and asking Chroma for them every turn cost milliseconds."""
        return self._vector_cache.get(self.index.version(), chunk_ids, self.vectors.embeddings)


class _VectorCache:
    """A bounded LRU of vectors by chunk id, emptied whenever the content version changes (chunk ids are
    reused when an article is re-ingested)."""

    def __init__(self, capacity: int = 20_000) -> None:
        self.capacity = capacity
        self._version: int | None = None
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, version: int, chunk_ids: Sequence[str],
            fetch: Callable[[list[str]], dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
        with self._lock:
            if version != self._version:
                self._version, self._vectors = version, OrderedDict()
            found = {chunk_id: self._vectors[chunk_id] for chunk_id in chunk_ids if chunk_id in self._vectors}
            for chunk_id in found:
                self._vectors.move_to_end(chunk_id)
        missing = [chunk_id for chunk_id in chunk_ids if chunk_id not in found]
        if missing:
            fetched = fetch(missing)
            found.update(fetched)
            with self._lock:
                if version == self._version:
                    self._vectors.update(fetched)
                    while len(self._vectors) > self.capacity:
                        self._vectors.popitem(last=False)
        return found
