"""Personalization eval: profiles and questions with the personal-note kinds that must (or must not) appear.
Dataset: evals/personalization/cases.jsonl."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from careline.evals.metrics import percentile
from careline.evals.safety import EVALS_DIR, read_jsonl
from careline.patients.models import Profile
from careline.personalization import personal_notes
from careline.retrieval.search import HybridRetriever
from careline.retrieval.store import KnowledgeStore

CASES_FILE = EVALS_DIR / "personalization" / "cases.jsonl"
# Ages in the cases are written for this day, so results do not drift with the calendar.
EVAL_DAY = date(2026, 12, 1)


@dataclass(frozen=True)
class PersonalizationCase:
    id: str
    profile: Profile
    question: str
    expected_kinds: tuple[str, ...]
    must_mention: tuple[str, ...]


def load_cases(path: Path = CASES_FILE) -> list[PersonalizationCase]:
    return [
        PersonalizationCase(raw["id"], Profile(**raw["profile"]), raw["question"], tuple(raw["expected_kinds"]),
                            tuple(raw.get("must_mention", [])))
        for raw in read_jsonl(path)
    ]


def evaluate(store: KnowledgeStore, cases: list[PersonalizationCase], retriever: HybridRetriever | None = None,
             k: int = 5, notes_for: Callable[[PersonalizationCase], Sequence[Any]] | None = None,
             ) -> dict[str, object]:
    """Recall of expected note kinds, must-mention phrases found, silence on the negative cases, notes of
    unexpected kinds, per-call latency of `personal_notes` (retrieval excluded), and the misses.
    `notes_for(case)` replaces the direct call (`careline eval` uses it to get the notes over HTTP)."""
    expected_total = expected_found = mentions_total = mentions_found = 0
    negatives = negatives_silent = unexpected = 0
    latencies: list[float] = []
    misses: list[dict[str, object]] = []
    for case in cases:
        results = retriever.run(case.question, k=k) if retriever else []
        started = time.perf_counter()
        notes = (notes_for(case) if notes_for else
                 personal_notes(case.profile, case.question, results, store, today=EVAL_DAY))
        latencies.append((time.perf_counter() - started) * 1000)
        kinds = {note.kind for note in notes}
        text = " ".join(note.text for note in notes).lower()
        found = [kind for kind in case.expected_kinds if kind in kinds]
        mentioned = [phrase for phrase in case.must_mention if phrase.lower() in text]
        expected_total += len(case.expected_kinds)
        expected_found += len(found)
        mentions_total += len(case.must_mention)
        mentions_found += len(mentioned)
        extra = kinds - set(case.expected_kinds)
        unexpected += len(extra)
        if not case.expected_kinds:
            negatives += 1
            negatives_silent += not notes
        if len(found) < len(case.expected_kinds) or len(mentioned) < len(case.must_mention) or extra:
            misses.append({"id": case.id, "expected": list(case.expected_kinds), "got": sorted(kinds),
                           "notes": [note.text for note in notes], "question": case.question})
    return {
        "cases": len(cases),
        "recall": expected_found / expected_total if expected_total else 1.0,
        "mention_rate": mentions_found / mentions_total if mentions_total else 1.0,
        "negative_accuracy": negatives_silent / negatives if negatives else 1.0,
        "unexpected_notes": unexpected,
        "latency_ms_p50": percentile(latencies, 50),
        "latency_ms_p95": percentile(latencies, 95),
        "misses": misses,
    }
