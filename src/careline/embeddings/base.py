"""The embedder interface and the factory that picks one from settings (one instance per process)."""

from __future__ import annotations

import threading
from typing import Protocol

from careline.settings import Settings


class Embedder(Protocol):
    """Turns texts into normalized vectors. Documents and queries may be embedded differently."""

    name: str
    dimension: int

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    def embed_query(self, text: str) -> list[float]: ...


class BatchEmbedder(Embedder, Protocol):
    """An embedder that can embed several queries in one call (both bundled embedders can)."""

    def embed_queries(self, texts: list[str]) -> list[list[float]]: ...


_lock = threading.Lock()
_instances: dict[tuple[str, str, str | None, int, int], Embedder] = {}


def get_embedder(settings: Settings) -> Embedder:
    """The process-wide embedder for these settings (recent queries remembered, concurrent queries batched);
    the model loads on first use only."""
    key = (settings.embedding_provider, settings.embedding_model, settings.llm_base_url,
           settings.embedding_max_tokens, settings.embedding_query_batch)
    with _lock:
        if key not in _instances:
            batched = _with_query_batching(_build(settings), settings.embedding_query_batch)
            _instances[key] = _with_recent_queries(batched)
        return _instances[key]


def _with_recent_queries(embedder: Embedder) -> Embedder:
    # Triage's second opinion and retrieval often embed the same message in one turn: once is enough.
    from careline.embeddings.cache import RecentQueries

    return RecentQueries(embedder)


def _with_query_batching(embedder: BatchEmbedder, max_batch: int) -> Embedder:
    if max_batch <= 1:
        return embedder
    from careline.embeddings.batching import QueryBatcher

    return QueryBatcher(embedder, max_batch=max_batch)


def _build(settings: Settings) -> BatchEmbedder:
    if settings.embedding_provider == "openai":
        from careline.embeddings.openai_embedder import OpenAIEmbedder

        return OpenAIEmbedder(
            model=settings.embedding_model,
            base_url=settings.llm_base_url,
            api_key=settings.llm_api_key or "unused",
            batch_size=settings.embedding_batch_size,
        )
    from careline.embeddings.local import LocalMiniLMEmbedder

    return LocalMiniLMEmbedder(
        batch_size=settings.embedding_batch_size, max_tokens=settings.embedding_max_tokens,
        threads=settings.embedding_threads,
    )
