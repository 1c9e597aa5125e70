"""`careline ask` as a user runs it: the chat's JSON, personal notes from a profile file, readable errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def ask(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CARELINE_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    return subprocess.run([sys.executable, "-m", "careline.cli", "ask", *args], capture_output=True, text=True,
                          env=env, timeout=300)


@pytest.mark.slow
def test_ask_prints_the_chat_json_with_personal_notes(library_settings, library_store, tmp_path: Path):
    profile = tmp_path / "profile.json"
    profile.write_text(json.dumps({"name": "Ann", "allergies": ["penicillin"]}), encoding="utf-8")
    result = ask(["Can I take amoxicillin?", "--profile", str(profile), "--json"], library_settings.data_dir)
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert {"conversation_id", "message_id", "answer", "citations", "safety", "abstained"} <= reply.keys()
    assert reply["citations"][0]["doc_id"] == "amoxicillin"
    assert [note["kind"] for note in reply["personal_notes"]] == ["allergy"]

    plain = ask(["What causes gout?"], library_settings.data_dir)
    assert plain.returncode == 0 and "Sources:\n[1] Gout" in plain.stdout


def test_a_broken_profile_file_is_a_one_line_error(tmp_path: Path):
    profile = tmp_path / "profile.json"
    profile.write_text("{not json", encoding="utf-8")
    result = ask(["What causes gout?", "--profile", str(profile)], tmp_path / "data")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: ") and "not valid JSON" in result.stderr
