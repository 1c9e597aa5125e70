"""Demo patients and clinicians (only when CARELINE_DEMO_MODE is on): a made-up person with a profile, two
medicine reminders and two weeks of dose history, in a clinic of their own so demo clinicians see only them."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from careline.auth.service import issue_token
from careline.db import utcnow
from careline.patients import service as patients
from careline.patients.models import MedicationEntry, Profile
from careline.reminders import service as reminders
from careline.reminders.models import Reminder, ReminderCreate, ReminderDose, ReminderSchedule

DEMO_CLINIC = "demo"
HISTORY_DAYS = 14
DEMO_PROFILE = {
    "name": "Sam Rivera", "birth_date": "1966-04-12", "sex": "female", "pregnant": False, "language": "en",
    "conditions": ["Type 2 diabetes", "High blood pressure"], "allergies": ["Penicillin"],
}
DEMO_MEDICINES = [
    MedicationEntry(name="Metformin", dose="500 mg", instructions="Twice a day with meals"),
    MedicationEntry(name="Lisinopril", dose="10 mg", instructions="Once a day in the morning"),
]
DEMO_REMINDERS = [("Metformin", "500 mg", ["08:00", "20:00"]), ("Lisinopril", "10 mg", ["08:00"])]


def create_demo_patient(*, db_session: Session, timezone: str = "UTC", now: datetime | None = None) -> dict[str, str]:
    """A demo patient with a token; returns {"patient_id", "token"}."""
    now = now or utcnow()
    patient = patients.create_patient(db_session=db_session, name=DEMO_PROFILE["name"], timezone=timezone)
    patient.clinic_id = DEMO_CLINIC
    profile = Profile(**DEMO_PROFILE, timezone=patient.timezone, medications=DEMO_MEDICINES)
    patients.store_profile(patient=patient, profile=profile)
    start = datetime.combine((now.astimezone(ZoneInfo(patient.timezone)) - timedelta(days=HISTORY_DAYS)).date(),
                             datetime.min.time())
    for medication, dose, times in DEMO_REMINDERS:
        reminder = reminders.create_reminder(
            db_session=db_session, patient=patient, now=now,
            data=ReminderCreate(medication=medication, dose=dose, schedule=ReminderSchedule(times=times, start=start)))
        db_session.flush()
        _add_history(db_session, reminder, now)
    db_session.flush()
    return {"patient_id": patient.id, "token": issue_token(db_session=db_session, kind="patient",
                                                           principal_id=patient.id)}


def _add_history(db_session: Session, reminder: Reminder, now: datetime) -> None:
    """Two weeks of answered doses (mostly taken, a few skipped or missed) so the console's chart has data."""
    past = reminders.next_dose_times(reminder, now - timedelta(days=HISTORY_DAYS), now - timedelta(hours=2))
    for index, due in enumerate(past):
        status = "missed" if index % 9 == 4 else "skipped" if index % 13 == 7 else "taken"
        db_session.add(ReminderDose(reminder_id=reminder.id, patient_id=reminder.patient_id, due=due, status=status,
                                    notified_at=due, answered_at=None if status == "missed" else due + timedelta(
                                        minutes=7)))


def create_demo_clinician(*, db_session: Session) -> dict[str, str]:
    """A clinician of the demo clinic (sees demo patients only); returns {"clinician_id", "token"}."""
    clinician = patients.create_clinician(db_session=db_session, name="Dr. Alex Morgan")
    clinician.clinic_id = DEMO_CLINIC
    db_session.flush()
    return {"clinician_id": clinician.id, "token": issue_token(db_session=db_session, kind="clinician",
                                                               principal_id=clinician.id)}
