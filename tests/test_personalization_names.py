"""Personal notes for profiles and questions written the way patients write them: brand, generic and misspelled
names, doses inside names, loosely written allergies and conditions, indirect questions, and medicines the
library knows only by class or by example."""

from __future__ import annotations

import re
from datetime import date

import pytest

from careline.patients.models import MedicationEntry, Profile
from careline.personalization import PersonalNote, personal_notes
from careline.personalization.catalog import catalog_for
from careline.retrieval.search import HybridRetriever

TODAY = date(2026, 12, 1)


def profile(age: int = 40, *, birth_date: date | None = None, pregnant: bool | None = None,
            conditions: list[str] | None = None, allergies: list[str] | None = None,
            medications: list[str] | None = None) -> Profile:
    return Profile(
        name="Test Patient", birth_date=birth_date or date(TODAY.year - age, 6, 1), pregnant=pregnant,
        conditions=conditions or [], allergies=allergies or [],
        medications=[MedicationEntry(name=name) for name in medications or []],
    )


@pytest.fixture(scope="module")
def retriever(library_store) -> HybridRetriever:
    return HybridRetriever(library_store)


def notes_for(store, patient: Profile, question: str, retriever: HybridRetriever | None = None) -> list[PersonalNote]:
    results = retriever.run(question, k=5) if retriever else []
    return personal_notes(patient, question, results, store, today=TODAY)


def kinds(notes: list[PersonalNote]) -> list[str]:
    return [note.kind for note in notes]


# ----- allergies ---------------------------------------------------------------------------------------------


def test_a_combination_product_counts_as_the_medicine_it_contains(library_store) -> None:
    notes = notes_for(library_store, profile(allergies=["Penicillins (hives)"]), "what is Augmentin for?")
    assert kinds(notes) == ["allergy"]
    assert "Augmentin contains amoxicillin, a penicillin-type antibiotic" in notes[0].text
    assert notes[0].doc_ids == ("amoxicillin",)


def test_what_an_article_says_about_an_allergy_is_quoted_when_the_classes_differ(library_store) -> None:
    # Cephalexin is a cephalosporin, not a penicillin; its article says some penicillin-allergic people react to it.
    notes = notes_for(library_store, profile(allergies=["allergic to PCN"]), "is Keflex ok for an infected cut?")
    assert kinds(notes) == ["allergy"]
    assert "allergic to penicillin also react to cephalexin" in notes[0].text
    assert notes[0].doc_ids == ("cephalexin",)


def test_a_class_named_in_the_question_meets_an_allergy_in_that_class(library_store) -> None:
    notes = notes_for(library_store, profile(allergies=["ibuprofin"]), "can I take NSAIDs for my back?")
    assert kinds(notes) == ["allergy"]
    assert "NSAID" in notes[0].text and notes[0].doc_ids == ("ibuprofen",)


@pytest.mark.parametrize(("allergy", "question", "phrase"), [
    ("sulfa antibiotics", "the doctor prescribed Septra, what should I know?", 'a sulfonamide ("sulfa") antibiotic'),
    ("ampicillin", "can I take amoxicillin for strep?", "penicillin-type"),
    ("cefdinir (rash)", "is Keflex ok for a skin infection?", "cephalosporin"),
])
def test_loosely_written_allergies_are_read_as_their_class(library_store, allergy, question, phrase) -> None:
    notes = notes_for(library_store, profile(allergies=[allergy]), question)
    assert kinds(notes) == ["allergy"]
    assert phrase in notes[0].text
    assert "is the medicine on your allergy list" not in notes[0].text


@pytest.mark.parametrize(("allergy", "question", "phrase"), [
    ("penicilin - rash", "they gave me amox 500 for my ear, ok for me?", "penicillin-type"),
    ("ACE inhibitor (lips swelled up)", "my doctor mentioned Zestril for my pressure, what is it?", "ACE inhibitor"),
    ("sulpha drugs: hives", "is Bactrim ok for a bladder infection?", "sulfonamide"),
])
def test_a_misspelled_allergy_or_one_with_the_reaction_written_after_it_is_read(library_store, allergy, question,
                                                                                 phrase) -> None:
    notes = notes_for(library_store, profile(allergies=[allergy]), question)
    assert kinds(notes) == ["allergy"]
    assert phrase in notes[0].text


