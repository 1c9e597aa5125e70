"""GET /api/v1/admin/audit: the audit log, for the admin key only."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from careline.api.deps import DbSession, require_admin
from careline.audit import service
from careline.audit.models import AuditEntryRead, AuditList
from careline.auth.models import Principal

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])


@router.get("/audit", response_model=AuditList,
            summary="Who viewed or changed which patient's data, and when (newest first)")
def read_audit_log(
    patient_id: str | None = Query(None, description="Only entries about this patient"),
    actor_id: str | None = Query(None, description="Only entries by this clinician"),
    before_id: int | None = Query(None, description="Page back from this entry id"),
    limit: int = Query(100, ge=1, le=1000),
    db_session: Session = DbSession, _: Principal = Depends(require_admin),
) -> AuditList:
    rows = service.list_entries(db_session=db_session, patient_id=patient_id, actor_id=actor_id,
                                before_id=before_id, limit=limit)
    return AuditList(entries=[AuditEntryRead.from_row(row) for row in rows])
