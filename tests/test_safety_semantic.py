"""Triage's semantic second opinion: it may raise a routine or urgent verdict to emergency (or routine to
urgent) when the message's meaning says so, with the reply and numbers a rules emergency of that kind gets;
it never lowers a verdict, and it is not even asked when the rules already found an emergency."""

from __future__ import annotations

import numpy as np
import pytest

from careline.chat.factory import make_triage
from careline.safety import SafetyAssessment, assess_message
from careline.safety.replies import REFUSAL, Hotlines
from careline.safety.semantic import (
    EVAL_FILES,
    LABELS,
    Opinion,
    SemanticModel,
    fingerprint,
    fit,
    load_model,
    raise_assessment,
    readings,
    second_opinion_for,
    training_examples,
)

HOTLINES = Hotlines()
POISON = HOTLINES.poison


def opinion(level: str, kind: str = "emergency") -> Opinion:
    return Opinion(emergency=0.99 if level == "emergency" else 0.1, needs_care=0.99, kind=kind, level=level)


# ----- the decision --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("kind", "numbers", "flag", "says"), [
    ("emergency", ("911",), "semantic:general", "Call 911 now"),
    ("emergency_suicide", ("911", "988"), "semantic:suicide", "call or text 988"),
    ("emergency_poison", ("911", POISON), "semantic:poison", f"Poison Control at {POISON}"),
    ("emergency_suicide_poison", ("911", "988", POISON), "semantic:suicide_poison", "988"),
])
def test_a_raised_emergency_gets_the_numbers_and_reply_of_its_kind(kind, numbers, flag, says) -> None:
    raised = raise_assessment(SafetyAssessment(), opinion("emergency", kind), HOTLINES)
    assert raised.level == "emergency" and raised.hotlines == numbers
    assert raised.flags[:2] == ("emergency:semantic", flag)
    assert raised.emergency_reply.startswith("This could be a medical emergency. Call 911 now")
    assert says in raised.emergency_reply and raised.urgent_note is None


def test_the_numbers_come_from_settings() -> None:
    hotlines = Hotlines(emergency="112", crisis="116 123", poison="0800 POISON")
    raised = raise_assessment(SafetyAssessment(), opinion("emergency", "emergency_suicide"), hotlines)
    assert raised.hotlines == ("112", "116 123") and "Call 112 now" in raised.emergency_reply


@pytest.mark.parametrize("rules_level", ["emergency", "urgent"])
def test_it_never_lowers_a_verdict(rules_level) -> None:
    rules = SafetyAssessment(level=rules_level, flags=(f"{rules_level}:something",))
    for level in ("routine", "urgent"):
        assert raise_assessment(rules, opinion(level), HOTLINES) is rules
    assert raise_assessment(rules, None, HOTLINES) is rules


def test_an_urgent_verdict_raised_to_emergency_keeps_its_flags_and_its_poison_line() -> None:
    double_dose = SafetyAssessment(level="urgent", flags=("urgent:extra_dose",), hotlines=(POISON,),
                                   urgent_note="call your care team")
    raised = raise_assessment(double_dose, opinion("emergency"), HOTLINES)
    assert raised.level == "emergency" and raised.hotlines == ("911", POISON)
    assert raised.flags == ("emergency:semantic", "semantic:general", "urgent:extra_dose")
    assert "Poison Control" in raised.emergency_reply and raised.urgent_note is None


def test_routine_can_be_raised_to_urgent_with_the_urgent_note() -> None:
    raised = raise_assessment(SafetyAssessment(scope_notes=("a scope note",)), opinion("urgent"), HOTLINES)
    assert raised.level == "urgent" and raised.flags == ("urgent:semantic",)
    assert "contact your doctor or care team today" in raised.urgent_note
    assert raised.emergency_reply is None and raised.scope_notes == ("a scope note",)


def test_an_emergency_inside_a_refused_message_puts_the_emergency_reply_first() -> None:
    refused = SafetyAssessment(flags=("injection:override",), refuse=True, refusal_reply=REFUSAL)
    raised = raise_assessment(refused, opinion("emergency"), HOTLINES)
    assert raised.refuse and raised.refusal_reply == f"{raised.emergency_reply}\n\n{REFUSAL}"


def test_the_second_opinion_is_not_asked_when_the_rules_found_an_emergency() -> None:
    asked: list[str] = []

    def second_opinion(message: str) -> Opinion:
        asked.append(message)
        return opinion("emergency")

    assert assess_message("I want to kill myself", second_opinion=second_opinion).level == "emergency"
    assert asked == []
    raised = assess_message("what is a good stretch for my back?", second_opinion=second_opinion)
    assert asked == ["what is a good stretch for my back?"] and "emergency:semantic" in raised.flags


def test_without_an_opinion_the_rules_verdict_stands() -> None:
    message = "what is a good stretch for my back?"
    assert assess_message(message, second_opinion=lambda _: None) == assess_message(message)


# ----- the model -----------------------------------------------------------------------------------------


def toy_model(emergency_threshold: float = 0.5, urgent_threshold: float | None = 0.5) -> SemanticModel:
    """Two-dimensional vectors: x pushes towards "emergency", y towards "emergency_poison"."""
    weights = np.zeros((2, len(LABELS)))
    weights[0, LABELS.index("emergency")] = 10
    weights[1, LABELS.index("emergency_poison")] = 10
    return SemanticModel(weights, np.zeros(len(LABELS)), emergency_threshold, urgent_threshold)


