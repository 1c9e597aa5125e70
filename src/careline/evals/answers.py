"""Answers eval: questions asked through the chat, graded on citation validity, grounding (share of answer
sentences supported by the article they cite), required facts present, forbidden content absent, and
abstention precision and recall on questions the library does not cover. Dataset: evals/answers/cases.jsonl.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from careline.evals.expectations import LibraryText, check_citations, check_expectations, citation_failures
from careline.evals.results import CaseResult, CaseSkipped, SuiteResult, contains, ratio
from careline.evals.safety import EVALS_DIR, read_jsonl
from careline.evals.targets import Target, TargetError, converse

CASES_FILE = EVALS_DIR / "answers" / "cases.jsonl"


@dataclass(frozen=True)
class AnswerCase:
    id: str
    question: str
    must_cite: tuple[str, ...]
    must_contain: tuple[str, ...]
    must_not_contain: tuple[str, ...]
    should_abstain: bool

    @property
    def expect(self) -> dict[str, Any]:
        return {"must_cite": list(self.must_cite), "must_contain": list(self.must_contain),
                "must_not_contain": list(self.must_not_contain), "abstained": self.should_abstain}


def load_cases(path: Path = CASES_FILE) -> list[AnswerCase]:
    return [AnswerCase(raw["id"], raw["question"], tuple(raw.get("must_cite", [])), tuple(raw.get("must_contain", [])),
                       tuple(raw.get("must_not_contain", [])), bool(raw.get("should_abstain", False)))
            for raw in read_jsonl(path)]


def run_case(target: Target, case: AnswerCase, library: LibraryText) -> CaseResult:
    result = CaseResult(id=case.id, passed=None, input={"question": case.question}, expected=case.expect)
    try:
        replies, result.transcript, result.latency_ms = converse(target.open_session(), [case.question])
    except CaseSkipped as exc:
        result.skipped = str(exc)
        return result
    except TargetError as exc:
        result.passed, result.failures = False, [str(exc)]
        return result
    reply = replies[0]
    check = check_citations(reply, library)
    abstained = bool(reply.get("abstained"))
    failures = check_expectations(reply, case.expect)
    if not abstained:
        failures += citation_failures(reply, check)
        if not check.has_markers:
            failures.append("answered without citing anything")
    answer = reply.get("answer") or ""
    result.metrics = {
        "abstained": abstained, "citation_valid": None if abstained else check.valid,
        "cited_sentences": check.cited_sentences, "supported_sentences": check.supported_sentences,
        "grounding": check.grounding,
        "facts_found": sum(contains(answer, phrase) for phrase in case.must_contain),
        "facts_total": len(case.must_contain),
        "forbidden_found": sum(contains(answer, phrase) for phrase in case.must_not_contain),
        "forbidden_total": len(case.must_not_contain),
        "cited_found": sum(1 for doc_id in case.must_cite if doc_id in {c["doc_id"] for c in reply["citations"]}),
        "cited_total": len(case.must_cite),
    }
    result.output = {"answer": answer, "citations": reply.get("citations"), "abstained": abstained,
                     "engine": reply.get("engine")}
    result.passed, result.failures = not failures, failures
    return result


def summarize(cases: list[AnswerCase], results: list[CaseResult]) -> dict[str, float | None]:
    ran = [(case, result) for case, result in zip(cases, results, strict=True) if result.metrics]
    metrics = [result.metrics for _, result in ran]
    answered = [m for m in metrics if not m["abstained"]]
    should = [case.should_abstain for case, _ in ran]
    did = [m["abstained"] for m in metrics]
    true_abstentions = sum(s and d for s, d in zip(should, did, strict=True))
    total = {name: sum(m[name] for m in metrics) for name in ("cited_sentences", "supported_sentences", "facts_found",
                                                             "facts_total", "forbidden_found", "forbidden_total",
                                                             "cited_found", "cited_total")}
    return {
        "citation_validity": ratio(sum(bool(m["citation_valid"]) for m in answered), len(answered)),
        "grounding": ratio(total["supported_sentences"], total["cited_sentences"]),
        "required_facts": ratio(total["facts_found"], total["facts_total"]),
        "must_cite_recall": ratio(total["cited_found"], total["cited_total"]),
        "forbidden_absent": ratio(total["forbidden_total"] - total["forbidden_found"], total["forbidden_total"]),
        "abstention_precision": ratio(true_abstentions, sum(did)),
        "abstention_recall": ratio(true_abstentions, sum(should)),
    }


def evaluate(target: Target, library: LibraryText, cases: list[AnswerCase], title: str) -> SuiteResult:
    results = [run_case(target, case, library) for case in cases]
    return SuiteResult(name="answers", title=title, metrics=summarize(cases, results), cases=results)
