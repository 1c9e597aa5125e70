"""Retrieval benchmark: quality of BM25, dense and hybrid side by side, ingest throughput, and search
latency on a store of 10,000+ chunks. Prints the figures the README quotes.

    python benchmarks/retrieval.py [--filler-chunks 10000] [--skip-latency]

Quality figures:
- "patient questions": evals/retrieval/questions-*.jsonl, each labelled with the article that answers it.
- "headingless records": every section of every bundled article ingested as its own JSON Lines record
  with no headings, queried with templated questions ("What are the symptoms of X?") that must find the
  right record among its article's siblings — a stand-in for Q&A corpora with one answer per record.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from careline.content.chunking import split_sections
from careline.content.ingest import ingest_paths
from careline.content.loaders import parse_front_matter
from careline.evals.metrics import hit_at_k, mean, percentile
from careline.evals.retrieval import evaluate, load_cases
from careline.retrieval.search import HybridRetriever, RetrieverConfig
from careline.retrieval.store import KnowledgeStore
from careline.settings import BUNDLED_KNOWLEDGE_DIR, Settings

VARIANTS = {
    "BM25 alone": RetrieverConfig(mode="bm25"),
    "dense alone": RetrieverConfig(mode="dense"),
    "hybrid (RRF)": RetrieverConfig(fusion="rrf"),
    "hybrid (default: convex)": RetrieverConfig(),
}
TEMPLATES = {
    "overview": "What is {t}?", "symptoms": "What are the symptoms of {t}?", "causes": "What causes {t}?",
    "diagnosis": "How is {t} diagnosed?", "treatment": "What are the treatments for {t}?",
    "prevention": "How can I prevent {t}?", "side-effects": "What are the side effects of {t}?",
    "how-to-take": "How should I take {t}?", "when-to-get-help": "When should I get medical help for {t}?",
    "self-care": "What can I do at home for {t}?",
}
VETTING = {"reviewed_by": "benchmark", "review_date": "2026-01-01"}


def article_sections() -> list[tuple[dict, str, str]]:
    """(front matter, section heading, section text) for every bundled article section."""
    sections = []
    for path in sorted(BUNDLED_KNOWLEDGE_DIR.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        meta, body = parse_front_matter(path.read_text(encoding="utf-8"))
        for section in split_sections(body):
            sections.append((meta, section.heading, "\n\n".join(section.paragraphs)))
    return sections


def slug(heading: str) -> str:
    return re.sub(r"[^a-z]+", "-", heading.lower()).strip("-")


def write_headingless_records(path: Path) -> list[tuple[str, str]]:
    cases = []
    with path.open("w", encoding="utf-8") as out:
        for meta, heading, text in article_sections():
            record_id = f"{meta['id']}--{slug(heading)}"
            out.write(json.dumps({"id": record_id, "title": meta["title"], "text": text, **VETTING}) + "\n")
            template = TEMPLATES.get(slug(heading))
            if template:
                cases.append((template.format(t=meta["title"]), record_id))
    return cases


def write_filler(path: Path, chunks_wanted: int, seed: int = 7) -> int:
    """Synthetic records made of shuffled library sentences (about 110 words each = one chunk)."""
    sentences = [s for _, _, text in article_sections() for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 30]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for number in range(chunks_wanted):
            body, words = [], 0
            while words < 110:
                sentence = rng.choice(sentences)
                body.append(sentence)
                words += len(sentence.split())
            out.write(json.dumps({"id": f"filler-{number}", "title": f"Filler topic {number}",
                                  "text": " ".join(body), **VETTING}) + "\n")
    return chunks_wanted


def quality(store: KnowledgeStore, headingless: KnowledgeStore, templated: list[tuple[str, str]]) -> None:
    cases = load_cases()
    print(f"\nQuality: {len(cases)} patient questions (article must be found) | {len(templated)} templated "
          "questions over headingless records (record must be found)")
    print(f"{'variant':26} {'hit@1':>6} {'hit@5':>6} {'MRR@10':>7} {'sect@1':>7} | {'hit@1':>6} {'hit@5':>6}")
    for name, config in VARIANTS.items():
        result = evaluate(HybridRetriever(store, config), cases)
        retriever = HybridRetriever(headingless, config)
        h1, h5 = [], []
        for question, record_id in templated:
            ranked = [r.doc_id for r in retriever.run(question, k=5)]
            h1.append(hit_at_k(ranked, record_id, 1))
            h5.append(hit_at_k(ranked, record_id, 5))
        print(f"{name:26} {result['hit@1']:6.3f} {result['hit@5']:6.3f} {result['mrr@10']:7.3f} "
              f"{result['section@1']:7.3f} | {mean(h1):6.3f} {mean(h5):6.3f}")


def latency(store: KnowledgeStore, rounds: int = 2) -> tuple[float, float]:
    retriever = HybridRetriever(store)
    questions = [case.question for case in load_cases()]
    for question in questions[:20]:
        retriever.run(question, k=5)  # warm caches (spelling vocabulary, HNSW pages)
    timings = []
    for _ in range(rounds):
        for question in questions:
            started = time.perf_counter()
            retriever.run(question, k=5)
            timings.append((time.perf_counter() - started) * 1000)
    return percentile(timings, 50), percentile(timings, 95)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--filler-chunks", type=int, default=10_000)
    parser.add_argument("--skip-latency", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = KnowledgeStore(Settings(data_dir=root / "library"))
        store.embedder.embed_query("load the model before timing")
        report = ingest_paths(store, [BUNDLED_KNOWLEDGE_DIR])
        print(f"Ingest, bundled library: {len(report.added)} articles, {report.chunks_written} chunks in "
              f"{report.seconds:.1f} s = {report.chunks_written / report.seconds:.0f} chunks/s")

        records = root / "headingless.jsonl"
        templated = write_headingless_records(records)
        headingless = KnowledgeStore(Settings(data_dir=root / "headingless"), embedder=store.embedder)
        ingest_paths(headingless, [records])
        quality(store, headingless, templated)

        if args.skip_latency:
            return 0
        filler = root / "filler.jsonl"
        write_filler(filler, args.filler_chunks)
        report = ingest_paths(store, [filler])
        print(f"\nIngest, {len(report.added)} filler records: {report.chunks_written} chunks in "
              f"{report.seconds:.1f} s = {report.chunks_written / report.seconds:.0f} chunks/s")
        unchanged = ingest_paths(store, [filler])
        print(f"Re-ingest unchanged: {len(unchanged.unchanged)} unchanged, {unchanged.chunks_written} chunks "
              f"written, {unchanged.seconds:.1f} s")
        p50, p95 = latency(store)
        print(f"Search latency on {store.index.count_chunks()} chunks (hybrid, k=5): p50 {p50:.1f} ms, "
              f"p95 {p95:.1f} ms")
    print(f"Peak memory of this process (model, both stores, ingest batches): {peak_rss_mb():.0f} MB")
    return 0


def peak_rss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
