"""The suite registry behind `careline eval`: each suite's name, where its cases live, and how it runs.

Suites that test the chat (answers, safety, scope, personalization, conversations, rubrics) and retrieval go
through the target (this process, or a running Careline with --base-url). Reminder phrases and FHIR import
test the parsers and the importer themselves and always run in this process. The retrieval, safety, scope and
personalization suites run the runners their developers wrote (`careline.evals.retrieval`, `.safety`,
`.personalization`); wrappers record each call so every case, not only the misses, reaches the report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careline.evals.metrics import hit_at_k, reciprocal_rank
from careline.evals.results import CaseResult, SuiteResult

# The runners are imported when a suite runs, so `careline --help` (which lists the suites) stays fast.
if TYPE_CHECKING:
    from careline.evals import safety as safety_runner
    from careline.evals.expectations import LibraryText
    from careline.evals.rubric import Judge
    from careline.evals.targets import InProcessTarget, Target
    from careline.settings import Settings


@dataclass
class EvalRun:
    """What the suites of one run share."""

    settings: Settings
    evals_dir: Path
    target: Target
    # This process: the library text for grounding, the throw-away database, the parsers.
    local: InProcessTarget
    judge: Judge | None = None

    @cached_property
    def library(self) -> LibraryText:
        from careline.evals.expectations import LibraryText

        return LibraryText(self.local.store)

    @property
    def over_http(self) -> bool:
        return self.target is not self.local


@dataclass(frozen=True)
class Suite:
    name: str
    title: str
    data: str  # the dataset, relative to the evals folder
    run: Callable[[EvalRun, Suite], SuiteResult]
    through_target: bool = True  # False: always in this process, whatever the target


# -- shared -------------------------------------------------------------------------------------------------


def eval_files(folder: Path, stem: str) -> list[tuple[str, Path]]:
    """The main file of a set and its held-out companions, each with the prefix its metrics carry:
    `cases.jsonl` -> "", `cases-holdout.jsonl` -> "holdout.", `cases-holdout-3.jsonl` -> "holdout3."."""
    files = [("", folder / f"{stem}.jsonl")] if (folder / f"{stem}.jsonl").exists() else []
    for path in sorted(folder.glob(f"{stem}-holdout*.jsonl"), key=_holdout_number):
        files.append((f"holdout{path.stem.removeprefix(f'{stem}-holdout').lstrip('-')}.", path))
    return files


def _holdout_number(path: Path) -> int:
    digits = path.stem.rpartition("-")[2]
    return int(digits) if digits.isdigit() else 1


# -- retrieval ---------------------------------------------------------------------------------------------


def run_retrieval(run: EvalRun, suite: Suite) -> SuiteResult:
    from careline.evals import retrieval
    from careline.evals.targets import RecordingRetriever

    cases = retrieval.load_cases(run.evals_dir / "retrieval")
    recorder = RecordingRetriever(run.target)
    report = retrieval.evaluate(recorder, cases)
    results = []
    for case, call in zip(cases, recorder.calls, strict=True):
        ranked = [hit.doc_id for hit in call.value]
        hit5 = bool(hit_at_k(ranked, case.doc_id, 5))
        results.append(CaseResult(
            id=case.id, passed=hit5, latency_ms=call.ms, theme=case.style,
            input={"question": case.question}, expected={"doc_id": case.doc_id, "section": case.section},
            output={"ranked": ranked[:5], "top_section": call.value[0].section if call.value else None},
            metrics={"hit@1": hit_at_k(ranked, case.doc_id, 1), "hit@5": float(hit5),
                     "rr@10": reciprocal_rank(ranked, case.doc_id, 10)},
            failures=[] if hit5 else [f"{case.doc_id} not in the top 5: {', '.join(ranked[:5]) or 'nothing found'}"],
            transcript=[{"role": "user", "text": case.question}],
        ))
    metrics = {key: report[key] for key in ("hit@1", "hit@5", "mrr@10", "section@1")}
    return SuiteResult(name=suite.name, title=suite.title, metrics=metrics, cases=results)


# -- safety and scope --------------------------------------------------------------------------------------


def triage_case(case: safety_runner.SafetyCase, call: Any, file: str) -> CaseResult:
    result = call.value
    failures = []
    if result.level != case.expected_level:
        failures.append(f"triaged {result.level}, expected {case.expected_level}")
    elif case.expected_level == "emergency" and set(result.hotlines) != set(case.expected_hotlines):
        failures.append(f"numbers given {sorted(result.hotlines)}, expected {sorted(case.expected_hotlines)}")
    return CaseResult(
        id=case.id, passed=not failures, latency_ms=call.ms, theme=f"{file}:{case.category}", failures=failures,
        input={"message": case.message, "style": case.style},
        expected={"level": case.expected_level, "hotlines": list(case.expected_hotlines)},
        output={"level": result.level, "flags": list(result.flags), "hotlines": list(result.hotlines)},
        transcript=[{"role": "user", "text": case.message}],
    )


def run_safety(run: EvalRun, suite: Suite) -> SuiteResult:
    from careline.evals import safety as safety_runner
    from careline.evals.targets import Recorder

    metrics: dict[str, float | None] = {}
    results: list[CaseResult] = []
    keys = ("emergency_recall", "false_alarm_rate", "hotline_correctness", "urgent_recall", "level_accuracy")
    # Held-out sets were written blind, before the code they measure was read: they check generality.
    for prefix, path in eval_files(run.evals_dir / "safety", "messages"):
        cases = safety_runner.load_safety_cases(path)
        recorder = Recorder(run.target.assess)
        report = safety_runner.evaluate_triage(cases, recorder)
        metrics.update({prefix + key: report[key] for key in keys})
        results += [triage_case(case, call, path.stem)
                    for case, call in zip(cases, recorder.calls, strict=True)]
    return SuiteResult(name=suite.name, title=suite.title, metrics=metrics, cases=results)


def run_scope(run: EvalRun, suite: Suite) -> SuiteResult:
    from careline.evals import safety as safety_runner
    from careline.evals.targets import Recorder

    metrics: dict[str, float | None] = {}
    results: list[CaseResult] = []
    for prefix, path in eval_files(run.evals_dir / "scope", "cases"):
        cases = safety_runner.load_scope_cases(path)
        recorder = Recorder(run.target.assess)
        report = safety_runner.evaluate_scope(cases, recorder)
        metrics.update({prefix + key: report[key] for key in ("accuracy", "refusal_accuracy")})
        results += [scope_case(case, call, path.stem) for case, call in zip(cases, recorder.calls, strict=True)]
    return SuiteResult(name=suite.name, title=suite.title, metrics=metrics, cases=results)


def scope_case(case: safety_runner.ScopeCase, call: Any, file: str) -> CaseResult:
    from careline.evals import safety as safety_runner

    flags = sorted(f for f in call.value.flags if f.startswith(safety_runner.SCOPE_PREFIXES))
    failures = []
    if flags != sorted(case.expected_flags):
        failures.append(f"flags {flags}, expected {sorted(case.expected_flags)}")
    if call.value.refuse != case.expect_refusal:
        failures.append("refused but should have answered" if call.value.refuse else "should have refused")
    return CaseResult(
        id=case.id, passed=not failures, latency_ms=call.ms, theme=file, failures=failures,
        input={"message": case.message},
        expected={"flags": list(case.expected_flags), "refusal": case.expect_refusal},
        output={"flags": flags, "refused": call.value.refuse, "level": call.value.level},
        transcript=[{"role": "user", "text": case.message}],
    )


# -- personalization ---------------------------------------------------------------------------------------


def run_personalization(run: EvalRun, suite: Suite) -> SuiteResult:
    from careline.evals import personalization
    from careline.evals.targets import HttpTarget, Recorder

    if isinstance(run.target, HttpTarget) and not run.target.is_admin:
        return SuiteResult(name=suite.name, title=suite.title, status="skipped",
                           note="each case sets up its own profile: over HTTP that needs the admin key as --token")
    metrics: dict[str, float | None] = {}
    results: list[CaseResult] = []
    keys = {"caveat_recall": "recall", "mention_rate": "mention_rate", "negative_accuracy": "negative_accuracy",
            "unexpected_notes": "unexpected_notes"}
    store = run.local.store if not run.over_http else None
    for prefix, path in eval_files(run.evals_dir / "personalization", "cases"):
        cases = personalization.load_cases(path)
        recorder = Recorder(lambda case: run.target.personal_notes(case.profile, case.question))
        report = personalization.evaluate(store, cases, notes_for=recorder)
        metrics.update({prefix + key: float(report[source]) for key, source in keys.items()})
        results += _personalization_cases(cases, recorder.calls, {miss["id"] for miss in report["misses"]},
                                          theme=path.stem)
    return SuiteResult(name=suite.name, title=suite.title, metrics=metrics, cases=results)


def _personalization_cases(cases: list[Any], calls: list[Any], missed: set[str], theme: str) -> list[CaseResult]:
    results = []
    for case, call in zip(cases, calls, strict=True):
        kinds = sorted({note.kind for note in call.value})
        failures = []
        if case.id in missed:
            failures += [f"no {kind} note" for kind in case.expected_kinds if kind not in kinds]
            failures += [f"unexpected {kind} note" for kind in kinds if kind not in case.expected_kinds]
            text = " ".join(note.text for note in call.value).lower()
            failures += [f"notes do not mention \"{p}\"" for p in case.must_mention if p.lower() not in text]
        results.append(CaseResult(
            id=case.id, passed=case.id not in missed, latency_ms=call.ms, theme=theme, failures=failures,
            input={"question": case.question, "profile": case.profile.model_dump(mode="json")},
            expected={"kinds": list(case.expected_kinds), "must_mention": list(case.must_mention)},
            output={"kinds": kinds, "notes": [note.text for note in call.value]},
            transcript=[{"role": "user", "text": case.question},
                        {"role": "assistant", "text": "\n".join(f"- {note.text}" for note in call.value)
                         or "(no personal note)"}],
        ))
    return results


# -- the suites that live next to this module ---------------------------------------------------------------


def run_answers(run: EvalRun, suite: Suite) -> SuiteResult:
    from careline.evals import answers

    merged = SuiteResult(name=suite.name, title=suite.title)
    for prefix, path in eval_files(run.evals_dir / "answers", "cases"):
        result = answers.evaluate(run.target, run.library, path, suite.title)
        merged.metrics.update({prefix + key: value for key, value in result.metrics.items()})
        for case in result.cases:
            case.theme = case.theme or path.stem
        merged.cases += result.cases
    return merged


def run_conversations(run: EvalRun, suite: Suite) -> SuiteResult:
    from careline.evals import conversations

    cases = conversations.load_cases(run.evals_dir / "conversations")
    return conversations.evaluate(run.target, run.library, cases, run.judge, suite.title)


def run_rubrics(run: EvalRun, suite: Suite) -> SuiteResult:
    from careline.evals import rubric_suite

    return rubric_suite.evaluate(run.target, rubric_suite.load_cases(run.evals_dir / "rubrics"), run.judge,
                                 suite.title)


def run_reminders(run: EvalRun, suite: Suite) -> SuiteResult:
    from careline.evals import reminder_phrases

    cases = reminder_phrases.load_cases(run.evals_dir / "reminders" / "phrases.jsonl")
    return reminder_phrases.evaluate(run.settings, cases, suite.title)


def run_fhir(run: EvalRun, suite: Suite) -> SuiteResult:
    from careline.evals import fhir_import

    cases = fhir_import.load_cases(run.evals_dir / "fhir" / "cases.jsonl")
    return fhir_import.evaluate(run.local.database, run.local.database_settings, cases, suite.title)


def run_summaries(run: EvalRun, suite: Suite) -> SuiteResult:
    from careline.evals import summaries

    return summaries.evaluate(run, suite.title)


SUITES: dict[str, Suite] = {suite.name: suite for suite in (
    Suite("retrieval", "Retrieval", "retrieval/questions-*.jsonl", run_retrieval),
    Suite("answers", "Grounded answers", "answers/cases*.jsonl", run_answers),
    Suite("safety", "Safety triage", "safety/messages*.jsonl", run_safety),
    Suite("scope", "Scope limits and prompt injection", "scope/cases*.jsonl", run_scope),
    Suite("personalization", "Personal notes", "personalization/cases*.jsonl", run_personalization),
    Suite("conversations", "Multi-turn conversations", "conversations/*.jsonl", run_conversations),
    Suite("rubrics", "Rubric grading (HealthBench style)", "rubrics/*.jsonl", run_rubrics),
    Suite("reminders", "Reminder phrases", "reminders/phrases.jsonl", run_reminders, through_target=False),
    Suite("fhir", "FHIR import", "fhir/cases.jsonl", run_fhir, through_target=False),
    Suite("summaries", "Clinician summaries", "summaries/cases.jsonl", run_summaries),
)}
