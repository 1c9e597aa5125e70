"""One chat turn as a visible sequence of small steps:

    triage -> save the user message -> turn handlers -> resolve follow-up -> retrieve (profile-aware)
    -> answer engine (checked) -> when to call for help -> personal notes -> save the reply

Emergencies put the emergency reply first, then the helpful vetted information; refusals (prompt
injection, another patient's data) get the refusal and nothing else. `stream()` yields the reply text as
it becomes ready and ends with the full `ChatReply`; `run()` returns only the reply.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from careline.chat.catalog import CatalogCache
from careline.chat.composer import stream_words
from careline.chat.followup import resolve_follow_up
from careline.chat.models import (
    MAX_MESSAGE_CHARS,
    ChatReply,
    Citation,
    EngineAnswer,
    PersonalNoteOut,
    ResolvedQuery,
    Retrieval,
    Token,
    TurnContext,
    TurnHandler,
    TurnResult,
)
from careline.chat.retrieve import PassageRetriever
from careline.chat.when_to_call import when_to_call_line
from careline.conversations.state import AssistantRecord, ConversationState, ConversationStore, Topic
from careline.errors import ValidationFailed
from careline.logs import get_logger
from careline.patients.models import Profile
from careline.retrieval.search import SearchResult
from careline.retrieval.store import KnowledgeStore
from careline.safety.models import SafetyAssessment

log = get_logger(__name__)

FOR_YOU_HEADING = "For you:"


class AnswerEngine(Protocol):
    name: str

    def generate(self, retrieval: Retrieval, streaming: bool = True) -> Iterator[Token | EngineAnswer]: ...


Triage = Callable[[str], SafetyAssessment]
Personalizer = Callable[..., list[Any]]


@dataclass(frozen=True)
class TurnRequest:
    message: str
    conversation_id: str | None = None
    patient_id: str | None = None
    profile: Profile | None = None
    # The OpenAI-compatible endpoint finds its conversation by a key (then moves the key on to
    # `next_external_key`) and may know the topic from history.
    external_key: str | None = None
    next_external_key: str | None = None
    topic_hint: Topic | None = None
    streaming: bool = False


def validate_message(message: str) -> str:
    if not isinstance(message, str) or not message.strip():
        raise ValidationFailed("message: please type a question (it is empty)")
    if len(message) > MAX_MESSAGE_CHARS:
        raise ValidationFailed(f"message: at most {MAX_MESSAGE_CHARS} characters, please (got {len(message)})")
    return message.strip()


def safety_record(safety: SafetyAssessment) -> dict[str, Any]:
    return {"level": safety.level, "flags": list(safety.flags), "hotlines": list(safety.hotlines)}


class ChatPipeline:
    def __init__(
        self, *, store: KnowledgeStore, passages: PassageRetriever, catalog: CatalogCache, engine: AnswerEngine,
        conversations: ConversationStore, triage: Triage, personalize: Personalizer | None = None,
        handlers: Sequence[TurnHandler] = (), emergency_number: str = "911",
    ) -> None:
        self.store = store
        self.passages = passages
        self.catalog = catalog
        self.engine = engine
        self.conversations = conversations
        self.triage = triage
        self.personalize = personalize
        self.handlers: list[TurnHandler] = list(handlers)
        self.emergency_number = emergency_number

    def add_handler(self, handler: TurnHandler) -> None:
        """Plug in a turn handler (tried in the order added, after triage, before retrieval)."""
        self.handlers.append(handler)

    def run(self, request: TurnRequest) -> ChatReply:
        reply = None
        for event in self.stream(request):
            if isinstance(event, ChatReply):
                reply = event
        assert reply is not None
        return reply

    def stream(self, request: TurnRequest) -> Iterator[Token | ChatReply]:
        started = time.perf_counter()
        message = validate_message(request.message)
        state = self.conversations.open(conversation_id=request.conversation_id, patient_id=request.patient_id,
                                        external_key=request.external_key)
        if request.next_external_key:
            state.external_key = request.next_external_key
        safety = self.triage(message)
        # Saved before any answering, in its own transaction: a crash later loses nothing the patient said.
        self.conversations.record_user_message(state, message, safety_record(safety))
        if safety.refuse:
            answer = EngineAnswer(body=safety.refusal_reply or "I can't help with that request.", citations=(),
                                  abstained=True, engine="safety-refusal")
            yield from stream_words(answer.body)
            yield self._finish(state, safety, answer, prefix="", started=started)
            return

        prefix = "\n\n".join(p for p in [safety.emergency_reply, safety.urgent_note, *safety.scope_notes] if p)
        if prefix:
            yield from stream_words(prefix + "\n\n")
        # In an emergency the vetted information about it matters more than, say, logging "I took my pills".
        handled = None if safety.level == "emergency" else self._try_handlers(message, state, request, safety)
        if handled is not None:
            answer = EngineAnswer(body=handled.answer, citations=handled.citations, abstained=handled.abstained,
                                  engine=handled.engine)
            yield from stream_words(answer.body)
            yield self._finish(state, safety, answer, prefix=prefix, extras=handled.extras, started=started)
            return

        query = resolve_follow_up(message, request.topic_hint or state.topic, self.catalog.get(),
                                  profile=request.profile, today=datetime.now(UTC).date())
        retrieval = self.passages.run(query, language=request.profile.language if request.profile else None)
        answer = yield from self._answer(retrieval, request, emergency=safety.level == "emergency")
        call_line = None if safety.level == "emergency" else when_to_call_line(
            answer, self.catalog.get().documents, self.store.index.document_chunks, self.emergency_number)
        if call_line:
            yield from stream_words("\n\n" + call_line)
            answer = replace(answer, body=f"{answer.body}\n\n{call_line}")
        notes = self._personal_notes(request.profile, query, retrieval)
        citations, numbered_notes, notes_text = number_notes(notes, answer.citations)
        if notes_text:
            yield from stream_words("\n\n" + notes_text)
        state.topic = self._next_topic(state.topic, query, answer)
        yield self._finish(state, safety, answer, prefix=prefix, citations=citations, notes=numbered_notes,
                           notes_text=notes_text, started=started)

    # -- steps --------------------------------------------------------------------------------------

    def _try_handlers(self, message: str, state: ConversationState, request: TurnRequest,
                      safety: SafetyAssessment) -> TurnResult | None:
        if not self.handlers:
            return None
        context = TurnContext(message=message, conversation_id=state.id, patient_id=request.patient_id,
                              profile=request.profile, safety=safety, history=list(state.history),
                              state=state.handler_state, now=datetime.now(UTC))
        for handler in self.handlers:
            result = handler.handle(context)
            if result is not None:
                return result
        return None

    def _answer(self, retrieval: Retrieval, request: TurnRequest, *,
                emergency: bool) -> Iterator[Token | ChatReply]:
        answer: EngineAnswer | None = None
        held: list[Token] = []
        for event in self.engine.generate(retrieval, streaming=request.streaming):
            if isinstance(event, EngineAnswer):
                answer = event
            elif emergency:
                held.append(event)  # after an emergency reply, say nothing rather than "I don't know"
            else:
                yield event
        assert answer is not None
        if emergency and not answer.abstained:
            yield from held
        return answer

    def _personal_notes(self, profile: Profile | None, query: ResolvedQuery,
                        retrieval: Retrieval) -> tuple[PersonalNoteOut, ...]:
        if profile is None or self.personalize is None:
            return ()
        results = [SearchResult(doc_id=s.doc_id, chunk_id=s.passages[0].chunk_id, title=s.title,
                                section=s.passages[0].section, url=s.url, source=s.source,
                                score=s.passages[0].score, text=s.passages[0].text, intent=s.passages[0].intent)
                   for s in retrieval.sources]
        try:
            notes = self.personalize(profile, query.text, results, self.store, today=datetime.now(UTC).date())
        except Exception:  # personal notes add to an answer; they must never break it
            log.exception("personal notes failed")
            return ()
        documents = self.catalog.get().documents
        out = []
        for note in notes:
            citations = tuple(Citation(n=0, doc_id=d, title=documents[d].title, url=documents[d].url,
                                       source=documents[d].source) for d in note.doc_ids if d in documents)
            out.append(PersonalNoteOut(kind=note.kind, text=note.text, citations=citations))
        return tuple(out)

    @staticmethod
    def _next_topic(current: Topic | None, query: ResolvedQuery, answer: EngineAnswer) -> Topic | None:
        if answer.abstained or not answer.citations:
            return current
        first = answer.citations[0]
        return Topic(doc_id=first.doc_id, title=first.title, intent=query.intent)

    def _finish(self, state: ConversationState, safety: SafetyAssessment, answer: EngineAnswer, *, prefix: str,
                started: float, citations: Sequence[Citation] | None = None,
                notes: tuple[PersonalNoteOut, ...] = (), notes_text: str = "",
                extras: dict[str, Any] | None = None) -> ChatReply:
        citations = tuple(answer.citations if citations is None else citations)
        body = "" if (answer.abstained and safety.level == "emergency" and prefix) else answer.body
        text = "\n\n".join(part.strip() for part in [prefix, body, notes_text] if part.strip())
        record = AssistantRecord(
            text=text, citations=[c.as_dict() for c in citations], safety=safety_record(safety),
            abstained=answer.abstained, engine=answer.engine, prompt_version=answer.prompt_version,
            personal_notes=[n.as_dict() for n in notes],
        )
        message_id = self.conversations.record_assistant_message(state, record)
        log.info("chat turn", extra={
            "conversation_id": state.id, "message_id": message_id, "safety_level": safety.level,
            "engine": answer.engine, "count": len(citations),
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        })
        return ChatReply(
            conversation_id=state.id, message_id=message_id, answer=text, citations=citations,
            safety_level=safety.level, safety_flags=tuple(safety.flags), abstained=answer.abstained,
            personal_notes=notes, engine=answer.engine, prompt_version=answer.prompt_version,
            extras=dict(extras or {}), body=body,
        )


def number_notes(notes: Sequence[PersonalNoteOut], answer_citations: Sequence[Citation],
                 ) -> tuple[tuple[Citation, ...], tuple[PersonalNoteOut, ...], str]:
    """Give the notes' sources numbers after (or shared with) the answer's, and render the "For you" part.
    Returns all citations, the numbered notes and the text."""
    citations = list(answer_citations)
    if not notes:
        return tuple(citations), (), ""
    by_doc = {c.doc_id: c.n for c in citations}
    numbered = []
    lines = [FOR_YOU_HEADING]
    for note in notes:
        note_citations = []
        for citation in note.citations:
            if citation.doc_id not in by_doc:
                by_doc[citation.doc_id] = len(citations) + 1
                citations.append(Citation(n=by_doc[citation.doc_id], doc_id=citation.doc_id, title=citation.title,
                                          url=citation.url, source=citation.source))
            note_citations.append(citations[by_doc[citation.doc_id] - 1])
        numbered.append(PersonalNoteOut(kind=note.kind, text=note.text, citations=tuple(note_citations)))
        marks = "".join(f"[{c.n}]" for c in note_citations)
        lines.append(f"- {note.text}{' ' + marks if marks else ''}")
    return tuple(citations), tuple(numbered), "\n".join(lines)
