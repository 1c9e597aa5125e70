"""Reminder phrases: what patients type to set up, list, cancel or confirm reminders and record a dose, with
the intent and the exact schedule the chat must understand. Dataset: evals/reminders/phrases.jsonl.

Each phrase goes through `careline.reminders.nlu.parse_reminder_message` at a fixed moment and time zone (so
"tomorrow" and "every 8 hours" have one right answer), with the configured clinic times. A create request
matches exactly when its times, days, interval, start and end all equal the expected ones."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from careline.evals.results import CaseResult, SuiteResult, ratio
from careline.evals.safety import EVALS_DIR, read_jsonl
from careline.evals.targets import timed
from careline.fhir.timing import ClinicTimes
from careline.reminders import nlu
from careline.settings import Settings

PHRASES_FILE = EVALS_DIR / "reminders" / "phrases.jsonl"
DEFAULT_ZONE = "America/New_York"
DEFAULT_NOW = "2026-03-04T15:02:00+00:00"  # a Wednesday, 10:02 in New York
SCHEDULE_FIELDS = ("times", "days_of_week", "every_hours", "start", "end")
INTENTS = {nlu.ReminderRequest: "create", nlu.NeedsDetail: "needs_detail", nlu.ListReminders: "list",
           nlu.CancelReminder: "cancel", nlu.ConfirmReminder: "confirm", nlu.DoseTaken: "took"}


@dataclass(frozen=True)
class PhraseCase:
    id: str
    message: str
    expected: dict[str, Any]
    zone: str = DEFAULT_ZONE
    now: str = DEFAULT_NOW


def load_cases(path: Path = PHRASES_FILE) -> list[PhraseCase]:
    cases = []
    for raw in read_jsonl(path):
        if raw["expected"].get("intent") not in {*INTENTS.values(), "none"}:
            raise ValueError(f"{raw['id']}: expected.intent must be one of {sorted({*INTENTS.values(), 'none'})}")
        cases.append(PhraseCase(raw["id"], raw["message"], raw["expected"], raw.get("timezone", DEFAULT_ZONE),
                                raw.get("now", DEFAULT_NOW)))
    return cases


def understood(intent: nlu.Intent | None) -> dict[str, Any]:
    """What the parser understood, in the dataset's terms."""
    if intent is None:
        return {"intent": "none"}
    out: dict[str, Any] = {"intent": INTENTS[type(intent)]}
    if isinstance(intent, nlu.ReminderRequest):
        out.update(medication=intent.medication, dose=intent.dose, times=list(intent.times),
                   days_of_week=list(intent.days_of_week) if intent.days_of_week else None,
                   every_hours=intent.every_hours, start=_iso(intent.start), end=_iso(intent.end))
    elif isinstance(intent, nlu.NeedsDetail):
        out.update(missing=intent.missing, medication=intent.medication)
    else:
        out["medication"] = getattr(intent, "medication", None)
    return out


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def same_value(name: str, got: Any, expected: Any) -> bool:
    if name in ("start", "end"):
        return _instant(got) == _instant(expected)
    if name in ("medication", "dose") and isinstance(got, str) and isinstance(expected, str):
        return got.casefold() == expected.casefold()
    if name == "times":
        return list(got or []) == list(expected or [])
    return got == expected


def _instant(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def mismatches(case: PhraseCase, got: dict[str, Any]) -> list[str]:
    """The names of the fields the parser got wrong ("intent" alone when the intent itself is wrong)."""
    expected = case.expected
    if got["intent"] != expected["intent"]:
        return ["intent"]
    names = [name for name in expected if name != "intent"]
    if expected["intent"] == "create":
        # Exact: a schedule field (or the dose) the case leaves out must be empty.
        names = list(dict.fromkeys([*names, *SCHEDULE_FIELDS, "dose"]))
    return [name for name in names if not same_value(name, got.get(name), expected.get(name))]


def evaluate(settings: Settings, cases: list[PhraseCase], title: str) -> SuiteResult:
    clinic = ClinicTimes.from_settings(settings)
    results = []
    for case in cases:
        parsed = timed(lambda case=case: nlu.parse_reminder_message(
            case.message, clinic=clinic, zone=ZoneInfo(case.zone), now=datetime.fromisoformat(case.now)))
        got = understood(parsed.value)
        wrong = mismatches(case, got)
        is_create = case.expected["intent"] == "create"
        results.append(CaseResult(
            id=case.id, passed=not wrong, latency_ms=parsed.ms,
            failures=[f"{name} is {got.get(name)!r}, expected {case.expected.get(name)!r}" for name in wrong],
            input={"message": case.message, "timezone": case.zone, "now": case.now}, expected=case.expected,
            output=got, transcript=[{"role": "user", "text": case.message}],
            metrics={"intent_match": "intent" not in wrong,
                     "schedule_exact": not {"intent", *SCHEDULE_FIELDS} & set(wrong) if is_create else None,
                     "medication_match": not {"intent", "medication"} & set(wrong)
                     if "medication" in case.expected else None},
        ))

    def share_of(metric: str) -> float | None:
        values = [r.metrics[metric] for r in results if r.metrics[metric] is not None]
        return ratio(sum(values), len(values))

    metrics = {"intent_accuracy": share_of("intent_match"), "schedule_exact_match": share_of("schedule_exact"),
               "medication_match": share_of("medication_match"),
               "phrase_exact_match": ratio(sum(r.passed is True for r in results), len(results))}
    return SuiteResult(name="reminders", title=title, metrics=metrics, cases=results)
