"""The reminder scheduler: APScheduler 3 (AsyncIOScheduler) with its job store in Careline's database,
run by exactly one process per deployment.

- Leadership: every process runs a lease loop (see lease.py). The holder starts APScheduler; the others
  stand by and take over when the lease lapses or is released. Firing is idempotent anyway (a dose row
  is unique per reminder and due time), so even a brief overlap during a hand-over cannot double a dose.
- Jobs: one persistent job per active reminder ("reminder:<id>") with a DoseTrigger, module-level job
  functions and picklable arguments. Snooze re-notifications and delivery attempts are short-lived jobs
  in a memory store; their durable state is in the database (doses, delivery log) and a leader re-creates
  them when it starts.
- Why a custom trigger and not a DateTrigger re-armed after each fire: the trigger evaluates the same
  DoseSchedule as the API, so APScheduler itself computes the exact next dose (DST included) when it
  stores the job after a run. A re-armed DateTrigger would need a job-store write from inside every run
  and leave a window in which a crash loses the reminder's job.
- The reminders table is the source of truth: API changes bump `schedule_version`, and the leader syncs
  jobs whose `synced_version` differs (at once for changes committed in its own process, every
  `reminder_sync_seconds` for other processes' changes).
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import os
import pickle
import socket
import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.job import Job
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.base import BaseTrigger
from apscheduler.util import datetime_to_utc_timestamp
from sqlalchemy import select, update

from careline.db import Database, utcnow
from careline.logs import get_logger
from careline.notifications.delivery import attempt_delivery, deliveries_to_resume
from careline.reminders import lease, signals
from careline.reminders.firing import DoseFiring, FireReport
from careline.reminders.models import Reminder, ReminderDose
from careline.reminders.schedule import DoseSchedule
from careline.reminders.service import dose_schedule
from careline.settings import Settings

log = get_logger(__name__)

JOBS_TABLE = "apscheduler_jobs"
REMINDER_JOB_PREFIX = "reminder:"
# Deliberate defaults: a run covers every dose since the reminder's fired_through, so one run after a
# backlog is enough (coalesce); a late run must still happen, because it records what was missed
# (no misfire grace limit; APScheduler's default of 1 s would silently drop late runs); and two runs of
# one reminder never overlap.
JOB_DEFAULTS = {"coalesce": True, "misfire_grace_time": None, "max_instances": 1}
_CHUNK = 500

# Leaders in this process, by a hash of their database URL (job arguments carry the hash, not the URL).
_leaders: dict[str, ReminderScheduler] = {}


def _leader_for(store_key: str) -> ReminderScheduler | None:
    leader = _leaders.get(store_key)
    if leader is None and len(_leaders) == 1:
        # The same database spelt differently by another worker: there is only one leader here anyway.
        leader = next(iter(_leaders.values()))
    return leader


# --- job functions (module level, so the job store can pickle a reference to them) -----------------------


def fire_reminder_job(store_key: str, reminder_id: str) -> None:
    """A reminder's dose time has come: handle every due dose (this one and any other due now)."""
    leader = _leader_for(store_key)
    if leader is not None:
        leader.run_firing()


def snooze_job(store_key: str, dose_id: int) -> None:
    leader = _leader_for(store_key)
    if leader is not None:
        leader.run_snoozes()


def delivery_job(store_key: str, delivery_id: int) -> None:
    leader = _leader_for(store_key)
    if leader is not None:
        leader.run_delivery(delivery_id)


def maintenance_job(store_key: str) -> None:
    leader = _leader_for(store_key)
    if leader is not None:
        leader.run_maintenance()


def sync_job(store_key: str) -> None:
    leader = _leader_for(store_key)
    if leader is not None:
        leader.sync()


class DoseTrigger(BaseTrigger):
    """Fires at exactly the reminder's dose times (see schedule.py for the DST rules)."""

    def __init__(self, schedule: DoseSchedule) -> None:
        self.schedule = schedule

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        if previous_fire_time is None:
            return self.schedule.next_after(now - timedelta(microseconds=1))
        upcoming = self.schedule.next_after(previous_fire_time)
        if upcoming is not None and upcoming <= now:
            # A backlog after downtime: one run handles all of it from the database, so skip ahead.
            upcoming = self.schedule.next_after(now)
        return upcoming

    def __getstate__(self) -> dict[str, Any]:
        return {"version": 1, "schedule": self.schedule}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.schedule = state["schedule"]

    def __str__(self) -> str:
        return "doses"  # APScheduler logs this; it must not carry anything about the patient

    def __repr__(self) -> str:
        return "<DoseTrigger>"


