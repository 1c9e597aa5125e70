"""The offline summary: every part read from the stored conversation, the safety step's flags, the
medication catalog, the profile and the adherence figures. No model, no invented facts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import yaml

from careline.personalization.catalog import MedicationCatalog, plain
from careline.safety.concepts import Concept
from careline.safety.context import judge, make_anchor, sentence_bounds
from careline.safety.text import normalize
from careline.summaries.models import (
    AdherenceContext,
    FlagRecord,
    MedicineMention,
    Summary,
    SymptomMention,
    SymptomStatus,
    UnansweredQuestion,
)

SYMPTOMS_FILE = Path(__file__).with_name("symptoms.yaml")
# Below this share of doses taken in the last 7 days, a medicine is named in the follow-up.
ADHERENCE_ATTENTION_RATE = 0.8
LEVEL_ORDER = {"emergency": 0, "urgent": 1}
_MARKERS = re.compile(r"\s*\[\d+\]")
# Said after a symptom in the same sentence, these mean it is over: the symptom is listed as past.
_RESOLVED = re.compile(
    r"\b(?:(?:went|has gone|have gone|is gone|are gone|gone|goes) away|(?:it|they) (?:is|are|has|have)? ?gone|"
    r"stopped|resolved|cleared up|passed|(?:is|are|am|feel|feels) (?:fine|ok|okay|better|normal) now|no longer)\b"
)
_JUDGEMENT_STATUS: dict[str, SymptomStatus] = {"negated": "denied", "past": "past", "hypothetical": "asked about",
                                              "asking_about": "asked about"}
FLAG_LABELS = {
    "scope:diagnosis": "asked for a diagnosis",
    "scope:dose_change": "asked about changing a dose",
    "scope:stop_medicine": "asked about stopping a medicine",
    "scope:prescribe": "asked for a medicine to be prescribed",
    "injection:override": "tried to override Careline's rules",
    "injection:system_prompt": "asked for Careline's instructions",
    "injection:role": "asked Careline to act as someone else",
    "privacy:other_patient": "asked for another person's data",
}
REFUSAL_ENGINE = "safety-refusal"


class TranscriptMessage(Protocol):
    """What the summary reads of a stored message (a `Message` row or a `MessageRead`)."""

    id: str
    role: str
    text: str
    citations: Any
    safety: Any
    abstained: bool
    engine: str | None


# -- symptoms ----------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def symptom_concepts() -> tuple[Concept, ...]:
    """The symptom lexicon as safety concepts, so the safety step's context rules (negation, past, question
    about a topic) judge each mention exactly as triage does."""
    lexicon = yaml.safe_load(SYMPTOMS_FILE.read_text(encoding="utf-8"))
    return tuple(
        Concept(name=name, level="urgent",
                patterns=tuple(re.compile(r"(?<![\w'])(?:" + pattern + r")(?![\w'])") for pattern in patterns))
        for name, patterns in lexicon.items()
    )


def symptom_statuses(text: str) -> dict[str, SymptomStatus]:
    """Each symptom the text mentions and how: reported, denied, past or only asked about. A symptom both
    reported and denied in one message ("no fever, but now I'm burning up") counts as reported."""
    normalized = normalize(text)
    bounds = sentence_bounds(normalized)
    found: dict[str, SymptomStatus] = {}
    for concept in symptom_concepts():
        for pattern in concept.patterns:
            for match in pattern.finditer(normalized):
                anchor = make_anchor(normalized, bounds, *match.span())
                verdict = judge(concept, anchor, normalized)
                status = "reported" if verdict.fires else _JUDGEMENT_STATUS.get(verdict.reason)
                if status == "reported" and _RESOLVED.search(anchor.suffix):
                    status = "past"  # "I had a headache last week but it's gone now"
                if status and (found.get(concept.name) != "reported"):
                    found[concept.name] = status
    return found


def find_symptoms(messages: Sequence[TranscriptMessage]) -> list[SymptomMention]:
    """Symptoms the patient wrote about, in order of first mention; the latest message decides the status."""
    latest: dict[str, SymptomMention] = {}
    for message in messages:
        if message.role != "user":
            continue
        for name, status in symptom_statuses(message.text).items():
            latest[name] = SymptomMention(name=name, status=status, message_id=message.id)
    return list(latest.values())


# -- medicines ---------------------------------------------------------------------------------------------


def find_medicines(messages: Sequence[TranscriptMessage], catalog: MedicationCatalog | None,
                   profile_medicines: Sequence[str]) -> list[MedicineMention]:
    """Medicines the patient named (from the medication library or their own list) and medication articles
    Careline's answers cited."""
    found: dict[str, MedicineMention] = {}

    def add(key: str, name: str, doc_id: str | None, message_id: str) -> None:
        mention = found.setdefault(key, MedicineMention(name=name, doc_id=doc_id))
        if message_id not in mention.message_ids:
            mention.message_ids.append(message_id)

    for message in messages:
        if message.role == "user":
            for doc_id, specific in (catalog.mentions(message.text) if catalog else []):
                if specific:
                    add(doc_id, catalog.articles[doc_id].title, doc_id, message.id)
            words = f" {plain(message.text)} "
            for name in profile_medicines:
                article = catalog.resolve(name) if catalog else None
                if f" {plain(name)} " in words and (article is None or article.doc_id not in found):
                    add(article.doc_id if article else plain(name), name, article.doc_id if article else None,
                        message.id)
        elif catalog is not None:
            for citation in message.citations or []:
                doc_id = citation.get("doc_id")
                if doc_id in catalog.articles:
                    add(doc_id, catalog.articles[doc_id].title, doc_id, message.id)
    return list(found.values())


