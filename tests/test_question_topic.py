"""The parts that decide what a question is about and how it is read: its subject and whether an article fits
it (careline.chat.topic), the question type of "how do I get rid of X", typo fixes that leave real words
alone, brand names searched by their generic name, and the lay words of missed doses, sleep and drinking."""

from __future__ import annotations

from collections import Counter

import pytest

from careline.chat.catalog import Catalog
from careline.chat.coverage import question_terms
from careline.chat.text import content_stems
from careline.chat.topic import TopicFit, article_profile, subject_units, topic_fit
from careline.retrieval.intents import classify_question
from careline.retrieval.lexical import StoredDocument
from careline.retrieval.query import SpellingCorrector, analyze_query, expand_lay_terms, medicine_name_map

ARTICLES = {
    "stroke": ("Stroke and TIA", "condition", {"synonyms": ["mini stroke"], "tags": ["brain"]},
               "A stroke happens when blood flow to the brain is cut off. Ischemic stroke: a clot blocks a vessel."),
    "migraine": ("Migraine", "condition", {"synonyms": ["migraine headache"], "tags": ["headache"]},
                 "A migraine is a headache that keeps coming back. Bright light can set one off."),
    "amlodipine": ("Amlodipine", "medication", {"synonyms": ["Norvasc"], "generic_names": ["amlodipine"]},
                   "Amlodipine lowers blood pressure. Swelling of the ankles is a common side effect."),
    "cuts": ("Cuts and scrapes", "condition", {"synonyms": ["scrape"], "tags": ["wounds"]},
             "Clean a scrape with water. Watch for signs of infection."),
    "covid": ("COVID-19", "condition", {"synonyms": ["covid"]}, "COVID-19 spreads from person to person."),
    "loratadine": ("Loratadine", "medication", {"synonyms": ["Claritin"], "generic_names": ["loratadine"]},
                   "Loratadine treats allergies. It can cause headache and dry mouth."),
    "apixaban": ("Apixaban", "medication", {"synonyms": ["Eliquis"], "generic_names": ["apixaban"]},
                 "If you miss a dose, ask your pharmacist. Do not take two doses to make up for a missed one."),
    "sun": ("Sun safety", "wellness", {"tags": ["sunburn"]},
            "Call 911 if someone in the heat is confused. These can be signs of heatstroke."),
    "sinusitis": ("Sinusitis", "condition", {"synonyms": ["sinus infection"]},
                  "Sinusitis is swelling of the sinuses. Rinse your nose with salt water."),
    "flu": ("Influenza (flu)", "condition", {"synonyms": ["flu"]},
            "The flu is caused by a virus. Some people have vomiting and diarrhea."),
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    documents = {
        doc_id: StoredDocument(doc_id=doc_id, content_hash="x", origin="test", title=title, url=None, source=None,
                               type=kind, audience="all", language="en", metadata=meta, chunk_count=1)
        for doc_id, (title, kind, meta, _) in ARTICLES.items()
    }
    frequency: Counter[str] = Counter()
    for title, _, _, text in ARTICLES.values():
        frequency.update(set(content_stems(f"{title} {text}")))
    return Catalog(documents=documents, document_frequency=frequency, chunk_count=len(ARTICLES))


def fit(question: str, doc_id: str, catalog: Catalog) -> TopicFit:
    title, _, meta, text = ARTICLES[doc_id]
    names = [title, *meta.get("synonyms", []), *meta.get("tags", []), *meta.get("generic_names", [])]
    profile = article_profile(doc_id, [text], names, catalog)
    return topic_fit(subject_units(question, question_terms(question, catalog, None), catalog), profile)


def test_a_question_is_read_as_units_of_words_typed_together(catalog):
    units = subject_units("how do I treat a sprained ankle and a cold sore?", question_terms(
        "how do I treat a sprained ankle and a cold sore?", catalog, None), catalog)
    assert [(u.text, u.compound) for u in units] == [("cold sore", True), ("sprained ankle", False)]


def test_a_compound_condition_name_is_not_the_article_its_last_word_names(catalog):
    heat_stroke = fit("what is heat stroke", "stroke", catalog)
    assert not heat_stroke.fits and not heat_stroke.named
    assert fit("what should I do for heat stroke", "sun", catalog).fits  # the article says "heatstroke"


def test_a_word_the_article_never_uses_with_its_topic_makes_another_thing(catalog):
    assert not fit("how do I treat a tension headache", "migraine", catalog).fits
    ischemic = fit("what is an ischemic stroke", "stroke", catalog)
    assert ischemic.fits and ischemic.named
    assert fit("what is a brain stroke", "stroke", catalog).named  # "brain" is one of its tags


def test_an_article_that_mentions_the_body_part_does_not_cover_an_injury_to_it(catalog):
    assert not fit("how do I treat a sprained ankle", "amlodipine", catalog).fits
    assert not fit("my ankle is sprained what should i do", "amlodipine", catalog).fits
    assert fit("my ankles are swelling on norvasc", "amlodipine", catalog).fits


def test_a_body_part_after_the_topic_only_says_where(catalog):
    assert fit("how do i treat a scraped elbow", "cuts", catalog).named


def test_verbs_next_to_the_topic_do_not_make_a_compound(catalog):
    assert fit("i caught covid what do i do", "covid", catalog).named
    assert fit("claritin giving me headaches and a dry mouth", "loratadine", catalog).named


def test_the_topic_word_only_qualifying_an_unknown_thing_does_not_name_the_article(catalog):
    assert not fit("what is a stroke murmur", "stroke", catalog).fits


def test_a_question_naming_the_articles_medicine_fits_it_whatever_else_it_says(catalog):
    assert fit("I forgot my eliquis this morning, what do I do?", "apixaban", catalog).named


def test_an_article_covering_next_to_none_of_the_subject_does_not_fit(catalog):
    nosebleed = fit("how do I stop a nosebleed", "sinusitis", catalog)
    assert not nosebleed.fits and nosebleed.uncovered == ("nosebleed",)


def test_compound_names_and_lay_phrases_cover_by_what_they_stand_for(catalog):
    assert not fit("how do I treat the stomach flu", "flu", catalog).fits
    assert fit("my kid cant stop throwing up with the flu", "flu", catalog).fits  # throwing up: vomiting


# -- question types ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "how do I get rid of hiccups", "how to make a cold go away", "how do I make this rash go away",
    "what helps with heartburn", "what can i take for a headache", "what's good for a cough",
    "how can I ease my back pain", "how to relieve constipation", "how do i stop a nosebleed",
    "how do i get over the flu faster", "is there anything that helps with hot flashes",
    "how do i get rid of the nausea from metformin",
])
def test_asking_for_something_that_makes_a_problem_go_away_is_a_treatment_question(question):
    assert classify_question(question) == "treatment"


