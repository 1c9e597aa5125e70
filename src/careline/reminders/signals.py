"""A tiny in-process signal: "reminder schedules changed", raised only after the change is committed.

Service functions mark the session (and name deleted reminders); after its commit every registered
listener (the local scheduler, if this process leads) is called, so a new, edited or deleted reminder
is (re)scheduled at once. Other processes' changes reach the leader through its periodic sync instead.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

_FLAG = "careline.reminders.changed"
_REMOVED = "careline.reminders.removed"
Listener = Callable[[frozenset[str]], None]
_listeners: list[Listener] = []


def mark_schedules_changed(db_session: Session, *, removed_reminder_id: str | None = None) -> None:
    db_session.info[_FLAG] = True
    if removed_reminder_id:
        db_session.info.setdefault(_REMOVED, set()).add(removed_reminder_id)


def add_listener(callback: Listener) -> None:
    if callback not in _listeners:
        _listeners.append(callback)


def remove_listener(callback: Listener) -> None:
    if callback in _listeners:
        _listeners.remove(callback)


@event.listens_for(Session, "after_commit")
def _notify_after_commit(db_session: Session) -> None:
    removed = frozenset(db_session.info.pop(_REMOVED, ()))
    if not db_session.info.pop(_FLAG, False):
        return
    for callback in list(_listeners):
        callback(removed)


@event.listens_for(Session, "after_rollback")
def _forget_after_rollback(db_session: Session) -> None:
    db_session.info.pop(_FLAG, None)
    db_session.info.pop(_REMOVED, None)
