"""The LLM answer engine against a local OpenAI-compatible server over real HTTP: normal and streamed
answers, citations to passages it was not given, ungrounded sentences, errors and hangs (offline fallback)."""

from __future__ import annotations

import asyncio
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse
from fastapi.testclient import TestClient

from careline.chat.factory import build_pipeline
from careline.chat.models import Token
from careline.chat.pipeline import TurnRequest
from careline.conversations.state import MemoryConversationStore
from careline.llm.prompts import load_prompt
from careline.settings import Settings
from chat_support import parse_sse
from reminders_support import running_server

GROUNDED = ("Metformin can cause an upset stomach and loose stools (diarrhea) [1]. "
            "These side effects often get better over time [1]. "
            "A rare but serious side effect is lactic acidosis [1].")


def fake_llm_app(state: dict[str, Any]) -> FastAPI:
    """A few lines of an OpenAI-compatible server whose behaviour the test sets in `state`."""
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def completions(request: Request) -> Any:
        body = await request.json()
        state["requests"].append(body)
        if state["mode"] == "error":
            return JSONResponse({"error": {"message": "model overloaded"}}, status_code=500)
        if state["mode"] == "hang":
            await asyncio.sleep(8)
        text, model = state["reply"], body["model"]
        if not body.get("stream"):
            return {"id": "c1", "object": "chat.completion", "created": 0, "model": model,
                    "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                                 "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}}

        async def chunks() -> Any:
            for piece in re.findall(r"\S+\s*", text):
                delta = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": model,
                         "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
                yield f"data: {json.dumps(delta)}\n\n"
            end = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": model,
                   "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            yield f"data: {json.dumps(end)}\n\ndata: [DONE]\n\n"

        return StreamingResponse(chunks(), media_type="text/event-stream")

    return app


@pytest.fixture(scope="module")
def llm_server() -> Iterator[tuple[str, dict[str, Any]]]:
    state: dict[str, Any] = {"mode": "normal", "reply": GROUNDED, "requests": []}
    with running_server(fake_llm_app(state)) as base:
        yield base, state


@pytest.fixture()
def llm(llm_server, library_settings, library_store) -> Iterator[tuple[Any, dict[str, Any]]]:
    base, state = llm_server
    state.update(mode="normal", reply=GROUNDED, requests=[])
    settings = Settings(**{**library_settings.model_dump(), "llm_base_url": f"{base}/v1", "llm_model": "test-model",
                           "llm_api_key": "local", "llm_timeout_seconds": 1.5})
    yield build_pipeline(settings, library_store, MemoryConversationStore()), state


QUESTION = "What are the side effects of metformin?"


def test_a_normal_answer_comes_from_the_model_with_its_prompt_version(llm):
    pipeline, state = llm
    reply = pipeline.run(TurnRequest(message=QUESTION))
    assert reply.engine == "llm:test-model"
    assert reply.prompt_version == load_prompt("answer").version and len(reply.prompt_version) == 12
    assert "upset stomach" in reply.answer and reply.citations[0].doc_id == "metformin"
    sent = state["requests"][0]["messages"]
    assert sent[0]["role"] == "system" and "numbered vetted passages" in sent[0]["content"]
    assert "[1] Metformin" in sent[1]["content"] and QUESTION in sent[1]["content"]


def test_a_streamed_answer_arrives_token_by_token(llm):
    pipeline, state = llm
    events = list(pipeline.stream(TurnRequest(message=QUESTION, streaming=True)))
    tokens = [e.text for e in events if isinstance(e, Token)]
    assert state["requests"][0]["stream"] is True
    assert len(tokens) >= 15 and "".join(tokens).strip() == events[-1].answer
    assert events[-1].engine == "llm:test-model"


@pytest.mark.parametrize("streaming", [False, True])
def test_citations_to_passages_not_given_and_ungrounded_sentences_are_dropped(llm, streaming):
    pipeline, state = llm
    state["reply"] = (GROUNDED + " Metformin also cures the common cold in two days [9]. "
                      "You should take 2000 mg every morning [1].")
    reply = pipeline.run(TurnRequest(message=QUESTION, streaming=streaming))
    assert reply.engine == "llm:test-model"
    assert "[9]" not in reply.answer and "common cold" not in reply.answer and "2000" not in reply.answer
    assert {c.n for c in reply.citations} == {1}


@pytest.mark.parametrize("mode", ["error", "hang"])
def test_a_failing_or_hanging_model_falls_back_to_the_offline_composer(llm, mode):
    pipeline, state = llm
    state["mode"] = mode
    reply = pipeline.run(TurnRequest(message=QUESTION, streaming=True))
    assert reply.engine.startswith("offline-composer") and reply.prompt_version is None
    assert reply.citations[0].doc_id == "metformin" and not reply.abstained


def test_an_answer_with_too_little_left_after_checks_falls_back(llm):
    pipeline, state = llm
    state["reply"] = "I think you will be fine. Metformin is basically candy [7]."
    reply = pipeline.run(TurnRequest(message=QUESTION))
    assert reply.engine.startswith("offline-composer") and "diarrhea" in reply.answer


def test_an_uncovered_question_abstains_without_asking_the_model(llm):
    pipeline, state = llm
    reply = pipeline.run(TurnRequest(message="who won the world cup"))
    assert reply.abstained and state["requests"] == []


def test_the_chat_api_streams_the_models_answer(llm_server, library_settings, library_store):
    base, state = llm_server
    state.update(mode="normal", reply=GROUNDED, requests=[])
    settings = Settings(**{**library_settings.model_dump(), "llm_base_url": f"{base}/v1", "llm_model": "test-model",
                           "allow_anonymous_chat": True})
    from careline.api.app import create_app

    with TestClient(create_app(settings, prepare_in_background=False)) as client:
        response = client.post("/api/v1/chat", json={"message": QUESTION}, headers={"Accept": "text/event-stream"})
    events = parse_sse(response.text)
    assert events[-1][0] == "done" and events[-1][1]["engine"] == "llm:test-model"
    assert "lactic acidosis" in "".join(data["text"] for name, data in events if name == "token")
