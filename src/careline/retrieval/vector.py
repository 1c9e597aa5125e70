"""Dense passage vectors in Chroma, through langchain-chroma.

The store never embeds by itself: Chroma's default embedding function downloads a model, so the
collection is created with none and every vector comes from Careline's own embedder.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import chromadb
import numpy as np
from chromadb.config import Settings as ChromaSettings
from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from careline.content.models import Chunk, ContentRecord
from careline.embeddings import Embedder
from careline.retrieval.lexical import Filters
from careline.settings import Settings

# Chroma accepts at most ~5,461 records per call; stay well below.
_UPSERT_BATCH = 1000


class _LangChainEmbeddings(Embeddings):
    """Adapts Careline's embedder to LangChain's interface."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embedder.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text)


def make_chroma_client(settings: Settings) -> Any:
    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        from urllib.parse import urlparse

        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(
            host=url.hostname or "localhost", port=url.port or (443 if url.scheme == "https" else 8000),
            ssl=url.scheme == "https", settings=chroma_settings,
        )
    settings.chroma_path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(settings.chroma_path), settings=chroma_settings)


class VectorStore:
    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self.embedder = embedder
        self._client = make_chroma_client(settings)
        self._store = Chroma(
            collection_name=settings.chroma_collection,
            embedding_function=_LangChainEmbeddings(embedder),
            client=self._client,
            collection_metadata={"hnsw:space": "cosine"},
        )

    @property
    def collection(self) -> Any:
        return self._store._collection

    def count(self) -> int:
        return self.collection.count()

    def upsert(self, items: Sequence[tuple[ContentRecord, Chunk]], vectors: Sequence[list[float]]) -> None:
        for start in range(0, len(items), _UPSERT_BATCH):
            batch = items[start : start + _UPSERT_BATCH]
            self.collection.upsert(
                ids=[chunk.chunk_id for _, chunk in batch],
                embeddings=[list(v) for v in vectors[start : start + _UPSERT_BATCH]],
                documents=[chunk.text for _, chunk in batch],
                metadatas=[_metadata(record, chunk) for record, chunk in batch],
            )

    def delete(self, chunk_ids: Sequence[str]) -> None:
        for start in range(0, len(chunk_ids), _UPSERT_BATCH):
            self.collection.delete(ids=list(chunk_ids[start : start + _UPSERT_BATCH]))

    def search(self, vector: list[float], filters: Filters, limit: int) -> list[tuple[str, float]]:
        """(chunk_id, cosine similarity) best first."""
        # Straight to the collection, asking only for ids and distances: the passages' text and metadata come
        # from the catalog, and fetching them here cost more than the nearest-neighbour search itself. No
        # count() guard either: Chroma answers an empty collection with no results.
        if limit <= 0:
            return []
        found = self.collection.query(query_embeddings=[vector], n_results=limit, where=_where(filters),
                                      include=["distances"])
        return [(chunk_id, 1.0 - distance) for chunk_id, distance in zip(found["ids"][0], found["distances"][0],
                                                                          strict=True)]

    def embeddings(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """Stored vectors by chunk id (to score candidates the dense search did not return)."""
        if not chunk_ids:
            return {}
        found = self.collection.get(ids=list(chunk_ids), include=["embeddings"])
        return {chunk_id: np.asarray(vector, dtype=np.float32)
                for chunk_id, vector in zip(found["ids"], found["embeddings"], strict=True)}

    def heartbeat(self) -> bool:
        self._client.heartbeat()
        return True


def _metadata(record: ContentRecord, chunk: Chunk) -> dict[str, Any]:
    return {
        "chunk_id": chunk.chunk_id, "doc_id": record.doc_id, "title": record.title, "section": chunk.section,
        "intent": chunk.intent, "audience": record.audience, "language": record.language, "type": record.type,
        "url": record.url or "", "source": record.source or "",
    }


def _where(filters: Filters) -> dict[str, Any] | None:
    clauses: list[dict[str, Any]] = []
    audiences = filters.audiences()
    if audiences:
        clauses.append({"audience": {"$in": list(audiences)}})
    if filters.language:
        clauses.append({"language": filters.language})
    if filters.types:
        clauses.append({"type": {"$in": list(filters.types)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}
