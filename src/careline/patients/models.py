"""Patient and clinician tables, and the profile shape the API speaks."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from careline.db import Base, utcnow

DEFAULT_CLINIC = "default"


def new_id(prefix: str) -> str:
    """Opaque ids: safe to log, reveal nothing about the person."""
    return f"{prefix}_{uuid.uuid4().hex[:20]}"


class Patient(Base):
    __tablename__ = "patients"

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("pat"))
    clinic_id: Mapped[str] = mapped_column(String(64), default=DEFAULT_CLINIC, index=True)
    name: Mapped[str] = mapped_column(String(200))
    birth_date: Mapped[date | None]
    sex: Mapped[str | None] = mapped_column(String(16))
    pregnant: Mapped[bool | None]
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    language: Mapped[str] = mapped_column(String(16), default="en")
    conditions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    allergies: Mapped[list[Any]] = mapped_column(JSON, default=list)
    medications: Mapped[list[Any]] = mapped_column(JSON, default=list)
    # Anything else a domain needs per patient (e.g. notification channels), as a JSON object.
    preferences: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Clinician(Base):
    __tablename__ = "clinicians"

    id: Mapped[str] = mapped_column(String(64), primary_key=True, default=lambda: new_id("cli"))
    clinic_id: Mapped[str] = mapped_column(String(64), default=DEFAULT_CLINIC, index=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MedicationEntry(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    dose: str | None = Field(None, max_length=200)
    instructions: str | None = Field(None, max_length=1000)


class Profile(BaseModel):
    """The profile as the API and the chat see it."""

    name: str
    birth_date: date | None = None
    sex: str | None = None
    pregnant: bool | None = None
    timezone: str = "UTC"
    language: str = "en"
    conditions: list[str] = Field(default_factory=list)
    allergies: list[str] = Field(default_factory=list)
    medications: list[MedicationEntry] = Field(default_factory=list)

    @classmethod
    def from_patient(cls, patient: Patient) -> Profile:
        return cls(
            name=patient.name, birth_date=patient.birth_date, sex=patient.sex, pregnant=patient.pregnant,
            timezone=patient.timezone, language=patient.language, conditions=list(patient.conditions or []),
            allergies=list(patient.allergies or []),
            medications=[MedicationEntry(**m) for m in (patient.medications or [])],
        )

    def age_on(self, day: date) -> int | None:
        if self.birth_date is None:
            return None
        had_birthday = (day.month, day.day) >= (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - (0 if had_birthday else 1)
