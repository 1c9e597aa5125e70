"""Import a FHIR R4 bundle into a patient: the profile (merged) and the reminders its prescriptions ask for.

Everything happens in the caller's unit of work, so an import is all or nothing; re-importing the same
bundle finds the same patient (FHIR patient link), the same profile entries and the same reminders
(source_key = resource + dosage hash) and changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from careline.db import utcnow
from careline.errors import Conflict
from careline.fhir.bundle import BundleIndex, InvalidBundle, load_bundle
from careline.fhir.extract import (
    BundleContent,
    Demographics,
    bundle_patient,
    demographics,
    extract_content,
    identity_of_source_key,
)
from careline.fhir.models import FhirPatientLink
from careline.fhir.timing import ClinicTimes
from careline.patients.models import DEFAULT_CLINIC, Patient, Profile
from careline.patients.service import create_patient, store_profile
from careline.patients.validation import ProfileUpdate, merged_profile, validate_timezone
from careline.reminders.models import Reminder, ReminderCreate, ReminderSchedule
from careline.reminders.service import create_reminder, end_reminder, reminder_read
from careline.settings import Settings

MAX_LINK_KEY = 300


@dataclass
class ImportResult:
    patient_id: str
    profile: Profile
    reminders: list[dict[str, Any]]
    skipped: list[dict[str, str]]
    created_patient: bool
    ended_reminders: list[dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        """The contract's output: patient_id, profile, reminders (pending included), skipped."""
        return {"patient_id": self.patient_id, "profile": self.profile.model_dump(mode="json"),
                "reminders": self.reminders, "skipped": self.skipped}


def import_bundle(
    *, db_session: Session, settings: Settings, raw: bytes | str | dict[str, Any], patient: Patient | None = None,
    timezone: str | None = None, clinic_id: str = DEFAULT_CLINIC, now: datetime | None = None,
) -> ImportResult:
    """Import into `patient`, or into the patient this bundle was imported into before, or a new patient."""
    now = now or utcnow()
    index = BundleIndex.of(load_bundle(raw))
    fhir_patient = bundle_patient(index)
    facts, skipped = demographics(fhir_patient, index)
    link_key = _link_key(facts.key)
    clinic_id = patient.clinic_id if patient is not None else clinic_id
    created = False
    if patient is None:
        patient = _linked_patient(db_session, clinic_id, link_key)
    if patient is None:
        patient = _new_patient(db_session, facts, timezone)
        created = True
    else:
        _check_same_person(db_session, patient, facts, link_key)
    zone_name = validate_timezone(facts.timezone) if facts.timezone else patient.timezone
    content = extract_content(index, patient=fhir_patient, zone=ZoneInfo(zone_name),
                              clinic=ClinicTimes.from_settings(settings), now=now)
    today = now.astimezone(ZoneInfo(zone_name)).date()
    profile = _merged_profile(patient, facts, content, timezone=zone_name, today=today)
    store_profile(patient=patient, profile=profile)
    reminders = [
        create_reminder(
            db_session=db_session, patient=patient, source="fhir", source_key=planned.source_key, now=now,
            status="pending_confirmation" if planned.schedule.proposed_by_careline else "active",
            data=ReminderCreate(medication=planned.medication, dose=planned.dose, timezone=zone_name,
                                schedule=ReminderSchedule(
                                    times=planned.schedule.times, days_of_week=planned.schedule.days_of_week,
                                    every_hours=planned.schedule.every_hours, start=planned.schedule.start,
                                    end=planned.schedule.end)),
        )
        for planned in content.reminders
    ]
    ended = _end_superseded_reminders(db_session, patient, content, keep={r.id for r in reminders}, now=now)
    if link_key is not None:
        _link(db_session, patient.clinic_id, link_key, patient)
    db_session.flush()
    return ImportResult(
        patient_id=patient.id, profile=profile,
        reminders=[reminder_read(reminder, now=now).model_dump(mode="json") for reminder in reminders],
        skipped=[item.as_dict() for item in [*skipped, *content.skipped]], created_patient=created,
        ended_reminders=[reminder_read(reminder, now=now).model_dump(mode="json") for reminder in ended],
    )


