"""Helpers shared by the eval tests: a small evals folder written from the bundled datasets (so a test runs in
seconds), a local OpenAI-compatible judge, and the `careline eval` command in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request

from careline.evals.safety import EVALS_DIR

REPO_ROOT = Path(__file__).resolve().parents[1]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def bundled_rows(relative: str, ids: list[str] | None = None) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in (EVALS_DIR / relative).read_text(encoding="utf-8").splitlines() if line]
    return [row for row in rows if ids is None or row["id"] in ids]


def small_evals(folder: Path, *, thresholds: str | None = None) -> Path:
    """An evals folder with a few real cases per fast suite (safety, scope, reminders, fhir) and the bundled
    release bar (or `thresholds`)."""
    write_jsonl(folder / "safety" / "messages.jsonl", bundled_rows("safety/messages.jsonl",
                                                                   ["safety-001", "safety-002", "safety-003"])
                + [row for row in bundled_rows("safety/messages.jsonl") if row["expected_level"] == "routine"][:3])
    write_jsonl(folder / "scope" / "cases.jsonl", bundled_rows("scope/cases.jsonl")[:4])
    write_jsonl(folder / "reminders" / "phrases.jsonl", bundled_rows("reminders/phrases.jsonl")[:6])
    fhir = bundled_rows("fhir/cases.jsonl", ["fhir-001", "fhir-006"])
    for row in fhir:
        row["bundle"] = str(EVALS_DIR / "fhir" / row["bundle"])
    write_jsonl(folder / "fhir" / "cases.jsonl", fhir)
    (folder / "thresholds.yaml").write_text(thresholds if thresholds is not None else
                                            (EVALS_DIR / "thresholds.yaml").read_text(encoding="utf-8"))
    return folder


def careline_eval(*args: str, data_dir: Path, env: dict[str, str] | None = None,
                  timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """`careline eval ARGS` in a fresh process, with only the given CARELINE_* settings."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("CARELINE_", "OPENAI_"))}
    clean.update({"CARELINE_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
                  "CARELINE_LOG_LEVEL": "WARNING", **(env or {})})
    return subprocess.run([sys.executable, "-m", "careline.cli", "eval", *args], capture_output=True, text=True,
                          env=clean, cwd=REPO_ROOT, timeout=timeout, check=False)


def completions_app(content_for: Callable[[dict[str, Any]], str], requests: list[dict[str, Any]]) -> FastAPI:
    """An OpenAI-compatible chat completions server (non-streamed) whose reply is content_for(request body)."""
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def complete(request: Request) -> dict[str, Any]:
        body = await request.json()
        requests.append(body)
        return {"id": "c-1", "object": "chat.completion", "created": 0, "model": body["model"],
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": content_for(body)}}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}

    return app


@contextmanager
def completions_server(content_for: Callable[[dict[str, Any]], str]) -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """That server on a free 127.0.0.1 port (real uvicorn, real HTTP); yields its /v1 base URL and the requests."""
    from reminders_support import running_server

    requests: list[dict[str, Any]] = []
    with running_server(completions_app(content_for, requests)) as base:
        yield f"{base}/v1", requests


def judge_server(decide: Callable[[str, str], str]) -> Any:
    """A judge answering decide(criterion, conversation) for each rubric criterion it is asked about."""

    def content_for(body: dict[str, Any]) -> str:
        user = body["messages"][-1]["content"]
        conversation = user.split("# Conversation\n", 1)[1].split("\n\n# Rubric criterion", 1)[0]
        criterion = user.split("points)\n", 1)[1].split("\n\nDoes the last", 1)[0]
        return decide(criterion, conversation)

    return completions_server(content_for)


def verdict(met: bool, why: str = "checked") -> str:
    return json.dumps({"explanation": why, "criteria_met": met})
