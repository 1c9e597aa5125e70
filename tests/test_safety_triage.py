"""Emergency and urgent triage of patient messages, in patients' own words."""

from __future__ import annotations

import pytest

from careline.safety import assess_message
from careline.safety.text import correct_token, normalize


@pytest.mark.parametrize(
    ("message", "flag"),
    [
        ("I have really bad chest pain and I'm sweating", "emergency:chest_pain"),
        ("chest pian and my left arm feels heavy", "emergency:chest_pain"),
        ("my husband is having a heart attack", "emergency:chest_pain"),
        ("my mom's face is drooping on one side and her speech is slurred", "emergency:stroke"),
        ("grandpa suddenly can't lift his left arm", "emergency:stroke"),
        ("i want to end my life", "emergency:suicidal"),
        ("kms", "emergency:suicidal"),
        ("my daughter says she wants to die", "emergency:suicidal"),
        ("I took too many pills", "emergency:poisoning"),
        ("my son swallowed bleach", "emergency:poisoning"),
        ("my brother od'd and won't wake up", "emergency:poisoning"),
        ("my throat is closing after a bee sting", "emergency:anaphylaxis"),
        ("the bleeding won't stop", "emergency:severe_bleeding"),
        ("my dad collapsed", "emergency:unresponsive"),
        ("she's not breathing", "emergency:unresponsive"),
        ("my son is having a seizure for 6 minutes now", "emergency:seizure"),
        ("my diabetic wife is confused and can't swallow", "emergency:severe_hypoglycemia"),
        ("I'm 12 weeks pregnant and bleeding heavily", "emergency:pregnancy"),
        ("cant breth", "emergency:breathing"),
        ("my baby's lips are turning blue", "emergency:breathing"),
    ],
)
def test_emergencies_in_patients_words_are_found(message: str, flag: str) -> None:
    result = assess_message(message)
    assert result.level == "emergency"
    assert flag in result.flags
    assert result.emergency_reply and "911" in result.emergency_reply


@pytest.mark.parametrize(
    "message",
    [
        "no chest pain, just a cough",
        "I don't have chest pain, just a cough",
        "I'm not suicidal, just tired",
        "this headache is killing me",
        "I'm dying to know if metformin causes weight loss",
        "my boss will kill me if I'm late",
        "I could murder a burger",
        "that burger is a heart attack on a plate",
        "what are the signs of a stroke?",
        "how is a heart attack treated?",
        "what should I do if someone has a seizure?",
        "I had a heart attack in 2019, can I exercise?",
        "my nose is blocked and I can't breathe through it",
        "should I ignore a mild headache?",
    ],
)
def test_look_alikes_are_not_emergencies(message: str) -> None:
    result = assess_message(message)
    assert result.level != "emergency", result.flags
    assert result.emergency_reply is None


def test_suicidal_message_gives_the_crisis_line_and_emergency_number() -> None:
    result = assess_message("I want to kill myself")
    assert result.hotlines == ("911", "988")
    assert "988" in result.emergency_reply and "911" in result.emergency_reply


def test_poisoning_gives_poison_control() -> None:
    result = assess_message("my toddler ate a laundry pod")
    assert set(result.hotlines) == {"911", "1-800-222-1222"}
    assert "Poison Control" in result.emergency_reply


def test_an_overdose_on_purpose_also_gives_the_crisis_line() -> None:
    result = assess_message("I took a whole bottle of pills on purpose")
    assert set(result.hotlines) == {"911", "988", "1-800-222-1222"}
    assert {"emergency:poisoning", "emergency:suicidal"} <= set(result.flags)


def test_configured_numbers_are_used_in_reply_and_hotlines() -> None:
    result = assess_message("i want to die", emergency_number="112", crisis_line="116 123",
                            poison_control="0800 000")
    assert result.hotlines == ("112", "116 123")
    assert "Call 112 now" in result.emergency_reply
    assert "911" not in result.emergency_reply


@pytest.mark.parametrize(
    ("message", "flag"),
    [
        ("I've had a fever of 103 for three days", "urgent:high_fever"),
        ("it burns when I pee and I have a fever and back pain", "urgent:kidney_infection"),
        ("my cut is red, hot and full of pus", "urgent:wound_infection"),
        ("I've been vomiting for two days and can't keep water down", "urgent:vomiting"),
        ("I'm 9 weeks pregnant and have light spotting", "urgent:pregnancy_warning"),
        ("I accidentally took my blood pressure pill twice", "urgent:extra_dose"),
    ],
)
def test_see_a_clinician_soon_situations_are_urgent(message: str, flag: str) -> None:
    result = assess_message(message)
    assert result.level == "urgent"
    assert flag in result.flags
    assert result.urgent_note and "care team" in result.urgent_note
    assert result.emergency_reply is None


def test_an_ordinary_question_is_routine_with_nothing_attached() -> None:
    result = assess_message("What are the side effects of lisinopril?")
    assert result.level == "routine"
    assert result.flags == ()
    assert result.emergency_reply is None and result.urgent_note is None and result.hotlines == ()


def test_stroke_signs_that_pass_are_still_an_emergency_but_a_settled_nosebleed_is_not() -> None:
    assert assess_message("his face drooped for ten minutes and then went back to normal").level == "emergency"
    assert assess_message("the bleeding has stopped and he is fine").level == "routine"


def test_low_blood_sugar_numbers_set_the_level() -> None:
    assert assess_message("my blood sugar is 41 and I'm shaky").level == "emergency"
    assert assess_message("my blood sugar is 64").level == "urgent"
    assert assess_message("my blood sugar is 110 after lunch").level == "routine"


@pytest.mark.parametrize(
    ("typo", "word"),
    [("pian", "pain"), ("breth", "breath"), ("siezure", "seizure"), ("unconcious", "unconscious"),
     ("bleding", "bleeding"), ("swolen", "swollen")],
)
def test_typos_of_safety_words_are_corrected(typo: str, word: str) -> None:
    assert correct_token(typo) == word


@pytest.mark.parametrize("word", ["paint", "strike", "blur", "chess", "glue", "stork"])
def test_real_words_are_never_turned_into_symptom_words(word: str) -> None:
    assert correct_token(word) == word


def test_normalize_spells_out_slang_and_contractions() -> None:
    assert normalize("I can't breathe rn") == "i cannot breathe right now"
    assert normalize("he OD'd") == "he overdosed"
    assert normalize("honestly kms") == "honestly kill myself"


def test_a_very_long_message_is_assessed_quickly() -> None:
    import time

    message = "my knee hurts when I walk and " * 400 + "now my chest pain is crushing"
    started = time.perf_counter()
    result = assess_message(message)
    assert time.perf_counter() - started < 1.0
    assert result.level in ("routine", "emergency")
