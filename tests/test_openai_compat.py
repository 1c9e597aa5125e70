"""The official `openai` client, pointed at a real Careline server with a patient token as its API key."""

from __future__ import annotations

from collections.abc import Iterator

import openai
import pytest
from tests.chat_support import patient_headers
from tests.reminders_support import running_server

from careline.api.app import create_app


@pytest.fixture(scope="module")
def careline(library_settings, library_store) -> Iterator[tuple[str, str, object]]:
    app = create_app(library_settings, prepare_in_background=False)
    with running_server(app) as base:
        _, headers = patient_headers(app.state.services)
        yield base, headers["Authorization"].split()[1], app.state.services


def client(base: str, key: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{base}/v1", api_key=key, max_retries=0, timeout=60)


def test_models_lists_careline(careline):
    base, token, _ = careline
    assert [m.id for m in client(base, token).models.list()] == ["careline"]


def test_a_non_streamed_completion_answers_with_sources(careline):
    base, token, _ = careline
    completion = client(base, token).chat.completions.create(
        model="careline", messages=[{"role": "user", "content": "What are the symptoms of gout?"}])
    assert completion.model == "careline" and completion.choices[0].finish_reason == "stop"
    text = completion.choices[0].message.content
    assert "[1]" in text and "\n\nSources:\n[1] Gout" in text


def test_a_streamed_completion_arrives_in_chunks(careline):
    base, token, _ = careline
    stream = client(base, token).chat.completions.create(
        model="careline-chat", stream=True, messages=[{"role": "user", "content": "What causes gout?"}])
    pieces = [chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices]
    text = "".join(pieces)
    assert len(pieces) > 10 and "uric acid" in text and "Sources:" in text


def test_earlier_messages_give_the_follow_up_its_topic(careline):
    base, token, _ = careline
    api = client(base, token)
    first = api.chat.completions.create(model="careline", messages=[
        {"role": "user", "content": "What is metformin used for?"}]).choices[0].message.content
    follow = api.chat.completions.create(model="careline", messages=[
        {"role": "user", "content": "What is metformin used for?"},
        {"role": "assistant", "content": first},
        {"role": "user", "content": "and what are its side effects?"}]).choices[0].message.content
    assert "Sources:\n[1] Metformin" in follow and "stomach" in follow.lower()


def test_an_emergency_through_the_openai_endpoint_is_flagged_for_clinicians(careline):
    base, token, services = careline
    completion = client(base, token).chat.completions.create(
        model="careline", messages=[{"role": "user", "content": "my dad collapsed and is not breathing"}])
    assert "911" in completion.choices[0].message.content.split("\n\n")[0]
    from careline.conversations.models import Conversation

    with services.database.session() as session:
        assert session.query(Conversation).filter_by(safety_level="emergency").count() >= 1


def test_a_wrong_key_is_refused(careline):
    base, _, _ = careline
    with pytest.raises(openai.AuthenticationError):
        client(base, "not-a-token").chat.completions.create(
            model="careline", messages=[{"role": "user", "content": "What causes gout?"}])
