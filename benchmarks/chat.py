"""Chat benchmark: the offline engine in-process and over HTTP against a real server, plus answer quality.

    python benchmarks/chat.py [--data-dir DIR] [--seconds 30] [--clients 16] [--json]

Prints, for one chat turn (safety triage, follow-up resolution, retrieval, composing, checks, personal
notes, and the two SQLite writes):
- in-process, one client: p50/p95 for questions seen for the first time (retrieval runs: embedding, BM25,
  vector search) and for questions asked before (retrieval answered from the per-process cache);
- over HTTP against `careline serve` in its own process: one client p50/p95, then N concurrent clients for
  S seconds (turns/s, errors, p50/p95), once with the answers-set questions (repeats hit the cache) and
  once with every question unique (every turn embeds);
- the server's resident memory after start and after the load runs (and its peak);
- citation validity and grounding over evals/answers/cases.jsonl.
--data-dir reuses a data dir (ingesting the bundled library when it is empty); without it a temporary one is
built (about a minute). Like the eval runner, it runs torch with one thread per call (OMP_NUM_THREADS=1)
unless told otherwise: with two intra-op threads per query on a 2-core machine serving concurrent turns,
embedding one question slows from ~15 ms to several hundred ms under load.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # before torch is imported; see the docstring

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from careline.evals.metrics import percentile

ROOT = Path(__file__).resolve().parents[1]


def summary(timings_ms: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(timings_ms, 50), 1), "p95_ms": round(percentile(timings_ms, 95), 1),
            "turns": len(timings_ms)}


def prepare(data_dir: Path) -> tuple[Any, Any, str]:
    """The content store (ingested), a migrated database and a patient token."""
    from careline.auth.service import issue_token
    from careline.content.ingest import ingest_paths
    from careline.db import Database
    from careline.patients.models import Patient
    from careline.retrieval.store import KnowledgeStore
    from careline.settings import BUNDLED_KNOWLEDGE_DIR, Settings

    settings = Settings(data_dir=data_dir)
    store = KnowledgeStore(settings)
    if store.is_empty():
        print("ingesting the bundled library...", file=sys.stderr)
        ingest_paths(store, [BUNDLED_KNOWLEDGE_DIR])
    database = Database(settings)
    database.migrate()
    with database.session() as session:
        patient = Patient(name="Benchmark", conditions=["type 2 diabetes"], allergies=["penicillin"],
                          medications=[{"name": "warfarin"}], preferences={})
        session.add(patient)
        session.flush()
        token = issue_token(db_session=session, kind="patient", principal_id=patient.id)
    return settings, store, token


def in_process(settings: Any, store: Any, questions: list[str]) -> dict[str, Any]:
    from careline.chat.evaluation import score_answers
    from careline.chat.factory import build_pipeline
    from careline.chat.pipeline import TurnRequest
    from careline.conversations.service import SqlConversationStore
    from careline.db import Database
    from careline.patients.models import Profile

    pipeline = build_pipeline(settings, store, SqlConversationStore(Database(settings)))
    profile = Profile(name="Benchmark", allergies=["penicillin"], medications=[{"name": "warfarin"}])
    pipeline.run(TurnRequest(message="warm up: what is asthma?", profile=profile))

    def timed(question: str) -> float:
        started = time.perf_counter()
        pipeline.run(TurnRequest(message=question, profile=profile))
        return (time.perf_counter() - started) * 1000

    first = [timed(q) for q in questions]
    repeat = [timed(q) for _ in range(3) for q in questions]
    quality = score_answers(lambda q: pipeline.run(TurnRequest(message=q)), store)
    return {"first_time": summary(first), "repeated": summary(repeat), "quality": quality.figures}


class Server:
    """`careline serve` in its own process on a free port."""

    def __init__(self, data_dir: Path) -> None:
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {**os.environ, "CARELINE_DATA_DIR": str(data_dir), "CARELINE_LOG_LEVEL": "WARNING",
               "HF_HUB_OFFLINE": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "careline.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port)],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{self.base}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise RuntimeError("server did not become ready")

    def memory_mb(self) -> dict[str, float]:
        """The server's resident memory now and its peak so far (Linux /proc), in MB."""
        fields = {}
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = round(int(value.split()[0]) / 1024, 1)
        return {"rss_mb": fields.get("VmRSS", 0.0), "peak_mb": fields.get("VmHWM", 0.0)}

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def http_turn(client: httpx.Client, question: str) -> tuple[float, bool]:
    started = time.perf_counter()
    try:
        response = client.post("/api/v1/chat", json={"message": question})
        ok = response.status_code == 200 and "answer" in response.json()
    except httpx.HTTPError:
        ok = False
    return (time.perf_counter() - started) * 1000, ok


