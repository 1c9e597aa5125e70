"""Plain functions behind the clinician API: the worklist, one conversation in full, reviews."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from careline.auth.models import Principal
from careline.auth.service import ensure_can_access_patient
from careline.clinician.models import (
    ClinicianConversation,
    ClinicianIdentity,
    ConversationDetail,
    ConversationReview,
    DailyAdherence,
    PatientCard,
    ReviewRead,
)
from careline.conversations.models import Conversation, Message, MessageRead
from careline.conversations.service import list_messages
from careline.db import utcnow
from careline.errors import NotFound
from careline.patients.models import Clinician, Patient, Profile
from careline.personalization.catalog import MedicationCatalog
from careline.reminders import service as reminders
from careline.reminders.models import ReminderDose
from careline.reminders.service import _dose_outcome as dose_outcome  # the adherence API's own rule
from careline.settings import Settings
from careline.summaries.offline import clip_text
from careline.summaries.service import current_summary, stored_reasons

URGENCY_RANK = {"emergency": 0, "urgent": 1, "routine": 2}
SAFETY_LEVELS = tuple(URGENCY_RANK)
ADHERENCE_WINDOWS = [7, 30]
PREVIEW_CHARS = 160


def identity(*, db_session: Session, principal: Principal) -> ClinicianIdentity:
    if principal.kind == "admin":
        return ClinicianIdentity(id=principal.id, kind="admin", name="Administrator", clinic_id=None)
    clinician = db_session.get(Clinician, principal.id)
    return ClinicianIdentity(id=principal.id, kind=principal.kind, name=clinician.name if clinician else principal.id,
                             clinic_id=principal.clinic_id)


# -- the worklist ------------------------------------------------------------------------------------------


def matches_flag(conversation: Conversation, flag: str) -> bool:
    """`emergency`/`urgent`/`routine` select by level; anything else matches a flag exactly or by its prefix
    (`scope` matches `scope:dose_change`)."""
    if flag in URGENCY_RANK:
        return conversation.safety_level == flag
    return any(f == flag or f.startswith(flag + ":") for f in conversation.flags or [])


def is_reviewed(conversation: Conversation, last_reviewed_at: datetime | None) -> bool:
    """Reviewed while the latest review is at least as new as the latest message."""
    return last_reviewed_at is not None and last_reviewed_at >= conversation.updated_at


def list_conversations(
    *, db_session: Session, principal: Principal, flag: str | None = None, reviewed: bool | None = None,
    patient_id: str | None = None, limit: int = 100, offset: int = 0,
) -> tuple[list[ClinicianConversation], bool]:
    """The clinic's conversations: emergency, then urgent, then routine; the most recently active first.
    One page: `limit` items after the first `offset` that match; and whether more follow."""
    if patient_id:
        ensure_can_access_patient(db_session=db_session, principal=principal, patient_id=patient_id)
    counts = (select(Message.conversation_id, func.count().label("n")).group_by(Message.conversation_id).subquery())
    reviews = (select(ConversationReview.conversation_id, func.max(ConversationReview.created_at).label("at"))
               .group_by(ConversationReview.conversation_id).subquery())
    urgency = case(URGENCY_RANK, value=Conversation.safety_level, else_=len(URGENCY_RANK))
    query = (
        select(Conversation, Patient.name, func.coalesce(counts.c.n, 0), reviews.c.at)
        .join(Patient, Patient.id == Conversation.patient_id)
        .outerjoin(counts, counts.c.conversation_id == Conversation.id)
        .outerjoin(reviews, reviews.c.conversation_id == Conversation.id)
        .order_by(urgency, Conversation.updated_at.desc(), Conversation.id)
    )
    if principal.kind != "admin":
        query = query.where(Patient.clinic_id == principal.clinic_id)
    if patient_id:
        query = query.where(Conversation.patient_id == patient_id)
    if flag in URGENCY_RANK:
        query = query.where(Conversation.safety_level == flag)
    rows = []
    skipped = 0
    more = False
    for conversation, name, count, reviewed_at in db_session.execute(query):
        if flag and not matches_flag(conversation, flag):
            continue
        if reviewed is not None and is_reviewed(conversation, reviewed_at) != reviewed:
            continue
        if skipped < offset:
            skipped += 1
            continue
        if len(rows) == limit:
            more = True
            break
        rows.append((conversation, name, count, reviewed_at))
    previews = _previews(db_session, [row[0].id for row in rows])
    return [_item(conversation, name, count, reviewed_at, previews.get(conversation.id, ""))
            for conversation, name, count, reviewed_at in rows], more


def _item(conversation: Conversation, patient_name: str, count: int, reviewed_at: datetime | None,
          preview: str) -> ClinicianConversation:
    return ClinicianConversation(
        id=conversation.id, patient_id=conversation.patient_id or "", patient_name=patient_name,
        safety_level=conversation.safety_level, flags=list(conversation.flags or []),
        reviewed=is_reviewed(conversation, reviewed_at), last_reviewed_at=reviewed_at, message_count=count,
        created_at=conversation.created_at, updated_at=conversation.updated_at, preview=preview,
    )


def _previews(db_session: Session, conversation_ids: list[str]) -> dict[str, str]:
    previews = {cid: reason for cid, reason in stored_reasons(db_session=db_session,
                                                              conversation_ids=conversation_ids).items() if reason}
    missing = [cid for cid in conversation_ids if cid not in previews]
    if missing:
        first_messages = db_session.execute(
            select(Message.conversation_id, Message.text).where(Message.conversation_id.in_(missing),
                                                                Message.role == "user")
            .order_by(Message.created_at.desc()))
        for conversation_id, text in first_messages:  # oldest last, so it wins
            previews[conversation_id] = clip_text(text, PREVIEW_CHARS)
    return previews


# -- one conversation --------------------------------------------------------------------------------------


def accessible_conversation(*, db_session: Session, principal: Principal, conversation_id: str,
                            ) -> tuple[Conversation, Patient]:
    """The conversation and its patient if the caller may see them; otherwise the same 404 as a missing one."""
    conversation = db_session.get(Conversation, conversation_id)
    if conversation is None or conversation.patient_id is None:
        raise NotFound("No such conversation.")
    try:
        patient = ensure_can_access_patient(db_session=db_session, principal=principal,
                                            patient_id=conversation.patient_id)
    except NotFound:
        raise NotFound("No such conversation.") from None
    return conversation, patient


def last_review_at(db_session: Session, conversation_id: str) -> datetime | None:
    return db_session.scalar(select(func.max(ConversationReview.created_at))
                             .where(ConversationReview.conversation_id == conversation_id))


def conversation_detail(
    *, db_session: Session, principal: Principal, conversation_id: str, settings: Settings,
    catalog: MedicationCatalog | None,
) -> ConversationDetail:
    conversation, patient = accessible_conversation(db_session=db_session, principal=principal,
                                                    conversation_id=conversation_id)
    messages = list_messages(db_session=db_session, conversation_id=conversation.id)
    profile = Profile.from_patient(patient)
    adherence = patient_adherence(db_session=db_session, patient=patient, settings=settings)
    summary = current_summary(
        db_session=db_session, settings=settings, conversation_id=conversation.id, messages=messages,
        catalog=catalog, profile_medicines=[m.name for m in profile.medications],
        adherence={key: adherence[key] for key in ("overall", "reminders")},
    )
    reviews = list_reviews(db_session=db_session, conversation_id=conversation.id)
    item = _item(conversation, patient.name, len(messages), reviews[0].created_at if reviews else None,
                 summary.reason)
    return ConversationDetail(
        conversation=item, patient=PatientCard(id=patient.id, profile=profile),
        messages=[MessageRead.from_row(m) for m in messages], summary=summary, adherence=adherence,
        reviews=reviews,
    )


def patient_adherence(*, db_session: Session, patient: Patient, settings: Settings,
                      now: datetime | None = None) -> dict[str, Any]:
    """The adherence API's figures for 7 and 30 days, plus a day-by-day series for the chart."""
    now = now or utcnow()
    missed_after = timedelta(minutes=settings.reminder_missed_after_minutes)
    figures = reminders.adherence(db_session=db_session, patient_id=patient.id, windows=ADHERENCE_WINDOWS, now=now,
                                  missed_after=missed_after)
    overall = {key: value.model_dump() for key, value in figures["overall"].items()}
    per_reminder = [{key: value.model_dump() if hasattr(value, "model_dump") else value for key, value in r.items()}
                    for r in figures["reminders"]]
    daily = daily_adherence(db_session=db_session, patient=patient, days=max(ADHERENCE_WINDOWS), now=now,
                            missed_after=missed_after)
    return {"windows": ADHERENCE_WINDOWS, "overall": overall, "reminders": per_reminder,
            "daily": [day.model_dump(mode="json") for day in daily]}


