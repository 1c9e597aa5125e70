"""`POST /api/v1/patients/{patient_id}/fhir`: import a FHIR R4 bundle (the patient, a clinician of the clinic,
or the admin)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from sqlalchemy.orm import Session

from careline.api.deps import DbSession, accessible_patient, get_services
from careline.errors import CarelineError
from careline.fhir.importer import import_bundle
from careline.logs import get_logger
from careline.patients.models import Patient
from careline.services import Services

log = get_logger(__name__)

router = APIRouter(prefix="/api/v1/patients", tags=["profiles"])

_BUNDLE_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/fhir+json": {"schema": {"type": "object", "description": "A FHIR R4 Bundle"}},
                    "application/json": {"schema": {"type": "object", "description": "A FHIR R4 Bundle"}}},
    }
}


@router.post(
    "/{patient_id}/fhir", openapi_extra=_BUNDLE_BODY,
    summary="Import a FHIR R4 Bundle into the profile and reminders (all or nothing; re-importing changes nothing)",
    response_description='{"patient_id", "profile", "reminders", "skipped": [{"resource", "reason"}]}',
)
async def import_fhir(
    request: Request, patient: Patient = Depends(accessible_patient), db_session: Session = DbSession,
    services: Services = Depends(get_services),
) -> dict[str, Any]:
    raw = await _read_body(request, max_megabytes=services.settings.fhir_max_bundle_mb)
    result = await run_in_threadpool(
        lambda: import_bundle(db_session=db_session, settings=services.settings, raw=raw, patient=patient)
    )
    log.info("fhir bundle imported", extra={"patient_id": patient.id, "count": len(result.reminders),
                                            "skipped": len(result.skipped)})
    return result.as_dict()


async def _read_body(request: Request, *, max_megabytes: float) -> bytes:
    """The request body, refused (413) as soon as it passes the limit rather than after reading it all."""
    limit = int(max_megabytes * 1024 * 1024)
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise CarelineError(f"The bundle is larger than {max_megabytes:g} MB.", code="too_large", status=413)
    return bytes(body)