def test_thresholds_decide_the_level() -> None:
    model = toy_model(emergency_threshold=0.9, urgent_threshold=0.5)
    assert model.opinion(np.array([[1.0, 0.0]])).level == "emergency"  # p(emergency) ~ 1
    assert model.opinion(np.array([[0.0, 0.0]])).level == "urgent"  # uniform: p(not routine) = 5/6
    assert toy_model(0.9, None).opinion(np.array([[0.0, 0.0]])).level == "routine"
    assert toy_model(0.999999, None).opinion(np.array([[1.0, 0.0]])).level == "routine"


def test_the_most_alarming_sentence_speaks_for_the_message_and_picks_the_kind() -> None:
    model = toy_model()
    whole, calm, poison = [0.0, 0.0], [-1.0, -1.0], [0.0, 1.0]
    verdict = model.opinion(np.array([whole, calm, poison]))
    assert verdict.level == "emergency" and verdict.kind == "emergency_poison"


def test_a_long_message_is_also_read_sentence_by_sentence() -> None:
    message = ("Hi, I wanted to ask about my appointment on Thursday. Also my husband is sitting down saying his "
               "chest is crushing. Do I need to bring his insurance card?")
    parts = readings(message)
    assert parts[0] == message and len(parts) == 4
    assert "Also my husband is sitting down saying his chest is crushing." in parts
    assert readings("my chest hurts, help") == ["my chest hurts, help"]


def test_training_separates_classes_it_is_shown() -> None:
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(len(LABELS), 8)) * 3
    labels = np.repeat(np.arange(len(LABELS)), 20)
    vectors = centres[labels] + rng.normal(size=(len(labels), 8)) * 0.3
    weights, bias = fit(vectors, labels, l2=0.01, iterations=500)
    assert ((vectors @ weights + bias).argmax(axis=1) == labels).mean() == 1.0


# ----- the shipped weights -------------------------------------------------------------------------------


def test_the_shipped_weights_were_trained_on_the_current_training_files() -> None:
    model = load_model()
    examples = training_examples()
    assert "messages-holdout-4.jsonl" not in EVAL_FILES  # kept back to measure the second opinion
    assert model.report["trained_on"] == fingerprint(examples), (
        "the training messages changed: run `python -m careline.safety.semantic train`")
    assert model.weights.shape == (384, len(LABELS)) and model.embedder == "all-MiniLM-L6-v2"
    assert model.report["semantic_alone"]["false_alarm_rate"] <= 0.02
    assert 0 < model.emergency_threshold < 1


@pytest.fixture(scope="module")
def second_opinion(library_store):
    opinion = second_opinion_for(library_store.embedder)
    assert opinion is not None
    return opinion


@pytest.mark.parametrize(("message", "level", "kind"), [
    ("my roommate texted me goodbye and isn't answering", "emergency", "emergency_suicide"),
    ("my 2 year old drank bleach and is coughing", "emergency", "emergency_poison"),
    ("one side of his face is fall down", "emergency", "emergency"),
    ("I swallowed a bottle of pills because I want to die", "emergency", "emergency_suicide_poison"),
    ("what are the side effects of lisinopril?", "routine", None),
    ("remind me to take 20 units of insulin at 8pm", "routine", None),
])
def test_the_shipped_model_reads_clear_messages(second_opinion, message, level, kind) -> None:
    verdict = second_opinion(message)
    assert verdict.level == level
    if kind:
        assert verdict.kind == kind


def test_weights_for_another_embedder_are_not_used() -> None:
    class Other:
        name = "text-embedding-3-small"

    assert second_opinion_for(Other()) is None


def test_the_setting_switches_the_second_opinion_off(settings, library_store) -> None:
    on = make_triage(settings, library_store.embedder)
    off = make_triage(settings.model_copy(update={"safety_semantic": False}), library_store.embedder)
    openai = make_triage(settings.model_copy(update={"embedding_provider": "openai"}), library_store.embedder)
    assert on.keywords["second_opinion"] is not None
    assert off.keywords["second_opinion"] is None and openai.keywords["second_opinion"] is None


# ----- in the chat -----------------------------------------------------------------------------------------


def ask(client, headers: dict[str, str], message: str) -> dict:
    response = client.post("/api/v1/chat", json={"message": message}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture()
def patient(library_client):
    from chat_support import patient_headers

    return patient_headers(library_client.app.state.services)


def test_a_message_the_rules_miss_gets_the_emergency_reply_and_flags_the_conversation(
        library_client, patient, monkeypatch) -> None:
    # The rules see nothing here (as with any wording nobody wrote a pattern for): the second opinion must.
    monkeypatch.setattr("careline.safety.triage.assess", lambda *args, **kwargs: SafetyAssessment())
    reply = ask(library_client, patient[1], "my 2 year old drank bleach and is coughing")
    assert reply["safety"] == {"level": "emergency", "flags": ["emergency:semantic", "semantic:poison"]}
    assert reply["answer"].startswith("This could be a medical emergency. Call 911 now")
    assert "Poison Control at 1-800-222-1222" in reply["answer"]
    history = library_client.get(f"/api/v1/conversations/{reply['conversation_id']}", headers=patient[1]).json()
    assert history["safety_level"] == "emergency"


@pytest.mark.parametrize("message", [
    "my partner is on the bathroom floor, eyes rolled back, twitching and won't answer me",
    "thinking I'll just drive into the river on my way home, nothing matters anymore",
])
def test_emergencies_in_unusual_words_get_911_in_the_chat(library_client, patient, message) -> None:
    reply = ask(library_client, patient[1], message)
    assert reply["safety"]["level"] == "emergency"
    assert "Call 911 now" in reply["answer"]


def test_a_routine_question_stays_routine_in_the_chat(library_client, patient) -> None:
    reply = ask(library_client, patient[1], "what are the warning signs of a stroke?")
    assert reply["safety"] == {"level": "routine", "flags": []}