def _end_superseded_reminders(db_session: Session, patient: Patient, content: BundleContent, *, keep: set[str],
                              now: datetime) -> list[Reminder]:
    """End the reminders an earlier import made for a prescription this bundle states again with another
    dosage, or no longer as active (stopped, completed, cancelled): the newer record wins. Reminders the
    patient set up themselves, and those of prescriptions the bundle does not mention, are left alone."""
    earlier = db_session.scalars(select(Reminder).where(
        Reminder.patient_id == patient.id, Reminder.source == "fhir", Reminder.source_key.is_not(None),
        Reminder.status.in_(("active", "paused", "pending_confirmation")))).all()
    superseded = [reminder for reminder in earlier if reminder.id not in keep
                  and identity_of_source_key(reminder.source_key) in content.medication_resources]
    return [end_reminder(db_session=db_session, reminder=reminder, now=now) for reminder in superseded]


def _merged_profile(patient: Patient, facts: Demographics, content: BundleContent, *, timezone: str,
                    today: date) -> Profile:
    """The stored profile plus the bundle: demographics replaced where the bundle states them, lists merged.

    A medicine the bundle lists replaces a stored one of the same name (the prescription is the newer
    word on its dose and instructions); other stored entries stay.
    """
    current = Profile.from_patient(patient)
    update: dict[str, Any] = {"timezone": timezone}
    for field in ("name", "birth_date", "sex", "language"):
        if getattr(facts, field) is not None:
            update[field] = getattr(facts, field)
    update["conditions"] = [*current.conditions, *content.conditions]
    update["allergies"] = [*current.allergies, *content.allergies]
    imported = {entry.name.casefold() for entry in content.medications}
    update["medications"] = [*(entry for entry in current.medications if entry.name.casefold() not in imported),
                             *content.medications]
    if update.get("sex") == "male" and current.pregnant:
        update["pregnant"] = None  # the record now says male: a stored pregnancy flag cannot stand
    return merged_profile(current, ProfileUpdate(**update), today=today)


def _link_key(key: str | None) -> str | None:
    if key is None or len(key) <= MAX_LINK_KEY:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def _linked_patient(db_session: Session, clinic_id: str, link_key: str | None) -> Patient | None:
    if link_key is None:
        return None
    link = db_session.scalar(select(FhirPatientLink).where(FhirPatientLink.clinic_id == clinic_id,
                                                           FhirPatientLink.fhir_patient_key == link_key))
    return db_session.get(Patient, link.patient_id) if link is not None else None


def _new_patient(db_session: Session, facts: Demographics, timezone: str | None) -> Patient:
    if facts.key is None:
        raise InvalidBundle("the bundle has no Patient resource: name the patient to import into (--patient-id)")
    if not facts.name:
        raise InvalidBundle("the bundle's Patient has no name: name the patient to import into (--patient-id)")
    return create_patient(db_session=db_session, name=facts.name, timezone=facts.timezone or timezone or "UTC")


def _check_same_person(db_session: Session, patient: Patient, facts: Demographics, link_key: str | None) -> None:
    """Refuse to merge one person's record into another's: a known FHIR patient of someone else, or another
    birth date."""
    if link_key is not None:
        linked = _linked_patient(db_session, patient.clinic_id, link_key)
        if linked is not None and linked.id != patient.id:
            raise Conflict("This bundle's patient was already imported into a different Careline patient; "
                           "nothing was imported.")
    if facts.birth_date and patient.birth_date and facts.birth_date != patient.birth_date:
        raise Conflict(f"The bundle's patient was born on {facts.birth_date.isoformat()}, but this patient's profile "
                       f"says {patient.birth_date.isoformat()}: is it the right person? Nothing was imported.")


def _link(db_session: Session, clinic_id: str, link_key: str, patient: Patient) -> None:
    if _linked_patient(db_session, clinic_id, link_key) is None:
        db_session.add(FhirPatientLink(clinic_id=clinic_id, fhir_patient_key=link_key, patient_id=patient.id))


def describe_import(result: ImportResult) -> str:
    """A few lines for people: who, what went into the profile, which reminders, what was skipped."""
    profile = result.profile
    lines = [f"{'created' if result.created_patient else 'updated'} patient {result.patient_id} ({profile.name})",
             f"conditions: {len(profile.conditions)}, allergies: {len(profile.allergies)}, "
             f"medications: {len(profile.medications)}"]
    for reminder in result.reminders:
        schedule = reminder["schedule"]
        when = (f"at {', '.join(schedule['times'])}" if schedule["times"] else f"every {schedule['every_hours']} hours")
        lines.append(f"reminder {reminder['id']} [{reminder['status']}]: {reminder['medication']}"
                     f"{' ' + reminder['dose'] if reminder['dose'] else ''} {when}")
    lines += [f"ended reminder {reminder['id']}: {reminder['medication']} (the prescription changed or stopped)"
              for reminder in result.ended_reminders]
    lines += [f"skipped {item['resource']}: {item['reason']}" for item in result.skipped]
    return "\n".join(lines)

