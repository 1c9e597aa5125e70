"""The conversation_reviews table and the shapes the clinician API speaks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from careline.conversations.models import MessageRead
from careline.db import Base, utcnow
from careline.patients.models import Profile, new_id
from careline.summaries.models import Summary


class ConversationReview(Base):
    """A clinician's review of a conversation, with their note. A conversation counts as reviewed while its
    latest review is newer than its latest message."""

    __tablename__ = "conversation_reviews"
    __table_args__ = (Index("ix_conversation_reviews_conversation_created", "conversation_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("rev"))
    conversation_id: Mapped[str] = mapped_column(String(64), ForeignKey("conversations.id", ondelete="CASCADE"))
    reviewer_kind: Mapped[str] = mapped_column(String(16))
    reviewer_id: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ReviewRequest(BaseModel):
    note: str = Field("", max_length=4000, description="What was done or decided (may be empty)")


class ReviewRead(BaseModel):
    id: str
    reviewer_kind: str
    reviewer_id: str
    reviewer_name: str
    note: str
    created_at: datetime


class ClinicianConversation(BaseModel):
    id: str
    patient_id: str
    patient_name: str
    safety_level: str
    flags: list[str]
    reviewed: bool
    last_reviewed_at: datetime | None
    message_count: int
    created_at: datetime
    updated_at: datetime
    preview: str = Field(description="The summary's reason for contact, or the patient's first message")


class ClinicianConversationList(BaseModel):
    conversations: list[ClinicianConversation]
    next_offset: int | None = Field(None, description="Pass as `offset` for the next page; null on the last page")


class DailyAdherence(BaseModel):
    date: date
    taken: int = 0
    skipped: int = 0
    missed: int = 0
    pending: int = 0


class PatientCard(BaseModel):
    id: str
    profile: Profile


class ConversationDetail(BaseModel):
    conversation: ClinicianConversation
    patient: PatientCard
    messages: list[MessageRead]
    summary: Summary
    adherence: dict[str, Any] = Field(description="As GET .../adherence (7 and 30 days), plus `daily` for 30 days")
    reviews: list[ReviewRead]


class ClinicianIdentity(BaseModel):
    id: str
    kind: str
    name: str
    clinic_id: str | None
