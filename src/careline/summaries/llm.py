"""The LLM summary: the model rewrites the narrative parts (reason, symptoms, medicines, follow-up) from the
transcript through `prompts/summary.md`; the safety flags, unanswered questions and adherence stay as the
offline summary found them. Any failure gives the offline summary back."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, Field, ValidationError

from careline.llm.client import make_chat_model
from careline.llm.prompts import load_prompt
from careline.logs import get_logger
from careline.settings import Settings
from careline.summaries.models import MedicineMention, Summary, SymptomMention, SymptomStatus
from careline.summaries.offline import TranscriptMessage

log = get_logger(__name__)

PROMPT_NAME = "summary"
_JSON_OBJECT = re.compile(r"\{.*\}", re.DOTALL)
_TRANSCRIPT_CHARS = 12_000


class _LLMSymptom(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    status: SymptomStatus


class _LLMSummary(BaseModel):
    reason: str = Field(min_length=1, max_length=600)
    symptoms: list[_LLMSymptom] = Field(default_factory=list, max_length=40)
    medicines: list[str] = Field(default_factory=list, max_length=40)
    follow_up: list[str] = Field(min_length=1, max_length=10)


def format_transcript(messages: Sequence[TranscriptMessage]) -> str:
    lines = [f"[{m.id}] {'Patient' if m.role == 'user' else 'Careline'}: {' '.join(m.text.split())}"
             for m in messages]
    text = "\n".join(lines)
    # The newest messages matter most when a long conversation must be cut.
    return text if len(text) <= _TRANSCRIPT_CHARS else "\u2026" + text[-_TRANSCRIPT_CHARS:]


def llm_summary(settings: Settings, messages: Sequence[TranscriptMessage], facts: Summary, *,
                model_factory: Callable[..., Any] = make_chat_model) -> Summary:
    """The LLM's summary, or `facts` (the offline summary) when the call or its reply fails."""
    try:
        from langchain_core.messages import HumanMessage, SystemMessage

        prompt = load_prompt(PROMPT_NAME)
        facts_json = facts.model_dump_json(include={"reason", "symptoms", "medicines", "safety_flags",
                                                    "unanswered", "adherence", "follow_up"})
        request = [SystemMessage(prompt.system),
                   HumanMessage(prompt.render_user(transcript=format_transcript(messages), facts=facts_json))]
        reply = model_factory(settings, streaming=False).invoke(request)
        parsed = _parse(str(getattr(reply, "content", "") or ""))
    except (ValidationError, ValueError) as exc:
        log.warning("llm summary unusable; offline summary kept", extra={"error_code": type(exc).__name__})
        return facts
    except Exception as exc:  # timeouts, HTTP errors: the offline summary is always there
        log.warning("llm summary failed; offline summary kept", extra={"error_code": type(exc).__name__})
        return facts
    return _merge(facts, parsed, engine=f"llm:{settings.llm_model}", prompt_version=prompt.version)


def _parse(content: str) -> _LLMSummary:
    match = _JSON_OBJECT.search(content)
    if match is None:
        raise ValueError("no JSON object in the reply")
    return _LLMSummary.model_validate(json.loads(match.group(0)))


def _merge(facts: Summary, parsed: _LLMSummary, *, engine: str, prompt_version: str) -> Summary:
    known = {m.name.lower(): m for m in facts.medicines}
    medicines = [known.get(name.lower()) or MedicineMention(name=name) for name in dict.fromkeys(parsed.medicines)]
    by_name = {s.name.lower(): s.message_id for s in facts.symptoms}
    symptoms = [SymptomMention(name=s.name, status=s.status, message_id=by_name.get(s.name.lower()))
                for s in parsed.symptoms]
    follow_up = [step.strip() for step in parsed.follow_up if step.strip()]
    if any(flag.level in ("emergency", "urgent") for flag in facts.safety_flags):
        # The contact step for an emergency or urgent flag never depends on the model remembering it.
        follow_up = [facts.follow_up[0], *follow_up]
    return facts.model_copy(update={
        "reason": parsed.reason.strip(), "symptoms": symptoms, "medicines": medicines, "follow_up": follow_up,
        "engine": engine, "prompt_version": prompt_version,
    })