class SharedEngineJobStore(SQLAlchemyJobStore):
    """SQLAlchemyJobStore on Careline's own engine. Its shutdown() would dispose the engine, which the rest
    of the process still uses, so the scheduler stopping leaves the engine alone."""

    def shutdown(self) -> None:
        pass


def store_key_for(database: Database) -> str:
    return hashlib.sha256(database.engine.url.render_as_string(hide_password=False).encode()).hexdigest()[:16]


class ReminderScheduler:
    """One per process: the lease loop, and APScheduler while this process leads."""

    def __init__(self, settings: Settings, database: Database) -> None:
        self.settings = settings
        self.database = database
        self.firing = DoseFiring(database, settings)
        self.holder_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.store_key = store_key_for(database)
        self.state = "stopped"  # stopped | starting | standby | leader
        self.error: str | None = None
        self._scheduler: AsyncIOScheduler | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lease_task: asyncio.Task[None] | None = None
        self._sync_task: asyncio.Task[None] | None = None
        self._sync_wanted = False
        self._removed_pending: set[str] = set()
        self._sync_lock = threading.Lock()
        self._last_renewal: datetime | None = None

    @property
    def is_leader(self) -> bool:
        return self.state == "leader"

    @property
    def lease_ttl(self) -> timedelta:
        return timedelta(seconds=self.settings.scheduler_lease_seconds)

    # --- life cycle --------------------------------------------------------------------------------------

    async def start(self) -> None:
        """Begin competing for the lease; returns once the first attempt has been made."""
        if self._lease_task is not None:
            return
        logging.getLogger("apscheduler").setLevel(logging.WARNING)  # per-run INFO lines would flood the logs
        self._loop = asyncio.get_running_loop()
        self.state = "starting"
        signals.add_listener(self.request_sync)
        await self._lease_round()
        self._lease_task = asyncio.create_task(self._lease_loop(), name="careline-reminder-lease")

    async def stop(self) -> None:
        """Stop firing and hand the lease over at once (another process can take over without waiting)."""
        signals.remove_listener(self.request_sync)
        if self._lease_task is not None:
            self._lease_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._lease_task
            self._lease_task = None
        was_leader = self.is_leader
        await self._step_down()
        if was_leader:
            await asyncio.to_thread(self._release)
        self.state = "stopped"

    def health(self) -> str:
        """For /readyz: "ok" when leading or standing by normally, otherwise what is wrong."""
        if self.error:
            return self.error
        if self.state in ("leader", "standby"):
            return "ok"
        return self.state

    def describe(self) -> dict[str, Any]:
        return {"state": self.state, "holder": self.holder_id, "error": self.error}

    async def _lease_loop(self) -> None:
        while True:
            await asyncio.sleep(self.settings.scheduler_lease_seconds / 3)
            await self._lease_round()

    async def _lease_round(self) -> None:
        try:
            held = await asyncio.to_thread(self._renew)
        except Exception as exc:  # the database is unreachable: keep trying; stop firing once the lease lapses
            self.error = f"lease: {type(exc).__name__}"
            log.warning("scheduler lease renewal failed", extra={"error_code": type(exc).__name__})
            lapsed = self._last_renewal is None or utcnow() - self._last_renewal > self.lease_ttl * 0.8
            if self.is_leader and lapsed:
                await self._step_down()
            return
        self.error = None
        if held:
            self._last_renewal = utcnow()
            if not self.is_leader:
                await self._lead()
        else:
            if self.is_leader:
                log.warning("scheduler lease lost to another process")
                await self._step_down()
            self.state = "standby"

    def _renew(self) -> bool:
        with self.database.session() as session:
            return lease.acquire_or_renew(db_session=session, holder=self.holder_id, ttl=self.lease_ttl, now=utcnow())

    def _release(self) -> None:
        with self.database.session() as session:
            lease.release(db_session=session, holder=self.holder_id, now=utcnow())

    async def _lead(self) -> None:
        log.info("scheduler leading", extra={"job_id": self.holder_id})
        self.state = "leader"
        _leaders[self.store_key] = self
        try:
            # Doses that passed while no scheduler ran: missed, with one catch-up notice per patient.
            catch_up = await asyncio.to_thread(self.firing.fire_due)
            scheduler = AsyncIOScheduler(
                jobstores={"default": SharedEngineJobStore(engine=self.database.engine, tablename=JOBS_TABLE),
                           "volatile": MemoryJobStore()},
                executors={"default": ThreadPoolExecutor(max_workers=2),
                           "deliveries": ThreadPoolExecutor(max_workers=self.settings.notification_delivery_workers)},
                job_defaults=JOB_DEFAULTS, timezone=UTC,
            )
            scheduler.start(paused=True)
            self._scheduler = scheduler
            await asyncio.to_thread(self.sync, full=True)
            volatile = {"jobstore": "volatile", "replace_existing": True}
            scheduler.add_job(sync_job, "interval", args=[self.store_key], id="careline:sync",
                              seconds=self.settings.reminder_sync_seconds, **volatile)
            scheduler.add_job(maintenance_job, "interval", args=[self.store_key], id="careline:maintenance",
                              seconds=self.settings.reminder_maintenance_seconds, next_run_time=utcnow(), **volatile)
            scheduler.resume()
            self._queue_deliveries(catch_up)
        except Exception as exc:
            self.error = f"scheduler: {type(exc).__name__}"  # /readyz is public: no exception text
            log.exception("scheduler failed to start")
            await self._step_down()
            await asyncio.to_thread(self._release)

    async def _step_down(self) -> None:
        if _leaders.get(self.store_key) is self:
            del _leaders[self.store_key]
        scheduler, self._scheduler = self._scheduler, None
        if scheduler is not None and scheduler.running:
            # Running jobs may finish: each commits atomically and the dose rows keep them idempotent.
            scheduler.shutdown(wait=False)
            await asyncio.sleep(0)  # AsyncIOScheduler shuts down on the loop's next turn
        if self.state == "leader":
            self.state = "standby"

    # --- syncing jobs with the reminders table ------------------------------------------------------------

    def request_sync(self, removed: frozenset[str] = frozenset()) -> None:
        """Called after a commit that changed reminders (any thread): sync soon, on the event loop."""
        loop = self._loop
        if loop is None or loop.is_closed() or not self.is_leader:
            return
        loop.call_soon_threadsafe(self._kick_sync, removed)

    def _kick_sync(self, removed: frozenset[str]) -> None:
        self._removed_pending |= removed
        self._sync_wanted = True
        if self._sync_task is None or self._sync_task.done():
            self._sync_task = asyncio.ensure_future(self._sync_until_settled())

    async def _sync_until_settled(self) -> None:
        while self._sync_wanted:
            removed, self._removed_pending = self._removed_pending, set()
            self._sync_wanted = False
            try:
                await asyncio.to_thread(self.sync, removed=removed)
            except Exception:
                log.exception("reminder sync failed")

    def sync(self, *, full: bool = False, removed: set[str] | frozenset[str] = frozenset()) -> int:
        """Bring the job store in line with the reminders table; returns how many jobs were written or removed.

        Incremental: reminders whose schedule_version differs from synced_version, and snoozed doses.
        Full (at start and in maintenance): also jobs of reminders that are gone or no longer active.
        """
        scheduler = self._scheduler
        if scheduler is None:
            return 0
        with self._sync_lock, self.database.session() as session:
            changed = list(session.scalars(
                select(Reminder).where(Reminder.schedule_version != Reminder.synced_version)))
            put = [r for r in changed if r.status == "active" and r.next_due_at is not None]
            drop = {REMINDER_JOB_PREFIX + r.id for r in changed if r.status != "active" or r.next_due_at is None}
            drop |= {REMINDER_JOB_PREFIX + reminder_id for reminder_id in removed}
            if full:
                active = set(session.scalars(select(Reminder.id).where(Reminder.status == "active",
                                                                       Reminder.next_due_at.is_not(None))))
                stored = self._stored_reminder_job_ids()
                drop |= {job_id for job_id in stored if job_id.removeprefix(REMINDER_JOB_PREFIX) not in active}
                missing = active - {job_id.removeprefix(REMINDER_JOB_PREFIX) for job_id in stored} - {r.id for r in put}
                put += self._load(session, missing)
            self._write_jobs(scheduler, put)
            self._remove_jobs(scheduler, drop)
            if changed:
                session.execute(update(Reminder), [{"id": r.id, "synced_version": r.schedule_version,
                                                     "updated_at": r.updated_at} for r in changed])
            snoozes = self._sync_snoozes(scheduler, session)
        if put or drop:
            scheduler.wakeup()
        return len(put) + len(drop) + snoozes

    @staticmethod
    def _load(session: Any, ids: set[str]) -> list[Reminder]:
        ordered = sorted(ids)
        loaded: list[Reminder] = []
        for start in range(0, len(ordered), _CHUNK):
            loaded += session.scalars(select(Reminder).where(Reminder.id.in_(ordered[start:start + _CHUNK])))
        return loaded

    def _stored_reminder_job_ids(self) -> set[str]:
        jobstore = self._jobstore()
        with self.database.engine.connect() as connection:
            rows = connection.execute(select(jobstore.jobs_t.c.id)
                                      .where(jobstore.jobs_t.c.id.like(REMINDER_JOB_PREFIX + "%")))
            return {row[0] for row in rows}

    def _jobstore(self) -> SQLAlchemyJobStore:
        assert self._scheduler is not None
        return self._scheduler._lookup_jobstore("default")

    def _write_jobs(self, scheduler: AsyncIOScheduler, reminders: list[Reminder]) -> None:
        """Insert or replace reminder jobs in one transaction per chunk.

        APScheduler's add_job writes one row per transaction (20,000 reminders: minutes of start-up); this
        writes the same rows (id, next_run_time, pickled job state) as SQLAlchemyJobStore in bulk, under
        the scheduler's job-store lock so it cannot interleave with a run updating the same job.
        """
        if not reminders:
            return
        jobstore = self._jobstore()
        table = jobstore.jobs_t
        with scheduler._jobstores_lock, self.database.engine.begin() as connection:
            for start in range(0, len(reminders), _CHUNK):
                rows = [self._job_row(scheduler, jobstore, r) for r in reminders[start:start + _CHUNK]]
                connection.execute(table.delete().where(table.c.id.in_([row["id"] for row in rows])))
                connection.execute(table.insert(), rows)

    def _job_row(self, scheduler: AsyncIOScheduler, jobstore: SQLAlchemyJobStore, reminder: Reminder) -> dict[str, Any]:
        job = Job(scheduler, id=REMINDER_JOB_PREFIX + reminder.id, func=fire_reminder_job,
                  args=(self.store_key, reminder.id), kwargs={}, name=REMINDER_JOB_PREFIX + reminder.id,
                  trigger=DoseTrigger(dose_schedule(reminder)), executor="default",
                  next_run_time=reminder.next_due_at, **JOB_DEFAULTS)
        return {"id": job.id, "next_run_time": datetime_to_utc_timestamp(job.next_run_time),
                "job_state": pickle.dumps(job.__getstate__(), jobstore.pickle_protocol)}

    def _remove_jobs(self, scheduler: AsyncIOScheduler, job_ids: set[str]) -> None:
        if not job_ids:
            return
        table = self._jobstore().jobs_t
        ordered = sorted(job_ids)
        with scheduler._jobstores_lock, self.database.engine.begin() as connection:
            for start in range(0, len(ordered), _CHUNK):
                connection.execute(table.delete().where(table.c.id.in_(ordered[start:start + _CHUNK])))

    def _sync_snoozes(self, scheduler: AsyncIOScheduler, session: Any) -> int:
        added = 0
        rows = session.execute(select(ReminderDose.id, ReminderDose.snoozed_until)
                               .where(ReminderDose.status == "snoozed")).all()
        for dose_id, until in rows:
            job_id = f"snooze:{dose_id}"
            existing = scheduler.get_job(job_id, "volatile")
            if existing is not None and existing.next_run_time == until:
                continue
            scheduler.add_job(snooze_job, "date", run_date=until, args=[self.store_key, dose_id], id=job_id,
                              jobstore="volatile", replace_existing=True)
            added += 1
        return added

    # --- what the jobs do ------------------------------------------------------------------------------

    def run_firing(self) -> FireReport:
        report = self.firing.fire_due()
        self._queue_deliveries(report)
        return report

    def run_snoozes(self) -> None:
        self._queue_deliveries(self.firing.renotify_snoozed())

    def run_maintenance(self) -> None:
        """The safety net: fire anything due (e.g. changed by another worker before the sync), re-notify
        snoozes, expire unanswered doses, resume queued deliveries, drop jobs of removed reminders."""
        self.run_firing()
        self.run_snoozes()
        self.firing.expire_unanswered()
        scheduler = self._scheduler
        if scheduler is None:
            return
        for delivery_id, at in deliveries_to_resume(database=self.database, settings=self.settings):
            if scheduler.get_job(f"delivery:{delivery_id}", "volatile") is None:
                self._queue_delivery(delivery_id, at)
        self.sync(full=True)

    def run_delivery(self, delivery_id: int) -> None:
        retry_at = attempt_delivery(database=self.database, settings=self.settings, delivery_id=delivery_id)
        if retry_at is not None:
            self._queue_delivery(delivery_id, retry_at)

    def _queue_deliveries(self, report: FireReport) -> None:
        now = utcnow()
        for delivery_id in report.delivery_ids:
            self._queue_delivery(delivery_id, now)

    def _queue_delivery(self, delivery_id: int, at: datetime) -> None:
        scheduler = self._scheduler
        if scheduler is None or not scheduler.running:
            return  # still queued in the delivery log; the next leader resumes it
        scheduler.add_job(delivery_job, "date", run_date=at, args=[self.store_key, delivery_id],
                          id=f"delivery:{delivery_id}", jobstore="volatile", executor="deliveries",
                          replace_existing=True)
