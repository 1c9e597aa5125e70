"""Reminder phrases typed in the chat, as the parser understands them (table tests)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from careline.fhir.timing import ClinicTimes
from careline.reminders.nlu import (
    CancelReminder,
    ConfirmReminder,
    DoseTaken,
    ListReminders,
    NeedsDetail,
    ReminderRequest,
    parse_reminder_message,
    parse_yes_no,
)
from careline.settings import Settings

ZONE = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 4, 15, 2, tzinfo=UTC)  # Wednesday 10:02 in New York
CLINIC = ClinicTimes.from_settings(Settings())
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def parse(text: str, clinic: ClinicTimes = CLINIC):
    return parse_reminder_message(text, clinic=clinic, zone=ZONE, now=NOW)


@pytest.mark.parametrize(
    ("text", "medication", "dose", "times", "days"),
    [
        ("remind me to take metformin 500 mg at 8am and 8pm", "metformin", "500 mg", ("08:00", "20:00"), None),
        ("Remind me to take Metformin 500mg at 8 AM and 8 PM.", "Metformin", "500 mg", ("08:00", "20:00"), None),
        ("remind me every Monday at 9 to take methotrexate", "methotrexate", None, ("09:00",), ("mon",)),
        ("remind me to take my blood pressure pill weekdays at 7am", "blood pressure pill", None, ("07:00",), WEEKDAYS),
        ("remind me to take levothyroxine every weekday at 6am", "levothyroxine", None, ("06:00",), WEEKDAYS),
        ("remind me to take atorvastatin at bedtime", "atorvastatin", None, ("22:00",), None),
        ("remind me to take melatonin before bed", "melatonin", None, ("22:00",), None),
        ("remind me to take 0.5 mg of lorazepam at bedtime", "lorazepam", "0.5 mg", ("22:00",), None),
        ("remind me to take vitamin D twice a day", "vitamin D", None, ("08:00", "20:00"), None),
        ("Please remind me to take Eliquis 5mg twice daily", "Eliquis", "5 mg", ("08:00", "20:00"), None),
        ("remind me to take ibuprofen 400 mg three times a day", "ibuprofen", "400 mg", ("08:00", "14:00", "20:00"),
         None),
        ("remind me to take aspirin once a day", "aspirin", None, ("08:00",), None),
        ("remind me to take aspirin daily", "aspirin", None, ("08:00",), None),
        ("remind me to use my inhaler every morning", "inhaler", None, ("08:00",), None),
        ("Can you remind me to take 2 puffs of Ventolin every morning and evening?", "Ventolin", "2 puffs",
         ("08:00", "18:00"), None),
        ("remind me to take my Lisinopril 10 mg every morning at 7", "Lisinopril", "10 mg", ("07:00",), None),
        ("remind me to take metformin every evening at 7", "metformin", None, ("19:00",), None),
        ("remind me to take metformin at 8 in the evening", "metformin", None, ("20:00",), None),
        ("remind me to take metformin at 8 and 20", "metformin", None, ("08:00", "20:00"), None),
        ("remind me to take my medicine at 8 am, 2 pm and 8 pm", "medicine", None, ("08:00", "14:00", "20:00"), None),
        ("remind me to take medication at 21:00", "medication", None, ("21:00",), None),
        ("please set a reminder for lisinopril 10mg at 7:30", "lisinopril", "10 mg", ("07:30",), None),
        ("set a reminder: metformin 500mg 8am", "metformin", "500 mg", ("08:00",), None),
        ("I'd like a reminder to take metformin at 8am", "metformin", None, ("08:00",), None),
        ("set up a reminder to take insulin 10 units before breakfast", "insulin", "10 units", ("07:30",), None),
        ("remind me to take omeprazole 20 mg before breakfast", "omeprazole", "20 mg", ("07:30",), None),
        ("remind me to take my metformin with breakfast and dinner", "metformin", None, ("08:00", "18:00"), None),
        ("remind me to take 1 tablet of amlodipine at noon", "amlodipine", "1 tablet", ("12:00",), None),
        ("remind me at noon to take my vitamin", "vitamin", None, ("12:00",), None),
        ("remind me about my insulin at 7am and 7pm", "insulin", None, ("07:00", "19:00"), None),
        ("remind me to take warfarin at 6pm on mondays, wednesdays and fridays", "warfarin", None, ("18:00",),
         ("mon", "wed", "fri")),
        ("remind me on Sundays at 10am to take alendronate 70 mg", "alendronate", "70 mg", ("10:00",), ("sun",)),
        ("remind me to take vitamin b12 every monday", "vitamin b12", None, ("08:00",), ("mon",)),
        ("remind me to take evening primrose oil at 8am", "evening primrose oil", None, ("08:00",), None),
        ("remind me to take metformin 1,000 mg at 8am", "metformin", "1,000 mg", ("08:00",), None),
        ("remind me to take my pills on weekends at 9", "pills", None, ("09:00",), ("sat", "sun")),
    ],
)
def test_reminder_requests_with_times(text: str, medication: str, dose: str | None, times: tuple[str, ...],
                                      days: tuple[str, ...] | None) -> None:
    result = parse(text)
    assert isinstance(result, ReminderRequest), result
    assert (result.medication, result.dose, result.times, result.days_of_week) == (medication, dose, times, days)
    assert result.every_hours is None


def test_every_8_hours_for_10_days_is_a_course_from_now() -> None:
    result = parse("remind me to take amoxicillin every 8 hours for 10 days")
    assert isinstance(result, ReminderRequest)
    assert (result.medication, result.every_hours, result.times, result.duration_days) == ("amoxicillin", 8, (), 10)
    assert result.start == datetime(2026, 3, 4, 15, 5, tzinfo=UTC)  # the next five-minute mark
    assert (result.end - result.start).days == 10


@pytest.mark.parametrize(
    ("text", "hours", "start"),
    [
        ("remind me to take my antibiotic every 12 hours starting at 7am for a week", 12,
         datetime(2026, 3, 5, 7, 0, tzinfo=ZONE)),
        ("remind me to take iron every other day at 9am", 48, datetime(2026, 3, 5, 9, 0, tzinfo=ZONE)),
        ("remind me to take amoxicillin 500mg every 8 hours", 8, datetime(2026, 3, 4, 15, 5, tzinfo=UTC)),
        ("remind me to take paracetamol every six hours from 2pm", 6, datetime(2026, 3, 4, 14, 0, tzinfo=ZONE)),
    ],
)
def test_interval_reminders_start_at_the_named_time(text: str, hours: int, start: datetime) -> None:
    result = parse(text)
    assert isinstance(result, ReminderRequest), result
    assert result.every_hours == hours and result.start == start and result.times == ()


def test_a_course_of_days_ends_after_that_many_days_of_doses() -> None:
    result = parse("remind me to take prednisone 20 mg every morning for 5 days starting tomorrow")
    assert isinstance(result, ReminderRequest)
    assert result.start == datetime(2026, 3, 5, 0, 0, tzinfo=ZONE)
    assert result.end == datetime(2026, 3, 10, 0, 0, tzinfo=ZONE)  # doses on the 5th to the 9th
    today = parse("remind me to take metformin at 8pm for 2 days")
    assert today.end == datetime(2026, 3, 6, 0, 0, tzinfo=ZONE)  # tonight and tomorrow night


def test_bedtime_and_clinic_times_follow_the_settings() -> None:
    clinic = ClinicTimes.from_settings(Settings(bedtime="23:15", default_dose_times={2: ["09:00", "21:00"]},
                                                clinic_event_times={"MORN": "07:15"}))
    assert parse("remind me to take atorvastatin at bedtime", clinic).times == ("23:15",)
    assert parse("remind me to take vitamin D twice a day", clinic).times == ("09:00", "21:00")
    assert parse("remind me to use my inhaler every morning", clinic).times == ("07:15",)


def test_generic_words_for_a_medicine_are_marked_so_the_profile_can_name_it() -> None:
    for text in ("remind me to take my pills at bedtime", "remind me to take my meds at 9pm",
                 "remind me to take it at 8"):
        result = parse(text)
        assert isinstance(result, ReminderRequest) and result.generic_medicine, text
    assert not parse("remind me to take metformin at 8").generic_medicine


@pytest.mark.parametrize(
    ("text", "missing", "medication"),
    [
        ("remind me to take metformin", "time", "metformin"),
        ("remind me to take my pill", "time", None),
        ("remind me at 8pm", "medication", None),
        ("set a reminder for 7am", "medication", None),
    ],
)
def test_a_request_missing_its_medicine_or_time_asks_for_it(text: str, missing: str, medication: str | None) -> None:
    assert parse(text) == NeedsDetail(missing, medication)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("what are my reminders?", ListReminders()),
        ("What reminders do I have", ListReminders()),
        ("show my reminders", ListReminders()),
        ("list reminders", ListReminders()),
        ("do I have any reminders?", ListReminders()),
        ("my reminders", ListReminders()),
        ("cancel my metformin reminder", CancelReminder("metformin")),
        ("Please delete the reminder for lisinopril", CancelReminder("lisinopril")),
        ("remove my vitamin D reminder", CancelReminder("vitamin d")),
        ("stop reminding me about vitamin d", CancelReminder("vitamin d")),
        ("turn off the reminder for my inhaler", CancelReminder("inhaler")),
        ("cancel all my reminders", CancelReminder("*")),
        ("cancel my reminder", CancelReminder(None)),
        ("confirm my vitamin D reminder", ConfirmReminder("vitamin d")),
        ("I took my pill", DoseTaken(None)),
        ("I took my metformin", DoseTaken("metformin")),
        ("i've taken my metformin 500 mg", DoseTaken("metformin")),
        ("I just took my meds", DoseTaken(None)),
        ("ok, I took it", DoseTaken(None)),
        ("I have taken my lisinopril this morning", DoseTaken("lisinopril")),
    ],
)
def test_list_cancel_confirm_and_took_my_pill(text: str, intent: object) -> None:
    assert parse(text) == intent


@pytest.mark.parametrize(
    "text",
    [
        "what is metformin used for?",
        "can I take ibuprofen with lisinopril?",
        "stop metformin",  # stopping a medicine is not cancelling a reminder
        "I take metformin at 8am",
        "I didn't take my pill",
        "I forgot to take my metformin",
        "I took two pills by mistake",
        "I took my pill twice",
        "I took too many tablets",
        "did I take my pill?",
        "I took a walk? what else helps blood pressure",
        "how do I remember to take my medicine",
        "what happens if I miss a dose of warfarin",
    ],
)
def test_other_messages_are_not_reminder_intents(text: str) -> None:
    assert parse(text) is None


@pytest.mark.parametrize(
    ("text", "answer"),
    [("yes", True), ("Yes please", True), ("yep!", True), ("ok", True), ("sure, go ahead", True), ("y", True),
     ("no", False), ("No thanks", False), ("nope", False), ("don't", False), ("cancel", False),
     ("what is metformin?", None), ("maybe later perhaps if that is fine with you", None), ("", None)],
)
def test_yes_and_no(text: str, answer: bool | None) -> None:
    assert parse_yes_no(text) is answer
