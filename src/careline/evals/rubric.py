"""Rubric grading in the HealthBench style.

A case carries rubric criteria, each worth points: positive for what a good reply does, negative for what a
harmful or unhelpful reply does. A criterion is "met" when the reply does what it describes (a met negative
criterion costs its points). The case scores

    (sum of the points of the met criteria) / (sum of the positive points), clipped to [0, 1]

and scores are averaged per theme and overall. An LLM judge, when configured, grades every criterion. Without
one, criteria written as machine checks (`must_mention`, `must_not_mention`, `regex`) are graded by those
checks and the others are reported as ungraded, never guessed; the score then counts only graded criteria
(a case with no graded positive criterion has no score).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from careline.evals.metrics import mean
from careline.evals.results import contains


class RubricError(ValueError):
    """A rubric criterion in a dataset is malformed."""


@dataclass(frozen=True)
class Criterion:
    text: str
    points: float
    tags: tuple[str, ...] = ()
    must_mention: tuple[str, ...] = ()
    must_not_mention: tuple[str, ...] = ()
    regex: str | None = None

    def __post_init__(self) -> None:
        # Checked when the dataset is read, not halfway through a run.
        if not self.text.strip():
            raise RubricError("a rubric criterion needs its text ('criterion')")
        if isinstance(self.points, bool) or not isinstance(self.points, int | float) or self.points == 0:
            raise RubricError(f"criterion {self.text!r}: 'points' must be a non-zero number")
        if self.regex is not None:
            try:
                re.compile(self.regex)
            except re.error as exc:
                raise RubricError(f"criterion {self.text!r}: bad regex ({exc})") from exc

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> Criterion:
        unknown = set(raw) - {"criterion", "points", "tags", "must_mention", "must_not_mention", "regex"}
        if unknown:
            raise RubricError(f"criterion {raw.get('criterion')!r}: unknown field(s) {', '.join(sorted(unknown))}")
        return cls(text=str(raw.get("criterion", "")), points=raw.get("points", 0), tags=tuple(raw.get("tags", [])),
                   must_mention=tuple(raw.get("must_mention", [])),
                   must_not_mention=tuple(raw.get("must_not_mention", [])), regex=raw.get("regex"))

    @property
    def machine_checkable(self) -> bool:
        return bool(self.must_mention or self.must_not_mention or self.regex)

    def check(self, response: str) -> bool | None:
        """Met or not by the machine checks (all given checks must hold); None when it has none."""
        if not self.machine_checkable:
            return None
        met = all(contains(response, phrase) for phrase in self.must_mention)
        met = met and not any(contains(response, phrase) for phrase in self.must_not_mention)
        if self.regex is not None:
            met = met and re.search(self.regex, response, re.IGNORECASE) is not None
        return met

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"criterion": self.text, "points": self.points}
        for name in ("tags", "must_mention", "must_not_mention", "regex"):
            if getattr(self, name):
                data[name] = list(value) if isinstance(value := getattr(self, name), tuple) else value
        return data


@dataclass(frozen=True)
class Verdict:
    """A judge's decision on one criterion; `met` is None when the judge gave no usable answer."""

    met: bool | None
    explanation: str = ""
    error: str | None = None


class Judge(Protocol):
    model: str
    prompt_version: str

    def grade(self, conversation: Sequence[dict[str, str]], criterion: Criterion) -> Verdict: ...


@dataclass
class Grade:
    criterion: Criterion
    met: bool | None
    by: str | None  # "judge", "check" or None (ungraded)
    explanation: str | None = None
    check_met: bool | None = None  # the machine check's answer, kept beside the judge's for comparison

    def as_dict(self) -> dict[str, Any]:
        data = {**self.criterion.as_dict(), "met": self.met, "graded_by": self.by}
        if self.explanation:
            data["explanation"] = self.explanation
        if self.by == "judge" and self.check_met is not None:
            data["check_met"] = self.check_met
        return data


def grade_criteria(criteria: Sequence[Criterion], conversation: Sequence[dict[str, str]],
                   judge: Judge | None = None, *, workers: int = 4) -> list[Grade]:
    """Grade each criterion against the last assistant turn of `conversation` ({"role", "content"} dicts)."""
    response = next((turn["content"] for turn in reversed(conversation) if turn["role"] == "assistant"), "")
    if judge is None:
        return [Grade(c, c.check(response), "check" if c.machine_checkable else None) for c in criteria]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        verdicts = list(pool.map(lambda criterion: judge.grade(conversation, criterion), criteria))
    return [Grade(c, v.met, "judge" if v.met is not None else None, v.explanation or v.error, c.check(response))
            for c, v in zip(criteria, verdicts, strict=True)]


def score(grades: Sequence[Grade]) -> float | None:
    """HealthBench's case score over the graded criteria: met points / positive points, clipped to [0, 1]."""
    graded = [grade for grade in grades if grade.met is not None]
    positive = sum(grade.criterion.points for grade in graded if grade.criterion.points > 0)
    if positive <= 0:
        return None
    achieved = sum(grade.criterion.points for grade in graded if grade.met)
    return min(1.0, max(0.0, achieved / positive))


@dataclass
class RubricSummary:
    overall: float | None
    by_theme: dict[str, float | None] = field(default_factory=dict)
    criteria_total: int = 0
    criteria_graded: int = 0
    # Of the criteria the judge graded that also have a machine check: how often the two agree.
    judge_check_agreement: float | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def summarize(scored: Sequence[tuple[str, float | None, Sequence[Grade]]]) -> RubricSummary:
    """Average case scores per theme and overall; (theme, score, grades) per case."""
    themes: dict[str, list[float]] = {}
    for theme, value, _ in scored:
        themes.setdefault(theme, [])
        if value is not None:
            themes[theme].append(value)
    every = [value for _, value, _ in scored if value is not None]
    grades = [grade for _, _, case_grades in scored for grade in case_grades]
    compared = [grade.met == grade.check_met for grade in grades if grade.by == "judge" and grade.check_met is not None]
    return RubricSummary(
        overall=mean(every) if every else None,
        by_theme={theme: (mean(values) if values else None) for theme, values in sorted(themes.items())},
        criteria_total=len(grades), criteria_graded=sum(grade.met is not None for grade in grades),
        judge_check_agreement=(sum(compared) / len(compared)) if compared else None,
    )
