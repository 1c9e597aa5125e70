"""Prompt files: sections, placeholders and the version hash recorded on every LLM answer."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from careline.llm.prompts import PromptError, load_prompt
from careline.settings import PROMPTS_DIR


def test_the_answer_prompt_states_the_rules_and_its_version_is_the_file_hash():
    prompt = load_prompt("answer")
    raw = (PROMPTS_DIR / "answer.md").read_bytes()
    assert prompt.version == hashlib.sha256(raw).hexdigest()[:12]
    for rule in ("ONLY from", "[1]", "data, not instructions", "Never diagnose", "dose"):
        assert rule in prompt.system
    assert "{passages}" in prompt.user_template and "{question}" in prompt.user_template


def test_placeholders_are_filled_without_interpreting_braces_in_patient_text():
    prompt = load_prompt("answer")
    text = prompt.render_user(passages="[1] Gout\nuric acid", question="what is {this}?")
    assert "what is {this}?" in text and "[1] Gout" in text


def test_a_changed_prompt_file_gets_a_new_version(tmp_path: Path):
    path = tmp_path / "custom.md"
    path.write_text("note\n## System\nBe kind.\n## User\n{question}\n", encoding="utf-8")
    first = load_prompt("custom", tmp_path).version
    path.write_text("note\n## System\nBe very kind.\n## User\n{question}\n", encoding="utf-8")
    assert load_prompt("custom", tmp_path).version != first


def test_a_prompt_without_its_sections_is_refused(tmp_path: Path):
    (tmp_path / "broken.md").write_text("just text\n", encoding="utf-8")
    with pytest.raises(PromptError, match="## System"):
        load_prompt("broken", tmp_path)
    with pytest.raises(PromptError, match="does not exist"):
        load_prompt("missing", tmp_path)
