"""Plain functions over reminders and their doses; each takes the session as a keyword argument.

Callers: the reminders API, the FHIR importer and the chat's reminder handler. Functions that take
`patient_id` and `reminder_id` only ever see that patient's reminders (another patient's id is a 404).
Every change that affects firing bumps `schedule_version` and marks the session, so the scheduler
leader re-arms the reminder's job once the change is committed.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from careline.db import utcnow
from careline.errors import Conflict, NotFound, ValidationFailed
from careline.patients.models import Patient, new_id
from careline.patients.validation import validate_timezone
from careline.reminders.models import (
    AdherenceCounts,
    DoseActionName,
    Reminder,
    ReminderCreate,
    ReminderDose,
    ReminderRead,
    ReminderSchedule,
    ReminderUpdate,
    UpcomingDose,
)
from careline.reminders.schedule import DoseSchedule
from careline.reminders.signals import mark_schedules_changed

DEFAULT_SNOOZE_MINUTES = 10
DEFAULT_MISSED_AFTER = timedelta(minutes=60)
# A dose may be marked taken or skipped ahead of time (the patient took it early), up to this far ahead.
_ANSWER_AHEAD = timedelta(hours=24)
_ONE_MICROSECOND = timedelta(microseconds=1)


# --- schedule helpers ----------------------------------------------------------------------------------


def dose_schedule(reminder: Reminder) -> DoseSchedule:
    """The reminder's schedule, ready to evaluate (and to pickle into a scheduler trigger)."""
    return DoseSchedule.build(
        timezone=reminder.timezone, times=list(reminder.times or []), days_of_week=reminder.days_of_week,
        every_hours=reminder.every_hours, start=reminder.start_at, end=reminder.end_at,
    )


def next_dose_times(reminder: Reminder, after: datetime, until: datetime) -> list[datetime]:
    """Every dose of the reminder with after < due <= until, in order, as UTC datetimes."""
    return dose_schedule(reminder).between(_aware(after, "after"), _aware(until, "until"))


def nearest_dose_time(
    reminder: Reminder, around: datetime, *, within: timedelta = timedelta(hours=12)
) -> datetime | None:
    """The scheduled dose closest to `around` (before or after, within `within`), e.g. for "I took my pill"."""
    around = _aware(around, "around")
    candidates = dose_schedule(reminder).between(around - within, around + within)
    return min(candidates, key=lambda due: abs(due - around), default=None)


def is_scheduled_dose(reminder: Reminder, due: datetime) -> bool:
    return dose_schedule(reminder).next_after(due - _ONE_MICROSECOND) == due


# --- reading -------------------------------------------------------------------------------------------


def reminder_read(reminder: Reminder, *, now: datetime | None = None) -> ReminderRead:
    """The API shape: schedule bounds and the next dose shown with the reminder's UTC offset."""
    now = now or utcnow()
    zone = ZoneInfo(reminder.timezone)
    next_due = dose_schedule(reminder).next_after(now) if reminder.status == "active" else None
    status = "ended" if reminder.status == "active" and next_due is None else reminder.status
    schedule = ReminderSchedule.model_construct(
        times=list(reminder.times or []), days_of_week=reminder.days_of_week, every_hours=reminder.every_hours,
        start=reminder.start_at.astimezone(zone) if reminder.start_at else None,
        end=reminder.end_at.astimezone(zone) if reminder.end_at else None,
    )
    return ReminderRead(
        id=reminder.id, medication=reminder.medication, dose=reminder.dose, schedule=schedule,
        timezone=reminder.timezone, active=status == "active", status=status, source=reminder.source,
        created_at=reminder.created_at, next_due=next_due.astimezone(zone) if next_due else None,
    )


def list_reminders(*, db_session: Session, patient_id: str, include_pending: bool = True) -> list[Reminder]:
    """The patient's reminders, oldest first; pending-confirmation ones only if asked for."""
    query = select(Reminder).where(Reminder.patient_id == patient_id)
    if not include_pending:
        query = query.where(Reminder.status != "pending_confirmation")
    return list(db_session.scalars(query.order_by(Reminder.created_at, Reminder.id)))


