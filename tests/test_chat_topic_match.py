"""Answers come from an article about what was asked: a cut that may be infected is answered from the wound-care
article (not the severe-bleeding one), an accidental double dose from the medication-mistakes article with
Poison Control's number, a question naming a medicine from that medicine's article (with the general advice
when it is a missed dose), and a question the library does not cover (nosebleeds, warts, a sprained ankle,
heat stroke, food poisoning) abstains instead of borrowing an article that shares one word."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from careline.chat.catalog import CatalogCache
from careline.chat.composer import _sentence_groups
from careline.chat.coverage import ArticleMatch, SourcePreference, question_terms
from careline.chat.factory import build_pipeline
from careline.chat.pipeline import TurnRequest
from careline.conversations.state import MemoryConversationStore
from chat_support import patient_headers


@pytest.fixture(scope="module")
def pipeline(library_settings, library_store):
    return build_pipeline(library_settings, library_store, MemoryConversationStore())


def ask(pipeline, question: str):
    return pipeline.run(TurnRequest(message=question))


def cited(reply) -> list[str]:
    return [c.doc_id for c in reply.citations]


# -- the defects, from the patient's side ---------------------------------------------------------------------

def test_an_infected_cut_is_answered_from_the_wound_care_article_not_severe_bleeding(pipeline):
    reply = ask(pipeline, "is my cut infected?")
    assert not reply.abstained and cited(reply)[0] == "cuts-and-scrapes"
    body = reply.body.lower()
    assert "pus" in body and "red streaks" in body
    assert "tourniquet" not in reply.answer.lower()


def test_an_accidental_double_dose_gets_poison_control_from_the_library_and_no_dose(pipeline):
    reply = ask(pipeline, "I accidentally took my pill twice this morning, what should I do?")
    assert not reply.abstained and cited(reply)[0] == "medication-mistakes"
    assert "call poison control at 1-800-222-1222" in reply.body.lower()
    assert not re.search(r"\d+\s*(mg|mcg|milligram)", reply.answer.lower())


def test_a_general_missed_dose_question_is_not_answered_from_one_medicines_article(pipeline):
    reply = ask(pipeline, "what should I do if I miss a dose")
    assert cited(reply) == ["medication-mistakes"]
    assert "do not take two doses" in reply.body.lower()


def test_a_question_naming_a_medicine_is_answered_from_that_medicines_article_first(pipeline):
    reply = ask(pipeline, "forgot my eliquis pill this morning what now")
    assert cited(reply)[0] == "apixaban"
    reply = ask(pipeline, "claritin giving me headaches and a dry mouth, is it the pill")
    assert cited(reply)[0] == "loratadine"


@pytest.mark.parametrize("question", ["how do I stop a nosebleed", "how do I get rid of a wart",
                                      "how do I get rid of dandruff"])
def test_a_topic_the_library_lacks_abstains_instead_of_borrowing_an_unrelated_article(pipeline, question):
    reply = ask(pipeline, question)
    assert reply.abstained and not reply.citations


# Probe questions written for the topic check, each checked against knowledge/ with grep: the library has no
# article on these (some mention the words in passing: strep throat names pink eye, an amlodipine side effect
# is ankle swelling, the stroke article says nothing of heat).
NOT_COVERED = [
    "how do I treat a sprained ankle", "my ankle is sprained what should i do", "what is heat stroke",
    "how do i treat pink eye", "what is pink eye", "how do I get rid of hiccups", "what is food poisoning",
    "symptoms of food poisoning", "what is mono", "is mono contagious", "how do I treat the stomach flu",
    "how do I get rid of a cold sore", "what causes motion sickness", "what is lyme disease",
    "how do i treat athlete's foot", "how do i get rid of head lice", "how do I treat poison ivy",
    "what is frostbite", "what are the symptoms of appendicitis", "how do i know if i have gallstones",
    "what is vertigo", "what is carpal tunnel syndrome", "what causes tennis elbow", "how do i treat a broken toe",
    "what is a heat rash", "how do i treat swimmer's ear", "what is celiac disease", "what is shingles",
    "what is a bunion", "how do i treat plantar fasciitis", "how do i get rid of ringworm",
    "what causes rosacea flare ups", "how do i treat a stye on my eyelid", "my kid has croup what do i do",
    "how do you treat hemorrhoids", "what are varicose veins", "what helps fibromyalgia pain",
    "how do i get rid of bed bugs", "how do i treat scabies", "what helps a hangover", "how do i get a splinter out",
    "how do I treat heat exhaustion", "what causes tinnitus", "what is whiplash", "how do i treat an ingrown toenail",
    "what is diverticulitis", "how do i treat a cold sore on my lip", "what helps a sprained wrist",
    "how do I treat a pulled hamstring", "what is a tension headache",
]

# Questions the library covers, in lay words, brands and compounds, with the article that must answer first.
COVERED = [
    ("what is a heart attack", "heart-attack"), ("what are the signs of a stroke", "stroke-fast"),
    ("what is a mini stroke", "stroke-and-tia"), ("how do I lower my bp", "high-blood-pressure"),
    ("what are the signs of high sugar", "type-2-diabetes"), ("how do I get rid of heartburn", "gerd"),
    ("what helps with a migraine", "migraine"), ("how to make a cold go away", "common-cold"),
    ("how do I treat a head cold", "common-cold"), ("I forgot my eliquis this morning, what do I do?", "apixaban"),
    ("I missed my coumadin dose last night", "warfarin"), ("skipped my lipitor yesterday what now", "atorvastatin"),
    ("forgot to take my synthroid this morning", "levothyroxine"), ("missed a dose of my zoloft", "sertraline"),
    ("forgot my ozempic shot this week", "semaglutide"), ("what helps with hay fever", "seasonal-allergies"),
    ("how do i get rid of acne", "acne"), ("what is a panic attack", "anxiety"), ("how do I treat a burn", "burns"),
    ("what is blood poisoning", "sepsis"), ("how do i get rid of a kidney stone", "kidney-stones"),
    ("how do I get rid of a uti", "urinary-tract-infection"), ("what helps with morning sickness", "pregnancy-basics"),
    ("how do I get rid of gout pain", "gout"), ("what is the flu", "influenza"),
    ("how do I treat a scraped knee", "cuts-and-scrapes"), ("how do i treat a scraped elbow", "cuts-and-scrapes"),
    ("can I take ibuprofen with warfarin", "warfarin"), ("how to get rid of insomnia", "insomnia"),
    ("how do i get rid of my back pain", "back-pain"), ("what is alcohol poisoning", "alcohol-and-health"),
    ("what is strep throat", "strep-throat"), ("what helps with a sinus infection", "sinusitis"),
    ("how do i make my asthma go away", "asthma"), ("what helps with a pulled muscle in my back", "back-pain"),
    ("what helps with restless legs at night", "insomnia"), ("how do i get rid of a sunburn", "sun-safety"),
    ("what helps with a concussion", "head-injury"), ("what helps with hot flashes", "menopause"),
    ("i skipped my metformin this morning", "metformin"), ("what can i take for a migraine", "migraine"),
    ("what helps with sciatica", "back-pain"), ("how do I stop smoking", "quitting-smoking"),
    ("is covid contagious", "covid-19"), ("what helps gout flare", "gout"),
]


@pytest.mark.parametrize("question", NOT_COVERED)
def test_a_question_about_something_the_library_lacks_abstains_instead_of_answering_from_a_neighbour(
        pipeline, question):
    reply = ask(pipeline, question)
    assert reply.abstained and not reply.citations, (question, cited(reply))


@pytest.mark.parametrize(("question", "doc_id"), COVERED)
def test_a_covered_question_is_answered_from_the_article_about_it(pipeline, question, doc_id):
    reply = ask(pipeline, question)
    assert not reply.abstained and cited(reply)[0] == doc_id, (question, cited(reply))


@pytest.mark.parametrize(("question", "doc_id"), [
    ("I forgot my eliquis this morning, what do I do?", "apixaban"),
    ("skipped my coumadin last night, what should i do", "warfarin"),
    ("forgot to take my lipitor yesterday", "atorvastatin"),
    ("didnt take my metformin today", "metformin"),
])
def test_a_missed_dose_of_a_named_medicine_gets_its_article_and_the_missed_dose_advice(pipeline, question, doc_id):
    reply = ask(pipeline, question)
    assert cited(reply)[:2] == [doc_id, "medication-mistakes"]
    assert "do not take two doses" in reply.body.lower()
    assert not re.search(r"\d+\s*(mg|mcg|milligram)", reply.answer.lower())


def test_over_the_api_an_infected_cut_gets_the_see_a_clinician_note_and_the_wound_article(library_client: TestClient):
    _, headers = patient_headers(library_client.app.state.services)
    response = library_client.post("/api/v1/chat", json={"message": "is my cut infected?"}, headers=headers)
    assert response.status_code == 200, response.text
    reply = response.json()
    assert reply["safety"]["level"] == "urgent" and reply["abstained"] is False
    assert reply["citations"][0]["doc_id"] == "cuts-and-scrapes"
    assert reply["citations"][0]["url"].startswith("https://")


def test_over_the_api_a_double_dose_is_answered_with_a_citation(library_client: TestClient):
    _, headers = patient_headers(library_client.app.state.services)
    response = library_client.post("/api/v1/chat", json={"message": "I took a double dose of my medicine by mistake"},
                                   headers=headers)
    reply = response.json()
    assert reply["abstained"] is False and reply["citations"][0]["doc_id"] == "medication-mistakes"
    assert "1-800-222-1222" in reply["answer"] and "[1]" in reply["answer"]


# -- the parts --------------------------------------------------------------------------------------------------

def match(doc_id: str, score: float, share: float, covered: set[str], *, named: bool = False,
          names_medicine: bool = False) -> ArticleMatch:
    return ArticleMatch(doc_id=doc_id, score=score, share=share, covered=frozenset(covered), named=named,
                        names_medicine=names_medicine)


def test_an_article_covering_more_of_the_question_goes_first_when_it_is_nearly_as_close():
    bleeding = match("severe-bleeding", 0.61, 0.44, {"cut"})
    handwashing = match("hand-hygiene", 0.46, 1.0, {"cut", "infected"})
    assert SourcePreference().best_first([bleeding, handwashing])[0] is handwashing


@pytest.mark.parametrize("other", [
    match("far-away", 0.30, 1.0, {"cut", "infected"}),  # much less close to the question
    match("other-word", 0.55, 0.56, {"infected"}),  # misses the word the top article has
    match("slightly-better", 0.55, 0.50, {"cut", "x"}),  # not clearly better
])
def test_the_top_article_stays_first_otherwise(other):
    top = match("top", 0.61, 0.44, {"cut"})
    assert SourcePreference().best_first([top, other])[0] is top


def test_a_named_medicines_article_goes_before_general_advice():
    general = match("medication-mistakes", 0.79, 0.8, {"forgot", "pill"}, named=True)
    medicine = match("apixaban", 0.62, 0.4, {"eliquis"}, named=True, names_medicine=True)
    assert SourcePreference().best_first([general, medicine])[0] is medicine


def test_an_article_sharing_no_topical_word_with_an_unnamed_question_is_off_topic():
    assert SourcePreference.off_topic(match("sinusitis", 0.5, 0.0, set()))
    assert not SourcePreference.off_topic(match("sinusitis", 0.5, 0.0, set(), named=True))
    assert not SourcePreference.off_topic(match("sinusitis", 0.5, 0.2, {"nose"}))


def test_the_preference_rejects_nonsense_settings():
    with pytest.raises(ValueError):
        SourcePreference(min_score_ratio=0)


def test_word_forms_the_stemmer_keeps_apart_still_match(library_store):
    catalog = CatalogCache(library_store).get()
    (infected,) = [t for t in question_terms("infected", catalog, None) if t.word == "infected"]
    assert "infection" in infected.stems


def test_a_label_travels_with_its_sentence_and_a_dangling_lead_in_is_left_out():
    first, label, body = "Your weight matters for your health.", "Set a realistic goal.", "Losing a little helps."
    groups, _ = _sentence_groups(f"{first} {label} {body}")
    assert groups == (first, f"{label} {body}")
    groups, _ = _sentence_groups("Call Poison Control if you are worried. If you took an extra dose by mistake:")
    assert groups == ("Call Poison Control if you are worried.",)
