"""A server restarted mid-schedule fires every due dose exactly once: doses due while it runs are sent once,
a dose that passed while it was down is recorded as missed with one catch-up notice, and nothing is sent
again by the next start. Once in-process (clean shut-down), once with real `careline serve` processes
killed with SIGKILL (a crash)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from careline.api.app import create_app
from careline.settings import Settings
from reminders_support import ADMIN, ADMIN_KEY, create_patient, free_port, reminder_settings, wait_until


def at(start: datetime, seconds: float) -> str:
    return (start + timedelta(seconds=seconds)).isoformat()


def sleep_until(moment: datetime) -> None:
    time.sleep(max(0.0, (moment - datetime.now(UTC)).total_seconds()))


def dose_ledger(database_url: str) -> Counter[tuple[str, str]]:
    """(medication, status) -> number of dose rows, read straight from the database."""
    engine = create_engine(database_url)
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT r.medication, d.status FROM reminder_doses d "
                                       "JOIN reminders r ON r.id = d.reminder_id")).all()
    engine.dispose()
    return Counter((row.medication, row.status) for row in rows)


def feed_kinds(notifications: list[dict]) -> Counter[tuple[str, str]]:
    return Counter((n["kind"], n["title"]) for n in notifications)


def schedule_three_doses(client: httpx.Client | TestClient, patient_id: str, auth: dict[str, str],
                         start: datetime, offsets: tuple[float, float, float]) -> None:
    for medication, offset in zip(("before", "during", "after"), offsets, strict=True):
        response = client.post(f"/api/v1/patients/{patient_id}/reminders", headers=auth, json={
            "medication": medication, "schedule": {"every_hours": 24, "start": at(start, offset)}})
        assert response.status_code == 201, response.text


EXPECTED_LEDGER = Counter({("before", "due"): 1, ("during", "missed"): 1, ("after", "due"): 1})
EXPECTED_FEED = Counter({("dose_due", "Time for your before"): 1, ("dose_due", "Time for your after"): 1,
                         ("catch_up", "1 reminder could not be sent"): 1})


def test_a_restarted_app_fires_every_due_dose_exactly_once(tmp_path: Path) -> None:
    restart_twice_and_check_every_dose_fired_once(reminder_settings(tmp_path / "data", reminder_late_grace_seconds=1))


def restart_twice_and_check_every_dose_fired_once(settings: Settings) -> None:
    """Three doses, the middle one due while no app runs; two restarts (SQLite here, Postgres in test_postgres)."""
    start = datetime.now(UTC)
    with TestClient(create_app(settings)) as client:
        patient_id, auth = create_patient(client)
        schedule_three_doses(client, patient_id, auth, start, (2, 5, 10))
        feed_url = f"/api/v1/patients/{patient_id}/notifications"
        wait_until(lambda: client.get(feed_url, headers=auth).json()["notifications"], timeout=6)
    sleep_until(start + timedelta(seconds=7))  # "during" comes due while nothing runs
    with TestClient(create_app(settings)) as client:
        wait_until(lambda: len(client.get(feed_url, headers=auth).json()["notifications"]) == 3, timeout=8)
    with TestClient(create_app(settings)) as client:  # one more start: nothing is sent twice
        time.sleep(1.5)
        notifications = client.get(feed_url, headers=auth).json()["notifications"]
    assert feed_kinds(notifications) == EXPECTED_FEED
    assert dose_ledger(settings.resolved_database_url) == EXPECTED_LEDGER


def serve(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CARELINE_DATA_DIR": str(data_dir), "CARELINE_ADMIN_KEY": ADMIN_KEY,
           "CARELINE_INGEST_ON_START": "false", "CARELINE_SCHEDULER_LEASE_SECONDS": "2",
           "CARELINE_REMINDER_LATE_GRACE_SECONDS": "1", "CARELINE_REMINDER_MAINTENANCE_SECONDS": "1",
           "CARELINE_LOG_LEVEL": "WARNING"}
    process = subprocess.Popen([sys.executable, "-m", "careline.cli", "serve", "--port", str(port)], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"

    def scheduler_ready() -> bool:
        try:
            checks = httpx.get(f"{base}/readyz", timeout=2).json()["checks"]
        except httpx.HTTPError:
            return False
        return checks.get("scheduler") == "ok"

    wait_until(scheduler_ready, timeout=30, interval=0.2)
    return process


@pytest.mark.slow
def test_a_crashed_server_fires_every_due_dose_exactly_once_after_restart(tmp_path: Path) -> None:
    data_dir, port = tmp_path / "data", free_port()
    base = f"http://127.0.0.1:{port}"
    first = serve(data_dir, port)
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            patient_id, auth = create_patient(client)
            start = datetime.now(UTC)
            schedule_three_doses(client, patient_id, auth, start, (2, 5, 14))
            feed_url = f"/api/v1/patients/{patient_id}/notifications"
            wait_until(lambda: client.get(feed_url, headers=auth).json()["notifications"], timeout=8)
    finally:
        first.send_signal(signal.SIGKILL)  # a crash: no clean shut-down, the lease is left to expire
        first.wait(timeout=10)
    sleep_until(start + timedelta(seconds=7))
    second = serve(data_dir, port)
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            wait_until(lambda: len(client.get(feed_url, headers=auth).json()["notifications"]) == 3, timeout=15)
    finally:
        second.send_signal(signal.SIGINT)
        second.wait(timeout=15)
    third = serve(data_dir, port)
    try:
        with httpx.Client(base_url=base, timeout=10) as client:
            time.sleep(2)
            notifications = client.get(feed_url, headers=auth).json()["notifications"]
            assert client.get("/readyz", headers=ADMIN).json()["checks"]["scheduler"] == "ok"
    finally:
        third.send_signal(signal.SIGINT)
        third.wait(timeout=15)
    assert feed_kinds(notifications) == EXPECTED_FEED
    assert dose_ledger(f"sqlite:///{data_dir / 'careline.db'}") == EXPECTED_LEDGER
