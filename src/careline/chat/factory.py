"""Builds the chat pipeline from settings: which engine, which safety and personalization functions, which
conversation store, which turn handlers. The one place to plug in a new turn handler (see the anchor)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from careline.chat.catalog import CatalogCache
from careline.chat.composer import GroundedComposer
from careline.chat.models import TurnHandler
from careline.chat.pipeline import AnswerEngine, ChatPipeline
from careline.chat.retrieve import PassageRetriever
from careline.conversations.state import ConversationStore
from careline.embeddings import Embedder, get_embedder
from careline.llm.client import llm_configured
from careline.retrieval.search import HybridRetriever
from careline.retrieval.store import KnowledgeStore
from careline.safety.models import SafetyAssessment
from careline.settings import Settings

if TYPE_CHECKING:
    from careline.safety.semantic import SecondOpinion
    from careline.services import Services


def make_triage(settings: Settings, embedder: Embedder | None = None) -> Callable[[str], SafetyAssessment]:
    """Triage as the chat and the evals run it: the rules, with the semantic second opinion over `embedder`
    (default: the process-wide one) unless CARELINE_SAFETY_SEMANTIC is off."""
    from careline.safety import assess_message

    return partial(assess_message, emergency_number=settings.emergency_number, crisis_line=settings.crisis_line,
                   poison_control=settings.poison_control, second_opinion=semantic_opinion(settings, embedder))


def semantic_opinion(settings: Settings, embedder: Embedder | None = None) -> SecondOpinion | None:
    """The second opinion, or None when it is switched off or the embedder is not the one its weights know."""
    if not settings.safety_semantic or settings.embedding_provider != "local":
        return None
    from careline.safety.semantic import second_opinion_for

    return second_opinion_for(embedder or get_embedder(settings))


def default_screen(sentence: str) -> bool:
    from careline.safety import screen_answer_sentence

    return screen_answer_sentence(sentence)


def default_personalizer(*args: Any, **kwargs: Any) -> list[Any]:
    from careline.personalization import personal_notes

    return personal_notes(*args, **kwargs)


def make_engine(settings: Settings, store: KnowledgeStore, catalog: CatalogCache,
                screen: Callable[[str], bool] = default_screen) -> AnswerEngine:
    composer = GroundedComposer(store, catalog, screen)
    if llm_configured(settings):
        from careline.chat.llm_engine import LLMEngine

        return LLMEngine(settings, composer, screen)
    return _OfflineEngine(composer)


class _OfflineEngine:
    """The composer behind the engine interface (it has no use for the streaming flag)."""

    def __init__(self, composer: GroundedComposer) -> None:
        self.composer = composer
        self.name = composer.name

    def generate(self, retrieval: Any, streaming: bool = True) -> Any:
        return self.composer.generate(retrieval)


def build_pipeline(settings: Settings, store: KnowledgeStore, conversations: ConversationStore, *,
                   retriever: HybridRetriever | None = None, handlers: list[TurnHandler] | None = None,
                   triage: Callable[[str], SafetyAssessment] | None = None,
                   screen: Callable[[str], bool] = default_screen,
                   personalize: Callable[..., list[Any]] | None = default_personalizer) -> ChatPipeline:
    catalog = CatalogCache(store)
    passages = PassageRetriever(store, retriever or HybridRetriever(store), catalog)
    return ChatPipeline(
        store=store, passages=passages, catalog=catalog, engine=make_engine(settings, store, catalog, screen),
        conversations=conversations, triage=triage or make_triage(settings, store.embedder), personalize=personalize,
        handlers=handlers or [], emergency_number=settings.emergency_number,
    )


def turn_handlers(services: Services) -> list[TurnHandler]:
    """The turn handlers of the running service, tried in this order after triage, before retrieval."""
    handlers: list[TurnHandler] = []
    # --- turn handlers (add one line per handler, e.g. the reminder intent handler) ---
    from careline.reminders.chat_handler import build_reminder_handler

    handlers.append(build_reminder_handler(services))
    return handlers


def build_service_pipeline(services: Services) -> ChatPipeline:
    from careline.conversations.service import SqlConversationStore

    return build_pipeline(services.settings, services.store, SqlConversationStore(services.database),
                          retriever=services.retriever, handlers=turn_handlers(services))


def chat_readiness(settings: Settings) -> str:
    """'ok', or why the configured answer engine cannot work (the LLM's prompt file is broken, ...)."""
    if not llm_configured(settings):
        return "ok"
    from careline.llm.prompts import PromptError, load_prompt

    try:
        load_prompt("answer")
    except PromptError as exc:
        return str(exc)
    return "ok"
