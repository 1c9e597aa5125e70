"""The "For you" notes as a patient sees them: a profile stored through the profile API, then a question to
POST /api/v1/chat. Each note carries its own citations and the answer shows it under "For you:"."""

from __future__ import annotations

import re
from datetime import date

import pytest
from fastapi.testclient import TestClient

from chat_support import patient_headers


@pytest.fixture(scope="module")
def services(library_client: TestClient):
    return library_client.app.state.services


def patient_with_profile(client: TestClient, services, **profile) -> dict[str, str]:
    """A new patient whose profile is stored through PUT /api/v1/patients/{id}/profile."""
    patient_id, headers = patient_headers(services)
    response = client.put(f"/api/v1/patients/{patient_id}/profile", json=profile, headers=headers)
    assert response.status_code == 200, response.text
    return headers


def ask(client: TestClient, headers: dict[str, str], message: str) -> dict:
    response = client.post("/api/v1/chat", json={"message": message}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def for_you(reply: dict) -> str:
    assert "For you:" in reply["answer"], reply["answer"]
    return reply["answer"].split("For you:", 1)[1]


def notes_of(reply: dict, kind: str) -> list[dict]:
    return [note for note in reply["personal_notes"] if note["kind"] == kind]


def assert_cited(reply: dict, note: dict, *doc_ids: str) -> None:
    """The note's citations name these articles, with the numbers the answer uses for them."""
    numbers = {c["doc_id"]: c["n"] for c in reply["citations"]}
    cited = [c["doc_id"] for c in note["citations"]]
    assert set(doc_ids) <= set(cited), cited
    for citation in note["citations"]:
        assert citation["url"].startswith("https://") and numbers[citation["doc_id"]] == citation["n"]


def test_a_brand_named_blood_thinner_with_its_dose_meets_a_brand_named_pain_reliever(library_client, services):
    headers = patient_with_profile(library_client, services, birth_date="1970-03-03",
                                   medications=[{"name": "Coumadin", "dose": "5 mg", "instructions": "once daily"},
                                                {"name": "Synthroid 75 mcg", "dose": None, "instructions": None}])
    reply = ask(library_client, headers, "Can I take Aleve for my knee?")
    [note] = notes_of(reply, "interaction")
    assert note["text"].startswith("You take Coumadin (warfarin). Naproxen and Coumadin (warfarin):")
    assert "bleeding" in note["text"] and note["text"].endswith("Ask your doctor or pharmacist before taking them "
                                                                "together.")
    assert_cited(reply, note, "naproxen", "warfarin")
    assert "Coumadin (warfarin)" in for_you(reply)


def test_a_loosely_written_penicillin_allergy_catches_a_combination_product(library_client, services):
    headers = patient_with_profile(library_client, services, birth_date="1972-09-02", allergies=["PCN (hives)"])
    reply = ask(library_client, headers, "what is Augmentin for?")
    [note] = notes_of(reply, "allergy")
    assert "Augmentin contains amoxicillin, a penicillin-type antibiotic" in note["text"]
    assert_cited(reply, note, "amoxicillin")


def test_a_warfarin_user_asking_about_wine_hears_about_alcohol(library_client, services):
    headers = patient_with_profile(library_client, services, birth_date="1957-06-06",
                                   medications=[{"name": "warfarin 5 mg daily"}])
    reply = ask(library_client, headers, "can I have a glass of wine with dinner?")
    [note] = notes_of(reply, "interaction")
    assert "Warfarin and alcohol" in note["text"] and "bleeding" in note["text"]
    assert_cited(reply, note, "warfarin")


def test_a_child_profile_by_birth_date_gets_the_childrens_caution(library_client, services):
    seven_years_ago = date.today().replace(year=date.today().year - 7, day=1).isoformat()
    headers = patient_with_profile(library_client, services, birth_date=seven_years_ago)
    reply = ask(library_client, headers, "can I give my son baby aspirin for his fever?")
    [note] = notes_of(reply, "pediatric")
    assert "Reye's syndrome" in note["text"] and "(7 years old)" in note["text"]
    assert_cited(reply, note, "aspirin")


def test_kidney_disease_written_in_the_patients_words_gets_the_kidney_caution(library_client, services):
    headers = patient_with_profile(library_client, services, birth_date="1970-10-20",
                                   conditions=["Stage 4 CKD, on dialysis"])
    reply = ask(library_client, headers, "is Zyrtec ok for my hay fever?")
    [note] = notes_of(reply, "kidney")
    assert note["text"].startswith("You have Stage 4 CKD, on dialysis on file.")
    assert_cited(reply, note, "cetirizine")


def test_a_note_about_the_patients_own_medicine_never_tells_them_to_stop_it(library_client, services):
    headers = patient_with_profile(library_client, services, birth_date="1990-01-01", sex="female", pregnant=True,
                                   medications=[{"name": "lisinopril", "dose": "20 mg"}])
    reply = ask(library_client, headers, "what should I know about my lisinopril?")
    [note] = notes_of(reply, "pregnancy")
    assert "unborn baby" in note["text"]
    assert note["text"].endswith("Do not stop or change it on your own; ask your doctor or pharmacist first.")
    assert not re.search(r"(?:^|\. )(?:stop|change|lower)\b", for_you(reply), re.I)


def test_nothing_on_the_profile_that_matters_gives_no_for_you_part(library_client, services):
    headers = patient_with_profile(library_client, services, birth_date="1976-06-26", allergies=["shellfish"],
                                   medications=[{"name": "metformin", "dose": "500 mg"}])
    reply = ask(library_client, headers, "what are the side effects of metformin?")
    assert reply["personal_notes"] == [] and "For you:" not in reply["answer"]
