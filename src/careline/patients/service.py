"""Plain functions over patients and clinicians; each takes the session as a keyword argument."""

from __future__ import annotations

from sqlalchemy.orm import Session

from careline.errors import NotFound
from careline.patients.models import Clinician, Patient, Profile
from careline.patients.validation import ProfileUpdate, merged_profile, validate_timezone


def get_patient(*, db_session: Session, patient_id: str) -> Patient:
    """The patient, or a 404 that reveals nothing more."""
    patient = db_session.get(Patient, patient_id)
    if patient is None:
        raise NotFound("No such patient.")
    return patient


def create_patient(*, db_session: Session, name: str, timezone: str = "UTC") -> Patient:
    """A new patient with an empty profile."""
    patient = Patient(name=name.strip(), timezone=validate_timezone(timezone))
    db_session.add(patient)
    db_session.flush()
    return patient


def create_clinician(*, db_session: Session, name: str) -> Clinician:
    clinician = Clinician(name=name.strip())
    db_session.add(clinician)
    db_session.flush()
    return clinician


def get_profile(*, db_session: Session, patient_id: str) -> Profile:
    return Profile.from_patient(get_patient(db_session=db_session, patient_id=patient_id))


def store_profile(*, patient: Patient, profile: Profile) -> None:
    """Write a checked profile onto the patient row (the caller's unit of work commits it)."""
    patient.name = profile.name
    patient.birth_date = profile.birth_date
    patient.sex = profile.sex
    patient.pregnant = profile.pregnant
    patient.timezone = profile.timezone
    patient.language = profile.language
    patient.conditions = list(profile.conditions)
    patient.allergies = list(profile.allergies)
    patient.medications = [entry.model_dump() for entry in profile.medications]


def update_profile(*, db_session: Session, patient: Patient, update: ProfileUpdate) -> Profile:
    """Apply a profile update: every field is checked before anything is written, so it is all or nothing."""
    profile = merged_profile(Profile.from_patient(patient), update)
    store_profile(patient=patient, profile=profile)
    db_session.flush()
    return profile
