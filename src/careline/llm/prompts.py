"""Prompts live in `prompts/*.md` so clinicians can read and review them. A prompt file has a `## System`
and a `## User` section (the user section is a template with `{placeholders}`); everything before the
first section is a note for reviewers and is not sent. Each prompt's version is the first 12 hex digits of
the file's SHA-256, recorded on every message it produced."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from careline.settings import PROMPTS_DIR

_SECTION = re.compile(r"^##\s+(System|User)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Prompt:
    name: str
    system: str
    user_template: str
    version: str

    def render_user(self, **values: str) -> str:
        # str.replace rather than str.format: patient and document text may contain braces.
        text = self.user_template
        for key, value in values.items():
            text = text.replace("{" + key + "}", value)
        return text


class PromptError(ValueError):
    """A prompt file is missing or malformed."""


def prompt_version(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:12]


def parse_prompt(name: str, raw: bytes) -> Prompt:
    text = raw.decode("utf-8")
    parts = _SECTION.split(text)
    sections = {parts[i].lower(): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    if not sections.get("system") or not sections.get("user"):
        raise PromptError(f"prompt {name!r} needs a '## System' and a '## User' section")
    return Prompt(name=name, system=sections["system"], user_template=sections["user"], version=prompt_version(raw))


@lru_cache(maxsize=32)
def _load(path: Path, mtime_ns: int, size: int) -> Prompt:
    return parse_prompt(path.stem, path.read_bytes())


def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    """The prompt `directory/name.md`, re-read only when the file changes."""
    path = directory / f"{name}.md"
    if not path.is_file():
        raise PromptError(f"prompt file {path} does not exist")
    stat = path.stat()
    return _load(path, stat.st_mtime_ns, stat.st_size)