# -- safety flags and unanswered questions -----------------------------------------------------------------


def flag_label(flag: str) -> str:
    if flag in FLAG_LABELS:
        return FLAG_LABELS[flag]
    return flag.partition(":")[2].replace("_", " ") or flag


def find_flags(messages: Sequence[TranscriptMessage]) -> list[FlagRecord]:
    """Each flag once, with the patient's message that first raised it; emergencies first."""
    records: dict[str, FlagRecord] = {}
    for message in messages:
        if message.role != "user" or not message.safety:
            continue
        for flag in message.safety.get("flags") or []:
            if flag not in records:
                records[flag] = FlagRecord(flag=flag, level=flag.partition(":")[0], label=flag_label(flag),
                                           message_id=message.id, message=message.text)
    return sorted(records.values(), key=lambda r: LEVEL_ORDER.get(r.level, 2))


def find_unanswered(messages: Sequence[TranscriptMessage]) -> list[UnansweredQuestion]:
    """The patient's messages Careline abstained on (its library did not cover them); refusals are not
    questions it could not answer, they are listed as flags."""
    out: list[UnansweredQuestion] = []
    previous: TranscriptMessage | None = None
    for message in messages:
        if (message.role == "assistant" and message.abstained and message.engine != REFUSAL_ENGINE
                and previous is not None and previous.role == "user"):
            out.append(UnansweredQuestion(message_id=previous.id, question=previous.text))
        previous = message
    return out


# -- adherence ---------------------------------------------------------------------------------------------


def adherence_context(adherence: dict[str, Any] | None) -> AdherenceContext:
    if not adherence or not adherence.get("reminders"):
        return AdherenceContext(text="No medicine reminders are set up.")
    overall = {key: _counts(value) for key, value in (adherence.get("overall") or {}).items()}
    week, month = overall.get("last_7_days"), overall.get("last_30_days")
    attention = []
    for reminder in adherence["reminders"]:
        counts = _counts(reminder.get("last_7_days"))
        if counts and counts.get("rate") is not None and counts["rate"] < ADHERENCE_ATTENTION_RATE:
            attention.append({"medication": reminder["medication"], "rate": counts["rate"],
                              "missed": counts.get("missed", 0), "skipped": counts.get("skipped", 0)})
    parts = [_window_text("Last 7 days", week), _window_text("Last 30 days", month)]
    return AdherenceContext(last_7_days=week, last_30_days=month, attention=attention,
                            text=". ".join(p for p in parts if p) + "." if any(parts) else "No doses were due yet.")


