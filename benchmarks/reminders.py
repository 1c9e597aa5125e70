"""Reminder benchmark: create 20,000 reminders for 10,000 patients, start the scheduler with them loaded,
measure the database size, and the lateness of a burst of 500 doses due in the same minute.

    python benchmarks/reminders.py [--reminders 20000] [--patients 10000] [--burst 500] [--json]

Everything is real: SQLite (WAL, synchronous=NORMAL) through the service functions the API uses,
APScheduler's SQLAlchemy job store in the same database, and the same scheduler `careline serve` runs.
Lateness is measured from outside: a poller reads the notifications table every 10 ms and records when
each burst notification first becomes visible (what the feed and the live stream would see).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from careline.db import Database, utcnow
from careline.notifications.models import Notification
from careline.patients.models import Patient
from careline.reminders.models import ReminderCreate
from careline.reminders.scheduler import ReminderScheduler
from careline.reminders.service import create_reminder
from careline.settings import Settings

ZONES = ["America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London", "Europe/Berlin",
         "Asia/Kolkata", "Australia/Sydney", "UTC"]
TIME_SETS = [["08:00"], ["08:00", "20:00"], ["07:30", "13:00", "19:30"], ["09:00", "21:00"], ["22:00"]]
BATCH = 1000


def make_patients(database: Database, count: int) -> list[str]:
    rng = random.Random(1)
    patients = [Patient(name=f"Patient {n}", timezone=rng.choice(ZONES)) for n in range(count)]
    with database.session() as session:
        session.add_all(patients)
    return [p.id for p in patients]


def reminder_for(rng: random.Random, n: int) -> ReminderCreate:
    kind = n % 10
    if kind < 6:
        schedule: dict[str, Any] = {"times": rng.choice(TIME_SETS)}
    elif kind < 8:
        schedule = {"times": ["09:00"], "days_of_week": ["mon", "wed", "fri"]}
    else:
        start = utcnow() + timedelta(minutes=rng.randrange(1, 600))
        schedule = {"every_hours": rng.choice([6, 8, 12]), "start": start, "end": start + timedelta(days=10)}
    return ReminderCreate(medication=f"medicine {n % 50}", dose="1 tablet", schedule=schedule)


def create_reminders(database: Database, patient_ids: list[str], count: int) -> float:
    """Create `count` reminders through the service, BATCH per transaction; returns seconds taken."""
    rng = random.Random(2)
    started = time.perf_counter()
    for first in range(0, count, BATCH):
        numbers = range(first, min(first + BATCH, count))
        with database.session() as session:
            wanted = {patient_ids[n % len(patient_ids)] for n in numbers}
            patients = {p.id: p for p in session.scalars(select(Patient).where(Patient.id.in_(wanted)))}
            for n in numbers:
                create_reminder(db_session=session, patient=patients[patient_ids[n % len(patient_ids)]],
                                data=reminder_for(rng, n))
    return time.perf_counter() - started


async def start_scheduler(scheduler: ReminderScheduler) -> float:
    started = time.perf_counter()
    await scheduler.start()
    assert scheduler.is_leader, scheduler.describe()
    return time.perf_counter() - started


def database_size(database: Database, data_dir: Path) -> int:
    with database.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(path.stat().st_size for path in data_dir.glob("careline.db*"))


def watch(database: Database, due: datetime, expected: int, seen: dict[int, float], stop: threading.Event) -> None:
    """Record when each notification for `due` first becomes visible to a reader."""
    while not stop.is_set() and len(seen) < expected:
        with database.engine.connect() as connection:
            ids = connection.execute(select(Notification.id).where(Notification.due == due)).scalars().all()
        now = time.time()
        for notification_id in ids:
            seen.setdefault(notification_id, now)
        time.sleep(0.01)


async def burst(database: Database, patient_ids: list[str], size: int) -> dict[str, float]:
    """`size` doses due at the same instant (the start of a minute), with the scheduler running."""
    now = utcnow()
    due = (now + timedelta(seconds=20)).replace(second=0, microsecond=0) + timedelta(minutes=1)
    with database.session() as session:
        for n in range(size):
            patient = session.get(Patient, patient_ids[n % len(patient_ids)])
            create_reminder(db_session=session, patient=patient, data=ReminderCreate(
                medication="burst medicine", schedule={"every_hours": 24, "start": due}))
    seen: dict[int, float] = {}
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(database, due, size, seen, stop), daemon=True)
    watcher.start()
    deadline = due.timestamp() + 60
    while len(seen) < size and time.time() < deadline:
        await asyncio.sleep(0.1)
    stop.set()
    lateness = sorted(at - due.timestamp() for at in seen.values())
    if len(lateness) < size:
        raise SystemExit(f"only {len(lateness)} of {size} burst doses fired within a minute")
    return {"p50_ms": round(statistics.median(lateness) * 1000, 1),
            "p99_ms": round(lateness[max(0, int(len(lateness) * 0.99) - 1)] * 1000, 1),
            "max_ms": round(lateness[-1] * 1000, 1)}


async def run(args: argparse.Namespace, data_dir: Path) -> dict[str, Any]:
    settings = Settings(data_dir=data_dir, ingest_on_start=False, reminder_late_grace_seconds=3600)
    database = Database(settings)
    database.migrate()
    patient_ids = make_patients(database, args.patients)
    create_seconds = create_reminders(database, patient_ids, args.reminders)

    first = ReminderScheduler(settings, database)
    cold_start = await start_scheduler(first)  # writes one job per reminder into the empty job store
    await first.stop()
    scheduler = ReminderScheduler(settings, database)
    warm_start = await start_scheduler(scheduler)  # the usual restart: jobs already stored
    with database.engine.connect() as connection:
        jobs = connection.execute(text("SELECT count(*) FROM apscheduler_jobs WHERE id LIKE 'reminder:%'")).scalar()
    size = database_size(database, data_dir)
    lateness = await burst(database, patient_ids, args.burst)
    await scheduler.stop()
    return {
        "reminders": args.reminders, "patients": args.patients,
        "create_seconds": round(create_seconds, 2),
        "create_per_second": round(args.reminders / create_seconds),
        "scheduler_cold_start_seconds": round(cold_start, 2),
        "scheduler_warm_start_seconds": round(warm_start, 2),
        "jobs_stored": jobs,
        "database_mb": round(size / 1e6, 1),
        "burst": args.burst, "burst_lateness": lateness,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reminders", type=int, default=20_000)
    parser.add_argument("--patients", type=int, default=10_000)
    parser.add_argument("--burst", type=int, default=500)
    parser.add_argument("--data-dir", type=Path, help="default: a temporary directory")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="careline-bench-") as temporary:
        figures = asyncio.run(run(args, args.data_dir or Path(temporary)))
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    late = figures["burst_lateness"]
    print(f"created {figures['reminders']:,} reminders for {figures['patients']:,} patients in "
          f"{figures['create_seconds']} s ({figures['create_per_second']:,}/s)")
    print(f"scheduler start with them loaded: {figures['scheduler_cold_start_seconds']} s first start "
          f"(writes {figures['jobs_stored']:,} jobs), {figures['scheduler_warm_start_seconds']} s restart")
    print(f"database size: {figures['database_mb']} MB")
    print(f"burst of {figures['burst']} doses due in the same minute: lateness p50 {late['p50_ms']} ms, "
          f"p99 {late['p99_ms']} ms, max {late['max_ms']} ms")


if __name__ == "__main__":
    main()
