"""Admin routes: create patients and clinicians and issue their tokens."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from careline.api.deps import DbSession, require_admin
from careline.auth.models import Principal
from careline.auth.service import issue_token, revoke_tokens
from careline.patients import service as patients

router = APIRouter(prefix="/api/v1/admin", tags=["admin"])


class NewPatient(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    timezone: str = "UTC"


class NewClinician(BaseModel):
    name: str = Field(min_length=1, max_length=200)


@router.post("/patients", status_code=201, summary="Create a patient and its token")
def create_patient(
    body: NewPatient, db_session: Session = DbSession, _: Principal = Depends(require_admin)
) -> dict[str, str]:
    patient = patients.create_patient(db_session=db_session, name=body.name, timezone=body.timezone)
    return {"patient_id": patient.id, "token": issue_token(db_session=db_session, kind="patient",
                                                           principal_id=patient.id)}


@router.post("/clinicians", status_code=201, summary="Create a clinician and its token")
def create_clinician(
    body: NewClinician, db_session: Session = DbSession, _: Principal = Depends(require_admin)
) -> dict[str, str]:
    clinician = patients.create_clinician(db_session=db_session, name=body.name)
    return {"clinician_id": clinician.id, "token": issue_token(db_session=db_session, kind="clinician",
                                                               principal_id=clinician.id)}


@router.post("/patients/{patient_id}/token", summary="Replace a patient's token (the old one stops working)")
def rotate_patient_token(
    patient_id: str, db_session: Session = DbSession, _: Principal = Depends(require_admin)
) -> dict[str, str]:
    patient = patients.get_patient(db_session=db_session, patient_id=patient_id)
    revoke_tokens(db_session=db_session, principal_id=patient.id)
    return {"patient_id": patient.id, "token": issue_token(db_session=db_session, kind="patient",
                                                           principal_id=patient.id)}
