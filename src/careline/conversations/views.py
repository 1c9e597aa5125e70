"""The caller's conversation history: GET /api/v1/conversations and GET /api/v1/conversations/{id}."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from careline.api.deps import current_principal, get_db_session
from careline.auth.models import Principal
from careline.auth.service import ensure_can_access_patient
from careline.conversations import service
from careline.conversations.models import Conversation, ConversationList, ConversationRead
from careline.errors import NotFound, ValidationFailed

router = APIRouter(prefix="/api/v1", tags=["conversations"])


def _history_patient(principal: Principal, patient_id: str | None, db_session: Session) -> str:
    if principal.kind == "patient":
        if patient_id and patient_id != principal.id:
            raise NotFound("No such patient.")
        return principal.id
    if not patient_id:
        raise ValidationFailed("patient_id: a clinician or admin token must name the patient")
    return ensure_can_access_patient(db_session=db_session, principal=principal, patient_id=patient_id).id


@router.get("/conversations", response_model=ConversationList, summary="Your conversations, newest first")
def list_conversations(
    patient_id: str | None = Query(None, description="For clinician or admin tokens"),
    limit: int = Query(50, ge=1, le=200),
    principal: Principal = Depends(current_principal),
    db_session: Session = Depends(get_db_session, scope="function"),
) -> ConversationList:
    owner = _history_patient(principal, patient_id, db_session)
    return ConversationList(conversations=service.list_conversations(db_session=db_session, patient_id=owner,
                                                                     limit=limit))


@router.get("/conversations/{conversation_id}", response_model=ConversationRead,
            summary="One of your conversations with its messages")
def read_conversation(
    conversation_id: str, principal: Principal = Depends(current_principal),
    db_session: Session = Depends(get_db_session, scope="function"),
) -> ConversationRead:
    if principal.kind == "patient":
        owner = principal.id
    else:
        conversation = db_session.get(Conversation, conversation_id)
        if conversation is None or conversation.patient_id is None:
            raise NotFound("No such conversation.")
        owner = ensure_can_access_patient(db_session=db_session, principal=principal,
                                          patient_id=conversation.patient_id).id
    return service.read_conversation(db_session=db_session, conversation_id=conversation_id, patient_id=owner)
