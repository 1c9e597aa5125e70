"""What one eval run produces: a result per case and per suite, in the shape `results.json` stores."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from careline.evals.metrics import mean, percentile


class CaseSkipped(Exception):
    """A case that cannot run against this target (e.g. a profile over HTTP without an admin token)."""


@dataclass
class CaseResult:
    """One case: whether it passed (None = not graded), its own metrics, and what an evaluator needs to see
    why it failed (the inputs, the expectation, the transcript with citations, the reasons)."""

    id: str
    passed: bool | None
    latency_ms: float | None = None
    metrics: dict[str, Any] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    input: dict[str, Any] = field(default_factory=dict)
    expected: dict[str, Any] = field(default_factory=dict)
    output: dict[str, Any] = field(default_factory=dict)
    # [{"role": "user"|"assistant", "text", "citations": [...], "safety": {...}}]
    transcript: list[dict[str, Any]] = field(default_factory=list)
    theme: str | None = None
    skipped: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data = {key: value for key, value in self.__dict__.items() if value not in (None, [], {})}
        data["id"], data["passed"] = self.id, self.passed
        return data


@dataclass
class SuiteResult:
    name: str
    title: str
    status: str = "ok"  # "ok", "skipped" (with a note), "error" (with the error)
    note: str | None = None
    metrics: dict[str, float | None] = field(default_factory=dict)
    cases: list[CaseResult] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def graded(self) -> list[CaseResult]:
        return [case for case in self.cases if case.passed is not None]

    @property
    def failures(self) -> list[CaseResult]:
        return [case for case in self.cases if case.passed is False]

    @property
    def pass_rate(self) -> float | None:
        graded = self.graded
        return sum(case.passed is True for case in graded) / len(graded) if graded else None

    def latency(self) -> dict[str, float | None]:
        values = [case.latency_ms for case in self.cases if case.latency_ms is not None]
        if not values:
            return {"p50_ms": None, "p95_ms": None, "mean_ms": None}
        return {"p50_ms": round(percentile(values, 50), 2), "p95_ms": round(percentile(values, 95), 2),
                "mean_ms": round(mean(values), 2)}

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "title": self.title, "status": self.status, "note": self.note,
            "metrics": {key: clean_number(value) for key, value in self.metrics.items()},
            "pass_rate": clean_number(self.pass_rate), "cases_total": len(self.cases),
            "cases_graded": len(self.graded), "cases_passed": sum(case.passed is True for case in self.cases),
            "cases_skipped": sum(case.skipped is not None for case in self.cases),
            "latency": self.latency(), "seconds": round(self.seconds, 2), "details": self.details,
            "cases": [case.as_dict() for case in self.cases],
        }


def clean_number(value: Any) -> Any:
    """Round floats for the report; NaN (a metric with nothing to measure) becomes None (JSON null)."""
    if isinstance(value, float):
        return None if value != value else round(value, 4)
    return value


def ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator, or None when there is nothing to measure."""
    return numerator / denominator if denominator else None


def share(flags: Sequence[bool]) -> float | None:
    return ratio(sum(flags), len(flags))


def contains(text: str, phrase: str) -> bool:
    """Case- and spacing-insensitive phrase search, as the datasets' must-contain lists mean it."""
    return " ".join(phrase.lower().split()) in " ".join(text.lower().split())
