"""The summary a clinician sees: the stored one while it still matches the conversation and the adherence
figures it quotes, otherwise a new one (offline, or by the LLM when configured), stored for next time."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from careline.db import utcnow
from careline.llm.client import llm_configured
from careline.personalization.catalog import MedicationCatalog
from careline.settings import Settings
from careline.summaries.llm import llm_summary
from careline.summaries.models import Summary, SummaryRecord
from careline.summaries.offline import TranscriptMessage, build_offline_summary


def summary_basis(messages: Sequence[TranscriptMessage], adherence: dict[str, Any] | None, *, llm: bool) -> str:
    """What a summary is made from, in a few characters: it changes whenever the summary would."""
    figures = json.dumps(adherence, sort_keys=True, default=str).encode()
    last = messages[-1].id if messages else "-"
    return f"{len(messages)}:{last}:{hashlib.sha256(figures).hexdigest()[:12]}:{'llm' if llm else 'offline'}"


def make_summary(settings: Settings, messages: Sequence[TranscriptMessage], *, catalog: MedicationCatalog | None,
                 profile_medicines: Sequence[str], adherence: dict[str, Any] | None) -> Summary:
    facts = build_offline_summary(messages, catalog=catalog, profile_medicines=profile_medicines,
                                  adherence=adherence, now=utcnow())
    return llm_summary(settings, messages, facts) if llm_configured(settings) else facts


def current_summary(
    *, db_session: Session, settings: Settings, conversation_id: str, messages: Sequence[TranscriptMessage],
    catalog: MedicationCatalog | None, profile_medicines: Sequence[str], adherence: dict[str, Any] | None,
) -> Summary:
    """The conversation's summary, made again only when its messages or adherence figures changed."""
    basis = summary_basis(messages, adherence, llm=llm_configured(settings))
    record = db_session.get(SummaryRecord, conversation_id)
    if record is not None and record.based_on == basis:
        return Summary.model_validate(record.content)
    summary = make_summary(settings, messages, catalog=catalog, profile_medicines=profile_medicines,
                           adherence=adherence)
    if record is None:
        record = SummaryRecord(conversation_id=conversation_id)
        db_session.add(record)
    record.based_on = basis
    record.engine = summary.engine
    record.prompt_version = summary.prompt_version
    record.content = summary.model_dump(mode="json")
    record.created_at = utcnow()
    db_session.flush()
    return summary


def stored_reasons(*, db_session: Session, conversation_ids: Iterable[str]) -> dict[str, str]:
    """The reason line of each conversation's last stored summary (for list previews; may be a little old)."""
    ids = list(conversation_ids)
    if not ids:
        return {}
    rows = db_session.execute(select(SummaryRecord.conversation_id, SummaryRecord.content)
                              .where(SummaryRecord.conversation_id.in_(ids)))
    return {conversation_id: content.get("reason", "") for conversation_id, content in rows}