def one_client(base: str, token: str, questions: list[str]) -> dict[str, Any]:
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        timings = [http_turn(client, q)[0] for q in questions]
    return summary(timings)


def concurrent(base: str, token: str, questions: list[str], clients: int, seconds: float,
               unique: bool) -> dict[str, Any]:
    timings: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = itertools.count()
    deadline = time.monotonic() + seconds

    def worker() -> None:
        nonlocal errors
        with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=60) as client:
            while time.monotonic() < deadline:
                n = next(counter)
                question = questions[n % len(questions)]
                if unique:
                    question = f"{question} (question {n})"
                elapsed, ok = http_turn(client, question)
                with lock:
                    timings.append(elapsed)
                    errors += not ok

    started = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    return {**summary(timings), "clients": clients, "seconds": round(wall, 1),
            "turns_per_second": round(len(timings) / wall, 1), "errors": errors}


def run(args: argparse.Namespace, data_dir: Path) -> dict[str, Any]:
    from careline.chat.evaluation import load_cases

    settings, store, token = prepare(data_dir)
    questions = [case["question"] for case in load_cases()]
    results: dict[str, Any] = {"in_process": in_process(settings, store, questions)}
    server = Server(data_dir)
    try:
        server.wait_ready()
        warm = [f"{q} (warm-up {i})" for i, q in enumerate(questions[:5])]
        one_client(server.base, token, warm)
        results["server_memory_after_start"] = server.memory_mb()
        results["http_one_client_first_time"] = one_client(server.base, token, [f"{q}?" for q in questions])
        results["http_one_client_repeated"] = one_client(server.base, token, questions * 2)
        results["http_concurrent_repeated"] = concurrent(server.base, token, questions, args.clients,
                                                         args.seconds, unique=False)
        results["http_concurrent_unique"] = concurrent(server.base, token, questions, args.clients, args.seconds,
                                                       unique=True)
        results["server_memory_after_load"] = server.memory_mb()
    finally:
        server.stop()
    return results


def print_report(results: dict[str, Any]) -> None:
    local = results["in_process"]
    print("chat turn, offline engine (p50 / p95 ms)")
    print(f"  in-process, first time a question is asked  {local['first_time']['p50_ms']:>7} / "
          f"{local['first_time']['p95_ms']}  ({local['first_time']['turns']} turns)")
    print(f"  in-process, repeated questions              {local['repeated']['p50_ms']:>7} / "
          f"{local['repeated']['p95_ms']}  ({local['repeated']['turns']} turns)")
    for key, label in [("http_one_client_first_time", "HTTP, one client, first time"),
                       ("http_one_client_repeated", "HTTP, one client, repeated")]:
        row = results[key]
        print(f"  {label:<44}{row['p50_ms']:>7} / {row['p95_ms']}  ({row['turns']} turns)")
    for key, label in [("http_concurrent_repeated", "answers-set questions"),
                       ("http_concurrent_unique", "every question unique")]:
        row = results[key]
        print(f"HTTP, {row['clients']} concurrent clients for {row['seconds']} s, {label}: "
              f"{row['turns_per_second']} turns/s, {row['errors']} errors, p50 {row['p50_ms']} ms, "
              f"p95 {row['p95_ms']} ms")
    start, after = results["server_memory_after_start"], results["server_memory_after_load"]
    print(f"server memory (RSS): {start['rss_mb']} MB after start and five turns; {after['rss_mb']} MB after the "
          f"load runs (peak {after['peak_mb']} MB)")
    quality = local["quality"]
    print(f"answers set: citation validity {quality['citation_validity']:.0%}, grounding {quality['grounding']:.0%}, "
          f"abstention {quality['abstain_accuracy']:.0%}, must-cite {quality['must_cite']:.0%}, "
          f"must-contain {quality['must_contain']:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, help="reuse this data dir (the library is ingested if empty)")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    if args.data_dir:
        results = run(args, args.data_dir)
    else:
        with tempfile.TemporaryDirectory(prefix="careline-chat-bench-") as tmp:
            results = run(args, Path(tmp))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_report(results)


if __name__ == "__main__":
    main()
