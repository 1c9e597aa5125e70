"""Writing and reading audit entries."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from careline.audit.models import AuditAction, AuditEntry
from careline.auth.models import Principal
from careline.db import utcnow


def record_access(
    *, db_session: Session, principal: Principal, action: AuditAction, resource: str,
    patient_ids: Iterable[str], conversation_id: str | None = None, status: int = 200,
) -> list[AuditEntry]:
    """One entry per patient whose data the request showed or changed; none when it showed no patient's."""
    now = utcnow()
    ids = list(dict.fromkeys(patient_ids))
    entries = [
        AuditEntry(at=now, actor_kind=principal.kind, actor_id=principal.id, clinic_id=principal.clinic_id,
                   action=action, resource=resource[:300], patient_id=patient_id, conversation_id=conversation_id,
                   status=status)
        for patient_id in ids
    ]
    db_session.add_all(entries)
    db_session.flush()
    return entries


def list_entries(
    *, db_session: Session, patient_id: str | None = None, actor_id: str | None = None,
    before_id: int | None = None, limit: int = 100,
) -> list[AuditEntry]:
    """Newest first, optionally for one patient or one actor; page back with `before_id`."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if patient_id:
        query = query.where(AuditEntry.patient_id == patient_id)
    if actor_id:
        query = query.where(AuditEntry.actor_id == actor_id)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    return list(db_session.scalars(query))
