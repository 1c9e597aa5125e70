"""What happens when doses come due: dose rows, notifications, missed doses and the catch-up notice.

The database decides, not the timer: each run handles every active reminder whose `next_due_at` has
passed, for all its doses in (fired_through, now]. So a late, repeated or crashed run can neither lose
nor double a dose:
- a dose row is unique per (reminder, due); one that exists already (fired, or answered early) is left alone;
- a dose at most `reminder_late_grace_seconds` late is notified; an older one (the server was down) is
  recorded as missed, and each patient gets ONE catch-up notice for all of them;
- the dose rows, the notifications, their queued deliveries and the new `fired_through` commit together.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from careline.db import Database, utcnow
from careline.logs import get_logger
from careline.notifications.service import notify
from careline.patients.models import Patient
from careline.reminders.models import Reminder, ReminderDose
from careline.reminders.service import dose_schedule
from careline.settings import Settings

log = get_logger(__name__)

_BATCH = 500
_CATCH_UP_LISTED = 5


@dataclass
class FireReport:
    notified: int = 0
    missed: int = 0
    catch_up_notices: int = 0
    delivery_ids: list[int] = field(default_factory=list)

    def merge(self, other: FireReport) -> None:
        self.notified += other.notified
        self.missed += other.missed
        self.catch_up_notices += other.catch_up_notices
        self.delivery_ids += other.delivery_ids


@dataclass
class _MissedDose:
    reminder: Reminder
    due: datetime


def local_clock(instant: datetime, timezone: str) -> str:
    """'8:00 AM' in the reminder's zone, the way people read a time."""
    local = instant.astimezone(ZoneInfo(timezone))
    return f"{local.hour % 12 or 12}:{local.minute:02d} {'AM' if local.hour < 12 else 'PM'}"


def medicine_label(reminder: Reminder) -> str:
    # Only what the patient (or the prescription) entered: the name and, if given, the dose text as written.
    return f"{reminder.medication} ({reminder.dose})" if reminder.dose else reminder.medication


