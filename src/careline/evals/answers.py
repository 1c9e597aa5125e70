"""Answers eval: the questions of evals/answers/cases.jsonl asked through the chat (this process or over
HTTP) and scored by the chat's own scorer, `careline.chat.evaluation.score_answers` (citation validity,
verbatim traceability, abstention, required articles and facts, forbidden content).

Added here: abstention precision, grounding as the issue defines it (share of answer sentences supported by
the article they cite, by the chat's support test, which also accepts a faithful paraphrase from an LLM
engine), and a result per case with its transcript, citations and latency."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from careline.evals.expectations import LibraryText, check_citations, grounding_failures
from careline.evals.results import CaseResult, SuiteResult, ratio
from careline.evals.safety import EVALS_DIR
from careline.evals.targets import Target, TargetError, Timed, timed, transcript_turn

CASES_FILE = EVALS_DIR / "answers" / "cases.jsonl"
# The scorer's verbatim check; cases are failed on the support test instead (see the module docstring).
VERBATIM_ONLY = "untraceable sentence"


def as_chat_reply(reply: dict[str, Any]) -> Any:
    """The reply JSON in the shape `score_answers` reads (a ChatReply's answer, body, citations, abstained)."""
    return SimpleNamespace(
        answer=reply.get("answer") or "", body=reply.get("body") or engine_part(reply.get("answer") or ""),
        abstained=bool(reply.get("abstained")),
        citations=[SimpleNamespace(n=int(c["n"]), doc_id=c["doc_id"]) for c in reply.get("citations") or []],
    )


def engine_part(answer: str) -> str:
    """The engine's part of an answer read over HTTP (whose JSON has no `body`): without the safety and scope
    paragraphs before the first cited paragraph, nor the "For you" notes after it."""
    paragraphs = answer.split("\n\nFor you:")[0].split("\n\n")
    first_cited = next((i for i, p in enumerate(paragraphs) if re.search(r"\[\d+", p)), len(paragraphs))
    return "\n\n".join(paragraphs[first_cited:]) or answer


def case_result(case: dict[str, Any], call: Timed, failures: list[str], library: LibraryText) -> CaseResult:
    reply = call.value
    if "error" in reply:
        return CaseResult(id=case["id"], passed=False, failures=[reply["error"]], input={"question": case["question"]},
                          transcript=[transcript_turn("user", case["question"])])
    check = check_citations(reply, library)
    abstained = bool(reply.get("abstained"))
    if abstained and not case["should_abstain"]:
        failures = [*failures, "abstained but should have answered"]  # the scorer only counts these
    if not abstained:
        # Invalid markers are already among the scorer's reasons.
        failures = failures + grounding_failures(check)
        if not check.has_markers:
            failures.append("answered without citing anything")
    return CaseResult(
        id=case["id"], passed=not failures, latency_ms=call.ms, failures=failures,
        input={"question": case["question"]},
        expected={key: case.get(key) for key in ("must_cite", "must_contain", "must_not_contain", "should_abstain")},
        output={"answer": reply.get("answer"), "citations": reply.get("citations"), "abstained": abstained,
                "engine": reply.get("engine")},
        metrics={"abstained": abstained, "cited_sentences": check.cited_sentences,
                 "supported_sentences": check.supported_sentences, "grounding": check.grounding},
        transcript=[transcript_turn("user", case["question"]), transcript_turn("assistant", reply["answer"], reply)],
    )


def evaluate(target: Target, library: LibraryText, path: Path, title: str) -> SuiteResult:
    from careline.chat.evaluation import load_cases, score_answers

    cases = load_cases(path)
    calls: list[Timed] = []

    def ask(question: str) -> Any:
        try:
            session = target.open_session()
            calls.append(timed(lambda: session.send(question)))
        except TargetError as exc:  # scored as an empty answer; the case shows the error
            calls.append(Timed({"answer": "", "citations": [], "abstained": False, "error": str(exc)}, 0.0))
        return as_chat_reply(calls[-1].value)

    score = score_answers(ask, library.store, cases)
    reasons: dict[str, list[str]] = {}
    for failure in score.failures:
        case_id, _, reason = failure.partition(": ")
        if not reason.startswith(VERBATIM_ONLY):
            reasons.setdefault(case_id, []).append(reason)
    results = [case_result(case, call, reasons.get(case["id"], []), library)
               for case, call in zip(cases, calls, strict=True)]
    figures = score.figures
    false_abstentions = score.answer_expected - score.answered
    metrics = {
        "citation_validity": figures["citation_validity"],
        "grounding": ratio(sum(r.metrics["supported_sentences"] for r in results),
                           sum(r.metrics["cited_sentences"] for r in results)),
        "traceability": figures["grounding"],
        "required_facts": figures["must_contain"],
        "must_cite_recall": figures["must_cite"],
        "forbidden_absent": figures["must_not_contain"],
        "abstention_precision": ratio(score.abstain_correct, score.abstain_correct + false_abstentions),
        "abstention_recall": figures["abstain_accuracy"],
        "answer_rate": figures["answer_rate"],
    }
    return SuiteResult(name="answers", title=title, metrics=metrics, cases=results)
