"""Safety and personalization benchmark: quality over the eval sets and per-message latency.

    python benchmarks/safety.py [--data-dir DIR] [--rounds 20] [--skip-personalization] [--json]

Prints emergency recall, false-alarm rate and hotline correctness on evals/safety/messages.jsonl and on the
held-out evals/safety/messages-holdout.jsonl, scope/injection accuracy on evals/scope/cases.jsonl,
personalization recall on evals/personalization/cases.jsonl, and p50/p95 latency of one triage and of one
personal-notes call. Personalization needs the bundled library in a content store: --data-dir reuses one
(ingesting the library there when it is empty); without it a temporary store is built (about a minute).
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

from careline.evals import personalization as personalization_eval
from careline.evals.metrics import percentile
from careline.evals.safety import (
    HOLDOUT_FILE,
    MESSAGES_FILE,
    evaluate_scope,
    evaluate_triage,
    load_safety_cases,
    load_scope_cases,
)
from careline.safety import assess_message


def triage_latency(messages: list[str], rounds: int) -> dict[str, float]:
    assess_message(messages[0])  # one-time load of the word list and patterns
    timings = []
    for _ in range(rounds):
        for message in messages:
            started = time.perf_counter()
            assess_message(message)
            timings.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": percentile(timings, 50), "p95_ms": percentile(timings, 95), "calls": len(timings)}


def personalization_figures(data_dir: Path, rounds: int) -> dict[str, object]:
    from careline.content.ingest import ingest_paths
    from careline.personalization import personal_notes
    from careline.retrieval.search import HybridRetriever
    from careline.retrieval.store import KnowledgeStore
    from careline.settings import BUNDLED_KNOWLEDGE_DIR, Settings

    store = KnowledgeStore(Settings(data_dir=data_dir))
    if store.is_empty():
        ingest_paths(store, [BUNDLED_KNOWLEDGE_DIR])
    retriever = HybridRetriever(store)
    cases = personalization_eval.load_cases()
    report = personalization_eval.evaluate(store, cases, retriever)
    retrieved = [(case, retriever.run(case.question, k=5)) for case in cases]
    timings = []
    for _ in range(rounds):
        for case, results in retrieved:
            started = time.perf_counter()
            personal_notes(case.profile, case.question, results, store, today=personalization_eval.EVAL_DAY)
            timings.append((time.perf_counter() - started) * 1000)
    report["latency_ms_p50"] = percentile(timings, 50)
    report["latency_ms_p95"] = percentile(timings, 95)
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="content store to use (ingested if empty)")
    parser.add_argument("--rounds", type=int, default=20, help="repetitions for the latency figures")
    parser.add_argument("--skip-personalization", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")

    messages = load_safety_cases(MESSAGES_FILE)
    holdout = load_safety_cases(HOLDOUT_FILE)
    figures: dict[str, object] = {
        "triage": _without_misses(evaluate_triage(messages)),
        "triage_holdout": _without_misses(evaluate_triage(holdout)),
        "scope_injection": _without_misses(evaluate_scope(load_scope_cases())),
        "triage_latency": triage_latency([case.message for case in messages + holdout], args.rounds),
    }
    if not args.skip_personalization:
        if args.data_dir:
            figures["personalization"] = _without_misses(personalization_figures(args.data_dir, args.rounds))
        else:
            with tempfile.TemporaryDirectory() as tmp:
                figures["personalization"] = _without_misses(personalization_figures(Path(tmp), args.rounds))
    print(json.dumps(figures, indent=2) if args.json else _table(figures))


def _without_misses(report: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in report.items() if key != "misses"} | {
        "misses": len(report.get("misses", []))
    }


def _table(figures: dict[str, object]) -> str:
    lines = []
    for name in ("triage", "triage_holdout"):
        t = figures[name]
        lines.append(f"{name:16} {t['cases']:4d} messages  emergency recall {t['emergency_recall']:.3f}  "
                     f"false alarms {t['false_alarm_rate']:.3f}  hotlines {t['hotline_correctness']:.3f}  "
                     f"urgent recall {t['urgent_recall']:.3f}  level accuracy {t['level_accuracy']:.3f}")
    s = figures["scope_injection"]
    lines.append(f"{'scope/injection':16} {s['cases']:4d} cases     accuracy {s['accuracy']:.3f}  "
                 f"refusals right {s['refusal_accuracy']:.3f}")
    lat = figures["triage_latency"]
    lines.append(f"{'triage latency':16} {lat['calls']:5d} calls   p50 {lat['p50_ms']:.2f} ms  "
                 f"p95 {lat['p95_ms']:.2f} ms")
    if "personalization" in figures:
        p = figures["personalization"]
        lines.append(f"{'personalization':16} {p['cases']:4d} cases     recall {p['recall']:.3f}  "
                     f"must-mention {p['mention_rate']:.3f}  silent on negatives {p['negative_accuracy']:.3f}  "
                     f"unexpected notes {p['unexpected_notes']}  p50 {p['latency_ms_p50']:.2f} ms  "
                     f"p95 {p['latency_ms_p95']:.2f} ms")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
