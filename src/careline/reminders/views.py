"""Reminder routes: CRUD, confirmation, upcoming doses, dose answers and adherence. Thin: parse, call the
service, shape the answer. Every route resolves the patient through `accessible_patient`."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from careline.api.deps import DbSession, accessible_patient, get_services
from careline.db import utcnow
from careline.patients.models import Patient
from careline.reminders import service
from careline.reminders.models import (
    DoseActionRequest,
    DoseRead,
    ReminderCreate,
    ReminderDose,
    ReminderRead,
    ReminderUpdate,
    UpcomingDose,
)
from careline.services import Services

router = APIRouter(prefix="/api/v1/patients/{patient_id}", tags=["reminders"])


class ReminderList(BaseModel):
    reminders: list[ReminderRead]


class UpcomingList(BaseModel):
    doses: list[UpcomingDose]


class DoseList(BaseModel):
    doses: list[DoseRead]


def _read(reminder: Any) -> ReminderRead:
    return service.reminder_read(reminder)


def _commit(db_session: Session) -> None:
    # Commit before answering: FastAPI closes yield-dependencies (the request's unit of work) only after the
    # response is sent, so a client could otherwise read before the change is visible, or get a 2xx for a
    # change whose commit then fails.
    db_session.commit()


def _dose_read(dose: ReminderDose) -> DoseRead:
    return DoseRead(reminder_id=dose.reminder_id, due=dose.due, status=dose.status, answered_at=dose.answered_at,
                    snoozed_until=dose.snoozed_until)


@router.post("/reminders", status_code=201, response_model=ReminderRead, summary="Create a reminder")
def create_reminder(
    body: ReminderCreate, patient: Patient = Depends(accessible_patient), db_session: Session = DbSession
) -> ReminderRead:
    reminder = service.create_reminder(db_session=db_session, patient=patient, data=body, source="api")
    _commit(db_session)
    return _read(reminder)


@router.get("/reminders", response_model=ReminderList, summary="The patient's reminders (pending ones included)")
def list_reminders(
    include_pending: bool = True, patient: Patient = Depends(accessible_patient),
    db_session: Session = DbSession,
) -> ReminderList:
    reminders = service.list_reminders(db_session=db_session, patient_id=patient.id, include_pending=include_pending)
    return ReminderList(reminders=[_read(r) for r in reminders])


@router.get("/reminders/upcoming", response_model=UpcomingList,
            summary="Doses due in the next hours, in due order, with the patient's UTC offset")
def upcoming(
    hours: int = Query(48, ge=1, le=24 * 31),
    start: datetime | None = Query(None, alias="from", description="Window start (ISO-8601 with offset); default now."),
    patient: Patient = Depends(accessible_patient), db_session: Session = DbSession,
) -> UpcomingList:
    doses = service.upcoming_doses(db_session=db_session, patient=patient, start=start or utcnow(), hours=hours)
    return UpcomingList(doses=doses)


@router.get("/reminders/{reminder_id}", response_model=ReminderRead, summary="One reminder")
def get_reminder(
    reminder_id: str, patient: Patient = Depends(accessible_patient), db_session: Session = DbSession
) -> ReminderRead:
    return _read(service.get_reminder(db_session=db_session, patient_id=patient.id, reminder_id=reminder_id))


@router.patch("/reminders/{reminder_id}", response_model=ReminderRead,
              summary="Change a reminder; a new schedule reschedules it, active=false pauses, true resumes")
def update_reminder(
    reminder_id: str, body: ReminderUpdate, patient: Patient = Depends(accessible_patient),
    db_session: Session = DbSession,
) -> ReminderRead:
    reminder = service.update_reminder(db_session=db_session, patient_id=patient.id, reminder_id=reminder_id,
                                       data=body)
    _commit(db_session)
    return _read(reminder)


@router.delete("/reminders/{reminder_id}", status_code=204, summary="Delete a reminder (its job goes too)")
def delete_reminder(
    reminder_id: str, patient: Patient = Depends(accessible_patient), db_session: Session = DbSession
) -> Response:
    service.delete_reminder(db_session=db_session, patient_id=patient.id, reminder_id=reminder_id)
    _commit(db_session)
    return Response(status_code=204)


@router.post("/reminders/{reminder_id}/confirm", response_model=ReminderRead,
             summary="Confirm a proposed reminder (e.g. from a FHIR import); it starts firing")
def confirm_reminder(
    reminder_id: str, patient: Patient = Depends(accessible_patient), db_session: Session = DbSession
) -> ReminderRead:
    reminder = service.confirm_reminder(db_session=db_session, patient_id=patient.id, reminder_id=reminder_id)
    _commit(db_session)
    return _read(reminder)


@router.post("/reminders/{reminder_id}/doses", response_model=DoseRead,
             summary="Answer a dose: taken, skipped, or snoozed (reminded again after `minutes`)")
def record_dose(
    reminder_id: str, body: DoseActionRequest, patient: Patient = Depends(accessible_patient),
    db_session: Session = DbSession, services: Services = Depends(get_services),
) -> DoseRead:
    dose = service.record_dose(db_session=db_session, patient_id=patient.id, reminder_id=reminder_id, due=body.due,
                               action=body.action, minutes=body.minutes,
                               default_snooze_minutes=services.settings.reminder_snooze_minutes)
    _commit(db_session)
    return _dose_read(dose)


@router.get("/reminders/{reminder_id}/doses", response_model=DoseList,
            summary="The reminder's recorded doses in the last days, newest first")
def list_doses(
    reminder_id: str, days: int = Query(30, ge=1, le=365), patient: Patient = Depends(accessible_patient),
    db_session: Session = DbSession,
) -> DoseList:
    reminder = service.get_reminder(db_session=db_session, patient_id=patient.id, reminder_id=reminder_id)
    rows = db_session.scalars(select(ReminderDose).where(ReminderDose.reminder_id == reminder.id,
                                                         ReminderDose.due > utcnow() - timedelta(days=days))
                              .order_by(ReminderDose.due.desc()))
    return DoseList(doses=[_dose_read(row) for row in rows])


@router.get("/adherence", summary="Taken, skipped and missed doses and the rate, per reminder and overall")
def adherence(
    days: int = Query(30, ge=1, le=365), patient: Patient = Depends(accessible_patient),
    db_session: Session = DbSession, services: Services = Depends(get_services),
) -> dict[str, Any]:
    windows = sorted({7, days})
    result = service.adherence(db_session=db_session, patient_id=patient.id, windows=windows,
                               missed_after=timedelta(minutes=services.settings.reminder_missed_after_minutes))
    return {"days": days, "windows": windows, **result}
