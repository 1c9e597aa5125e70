"""The `careline` command as a user runs it: JSON output, one-line errors, non-zero exit on failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from careline.settings import BUNDLED_KNOWLEDGE_DIR

ARTICLE = (BUNDLED_KNOWLEDGE_DIR / "gout.md").read_text(encoding="utf-8")


def run(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CARELINE_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "careline.cli", *args], capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.mark.slow
def test_ingest_then_search_from_the_command_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "gout.md").write_text(ARTICLE, encoding="utf-8")
    (content / "bad.jsonl").write_text('{"id": "x", "text": "no vetting metadata here at all"}\n')
    first = run(["ingest", str(content), "--json"], tmp_path / "data")
    assert first.returncode == 0, first.stderr
    report = json.loads(first.stdout)
    assert report["added"] == 1
    assert report["rejected"][0]["line"] == 1
    assert "missing required field(s): reviewed_by, review_date" in report["rejected"][0]["reason"]

    again = json.loads(run(["ingest", str(content), "--json"], tmp_path / "data").stdout)
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 1)

    found = run(["search", "what brings on a gout attack", "-k", "1", "--json"], tmp_path / "data")
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["results"][0]["doc_id"] == "gout"
    plain = run(["search", "gout", "-k", "1"], tmp_path / "data")
    assert plain.stdout.startswith("1. Gout")


def test_errors_are_one_line_on_stderr_with_non_zero_exit(tmp_path: Path) -> None:
    result = run(["search", "gout"], tmp_path / "empty")
    assert result.returncode != 0
    assert result.stderr.strip() == "error: no content ingested yet: run `careline ingest knowledge/` first"
    assert result.stdout == ""


def test_content_check_passes_on_the_bundled_library(tmp_path: Path) -> None:
    result = run(["content", "check", "--json"], tmp_path)
    payload = json.loads(result.stdout)
    assert result.returncode == 0, payload["problems"]
    assert payload["ok"] and payload["articles"] >= 120
