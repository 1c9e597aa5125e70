"""FHIR import: small R4 bundles (evals/fhir/bundles/) with what the import must put in the profile, the
reminders it must propose (exact schedules), what it must skip with a reason, and bundles it must refuse.
Dataset: evals/fhir/cases.jsonl.

Each bundle is imported with `careline.fhir.importer.import_bundle` at the case's fixed moment into the run's
throw-away database (a new patient per bundle), as `careline import-fhir` does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from careline.errors import CarelineError
from careline.evals.reminder_phrases import same_value
from careline.evals.results import CaseResult, SuiteResult, contains, ratio
from careline.evals.safety import EVALS_DIR, read_jsonl
from careline.evals.targets import timed

FHIR_DIR = EVALS_DIR / "fhir"
DEFAULT_NOW = "2026-01-10T12:00:00+00:00"
REMINDER_FIELDS = ("dose", "status", "times", "days_of_week", "every_hours", "start", "end")
EXPECTED_KEYS = frozenset({"conditions", "allergies", "medications", "absent", "reminders", "skipped", "error", "sex",
                           "birth_date", "timezone", "reimport_unchanged"})


@dataclass(frozen=True)
class FhirCase:
    id: str
    bundle: Path
    expected: dict[str, Any]
    now: str = DEFAULT_NOW
    timezone: str | None = None


def load_cases(path: Path = FHIR_DIR / "cases.jsonl") -> list[FhirCase]:
    cases = []
    for raw in read_jsonl(path):
        unknown = set(raw["expected"]) - EXPECTED_KEYS
        if unknown:
            raise ValueError(f"{raw['id']}: unknown expected field(s) {', '.join(sorted(unknown))}")
        cases.append(FhirCase(raw["id"], path.parent / raw["bundle"], raw["expected"], raw.get("now", DEFAULT_NOW),
                              raw.get("timezone")))
    return cases


@dataclass
class Tally:
    """Found / expected counts per kind of item, over the whole suite."""

    found: dict[str, int]
    total: dict[str, int]

    def add(self, kind: str, found: int, total: int) -> None:
        self.found[kind] = self.found.get(kind, 0) + found
        self.total[kind] = self.total.get(kind, 0) + total

    def share(self, kind: str) -> float | None:
        return ratio(self.found.get(kind, 0), self.total.get(kind, 0))


def import_once(database: Any, settings: Any, case: FhirCase) -> dict[str, Any]:
    from careline.fhir.importer import import_bundle

    with database.session() as session:
        result = import_bundle(db_session=session, settings=settings, raw=case.bundle.read_bytes(),
                               timezone=case.timezone, now=datetime.fromisoformat(case.now))
        return result.as_dict()


def reminder_mismatch(actual: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """Differences of one imported reminder from the expected one; schedule fields left out must be empty."""
    flat = {**actual, **actual["schedule"]}
    names = list(dict.fromkeys([*[n for n in expected if n != "medication"], "times", "days_of_week", "every_hours",
                                "start", "end"]))
    return [f"{name} is {flat.get(name)!r}, expected {expected.get(name)!r}" for name in names
            if name in REMINDER_FIELDS and not same_value(name, flat.get(name), expected.get(name))]


def grade(case: FhirCase, imported: dict[str, Any], tally: Tally) -> list[str]:
    expected, profile = case.expected, imported["profile"]
    failures: list[str] = []
    for kind in ("conditions", "allergies"):
        found = [item for item in expected.get(kind, []) if any(contains(entry, item) for entry in profile[kind])]
        tally.add(kind, len(found), len(expected.get(kind, [])))
        failures += [f"profile {kind} lack \"{item}\"" for item in expected.get(kind, []) if item not in found]
    names = [entry["name"] for entry in profile["medications"]]
    medicines = [item for item in expected.get("medications", []) if any(contains(name, item) for name in names)]
    tally.add("medications", len(medicines), len(expected.get("medications", [])))
    failures += [f"profile medications lack \"{item}\"" for item in expected.get("medications", [])
                 if item not in medicines]
    everything = [*profile["conditions"], *profile["allergies"], *names]
    failures += [f"profile has \"{item}\", which the import must leave out" for item in expected.get("absent", [])
                 if any(contains(entry, item) for entry in everything)]
    for name in ("sex", "birth_date", "timezone"):
        if name in expected and profile.get(name) != expected[name]:
            failures.append(f"profile {name} is {profile.get(name)!r}, expected {expected[name]!r}")
    failures += grade_reminders(expected.get("reminders"), imported["reminders"], tally)
    for item in expected.get("skipped", []):
        hit = any(contains(s["resource"], item["resource"]) and contains(s["reason"], item.get("reason_contains", ""))
                  for s in imported["skipped"])
        tally.add("skipped", hit, 1)
        if not hit:
            failures.append(f"{item['resource']} not skipped with a reason about \"{item.get('reason_contains', '')}\"")
    return failures


def grade_reminders(expected: list[dict[str, Any]] | None, actual: list[dict[str, Any]], tally: Tally) -> list[str]:
    if expected is None:
        return []
    failures = []
    unmatched = list(actual)
    for item in expected:
        match = next((r for r in unmatched if contains(r["medication"], item["medication"])), None)
        if match is None:
            tally.add("reminders", 0, 1)
            failures.append(f"no reminder for {item['medication']}")
            continue
        unmatched.remove(match)
        wrong = reminder_mismatch(match, item)
        tally.add("reminders", not wrong, 1)
        failures += [f"reminder {item['medication']}: {problem}" for problem in wrong]
    tally.add("unexpected_reminders", len(unmatched), 0)
    failures += [f"unexpected reminder for {r['medication']}" for r in unmatched]
    return failures


def run_case(database: Any, settings: Any, case: FhirCase, tally: Tally) -> CaseResult:
    result = CaseResult(id=case.id, passed=None, input={"bundle": case.bundle.name, "now": case.now},
                        expected=case.expected)
    try:
        imported = timed(lambda: import_once(database, settings, case))
    except CarelineError as exc:
        wanted = case.expected.get("error")
        refused_rightly = bool(wanted) and contains(exc.message, wanted)
        if wanted:
            tally.add("refusals", refused_rightly, 1)
        result.output = {"error": exc.message}
        result.passed = refused_rightly
        result.failures = [] if refused_rightly else [f"import failed: {exc.message}"]
        return result
    result.latency_ms = imported.ms
    result.output = imported.value
    if "error" in case.expected:
        tally.add("refusals", 0, 1)
        result.passed, result.failures = False, [f"imported a bundle it should refuse ({case.expected['error']})"]
        return result
    result.failures = grade(case, imported.value, tally)
    if case.expected.get("reimport_unchanged"):
        again = import_once(database, settings, case)
        if sorted(r["id"] for r in again["reminders"]) != sorted(r["id"] for r in imported.value["reminders"]):
            result.failures.append("re-importing the same bundle changed the reminders")
    result.passed = not result.failures
    return result


def evaluate(database: Any, settings: Any, cases: list[FhirCase], title: str) -> SuiteResult:
    tally = Tally({}, {})
    results = [run_case(database, settings, case, tally) for case in cases]
    metrics = {
        "medicine_recall": tally.share("medications"), "condition_recall": tally.share("conditions"),
        "allergy_recall": tally.share("allergies"), "reminder_exact_match": tally.share("reminders"),
        "skipped_recall": tally.share("skipped"), "refusal_accuracy": tally.share("refusals"),
        "unexpected_reminders": float(tally.found.get("unexpected_reminders", 0)),
    }
    return SuiteResult(name="fhir", title=title, metrics=metrics, cases=results)
