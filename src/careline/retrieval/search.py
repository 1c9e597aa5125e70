"""Hybrid retrieval: BM25 and dense candidates, fused by rank, re-ranked by question type, one passage
per document."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

import numpy as np

from careline.retrieval.fusion import reciprocal_rank_fusion
from careline.retrieval.lexical import Filters, StoredChunk
from careline.retrieval.query import AnalyzedQuery, analyze_query
from careline.retrieval.store import KnowledgeStore

Mode = Literal["hybrid", "bm25", "dense"]
MAX_K = 50


@dataclass(frozen=True)
class SearchResult:
    doc_id: str
    chunk_id: str
    title: str
    section: str
    url: str | None
    source: str | None
    score: float
    text: str
    intent: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class RetrieverConfig:
    """How candidates are gathered and fused. Validated on construction, not at query time."""

    mode: Mode = "hybrid"
    # Convex combination beat reciprocal rank fusion on our patient-question eval and on the
    # section-level proxy (benchmarks/retrieval.py prints both); RRF stays available for comparison.
    fusion: Literal["rrf", "convex"] = "convex"
    alpha: float = 0.8
    candidates: int = 50
    lexical_weight: float = 1.0
    dense_weight: float = 1.0
    intent_boost: float = 0.3
    doc_support_weight: float = 0.15

    def __post_init__(self) -> None:
        if self.mode not in ("hybrid", "bm25", "dense"):
            raise ValueError(f"mode must be hybrid, bm25 or dense, not {self.mode!r}")
        if self.fusion not in ("rrf", "convex"):
            raise ValueError(f"fusion must be rrf or convex, not {self.fusion!r}")
        if not 0.0 <= self.alpha <= 1.0:
            raise ValueError("alpha must be between 0 and 1")
        if self.candidates <= 0:
            raise ValueError("candidates must be positive")
        if min(self.lexical_weight, self.dense_weight, self.intent_boost, self.doc_support_weight) < 0:
            raise ValueError("weights must not be negative")


class HybridRetriever:
    def __init__(self, store: KnowledgeStore, config: RetrieverConfig | None = None) -> None:
        self.store = store
        self.config = config or RetrieverConfig()

    def run(
        self, query: str, k: int = 5, filters: Filters | None = None, per_document: bool = True
    ) -> list[SearchResult]:
        if not 1 <= k <= MAX_K:
            raise ValueError(f"k must be between 1 and {MAX_K}")
        filters = filters or Filters()
        analyzed = analyze_query(query, self.store.spelling(), self.store.medicine_names())
        scores = self._fused_scores(analyzed, filters)
        if not scores:
            return []
        chunks = self.store.index.get_chunks(list(scores))
        ranked = self._rerank(analyzed, scores, chunks)
        if per_document:
            ranked = self._best_per_document(ranked, chunks)
        return [self._result(chunk_id, score, chunks[chunk_id]) for chunk_id, score in ranked[:k]]

    def _fused_scores(self, analyzed: AnalyzedQuery, filters: Filters) -> dict[str, float]:
        config = self.config
        lexical: list[tuple[str, float]] = []
        dense: list[tuple[str, float]] = []
        vector: list[float] | None = None
        if config.mode in ("hybrid", "bm25"):
            lexical = self.store.index.search(analyzed.lexical_terms, filters, config.candidates)
        if config.mode in ("hybrid", "dense"):
            vector = self.store.embedder.embed_query(analyzed.dense_text)
            dense = self.store.vectors.search(vector, filters, config.candidates)
        if config.fusion == "convex" and config.mode == "hybrid" and vector is not None:
            return self._convex(lexical, dense, vector)
        rankings = {"lexical": [c for c, _ in lexical], "dense": [c for c, _ in dense]}
        return reciprocal_rank_fusion(
            rankings, weights={"lexical": config.lexical_weight, "dense": config.dense_weight}
        )

    def _convex(
        self, lexical: list[tuple[str, float]], dense: list[tuple[str, float]], vector: list[float]
    ) -> dict[str, float]:
        """alpha * cosine + (1 - alpha) * BM25 / best BM25, with exact cosines for lexical-only hits."""
        cosine = dict(dense)
        missing = [chunk_id for chunk_id, _ in lexical if chunk_id not in cosine]
        stored = self.store.stored_vectors(missing)
        if stored:
            ids = list(stored)
            similarities = np.stack([stored[chunk_id] for chunk_id in ids]) @ np.asarray(vector, dtype=np.float32)
            cosine.update(zip(ids, similarities.tolist(), strict=True))
        best = max((score for _, score in lexical), default=0.0) or 1.0
        bm25 = {chunk_id: score / best for chunk_id, score in lexical}
        alpha = self.config.alpha
        return {chunk_id: alpha * cosine.get(chunk_id, 0.0) + (1 - alpha) * bm25.get(chunk_id, 0.0)
                for chunk_id in set(cosine) | set(bm25)}

    def _rerank(
        self, analyzed: AnalyzedQuery, scores: dict[str, float], chunks: dict[str, StoredChunk]
    ) -> list[tuple[str, float]]:
        boosted: dict[str, float] = {}
        for chunk_id, score in scores.items():
            chunk = chunks.get(chunk_id)
            if chunk is None:  # vector without catalog row: an interrupted ingest; ignore it
                continue
            if analyzed.intent and chunk.intent == analyzed.intent:
                score *= 1.0 + self.config.intent_boost
            boosted[chunk_id] = score
        return sorted(boosted.items(), key=lambda item: (-item[1], item[0]))

    def _best_per_document(
        self, ranked: list[tuple[str, float]], chunks: dict[str, StoredChunk]
    ) -> list[tuple[str, float]]:
        """Keep each document's best passage; other matching passages of it add a little support."""
        best: dict[str, tuple[str, float]] = {}
        support: dict[str, float] = {}
        for chunk_id, score in ranked:
            doc_id = chunks[chunk_id].doc_id
            if doc_id not in best:
                best[doc_id] = (chunk_id, score)
            else:
                support[doc_id] = max(support.get(doc_id, 0.0), score)
        weight = self.config.doc_support_weight
        merged = [(chunk_id, score + weight * support.get(doc_id, 0.0)) for doc_id, (chunk_id, score) in best.items()]
        return sorted(merged, key=lambda item: (-item[1], item[0]))

    def _result(self, chunk_id: str, score: float, chunk: StoredChunk) -> SearchResult:
        document = self.store.index.get_document(chunk.doc_id)
        return SearchResult(
            doc_id=chunk.doc_id, chunk_id=chunk_id, title=chunk.title, section=chunk.section,
            url=document.url if document else None, source=document.source if document else None,
            score=round(score, 6), text=chunk.text, intent=chunk.intent,
        )
