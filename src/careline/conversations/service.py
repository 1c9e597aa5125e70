"""Plain functions over conversations and messages, and the SQL store the chat pipeline writes through."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from careline.conversations.models import Conversation, ConversationRead, ConversationSummary, Message, MessageRead
from careline.conversations.state import (
    HISTORY_TURNS,
    AssistantRecord,
    ConversationState,
    HistoryEntry,
    Topic,
    merge_flags,
    new_conversation_id,
    new_message_id,
    raise_level,
)
from careline.db import Database, utcnow
from careline.errors import NotFound


def get_conversation(*, db_session: Session, conversation_id: str, patient_id: str | None) -> Conversation:
    """The conversation if it belongs to this patient; another patient's gets the same 404 as a missing one."""
    conversation = db_session.get(Conversation, conversation_id)
    if conversation is None or conversation.patient_id != patient_id:
        raise NotFound("No such conversation.")
    return conversation


def list_conversations(*, db_session: Session, patient_id: str, limit: int = 50) -> list[ConversationSummary]:
    """The patient's conversations, most recently active first."""
    counts = (select(Message.conversation_id, func.count().label("n")).group_by(Message.conversation_id)
              .subquery())
    rows = db_session.execute(
        select(Conversation, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.conversation_id == Conversation.id)
        .where(Conversation.patient_id == patient_id)
        .order_by(Conversation.updated_at.desc(), Conversation.id)
        .limit(limit)
    ).all()
    return [ConversationSummary.from_row(conversation, count) for conversation, count in rows]


def list_messages(*, db_session: Session, conversation_id: str) -> list[Message]:
    return list(db_session.scalars(
        select(Message).where(Message.conversation_id == conversation_id)
        .order_by(Message.created_at, Message.role.desc())  # a user message sorts before its reply
    ))


def read_conversation(*, db_session: Session, conversation_id: str, patient_id: str | None) -> ConversationRead:
    conversation = get_conversation(db_session=db_session, conversation_id=conversation_id, patient_id=patient_id)
    messages = [MessageRead.from_row(m) for m in list_messages(db_session=db_session, conversation_id=conversation.id)]
    summary = ConversationSummary.from_row(conversation, len(messages))
    return ConversationRead(**summary.model_dump(), messages=messages)


class SqlConversationStore:
    """The chat pipeline's persistence through SQLAlchemy: one short transaction per write."""

    def __init__(self, database: Database) -> None:
        self.database = database

    def open(self, *, conversation_id: str | None, patient_id: str | None,
             external_key: str | None = None) -> ConversationState:
        with self.database.session() as session:
            conversation = None
            if conversation_id is not None:
                conversation = get_conversation(db_session=session, conversation_id=conversation_id,
                                                patient_id=patient_id)
            elif external_key is not None:
                conversation = session.scalar(
                    select(Conversation).where(Conversation.external_key == external_key,
                                               Conversation.patient_id == patient_id)
                    .order_by(Conversation.updated_at.desc()).limit(1))
            if conversation is None:
                return ConversationState(id=new_conversation_id(), patient_id=patient_id, external_key=external_key)
            recent = session.execute(
                select(Message.role, Message.text).where(Message.conversation_id == conversation.id)
                .order_by(Message.created_at.desc(), Message.role).limit(HISTORY_TURNS)
            ).all()
            topic = (Topic(conversation.topic_doc_id, conversation.topic_title or "", conversation.topic_intent)
                     if conversation.topic_doc_id else None)
            return ConversationState(
                id=conversation.id, patient_id=conversation.patient_id, is_new=False,
                safety_level=conversation.safety_level, flags=list(conversation.flags or []), topic=topic,
                handler_state=dict(conversation.handler_state or {}),
                history=[HistoryEntry(role, text) for role, text in reversed(recent)],
                external_key=conversation.external_key,
            )

    def record_user_message(self, state: ConversationState, text: str, safety: dict[str, Any]) -> str:
        message_id = new_message_id()
        now = utcnow()
        with self.database.session() as session:
            if state.is_new:
                conversation = Conversation(id=state.id, patient_id=state.patient_id, created_at=now,
                                            external_key=state.external_key, flags=[], handler_state={})
                session.add(conversation)
            else:
                conversation = session.get(Conversation, state.id)
                if conversation is None:
                    raise NotFound("No such conversation.")
                if state.external_key:
                    conversation.external_key = state.external_key
            conversation.safety_level = raise_level(conversation.safety_level or "routine",
                                                    safety.get("level", "routine"))
            conversation.flags = merge_flags(conversation.flags or [], safety.get("flags", []))
            if safety.get("level", "routine") != "routine":
                conversation.reviewed = False  # a new emergency or urgent message needs a clinician's eyes again
            conversation.updated_at = now
            session.add(Message(id=message_id, conversation_id=state.id, role="user", text=text, citations=[],
                                safety=safety, abstained=False, personal_notes=[], created_at=now))
        state.is_new = False
        state.safety_level, state.flags = conversation.safety_level, list(conversation.flags)
        state.history = [*state.history, HistoryEntry("user", text)][-HISTORY_TURNS:]
        return message_id

    def record_assistant_message(self, state: ConversationState, record: AssistantRecord) -> str:
        message_id = new_message_id()
        now = utcnow()
        with self.database.session() as session:
            conversation = session.get(Conversation, state.id)
            if conversation is None:
                raise NotFound("No such conversation.")
            if state.topic is not None:
                conversation.topic_doc_id = state.topic.doc_id
                conversation.topic_title = state.topic.title[:500]
                conversation.topic_intent = state.topic.intent
            conversation.handler_state = dict(state.handler_state)
            conversation.updated_at = now
            session.add(Message(
                id=message_id, conversation_id=state.id, role="assistant", text=record.text,
                citations=record.citations, safety=record.safety, abstained=record.abstained, engine=record.engine,
                prompt_version=record.prompt_version, personal_notes=record.personal_notes, created_at=now,
            ))
        state.history = [*state.history, HistoryEntry("assistant", record.text)][-HISTORY_TURNS:]
        return message_id
