"""Delivering queued notifications to their outside channel, with retries and exponential backoff.

A delivery row is claimed (pending -> sending) in its own transaction before the send, so two runners
can never send the same attempt. Attempt n failing waits base * 2**(n-1) seconds before the next one;
after `notification_max_attempts` the delivery is marked failed. Receivers can de-duplicate on the
X-Careline-Delivery header (a crash between send and record means the attempt is repeated).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from careline.db import Database, utcnow
from careline.logs import get_logger
from careline.notifications.channels import DeliveryError, send_email, send_webhook
from careline.notifications.models import Notification, NotificationDelivery
from careline.notifications.service import notification_reads
from careline.settings import Settings

log = get_logger(__name__)

_EARLY_TOLERANCE = timedelta(seconds=1)
EMAIL_FOOTER = "\n\n-- \nCareline. You get this email because email reminders are on in your Careline settings."


def retry_delay(settings: Settings, attempts: int) -> timedelta:
    """Backoff before the next attempt, after `attempts` failed ones."""
    return timedelta(seconds=settings.notification_retry_base_seconds * 2 ** max(attempts - 1, 0))


def attempt_delivery(*, database: Database, settings: Settings, delivery_id: int,
                     now: datetime | None = None) -> datetime | None:
    """Try one queued delivery. Returns when to try again, or None (delivered, failed for good, or not due)."""
    now = now or utcnow()
    with database.session() as session:
        claimed = session.execute(
            update(NotificationDelivery)
            .where(NotificationDelivery.id == delivery_id, NotificationDelivery.status == "pending",
                   or_(NotificationDelivery.next_attempt_at.is_(None),
                       NotificationDelivery.next_attempt_at <= now + _EARLY_TOLERANCE))
            .values(status="sending", attempts=NotificationDelivery.attempts + 1, updated_at=now)
        ).rowcount
        if not claimed:
            return None
        delivery = session.get(NotificationDelivery, delivery_id)
        notification = session.get(Notification, delivery.notification_id)
        channel, target, attempts = delivery.channel, delivery.target, delivery.attempts
        shown = notification_reads(db_session=session, notifications=[notification])[0]
        payload = {"event": f"reminder.{notification.kind}", "delivery_id": delivery_id,
                   "patient_id": notification.patient_id,
                   "notification": shown.model_dump(mode="json", exclude={"deliveries"})}
        subject, text = notification.title, notification.body + EMAIL_FOOTER
    try:
        status_code = None
        if channel == "webhook":
            status_code = send_webhook(settings, url=target, payload=payload, delivery_id=delivery_id,
                                       event=payload["event"])
        else:
            send_email(settings, to=target, subject=subject, text=text)
    except DeliveryError as error:
        return _record_failure(database, settings, delivery_id, attempts, error)
    with database.session() as session:
        session.execute(update(NotificationDelivery).where(NotificationDelivery.id == delivery_id).values(
            status="delivered", delivered_at=utcnow(), updated_at=utcnow(), last_error=None,
            response_status=status_code, next_attempt_at=None))
    log.info("notification delivered", extra={"channel": channel, "attempt": attempts})
    return None


def _record_failure(database: Database, settings: Settings, delivery_id: int, attempts: int,
                    error: DeliveryError) -> datetime | None:
    final = not error.retry or attempts >= settings.notification_max_attempts
    next_attempt = None if final else utcnow() + retry_delay(settings, attempts)
    with database.session() as session:
        session.execute(update(NotificationDelivery).where(NotificationDelivery.id == delivery_id).values(
            status="failed" if final else "pending", next_attempt_at=next_attempt, last_error=error.reason,
            response_status=error.status, updated_at=utcnow()))
    log.warning("notification delivery failed", extra={"attempt": attempts, "status": "failed" if final else "retry"})
    return next_attempt


def deliveries_to_resume(
    *, database: Database, settings: Settings, now: datetime | None = None
) -> list[tuple[int, datetime]]:
    """Pending deliveries with their next attempt time, after re-queueing sends interrupted by a crash."""
    now = now or utcnow()
    stuck_before = now - timedelta(seconds=2 * settings.webhook_timeout_seconds + 60)
    with database.session() as session:
        session.execute(update(NotificationDelivery)
                        .where(NotificationDelivery.status == "sending", NotificationDelivery.updated_at < stuck_before)
                        .values(status="pending", next_attempt_at=now, updated_at=now))
        rows = session.execute(select(NotificationDelivery.id, NotificationDelivery.next_attempt_at)
                               .where(NotificationDelivery.status == "pending")).all()
    return [(row.id, row.next_attempt_at or now) for row in rows]
