"""What the chat pipeline needs from a conversation, and the store interface it writes turns through.

Two stores implement it: `SqlConversationStore` (the API, through SQLAlchemy) and
`MemoryConversationStore` (`careline ask`, tests). Each turn is written in two steps, the user message
before any answering and the assistant message after, so a crash mid-turn loses nothing already said.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from careline.conversations.models import SAFETY_ORDER
from careline.db import utcnow
from careline.errors import NotFound
from careline.patients.models import new_id

HISTORY_TURNS = 8


@dataclass(frozen=True)
class Topic:
    """The article the last answer was mostly about, and the kind of question asked."""

    doc_id: str
    title: str
    intent: str | None = None


@dataclass(frozen=True)
class HistoryEntry:
    role: str
    text: str


@dataclass
class ConversationState:
    id: str
    patient_id: str | None
    is_new: bool = True
    safety_level: str = "routine"
    flags: list[str] = field(default_factory=list)
    topic: Topic | None = None
    handler_state: dict[str, Any] = field(default_factory=dict)
    history: list[HistoryEntry] = field(default_factory=list)
    external_key: str | None = None


@dataclass(frozen=True)
class AssistantRecord:
    """One assistant reply as it is stored."""

    text: str
    citations: list[dict[str, Any]]
    safety: dict[str, Any]
    abstained: bool
    engine: str
    prompt_version: str | None
    personal_notes: list[dict[str, Any]]


class ConversationStore(Protocol):
    def open(self, *, conversation_id: str | None, patient_id: str | None,
             external_key: str | None = None) -> ConversationState:
        """The conversation (NotFound if it is not this patient's), or a new unsaved one."""

    def record_user_message(self, state: ConversationState, text: str, safety: dict[str, Any]) -> str:
        """Save the user's message (and the conversation if new) in its own transaction; returns its id."""

    def record_assistant_message(self, state: ConversationState, record: AssistantRecord) -> str:
        """Save the reply with the conversation's new topic and handler state; returns its id."""


def raise_level(current: str, new: str) -> str:
    return new if SAFETY_ORDER.get(new, 0) > SAFETY_ORDER.get(current, 0) else current


def merge_flags(current: Sequence[str], new: Sequence[str]) -> list[str]:
    return list(dict.fromkeys([*current, *new]))


def new_conversation_id() -> str:
    return new_id("conv")


def new_message_id() -> str:
    return new_id("msg")


class MemoryConversationStore:
    """Conversations kept in this process only: for one-off questions from the command line."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._states: dict[str, ConversationState] = {}
        self.messages: dict[str, list[dict[str, Any]]] = {}

    def open(self, *, conversation_id: str | None, patient_id: str | None,
             external_key: str | None = None) -> ConversationState:
        with self._lock:
            if conversation_id is None and external_key is not None:
                conversation_id = next((s.id for s in reversed(self._states.values())
                                        if s.external_key == external_key and s.patient_id == patient_id), None)
            if conversation_id is None:
                return ConversationState(id=new_conversation_id(), patient_id=patient_id, external_key=external_key)
            state = self._states.get(conversation_id)
            if state is None or state.patient_id != patient_id:
                raise NotFound("No such conversation.")
            state.is_new = False
            return state

    def record_user_message(self, state: ConversationState, text: str, safety: dict[str, Any]) -> str:
        message_id = new_message_id()
        with self._lock:
            self._states[state.id] = state
            state.safety_level = raise_level(state.safety_level, safety.get("level", "routine"))
            state.flags = merge_flags(state.flags, safety.get("flags", []))
            self.messages.setdefault(state.id, []).append(
                {"id": message_id, "role": "user", "text": text, "safety": safety, "created_at": utcnow()})
            state.history = [*state.history, HistoryEntry("user", text)][-HISTORY_TURNS:]
        return message_id

    def record_assistant_message(self, state: ConversationState, record: AssistantRecord) -> str:
        message_id = new_message_id()
        with self._lock:
            self.messages.setdefault(state.id, []).append(
                {"id": message_id, "role": "assistant", **record.__dict__, "created_at": utcnow()})
            state.history = [*state.history, HistoryEntry("assistant", record.text)][-HISTORY_TURNS:]
        return message_id
