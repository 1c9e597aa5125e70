"""The conversations and messages tables, and the shapes the history API speaks."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import JSON, Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from careline.db import Base, utcnow

SAFETY_ORDER = {"routine": 0, "urgent": 1, "emergency": 2}


class Conversation(Base):
    __tablename__ = "conversations"
    __table_args__ = (Index("ix_conversations_patient_updated", "patient_id", "updated_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Null for anonymous chat (only when CARELINE_ALLOW_ANONYMOUS_CHAT is on).
    patient_id: Mapped[str | None] = mapped_column(String(64), ForeignKey("patients.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The highest safety level any message reached, so clinicians can filter flagged conversations.
    safety_level: Mapped[str] = mapped_column(String(16), default="routine", index=True)
    flags: Mapped[list[Any]] = mapped_column(JSON, default=list)
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # The last topic answered (article id, title, question type) so a follow-up like
    # "what about its side effects?" can be resolved without keeping the question text around.
    topic_doc_id: Mapped[str | None] = mapped_column(String(200))
    topic_title: Mapped[str | None] = mapped_column(String(500))
    topic_intent: Mapped[str | None] = mapped_column(String(32))
    # Scratch space for turn handlers (e.g. a reminder waiting for "yes"), keyed by handler name.
    handler_state: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Lets the OpenAI-compatible endpoint, which resends the whole history, find its conversation again.
    external_key: Mapped[str | None] = mapped_column(String(64), index=True)


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_conversation_created", "conversation_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    conversation_id: Mapped[str] = mapped_column(String(64), ForeignKey("conversations.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))  # "user" | "assistant"
    text: Mapped[str] = mapped_column(Text)
    citations: Mapped[list[Any]] = mapped_column(JSON, default=list)
    safety: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    abstained: Mapped[bool] = mapped_column(Boolean, default=False)
    engine: Mapped[str | None] = mapped_column(String(64))
    prompt_version: Mapped[str | None] = mapped_column(String(32))
    personal_notes: Mapped[list[Any]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MessageRead(BaseModel):
    id: str
    role: str
    text: str
    citations: list[dict[str, Any]]
    safety: dict[str, Any] | None
    abstained: bool
    engine: str | None
    prompt_version: str | None
    personal_notes: list[dict[str, Any]]
    created_at: datetime

    @classmethod
    def from_row(cls, row: Message) -> MessageRead:
        return cls(
            id=row.id, role=row.role, text=row.text, citations=list(row.citations or []), safety=row.safety,
            abstained=row.abstained, engine=row.engine, prompt_version=row.prompt_version,
            personal_notes=list(row.personal_notes or []), created_at=row.created_at,
        )


class ConversationSummary(BaseModel):
    id: str
    patient_id: str | None
    created_at: datetime
    updated_at: datetime
    safety_level: str
    flags: list[str]
    reviewed: bool
    message_count: int

    @classmethod
    def from_row(cls, row: Conversation, message_count: int) -> ConversationSummary:
        return cls(
            id=row.id, patient_id=row.patient_id, created_at=row.created_at, updated_at=row.updated_at,
            safety_level=row.safety_level, flags=list(row.flags or []), reviewed=row.reviewed,
            message_count=message_count,
        )


class ConversationRead(ConversationSummary):
    messages: list[MessageRead]


class ConversationList(BaseModel):
    conversations: list[ConversationSummary]
