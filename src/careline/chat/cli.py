"""`careline ask "QUESTION" [--profile FILE.json] [--json]`: one question answered as the chat would, with
the same JSON as `POST /api/v1/chat`. No database: the conversation lives in memory for this one turn."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from careline.settings import get_settings


def add_chat_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    ask = sub.add_parser("ask", parents=[common], help="answer one question as the chat would")
    ask.add_argument("question")
    ask.add_argument("--profile", type=Path, help="a patient profile (JSON, as the profile API) to personalize with")
    ask.set_defaults(handler=_ask)


def load_profile(path: Path) -> Any:
    from pydantic import ValidationError

    from careline.errors import ValidationFailed
    from careline.patients.models import Profile

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValidationFailed(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from exc
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'profile'}: {e['msg']}" for e in exc.errors())
        raise ValidationFailed(f"{path}: {problems}") from exc


def _ask(args: argparse.Namespace) -> tuple[Any, str]:
    from careline.chat.factory import build_pipeline
    from careline.chat.pipeline import TurnRequest
    from careline.content.ingest import ingest_paths
    from careline.conversations.state import MemoryConversationStore
    from careline.retrieval.store import KnowledgeStore

    settings = get_settings()
    profile = load_profile(args.profile) if args.profile else None
    store = KnowledgeStore(settings)
    if store.is_empty() and settings.ingest_on_start and settings.knowledge_dir.exists():
        # Same as `careline serve` on a fresh data dir: the bundled library first.
        print("no content yet: ingesting the bundled knowledge library first...", file=sys.stderr)
        ingest_paths(store, [settings.knowledge_dir])
    pipeline = build_pipeline(settings, store, MemoryConversationStore())
    reply = pipeline.run(TurnRequest(message=args.question, profile=profile))
    payload = reply.as_dict()
    return payload, render_reply(payload)


def render_reply(payload: dict[str, Any]) -> str:
    lines = [payload["answer"]]
    if payload["citations"]:
        lines += ["", "Sources:"]
        lines += [f"[{c['n']}] {c['title']}" + (f" — {c['url']}" if c.get("url") else "") for c in payload["citations"]]
    safety = payload["safety"]
    if safety["level"] != "routine" or safety["flags"]:
        lines += ["", f"safety: {safety['level']} {' '.join(safety['flags'])}".rstrip()]
    return "\n".join(lines)