@pytest.mark.parametrize(("question", "intent"), [
    ("how long does a cold take to go away", "outlook"),
    ("will it go away on its own", "outlook"),
    ("what helps prevent migraines", "prevention"),
    ("how do i stop my kids from getting the flu", "prevention"),
    ("how do i stop getting bladder infections", "prevention"),
    ("what causes migraines", "causes"),
    ("how do people get gout", "causes"),
    ("what helps with the side effects of metformin", "side_effects"),
    ("any home remedies for a cold", "self_care"),
])
def test_other_question_types_keep_their_reading(question, intent):
    assert classify_question(question) == intent


@pytest.mark.parametrize("question", [
    "skipped my coumadin last night, what should i do", "I forgot my eliquis this morning, what do I do?",
    "forgot to take my zoloft last night", "didnt take my metformin today", "missed my lipitor yesterday",
])
def test_a_missed_dose_however_put_asks_how_to_take_the_medicine(question):
    assert classify_question(question) == "how_to_take"


@pytest.mark.parametrize("question", ["missed my period is it pregnancy",
                                      "do i have to skip breakfast before the test"])
def test_missing_other_things_is_not_a_missed_dose(question):
    assert classify_question(question) != "how_to_take"


# -- typo fixes, brand names, lay words ------------------------------------------------------------------------

def test_real_words_and_known_slang_are_not_taken_for_typos():
    corrector = SpellingCorrector(["Mood and sleep.", "A group of germs.", "Scalp care.", "Beds and rest."])
    assert corrector.correct("mono") is None  # an English word, and two edits from "mood"
    assert corrector.correct("croup") is None
    assert corrector.correct("scale") is None
    assert corrector.correct("meds") is None  # slang the lay-term list knows
    assert corrector.correct("moood") == "mood"


def test_a_brand_is_searched_by_its_generic_name_in_meaning_only():
    analyzed = analyze_query("forgot my eliquis", None, {"eliquis": "apixaban"})
    assert "apixaban" in analyzed.dense_text and "apixaban" not in analyzed.lexical_terms


def test_brand_names_map_to_their_medicine_unless_shared_or_everyday_words():
    def medicine(doc_id: str, synonyms: list[str]) -> StoredDocument:
        return StoredDocument(doc_id=doc_id, content_hash="x", origin="t", title=doc_id, url=None, source=None,
                              type="medication", audience="all", language="en", chunk_count=1,
                              metadata={"synonyms": synonyms, "generic_names": [doc_id]})

    names = medicine_name_map([medicine("apixaban", ["Eliquis", "blood thinner", "apixiban", "thinner"]),
                               medicine("warfarin", ["Coumadin", "thinner"])])
    assert names == {"eliquis": "apixaban", "apixiban": "apixaban", "coumadin": "warfarin"}


@pytest.mark.parametrize(("text", "words"), [
    ("I forgot my pill this morning", {"missed", "dose"}),
    ("skipped my lipitor", {"missed", "dose"}),
    ("only get like 5 hrs a nite", {"sleep"}),
    ("how much shut eye do I need", {"sleep"}),
    ("how do i ride out the urge to light up", {"smoking", "cravings"}),
    ("buddy did a ton of shots", {"alcohol"}),
    ("green snot and a sore face", {"mucus"}),
])
def test_lay_words_of_missed_doses_sleep_smoking_and_drinking_expand(text, words):
    assert words <= set(expand_lay_terms(text))
