"""What the suites evaluate: Careline in this process (`InProcessTarget`) or a running Careline over HTTP
(`HttpTarget`). Both answer the same questions the same way (search, triage, chat sessions, personal notes),
so the same cases compare engines and deployments.

In this process the content store is the configured one (the bundled library is ingested first when it is
empty, as `careline ask` does) and everything a case writes (eval patients, their reminders, imported FHIR
records) goes to a throw-away SQLite database in the run's workspace, never to the configured database.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Protocol

import httpx

from careline.evals.results import CaseResult, CaseSkipped
from careline.patients.models import Profile
from careline.safety.models import SafetyAssessment
from careline.settings import Settings

EVAL_PATIENT_NAME = "Eval Patient"
PATIENT_VISIBLE_ATTEMPTS = 100


class TargetError(Exception):
    """The target failed to answer (an HTTP error, a broken pipeline): the case fails with this reason."""


class ChatSession(Protocol):
    """One conversation with Careline; `send` returns the reply in the `POST /api/v1/chat` JSON shape."""

    def send(self, message: str) -> dict[str, Any]: ...


class Target(Protocol):
    name: str
    settings: Settings

    def search(self, query: str, k: int) -> list[Any]: ...

    def assess(self, message: str) -> SafetyAssessment: ...

    def open_session(self, profile: Profile | None = None, *, as_patient: bool = False) -> ChatSession: ...

    def personal_notes(self, profile: Profile, question: str) -> list[Any]: ...

    def summarize(self, session: ChatSession) -> dict[str, Any]: ...

    def close(self) -> None: ...


@dataclass
class Timed:
    """A value and how long it took, in milliseconds."""

    value: Any
    ms: float


def timed(call: Callable[[], Any]) -> Timed:
    started = time.perf_counter()
    value = call()
    return Timed(value, (time.perf_counter() - started) * 1000)


# -- in this process ---------------------------------------------------------------------------------------


class InProcessTarget:
    """The chat pipeline, retriever and triage built from settings, as `careline serve` builds them."""

    name = "in-process"

    def __init__(self, settings: Settings, workspace: Path) -> None:
        self.settings = settings
        self.workspace = workspace

    @cached_property
    def store(self) -> Any:
        """The content store; the bundled library is ingested first when it holds nothing yet."""
        from careline.content.ingest import ingest_paths
        from careline.retrieval.store import KnowledgeStore

        store = KnowledgeStore(self.settings)
        if store.is_empty() and self.settings.knowledge_dir.exists():
            print("no content yet: ingesting the bundled knowledge library first...", file=sys.stderr)
            ingest_paths(store, [self.settings.knowledge_dir])
        return store

    @cached_property
    def retriever(self) -> Any:
        from careline.retrieval.search import HybridRetriever

        return HybridRetriever(self.store)

    @cached_property
    def database(self) -> Any:
        """A throw-away database for what the cases write (patients, reminders, FHIR imports)."""
        from careline.db import Database

        self.workspace.mkdir(parents=True, exist_ok=True)
        database = Database(self.database_settings)
        database.migrate()
        return database

    @cached_property
    def database_settings(self) -> Settings:
        url = f"sqlite:///{(self.workspace / 'eval.db').resolve()}"
        return self.settings.model_copy(update={"database_url": url})

    @cached_property
    def pipeline(self) -> Any:
        from careline.chat.factory import build_pipeline
        from careline.conversations.state import MemoryConversationStore
        from careline.reminders.chat_handler import ReminderChatHandler

        handlers = [ReminderChatHandler(self.database, self.database_settings)]
        return build_pipeline(self.settings, self.store, MemoryConversationStore(), retriever=self.retriever,
                              handlers=handlers)

    @cached_property
    def triage(self) -> Callable[[str], SafetyAssessment]:
        from careline.chat.factory import make_triage

        return make_triage(self.settings)

    def search(self, query: str, k: int) -> list[Any]:
        return self.retriever.run(query, k=k)

    def assess(self, message: str) -> SafetyAssessment:
        return self.triage(message)

    def open_session(self, profile: Profile | None = None, *, as_patient: bool = False) -> ChatSession:
        """A new conversation; with a profile (or `as_patient`) it belongs to a new eval patient, so turn
        handlers that need an account (reminders) work as they do for a signed-in patient."""
        patient_id = None
        if profile is not None or as_patient:
            profile = profile or Profile(name=EVAL_PATIENT_NAME)
            patient_id = self.create_patient(profile)
        return _PipelineSession(self.pipeline, patient_id, profile)

    def create_patient(self, profile: Profile) -> str:
        from careline.patients.service import create_patient, store_profile

        with self.database.session() as session:
            patient = create_patient(db_session=session, name=profile.name, timezone=profile.timezone)
            store_profile(patient=patient, profile=profile)
            return patient.id

    def personal_notes(self, profile: Profile, question: str) -> list[Any]:
        """Personal notes as `careline.evals.personalization` computes them (top 5 passages, the eval day)."""
        from careline.evals.personalization import EVAL_DAY
        from careline.personalization import personal_notes

        results = self.retriever.run(question, k=5)
        return personal_notes(profile, question, results, self.store, today=EVAL_DAY)

    def summarize(self, session: ChatSession) -> dict[str, Any]:
        """The clinician summary of the session's conversation, made as the console makes it (no adherence
        figures: eval patients have no dose history)."""
        from careline.personalization.catalog import catalog_for
        from careline.summaries.service import make_summary

        assert isinstance(session, _PipelineSession)
        rows = self.pipeline.conversations.messages.get(session.conversation_id, [])
        messages = [SimpleNamespace(id=row["id"], role=row["role"], text=row["text"], safety=row.get("safety"),
                                    citations=row.get("citations") or [], abstained=bool(row.get("abstained")),
                                    engine=row.get("engine")) for row in rows]
        medicines = [entry.name for entry in session.profile.medications] if session.profile else []
        summary = make_summary(self.settings, messages, catalog=catalog_for(self.store), profile_medicines=medicines,
                               adherence=None)
        return summary.model_dump(mode="json")

    def close(self) -> None:
        if "database" in self.__dict__:
            self.database.engine.dispose()


class _PipelineSession:
    def __init__(self, pipeline: Any, patient_id: str | None, profile: Profile | None) -> None:
        self.pipeline = pipeline
        self.patient_id = patient_id
        self.profile = profile
        self.conversation_id: str | None = None

    def send(self, message: str) -> dict[str, Any]:
        from careline.chat.pipeline import TurnRequest
        from careline.errors import CarelineError

        request = TurnRequest(message=message, conversation_id=self.conversation_id, patient_id=self.patient_id,
                              profile=self.profile)
        try:
            reply = self.pipeline.run(request)
        except CarelineError as exc:  # what the API would answer with a 4xx: the case fails, the suite goes on
            raise TargetError(f"chat refused the message: {exc.message}") from exc
        self.conversation_id = reply.conversation_id
        return {**reply.as_dict(), "body": reply.body}


# -- over HTTP ---------------------------------------------------------------------------------------------


class HttpTarget:
    """A running Careline: `GET /api/v1/search` and `POST /api/v1/chat` with the given bearer token.

    A patient token chats as that patient. Cases that bring their own profile need the admin key as the
    token: each such case gets a new eval patient (`POST /api/v1/admin/patients`, then its profile);
    with any other token those cases are skipped, never run against the wrong profile."""

    def __init__(self, settings: Settings, base_url: str, token: str | None, *, timeout: float = 60.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.settings = settings
        self.name = base_url.rstrip("/")
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.client = httpx.Client(base_url=self.name, headers=headers, timeout=timeout, transport=transport)
        self._admin: bool | None = None
        self._shared_patient: str | None = None

    def search(self, query: str, k: int) -> list[Any]:
        data = self._call("GET", "/api/v1/search", params={"q": query, "k": k})
        return [SimpleNamespace(**hit) for hit in data["results"]]

    def assess(self, message: str) -> SafetyAssessment:
        """Triage as the chat reports it: level and flags from the reply, the numbers its text gives, and
        whether it was a refusal (the engine the reply names)."""
        reply = self.open_session().send(message)
        numbers = (self.settings.emergency_number, self.settings.crisis_line, self.settings.poison_control)
        return SafetyAssessment(
            level=reply["safety"]["level"], flags=tuple(reply["safety"]["flags"]),
            hotlines=tuple(number for number in numbers if number in reply["answer"]),
            refuse=reply.get("engine") == "safety-refusal",
        )

    def open_session(self, profile: Profile | None = None, *, as_patient: bool = False) -> ChatSession:
        if profile is not None:
            return _HttpSession(self, self._new_patient(profile))
        if self.is_admin:  # the admin key must name a patient to chat for
            if self._shared_patient is None:
                self._shared_patient = self._new_patient(Profile(name=EVAL_PATIENT_NAME))
            return _HttpSession(self, self._shared_patient if not as_patient else
                                self._new_patient(Profile(name=EVAL_PATIENT_NAME)))
        return _HttpSession(self, None)

    def summarize(self, session: ChatSession) -> dict[str, Any]:
        """The summary the clinician console shows for the session's conversation."""
        assert isinstance(session, _HttpSession)
        if not self.is_admin:
            raise CaseSkipped("reading a conversation summary over HTTP needs the admin key as --token")
        return self._call("GET", f"/api/v1/clinician/conversations/{session.conversation_id}")["summary"]

    def personal_notes(self, profile: Profile, question: str) -> list[Any]:
        reply = self.open_session(profile).send(question)
        return [SimpleNamespace(kind=note["kind"], text=note["text"]) for note in reply.get("personal_notes", [])]

    @property
    def is_admin(self) -> bool:
        if self._admin is None:
            # An empty body creates nothing: the admin key gets past auth and is refused for the missing name
            # (422); any other token is refused at the door (401/403).
            response = self.client.post("/api/v1/admin/patients", json={})
            self._admin = response.status_code == 422
        return self._admin

    def _new_patient(self, profile: Profile) -> str:
        if not self.is_admin:
            raise CaseSkipped("this case sets up its own profile: over HTTP that needs the admin key as --token")
        created = self._call("POST", "/api/v1/admin/patients", json={"name": profile.name,
                                                                     "timezone": profile.timezone})
        patient_id = created["patient_id"]
        path, body = f"/api/v1/patients/{patient_id}/profile", profile.model_dump(mode="json")
        # The admin route commits just after it answers: give the new patient a moment to become visible.
        for _ in range(PATIENT_VISIBLE_ATTEMPTS):
            response = self.client.put(path, json=body)
            if response.status_code != 404:
                break
            time.sleep(0.05)
        if response.status_code >= 400:
            raise TargetError(f"PUT {path}: HTTP {response.status_code}: {_error_message(response)}")
        return patient_id

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self.client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise TargetError(f"{method} {path}: {type(exc).__name__}: {exc}") from exc
        if response.status_code >= 400:
            raise TargetError(f"{method} {path}: HTTP {response.status_code}: {_error_message(response)}")
        return response.json()

    def close(self) -> None:
        self.client.close()


