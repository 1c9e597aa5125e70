"""OpenAI-compatible chat: POST /v1/chat/completions (stream and non-stream) and GET /v1/models, so the
official `openai` client and OpenAI-compatible chat front ends can talk to Careline with a patient token as
the API key. The last user message is the question; earlier messages give the follow-up context. Turns
are saved like any other chat (so emergencies reach the clinicians). The API is stateless, so the
conversation is found again by the user messages the client sends back (see `history_keys`), or named
outright with `"conversation_id"` in the request body."""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Iterator
from itertools import chain
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from careline.api.deps import bearer_token, get_services, require_content_ready
from careline.auth.service import authenticate, require_kind
from careline.chat.catalog import Catalog
from careline.chat.models import MAX_MESSAGE_CHARS, ChatReply, Citation, Token
from careline.chat.pipeline import TurnRequest, validate_message
from careline.conversations.state import Topic
from careline.errors import CarelineError, ValidationFailed
from careline.logs import get_logger
from careline.patients.models import Profile
from careline.retrieval.intents import classify_question
from careline.services import Services

log = get_logger(__name__)
router = APIRouter(prefix="/v1", tags=["openai-compatible"])

MODEL_ID = "careline"
_SOURCE_LINE = re.compile(r"^\[(\d+)\]\s+(.+?)(?:\s+[—-]\s+\S+)?\s*$", re.MULTILINE)


class CompletionMessage(BaseModel):
    model_config = ConfigDict(extra="allow")

    role: str
    content: str | list[dict[str, Any]] | None = None

    @property
    def text(self) -> str:
        if isinstance(self.content, list):
            return " ".join(str(part.get("text", "")) for part in self.content if part.get("type") == "text")
        return self.content or ""


class CompletionRequest(BaseModel):
    model_config = ConfigDict(extra="allow")

    model: str = MODEL_ID
    messages: list[CompletionMessage] = Field(..., min_length=1, max_length=200)
    stream: bool = False
    conversation_id: str | None = Field(None, max_length=64,
                                        description="Careline extension: continue this conversation")


def resolve_openai_patient(services: Services, request: Request) -> tuple[str | None, Profile | None]:
    token = bearer_token(request)
    if token is None and services.settings.allow_anonymous_chat:
        return None, None
    with services.database.session() as session:
        principal = require_kind(authenticate(db_session=session, token=token,
                                              admin_key=services.settings.admin_key), "patient")
        from careline.patients.service import get_patient

        patient = get_patient(db_session=session, patient_id=principal.id)
        return patient.id, Profile.from_patient(patient)


def sources_block(citations: tuple[Citation, ...]) -> str:
    if not citations:
        return ""
    lines = [f"[{c.n}] {c.title}" + (f" — {c.url}" if c.url else "") for c in citations]
    return "\n\nSources:\n" + "\n".join(lines)


def topic_from_history(messages: list[CompletionMessage], catalog: Catalog) -> Topic | None:
    """The topic of the conversation so far: the first source of the last answer that listed sources, else
    the last topic an earlier user message named."""
    intent = None
    earlier = messages[:-1]
    for message in reversed(earlier):
        if message.role == "user":
            intent = classify_question(message.text)
            break
    for message in reversed(earlier):
        if message.role == "assistant" and "Sources:" in message.text:
            block = message.text.rsplit("Sources:", 1)[1]
            for match in _SOURCE_LINE.finditer(block):
                doc_ids = catalog.topics_named(match.group(2))
                if doc_ids:
                    doc = catalog.documents[doc_ids[0]]
                    return Topic(doc_id=doc.doc_id, title=doc.title, intent=intent)
    for message in reversed(earlier):
        if message.role == "user":
            doc_ids = catalog.topics_named(message.text)
            if doc_ids:
                doc = catalog.documents[doc_ids[-1]]
                return Topic(doc_id=doc.doc_id, title=doc.title, intent=classify_question(message.text))
    return None


