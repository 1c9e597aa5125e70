"""The scheduler as deployed: one APScheduler job per active reminder in the database job store, kept in
step with the API; one leader per deployment, a standby that takes over; readiness."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from careline.api.app import create_app
from careline.reminders import signals
from careline.settings import Settings
from reminders_support import create_patient, reminder_settings, wait_until


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return reminder_settings(tmp_path / "data")


@pytest.fixture()
def client(settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def stored_jobs(client: TestClient) -> dict[str, float]:
    """The reminder jobs in APScheduler's table: job id -> next run (UTC timestamp)."""
    with client.app.state.services.database.engine.connect() as connection:
        rows = connection.execute(text("SELECT id, next_run_time FROM apscheduler_jobs WHERE id LIKE 'reminder:%'"))
        return {row.id: row.next_run_time for row in rows}


def dose_rows(client: TestClient) -> list[tuple[str, str]]:
    with client.app.state.services.database.engine.connect() as connection:
        return [(row.reminder_id, row.status) for row in connection.execute(
            text("SELECT reminder_id, status FROM reminder_doses ORDER BY due"))]


def soon(seconds: float) -> str:
    return (datetime.now(UTC) + timedelta(seconds=seconds)).isoformat()


def test_each_active_reminder_has_one_job_that_follows_pause_resume_edit_and_delete(client: TestClient) -> None:
    patient_id, auth = create_patient(client, timezone="America/New_York")
    url = f"/api/v1/patients/{patient_id}/reminders"
    reminder = client.post(url, json={"medication": "metformin", "schedule": {"times": ["08:00", "20:00"]}},
                           headers=auth).json()
    job_id = f"reminder:{reminder['id']}"
    next_due = datetime.fromisoformat(reminder["next_due"]).timestamp()
    assert wait_until(lambda: stored_jobs(client).get(job_id)) == pytest.approx(next_due)

    client.patch(f"{url}/{reminder['id']}", json={"active": False}, headers=auth)
    wait_until(lambda: job_id not in stored_jobs(client))
    client.patch(f"{url}/{reminder['id']}", json={"active": True}, headers=auth)
    wait_until(lambda: job_id in stored_jobs(client))

    edited = client.patch(f"{url}/{reminder['id']}", json={"schedule": {"every_hours": 6, "start": soon(3600)}},
                          headers=auth).json()
    new_due = datetime.fromisoformat(edited["next_due"]).timestamp()
    assert new_due != next_due
    assert wait_until(lambda: stored_jobs(client).get(job_id) == pytest.approx(new_due))

    client.delete(f"{url}/{reminder['id']}", headers=auth)
    wait_until(lambda: job_id not in stored_jobs(client))


def test_a_reminder_due_in_a_few_seconds_fires_on_time(client: TestClient) -> None:
    patient_id, auth = create_patient(client)
    due = soon(2)
    client.post(f"/api/v1/patients/{patient_id}/reminders",
                json={"medication": "metformin", "schedule": {"every_hours": 24, "start": due}}, headers=auth)
    feed = wait_until(lambda: client.get(f"/api/v1/patients/{patient_id}/notifications",
                                         headers=auth).json()["notifications"], timeout=6)
    lateness = datetime.fromisoformat(feed[0]["created_at"]) - datetime.fromisoformat(due)
    assert timedelta(0) <= lateness < timedelta(seconds=1.5)
    # The job stays, armed for tomorrow's dose.
    job_next = wait_until(lambda: list(stored_jobs(client).values()))
    assert job_next[0] == pytest.approx(datetime.fromisoformat(due).timestamp() + 86400)


def test_a_snooze_arms_a_job_that_reminds_again_when_it_is_over(client: TestClient) -> None:
    patient_id, auth = create_patient(client)
    due = soon(1.5)
    reminder = client.post(f"/api/v1/patients/{patient_id}/reminders", headers=auth,
                           json={"medication": "metformin", "schedule": {"every_hours": 24, "start": due}}).json()
    doses_url = f"/api/v1/patients/{patient_id}/reminders/{reminder['id']}/doses"
    wait_until(lambda: client.get(doses_url, headers=auth).json()["doses"], timeout=6)
    snoozed = client.post(doses_url, json={"due": due, "action": "snoozed", "minutes": 5}, headers=auth).json()
    scheduler = client.app.state.services.reminder_scheduler._scheduler
    job = wait_until(lambda: [j for j in scheduler.get_jobs("volatile") if j.id.startswith("snooze:")])[0]
    assert job.next_run_time == datetime.fromisoformat(snoozed["snoozed_until"])


def test_readiness_reports_the_scheduler(client: TestClient) -> None:
    checks = client.get("/readyz").json()["checks"]
    assert checks["scheduler"] == "ok"
    assert client.app.state.services.reminder_scheduler.state == "leader"


def test_one_worker_leads_a_standby_picks_up_its_changes_and_takes_over(tmp_path: Path) -> None:
    """Two app instances on one database stand for two API workers: only the leader fires, each dose once."""
    # Maintenance (which also fires anything due) is slowed down, so the doses below must come from jobs.
    settings = reminder_settings(tmp_path / "data", reminder_maintenance_seconds=60)
    with ExitStack() as second_stack, ExitStack() as first_stack:
        first = first_stack.enter_context(TestClient(create_app(settings)))
        second = second_stack.enter_context(TestClient(create_app(settings)))
        first_scheduler = first.app.state.services.reminder_scheduler
        second_scheduler = second.app.state.services.reminder_scheduler
        assert (first_scheduler.state, second_scheduler.state) == ("leader", "standby")
        assert second.get("/readyz").json()["checks"]["scheduler"] == "ok"
        patient_id, auth = create_patient(second)
        # A change made in another process reaches the leader through its periodic sync, not a signal.
        signals.remove_listener(first_scheduler.request_sync)
        created = second.post(f"/api/v1/patients/{patient_id}/reminders",
                              json={"medication": "a", "schedule": {"every_hours": 24, "start": soon(2.5)}},
                              headers=auth).json()
        wait_until(lambda: f"reminder:{created['id']}" in stored_jobs(first), timeout=2)
        wait_until(lambda: dose_rows(second), timeout=6)

        first_stack.close()  # the leader shuts down and releases the lease
        wait_until(lambda: second_scheduler.state == "leader", timeout=5)
        second.post(f"/api/v1/patients/{patient_id}/reminders",
                    json={"medication": "b", "schedule": {"every_hours": 24, "start": soon(1.5)}}, headers=auth)
        wait_until(lambda: len(dose_rows(second)) == 2, timeout=6)
        feed = second.get(f"/api/v1/patients/{patient_id}/notifications", headers=auth).json()["notifications"]
        assert sorted(n["title"] for n in feed) == ["Time for your a", "Time for your b"]
        assert [status for _, status in dose_rows(second)] == ["due", "due"]


def test_the_scheduler_can_be_switched_off(tmp_path: Path) -> None:
    settings = reminder_settings(tmp_path / "data", scheduler_enabled=False)
    with TestClient(create_app(settings)) as client:
        assert "scheduler" not in client.get("/readyz").json()["checks"]
        assert client.app.state.services.reminder_scheduler.state == "stopped"