class _HttpSession:
    def __init__(self, target: HttpTarget, patient_id: str | None) -> None:
        self.target = target
        self.patient_id = patient_id
        self.conversation_id: str | None = None

    def send(self, message: str) -> dict[str, Any]:
        body = {"message": message, "conversation_id": self.conversation_id, "patient_id": self.patient_id}
        reply = self.target._call("POST", "/api/v1/chat", json=body)
        self.conversation_id = reply.get("conversation_id")
        return reply


def _error_message(response: httpx.Response) -> str:
    try:
        return str(response.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return response.text[:200]


# -- recording wrappers for the existing runners ------------------------------------------------------------


class RecordingRetriever:
    """Looks like a HybridRetriever to `careline.evals.retrieval.evaluate` and keeps what each call returned,
    in call order, so every case can be reported, not only the misses."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.calls: list[Timed] = []

    def run(self, query: str, k: int = 10, *args: Any, **kwargs: Any) -> list[Any]:
        result = timed(lambda: self.target.search(query, k))
        self.calls.append(result)
        return result.value


class Recorder:
    """Wraps a one-argument function and keeps each call's result and time, in call order."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function
        self.calls: list[Timed] = []

    def __call__(self, *args: Any) -> Any:
        result = timed(lambda: self.function(*args))
        self.calls.append(result)
        return result.value


def citations_of(reply: dict[str, Any]) -> list[dict[str, Any]]:
    return list(reply.get("citations") or [])


def transcript_turn(role: str, text: str, reply: dict[str, Any] | None = None) -> dict[str, Any]:
    """A transcript entry for the report; assistant turns carry their citations, safety and engine."""
    if reply is None:
        return {"role": role, "text": text}
    return {"role": role, "text": text, "citations": citations_of(reply), "safety": reply.get("safety"),
            "abstained": reply.get("abstained"), "engine": reply.get("engine"),
            "prompt_version": reply.get("prompt_version"),
            "personal_notes": [note.get("kind") for note in reply.get("personal_notes") or []]}


def attempt(result: CaseResult, call: Callable[[], Any]) -> Any | None:
    """call(); or None, with the case marked skipped (it cannot run against this target) or failed (the target
    refused or broke), so one case never stops its suite."""
    try:
        return call()
    except CaseSkipped as exc:
        result.skipped = str(exc)
    except TargetError as exc:
        result.passed, result.failures = False, [str(exc)]
    return None


def converse(session: ChatSession, messages: Sequence[str]) -> tuple[list[dict[str, Any]], list[dict[str, Any]],
                                                                        float]:
    """Send each message in turn: the replies, the transcript and the total time in milliseconds."""
    replies: list[dict[str, Any]] = []
    transcript: list[dict[str, Any]] = []
    total = 0.0
    for message in messages:
        reply = timed(lambda message=message: session.send(message))
        total += reply.ms
        replies.append(reply.value)
        transcript += [transcript_turn("user", message), transcript_turn("assistant", reply.value["answer"],
                                                                            reply.value)]
    return replies, transcript, total
