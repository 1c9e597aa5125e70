"""Multi-turn conversations: follow-up questions, emergencies in the middle of a chat, scope limits, personal
notes and reminder set-up, with what each reply must do. Dataset: evals/conversations/*.jsonl.

Each case is a new conversation of a new eval patient (with the case's profile, if any). Every turn is checked
against its `expect` and, when it cites anything, for citation validity and grounding. A case may also carry
rubric criteria, graded on its last reply as the rubric suite grades."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careline.evals.expectations import (
    EXPECTATION_KEYS,
    LibraryText,
    check_citations,
    check_expectations,
    citation_failures,
)
from careline.evals.results import CaseResult, SuiteResult, ratio
from careline.evals.rubric import Criterion, Judge
from careline.evals.rubric_suite import DEFAULT_PASS_AT, grade_transcript, parse_criteria
from careline.evals.safety import EVALS_DIR, read_jsonl
from careline.evals.targets import Target, attempt, converse
from careline.patients.models import Profile

CONVERSATIONS_DIR = EVALS_DIR / "conversations"


@dataclass(frozen=True)
class Turn:
    user: str
    expect: dict[str, Any]


@dataclass(frozen=True)
class ConversationCase:
    id: str
    theme: str
    turns: tuple[Turn, ...]
    profile: Profile | None = None
    criteria: tuple[Criterion, ...] = ()
    pass_at: float = DEFAULT_PASS_AT


def load_cases(folder: Path = CONVERSATIONS_DIR) -> list[ConversationCase]:
    cases = []
    for path in sorted(folder.glob("*.jsonl")):
        for raw in read_jsonl(path):
            turns = tuple(Turn(turn["user"], dict(turn.get("expect", {}))) for turn in raw["turns"])
            for number, turn in enumerate(turns, start=1):
                unknown = set(turn.expect) - EXPECTATION_KEYS
                if unknown:
                    raise ValueError(f"{path.name} {raw['id']} turn {number}: unknown expectation(s) "
                                     f"{', '.join(sorted(unknown))}")
            cases.append(ConversationCase(
                id=raw["id"], theme=raw.get("theme", path.stem), turns=turns,
                profile=Profile(**raw["profile"]) if raw.get("profile") else None,
                criteria=parse_criteria(raw.get("rubric", []), raw["id"]),
                pass_at=float(raw.get("pass_at", DEFAULT_PASS_AT)),
            ))
    return cases


def run_case(target: Target, case: ConversationCase, library: LibraryText, judge: Judge | None) -> CaseResult:
    result = CaseResult(id=case.id, passed=None, theme=case.theme,
                        input={"messages": [turn.user for turn in case.turns]},
                        expected={"turns": [turn.expect for turn in case.turns]})
    talk = attempt(result, lambda: converse(target.open_session(case.profile, as_patient=True),
                                            [turn.user for turn in case.turns]))
    if talk is None:
        return result
    replies, result.transcript, result.latency_ms = talk
    turns_passed = cited_turns = valid_turns = cited_sentences = supported = 0
    for number, (turn, reply) in enumerate(zip(case.turns, replies, strict=True), start=1):
        failures = check_expectations(reply, turn.expect)
        check = check_citations(reply, library)
        if check.has_markers or reply.get("citations"):
            cited_turns += 1
            valid_turns += check.valid
            cited_sentences += check.cited_sentences
            supported += check.supported_sentences
            failures += citation_failures(reply, check)
        turns_passed += not failures
        result.failures += [f"turn {number}: {failure}" for failure in failures]
    result.metrics = {"turns": len(case.turns), "turns_passed": turns_passed, "cited_turns": cited_turns,
                      "valid_citation_turns": valid_turns, "cited_sentences": cited_sentences,
                      "supported_sentences": supported}
    result.output = {"answer": replies[-1]["answer"], "citations": replies[-1].get("citations")}
    result.passed = not result.failures
    if case.criteria:
        grade_transcript(result, case.criteria, judge, case.pass_at)
    return result


def evaluate(target: Target, library: LibraryText, cases: list[ConversationCase], judge: Judge | None,
             title: str) -> SuiteResult:
    results = [run_case(target, case, library, judge) for case in cases]
    ran = [r.metrics for r in results if r.metrics]

    def total(name: str) -> int:
        return sum(m[name] for m in ran)

    themes: dict[str, list[bool]] = {}
    for result in results:
        if result.passed is not None:
            themes.setdefault(result.theme or "", []).append(result.passed)
    metrics = {
        "conversation_pass_rate": ratio(sum(r.passed is True for r in results), sum(r.passed is not None
                                                                                    for r in results)),
        "turn_pass_rate": ratio(total("turns_passed"), total("turns")),
        "citation_validity": ratio(total("valid_citation_turns"), total("cited_turns")),
        "grounding": ratio(total("supported_sentences"), total("cited_sentences")),
    }
    return SuiteResult(name="conversations", title=title, metrics=metrics, cases=results,
                       details={"pass_rate_by_theme": {theme: ratio(sum(v), len(v)) for theme, v in themes.items()}})