def test_an_allergy_to_something_unrelated_gives_no_note(library_store) -> None:
    assert notes_for(library_store, profile(allergies=["shellfish", "latex"]), "can I take Tylenol?") == []
    assert notes_for(library_store, profile(allergies=["NSAIDs"]), "can I take Tylenol instead?") == []
    assert notes_for(library_store, profile(allergies=["NKDA", "No known allergies"]), "can I take Keflex?") == []


# ----- interactions ------------------------------------------------------------------------------------------


def test_a_dose_written_into_the_medicine_name_is_left_out_of_the_note(library_store) -> None:
    notes = notes_for(library_store, profile(medications=["warfarin 5 mg daily"]), "is it ok to take advil?")
    assert kinds(notes) == ["interaction"]
    assert notes[0].text.startswith("You take warfarin. Ibuprofen and warfarin: ")
    assert "5 mg" not in notes[0].text


@pytest.mark.parametrize(("medicine", "question", "phrase", "doc_id"), [
    ("Synthroid 75 mcg", "can I take a calcium supplement?", "absorbed", "levothyroxine"),
    ("Coumadin", "can I have a glass of wine with dinner?", "Warfarin and alcohol", "warfarin"),
    ("metformin 500mg", "I'm having a CT scan with contrast dye, anything to know?", "dye", "metformin"),
    ("Lexapro 10mg", "can I take sumatriptan for my migraines?", "serotonin syndrome", "escitalopram"),
    ("Wellbutrin XL", "is it safe to drink alcohol while on Wellbutrin?", "seizures", "bupropion"),
])
def test_something_the_question_mentions_from_the_patients_medicine_list(library_store, medicine, question, phrase,
                                                                         doc_id) -> None:
    notes = notes_for(library_store, profile(medications=[medicine]), question)
    assert kinds(notes) == ["interaction"]
    assert phrase in notes[0].text and notes[0].doc_ids == (doc_id,)
    assert notes[0].text.endswith("Ask your doctor or pharmacist before combining them.")


def test_a_medicine_outside_the_library_is_placed_in_its_class_by_its_name(library_store) -> None:
    notes = notes_for(library_store, profile(medications=["propranolol 10 mg"]), "how do I use my albuterol inhaler?")
    assert kinds(notes) == ["interaction"]
    assert "Propranolol is one of the beta blockers" in notes[0].text


def test_a_combination_on_the_profile_is_checked_as_each_of_its_medicines(library_store) -> None:
    notes = notes_for(library_store, profile(medications=["lisinopril-HCTZ 20-12.5"]), "can I take ibuprofen?")
    cited = {doc_id for note in notes for doc_id in note.doc_ids}
    assert kinds(notes) == ["interaction", "interaction"] and {"lisinopril", "hydrochlorothiazide"} <= cited


def test_asking_what_to_take_without_naming_a_medicine_uses_what_retrieval_offers(library_store, retriever) -> None:
    patient = profile(medications=["warfarin 5 mg daily"])
    notes = notes_for(library_store, patient, "can I take something for this headache?", retriever)
    assert "interaction" in kinds(notes)
    assert any("bleeding" in note.text for note in notes)
    # A question that does not ask what to take says nothing about the medicines retrieval happens to find.
    assert notes_for(library_store, patient, "what causes headaches?", retriever) == []


# ----- pregnancy, age groups, kidney disease, conditions ------------------------------------------------------


def test_pregnancy_note_from_article_text_when_the_front_matter_has_none(library_store) -> None:
    notes = notes_for(library_store, profile(30, pregnant=True), "can I take Zyrtec for hay fever?")
    assert kinds(notes) == ["pregnancy"]
    assert "pregnant or breastfeeding" in notes[0].text and notes[0].doc_ids == ("cetirizine",)


def test_a_pregnancy_written_as_a_condition_counts_when_the_flag_is_unset(library_store) -> None:
    assert kinds(notes_for(library_store, profile(30, conditions=["pregnant, 12 weeks"]), "is Advil ok?")) == [
        "pregnancy"]
    assert notes_for(library_store, profile(30, conditions=["history of pregnancy loss"]), "is Advil ok?") == []
    assert notes_for(library_store, profile(30, pregnant=False, conditions=["pregnant"]), "is Advil ok?") == []


def test_a_baby_is_described_by_weeks_of_age(library_store) -> None:
    notes = notes_for(library_store, profile(birth_date=date(2026, 10, 15)), "can the baby have Bactrim?")
    assert kinds(notes) == ["pediatric"]
    assert "6 weeks old" in notes[0].text and "2 months" in notes[0].text
    assert notes[0].text.endswith("Ask your doctor or pharmacist before giving it.")


