"""The official `openai` client, pointed at a real Careline server with a patient token as its API key."""

from __future__ import annotations

from collections.abc import Iterator

import openai
import pytest

from careline.api.app import create_app
from chat_support import patient_headers
from reminders_support import running_server


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


def _ask(api: openai.OpenAI, *questions_and_replies: str, **extra: object) -> tuple[str, str]:
    """Send a chat (user, assistant, user, ...); returns (reply text, Careline conversation id)."""
    roles = ["user", "assistant"]
    messages = [{"role": roles[i % 2], "content": text} for i, text in enumerate(questions_and_replies)]
    completion = api.chat.completions.create(model="careline", messages=messages, extra_body=extra or None)
    return completion.choices[0].message.content, completion.model_extra["careline"]["conversation_id"]


def _user_messages(services, conversation_id: str) -> list[str]:
    from careline.conversations.models import Message

    with services.database.session() as session:
        rows = session.query(Message).filter_by(conversation_id=conversation_id, role="user")
        return [m.text for m in rows.order_by(Message.created_at)]


def test_two_chats_that_start_with_the_same_question_stay_two_conversations(careline):
    base, token, services = careline
    api = client(base, token)
    opening = "What is asthma?"
    reply_a, chat_a = _ask(api, opening)
    reply_b, chat_b = _ask(api, opening)
    assert chat_a != chat_b
    # Both follow up with the same history the client keeps; each lands in a conversation of its own.
    _, follow_a = _ask(api, opening, reply_a, "what triggers it?")
    _, follow_b = _ask(api, opening, reply_b, "how is it treated?")
    assert {follow_a, follow_b} == {chat_a, chat_b}
    assert sorted([_user_messages(services, chat_a), _user_messages(services, chat_b)]) == [
        [opening, "how is it treated?"], [opening, "what triggers it?"]]
    # A third turn of the first chat continues it, even when the front end reformats the replies.
    _, third = _ask(api, opening, "(reply)", "what triggers it?", "(reply)", "can children get it?")
    assert third == follow_a and _user_messages(services, third)[-1] == "can children get it?"


def test_a_conversation_id_in_the_body_continues_that_conversation_and_only_its_owner_may(careline):
    base, token, services = careline
    api = client(base, token)
    _, conversation_id = _ask(api, "What is gout?")
    _, same = _ask(api, "does it run in families?", conversation_id=conversation_id)
    assert same == conversation_id and _user_messages(services, same) == ["What is gout?", "does it run in families?"]
    _, other_headers = patient_headers(services)
    other = client(base, other_headers["Authorization"].split()[1])
    with pytest.raises(openai.NotFoundError):
        _ask(other, "and its treatment?", conversation_id=conversation_id)
    assert _user_messages(services, conversation_id) == ["What is gout?", "does it run in families?"]
