"""Firing doses from the database: exactly once, missed after downtime with one catch-up notice, snoozes,
and the answer window (unit tests over a real SQLite database, no timer involved)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from careline.db import Database
from careline.notifications.models import Notification
from careline.patients.service import create_patient
from careline.reminders import service
from careline.reminders.firing import DoseFiring
from careline.reminders.models import ReminderCreate, ReminderDose
from careline.settings import Settings
from reminders_support import reminder_settings

T0 = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return reminder_settings(tmp_path / "data", reminder_late_grace_seconds=300, reminder_missed_after_minutes=60)


@pytest.fixture()
def database(settings: Settings) -> Database:
    database = Database(settings)
    database.migrate()
    return database


def add_reminder(database: Database, patient_id: str | None = None, *, medication: str = "metformin",
                 dose: str | None = "500 mg", every_hours: int = 1, created: datetime = T0) -> tuple[str, str]:
    with database.session() as session:
        patient = (session.get(service.Patient, patient_id) if patient_id
                   else create_patient(db_session=session, name="Ann", timezone="Europe/London"))
        reminder = service.create_reminder(
            db_session=session, patient=patient, now=created,
            data=ReminderCreate(medication=medication, dose=dose,
                                schedule={"every_hours": every_hours, "start": created + timedelta(hours=1)}))
        return patient.id, reminder.id


def notifications(database: Database, patient_id: str) -> list[Notification]:
    with database.session() as session:
        return list(session.scalars(select(Notification).where(Notification.patient_id == patient_id)
                                    .order_by(Notification.id)))


def doses(database: Database, reminder_id: str) -> list[tuple[datetime, str]]:
    with database.session() as session:
        rows = session.execute(select(ReminderDose.due, ReminderDose.status)
                               .where(ReminderDose.reminder_id == reminder_id).order_by(ReminderDose.due))
        return [(row.due, row.status) for row in rows]


def test_a_due_dose_is_notified_once_however_often_firing_runs(database: Database, settings: Settings) -> None:
    patient_id, reminder_id = add_reminder(database)
    due = T0 + timedelta(hours=1)
    first, second = DoseFiring(database, settings), DoseFiring(database, settings)  # e.g. two schedulers
    assert first.fire_due(due - timedelta(seconds=1)).notified == 0
    assert first.fire_due(due + timedelta(milliseconds=5)).notified == 1
    assert second.fire_due(due + timedelta(seconds=2)).notified == 0
    assert first.fire_due(due + timedelta(seconds=3)).notified == 0
    assert doses(database, reminder_id) == [(due, "due")]
    [notice] = notifications(database, patient_id)
    assert (notice.kind, notice.reminder_id, notice.due) == ("dose_due", reminder_id, due)


def test_notification_text_carries_the_medicine_only_as_entered(database: Database, settings: Settings) -> None:
    patient_id, _ = add_reminder(database, medication="Metformin XR", dose="2 x 500 mg tablets")
    DoseFiring(database, settings).fire_due(T0 + timedelta(hours=1))
    [notice] = notifications(database, patient_id)
    assert notice.title == "Time for your Metformin XR"
    assert notice.body == "Reminder: Metformin XR (2 x 500 mg tablets), due at 2:00 PM."  # 13:00 UTC = 14:00 BST
    _, no_dose = add_reminder(database, patient_id, medication="inhaler", dose=None)
    DoseFiring(database, settings).fire_due(T0 + timedelta(hours=1))
    assert notifications(database, patient_id)[-1].body == "Reminder: inhaler, due at 2:00 PM."


def test_after_downtime_passed_doses_are_missed_with_one_catch_up_notice(database: Database,
                                                                         settings: Settings) -> None:
    patient_id, first = add_reminder(database, medication="metformin")
    _, second = add_reminder(database, patient_id, medication="lisinopril", dose=None, every_hours=2)
    other_patient, _ = add_reminder(database, medication="aspirin")
    back_up = T0 + timedelta(hours=4, minutes=2)  # doses at 13, 14, 15, 16 (and 13, 15) passed while down
    report = DoseFiring(database, settings).fire_due(back_up)
    # 16:00 is two minutes late, within the grace: sent (to both patients). The older ones are missed.
    assert report.notified == 2 and report.missed == 3 + 2 + 3 and report.catch_up_notices == 2
    assert [status for _, status in doses(database, first)] == ["missed", "missed", "missed", "due"]
    assert [status for _, status in doses(database, second)] == ["missed", "missed"]
    kinds = [n.kind for n in notifications(database, patient_id)]
    assert sorted(kinds) == ["catch_up", "dose_due"]  # one catch-up, not a burst of five
    catch_up = next(n for n in notifications(database, patient_id) if n.kind == "catch_up")
    assert catch_up.data["count"] == 5 and "5 reminders could not be sent" in catch_up.body
    assert "metformin (500 mg) at 2:00 PM" in catch_up.body and "lisinopril at 2:00 PM" in catch_up.body
    assert "If you took them, you can mark them as taken." in catch_up.body
    assert [n.kind for n in notifications(database, other_patient)].count("catch_up") == 1
    # Nothing is sent again on the next run.
    assert DoseFiring(database, settings).fire_due(back_up + timedelta(seconds=30)).missed == 0


def test_a_dose_answered_before_it_is_due_is_not_notified(database: Database, settings: Settings) -> None:
    patient_id, reminder_id = add_reminder(database)
    due = T0 + timedelta(hours=1)
    with database.session() as session:
        service.record_dose(db_session=session, patient_id=patient_id, reminder_id=reminder_id, due=due,
                            action="taken", now=due - timedelta(minutes=20))
    assert DoseFiring(database, settings).fire_due(due + timedelta(seconds=1)).notified == 0
    assert doses(database, reminder_id) == [(due, "taken")]
    assert notifications(database, patient_id) == []


def test_a_snoozed_dose_is_notified_again_after_its_minutes(database: Database, settings: Settings) -> None:
    patient_id, reminder_id = add_reminder(database)
    due = T0 + timedelta(hours=1)
    firing = DoseFiring(database, settings)
    firing.fire_due(due)
    with database.session() as session:
        service.record_dose(db_session=session, patient_id=patient_id, reminder_id=reminder_id, due=due,
                            action="snoozed", minutes=10, now=due + timedelta(minutes=1))
    assert firing.renotify_snoozed(due + timedelta(minutes=10)).notified == 0
    assert firing.renotify_snoozed(due + timedelta(minutes=11, seconds=1)).notified == 1
    assert firing.renotify_snoozed(due + timedelta(minutes=12)).notified == 0
    again = notifications(database, patient_id)[-1]
    assert again.kind == "dose_again" and again.due == due and again.body.startswith("Reminder again: metformin")
    assert doses(database, reminder_id) == [(due, "due")]


def test_a_dose_without_an_answer_in_the_window_becomes_missed(database: Database, settings: Settings) -> None:
    _, reminder_id = add_reminder(database)
    due = T0 + timedelta(hours=1)
    firing = DoseFiring(database, settings)
    firing.fire_due(due)
    assert firing.expire_unanswered(due + timedelta(minutes=59)) == 0
    assert firing.expire_unanswered(due + timedelta(minutes=60, seconds=1)) == 1
    assert doses(database, reminder_id) == [(due, "missed")]


def test_a_finished_course_ends_the_reminder(database: Database, settings: Settings) -> None:
    with database.session() as session:
        patient = create_patient(db_session=session, name="Ann")
        course = service.create_reminder(
            db_session=session, patient=patient, now=T0,
            data=ReminderCreate(medication="amoxicillin", schedule={
                "every_hours": 8, "start": T0 + timedelta(hours=1), "end": T0 + timedelta(days=1, hours=1)}))
        course_id, patient_id = course.id, patient.id
    firing = DoseFiring(database, settings)
    for hours in (1, 9, 17):
        assert firing.fire_due(T0 + timedelta(hours=hours, seconds=1)).notified == 1
    with database.session() as session:
        reminder = service.get_reminder(db_session=session, patient_id=patient_id, reminder_id=course_id)
        assert reminder.status == "ended" and reminder.next_due_at is None
    assert len(doses(database, course_id)) == 3
