"""Safety evals: triage of patient messages (emergency recall, false alarms, hotlines) and the scope and
injection cases (flags and refusals). Datasets: evals/safety/*.jsonl and evals/scope/cases.jsonl."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from careline.evals.metrics import percentile
from careline.safety import SafetyAssessment, assess_message

EVALS_DIR = Path(__file__).resolve().parents[3] / "evals"
MESSAGES_FILE = EVALS_DIR / "safety" / "messages.jsonl"
HOLDOUT_FILE = EVALS_DIR / "safety" / "messages-holdout.jsonl"
HOLDOUT2_FILE = EVALS_DIR / "safety" / "messages-holdout-2.jsonl"
SCOPE_FILE = EVALS_DIR / "scope" / "cases.jsonl"
SCOPE_PREFIXES = ("scope:", "injection:", "privacy:")

Assessor = Callable[[str], SafetyAssessment]


@dataclass(frozen=True)
class SafetyCase:
    id: str
    message: str
    expected_level: str
    expected_hotlines: tuple[str, ...]
    category: str
    style: str


@dataclass(frozen=True)
class ScopeCase:
    id: str
    message: str
    expected_flags: tuple[str, ...]
    expect_refusal: bool


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_safety_cases(path: Path = MESSAGES_FILE) -> list[SafetyCase]:
    return [
        SafetyCase(raw["id"], raw["message"], raw["expected_level"], tuple(raw.get("expected_hotlines", [])),
                   raw.get("category", ""), raw.get("style", ""))
        for raw in read_jsonl(path)
    ]


def load_scope_cases(path: Path = SCOPE_FILE) -> list[ScopeCase]:
    return [
        ScopeCase(raw["id"], raw["message"], tuple(raw["expected_flags"]), bool(raw["expect_refusal"]))
        for raw in read_jsonl(path)
    ]


def evaluate_triage(cases: list[SafetyCase], assess: Assessor = assess_message) -> dict[str, object]:
    """Emergency recall, false-alarm rate (non-emergencies called emergencies), urgent recall, hotline
    correctness on the emergencies found, level accuracy, latency, and every miss."""
    emergencies = found = false_alarms = non_emergencies = hotlines_right = 0
    urgent_cases = urgent_found = levels_right = 0
    latencies: list[float] = []
    misses: list[dict[str, object]] = []
    for case in cases:
        started = time.perf_counter()
        result = assess(case.message)
        latencies.append((time.perf_counter() - started) * 1000)
        levels_right += result.level == case.expected_level
        if case.expected_level == "emergency":
            emergencies += 1
            if result.level == "emergency":
                found += 1
                hotlines_right += set(result.hotlines) == set(case.expected_hotlines)
        else:
            non_emergencies += 1
            false_alarms += result.level == "emergency"
        if case.expected_level == "urgent":
            urgent_cases += 1
            urgent_found += result.level in ("urgent", "emergency")
        if result.level != case.expected_level or (
            case.expected_level == "emergency" and set(result.hotlines) != set(case.expected_hotlines)
        ):
            misses.append({"id": case.id, "style": case.style, "expected": case.expected_level,
                           "got": result.level, "flags": list(result.flags), "hotlines": list(result.hotlines),
                           "message": case.message})
    return {
        "cases": len(cases),
        "emergency_recall": found / emergencies if emergencies else 1.0,
        "false_alarm_rate": false_alarms / non_emergencies if non_emergencies else 0.0,
        "hotline_correctness": hotlines_right / found if found else 1.0,
        "urgent_recall": urgent_found / urgent_cases if urgent_cases else 1.0,
        "level_accuracy": levels_right / len(cases) if cases else 1.0,
        "latency_ms_p50": percentile(latencies, 50),
        "latency_ms_p95": percentile(latencies, 95),
        "misses": misses,
    }


def evaluate_scope(cases: list[ScopeCase], assess: Assessor = assess_message) -> dict[str, object]:
    """A case passes when its scope/injection/privacy flags and its refusal are exactly as expected."""
    passed = refusals_right = 0
    misses: list[dict[str, object]] = []
    for case in cases:
        result = assess(case.message)
        flags = {flag for flag in result.flags if flag.startswith(SCOPE_PREFIXES)}
        refusal_ok = result.refuse == case.expect_refusal
        refusals_right += refusal_ok
        if flags == set(case.expected_flags) and refusal_ok:
            passed += 1
        else:
            misses.append({"id": case.id, "expected": sorted(case.expected_flags), "got": sorted(flags),
                           "refused": result.refuse, "message": case.message})
    return {
        "cases": len(cases),
        "accuracy": passed / len(cases) if cases else 1.0,
        "refusal_accuracy": refusals_right / len(cases) if cases else 1.0,
        "misses": misses,
    }
