"""Embeddings from any OpenAI-compatible endpoint, switched on by CARELINE_EMBEDDING_PROVIDER=openai."""

from __future__ import annotations

import math


class OpenAIEmbedder:
    def __init__(self, model: str, base_url: str | None, api_key: str, batch_size: int = 64) -> None:
        from openai import OpenAI

        self.name = model
        self.dimension = 0  # known after the first call
        self.batch_size = batch_size
        self._client = OpenAI(base_url=base_url, api_key=api_key)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            response = self._client.embeddings.create(model=self.name, input=texts[start : start + self.batch_size])
            vectors.extend(_normalize(item.embedding) for item in response.data)
        if vectors:
            self.dimension = len(vectors[0])
        return vectors

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        return self.embed_documents(texts)


def _normalize(vector: list[float]) -> list[float]:
    norm = math.sqrt(sum(x * x for x in vector)) or 1.0
    return [x / norm for x in vector]
