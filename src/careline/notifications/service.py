"""Plain functions over notifications: record one (with a pending delivery per outside channel), read the
feed, and read or change a patient's channel settings."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from careline.db import utcnow
from careline.notifications.models import (
    DeliveryRead,
    Notification,
    NotificationDelivery,
    NotificationRead,
    NotificationSettings,
)
from careline.patients.models import Patient

PREFERENCES_KEY = "notifications"


def notification_settings(patient: Patient) -> NotificationSettings:
    """The patient's channels; a stored value that no longer validates falls back to the in-app feed only."""
    stored = (patient.preferences or {}).get(PREFERENCES_KEY)
    if not stored:
        return NotificationSettings()
    try:
        return NotificationSettings.model_validate(stored)
    except ValueError:
        return NotificationSettings()


def save_notification_settings(*, db_session: Session, patient: Patient, data: NotificationSettings) -> None:
    # A new dict, not an in-place edit: SQLAlchemy only notices a JSON column change on assignment.
    patient.preferences = {**(patient.preferences or {}), PREFERENCES_KEY: data.model_dump()}
    db_session.flush()


def notify(
    *, db_session: Session, patient: Patient, kind: str, title: str, body: str, reminder_id: str | None = None,
    due: datetime | None = None, data: dict[str, Any] | None = None, now: datetime | None = None,
) -> tuple[Notification, list[NotificationDelivery]]:
    """Record a notification in the feed and queue a delivery for each outside channel the patient chose."""
    now = now or utcnow()
    notification = Notification(patient_id=patient.id, reminder_id=reminder_id, kind=kind, due=due, title=title,
                                body=body, data=data or {}, created_at=now)
    db_session.add(notification)
    preferences = notification_settings(patient)
    targets = {"webhook": preferences.webhook_url, "email": preferences.email}
    channels = [channel for channel in preferences.channels if targets.get(channel)]
    if not channels:
        return notification, []  # no flush: a burst of in-app notifications is inserted in bulk
    db_session.flush()
    deliveries = [
        NotificationDelivery(notification_id=notification.id, patient_id=patient.id, channel=channel,
                             target=targets[channel], status="pending", next_attempt_at=now, created_at=now,
                             updated_at=now)
        for channel in channels
    ]
    db_session.add_all(deliveries)
    db_session.flush()
    return notification, deliveries


def list_notifications(
    *, db_session: Session, patient_id: str, limit: int = 50, before_id: int | None = None,
    after_id: int | None = None,
) -> list[Notification]:
    """Newest first; `before_id` pages back, `after_id` returns only newer ones (for the live stream)."""
    query = select(Notification).where(Notification.patient_id == patient_id)
    if before_id is not None:
        query = query.where(Notification.id < before_id)
    if after_id is not None:
        query = query.where(Notification.id > after_id)
    return list(db_session.scalars(query.order_by(Notification.id.desc()).limit(limit)))


def latest_notification_id(*, db_session: Session, patient_id: str) -> int:
    newest = list_notifications(db_session=db_session, patient_id=patient_id, limit=1)
    return newest[0].id if newest else 0


def notification_reads(*, db_session: Session, notifications: list[Notification]) -> list[NotificationRead]:
    """The API shape, with each notification's deliveries (one query for the page)."""
    ids = [n.id for n in notifications]
    deliveries: dict[int, list[DeliveryRead]] = {}
    if ids:
        rows = db_session.scalars(select(NotificationDelivery).where(NotificationDelivery.notification_id.in_(ids))
                                  .order_by(NotificationDelivery.id))
        for row in rows:
            deliveries.setdefault(row.notification_id, []).append(
                DeliveryRead(channel=row.channel, status=row.status, attempts=row.attempts, last_error=row.last_error))
    return [
        NotificationRead(id=n.id, kind=n.kind, reminder_id=n.reminder_id, due=n.due, title=n.title, body=n.body,
                         data=n.data or {}, created_at=n.created_at, deliveries=deliveries.get(n.id, []))
        for n in notifications
    ]
