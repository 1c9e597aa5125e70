"""Profile routes: read and update a patient's profile (the patient, a clinician of the clinic, or the admin)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from careline.api.deps import DbSession, accessible_patient
from careline.logs import get_logger
from careline.patients import service
from careline.patients.models import Patient, Profile
from careline.patients.validation import ProfileUpdate

log = get_logger(__name__)

router = APIRouter(prefix="/api/v1/patients", tags=["profiles"])


@router.get("/{patient_id}/profile", response_model=Profile, summary="The patient's profile")
def read_profile(patient: Patient = Depends(accessible_patient)) -> Profile:
    return Profile.from_patient(patient)


@router.put(
    "/{patient_id}/profile", response_model=Profile,
    summary="Update the profile (fields sent replace the stored ones; fields left out stay as they are)",
)
def update_profile(
    body: ProfileUpdate, patient: Patient = Depends(accessible_patient), db_session: Session = DbSession
) -> Profile:
    profile = service.update_profile(db_session=db_session, patient=patient, update=body)
    log.info("profile updated", extra={"patient_id": patient.id, "count": len(body.model_fields_set)})
    return profile
