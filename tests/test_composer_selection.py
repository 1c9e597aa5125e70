"""The offline composer answers from the part of the article that answers the question: the section of the
question's type (how to take it, signs, first aid, triggers, prevention, side effects) read whole when it
fits, the sentences with the question's own words first when it does not, a list with its lead-in, and no
brand-name or overview sentence where a section answers."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from careline.chat.composer import GroundedComposer, _sentence_groups, article_sections
from careline.chat.factory import build_pipeline
from careline.chat.models import Passage, ResolvedQuery, Retrieval, Source
from careline.chat.pipeline import TurnRequest
from careline.chat.text import bold_openings
from careline.conversations.state import MemoryConversationStore
from careline.retrieval.intents import classify_question, title_intent


@pytest.fixture(scope="module")
def pipeline(library_settings, library_store):
    return build_pipeline(library_settings, library_store, MemoryConversationStore())


def answer(pipeline, question: str) -> str:
    reply = pipeline.run(TurnRequest(message=question))
    assert not reply.abstained, question
    return reply.body.lower()


# -- from the patient's side ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "facts"), [
    # how to take it: the key instruction, not the brand names
    ("should my levoxyl be taken before i eat breakfast", ["empty stomach"]),
    ("should i take metoprolol with food", ["with a meal"]),
    # signs
    ("my daughter bumped her head, what are the danger signs", ["knocked out", "throwing up more than once"]),
    ("what should i watch for after my husband hit his head", ["very sleepy"]),
    # first aid: the steps
    ("what do i do if my toddler swallowed some bleach", ["do not make the person throw up"]),
    ("someone is bleeding really bad from a cut on their leg, what do i do", ["press hard"]),
    ("what do i do for a small burn from the oven", ["running water"]),
    # triggers and prevention: the list, not its lead-in alone
    ("what brings on my asthma", ["pet dander", "tobacco smoke"]),
    ("what makes my acid reflux flare up", ["fatty or fried food"]),
    ("how do i get my blood pressure down without meds", ["eat less salt"]),
    # a side effect or a claim named in the question
    ("does metoprolol make your hands cold", ["cold hands and feet"]),
    ("can i keep using insulin that froze in the car", ["frozen"]),
])
def test_the_answer_has_the_part_of_the_article_that_answers(pipeline, question, facts):
    body = answer(pipeline, question)
    for fact in facts:
        assert fact in body, (question, body)


def test_a_how_to_take_answer_does_not_spend_its_words_on_brand_names(pipeline):
    body = answer(pipeline, "should my levoxyl be taken before i eat breakfast")
    assert "brand names include" not in body


@pytest.mark.parametrize(("question", "lead_in", "item"), [
    ("what brings on my asthma", "are called triggers. common ones are:", "cold air"),
    ("what sets off eczema flares", "common triggers include:", "wool or rough fabrics"),
    ("what makes my acid reflux flare up", "things that can make reflux more likely include:", "pregnancy"),
])
def test_a_list_lead_in_comes_with_its_items(pipeline, question, lead_in, item):
    body = answer(pipeline, question)
    assert lead_in in body and item in body, body
    assert not re.search(r":\s*(\[\d+\])?\s*($|\n)", body), body


# -- how sentences are grouped ----------------------------------------------------------------------------------

def test_a_short_lead_in_travels_with_the_sentence_that_says_what_it_lists():
    groups, _ = _sentence_groups("Doctors do not know the cause. Things that set it off are called triggers. "
                                 "Common ones are: Stress. Too little sleep. Skipping meals.")
    assert groups[-1] == ("Things that set it off are called triggers. Common ones are: Stress. Too little sleep. "
                          "Skipping meals.")


def test_a_bold_labelled_step_is_a_unit_of_its_own_leaning_on_the_lists_lead_in():
    groups, leaning = _sentence_groups(
        "Call 911 first, or have someone else call while you help. Then: **Protect yourself.** Wear gloves. "
        "**Press hard and keep pressing.** Put a clean cloth on the wound. Press firmly with both hands.")
    assert groups == ("Call 911 first, or have someone else call while you help. Then: Protect yourself. Wear gloves.",
                      "Press hard and keep pressing. Put a clean cloth on the wound. Press firmly with both hands.")
    assert leaning == (False, True)


def test_a_sentence_explaining_an_item_does_not_end_the_list():
    groups, _ = _sentence_groups("If you missed a dose: Check the leaflet. It often says what to do. "
                                 "If it does not say, ask your pharmacist. Do not take two doses at once.")
    assert len(groups) == 1


def test_bold_openings_are_found_in_the_text_without_markdown():
    plain, openings = bold_openings("Then: **Protect yourself.** Wear gloves. **Press hard.**")
    assert plain == "Then: Protect yourself. Wear gloves. Press hard."
    assert openings == {plain.index("Protect"), plain.index("Press")}


# -- sections and passages -----------------------------------------------------------------------------------

def passage(position: int, section: str, text: str, retrieved: bool = False) -> Passage:
    return Passage(doc_id="doc", chunk_id=f"doc#{position}", title="Doc", section=section, text=text,
                   intent=section.lower(), score=1.0, retrieved=retrieved)


def source(*passages: Passage) -> Source:
    return Source(n=1, doc_id="doc", title="Doc", url=None, source=None, passages=passages)


def test_passages_in_a_row_of_one_section_are_read_as_one():
    sections = article_sections(source(passage(2, "Causes", "Second part."), passage(0, "Overview", "About."),
                                       passage(1, "Causes", "Common ones are:", retrieved=True)))
    assert [(s.section, s.text, s.retrieved) for s in sections] == [
        ("Overview", "About.", False), ("Causes", "Common ones are: Second part.", True)]


def test_a_passage_ending_mid_sentence_is_not_joined_to_the_next():
    sections = article_sections(source(passage(1, "Self-care", "Read the label. **Store them safely**"),
                                       passage(2, "Self-care", "Keep medicines in their boxes.")))
    assert len(sections) == 2


def test_a_lead_in_whose_items_are_in_the_next_passage_gets_them_from_the_store():
    chunk = SimpleNamespace(chunk_id="doc#2", doc_id="doc", position=2, title="Doc", section="Causes",
                            text="Stress. Too little sleep.", intent="causes")
    store = SimpleNamespace(index=SimpleNamespace(document_chunks=lambda doc_id: [chunk]))
    composer = GroundedComposer(store, catalog=None, screen=lambda sentence: True)  # type: ignore[arg-type]
    retrieval = Retrieval(query=ResolvedQuery(text="q", original="q", intent="causes"), coverage=1.0,
                          sources=(source(passage(1, "Causes", "Common ones are:", retrieved=True)),))
    completed = composer._with_list_items(retrieval)
    assert [p.text for p in completed.sources[0].passages] == ["Common ones are:", "Stress. Too little sleep."]


# -- question types ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "intent"), [
    ("should my levoxyl be taken before i eat breakfast", "how_to_take"),
    ("how am i meant to take my water pill", "how_to_take"),
    ("does metoprolol make your hands cold", "side_effects"),
    ("why does my water pill make me pee so much", "causes"),
    ("what sets off my eczema", "causes"),
    ("what makes heartburn worse", "causes"),
    ("what am i supposed to do if he collapses", "treatment"),
    ("do i put butter on a burn", "treatment"),
    ("how do i get my fever down", "treatment"),
    ("how do i get my blood pressure down without meds", "self_care"),
    ("what should i watch for after a fall", "symptoms"),
    ("how can i keep my kids from getting sick", "prevention"),
    ("how do we make the bathroom safer for dad", "prevention"),
])
def test_question_types_in_patients_words(question, intent):
    assert classify_question(question) == intent


@pytest.mark.parametrize(("title", "intent"), [
    ("Stroke signs - BE FAST", "symptoms"), ("Seizure first aid", "treatment"),
    ("Burns - first aid and when to get help", "treatment"), ("Warfarin", None),
])
def test_an_articles_title_says_what_it_answers(title, intent):
    assert title_intent(title) == intent
