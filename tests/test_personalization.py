"""Personal notes from the stored profile, against the bundled library's structured medication data."""

from __future__ import annotations

import time
from datetime import date

import pytest

from careline.patients.models import MedicationEntry, Profile
from careline.personalization import PersonalNote, personal_notes
from careline.personalization.catalog import catalog_for

TODAY = date(2026, 12, 1)


def profile(age: int = 40, *, pregnant: bool | None = None, conditions: list[str] | None = None,
            allergies: list[str] | None = None, medications: list[str] | None = None) -> Profile:
    return Profile(
        name="Test Patient", birth_date=date(TODAY.year - age, 6, 1), pregnant=pregnant,
        conditions=conditions or [], allergies=allergies or [],
        medications=[MedicationEntry(name=name) for name in medications or []],
    )


def notes_for(store, patient: Profile, question: str, results=()) -> list[PersonalNote]:
    return personal_notes(patient, question, list(results), store, today=TODAY)


def kinds(notes: list[PersonalNote]) -> list[str]:
    return [note.kind for note in notes]


@pytest.mark.parametrize(
    ("allergy", "question", "doc_id", "phrase"),
    [
        ("penicillin", "can I take amoxicillin for my ear infection?", "amoxicillin", "penicillin-type antibiotic"),
        ("Sulfa", "what is Bactrim for?", "trimethoprim-sulfamethoxazole", "sulfa"),
        ("NSAIDs", "is Advil ok for a headache?", "ibuprofen", "NSAID"),
        ("aspirin", "can I use naproxen for cramps?", "naproxen", "like aspirin"),
        ("penicillins", "is amoxycillin ok for a sinus infection?", "amoxicillin", "penicillin"),
    ],
)
def test_allergy_class_conflicts_are_noted(library_store, allergy, question, doc_id, phrase) -> None:
    notes = notes_for(library_store, profile(allergies=[allergy]), question)
    assert kinds(notes) == ["allergy"]
    assert phrase.lower() in notes[0].text.lower()
    assert doc_id in notes[0].doc_ids
    assert "Ask your doctor or pharmacist before taking it." in notes[0].text


def test_an_unrelated_allergy_adds_nothing(library_store) -> None:
    assert notes_for(library_store, profile(allergies=["penicillin"]), "side effects of ibuprofen?") == []


def test_interaction_with_a_medicine_on_the_profile_uses_the_articles_reason(library_store) -> None:
    notes = notes_for(library_store, profile(medications=["Coumadin 5 mg"]), "can I take ibuprofen for my knee?")
    assert kinds(notes) == ["interaction"]
    note = notes[0]
    assert "bleeding" in note.text and "Coumadin (warfarin)" in note.text
    assert set(note.doc_ids) == {"ibuprofen", "warfarin"}


def test_interaction_found_through_a_drug_class(library_store) -> None:
    # Ibuprofen's article lists "ssris"; the patient's sertraline is an SSRI.
    notes = notes_for(library_store, profile(medications=["sertraline"]), "can I take Motrin?")
    assert kinds(notes) == ["interaction"]
    assert "ibuprofen" in notes[0].doc_ids


def test_interaction_found_in_the_patients_medicine_article_only(library_store) -> None:
    # Cephalexin's article lists metformin; metformin's article does not list cephalexin.
    notes = notes_for(library_store, profile(medications=["metformin"]), "how do I take Keflex?")
    assert kinds(notes) == ["interaction"]
    notes_reverse = notes_for(library_store, profile(medications=["Keflex"]), "what does metformin do?")
    assert kinds(notes_reverse) == ["interaction"]
    assert notes_reverse[0].doc_ids == ("cephalexin",)


def test_a_medicine_not_in_the_library_is_matched_by_name(library_store) -> None:
    notes = notes_for(library_store, profile(medications=["Lithium carbonate"]), "is naproxen safe?")
    assert kinds(notes) == ["interaction"] and "lithium" in notes[0].text.lower()


def test_pregnancy_note_comes_from_the_article(library_store) -> None:
    notes = notes_for(library_store, profile(30, pregnant=True), "is ibuprofen safe for a headache?")
    assert kinds(notes) == ["pregnancy"]
    assert "20 weeks" in notes[0].text and notes[0].doc_ids == ("ibuprofen",)


def test_child_profile_gets_the_pediatric_note(library_store) -> None:
    notes = notes_for(library_store, profile(7), "how do I give amoxicillin?")
    assert kinds(notes) == ["pediatric"]
    assert "7 years old" in notes[0].text and "kitchen spoon" in notes[0].text


def test_older_adult_note_quotes_what_the_article_says_about_older_adults(library_store) -> None:
    notes = notes_for(library_store, profile(80), "what is trazodone used for?")
    assert kinds(notes) == ["older_adult"]
    assert "You are 80" in notes[0].text and "Low sodium in the blood, mostly in older adults" in notes[0].text
    assert notes[0].text.endswith("Ask your doctor or pharmacist whether it is a good fit for you.")


def test_older_adult_gets_no_note_where_the_article_says_nothing_about_age(library_store) -> None:
    assert notes_for(library_store, profile(82), "what is Tylenol used for?") == []
    assert notes_for(library_store, profile(68), "what is amlodipine used for?") == []


def test_kidney_disease_gets_the_kidney_note(library_store) -> None:
    notes = notes_for(library_store, profile(50, conditions=["CKD stage 3"]), "can I take naproxen?")
    assert kinds(notes) == ["kidney"]
    assert notes[0].text.startswith("You have CKD stage 3 on file.")


def test_condition_framing_quotes_the_article_about_the_topic(library_store) -> None:
    from careline.retrieval.search import HybridRetriever

    question = "how do I avoid catching the flu?"
    results = HybridRetriever(library_store).run(question, k=5)
    notes = notes_for(library_store, profile(conditions=["Type 2 diabetes"]), question, results)
    assert kinds(notes) == ["condition"]
    assert "diabetes" in notes[0].text and notes[0].doc_ids == (results[0].doc_id,)


def test_a_vague_name_counts_only_when_retrieval_picked_that_article(library_store) -> None:
    from careline.retrieval.search import SearchResult

    patient = profile(allergies=["NSAIDs"])
    assert notes_for(library_store, patient, "which pain reliever is gentlest?") == []
    picked = SearchResult("ibuprofen", "ibuprofen#0", "Ibuprofen", "Overview", None, None, 1.0, "", "overview")
    assert kinds(notes_for(library_store, patient, "which pain reliever is gentlest?", [picked])) == ["allergy"]


def test_nothing_applies_gives_no_notes(library_store) -> None:
    assert notes_for(library_store, profile(), "what is amoxicillin?") == []
    assert notes_for(library_store, profile(medications=["warfarin"]), "what is asthma?") == []
    assert notes_for(library_store, profile(medications=["metformin"]), "metformin side effects?") == []


def test_notes_are_fast_after_the_first_call(library_store) -> None:
    patient = profile(72, pregnant=False, conditions=["CKD"], allergies=["sulfa", "penicillin"],
                      medications=["warfarin", "lisinopril", "sertraline"])
    notes_for(library_store, patient, "can I take ibuprofen?")
    started = time.perf_counter()
    for _ in range(50):
        notes_for(library_store, patient, "can I take ibuprofen or naproxen with amoxicillin?")
    assert (time.perf_counter() - started) / 50 < 0.005


def test_catalog_is_rebuilt_when_the_content_changes(library_store) -> None:
    first = catalog_for(library_store)
    assert catalog_for(library_store) is first
    library_store.index.delete_documents([])  # bumps the content version without changing documents
    assert catalog_for(library_store) is not first
