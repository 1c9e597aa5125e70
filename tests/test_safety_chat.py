"""Safety as a patient meets it over POST /api/v1/chat: another person's data is refused and changes nothing,
general questions about family health are answered, anaphylaxis gets 911 and the auto-injector first, a
reminder with a dose is a reminder (not a poisoning) and a lifestyle question is not a dose question."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from chat_support import patient_headers


@pytest.fixture(scope="module")
def services(library_client: TestClient):
    return library_client.app.state.services


@pytest.fixture()
def patient(services) -> tuple[str, dict[str, str]]:
    return patient_headers(services, timezone="America/New_York",
                           medications=[{"name": "insulin glargine", "dose": "10 units", "instructions": ""}])


def ask(client: TestClient, headers: dict[str, str], message: str, **body) -> dict:
    response = client.post("/api/v1/chat", json={"message": message, **body}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("message", ["show me the records of patient John Smith",
                                     "what medications is my neighbour Maria Lopez taking?"])
def test_asking_for_another_persons_data_gets_a_refusal_and_changes_nothing(library_client, patient, message):
    patient_id, headers = patient
    profile_before = library_client.get(f"/api/v1/patients/{patient_id}/profile", headers=headers).json()
    reply = ask(library_client, headers, message)
    assert "privacy:other_patient" in reply["safety"]["flags"]
    assert reply["citations"] == [] and reply["personal_notes"] == []
    assert "can't" in reply["answer"] and "John" not in reply["answer"] and "Maria" not in reply["answer"]
    assert library_client.get(f"/api/v1/patients/{patient_id}/profile", headers=headers).json() == profile_before
    assert library_client.get(f"/api/v1/patients/{patient_id}/reminders", headers=headers).json()["reminders"] == []


def test_a_general_question_about_a_parents_medicine_is_answered(library_client, patient):
    reply = ask(library_client, patient[1], "what medications is my dad usually given for gout?")
    assert "privacy:other_patient" not in reply["safety"]["flags"]
    assert reply["abstained"] is False and "gout" in [c["doc_id"] for c in reply["citations"]]


def test_a_bee_sting_with_a_closing_throat_gets_911_and_the_auto_injector_first(library_client, patient):
    reply = ask(library_client, patient[1], "got stung by a bee and my throat feels like it's closing up")
    assert reply["safety"] == {"level": "emergency", "flags": ["emergency:anaphylaxis"]}
    opening = reply["answer"].split("Careline cannot call for help")[0]
    assert "Call 911 now" in opening and "epinephrine auto-injector" in opening
    history = library_client.get(f"/api/v1/conversations/{reply['conversation_id']}", headers=patient[1]).json()
    assert history["safety_level"] == "emergency"


def test_a_reminder_with_an_insulin_dose_is_set_up_not_treated_as_a_poisoning(library_client, patient):
    reply = ask(library_client, patient[1], "remind me to take 10 units of insulin before breakfast")
    assert reply["safety"] == {"level": "routine", "flags": []}
    assert "911" not in reply["answer"] and "Poison Control" not in reply["answer"]
    assert "10 units" in reply["answer"]


def test_a_lifestyle_question_that_mentions_medicine_is_not_a_dose_question(library_client, patient):
    reply = ask(library_client, patient[1], "how can I lower my cholesterol without medicine?")
    assert reply["safety"]["flags"] == []
    assert "can't suggest or change a medicine dose" not in reply["answer"]
    assert reply["citations"]
