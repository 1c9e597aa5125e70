"""Clinician summaries: conversations whose summary must carry given safety flags, medicines and symptoms
(negations kept as negations). Dataset: evals/summaries/cases.jsonl.

The patient's messages are sent as a new conversation of a new eval patient; the summary is then made as
the clinician console makes it (in this process: `careline.summaries.service.make_summary`; over HTTP:
`GET /api/v1/clinician/conversations/{id}`, which needs the admin key). When `careline.summaries` is not
installed the suite is skipped with a note rather than failed."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from careline.evals.results import CaseResult, SuiteResult, contains, ratio
from careline.evals.safety import EVALS_DIR, read_jsonl
from careline.evals.targets import Target, Timed, attempt, converse, timed
from careline.patients.models import Profile

if TYPE_CHECKING:
    from careline.evals.suites import EvalRun

CASES_FILE = EVALS_DIR / "summaries" / "cases.jsonl"
NOT_AVAILABLE = "summaries not available: careline.summaries (src/careline/summaries/) is not part of this build"


@dataclass(frozen=True)
class SummaryCase:
    id: str
    messages: tuple[str, ...]
    flags: tuple[str, ...]
    medicines: tuple[str, ...]
    symptoms: tuple[tuple[str, str], ...]  # (name, status)
    profile: Profile | None = None


def load_cases(path: Path = CASES_FILE) -> list[SummaryCase]:
    return [SummaryCase(
        id=raw["id"], messages=tuple(raw["messages"]), flags=tuple(raw["expected"].get("flags", [])),
        medicines=tuple(raw["expected"].get("medicines", [])),
        symptoms=tuple((s["name"], s["status"]) for s in raw["expected"].get("symptoms", [])),
        profile=Profile(**raw["profile"]) if raw.get("profile") else None,
    ) for raw in read_jsonl(path)]


def summaries_available() -> bool:
    return importlib.util.find_spec("careline.summaries") is not None


def grade(case: SummaryCase, summary: dict[str, Any]) -> tuple[list[str], dict[str, int]]:
    flags = {record["flag"] for record in summary.get("safety_flags", [])}
    medicines = [f"{m.get('name', '')} {m.get('doc_id') or ''}" for m in summary.get("medicines", [])]
    symptoms = {(s["name"], s["status"]) for s in summary.get("symptoms", [])}
    flags_found = [flag for flag in case.flags if flag in flags]
    medicines_found = [name for name in case.medicines if any(contains(m, name) for m in medicines)]
    symptoms_found = [pair for pair in case.symptoms if pair in symptoms]
    failures = [f"flag {flag} missing" for flag in case.flags if flag not in flags_found]
    failures += [f"medicine {name} missing" for name in case.medicines if name not in medicines_found]
    failures += [f"symptom {name} ({status}) missing" for name, status in case.symptoms
                 if (name, status) not in symptoms_found]
    counts = {"flags_found": len(flags_found), "flags_total": len(case.flags),
              "flags_unexpected": len(flags - set(case.flags)),
              "medicines_found": len(medicines_found), "medicines_total": len(case.medicines),
              "symptoms_found": len(symptoms_found), "symptoms_total": len(case.symptoms)}
    return failures, counts


def run_case(target: Target, case: SummaryCase) -> CaseResult:
    result = CaseResult(id=case.id, passed=None, input={"messages": list(case.messages)},
                        expected={"flags": list(case.flags), "medicines": list(case.medicines),
                                  "symptoms": [{"name": n, "status": s} for n, s in case.symptoms]})

    def talk_then_summarize() -> tuple[list[dict[str, Any]], Timed]:
        session = target.open_session(case.profile, as_patient=True)
        _, transcript, _ = converse(session, case.messages)
        return transcript, timed(lambda: target.summarize(session))

    done = attempt(result, talk_then_summarize)
    if done is None:
        return result
    result.transcript, made = done
    summary, result.latency_ms = made.value, made.ms
    result.failures, result.metrics = grade(case, summary)
    result.output = {key: summary.get(key) for key in ("reason", "symptoms", "medicines", "safety_flags",
                                                        "follow_up", "engine")}
    result.passed = not result.failures
    return result


def evaluate(run: EvalRun, title: str) -> SuiteResult:
    if not summaries_available():
        return SuiteResult(name="summaries", title=title, status="skipped", note=NOT_AVAILABLE)
    results = [run_case(run.target, case) for case in load_cases(run.evals_dir / "summaries" / "cases.jsonl")]
    ran = [r.metrics for r in results if r.metrics]

    def recall(kind: str) -> float | None:
        return ratio(sum(m[f"{kind}_found"] for m in ran), sum(m[f"{kind}_total"] for m in ran))

    metrics = {"flag_recall": recall("flags"), "medicine_recall": recall("medicines"),
               "symptom_recall": recall("symptoms"), "unexpected_flags": float(sum(m["flags_unexpected"] for m in ran))}
    return SuiteResult(name="summaries", title=title, metrics=metrics, cases=results)
