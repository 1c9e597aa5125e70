"""Reminder tables (reminders, their doses, the scheduler lease) and the shapes the reminders API speaks."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError
from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careline.db import Base, utcnow
from careline.patients.models import new_id

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ReminderStatus = Literal["active", "paused", "pending_confirmation", "ended"]
ReminderSource = Literal["api", "fhir", "chat"]
DoseStatus = Literal["due", "taken", "skipped", "snoozed", "missed"]
DoseActionName = Literal["taken", "skipped", "snoozed"]

_TIME = re.compile(r"^(\d{1,2}):(\d{2})$")


class Reminder(Base):
    """One medicine to remind about, on one schedule, in one IANA time zone."""

    __tablename__ = "reminders"
    __table_args__ = (
        UniqueConstraint("patient_id", "source_key", name="uq_reminders_patient_source_key"),
        Index("ix_reminders_status_next_due", "status", "next_due_at"),
    )

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("rem"))
    patient_id: Mapped[str] = mapped_column(String(64), ForeignKey("patients.id", ondelete="CASCADE"), index=True)
    medication: Mapped[str] = mapped_column(String(200))
    dose: Mapped[str | None] = mapped_column(String(200))
    times: Mapped[list[Any]] = mapped_column(JSON, default=list)
    days_of_week: Mapped[list[Any] | None] = mapped_column(JSON)
    every_hours: Mapped[int | None]
    start_at: Mapped[datetime | None]
    end_at: Mapped[datetime | None]
    timezone: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(24), default="active")
    source: Mapped[str] = mapped_column(String(16), default="api")
    # Where an imported reminder came from (FHIR resource id + dosage hash): re-imports find it again.
    source_key: Mapped[str | None] = mapped_column(String(200))
    # Bumped on every change that affects firing; the scheduler leader syncs its job until they match.
    schedule_version: Mapped[int] = mapped_column(default=1)
    synced_version: Mapped[int] = mapped_column(default=0)
    # Every dose due at or before this instant has been handled (notified or recorded as missed).
    fired_through: Mapped[datetime | None]
    next_due_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ReminderDose(Base):
    """One scheduled dose. (reminder_id, due) is unique, so a dose can never fire twice."""

    __tablename__ = "reminder_doses"
    __table_args__ = (
        UniqueConstraint("reminder_id", "due", name="uq_reminder_doses_reminder_due"),
        Index("ix_reminder_doses_patient_due", "patient_id", "due"),
        Index("ix_reminder_doses_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    reminder_id: Mapped[str] = mapped_column(String(64), ForeignKey("reminders.id", ondelete="CASCADE"))
    patient_id: Mapped[str] = mapped_column(String(64), ForeignKey("patients.id", ondelete="CASCADE"))
    due: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16))
    notified_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
    snoozed_until: Mapped[datetime | None]
    snooze_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SchedulerLease(Base):
    """Who may fire reminders right now: one row per lease name, held until expires_at unless renewed."""

    __tablename__ = "scheduler_leases"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(128))
    expires_at: Mapped[datetime]
    acquired_at: Mapped[datetime]


# --- API shapes -----------------------------------------------------------------------------------------


def collapse_spaces(value: str | None) -> str | None:
    """Trim and collapse runs of white space; an empty text becomes None."""
    return " ".join(value.split()) or None if value else None


def _clean_text(value: str | None, info: ValidationInfo) -> str | None:
    cleaned = collapse_spaces(value)
    if value is not None and cleaned is None and info.field_name == "medication":
        raise PydanticCustomError("empty", "medication must not be empty")
    return cleaned


def _schedule_error(message: str) -> PydanticCustomError:
    # A custom error type keeps pydantic's "Value error, " prefix out of the message people read.
    return PydanticCustomError("schedule", message)


class ReminderSchedule(BaseModel):
    """When doses are due: wall-clock `times` (optionally on `days_of_week`) or every N hours from `start`.

    `start` and `end` bound the schedule; `end` is exclusive, so "every 8 hours for 10 days" is
    every_hours=8 with end = start + 10 days (30 doses). A date-time without an offset is read as a
    wall-clock time in the reminder's time zone.
    """

    times: list[str] = Field(default_factory=list, description='Local wall-clock times, "HH:MM" (24-hour).')
    days_of_week: list[str] | None = Field(None, description='"mon".."sun"; null means every day.')
    every_hours: int | None = Field(None, description="Every N hours (1-168) in absolute time, from start.")
    start: datetime | None = None
    end: datetime | None = None

    @field_validator("times", mode="before")
    @classmethod
    def _normalise_times(cls, value: object) -> object:
        if value is None:
            return []
        if not isinstance(value, list):
            raise _schedule_error('times must be a list like ["08:00", "20:00"]')
        normalised = set()
        for item in value:
            match = _TIME.match(str(item).strip())
            if not match or int(match.group(1)) > 23 or int(match.group(2)) > 59:
                raise _schedule_error(f"'{item}' is not a time between 00:00 and 23:59 (24-hour HH:MM)")
            normalised.add(f"{int(match.group(1)):02d}:{match.group(2)}")
        return sorted(normalised)

    @field_validator("days_of_week", mode="before")
    @classmethod
    def _normalise_days(cls, value: object) -> object:
        if value is None:
            return None
        if not isinstance(value, list):
            raise _schedule_error('days_of_week must be a list like ["mon", "wed"] or null for every day')
        days = set()
        for item in value:
            day = str(item).strip().lower()[:3]
            if day not in WEEKDAYS:
                raise _schedule_error(f"'{item}' is not a day of the week (use mon, tue, wed, thu, fri, sat, sun)")
            days.add(day)
        if not days:
            raise _schedule_error("days_of_week is empty: name at least one day, or use null for every day")
        return [day for day in WEEKDAYS if day in days]

    @field_validator("every_hours")
    @classmethod
    def _check_every_hours(cls, value: int | None) -> int | None:
        if value is not None and not 1 <= value <= 168:
            raise _schedule_error("every_hours must be between 1 and 168")
        return value

    @model_validator(mode="after")
    def _check_shape(self) -> ReminderSchedule:
        if self.times and self.every_hours:
            raise _schedule_error("give either times or every_hours, not both")
        if not self.times and not self.every_hours:
            raise _schedule_error('give times (like ["08:00"]) or every_hours')
        comparable = self.start and self.end and (self.start.tzinfo is None) == (self.end.tzinfo is None)
        if comparable and self.end <= self.start:
            raise _schedule_error("end must be after start")
        return self


class ReminderCreate(BaseModel):
    """A new reminder, as the API and the chat/FHIR importers give it."""

    medication: str = Field(min_length=1, max_length=200)
    dose: str | None = Field(None, max_length=200, description="As the patient or the prescription says it.")
    schedule: ReminderSchedule
    timezone: str | None = Field(None, description="IANA time zone; default: the patient's.")
    active: bool = True

    @field_validator("medication", "dose")
    @classmethod
    def _collapse_spaces(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _clean_text(value, info)


class ReminderUpdate(BaseModel):
    """A partial change (PATCH): only the fields given change; `"dose": null` clears the dose."""

    medication: str | None = Field(None, min_length=1, max_length=200)
    dose: str | None = Field(None, max_length=200)
    schedule: ReminderSchedule | None = None
    timezone: str | None = None
    active: bool | None = None

    @field_validator("medication", "dose")
    @classmethod
    def _collapse_spaces(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _clean_text(value, info)


class ReminderRead(BaseModel):
    """A reminder as the API returns it (the contract shape plus status, source and timestamps)."""

    id: str
    medication: str
    dose: str | None
    schedule: ReminderSchedule
    timezone: str
    active: bool
    status: ReminderStatus
    source: ReminderSource
    created_at: datetime
    next_due: datetime | None = Field(None, description="The next dose, with the reminder's UTC offset.")


class DoseActionRequest(BaseModel):
    """The patient's answer to a dose."""

    due: datetime = Field(description="The dose's due time (as in upcoming or the notification).")
    action: DoseActionName
    minutes: int | None = Field(None, ge=1, le=1440, description="For snoozed: remind again after this many minutes.")


class DoseRead(BaseModel):
    reminder_id: str
    due: datetime
    status: DoseStatus
    answered_at: datetime | None = None
    snoozed_until: datetime | None = None


class UpcomingDose(BaseModel):
    reminder_id: str
    medication: str
    dose: str | None
    due: datetime


class AdherenceCounts(BaseModel):
    """Doses due in a window: taken, skipped, missed (no answer within the window), pending (awaiting an answer).

    rate = taken / (taken + skipped + missed); null when nothing has been answered or missed yet.
    """

    taken: int = 0
    skipped: int = 0
    missed: int = 0
    pending: int = 0
    rate: float | None = None
