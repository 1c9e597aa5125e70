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


# ----- defects found by the eval suite, and the general rule behind each fix -----------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "got stung by a bee and my throat feels like it's closing up",
        "ate something with peanuts and my tongue feels like it is swelling up",
        "my daughter got stung by a wasp and now she's wheezing and covered in hives",
    ],
)
def test_anaphylaxis_gets_911_and_the_auto_injector_line_from_the_vetted_article(message: str) -> None:
    result = assess_message(message)
    assert result.level == "emergency" and "emergency:anaphylaxis" in result.flags
    assert result.hotlines == ("911",)
    assert "epinephrine auto-injector" in result.emergency_reply and "Call 911" in result.emergency_reply


def test_the_auto_injector_line_is_only_for_anaphylaxis() -> None:
    assert "epinephrine" not in assess_message("my dad collapsed and isn't breathing").emergency_reply


@pytest.mark.parametrize(
    "message",
    [
        "remind me to take 10 units of insulin before breakfast",
        "set a reminder for 20 units of lantus at bedtime",
        "remind me to take 2 tablets of tylenol every 6 hours",
        "Remind my dad to take his 12 pills every morning",
        "I take 40 units of lantus at night",
        "I take 12 pills a day for my conditions, is that normal?",
        "I take 81 mg aspirin every day, is it ok to take ibuprofen too?",
        "I took my 10 units of humalog and ate dinner",
        "I took 2 tablets of tylenol for my headache",
        "I drank too much coffee and feel jittery",
        "I accidentally swallowed my gum",
    ],
)
def test_reminders_regimens_and_doses_are_not_poisonings(message: str) -> None:
    result = assess_message(message)
    assert result.level == "routine", result.flags
    assert not any(flag.endswith(("poisoning", "extra_dose")) for flag in result.flags)


@pytest.mark.parametrize(
    "message",
    ["I took like 30 tylenol an hour ago", "i took an overdose", "I just swallowed a bunch of sleeping pills",
     "my kid ate too many gummy vitamins", "my kid ate berries off a plant in the yard and now he's throwing up"],
)
def test_real_overdoses_and_poisonings_still_get_poison_control(message: str) -> None:
    result = assess_message(message)
    assert result.level == "emergency" and "1-800-222-1222" in result.hotlines


@pytest.mark.parametrize(
    ("message", "flag"),
    [
        ("been planing how to kil myself", "emergency:suicidal"),
        ("how to kill myself", "emergency:suicidal"),
        ("idk what to do anymore, i just want to sleep and never wake up", "emergency:suicidal"),
        ("how do I help my dad he is having a stroke", "emergency:stroke"),
        ("what do I do, my son swallowed a battery", "emergency:poisoning"),
        ("bleeding thru towel after towel from a gash on my leg", "emergency:severe_bleeding"),
        ("spilled boiling oil on my arm, the skin is white and peeling off, it's a huge burn", "emergency:injury"),
        ("heavy bleeding after giving birth last week", "emergency:pregnancy"),
        ("my baby swallowed a coin and is drooling and can't swallow", "emergency:swallowed_object"),
        ("my grandmother fell and can't get up, she's confused", "emergency:head_injury"),
        ("my dad passed out and is breathing weird", "emergency:fainting"),
        ("got bit by a snake on my ankle", "emergency:injury"),
        ("my mum cant move the right side of her body", "emergency:stroke"),
        ("mom found my brother with an empty bottle of pills next to him", "emergency:poisoning"),
        ("I keep thinking everyone would be better off if I was gone", "emergency:suicidal"),
        ("i cut my leg really deep and it won't stop bleeding", "emergency:severe_bleeding"),
        ("I think my wife is having an allergic reaction, her lips are huge", "emergency:anaphylaxis"),
        ("I'm bleeding from my head after falling down the stairs and feel confused", "emergency:head_injury"),
    ],
)
def test_emergencies_in_new_wordings_are_found(message: str, flag: str) -> None:
    result = assess_message(message)
    assert result.level == "emergency" and flag in result.flags, result.flags


@pytest.mark.parametrize(
    "message",
    [
        "I had a heart attack in 2020, is it ok to start running now?",
        "I attempted suicide years ago and I'm doing well now, how do I keep my mental health on track?",
        "I passed out from the heat once last summer, how do I keep that from happening again?",
        "how do I talk to my teenager about suicide?",
        "the baby bumped her head but she's playing normally and hasn't vomited, what should I watch for?",
        "that movie scene where he has a heart attack scared me, what are the early signs?",
        "I'm so tired of living in this apartment",
        "I could sleep forever lol",
        "I donate so much blood every year, is that safe?",
        "what are the signs that someone wants to end their life",
        "my throat is sore and a bit swollen from a cold",
        "my chest feels tight when I have a panic attack, how do I calm down?",
        "they drew so much blood at my checkup, I feel woozy",
        "I wish my acne would disappear",
    ],
)
def test_past_prevented_negated_and_fictional_mentions_are_not_emergencies(message: str) -> None:
    assert assess_message(message).level != "emergency"


def test_a_past_event_that_is_back_is_an_emergency_again() -> None:
    assert assess_message("I tried to kill myself years ago and I'm thinking about it again now").level == "emergency"
    assert assess_message("I had a stroke 2 years ago and now my face is drooping again").level == "emergency"


def test_a_low_sugar_that_was_treated_and_settled_needs_no_alarm() -> None:
    assert assess_message("my sugar was 65 earlier but I had juice and I'm fine now").level == "routine"
    assert assess_message("my sugar was 45 but I had juice and I'm fine now").level == "urgent"
    assert assess_message("my sugar is 45 and I'm shaking").level == "emergency"