def get_reminder(*, db_session: Session, patient_id: str, reminder_id: str) -> Reminder:
    """The patient's reminder, or a 404 (also for another patient's reminder)."""
    reminder = db_session.get(Reminder, reminder_id)
    if reminder is None or reminder.patient_id != patient_id:
        raise NotFound("No such reminder.")
    return reminder


# --- changing ------------------------------------------------------------------------------------------


def create_reminder(
    *, db_session: Session, patient: Patient, data: ReminderCreate, status: str = "active", source: str = "api",
    source_key: str | None = None, now: datetime | None = None,
) -> Reminder:
    """A new reminder. With a `source_key` already used by this patient, the existing one is returned unchanged."""
    if status not in ("active", "pending_confirmation"):
        raise ValueError(f"a new reminder is active or pending_confirmation, not {status!r}")
    if source_key:
        existing = db_session.scalar(select(Reminder).where(Reminder.patient_id == patient.id,
                                                            Reminder.source_key == source_key))
        if existing is not None:
            return existing
    now = now or utcnow()
    timezone = validate_timezone(data.timezone or patient.timezone)
    # Ids and counters are set here, not at flush, so many creations in one transaction insert in bulk.
    reminder = Reminder(id=new_id("rem"), patient_id=patient.id, medication=data.medication, dose=data.dose,
                        timezone=timezone, source=source, source_key=source_key, schedule_version=1,
                        synced_version=0, created_at=now, updated_at=now)
    _apply_schedule(reminder, data.schedule, now=now)
    if status == "active" and not data.active:
        status = "paused"
    reminder.status = status
    if status == "active":
        _arm(reminder, now)
        if reminder.next_due_at is None:
            if source != "fhir":
                raise ValidationFailed("schedule: this schedule has no doses after now (its end has passed)")
            reminder.status = "ended"
    db_session.add(reminder)
    mark_schedules_changed(db_session)
    return reminder


def update_reminder(
    *, db_session: Session, patient_id: str, reminder_id: str, data: ReminderUpdate, now: datetime | None = None
) -> Reminder:
    """Change the fields given; a new schedule or time zone re-arms from now; active pauses or resumes."""
    now = now or utcnow()
    reminder = get_reminder(db_session=db_session, patient_id=patient_id, reminder_id=reminder_id)
    given = data.model_fields_set
    if "medication" in given:
        if data.medication is None:
            raise ValidationFailed("medication: must not be null")
        reminder.medication = data.medication
    if "dose" in given:
        reminder.dose = data.dose
    rescheduled = False
    if "timezone" in given and data.timezone is not None:
        reminder.timezone = validate_timezone(data.timezone)
        rescheduled = True
    if "schedule" in given and data.schedule is not None:
        _apply_schedule(reminder, data.schedule, now=now)
        rescheduled = True
    elif rescheduled:
        _check_bounds(reminder)
    if "active" in given and data.active is not None:
        _set_active(reminder, data.active, now=now)
    elif rescheduled and reminder.status in ("active", "ended"):
        _set_active(reminder, True, now=now)
    reminder.updated_at = now
    _changed(db_session, reminder)
    return reminder


def confirm_reminder(
    *, db_session: Session, patient_id: str, reminder_id: str, now: datetime | None = None
) -> Reminder:
    """A proposed reminder (pending_confirmation) becomes active and is scheduled from now."""
    now = now or utcnow()
    reminder = get_reminder(db_session=db_session, patient_id=patient_id, reminder_id=reminder_id)
    if reminder.status == "active":
        return reminder
    if reminder.status != "pending_confirmation":
        raise Conflict(f"Only a reminder waiting for confirmation can be confirmed; this one is {reminder.status}.")
    reminder.status = "active"
    _arm(reminder, now)
    if reminder.next_due_at is None:
        reminder.status = "ended"
    reminder.updated_at = now
    _changed(db_session, reminder)
    return reminder


