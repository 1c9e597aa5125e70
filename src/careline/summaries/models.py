"""The stored summary table and the summary shape the clinician API speaks."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from careline.db import Base, utcnow

SymptomStatus = Literal["reported", "denied", "past", "asked about"]


class SummaryRecord(Base):
    """The last summary made for a conversation, and what it was made from."""

    __tablename__ = "conversation_summaries"

    conversation_id: Mapped[str] = mapped_column(
        String(64), ForeignKey("conversations.id", ondelete="CASCADE"), primary_key=True)
    # The messages and adherence figures the summary was made from; a different value means it is stale.
    based_on: Mapped[str] = mapped_column(String(100))
    engine: Mapped[str] = mapped_column(String(64))
    prompt_version: Mapped[str | None] = mapped_column(String(32))
    content: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SymptomMention(BaseModel):
    name: str
    # "denied" keeps a negation as a negation: "no fever" is listed as fever, denied.
    status: SymptomStatus
    message_id: str | None = None


class MedicineMention(BaseModel):
    name: str
    doc_id: str | None = None
    message_ids: list[str] = Field(default_factory=list)


class FlagRecord(BaseModel):
    flag: str
    level: str
    label: str
    message_id: str
    message: str = Field(description="The patient's message that raised the flag")


class UnansweredQuestion(BaseModel):
    message_id: str
    question: str


class AdherenceContext(BaseModel):
    last_7_days: dict[str, Any] | None = None
    last_30_days: dict[str, Any] | None = None
    text: str
    # Medicines whose last-7-day rate is below the attention threshold, with that rate.
    attention: list[dict[str, Any]] = Field(default_factory=list)


class Summary(BaseModel):
    reason: str
    symptoms: list[SymptomMention]
    medicines: list[MedicineMention]
    safety_flags: list[FlagRecord]
    unanswered: list[UnansweredQuestion]
    adherence: AdherenceContext
    follow_up: list[str]
    engine: str
    prompt_version: str | None = None
    generated_at: datetime
    message_count: int
