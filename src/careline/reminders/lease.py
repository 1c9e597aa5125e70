"""The scheduler lease: a row in the database that says which process may fire reminders.

Every process tries to take or renew it with one conditional UPDATE (atomic on every SQL backend): it
succeeds for the current holder, or for anyone once the lease has expired. The holder renews well
before expiry; the others stand by and take over when it lapses (a crashed leader) or is released
(a clean shut-down).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import case, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from careline.reminders.models import SchedulerLease

LEASE_NAME = "reminders"


def acquire_or_renew(*, db_session: Session, holder: str, ttl: timedelta, now: datetime,
                     name: str = LEASE_NAME) -> bool:
    """True if `holder` holds the lease until now + ttl."""
    taken = db_session.execute(
        update(SchedulerLease)
        .where(SchedulerLease.name == name,
               or_(SchedulerLease.holder == holder, SchedulerLease.expires_at <= now))
        .values(holder=holder, expires_at=now + ttl,
                acquired_at=case((SchedulerLease.holder == holder, SchedulerLease.acquired_at), else_=now))
    ).rowcount
    if taken:
        return True
    if db_session.scalar(select(SchedulerLease.name).where(SchedulerLease.name == name)) is not None:
        return False
    try:
        with db_session.begin_nested():
            db_session.add(SchedulerLease(name=name, holder=holder, expires_at=now + ttl, acquired_at=now))
    except IntegrityError:  # another process created it first
        return False
    return True


def release(*, db_session: Session, holder: str, now: datetime, name: str = LEASE_NAME) -> None:
    """Give the lease up at once so a standby process can take over without waiting for expiry."""
    db_session.execute(update(SchedulerLease).where(SchedulerLease.name == name, SchedulerLease.holder == holder)
                       .values(expires_at=now))


def current_holder(*, db_session: Session, now: datetime, name: str = LEASE_NAME) -> str | None:
    lease = db_session.get(SchedulerLease, name)
    return lease.holder if lease is not None and lease.expires_at > now else None