def end_reminder(*, db_session: Session, reminder: Reminder, now: datetime | None = None) -> Reminder:
    """Stop a reminder for good while keeping it and its dose history (a prescription that was replaced or
    stopped); the scheduler drops its job."""
    now = now or utcnow()
    reminder.status = "ended"
    reminder.next_due_at = None
    if reminder.end_at is None or reminder.end_at > now:
        reminder.end_at = now
    reminder.updated_at = now
    _changed(db_session, reminder)
    return reminder


def delete_reminder(*, db_session: Session, patient_id: str, reminder_id: str) -> None:
    """Remove the reminder and its dose history; the scheduler drops its job."""
    reminder = get_reminder(db_session=db_session, patient_id=patient_id, reminder_id=reminder_id)
    db_session.delete(reminder)
    db_session.flush()
    mark_schedules_changed(db_session, removed_reminder_id=reminder_id)


def _apply_schedule(reminder: Reminder, schedule: ReminderSchedule, *, now: datetime) -> None:
    zone = ZoneInfo(reminder.timezone)
    start = _localise(schedule.start, zone)
    if schedule.every_hours and start is None:
        # Interval doses are counted from a start; without one, from the minute the reminder was set up.
        start = now.replace(second=0, microsecond=0)
    reminder.times = list(schedule.times)
    reminder.days_of_week = list(schedule.days_of_week) if schedule.days_of_week else None
    reminder.every_hours = schedule.every_hours
    reminder.start_at = start
    reminder.end_at = _localise(schedule.end, zone)
    _check_bounds(reminder)


def _check_bounds(reminder: Reminder) -> None:
    if reminder.start_at and reminder.end_at and reminder.end_at <= reminder.start_at:
        raise ValidationFailed("schedule: end must be after start")


def _localise(value: datetime | None, zone: ZoneInfo) -> datetime | None:
    # A date-time without an offset is a wall-clock time in the reminder's zone.
    if value is None:
        return None
    return (value.replace(tzinfo=zone) if value.tzinfo is None else value).astimezone(UTC)


def _set_active(reminder: Reminder, active: bool, *, now: datetime) -> None:
    if reminder.status == "pending_confirmation":
        raise Conflict("This reminder waits for confirmation: confirm it first (POST .../confirm).")
    if not active:
        reminder.status = "paused"
        reminder.next_due_at = None
        return
    reminder.status = "active"
    _arm(reminder, now)
    if reminder.next_due_at is None:
        raise ValidationFailed("schedule: this schedule has no doses after now (its end has passed)")


def _arm(reminder: Reminder, now: datetime) -> None:
    # Doses before `now` (while pending, paused or under the old schedule) are neither fired nor missed.
    reminder.fired_through = now
    reminder.next_due_at = dose_schedule(reminder).next_after(now)


def _changed(db_session: Session, reminder: Reminder) -> None:
    reminder.schedule_version = (reminder.schedule_version or 0) + 1
    db_session.flush()
    mark_schedules_changed(db_session)


# --- doses ---------------------------------------------------------------------------------------------


def record_dose(
    *, db_session: Session, patient_id: str, reminder_id: str, due: datetime, action: DoseActionName,
    minutes: int | None = None, now: datetime | None = None, default_snooze_minutes: int = DEFAULT_SNOOZE_MINUTES,
) -> ReminderDose:
    """The patient's answer for the dose due at `due`: taken, skipped, or snoozed (remind again in `minutes`)."""
    now = now or utcnow()
    due = _aware(due, "due").astimezone(UTC)
    reminder = get_reminder(db_session=db_session, patient_id=patient_id, reminder_id=reminder_id)
    if reminder.status == "pending_confirmation":
        raise Conflict("This reminder waits for confirmation; it has no doses yet.")
    dose = db_session.scalar(select(ReminderDose).where(ReminderDose.reminder_id == reminder.id,
                                                        ReminderDose.due == due))
    if dose is None and not is_scheduled_dose(reminder, due):
        raise ValidationFailed(f"due: no dose of this reminder is scheduled at {due.isoformat()}")
    if due > now + _ANSWER_AHEAD:
        raise ValidationFailed("due: that dose is more than 24 hours away")
    if action == "snoozed" and due > now:
        raise ValidationFailed("due: a dose can be snoozed once it is due")
    if dose is None:
        dose = ReminderDose(reminder_id=reminder.id, patient_id=reminder.patient_id, due=due, status=action)
        db_session.add(dose)
    dose.status = action
    dose.answered_at = now
    if action == "snoozed":
        dose.snoozed_until = now + timedelta(minutes=minutes or default_snooze_minutes)
        dose.snooze_count = (dose.snooze_count or 0) + 1
        mark_schedules_changed(db_session)
    else:
        dose.snoozed_until = None
    db_session.flush()
    return dose


