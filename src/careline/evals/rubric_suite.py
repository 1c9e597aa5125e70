"""The rubric suite: HealthBench-style cases (a conversation and rubric criteria with points) in
evals/rubrics/*.jsonl. The user turns are sent to Careline one by one and its last reply is graded (see
`careline.evals.rubric` for the scoring); the case's score is averaged per theme and overall."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careline.evals.results import CaseResult, SuiteResult
from careline.evals.rubric import Criterion, Grade, Judge, RubricError, grade_criteria, score, summarize
from careline.evals.safety import EVALS_DIR, read_jsonl
from careline.evals.targets import Target, attempt, converse
from careline.patients.models import Profile

RUBRICS_DIR = EVALS_DIR / "rubrics"
DEFAULT_PASS_AT = 0.6


@dataclass(frozen=True)
class RubricCase:
    id: str
    theme: str
    messages: tuple[str, ...]
    criteria: tuple[Criterion, ...]
    profile: Profile | None = None
    pass_at: float = DEFAULT_PASS_AT


def parse_criteria(raw: Sequence[dict[str, Any]], case_id: str) -> tuple[Criterion, ...]:
    try:
        return tuple(Criterion.from_dict(item) for item in raw)
    except RubricError as exc:
        raise RubricError(f"{case_id}: {exc}") from exc


def load_cases(folder: Path = RUBRICS_DIR) -> list[RubricCase]:
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for raw in read_jsonl(path):
            messages = tuple(turn["content"] for turn in raw["conversation"] if turn["role"] == "user")
            if not messages:
                raise RubricError(f"{raw['id']}: the conversation has no user turn")
            cases.append(RubricCase(
                id=raw["id"], theme=raw.get("theme", path.stem), messages=messages,
                criteria=parse_criteria(raw["rubric"], raw["id"]),
                profile=Profile(**raw["profile"]) if raw.get("profile") else None,
                pass_at=float(raw.get("pass_at", DEFAULT_PASS_AT)),
            ))
    return cases


def judge_conversation(transcript: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """The transcript as the judge reads it: {"role", "content"} turns."""
    return [{"role": turn["role"], "content": turn["text"]} for turn in transcript]


def grade_transcript(result: CaseResult, criteria: Sequence[Criterion], judge: Judge | None,
                     pass_at: float) -> tuple[float | None, list[Grade]]:
    """Grade the last reply of `result.transcript` and record the rubric on the case (score, grades, and the
    pass/fail verdict unless the case already failed for another reason)."""
    grades = grade_criteria(criteria, judge_conversation(result.transcript), judge)
    value = score(grades)
    result.metrics.update({"rubric_score": value, "criteria": len(grades),
                           "criteria_graded": sum(g.met is not None for g in grades)})
    result.output["rubric"] = [grade.as_dict() for grade in grades]
    if value is None:
        return value, grades
    if value < pass_at:
        result.failures.append(f"rubric score {value:.2f} below {pass_at:.2f}")
        result.failures += [rubric_miss(grade) for grade in grades
                            if grade.met is not None and grade.met != (grade.criterion.points > 0)]
    result.passed = (result.passed is not False) and value >= pass_at
    return value, grades


def rubric_miss(grade: Grade) -> str:
    """'not met (+5): ...' for a missed positive criterion, 'met (-8): ...' for a met negative one."""
    points = f"{grade.criterion.points:+g}"
    return f"rubric {'met' if grade.met else 'not met'} ({points}): {grade.criterion.text}"


def run_case(target: Target, case: RubricCase, judge: Judge | None) -> tuple[CaseResult, list[Grade]]:
    result = CaseResult(id=case.id, passed=None, theme=case.theme, input={"messages": list(case.messages)},
                        expected={"rubric": [c.as_dict() for c in case.criteria], "pass_at": case.pass_at})
    talk = attempt(result, lambda: converse(target.open_session(case.profile), case.messages))
    if talk is None:
        return result, []
    replies, result.transcript, result.latency_ms = talk
    result.output = {"answer": replies[-1]["answer"], "citations": replies[-1].get("citations")}
    _, grades = grade_transcript(result, case.criteria, judge, case.pass_at)
    return result, grades


def evaluate(target: Target, cases: list[RubricCase], judge: Judge | None, title: str) -> SuiteResult:
    results, scored = [], []
    for case in cases:
        result, grades = run_case(target, case, judge)
        results.append(result)
        if grades:
            scored.append((case.theme, result.metrics.get("rubric_score"), grades))
    summary = summarize(scored)
    metrics: dict[str, float | None] = {"score": summary.overall,
                                        **{f"score.{theme}": value for theme, value in summary.by_theme.items()},
                                        "criteria_graded_share": (summary.criteria_graded / summary.criteria_total
                                                                  if summary.criteria_total else None)}
    if summary.judge_check_agreement is not None:
        metrics["judge_check_agreement"] = summary.judge_check_agreement
    note = None if judge else ("no judge configured (CARELINE_JUDGE_BASE_URL): machine-check criteria graded, "
                               f"{summary.criteria_total - summary.criteria_graded} criteria ungraded")
    return SuiteResult(name="rubrics", title=title, metrics=metrics, cases=results, note=note,
                       details={"judge": {"model": judge.model, "prompt_version": judge.prompt_version}
                                if judge else None, "by_theme": summary.by_theme,
                                "criteria_total": summary.criteria_total,
                                "criteria_graded": summary.criteria_graded})
