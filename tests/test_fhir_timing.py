"""FHIR Dosage.timing -> reminder schedules: which timings become reminders, at which times, and which do not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from fhir.resources.R4B.dosage import Dosage

from careline.fhir.timing import (
    ClinicTimes,
    CourseEnded,
    NoSchedule,
    describe_dosage,
    dose_text,
    schedule_from_dosage,
)
from careline.settings import Settings

ZONE = ZoneInfo("America/New_York")
NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # Wednesday 10:00 in New York
CLINIC = ClinicTimes.from_settings(Settings())


def schedule(dosage: dict[str, Any], *, clinic: ClinicTimes = CLINIC, course_start: datetime | None = None):
    return schedule_from_dosage(Dosage.model_validate(dosage), clinic=clinic, zone=ZONE, course_start=course_start,
                                now=NOW)


def repeat(**fields: Any) -> dict[str, Any]:
    return {"timing": {"repeat": fields}}


@pytest.mark.parametrize(
    ("dosage", "times", "days", "proposed"),
    [
        (repeat(timeOfDay=["08:00:00", "20:00:00"]), ["08:00", "20:00"], None, False),
        (repeat(frequency=2, period=1, periodUnit="d", timeOfDay=["09:30:00", "21:30:00"]), ["09:30", "21:30"], None,
         False),
        (repeat(when=["MORN"]), ["08:00"], None, False),
        (repeat(when=["MORN", "EVE"]), ["08:00", "18:00"], None, False),
        (repeat(when=["HS"]), ["22:00"], None, False),
        (repeat(when=["C"]), ["08:00", "12:00", "18:00"], None, False),
        (repeat(when=["AC"]), ["07:30", "11:30", "17:30"], None, False),
        (repeat(when=["PCV"], offset=60), ["19:00"], None, False),
        (repeat(when=["ACM"], offset=15), ["07:45"], None, False),
        (repeat(frequency=1, period=1, periodUnit="d"), ["08:00"], None, True),
        (repeat(frequency=2, period=1, periodUnit="d"), ["08:00", "20:00"], None, True),
        (repeat(frequency=3, period=1, periodUnit="d"), ["08:00", "14:00", "20:00"], None, True),
        (repeat(frequency=4, period=1, periodUnit="d"), ["08:00", "12:00", "16:00", "20:00"], None, True),
        (repeat(frequency=6, period=1, periodUnit="d"), ["00:00", "04:00", "08:00", "12:00", "16:00", "20:00"], None,
         True),
        (repeat(frequency=1, period=1, periodUnit="wk", dayOfWeek=["mon", "thu"], timeOfDay=["09:00:00"]), ["09:00"],
         ["mon", "thu"], False),
        (repeat(frequency=1, period=1, periodUnit="wk", dayOfWeek=["fri"]), ["08:00"], ["fri"], True),
        (repeat(frequency=1, period=1, periodUnit="wk"), ["08:00"], ["wed"], True),  # the day it starts
        ({"timing": {"code": {"coding": [{"code": "BID"}]}}}, ["08:00", "20:00"], None, True),
        ({"timing": {"code": {"coding": [{"code": "AM"}]}}}, ["08:00"], None, False),
    ],
)
def test_timings_with_times_or_a_daily_count_become_time_schedules(
    dosage: dict[str, Any], times: list[str], days: list[str] | None, proposed: bool
) -> None:
    result = schedule(dosage)
    assert (result.times, result.days_of_week, result.every_hours) == (times, days, None)
    assert result.proposed_by_careline is proposed


@pytest.mark.parametrize(
    ("dosage", "hours", "proposed"),
    [
        (repeat(frequency=1, period=8, periodUnit="h"), 8, False),
        (repeat(frequency=3, period=1, periodUnit="d"), None, True),  # a daily count: times, not an interval
        (repeat(frequency=2, period=24, periodUnit="h"), 12, False),
        (repeat(frequency=1, period=90, periodUnit="min"), None, None),
        (repeat(frequency=1, period=2, periodUnit="d"), 48, True),
        ({"timing": {"code": {"coding": [{"code": "Q6H"}]}}}, 6, False),
    ],
)
def test_interval_timings_become_every_n_hours_from_a_clinic_time(
    dosage: dict[str, Any], hours: int | None, proposed: bool | None
) -> None:
    if proposed is None:
        with pytest.raises(NoSchedule, match="whole hours only"):
            schedule(dosage)
        return
    result = schedule(dosage)
    if hours is None:
        assert result.every_hours is None and result.times
        return
    assert result.every_hours == hours and result.times == []
    assert result.start == datetime(2026, 3, 5, 8, 0, tzinfo=ZONE)  # the next 08:00, not the minute of import
    assert result.proposed_by_careline is proposed


def test_a_course_given_as_a_duration_ends_after_it() -> None:
    result = schedule(repeat(frequency=1, period=8, periodUnit="h",
                             boundsDuration={"value": 10, "unit": "days", "code": "d"}))
    assert result.every_hours == 8 and result.end == NOW + timedelta(days=10)
    started = schedule(repeat(frequency=1, period=1, periodUnit="d", timeOfDay=["08:00:00"],
                              boundsDuration={"value": 2, "code": "wk"}), course_start=NOW - timedelta(days=3))
    assert started.end == NOW + timedelta(days=11) and started.start is None  # already running: from now


def test_bounds_period_dates_are_local_and_an_end_date_covers_its_day() -> None:
    result = schedule(repeat(timeOfDay=["08:00:00"], boundsPeriod={"start": "2026-04-01", "end": "2026-04-30"}))
    assert result.start == datetime(2026, 4, 1, 0, 0, tzinfo=ZONE)
    assert result.end == datetime(2026, 4, 30, 23, 59, 59, tzinfo=ZONE)


def test_a_count_of_doses_ends_the_course() -> None:
    result = schedule(repeat(frequency=3, period=1, periodUnit="d", count=30))
    assert result.end == datetime(2026, 3, 13, 23, 59, 59, tzinfo=ZONE)  # 30 doses at 3 a day = 10 days


@pytest.mark.parametrize(
    ("dosage", "reason", "error"),
    [
        ({"asNeededBoolean": True}, "taken as needed", NoSchedule),
        ({"asNeededCodeableConcept": {"text": "pain"}, **repeat(frequency=1, period=4, periodUnit="h")},
         "taken as needed", NoSchedule),
        ({"text": "one tablet daily"}, "the dosage gives no timing", NoSchedule),
        (repeat(frequency=1, period=1, periodUnit="mo"), "not supported for reminders", NoSchedule),
        (repeat(frequency=2, period=3, periodUnit="wk"), "not supported for reminders", NoSchedule),
        (repeat(when=["PHS"]), "the timing event 'PHS' has no clinic time", NoSchedule),
        (repeat(frequency=1, period=1, periodUnit="d", boundsPeriod={"start": "2019-01-01", "end": "2019-02-01"}),
         "the course ended on 2019-02-01", CourseEnded),
        (repeat(frequency=1, period=1, periodUnit="d", boundsPeriod={"end": "2026-03"}), None, None),
    ],
)
def test_timings_without_a_reminder_say_why(dosage: dict[str, Any], reason: str | None, error: type | None) -> None:
    if error is None:
        assert schedule(dosage).end == datetime(2026, 3, 31, 23, 59, 59, tzinfo=ZONE)  # a month covers the month
        return
    with pytest.raises(error, match=reason):
        schedule(dosage)


def test_clinic_times_and_bedtime_come_from_settings() -> None:
    clinic = ClinicTimes.from_settings(Settings(bedtime="21:30", default_dose_times={2: ["07:00", "19:00"]},
                                                clinic_event_times={"MORN": "06:45"}))
    assert schedule(repeat(when=["HS"]), clinic=clinic).times == ["21:30"]
    assert schedule(repeat(when=["MORN"]), clinic=clinic).times == ["06:45"]
    assert schedule(repeat(frequency=2, period=1, periodUnit="d"), clinic=clinic).times == ["07:00", "19:00"]
    with pytest.raises(ValueError, match="not a time as HH:MM"):
        Settings(bedtime="9pm")


@pytest.mark.parametrize(
    ("dose_and_rate", "text"),
    [
        ([{"doseQuantity": {"value": 500, "unit": "mg"}}], "500 mg"),
        ([{"doseQuantity": {"value": 0.5, "unit": "mg"}}], "0.5 mg"),
        ([{"doseQuantity": {"value": 2, "unit": "tablet"}}], "2 tablets"),
        ([{"doseQuantity": {"value": 1, "unit": "tablet"}}], "1 tablet"),
        ([{"doseQuantity": {"value": 1}}], "1"),  # Synthea: a number, no unit; nothing is added
        ([{"doseRange": {"low": {"value": 1}, "high": {"value": 2, "unit": "puff"}}}], "1-2 puffs"),
        ([{"rateQuantity": {"value": 5, "unit": "mL/h"}}], None),
        (None, None),
    ],
)
def test_the_dose_is_what_the_prescription_states_and_never_invented(dose_and_rate: Any, text: str | None) -> None:
    dosage = {"doseAndRate": dose_and_rate} if dose_and_rate else {}
    assert dose_text(Dosage.model_validate(dosage)) == text


def test_instructions_are_the_prescriptions_text_or_its_timing_in_words() -> None:
    written = Dosage.model_validate({"text": "Take one  tablet\nwith food"})
    assert describe_dosage(written) == "Take one tablet with food"
    assert describe_dosage(Dosage.model_validate(repeat(frequency=2, period=1, periodUnit="d"))) == "2 times a day"
    assert describe_dosage(Dosage.model_validate({"asNeededCodeableConcept": {"text": "wheezing"}})) == \
        "as needed for wheezing"
    assert describe_dosage(Dosage.model_validate(repeat(when=["HS"]))) == "at bedtime"
    assert describe_dosage(Dosage.model_validate({})) is None
