"""POST /api/v1/chat: one chat turn, as JSON or streamed as server-sent events."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import chain
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from careline.api.deps import bearer_token, require_content_ready
from careline.auth.models import Principal
from careline.auth.service import authenticate, ensure_can_access_patient
from careline.chat.models import MAX_MESSAGE_CHARS, ChatReply, Token
from careline.chat.pipeline import TurnRequest, validate_message
from careline.errors import CarelineError, ValidationFailed
from careline.logs import get_logger
from careline.patients.models import Profile
from careline.services import Services

log = get_logger(__name__)
router = APIRouter(prefix="/api/v1", tags=["chat"])


class ChatRequest(BaseModel):
    message: str = Field(..., max_length=MAX_MESSAGE_CHARS, description="The patient's message")
    conversation_id: str | None = Field(None, max_length=64, description="Continue this conversation")
    patient_id: str | None = Field(None, max_length=64,
                                   description="For clinician or admin tokens: the patient to chat for")


class CitationOut(BaseModel):
    n: int
    doc_id: str
    title: str
    url: str | None
    source: str | None


class SafetyOut(BaseModel):
    level: str
    flags: list[str]


class PersonalNoteModel(BaseModel):
    kind: str
    text: str
    citations: list[CitationOut]


class ChatResponse(BaseModel):
    model_config = ConfigDict(extra="allow")

    conversation_id: str
    message_id: str
    answer: str
    citations: list[CitationOut]
    safety: SafetyOut
    abstained: bool
    personal_notes: list[PersonalNoteModel]
    engine: str
    prompt_version: str | None


def resolve_chat_patient(services: Services, request: Request, patient_id: str | None,
                         ) -> tuple[str | None, Profile | None]:
    """Who the turn is for: the patient token's own patient, the patient a clinician/admin names, or nobody
    (anonymous chat, only when enabled)."""
    token = bearer_token(request)
    if token is None and services.settings.allow_anonymous_chat:
        if patient_id:
            raise ValidationFailed("patient_id: anonymous chat cannot act for a patient")
        return None, None
    with services.database.session() as session:
        principal: Principal = authenticate(db_session=session, token=token, admin_key=services.settings.admin_key)
        if principal.kind == "patient":
            patient_id = patient_id or principal.id
        elif not patient_id:
            raise ValidationFailed("patient_id: a clinician or admin token must name the patient to chat for")
        patient = ensure_can_access_patient(db_session=session, principal=principal, patient_id=patient_id)
        return patient.id, Profile.from_patient(patient)


def wants_event_stream(request: Request) -> bool:
    return "text/event-stream" in request.headers.get("accept", "").lower()


def sse_event(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@router.post("/chat", response_model=ChatResponse, summary="Ask Careline (JSON, or SSE with Accept: text/event-stream)",
             responses={200: {"content": {"text/event-stream": {}}}})
async def chat(body: ChatRequest, request: Request, services: Services = Depends(require_content_ready)) -> Any:
    message = validate_message(body.message)
    patient_id, profile = await run_in_threadpool(resolve_chat_patient, services, request, body.patient_id)
    streaming = wants_event_stream(request)
    turn = TurnRequest(message=message, conversation_id=body.conversation_id, patient_id=patient_id,
                       profile=profile, streaming=streaming)
    if not streaming:
        reply = await run_in_threadpool(services.chat.run, turn)
        return JSONResponse(reply.as_dict())
    events = services.chat.stream(turn)
    # The first step runs before the response starts, so a bad conversation id is still a plain 404.
    first = await run_in_threadpool(next, events)
    return StreamingResponse(_sse(first, events), media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


def _sse(first: Token | ChatReply, events: Iterator[Token | ChatReply]) -> Iterator[str]:
    try:
        for event in chain([first], events):
            if isinstance(event, ChatReply):
                yield sse_event("done", event.as_dict())
            else:
                yield sse_event("token", {"text": event.text})
    except CarelineError as exc:
        yield sse_event("error", {"error": {"code": exc.code, "message": exc.message}})
    except Exception:
        log.exception("chat stream failed")
        yield sse_event("error", {"error": {"code": "internal_error",
                                            "message": "Something went wrong on our side. Please try again."}})
