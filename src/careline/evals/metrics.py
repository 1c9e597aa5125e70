"""Ranking and latency metrics shared by the eval suites and the benchmarks."""

from __future__ import annotations

import math
from collections.abc import Sequence


def hit_at_k(ranked: Sequence[str], expected: str | set[str], k: int) -> float:
    wanted = {expected} if isinstance(expected, str) else expected
    return 1.0 if any(item in wanted for item in ranked[:k]) else 0.0


def reciprocal_rank(ranked: Sequence[str], expected: str | set[str], k: int = 10) -> float:
    wanted = {expected} if isinstance(expected, str) else expected
    for position, item in enumerate(ranked[:k], start=1):
        if item in wanted:
            return 1.0 / position
    return 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan
