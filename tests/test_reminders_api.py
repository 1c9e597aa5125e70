"""The reminders API from a patient's side: create, read, change, pause, confirm, delete, upcoming doses
(across the 2026 DST changes), dose answers and adherence."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from careline.api.app import create_app
from careline.db import Database
from careline.patients.models import Patient
from careline.reminders import service
from careline.reminders.firing import DoseFiring
from careline.reminders.models import ReminderCreate
from reminders_support import ADMIN, create_patient, reminder_settings

METFORMIN = {"medication": "metformin", "dose": "500 mg", "schedule": {"times": ["08:00", "20:00"]}}


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = reminder_settings(tmp_path / "data", scheduler_enabled=False, webhook_secret="s3cret",
                                 smtp_host="127.0.0.1", webhook_allow_private_networks=True)
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def reminders_url(patient_id: str, rest: str = "") -> str:
    return f"/api/v1/patients/{patient_id}/reminders{rest}"


def test_patient_creates_reads_changes_and_deletes_a_reminder(client: TestClient) -> None:
    patient_id, auth = create_patient(client, timezone="America/New_York")
    created = client.post(reminders_url(patient_id), json=METFORMIN, headers=auth)
    assert created.status_code == 201, created.text
    reminder = created.json()
    assert reminder["timezone"] == "America/New_York"  # the patient's zone by default
    assert reminder["schedule"]["times"] == ["08:00", "20:00"] and reminder["dose"] == "500 mg"
    assert reminder["active"] is True and reminder["status"] == "active" and reminder["source"] == "api"
    assert reminder["next_due"].endswith(("-05:00", "-04:00"))

    listed = client.get(reminders_url(patient_id), headers=auth).json()["reminders"]
    assert [r["id"] for r in listed] == [reminder["id"]]

    changed = client.patch(reminders_url(patient_id, f"/{reminder['id']}"),
                           json={"dose": "1000 mg", "schedule": {"times": ["09:30"], "days_of_week": ["Mon", "fri"]}},
                           headers=auth).json()
    assert changed["dose"] == "1000 mg" and changed["schedule"]["times"] == ["09:30"]
    assert changed["schedule"]["days_of_week"] == ["mon", "fri"] and changed["medication"] == "metformin"

    assert client.delete(reminders_url(patient_id, f"/{reminder['id']}"), headers=auth).status_code == 204
    missing = client.get(reminders_url(patient_id, f"/{reminder['id']}"), headers=auth)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"medication": "x", "schedule": {"times": ["25:00"]}}, "'25:00' is not a time between 00:00 and 23:59"),
        ({"medication": "x", "schedule": {"times": ["8am"]}}, "'8am' is not a time"),
        ({"medication": "x", "schedule": {"times": ["08:00"], "every_hours": 8}}, "either times or every_hours"),
        ({"medication": "x", "schedule": {}}, "give times"),
        ({"medication": "x", "schedule": {"every_hours": 8, "start": "2026-05-02T08:00:00Z",
                                          "end": "2026-05-01T08:00:00Z"}}, "end must be after start"),
        ({"medication": "x", "schedule": {"times": ["08:00"], "days_of_week": ["someday"]}}, "not a day of the week"),
        ({"medication": "x", "schedule": {"times": ["08:00"]}, "timezone": "Mars/Base"}, "not a known IANA time zone"),
        ({"medication": " ", "schedule": {"times": ["08:00"]}}, "medication must not be empty"),
        ({"medication": "x", "schedule": {"times": ["08:00"], "end": "2020-01-01T00:00:00Z"}}, "no doses after now"),
    ],
)
def test_an_invalid_reminder_gets_a_readable_422(client: TestClient, body: dict, message: str) -> None:
    patient_id, auth = create_patient(client)
    response = client.post(reminders_url(patient_id), json=body, headers=auth)
    assert response.status_code == 422
    assert message in response.json()["error"]["message"]


def test_patient_cannot_read_another_patients_reminders(client: TestClient) -> None:
    ann_id, ann = create_patient(client, name="Ann")
    bob_id, bob = create_patient(client, name="Bob")
    reminder_id = client.post(reminders_url(ann_id), json=METFORMIN, headers=ann).json()["id"]
    assert client.get(reminders_url(ann_id), headers=bob).status_code == 404
    assert client.get(reminders_url(ann_id, f"/{reminder_id}"), headers=bob).status_code == 404
    # Ann's reminder id under Bob's own path is just as unknown.
    assert client.get(reminders_url(bob_id, f"/{reminder_id}"), headers=bob).status_code == 404
    assert client.delete(reminders_url(bob_id, f"/{reminder_id}"), headers=bob).status_code == 404
    assert client.get(f"/api/v1/patients/{ann_id}/adherence", headers=bob).status_code == 404
    assert client.get(f"/api/v1/patients/{ann_id}/notifications", headers=bob).status_code == 404
    assert client.get(reminders_url(ann_id)).status_code == 401
    assert client.get(reminders_url(ann_id), headers=ADMIN).status_code == 200


@pytest.mark.parametrize(
    ("zone", "times", "start", "expected"),
    [
        ("America/New_York", ["02:30", "08:00"], "2026-03-07T12:00:00-05:00",
         ["2026-03-08T03:00:00-04:00", "2026-03-08T08:00:00-04:00", "2026-03-09T02:30:00-04:00",
          "2026-03-09T08:00:00-04:00"]),
        ("America/New_York", ["01:30"], "2026-10-31T12:00:00-04:00",
         ["2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"]),
        ("Europe/London", ["01:30", "21:00"], "2026-03-28T12:00:00Z",
         ["2026-03-28T21:00:00Z", "2026-03-29T02:00:00+01:00", "2026-03-29T21:00:00+01:00",
          "2026-03-30T01:30:00+01:00"]),
        ("Europe/London", ["01:30"], "2026-10-24T12:00:00+01:00",
         ["2026-10-25T01:30:00+01:00", "2026-10-26T01:30:00Z"]),
    ],
)
def test_upcoming_is_right_across_the_2026_dst_changes(client: TestClient, zone: str, times: list[str], start: str,
                                                       expected: list[str]) -> None:
    patient_id, auth = create_patient(client, timezone=zone)
    course = {"medication": "levothyroxine", "schedule": {"times": times, "start": "2026-01-01T00:00:00"}}
    assert client.post(reminders_url(patient_id), json=course, headers=auth).status_code == 201
    response = client.get(reminders_url(patient_id, "/upcoming"), params={"from": start, "hours": 48}, headers=auth)
    assert response.status_code == 200, response.text
    assert [dose["due"] for dose in response.json()["doses"]] == expected


def test_upcoming_merges_reminders_in_due_order_and_leaves_out_paused_ones(client: TestClient) -> None:
    patient_id, auth = create_patient(client, timezone="Europe/London")
    morning = client.post(reminders_url(patient_id), json={"medication": "a", "schedule": {"times": ["09:00"]}},
                          headers=auth).json()
    client.post(reminders_url(patient_id), json={"medication": "b", "dose": "1 tablet",
                                                 "schedule": {"times": ["07:00", "21:00"]}}, headers=auth)
    paused = client.post(reminders_url(patient_id), json={"medication": "c", "schedule": {"times": ["08:00"]},
                                                          "active": False}, headers=auth).json()
    assert paused["status"] == "paused" and paused["next_due"] is None
    doses = client.get(reminders_url(patient_id, "/upcoming"), params={"from": "2026-06-01T00:00:00+01:00",
                                                                       "hours": 24}, headers=auth).json()["doses"]
    assert [(d["medication"], d["due"][11:16]) for d in doses] == [("b", "07:00"), ("a", "09:00"), ("b", "21:00")]
    assert doses[0]["dose"] == "1 tablet" and doses[1]["reminder_id"] == morning["id"]


def test_pausing_and_resuming_a_reminder(client: TestClient) -> None:
    patient_id, auth = create_patient(client)
    reminder = client.post(reminders_url(patient_id), json=METFORMIN, headers=auth).json()
    url = reminders_url(patient_id, f"/{reminder['id']}")
    paused = client.patch(url, json={"active": False}, headers=auth).json()
    assert paused["status"] == "paused" and paused["active"] is False
    assert client.get(reminders_url(patient_id, "/upcoming"), headers=auth).json()["doses"] == []
    resumed = client.patch(url, json={"active": True}, headers=auth).json()
    assert resumed["status"] == "active" and resumed["next_due"] is not None
    assert len(client.get(reminders_url(patient_id, "/upcoming"), headers=auth).json()["doses"]) == 4


def test_a_proposed_reminder_waits_for_confirmation(client: TestClient) -> None:
    patient_id, auth = create_patient(client, timezone="America/Chicago")
    database: Database = client.app.state.services.database
    with database.session() as session:
        patient = session.get(Patient, patient_id)
        proposed = service.create_reminder(db_session=session, patient=patient, status="pending_confirmation",
                                           source="fhir", source_key="MedicationRequest/1#abc",
                                           data=ReminderCreate(medication="lisinopril", schedule={"times": ["08:00"]}))
        again = service.create_reminder(db_session=session, patient=patient, status="pending_confirmation",
                                        source="fhir", source_key="MedicationRequest/1#abc",
                                        data=ReminderCreate(medication="changed", schedule={"times": ["09:00"]}))
        assert again.id == proposed.id and again.medication == "lisinopril"
        reminder_id = proposed.id
    listed = client.get(reminders_url(patient_id), headers=auth).json()["reminders"]
    assert [(r["status"], r["active"], r["source"]) for r in listed] == [("pending_confirmation", False, "fhir")]
    assert client.get(reminders_url(patient_id), params={"include_pending": False}, headers=auth).json() == {
        "reminders": []}
    assert client.get(reminders_url(patient_id, "/upcoming"), headers=auth).json()["doses"] == []
    blocked = client.patch(reminders_url(patient_id, f"/{reminder_id}"), json={"active": True}, headers=auth)
    assert blocked.status_code == 409 and "confirm" in blocked.json()["error"]["message"]
    confirmed = client.post(reminders_url(patient_id, f"/{reminder_id}/confirm"), headers=auth).json()
    assert confirmed["status"] == "active" and confirmed["next_due"].endswith(("-06:00", "-05:00"))
    assert len(client.get(reminders_url(patient_id, "/upcoming"), headers=auth).json()["doses"]) == 2


def test_answering_doses_taken_skipped_and_snoozed(client: TestClient) -> None:
    patient_id, auth = create_patient(client)
    now = datetime.now(UTC)
    start = (now - timedelta(hours=2)).replace(microsecond=0)
    reminder = client.post(reminders_url(patient_id), json={
        "medication": "amoxicillin", "dose": "250 mg", "schedule": {"every_hours": 1, "start": start.isoformat()}},
        headers=auth).json()
    doses_url = reminders_url(patient_id, f"/{reminder['id']}/doses")
    taken = client.post(doses_url, json={"due": start.isoformat(), "action": "taken"}, headers=auth)
    assert taken.status_code == 200 and taken.json()["status"] == "taken"
    skipped = client.post(doses_url, json={"due": (start + timedelta(hours=1)).isoformat(), "action": "skipped"},
                          headers=auth).json()
    assert skipped["status"] == "skipped"
    snoozed = client.post(doses_url, json={"due": (start + timedelta(hours=2)).isoformat(), "action": "snoozed",
                                           "minutes": 15}, headers=auth).json()
    assert snoozed["status"] == "snoozed"
    until = datetime.fromisoformat(snoozed["snoozed_until"])
    assert timedelta(minutes=14) < until - now < timedelta(minutes=16)
    # Taking the next dose a little early is fine; one that is not on the schedule is not.
    early = client.post(doses_url, json={"due": (start + timedelta(hours=3)).isoformat(), "action": "taken"},
                        headers=auth)
    assert early.status_code == 200
    off_schedule = client.post(doses_url, json={"due": (start + timedelta(minutes=30)).isoformat(),
                                                "action": "taken"}, headers=auth)
    assert off_schedule.status_code == 422 and "no dose of this reminder" in off_schedule.json()["error"]["message"]
    too_far = client.post(doses_url, json={"due": (start + timedelta(hours=30)).isoformat(), "action": "taken"},
                          headers=auth)
    assert too_far.status_code == 422
    snooze_future = client.post(doses_url, json={"due": (start + timedelta(hours=4)).isoformat(),
                                                 "action": "snoozed"}, headers=auth)
    assert snooze_future.status_code == 422
    history = client.get(doses_url, headers=auth).json()["doses"]
    assert [d["status"] for d in history] == ["taken", "snoozed", "skipped", "taken"]


def test_adherence_counts_taken_skipped_and_missed_per_reminder_and_overall(client: TestClient) -> None:
    patient_id, auth = create_patient(client)
    services = client.app.state.services
    now = datetime.now(UTC)
    first = (now - timedelta(days=10, hours=1)).replace(microsecond=0)
    with services.database.session() as session:
        patient = session.get(Patient, patient_id)
        daily = service.create_reminder(db_session=session, patient=patient, now=first, data=ReminderCreate(
            medication="a", schedule={"every_hours": 24, "start": first}))
        service.create_reminder(db_session=session, patient=patient, now=now,
                                data=ReminderCreate(medication="b", schedule={"times": ["08:00"]}))
        daily_id = daily.id
    # Nobody fired the last ten days: all ten doses are recorded as missed...
    report = DoseFiring(services.database, services.settings).fire_due(now)
    assert report.missed == 10 and report.catch_up_notices == 1
    # ...then the patient says they took four of them (the latest ones) and skipped one.
    dues = [first + timedelta(days=n) for n in range(1, 11)]
    for due in dues[-4:]:
        client.post(reminders_url(patient_id, f"/{daily_id}/doses"), json={"due": due.isoformat(), "action": "taken"},
                    headers=auth)
    client.post(reminders_url(patient_id, f"/{daily_id}/doses"), json={"due": dues[0].isoformat(),
                                                                      "action": "skipped"}, headers=auth)
    body = client.get(f"/api/v1/patients/{patient_id}/adherence", params={"days": 30}, headers=auth).json()
    assert body["windows"] == [7, 30]
    assert body["overall"]["last_30_days"] == {"taken": 4, "skipped": 1, "missed": 5, "pending": 0, "rate": 0.4}
    week = body["overall"]["last_7_days"]
    assert week["taken"] == 4 and week["missed"] == 3 and week["skipped"] == 0 and week["rate"] == round(4 / 7, 3)
    per_reminder = {r["medication"]: r for r in body["reminders"]}
    assert per_reminder["a"]["last_30_days"]["rate"] == 0.4
    assert per_reminder["b"]["last_30_days"] == {"taken": 0, "skipped": 0, "missed": 0, "pending": 0, "rate": None}


def test_notification_settings_choose_channels_and_are_validated(client: TestClient) -> None:
    patient_id, auth = create_patient(client)
    url = f"/api/v1/patients/{patient_id}/notification-settings"
    assert client.get(url, headers=auth).json() == {"channels": ["in_app"], "webhook_url": None, "email": None}
    saved = client.put(url, json={"channels": ["webhook", "email"], "webhook_url": "https://example.org/hook",
                                  "email": "ann@example.org"}, headers=auth)
    assert saved.status_code == 200
    assert saved.json()["channels"] == ["in_app", "webhook", "email"]
    assert client.get(url, headers=auth).json()["email"] == "ann@example.org"
    no_url = client.put(url, json={"channels": ["webhook"]}, headers=auth)
    assert no_url.status_code == 422 and "needs a webhook_url" in no_url.json()["error"]["message"]
    bad_email = client.put(url, json={"channels": ["email"], "email": "ann"}, headers=auth)
    assert bad_email.status_code == 422 and "email must be an address" in bad_email.json()["error"]["message"]
    bad_scheme = client.put(url, json={"channels": ["webhook"], "webhook_url": "ftp://x"}, headers=auth)
    assert bad_scheme.status_code == 422


def test_webhooks_need_a_deployment_secret(tmp_path: Path) -> None:
    settings = reminder_settings(tmp_path / "data", scheduler_enabled=False)
    with TestClient(create_app(settings)) as client:
        patient_id, auth = create_patient(client)
        response = client.put(f"/api/v1/patients/{patient_id}/notification-settings",
                              json={"channels": ["webhook"], "webhook_url": "https://example.org/h"}, headers=auth)
        assert response.status_code == 409 and "CARELINE_WEBHOOK_SECRET" in response.json()["error"]["message"]
