"""Retrieval eval: questions phrased as patients write them, each labelled with the answering article."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

from careline.evals.metrics import hit_at_k, mean, percentile, reciprocal_rank
from careline.retrieval.search import HybridRetriever

DEFAULT_DIR = Path(__file__).resolve().parents[3] / "evals" / "retrieval"


@dataclass(frozen=True)
class RetrievalCase:
    id: str
    question: str
    doc_id: str
    section: str | None = None
    style: str | None = None


def load_cases(folder: Path = DEFAULT_DIR) -> list[RetrievalCase]:
    cases: list[RetrievalCase] = []
    for path in sorted(folder.glob("questions*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                raw = json.loads(line)
                cases.append(RetrievalCase(raw["id"], raw["question"], raw["doc_id"], raw.get("section"),
                                           raw.get("style")))
    return cases


def evaluate(retriever: HybridRetriever, cases: list[RetrievalCase], k: int = 10) -> dict[str, object]:
    """hit@1, hit@5, MRR@10, section accuracy at rank 1, latency, and the misses."""
    hits1, hits5, rrs, sections, latencies = [], [], [], [], []
    misses: list[dict[str, object]] = []
    for case in cases:
        started = time.perf_counter()
        results = retriever.run(case.question, k=k)
        latencies.append((time.perf_counter() - started) * 1000)
        ranked = [r.doc_id for r in results]
        hits1.append(hit_at_k(ranked, case.doc_id, 1))
        hits5.append(hit_at_k(ranked, case.doc_id, 5))
        rrs.append(reciprocal_rank(ranked, case.doc_id, 10))
        if case.section and results and results[0].doc_id == case.doc_id:
            sections.append(1.0 if results[0].section == case.section else 0.0)
        if not hits1[-1]:
            misses.append({"id": case.id, "question": case.question, "expected": case.doc_id, "got": ranked[:3]})
    return {
        "cases": len(cases), "hit@1": mean(hits1), "hit@5": mean(hits5), "mrr@10": mean(rrs),
        "section@1": mean(sections), "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95), "misses": misses,
    }
