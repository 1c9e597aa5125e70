"""The vectors of recent queries, remembered: a chat turn embeds the patient's message for triage's second
opinion and, a moment later, retrieval often embeds the very same text. The second time is free."""

from __future__ import annotations

import threading
from collections import OrderedDict

from careline.embeddings.base import Embedder
from careline.embeddings.batching import embed_queries


class RecentQueries:
    """An embedder that answers a query it embedded lately from memory (least recently used goes first).
    Documents pass through: ingestion embeds each text once."""

    def __init__(self, inner: Embedder, capacity: int = 512) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.inner = inner
        self.name = inner.name
        self.capacity = capacity
        self.hits = 0
        self._vectors: OrderedDict[str, list[float]] = OrderedDict()
        self._lock = threading.Lock()

    @property
    def dimension(self) -> int:
        return self.inner.dimension  # an OpenAI embedder learns its dimension on the first call

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embed_queries([text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        found = {text: self._recall(text) for text in texts}
        missing = [text for text, vector in found.items() if vector is None]
        if missing:
            for text, vector in zip(missing, embed_queries(self.inner, missing), strict=True):
                found[text] = vector
                self._remember(text, vector)
        return [found[text] for text in texts]  # type: ignore[misc]

    def _recall(self, text: str) -> list[float] | None:
        with self._lock:
            vector = self._vectors.get(text)
            if vector is not None:
                self._vectors.move_to_end(text)
                self.hits += 1
            return vector

    def _remember(self, text: str, vector: list[float]) -> None:
        with self._lock:
            self._vectors[text] = vector
            self._vectors.move_to_end(text)
            while len(self._vectors) > self.capacity:
                self._vectors.popitem(last=False)