def history_keys(patient_id: str | None, messages: list[CompletionMessage]) -> tuple[str | None, str]:
    """(the key of the conversation this request continues, the key it has after this turn).

    A conversation's key is a digest of its patient and its user messages so far; after each turn it moves
    on to include the new question. So two chats that start with the same question stay apart (the first
    turn always starts a conversation; a follow-up continues the most recent one whose key matches, whose
    key then moves on), and a front end that reformats the assistant's replies still finds its conversation.
    """
    questions = [" ".join(m.text.split()) for m in messages if m.role == "user"]
    earlier = _digest(patient_id, questions[:-1]) if len(questions) > 1 else None
    return earlier, _digest(patient_id, questions)


def _digest(patient_id: str | None, questions: list[str]) -> str:
    payload = json.dumps([patient_id, questions], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()[:40]


@router.get("/models", summary="The one model Careline serves")
async def list_models(request: Request, services: Services = Depends(get_services)) -> dict[str, Any]:
    await run_in_threadpool(resolve_openai_patient, services, request)
    return {"object": "list", "data": [{"id": MODEL_ID, "object": "model", "created": 0, "owned_by": "careline"}]}


@router.post("/chat/completions", summary="OpenAI-compatible chat completion (stream and non-stream)")
async def chat_completions(body: CompletionRequest, request: Request,
                           services: Services = Depends(require_content_ready)) -> Any:
    last = body.messages[-1]
    if last.role != "user":
        raise ValidationFailed("messages: the last message must be the user's question")
    if len(last.text) > MAX_MESSAGE_CHARS:
        raise ValidationFailed(f"messages: the question may have at most {MAX_MESSAGE_CHARS} characters")
    question = validate_message(last.text)
    patient_id, profile = await run_in_threadpool(resolve_openai_patient, services, request)
    pipeline = services.chat
    topic = topic_from_history(body.messages, pipeline.catalog.get()) if len(body.messages) > 1 else None
    earlier_key, next_key = history_keys(patient_id, body.messages)
    turn = TurnRequest(message=question, conversation_id=body.conversation_id, patient_id=patient_id,
                       profile=profile, streaming=body.stream, external_key=earlier_key,
                       next_external_key=next_key, topic_hint=topic)
    completion_id = f"chatcmpl-{int(time.time() * 1000):x}"
    created = int(time.time())
    if not body.stream:
        reply = await run_in_threadpool(pipeline.run, turn)
        content = reply.answer + sources_block(reply.citations)
        return JSONResponse({
            "id": completion_id, "object": "chat.completion", "created": created, "model": body.model,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop"}],
            "usage": _usage(question, content),
            "careline": reply.as_dict(),
        })
    events = pipeline.stream(turn)
    first = await run_in_threadpool(next, events)
    return StreamingResponse(_chunks(first, events, completion_id, created, body.model, question),
                             media_type="text/event-stream", headers={"Cache-Control": "no-cache"})


def _chunks(first: Token | ChatReply, events: Iterator[Token | ChatReply], completion_id: str, created: int,
            model: str, question: str) -> Iterator[str]:
    def chunk(delta: dict[str, Any], finish: str | None = None, **extra: Any) -> str:
        payload = {"id": completion_id, "object": "chat.completion.chunk", "created": created, "model": model,
                   "choices": [{"index": 0, "delta": delta, "finish_reason": finish}], **extra}
        return f"data: {json.dumps(payload, ensure_ascii=False)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    try:
        for event in chain([first], events):
            if isinstance(event, ChatReply):
                sources = sources_block(event.citations)
                if sources:
                    yield chunk({"content": sources})
                yield chunk({}, "stop", careline=event.as_dict())
            else:
                yield chunk({"content": event.text})
    except CarelineError as exc:
        yield f"data: {json.dumps({'error': {'code': exc.code, 'message': exc.message}})}\n\n"
    except Exception:
        log.exception("completion stream failed")
        yield f"data: {json.dumps({'error': {'code': 'internal_error', 'message': 'Something went wrong.'}})}\n\n"
    yield "data: [DONE]\n\n"


def _usage(question: str, content: str) -> dict[str, int]:
    # Careline has no tokenizer of its own; words are a fair, stable stand-in.
    prompt, completion = len(question.split()), len(content.split())
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}