class DoseFiring:
    """Turns due doses into dose rows and notifications. One per process; runs are serialised by a lock."""

    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.settings = settings
        self._lock = threading.Lock()

    @property
    def late_grace(self) -> timedelta:
        return timedelta(seconds=self.settings.reminder_late_grace_seconds)

    def fire_due(self, now: datetime | None = None) -> FireReport:
        """Handle every dose that has come due, in batches, each batch one transaction."""
        report = FireReport()
        with self._lock:
            now = now or utcnow()
            conflicts = 0
            while True:
                try:
                    with self.database.session() as session:
                        reminders = list(session.scalars(
                            select(Reminder).where(Reminder.status == "active", Reminder.next_due_at <= now)
                            .order_by(Reminder.next_due_at).limit(_BATCH)))
                        if not reminders:
                            break
                        batch = FireReport()
                        self._fire_batch(session, reminders, now, batch)
                except IntegrityError:
                    # Another writer recorded one of these doses first (an early "taken", or a second
                    # scheduler after a lease hand-over): the batch rolled back; run it again to skip it.
                    conflicts += 1
                    if conflicts > 3:
                        raise
                    continue
                report.merge(batch)
        if report.notified or report.missed:
            log.info("doses fired", extra={"count": report.notified, "skipped": report.missed})
        return report

    def _fire_batch(self, session: Session, reminders: list[Reminder], now: datetime, report: FireReport) -> None:
        known = self._existing_doses(session, reminders, now)
        # One query for the batch's patients (a dict: the session's identity map alone holds them weakly).
        patients = {p.id: p for p in session.scalars(select(Patient).where(
            Patient.id.in_({r.patient_id for r in reminders})))}
        missed_by_patient: dict[str, list[_MissedDose]] = defaultdict(list)
        for reminder in reminders:
            schedule = dose_schedule(reminder)
            for due in schedule.between(reminder.fired_through or reminder.created_at, now):
                if (reminder.id, due) in known:
                    continue
                if now - due <= self.late_grace:
                    self._notify_dose(session, reminder, patients[reminder.patient_id], due, now, report)
                else:
                    session.add(ReminderDose(reminder_id=reminder.id, patient_id=reminder.patient_id, due=due,
                                             status="missed", created_at=now))
                    missed_by_patient[reminder.patient_id].append(_MissedDose(reminder, due))
                    report.missed += 1
            reminder.fired_through = now
            reminder.next_due_at = schedule.next_after(now)
            if reminder.next_due_at is None:
                reminder.status = "ended"
        for patient_id, missed in missed_by_patient.items():
            self._catch_up_notice(session, patients[patient_id], missed, now, report)
        session.flush()

    @staticmethod
    def _existing_doses(session: Session, reminders: list[Reminder], now: datetime) -> set[tuple[str, datetime]]:
        oldest = min(r.fired_through or r.created_at for r in reminders)
        rows = session.execute(select(ReminderDose.reminder_id, ReminderDose.due).where(
            ReminderDose.reminder_id.in_([r.id for r in reminders]), ReminderDose.due > oldest,
            ReminderDose.due <= now))
        return {(row.reminder_id, row.due) for row in rows}

    def _notify_dose(self, session: Session, reminder: Reminder, patient: Patient, due: datetime, now: datetime,
                     report: FireReport) -> None:
        session.add(ReminderDose(reminder_id=reminder.id, patient_id=reminder.patient_id, due=due, status="due",
                                 notified_at=now, created_at=now))
        _, deliveries = notify(
            db_session=session, patient=patient, kind="dose_due", reminder_id=reminder.id, due=due, now=now,
            title=f"Time for your {reminder.medication}",
            body=f"Reminder: {medicine_label(reminder)}, due at {local_clock(due, reminder.timezone)}.",
            data={"medication": reminder.medication, "dose": reminder.dose},
        )
        report.notified += 1
        report.delivery_ids += [d.id for d in deliveries]

    def _catch_up_notice(self, session: Session, patient: Patient, missed: list[_MissedDose], now: datetime,
                         report: FireReport) -> None:
        missed.sort(key=lambda item: item.due)
        listed = [f"{medicine_label(m.reminder)} at {local_clock(m.due, m.reminder.timezone)}"
                  for m in missed[:_CATCH_UP_LISTED]]
        more = f" and {len(missed) - _CATCH_UP_LISTED} more" if len(missed) > _CATCH_UP_LISTED else ""
        count = f"{len(missed)} reminder{'s' if len(missed) != 1 else ''}"
        _, deliveries = notify(
            db_session=session, patient=patient, kind="catch_up", now=now,
            title=f"{count} could not be sent",
            body=(f"Careline was offline, so {count} could not be sent on time: {'; '.join(listed)}{more}. "
                  "They are marked as missed. If you took them, you can mark them as taken."),
            data={"missed": [{"reminder_id": m.reminder.id, "due": m.due.isoformat()} for m in missed[:100]],
                  "count": len(missed)},
        )
        report.catch_up_notices += 1
        report.delivery_ids += [d.id for d in deliveries]

    def renotify_snoozed(self, now: datetime | None = None) -> FireReport:
        """Remind again about every snoozed dose whose snooze is over (late past the grace: missed instead)."""
        report = FireReport()
        with self._lock, self.database.session() as session:
            now = now or utcnow()
            doses = list(session.scalars(select(ReminderDose).where(ReminderDose.status == "snoozed",
                                                                    ReminderDose.snoozed_until <= now)))
            for dose in doses:
                reminder = session.get(Reminder, dose.reminder_id)
                if reminder is None or reminder.status != "active" or now - dose.snoozed_until > self.late_grace:
                    dose.status = "missed"
                    report.missed += 1
                    continue
                dose.status, dose.notified_at = "due", now
                _, deliveries = notify(
                    db_session=session, patient=session.get(Patient, dose.patient_id), kind="dose_again",
                    reminder_id=reminder.id, due=dose.due, now=now,
                    title=f"Reminder again: {reminder.medication}",
                    body=(f"Reminder again: {medicine_label(reminder)}, "
                          f"due at {local_clock(dose.due, reminder.timezone)}."),
                    data={"medication": reminder.medication, "dose": reminder.dose, "snoozed": dose.snooze_count},
                )
                report.notified += 1
                report.delivery_ids += [d.id for d in deliveries]
        return report

    def expire_unanswered(self, now: datetime | None = None) -> int:
        """Doses notified more than `reminder_missed_after_minutes` ago without an answer become missed."""
        now = now or utcnow()
        window = timedelta(minutes=self.settings.reminder_missed_after_minutes)
        with self.database.session() as session:
            return session.execute(update(ReminderDose)
                                   .where(ReminderDose.status == "due", ReminderDose.notified_at <= now - window)
                                   .values(status="missed")).rowcount
