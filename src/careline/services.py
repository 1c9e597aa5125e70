"""The long-lived objects one Careline process shares: built once from settings, passed in."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property

from careline.content.ingest import ingest_paths
from careline.content.models import IngestReport
from careline.db import Database
from careline.logs import get_logger
from careline.retrieval.search import HybridRetriever
from careline.retrieval.store import KnowledgeStore
from careline.settings import Settings

log = get_logger(__name__)


@dataclass
class Services:
    settings: Settings
    content_ready: threading.Event = field(default_factory=threading.Event)
    startup_error: str | None = None

    @cached_property
    def database(self) -> Database:
        return Database(self.settings)

    @cached_property
    def store(self) -> KnowledgeStore:
        return KnowledgeStore(self.settings)

    @cached_property
    def retriever(self) -> HybridRetriever:
        return HybridRetriever(self.store)

    @cached_property
    def chat(self):  # noqa: ANN201 - careline.chat.pipeline.ChatPipeline, imported lazily
        """The chat pipeline (engine, conversation store, turn handlers), built once."""
        from careline.chat.factory import build_service_pipeline

        return build_service_pipeline(self)

    @cached_property
    def reminder_scheduler(self):  # noqa: ANN201 - careline.reminders.scheduler.ReminderScheduler, imported lazily
        """The reminder scheduler: competes for the lease and runs APScheduler while this process leads."""
        from careline.reminders.scheduler import ReminderScheduler

        return ReminderScheduler(self.settings, self.database)

    def prepare_content(self) -> IngestReport | None:
        """Ingest the bundled knowledge on a store with no content yet, then load the embedder."""
        try:
            report = None
            if self.settings.ingest_on_start and self.store.is_empty() and self.settings.knowledge_dir.exists():
                log.info("ingesting bundled knowledge on first start")
                report = ingest_paths(self.store, [self.settings.knowledge_dir])
            self.store.embedder.embed_query("warm up")
            self.store.vectors.count()
            self.content_ready.set()
            return report
        except Exception as exc:  # surfaced through /readyz rather than killing the process
            self.startup_error = f"{type(exc).__name__}: {exc}"
            log.exception("content preparation failed")
            return None

    def readiness(self) -> dict[str, str]:
        """One entry per dependency: "ok" or what is wrong."""
        checks: dict[str, str] = {}
        try:
            self.database.ping()
            checks["database"] = "ok"
        except Exception as exc:
            checks["database"] = f"{type(exc).__name__}: {exc}"
        if self.startup_error:
            checks["content"] = self.startup_error
        elif not self.content_ready.is_set():
            checks["content"] = "loading"
        else:
            try:
                self.store.vectors.heartbeat()
                checks["content"] = "ok" if self.store.index.count_chunks() > 0 else "no content ingested"
            except Exception as exc:
                checks["content"] = f"{type(exc).__name__}: {exc}"
        if self.settings.scheduler_enabled:
            checks["scheduler"] = self.reminder_scheduler.health()
        from careline.chat.factory import chat_readiness

        checks["chat"] = chat_readiness(self.settings)
        return checks
