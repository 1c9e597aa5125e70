"""Reciprocal rank fusion: combine ranked lists by rank, not raw score, because BM25 scores and cosine
similarities live on different scales that shift from query to query."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

RRF_K = 60


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[str]], weights: Mapping[str, float] | None = None, k: int = RRF_K
) -> dict[str, float]:
    """Score each id by sum(weight / (k + rank)) over the rankings it appears in (rank starts at 1)."""
    if k <= 0:
        raise ValueError("k must be positive")
    scores: dict[str, float] = {}
    for name, ranking in rankings.items():
        weight = 1.0 if weights is None else weights.get(name, 1.0)
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return scores
