"""Notification routes: the feed, the live server-sent-events stream, and the patient's channel settings."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, Depends, Header, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel
from sqlalchemy.orm import Session

from careline.api.deps import DbSession, accessible_patient, get_services
from careline.errors import Conflict
from careline.notifications import service
from careline.notifications.models import NotificationRead, NotificationSettings
from careline.patients.models import Patient
from careline.services import Services

router = APIRouter(prefix="/api/v1/patients/{patient_id}", tags=["notifications"])

_KEEP_ALIVE_SECONDS = 15.0


class NotificationList(BaseModel):
    notifications: list[NotificationRead]


@router.get("/notifications", response_model=NotificationList, summary="Reminders that fired, newest first")
def list_notifications(
    limit: int = Query(50, ge=1, le=200), before_id: int | None = Query(None, description="Page back from this id."),
    patient: Patient = Depends(accessible_patient), db_session: Session = DbSession,
) -> NotificationList:
    rows = service.list_notifications(db_session=db_session, patient_id=patient.id, limit=limit, before_id=before_id)
    return NotificationList(notifications=service.notification_reads(db_session=db_session, notifications=rows))


@router.get("/notifications/stream", summary="New notifications as server-sent events (?access_token= works)",
            response_class=StreamingResponse)
async def stream_notifications(
    request: Request, after_id: int | None = Query(None, description="Also send notifications newer than this id."),
    last_event_id: str | None = Header(None), patient: Patient = Depends(accessible_patient),
    db_session: Session = DbSession, services: Services = Depends(get_services),
) -> StreamingResponse:
    # The stream polls the database, so it sees notifications fired by whichever process leads.
    resume_from = int(last_event_id) if last_event_id and last_event_id.isdigit() else after_id
    if resume_from is None:
        resume_from = await run_in_threadpool(service.latest_notification_id, db_session=db_session,
                                              patient_id=patient.id)
    await run_in_threadpool(db_session.commit)  # end the read transaction; the stream uses its own sessions
    events = _notification_events(request, services, patient.id, resume_from)
    return StreamingResponse(events, media_type="text/event-stream",
                             headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


async def _notification_events(request: Request, services: Services, patient_id: str,
                               last_id: int) -> AsyncIterator[str]:
    poll = services.settings.notification_stream_poll_seconds
    # Each stream is bounded: the server waits for open streams when it shuts down, and a browser's
    # EventSource reconnects after `retry` ms with Last-Event-ID, so nothing is lost in between.
    ends_at = asyncio.get_running_loop().time() + services.settings.notification_stream_max_seconds
    yield "retry: 1000\n\n"
    quiet = 0.0
    while asyncio.get_running_loop().time() < ends_at and not await request.is_disconnected():
        fresh = await asyncio.to_thread(_newer_than, services, patient_id, last_id)
        for item in fresh:
            last_id = item.id
            yield f"id: {item.id}\nevent: notification\ndata: {json.dumps(item.model_dump(mode='json'))}\n\n"
        quiet = 0.0 if fresh else quiet + poll
        if quiet >= _KEEP_ALIVE_SECONDS:
            quiet = 0.0
            yield ": keep-alive\n\n"
        await asyncio.sleep(poll)


def _newer_than(services: Services, patient_id: str, last_id: int) -> list[NotificationRead]:
    with services.database.session() as session:
        rows = service.list_notifications(db_session=session, patient_id=patient_id, after_id=last_id, limit=100)
        return list(reversed(service.notification_reads(db_session=session, notifications=rows)))


@router.get("/notification-settings", response_model=NotificationSettings,
            summary="Where the patient's reminders go: in_app (always), webhook, email")
def get_notification_settings(patient: Patient = Depends(accessible_patient)) -> NotificationSettings:
    return service.notification_settings(patient)


@router.put("/notification-settings", response_model=NotificationSettings, summary="Choose the reminder channels")
def put_notification_settings(
    body: NotificationSettings, patient: Patient = Depends(accessible_patient),
    db_session: Session = DbSession, services: Services = Depends(get_services),
) -> NotificationSettings:
    if "webhook" in body.channels and not services.settings.webhook_secret:
        raise Conflict("Webhooks are not set up on this Careline (the clinic must set CARELINE_WEBHOOK_SECRET).")
    if "email" in body.channels and not services.settings.smtp_host:
        raise Conflict("Email is not set up on this Careline (the clinic must set CARELINE_SMTP_HOST).")
    service.save_notification_settings(db_session=db_session, patient=patient, data=body)
    db_session.commit()  # before answering: FastAPI closes the request's session only after the response
    return service.notification_settings(patient)
