"""Notification tables (the in-app feed and the delivery log) and the shapes the notifications API speaks."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from careline.db import Base, utcnow

Channel = Literal["in_app", "webhook", "email"]
NotificationKind = Literal["dose_due", "dose_again", "catch_up"]
DeliveryStatus = Literal["pending", "sending", "delivered", "failed"]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Notification(Base):
    """One message to a patient. Every notification is in the in-app feed; other channels get a delivery row."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_patient_id_id", "patient_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    patient_id: Mapped[str] = mapped_column(String(64), ForeignKey("patients.id", ondelete="CASCADE"))
    # No foreign key: the feed keeps its history after a reminder is deleted.
    reminder_id: Mapped[str | None] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(24))
    due: Mapped[datetime | None]
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(String(2000))
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class NotificationDelivery(Base):
    """The delivery log: one row per notification and outside channel, with attempts and the last error."""

    __tablename__ = "notification_deliveries"
    __table_args__ = (Index("ix_notification_deliveries_status_next", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    notification_id: Mapped[int] = mapped_column(ForeignKey("notifications.id", ondelete="CASCADE"), index=True)
    patient_id: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(300))
    response_status: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    delivered_at: Mapped[datetime | None]


class NotificationSettings(BaseModel):
    """Where a patient's reminders go. The in-app feed always records them; webhook and email are optional.

    Stored in `Patient.preferences["notifications"]`.
    """

    channels: list[Channel] = Field(default_factory=lambda: ["in_app"])
    webhook_url: str | None = Field(None, max_length=500, description="http(s) URL that receives signed JSON.")
    email: str | None = Field(None, max_length=254)

    @field_validator("channels")
    @classmethod
    def _dedupe_channels(cls, value: list[str]) -> list[str]:
        return [channel for channel in ("in_app", "webhook", "email") if channel in value or channel == "in_app"]

    @field_validator("webhook_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if not value:
            return None
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise PydanticCustomError("url", "webhook_url must be an http:// or https:// URL")
        return value.strip()

    @field_validator("email")
    @classmethod
    def _check_email(cls, value: str | None) -> str | None:
        if not value:
            return None
        if not _EMAIL.match(value.strip()):
            raise PydanticCustomError("email", "email must be an address like name@example.org")
        return value.strip()

    @model_validator(mode="after")
    def _targets_for_channels(self) -> NotificationSettings:
        if "webhook" in self.channels and not self.webhook_url:
            raise PydanticCustomError("settings", "the webhook channel needs a webhook_url")
        if "email" in self.channels and not self.email:
            raise PydanticCustomError("settings", "the email channel needs an email address")
        return self


class DeliveryRead(BaseModel):
    channel: str
    status: DeliveryStatus
    attempts: int
    last_error: str | None = None


class NotificationRead(BaseModel):
    id: int
    kind: NotificationKind
    reminder_id: str | None
    due: datetime | None
    title: str
    body: str
    data: dict[str, Any]
    created_at: datetime
    deliveries: list[DeliveryRead] = Field(default_factory=list)
