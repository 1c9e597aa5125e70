"""The typed inputs and outputs of each step of a chat turn."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from careline.conversations.state import HistoryEntry, Topic
from careline.patients.models import Profile
from careline.safety.models import SafetyAssessment

MAX_MESSAGE_CHARS = 4000


@dataclass(frozen=True)
class Passage:
    """A passage of a vetted article an engine may use."""

    doc_id: str
    chunk_id: str
    title: str
    section: str
    text: str
    intent: str
    score: float
    # False for the other sections of a top article, fetched beside the retrieved passage.
    retrieved: bool = True


@dataclass(frozen=True)
class Source:
    """A numbered article given to an answer engine, with the passages of it the engine saw."""

    n: int
    doc_id: str
    title: str
    url: str | None
    source: str | None
    passages: tuple[Passage, ...]

    @property
    def text(self) -> str:
        return " ".join([self.title, *(p.text for p in self.passages)])

    def citation(self, n: int | None = None) -> Citation:
        return Citation(n=self.n if n is None else n, doc_id=self.doc_id, title=self.title, url=self.url,
                        source=self.source)


@dataclass(frozen=True)
class Citation:
    n: int
    doc_id: str
    title: str
    url: str | None
    source: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"n": self.n, "doc_id": self.doc_id, "title": self.title, "url": self.url, "source": self.source}


@dataclass(frozen=True)
class ResolvedQuery:
    """The question to retrieve for: the message itself, or a follow-up rewritten with the conversation's topic."""

    text: str
    original: str
    intent: str | None
    follow_up: bool = False
    topic: Topic | None = None
    # "pediatric" when the profile is a child; None when the question is about a child (search everything).
    audience: str | None = None


@dataclass(frozen=True)
class Retrieval:
    query: ResolvedQuery
    sources: tuple[Source, ...]
    # How much of what the question is about the best passage covers (0..1); low means "not in our content".
    coverage: float
    covered_terms: tuple[str, ...] = ()
    missing_terms: tuple[str, ...] = ()
    # Cosine similarity of the question to the closest retrieved passage (dense embeddings).
    similarity: float = 0.0
    # The answer should abstain: the library does not cover the question.
    not_covered: bool = False
    # The question's meaning-carrying words (careline.chat.coverage.QuestionTerm), weighted by rarity.
    terms: tuple[Any, ...] = ()

    @property
    def passages(self) -> list[Passage]:
        return [p for s in self.sources for p in s.passages]


@dataclass(frozen=True)
class EngineAnswer:
    """An answer body with `[n]` markers that refer to `citations` (numbered 1..k in order of use)."""

    body: str
    citations: tuple[Citation, ...]
    abstained: bool
    engine: str
    prompt_version: str | None = None
    dropped_sentences: int = 0
    topic_doc_id: str | None = None


@dataclass(frozen=True)
class Token:
    """A piece of answer text, streamed as it is ready."""

    text: str


@dataclass(frozen=True)
class PersonalNoteOut:
    kind: str
    text: str
    citations: tuple[Citation, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "citations": [c.as_dict() for c in self.citations]}


@dataclass
class TurnContext:
    """What a turn handler sees. `state` is this conversation's handler scratch space (a dict persisted with
    the conversation); a handler should keep its own entries under its own key."""

    message: str
    conversation_id: str
    patient_id: str | None
    profile: Profile | None
    safety: SafetyAssessment
    history: Sequence[HistoryEntry]
    state: dict[str, Any]
    now: datetime


@dataclass(frozen=True)
class TurnResult:
    """A handler's own answer to the turn; it replaces retrieval and the answer engine."""

    answer: str
    citations: tuple[Citation, ...] = ()
    abstained: bool = False
    engine: str = "handler"
    # Extra fields for the reply JSON, e.g. {"reminder": {...}}.
    extras: dict[str, Any] = field(default_factory=dict)


class TurnHandler(Protocol):
    """A step tried after safety triage and before retrieval (e.g. "remind me to take metformin at 8am").
    Returns None to let the turn go on to retrieval."""

    def handle(self, turn_context: TurnContext) -> TurnResult | None: ...


@dataclass(frozen=True)
class ChatReply:
    """One assistant turn as `POST /api/v1/chat` returns it."""

    conversation_id: str
    message_id: str
    answer: str
    citations: tuple[Citation, ...]
    safety_level: str
    safety_flags: tuple[str, ...]
    abstained: bool
    personal_notes: tuple[PersonalNoteOut, ...] = ()
    engine: str = "offline"
    prompt_version: str | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    # The engine's part of `answer` (without the safety text before it and the "For you" notes after it).
    body: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "conversation_id": self.conversation_id,
            "message_id": self.message_id,
            "answer": self.answer,
            "citations": [c.as_dict() for c in self.citations],
            "safety": {"level": self.safety_level, "flags": list(self.safety_flags)},
            "abstained": self.abstained,
            "personal_notes": [note.as_dict() for note in self.personal_notes],
            "engine": self.engine,
            "prompt_version": self.prompt_version,
            **self.extras,
        }
