"""The chat model behind the LLM answer engine: LangChain's `ChatOpenAI` pointed at any OpenAI-compatible
endpoint from settings."""

from __future__ import annotations

from typing import Any

from careline.settings import Settings


def llm_configured(settings: Settings) -> bool:
    """True when answers should come from the LLM engine (with the offline composer as fallback)."""
    if settings.chat_engine == "offline":
        return False
    return bool(settings.llm_base_url)


def make_chat_model(settings: Settings, *, streaming: bool = True) -> Any:
    """A ChatOpenAI for the configured endpoint. No retries: a failed call falls back to the offline engine
    at once instead of making the patient wait for several timeouts."""
    from langchain_openai import ChatOpenAI

    if not settings.llm_base_url:
        raise ValueError("CARELINE_LLM_BASE_URL is not set")
    return ChatOpenAI(
        base_url=settings.llm_base_url,
        # ChatOpenAI insists on a key even for local servers that ignore it.
        api_key=settings.llm_api_key or "not-needed",
        model=settings.llm_model,
        timeout=settings.llm_timeout_seconds,
        max_retries=0,
        streaming=streaming,
        temperature=0,
    )