def daily_adherence(*, db_session: Session, patient: Patient, days: int, now: datetime,
                    missed_after: timedelta) -> list[DailyAdherence]:
    """Doses due on each of the last `days` days (the patient's calendar days), oldest first."""
    zone = ZoneInfo(patient.timezone)
    today = now.astimezone(zone).date()
    series = {today - timedelta(days=offset): DailyAdherence(date=today - timedelta(days=offset))
              for offset in range(days - 1, -1, -1)}
    rows = db_session.execute(
        select(ReminderDose.due, ReminderDose.status, ReminderDose.notified_at)
        .where(ReminderDose.patient_id == patient.id, ReminderDose.due > now - timedelta(days=days),
               ReminderDose.due <= now))
    for due, status, notified_at in rows:
        day = series.get(due.astimezone(zone).date())
        if day is not None:
            outcome = dose_outcome(status, notified_at or due, now, missed_after)
            setattr(day, outcome, getattr(day, outcome) + 1)
    return list(series.values())


# -- reviews -----------------------------------------------------------------------------------------------


def list_reviews(*, db_session: Session, conversation_id: str) -> list[ReviewRead]:
    """Newest first, with each reviewer's name."""
    rows = list(db_session.scalars(select(ConversationReview).where(ConversationReview.conversation_id ==
                                                                    conversation_id)
                                   .order_by(ConversationReview.created_at.desc())))
    names = {c.id: c.name for c in db_session.scalars(
        select(Clinician).where(Clinician.id.in_({r.reviewer_id for r in rows})))}
    return [ReviewRead(id=r.id, reviewer_kind=r.reviewer_kind, reviewer_id=r.reviewer_id,
                       reviewer_name=names.get(r.reviewer_id, "Administrator" if r.reviewer_kind == "admin"
                                               else r.reviewer_id),
                       note=r.note, created_at=r.created_at) for r in rows]


def review_conversation(*, db_session: Session, principal: Principal, conversation_id: str,
                        note: str) -> ReviewRead:
    conversation, _ = accessible_conversation(db_session=db_session, principal=principal,
                                              conversation_id=conversation_id)
    review = ConversationReview(conversation_id=conversation.id, reviewer_kind=principal.kind,
                                reviewer_id=principal.id, note=note.strip(), created_at=max(utcnow(),
                                                                                           conversation.updated_at))
    db_session.add(review)
    conversation.reviewed = True
    db_session.flush()
    return list_reviews(db_session=db_session, conversation_id=conversation.id)[0]
