"""The knowledge store: the catalog with its BM25 index and the dense vectors, opened together."""

from __future__ import annotations

import threading
from functools import cached_property

from careline.embeddings import Embedder, get_embedder
from careline.retrieval.lexical import ContentIndex
from careline.retrieval.query import SpellingCorrector
from careline.retrieval.vector import VectorStore
from careline.settings import Settings


class KnowledgeStore:
    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        settings.ensure_data_dir()
        self.settings = settings
        self.index = ContentIndex(settings.content_index_path)
        self._embedder = embedder
        self._corrector: tuple[int, SpellingCorrector] | None = None
        self._corrector_lock = threading.Lock()

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
