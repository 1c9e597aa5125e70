"""Reminders from the chat, through POST /api/v1/chat: echoed for confirmation, created on "yes", listed,
cancelled and "I took my pill"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fastapi.testclient import TestClient

from careline.auth.service import issue_token
from careline.chat.models import TurnContext
from careline.db import Database
from careline.patients.models import MedicationEntry, Profile
from careline.patients.service import create_patient
from careline.reminders.chat_handler import ReminderChatHandler
from careline.safety.models import SafetyAssessment
from careline.settings import Settings

ZONE = "America/New_York"


class Chat:
    """One patient talking to Careline in one conversation."""

    def __init__(self, client: TestClient, settings: Settings, *, profile: dict[str, Any] | None = None) -> None:
        self.client = client
        with Database(settings).session() as session:
            patient = create_patient(db_session=session, name="Ann Lee", timezone=ZONE)
            self.patient_id = patient.id
            self.auth = {"Authorization": "Bearer " + issue_token(db_session=session, kind="patient",
                                                                  principal_id=patient.id)}
        if profile:
            assert self.put_profile(profile).status_code == 200
        self.conversation_id: str | None = None

    def put_profile(self, profile: dict[str, Any]) -> Any:
        return self.client.put(f"/api/v1/patients/{self.patient_id}/profile", json=profile, headers=self.auth)

    def say(self, message: str) -> dict[str, Any]:
        response = self.client.post("/api/v1/chat", json={"message": message, "conversation_id": self.conversation_id},
                                    headers=self.auth)
        assert response.status_code == 200, response.text
        reply = response.json()
        self.conversation_id = reply["conversation_id"]
        return reply

    def reminders(self) -> list[dict[str, Any]]:
        response = self.client.get(f"/api/v1/patients/{self.patient_id}/reminders", headers=self.auth)
        return response.json()["reminders"]


@pytest.fixture()
def chat(library_client: TestClient, library_settings: Settings) -> Chat:
    return Chat(library_client, library_settings)


def test_a_reminder_is_echoed_for_confirmation_and_created_on_yes(chat: Chat) -> None:
    echo = chat.say("Remind me to take metformin 500 mg at 8am and 8pm")
    assert echo["answer"] == ("I'll remind you to take metformin 500 mg at 8:00 AM and 8:00 PM every day. "
                              "Shall I set it up? (yes/no)")
    assert echo["citations"] == [] and echo["safety"]["level"] == "routine"
    assert chat.reminders() == []  # nothing is set up before the patient says yes

    done = chat.say("yes")
    assert done["answer"].startswith("Done: your reminder for metformin 500 mg is set. The first reminder is ")
    [reminder] = chat.reminders()
    assert reminder["medication"] == "metformin" and reminder["dose"] == "500 mg"
    assert reminder["schedule"]["times"] == ["08:00", "20:00"] and reminder["schedule"]["days_of_week"] is None
    assert reminder["timezone"] == ZONE and reminder["status"] == "active" and reminder["source"] == "chat"
    assert done["reminder"]["id"] == reminder["id"]

    assert "dose" not in chat.say("yes").get("reminder", {})  # a second yes creates nothing more
    assert len(chat.reminders()) == 1


@pytest.mark.parametrize(
    ("message", "echo", "schedule"),
    [
        ("remind me to take amoxicillin every 8 hours for 10 days", "I'll remind you to take amoxicillin every 8 hours",
         {"every_hours": 8, "times": []}),
        ("remind me every Monday at 9 to take methotrexate", "I'll remind you to take methotrexate at 9:00 AM every "
         "Monday.", {"times": ["09:00"], "days_of_week": ["mon"]}),
        ("remind me to take my blood pressure pill weekdays at 7am", "I'll remind you to take blood pressure pill at "
         "7:00 AM on weekdays.", {"times": ["07:00"], "days_of_week": ["mon", "tue", "wed", "thu", "fri"]}),
        ("remind me to take atorvastatin at bedtime", "I'll remind you to take atorvastatin at 10:00 PM every day.",
         {"times": ["22:00"]}),
        ("remind me to take vitamin D twice a day", "I'll remind you to take vitamin D at 8:00 AM and 8:00 PM every "
         "day.", {"times": ["08:00", "20:00"]}),
        ("remind me to use my inhaler every morning", "I'll remind you to take inhaler at 8:00 AM every day.",
         {"times": ["08:00"]}),
    ],
)
def test_the_phrases_patients_use_become_the_right_schedule(chat: Chat, message: str, echo: str,
                                                             schedule: dict[str, Any]) -> None:
    reply = chat.say(message)
    assert reply["answer"].startswith(echo) and reply["answer"].endswith("Shall I set it up? (yes/no)")
    chat.say("yes please")
    [reminder] = chat.reminders()
    for key, value in schedule.items():
        assert reminder["schedule"][key] == value, key
    if schedule.get("every_hours"):
        start = datetime.fromisoformat(reminder["schedule"]["start"])
        end = datetime.fromisoformat(reminder["schedule"]["end"])
        assert end - start == timedelta(days=10)
        assert "for 10 days" in reply["answer"]


def test_no_drops_the_request_and_another_message_drops_it_too(chat: Chat) -> None:
    chat.say("remind me to take metformin at 8am")
    assert chat.say("no")["answer"] == "OK, I won't set it up."
    assert chat.reminders() == []
    chat.say("remind me to take metformin at 8am")
    chat.say("what are my reminders?")
    chat.say("yes")
    assert chat.reminders() == []


def test_the_dose_comes_from_the_patient_or_the_profile_never_invented(library_client: TestClient,
                                                                       library_settings: Settings) -> None:
    chat = Chat(library_client, library_settings, profile={
        "medications": [{"name": "Metformin", "dose": "1000 mg"}, {"name": "Lisinopril"}]})
    assert chat.say("remind me to take metformin at 8am")["answer"].startswith(
        "I'll remind you to take metformin 1000 mg (the dose on your profile) at 8:00 AM every day.")
    assert chat.say("remind me to take lisinopril at 8am")["answer"].startswith(
        "I'll remind you to take lisinopril at 8:00 AM every day.")
    assert chat.say("remind me to take aspirin at 8am")["answer"].startswith(
        "I'll remind you to take aspirin at 8:00 AM every day.")
    assert chat.say("remind me to take my pill at bedtime")["answer"].startswith(
        "Which medicine should I remind you about? Your profile lists Metformin and Lisinopril.")

    single = Chat(library_client, library_settings, profile={"medications": [{"name": "Levothyroxine",
                                                                              "dose": "50 mcg"}]})
    assert single.say("remind me to take my pill at 6:30am")["answer"].startswith(
        "I'll remind you to take Levothyroxine 50 mcg (the dose on your profile) at 6:30 AM every day.")


def test_a_request_without_a_time_asks_when(chat: Chat) -> None:
    reply = chat.say("remind me to take metformin")
    assert reply["answer"].startswith("When should I remind you to take metformin?")
    assert chat.say("yes")["answer"] != "OK, I won't set it up." and chat.reminders() == []


def test_what_are_my_reminders_lists_them_including_those_waiting_for_confirmation(chat: Chat) -> None:
    assert chat.say("what are my reminders?")["answer"].startswith("You have no reminders yet.")
    chat.say("remind me to take metformin 500 mg at 8am and 8pm")
    chat.say("yes")
    chat.client.post(f"/api/v1/patients/{chat.patient_id}/fhir", headers=chat.auth, json={
        "resourceType": "Bundle", "type": "collection", "entry": [{"resource": {
            "resourceType": "MedicationRequest", "id": "rx-d", "status": "active", "intent": "order",
            "subject": {"reference": "Patient/x"}, "medicationCodeableConcept": {"text": "Vitamin D3"},
            "dosageInstruction": [{"timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "d"}}}]}}]})
    listed = chat.say("What are my reminders?")
    lines = listed["answer"].splitlines()
    assert lines[0] == "Your reminders:"
    assert lines[1].startswith("- metformin 500 mg: at 8:00 AM and 8:00 PM every day; next: ")
    assert lines[2] == ("- Vitamin D3: at 8:00 AM every day (waiting for your OK: say \"confirm my Vitamin D3 "
                        "reminder\")")
    assert len(listed["reminders"]) == 2

    confirmed = chat.say("confirm my vitamin d3 reminder")
    assert confirmed["answer"].startswith("Done: your reminder is on for Vitamin D3 at 8:00 AM every day")
    assert {r["status"] for r in chat.reminders()} == {"active"}


def test_cancelling_a_reminder_asks_first(chat: Chat) -> None:
    for message in ("remind me to take metformin 500 mg at 8am and 8pm", "yes",
                    "remind me to take atorvastatin at bedtime", "yes"):
        chat.say(message)
    ask = chat.say("cancel my metformin reminder")
    assert ask["answer"] == ("Cancel your reminder for metformin 500 mg at 8:00 AM and 8:00 PM every day? (yes/no)")
    assert len(chat.reminders()) == 2
    assert chat.say("no")["answer"] == "OK, I'll keep your reminder as it is."
    assert len(chat.reminders()) == 2
    chat.say("cancel my metformin reminder")
    assert chat.say("yes")["answer"] == "Done: I've cancelled your reminder for metformin."
    assert [r["medication"] for r in chat.reminders()] == ["atorvastatin"]
    assert chat.say("cancel my insulin reminder")["answer"] == (
        "I couldn't find a reminder for insulin. Your reminders are for atorvastatin.")


def test_i_took_my_pill_records_the_nearest_due_dose(chat: Chat) -> None:
    zone = ZoneInfo(ZONE)
    local_now = datetime.now(UTC).astimezone(zone)
    due_local = (local_now - timedelta(minutes=20)).replace(second=0, microsecond=0)
    created = chat.client.post(f"/api/v1/patients/{chat.patient_id}/reminders", headers=chat.auth, json={
        "medication": "metformin", "dose": "500 mg", "schedule": {"times": [due_local.strftime("%H:%M")]}})
    assert created.status_code == 201, created.text
    reminder_id = created.json()["id"]

    reply = chat.say("I took my metformin")
    assert reply["answer"].startswith("Noted: your metformin 500 mg dose due ")
    assert reply["answer"].endswith(f"at {due_local.strftime('%-I:%M %p')} is recorded as taken.")
    doses = chat.client.get(f"/api/v1/patients/{chat.patient_id}/reminders/{reminder_id}/doses",
                            headers=chat.auth).json()["doses"]
    assert [(d["status"], datetime.fromisoformat(d["due"])) for d in doses] == [("taken", due_local)]

    assert chat.say("I took my lisinopril")["answer"].startswith("You have no active reminder for lisinopril")


def test_worrying_messages_are_left_to_the_safety_answer(chat: Chat) -> None:
    chat.say("remind me to take metformin at 8am and 8pm")
    chat.say("yes")
    reply = chat.say("I took two pills by mistake")
    assert reply["safety"]["level"] != "routine"
    assert "recorded as taken" not in reply["answer"]


# --- the handler on its own, with a fixed clock ------------------------------------------------------


def turn(message: str, state: dict[str, Any], *, patient_id: str | None, profile: Profile | None,
         now: datetime) -> TurnContext:
    return TurnContext(message=message, conversation_id="conv_test", patient_id=patient_id, profile=profile,
                       safety=SafetyAssessment(), history=[], state=state, now=now)


def test_the_handler_keeps_the_pending_request_in_the_conversation_state(settings: Settings) -> None:
    database = Database(settings)
    database.migrate()
    with database.session() as session:
        patient_id = create_patient(db_session=session, name="Ann", timezone=ZONE).id
    handler = ReminderChatHandler(database, settings)
    profile = Profile(name="Ann", timezone=ZONE, medications=[MedicationEntry(name="Warfarin", dose="5 mg")])
    now = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
    state: dict[str, Any] = {"other_handler": {"kept": True}}

    echo = handler.handle(turn("remind me to take warfarin at 6pm", state, patient_id=patient_id, profile=profile,
                               now=now))
    assert echo is not None and "warfarin 5 mg (the dose on your profile) at 6:00 PM every day" in echo.answer
    assert state["reminders"]["pending"]["action"] == "create" and state["other_handler"] == {"kept": True}

    late = now + timedelta(minutes=31)  # a "yes" long after the question does not set anything up
    assert handler.handle(turn("yes", state, patient_id=patient_id, profile=profile, now=late)) is None
    assert "reminders" not in state

    handler.handle(turn("remind me to take warfarin at 6pm", state, patient_id=patient_id, profile=profile, now=now))
    done = handler.handle(turn("yes", state, patient_id=patient_id, profile=profile, now=now))
    assert done is not None and done.answer == ("Done: your reminder for warfarin 5 mg is set. The first reminder is "
                                                "today at 6:00 PM.")
    assert handler.handle(turn("what is warfarin?", state, patient_id=patient_id, profile=profile, now=now)) is None

    anonymous = handler.handle(turn("remind me to take warfarin at 6pm", {}, patient_id=None, profile=None, now=now))
    assert anonymous is not None and anonymous.answer.startswith("Reminders belong to a patient account")
