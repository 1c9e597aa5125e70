"""The audit_log table and the shape the admin API speaks."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel
from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from careline.db import Base, utcnow

AuditAction = Literal["view", "change"]


class AuditEntry(Base):
    """One request by a clinician or the admin that showed or changed a patient's data."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_patient_at", "patient_id", "at"),
                      Index("ix_audit_log_actor_at", "actor_id", "at"))

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[str] = mapped_column(String(64))
    clinic_id: Mapped[str | None] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))
    # The route as declared ("GET /api/v1/clinician/conversations/{conversation_id}"): what was looked at.
    resource: Mapped[str] = mapped_column(String(300))
    patient_id: Mapped[str | None] = mapped_column(String(64))
    conversation_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[int]


class AuditEntryRead(BaseModel):
    id: int
    at: datetime
    actor_kind: str
    actor_id: str
    clinic_id: str | None
    action: AuditAction
    resource: str
    patient_id: str | None
    conversation_id: str | None
    status: int

    @classmethod
    def from_row(cls, row: AuditEntry) -> AuditEntryRead:
        return cls(id=row.id, at=row.at, actor_kind=row.actor_kind, actor_id=row.actor_id, clinic_id=row.clinic_id,
                   action=row.action, resource=row.resource, patient_id=row.patient_id,
                   conversation_id=row.conversation_id, status=row.status)


class AuditList(BaseModel):
    entries: list[AuditEntryRead]