@pytest.mark.parametrize("condition", ["CKD stage 3", "chronic kidney disease", "kidney failure",
                                       "renal insufficiency", "ESRD on dialysis", "diabetic nephropathy"])
def test_kidney_disease_written_many_ways_gets_the_kidney_note(library_store, condition) -> None:
    notes = notes_for(library_store, profile(conditions=[condition]), "can I take Aleve for my back?")
    assert kinds(notes) == ["kidney"]
    assert notes[0].text.startswith(f"You have {condition} on file.")


def test_kidney_stones_are_not_kidney_disease(library_store) -> None:
    assert notes_for(library_store, profile(conditions=["history of kidney stones"]), "can I take Aleve?") == []


def test_kidney_caution_quoted_from_the_article_when_the_front_matter_has_none(library_store) -> None:
    notes = notes_for(library_store, profile(conditions=["CKD stage 4"]), "is omeprazole safe long term?")
    assert kinds(notes) == ["kidney"]
    assert "Kidney problems" in notes[0].text and notes[0].doc_ids == ("omeprazole",)


def test_a_question_about_the_patients_kind_of_condition_points_to_their_own_article(library_store,
                                                                                    retriever) -> None:
    question = "my sugar has been running high in the mornings, what can I do?"
    results = retriever.run(question, k=5)
    notes = personal_notes(profile(conditions=["type 2 diabetes"]), question, results, library_store, today=TODAY)
    if results[0].doc_id == "type-2-diabetes":
        assert notes == []  # the answer already comes from the patient's own condition
    else:
        assert kinds(notes) == ["condition"] and notes[0].doc_ids == ("type-2-diabetes",)


# ----- what every note may and may not say --------------------------------------------------------------------

_STOP_OR_DOSE = re.compile(
    r"(?:^|[.;]\s+)(?:stop|quit|discontinue|skip|double|lower|raise|change|reduce|increase)\b"
    r"|\byou should (?:stop|quit|lower|change|reduce)\b", re.I)
_CARE_TEAM = re.compile(r"\b(?:doctor|pharmacist|prescriber)\b", re.I)


def test_no_note_tells_a_patient_to_stop_or_change_a_medicine_and_every_note_cites(library_store) -> None:
    catalog = catalog_for(library_store)
    checked = 0
    for article in catalog.articles.values():
        for patient in (
            profile(80, pregnant=True, conditions=["CKD stage 3", "asthma", "high blood pressure"],
                    allergies=["penicillin", "sulfa", "NSAIDs"], medications=[article.title, "warfarin", "sertraline"]),
            profile(6, allergies=["aspirin"]),
        ):
            for note in notes_for(library_store, patient, f"what should I know about {article.title}?"):
                checked += 1
                assert note.doc_ids, note
                assert not _STOP_OR_DOSE.search(note.text), note.text
                if note.kind != "condition" or any(d in catalog.articles for d in note.doc_ids):
                    assert _CARE_TEAM.search(note.text), note.text
    assert checked > 100


def test_a_note_about_the_patients_own_medicine_says_not_to_stop_it_alone(library_store) -> None:
    patient = profile(33, pregnant=True, medications=["lisinopril 20 mg"])
    notes = notes_for(library_store, patient, "what should I know about my lisinopril?")
    assert kinds(notes) == ["pregnancy"]
    assert notes[0].text.endswith("Do not stop or change it on your own; ask your doctor or pharmacist first.")


def test_kidney_disease_named_in_a_topic_article_is_framing_not_a_medicine_caution(library_store, retriever) -> None:
    notes = notes_for(library_store, profile(conditions=["CKD stage 3"]), "what causes gout?", retriever)
    assert kinds(notes) == ["condition"]
    assert "kidney disease" in notes[0].text and notes[0].doc_ids == ("gout",)


@pytest.mark.parametrize(("condition", "question", "phrase"), [
    ("T2DM", "what raises your chances of getting pneumonia?", "T2DM (diabetes)"),
    ("CHF", "what is sleep apnea and who gets it?", "heart failure"),
])
def test_conditions_written_as_shorthand_frame_the_answer_by_what_they_are(library_store, retriever, condition,
                                                                           question, phrase) -> None:
    notes = notes_for(library_store, profile(conditions=[condition]), question, retriever)
    assert "condition" in kinds(notes)
    assert phrase in " ".join(note.text for note in notes)