def upcoming_doses(*, db_session: Session, patient: Patient, start: datetime, hours: int) -> list[UpcomingDose]:
    """Every dose of the patient's active reminders in [start, start + hours), in due order, shown with the
    patient's UTC offset."""
    start = _aware(start, "from").astimezone(UTC)
    until = start + timedelta(hours=hours)
    zone = ZoneInfo(patient.timezone)
    doses: list[UpcomingDose] = []
    for reminder in list_reminders(db_session=db_session, patient_id=patient.id, include_pending=False):
        if reminder.status != "active":
            continue
        for due in dose_schedule(reminder).between(start - _ONE_MICROSECOND, until - _ONE_MICROSECOND):
            doses.append(UpcomingDose(reminder_id=reminder.id, medication=reminder.medication, dose=reminder.dose,
                                      due=due.astimezone(zone)))
    return sorted(doses, key=lambda dose: (dose.due, dose.medication, dose.reminder_id))


def adherence(
    *, db_session: Session, patient_id: str, windows: list[int], now: datetime | None = None,
    missed_after: timedelta = DEFAULT_MISSED_AFTER,
) -> dict[str, object]:
    """Taken / skipped / missed / pending doses and the rate, per reminder and overall, for each window in days."""
    now = now or utcnow()
    longest = now - timedelta(days=max(windows))
    reminders = list_reminders(db_session=db_session, patient_id=patient_id, include_pending=False)
    rows = db_session.execute(
        select(ReminderDose.reminder_id, ReminderDose.due, ReminderDose.status, ReminderDose.notified_at)
        .where(ReminderDose.patient_id == patient_id, ReminderDose.due > longest, ReminderDose.due <= now)
    ).all()
    per_reminder = {r.id: {days: AdherenceCounts() for days in windows} for r in reminders}
    overall = {days: AdherenceCounts() for days in windows}
    for reminder_id, due, status, notified_at in rows:
        outcome = _dose_outcome(status, notified_at or due, now, missed_after)
        for days in windows:
            if due > now - timedelta(days=days):
                for counts in (overall[days], per_reminder.get(reminder_id, {}).get(days)):
                    if counts is not None:
                        setattr(counts, outcome, getattr(counts, outcome) + 1)
    for counts in [overall[d] for d in windows] + [c for r in per_reminder.values() for c in r.values()]:
        answered = counts.taken + counts.skipped + counts.missed
        counts.rate = round(counts.taken / answered, 3) if answered else None
    return {
        "overall": {_window_key(days): overall[days] for days in windows},
        "reminders": [
            {"reminder_id": r.id, "medication": r.medication, "dose": r.dose,
             **{_window_key(days): per_reminder[r.id][days] for days in windows}}
            for r in reminders
        ],
    }


def _dose_outcome(status: str, last_notified: datetime, now: datetime, missed_after: timedelta) -> str:
    if status in ("taken", "skipped", "missed"):
        return status
    # Still waiting (due or snoozed): it counts as missed once the answer window has passed.
    return "missed" if status == "due" and last_notified + missed_after <= now else "pending"


def _window_key(days: int) -> str:
    return f"last_{days}_days"


def _aware(value: datetime, name: str) -> datetime:
    if value.tzinfo is None:
        raise ValidationFailed(f"{name}: give a date-time with a UTC offset, like 2026-03-08T08:00:00-05:00")
    return value