def _counts(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    return value.model_dump() if hasattr(value, "model_dump") else dict(value)


def _window_text(label: str, counts: dict[str, Any] | None) -> str:
    if not counts:
        return ""
    answered = counts["taken"] + counts["skipped"] + counts["missed"]
    if not answered:
        return f"{label}: no doses answered yet" if counts.get("pending") else ""
    rate = f" ({round(counts['rate'] * 100)}%)" if counts.get("rate") is not None else ""
    return (f"{label}: {counts['taken']} of {answered} doses taken{rate}, {counts['skipped']} skipped, "
            f"{counts['missed']} missed")


# -- reason and follow-up ----------------------------------------------------------------------------------


def reason_for_contact(messages: Sequence[TranscriptMessage], flags: Sequence[FlagRecord],
                       unanswered: Sequence[UnansweredQuestion]) -> str:
    parts = []
    for level, heading in (("emergency", "Emergency warning signs"), ("urgent", "Urgent concern")):
        labels = [f.label for f in flags if f.level == level]
        if labels:
            parts.append(f"{heading}: {', '.join(labels)}")
            break
    topics = _answered_topics(messages)
    if topics:
        parts.append("Asked about " + _join(topics))
    if any(m.role == "assistant" and m.engine == "handler" for m in messages):
        parts.append("Managed medicine reminders")
    scope = [f.label for f in flags if f.level == "scope"]
    if scope:
        parts.append(_sentence(_join(scope)))
    if unanswered and not topics:
        parts.append("Asked questions outside Careline's library")
    if not parts:
        first = next((m.text for m in messages if m.role == "user"), "")
        return f"Patient wrote: \u201c{clip_text(first, 160)}\u201d" if first else "No messages yet."
    return "; ".join(parts) + "."


def _answered_topics(messages: Sequence[TranscriptMessage], limit: int = 3) -> list[str]:
    titles: list[str] = []
    for message in messages:
        if message.role == "assistant" and not message.abstained and message.citations:
            title = message.citations[0].get("title")
            if title and title not in titles:
                titles.append(title)
    return titles[:limit]


def suggested_follow_up(flags: Sequence[FlagRecord], unanswered: Sequence[UnansweredQuestion],
                        adherence: AdherenceContext) -> list[str]:
    """What a clinician might do next. Only contact and review suggestions: never a clinical instruction."""
    steps = []
    emergency = [f.label for f in flags if f.level == "emergency"]
    urgent = [f.label for f in flags if f.level == "urgent"]
    if emergency:
        steps.append(f"Contact the patient today to check they got emergency care ({_join(emergency)}).")
    elif urgent:
        steps.append(f"Contact the patient within a day about {_join(urgent)}.")
    scope = [f for f in flags if f.level == "scope"]
    if any(f.flag in ("scope:dose_change", "scope:stop_medicine", "scope:prescribe") for f in scope):
        steps.append("Review the patient's medicine plan with them: they asked Careline about changing it.")
    if any(f.flag == "scope:diagnosis" for f in scope):
        steps.append("Offer an appointment: the patient asked for a diagnosis Careline cannot give.")
    if unanswered:
        steps.append(f"Answer the {_plural(len(unanswered), 'question')} Careline could not.")
    for item in adherence.attention:
        steps.append(f"Discuss {item['medication']}: {round(item['rate'] * 100)}% of doses taken in the last 7 days.")
    if any(f.level in ("injection", "privacy") for f in flags):
        steps.append("No clinical action: Careline refused a request outside its scope.")
    return steps or ["No follow-up needed beyond routine review."]


def _join(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def clip_text(text: str, limit: int) -> str:
    text = " ".join(_MARKERS.sub("", text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def build_offline_summary(
    messages: Sequence[TranscriptMessage], *, catalog: MedicationCatalog | None, profile_medicines: Sequence[str],
    adherence: dict[str, Any] | None, now: datetime,
) -> Summary:
    flags = find_flags(messages)
    unanswered = find_unanswered(messages)
    context = adherence_context(adherence)
    return Summary(
        reason=reason_for_contact(messages, flags, unanswered),
        symptoms=find_symptoms(messages),
        medicines=find_medicines(messages, catalog, profile_medicines),
        safety_flags=flags,
        unanswered=unanswered,
        adherence=context,
        follow_up=suggested_follow_up(flags, unanswered, context),
        engine="offline",
        generated_at=now,
        message_count=len(messages),
    )
