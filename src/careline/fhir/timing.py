"""Dose times from FHIR R4 `Dosage.timing`, and the clinic's named times ('MORN', bedtime, meals).

A dosage becomes a reminder schedule only when its timing says when: given clock times (`timeOfDay`),
named events (`when`), or every N hours. 'N times a day' without times gets the clinic's proposed
default times and must be confirmed by the patient. As-needed doses and timings a reminder cannot
express get no schedule, with the reason.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from careline.settings import Settings

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# UCUM units FHIR uses for periods and durations, in hours.
UNIT_HOURS = {"s": 1 / 3600, "min": 1 / 60, "h": 1, "d": 24, "wk": 24 * 7, "mo": 24 * 30, "a": 24 * 365}
_UNIT_WORDS = {"second": "s", "seconds": "s", "minute": "min", "minutes": "min", "hour": "h", "hours": "h",
               "day": "d", "days": "d", "week": "wk", "weeks": "wk", "month": "mo", "months": "mo",
               "year": "a", "years": "a"}
MEAL_EVENTS = {"C": ("CM", "CD", "CV"), "AC": ("CM", "CD", "CV"), "PC": ("CM", "CD", "CV"),
               "CM": ("CM",), "ACM": ("CM",), "PCM": ("CM",), "CD": ("CD",), "ACD": ("CD",), "PCD": ("CD",),
               "CV": ("CV",), "ACV": ("CV",), "PCV": ("CV",)}
# Common v3-GTSAbbreviation codes (Timing.code) as the repeat they stand for.
TIMING_CODES: dict[str, dict[str, Any]] = {
    "QD": {"frequency": 1, "period": 1, "periodUnit": "d"}, "BID": {"frequency": 2, "period": 1, "periodUnit": "d"},
    "TID": {"frequency": 3, "period": 1, "periodUnit": "d"}, "QID": {"frequency": 4, "period": 1, "periodUnit": "d"},
    "QOD": {"frequency": 1, "period": 2, "periodUnit": "d"}, "AM": {"when": ["MORN"]}, "PM": {"when": ["EVE"]},
    "Q4H": {"frequency": 1, "period": 4, "periodUnit": "h"}, "Q6H": {"frequency": 1, "period": 6, "periodUnit": "h"},
    "Q8H": {"frequency": 1, "period": 8, "periodUnit": "h"}, "Q12H": {"frequency": 1, "period": 12, "periodUnit": "h"},
    "WK": {"frequency": 1, "period": 1, "periodUnit": "wk"},
}


class NoSchedule(Exception):
    """This dosage gets no reminder; the message says why in words a clinician understands."""


class CourseEnded(NoSchedule):
    """The dosage's course is over: the medicine is no longer being taken."""


@dataclass(frozen=True)
class ClinicTimes:
    """The clinic's wall-clock times for named events and for 'N times a day' (from settings)."""

    bedtime: str = "22:00"
    default_dose_times: dict[int, list[str]] = field(default_factory=dict)
    event_times: dict[str, str] = field(default_factory=dict)
    meal_offset_minutes: int = 30

    @classmethod
    def from_settings(cls, settings: Settings) -> ClinicTimes:
        return cls(bedtime=settings.bedtime, default_dose_times=dict(settings.default_dose_times),
                   event_times=dict(settings.clinic_event_times), meal_offset_minutes=settings.meal_offset_minutes)

    def default_times(self, per_day: int) -> list[str]:
        """Proposed times for 'per_day doses a day': the configured ones, else evenly spread from the first."""
        if per_day in self.default_dose_times:
            return sorted(self.default_dose_times[per_day])
        first = parse_hhmm(self.default_dose_times.get(1, ["08:00"])[0])
        step = 24 * 60 // per_day
        return sorted({format_hhmm(add_minutes(first, step * n)) for n in range(per_day)})

    def event_time(self, code: str, offset_minutes: int | None = None) -> list[str]:
        """Times for one FHIR `when` code; before/after-meal codes move the meal time by the offset."""
        if code == "HS":
            return [self.bedtime]
        if code in MEAL_EVENTS:
            minutes = self.meal_offset_minutes if offset_minutes is None else offset_minutes
            sign = -1 if code.startswith("AC") else 1 if code.startswith("PC") else 0
            return [format_hhmm(add_minutes(parse_hhmm(self.event_times[meal]), sign * minutes))
                    for meal in MEAL_EVENTS[code] if meal in self.event_times]
        if code in self.event_times:
            return [format_hhmm(add_minutes(parse_hhmm(self.event_times[code]), offset_minutes or 0))]
        raise NoSchedule(f"the timing event '{code}' has no clinic time")


@dataclass(frozen=True)
class ScheduleProposal:
    """A reminder schedule in the contract's shape, and whether Careline chose the times itself."""

    times: list[str]
    days_of_week: list[str] | None
    every_hours: int | None
    start: datetime | None
    end: datetime | None
    proposed_by_careline: bool  # True: the patient must confirm (status pending_confirmation)


def parse_hhmm(text: str) -> time:
    hour, minute = text.split(":")[:2]
    return time(int(hour), int(minute))


def format_hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def add_minutes(value: time, minutes: int) -> time:
    total = (value.hour * 60 + value.minute + minutes) % (24 * 60)
    return time(total // 60, total % 60)


def fhir_moment(value: object, zone: ZoneInfo, *, end_of_day: bool = False) -> datetime | None:
    """A FHIR date/dateTime ('2026', '2026-03', date, datetime) as an aware datetime.

    Dates without a time are local to the patient; an end date covers its whole day.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=zone)
    if isinstance(value, str):
        parts = [int(part) for part in value.split("-")]
        day = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
        if end_of_day:  # a partial end date ('2026-03') covers the whole month or year
            day = _last_day_of(day, precision=len(parts))
    elif isinstance(value, date):
        day = value
    else:
        return None
    moment = datetime.combine(day, time(0, 0), tzinfo=zone)
    return moment + timedelta(days=1, seconds=-1) if end_of_day else moment


def _last_day_of(day: date, *, precision: int) -> date:
    if precision == 1:
        return date(day.year, 12, 31)
    if precision == 2:
        following = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return following - timedelta(days=1)
    return day


def duration_hours(value: Any) -> float | None:
    """A FHIR Duration (value + UCUM code or unit word) in hours."""
    if value is None or value.value is None:
        return None
    unit = value.code or _UNIT_WORDS.get((value.unit or "").lower(), value.unit)
    return float(value.value) * UNIT_HOURS[unit] if unit in UNIT_HOURS else None


def dose_text(dosage: Any) -> str | None:
    """The dose exactly as the prescription states it ('500 mg', '1-2 tablet'); None when it states none."""
    for dose_and_rate in dosage.doseAndRate or []:
        quantity = dose_and_rate.doseQuantity
        if quantity is not None and quantity.value is not None:
            unit = _counted(quantity.unit or quantity.code, quantity.value)
            return " ".join(part for part in (_number(quantity.value), unit) if part)
        dose_range = dose_and_rate.doseRange
        if dose_range is not None and dose_range.low is not None and dose_range.high is not None:
            unit = _counted(dose_range.high.unit or dose_range.low.unit or dose_range.high.code, 2)
            amount = f"{_number(dose_range.low.value)}-{_number(dose_range.high.value)}"
            return " ".join(part for part in (amount, unit) if part)
    return None


COUNT_UNITS = {"tablet", "capsule", "puff", "drop", "spray", "patch", "unit", "application", "sachet", "lozenge",
               "suppository", "injection", "actuation", "pill", "inhalation"}


def _counted(unit: str | None, value: Decimal | float | int | None) -> str | None:
    """'4 tablet' reads '4 tablets': countable unit words take a plural (UCUM codes stay as they are)."""
    if not unit or unit.lower() not in COUNT_UNITS or value is None or Decimal(str(value)) == 1:
        return unit
    return unit + ("es" if unit.lower().endswith(("ch", "sh")) else "s")


def _number(value: Decimal | float | int | None) -> str:
    if value is None:
        return ""
    return format(Decimal(str(value)).normalize(), "f")


def is_as_needed(dosage: Any) -> bool:
    return bool(dosage.asNeededBoolean) or dosage.asNeededCodeableConcept is not None


def schedule_from_dosage(
    dosage: Any, *, clinic: ClinicTimes, zone: ZoneInfo, course_start: datetime | None, now: datetime
) -> ScheduleProposal:
    """The reminder schedule a FHIR Dosage asks for, or NoSchedule with the reason."""
    if is_as_needed(dosage):
        raise NoSchedule("taken as needed")
    timing = dosage.timing
    if timing is None:
        raise NoSchedule("the dosage gives no timing")
    repeat = _repeat_fields(timing)
    if not repeat:
        raise NoSchedule("the timing has no repeat pattern")
    start, end = _bounds(repeat, zone=zone, course_start=course_start, now=now)
    if end is not None and end <= now:
        raise CourseEnded(f"the course ended on {end.astimezone(zone).date().isoformat()}")
    if start is not None and start <= now:
        start = None  # already running: reminders start from now
    proposal = _schedule(repeat, clinic=clinic, zone=zone, start=start, end=end, now=now,
                         count_from=course_start or now)
    if proposal.end is not None and proposal.end <= now:  # a course given as a number of doses, already over
        raise CourseEnded(f"the course ended on {proposal.end.astimezone(zone).date().isoformat()}")
    return proposal


def _repeat_fields(timing: Any) -> dict[str, Any]:
    """Timing.repeat as a plain dict, filled in from Timing.code (BID, Q8H...) where repeat leaves it out."""
    repeat = timing.repeat.model_dump(exclude_none=True) if timing.repeat is not None else {}
    for coding in (timing.code.coding or []) if timing.code is not None else []:
        for key, value in TIMING_CODES.get((coding.code or "").upper(), {}).items():
            repeat.setdefault(key, value)
    if timing.repeat is not None:
        # keep the parsed objects (durations, periods, times) rather than their dumps
        for key in ("boundsDuration", "boundsPeriod", "timeOfDay"):
            if getattr(timing.repeat, key, None) is not None:
                repeat[key] = getattr(timing.repeat, key)
    return repeat


def _bounds(
    repeat: dict[str, Any], *, zone: ZoneInfo, course_start: datetime | None, now: datetime
) -> tuple[datetime | None, datetime | None]:
    if "boundsPeriod" in repeat:
        period = repeat["boundsPeriod"]
        return fhir_moment(period.start, zone), fhir_moment(period.end, zone, end_of_day=True)
    if "boundsDuration" in repeat:
        hours = duration_hours(repeat["boundsDuration"])
        if hours is None:
            raise NoSchedule("the course length uses a unit Careline does not know")
        start = course_start or now
        return start, start + timedelta(hours=hours)
    return None, None


def _schedule(
    repeat: dict[str, Any], *, clinic: ClinicTimes, zone: ZoneInfo, start: datetime | None,
    end: datetime | None, now: datetime, count_from: datetime,
) -> ScheduleProposal:
    days = [day for day in WEEKDAYS if day in set(repeat.get("dayOfWeek") or [])] or None
    times = sorted({format_hhmm(t) for t in repeat.get("timeOfDay") or []}
                   | {t for code in repeat.get("when") or [] for t in clinic.event_time(code, repeat.get("offset"))})
    unit = repeat.get("periodUnit")
    period = float(repeat.get("period") or 0)
    frequency = int(repeat.get("frequency") or 1)
    if unit is not None and unit not in UNIT_HOURS:
        raise NoSchedule(f"the period unit '{unit}' is not known")
    interval_hours = period * UNIT_HOURS[unit] / frequency if unit and period else None
    count = repeat.get("count")

    if times:
        if interval_hours is not None and interval_hours > 24 and unit != "wk":
            if len(times) > 1:
                raise NoSchedule("several times a day on every other day (or less often) is not supported")
            return _every_hours(interval_hours, times[0], clinic=clinic, zone=zone, start=start, end=end, now=now,
                                count=count, proposed=False)
        if unit == "wk" and not days:
            return _weekly_on_start_day(times, zone=zone, start=start, end=end, now=now)
        end = end or _end_after_count(count, len(times) * (len(days) / 7 if days else 1), zone, start or count_from)
        return ScheduleProposal(times, days, None, start, end, False)
    if interval_hours is None:
        raise NoSchedule("the timing gives no times and no period")
    if interval_hours < 24 and unit in ("s", "min", "h"):
        return _every_hours(interval_hours, None, clinic=clinic, zone=zone, start=start, end=end, now=now,
                            count=count, proposed=False)
    if unit == "d" and period == 1:
        if frequency > 24:
            raise NoSchedule(f"{frequency} doses a day is too many for reminders")
        proposed = clinic.default_times(frequency)
        end = end or _end_after_count(count, frequency, zone, start or count_from)
        return ScheduleProposal(proposed, None, None, start, end, True)
    if unit == "d" and frequency == 1:
        return _every_hours(interval_hours, None, clinic=clinic, zone=zone, start=start, end=end, now=now,
                            count=count, proposed=True)
    if unit == "wk" and period == 1 and (days or frequency == 1):
        proposed = clinic.default_times(1)
        if days:
            return ScheduleProposal(proposed, days, None, start, end, True)
        return _weekly_on_start_day(proposed, zone=zone, start=start, end=end, now=now)
    raise NoSchedule(f"a timing of {frequency} per {_number(period)} {unit} is not supported for reminders")


def _every_hours(
    interval_hours: float, first_time: str | None, *, clinic: ClinicTimes, zone: ZoneInfo, start: datetime | None,
    end: datetime | None, now: datetime, count: int | None, proposed: bool,
) -> ScheduleProposal:
    if interval_hours < 1 or interval_hours != int(interval_hours):
        raise NoSchedule(f"a dose every {interval_hours:g} hours is not supported for reminders (whole hours only)")
    hours = int(interval_hours)
    # Anchor the series at a clinic time (the first given time, else the first default dose time) so doses
    # fall at sensible hours rather than at the moment of import.
    anchor = start or next_wall_time(first_time or clinic.default_times(1)[0], zone=zone, after=now)
    if end is None and count:
        end = anchor + timedelta(hours=hours * (int(count) - 1), minutes=1)
    return ScheduleProposal([], None, hours, anchor, end, proposed)


def _weekly_on_start_day(
    times: list[str], *, zone: ZoneInfo, start: datetime | None, end: datetime | None, now: datetime
) -> ScheduleProposal:
    day = WEEKDAYS[(start or now).astimezone(zone).weekday()]
    return ScheduleProposal(times, [day], None, start, end, True)


def _end_after_count(count: int | None, per_day: float, zone: ZoneInfo, start: datetime) -> datetime | None:
    """The end of a course given as a number of doses: the end of the day its last dose falls on."""
    if not count or per_day <= 0:
        return None
    days = math.ceil(int(count) / per_day)
    first_day = start.astimezone(zone).date()
    return datetime.combine(first_day + timedelta(days=days), time(0, 0), tzinfo=zone) - timedelta(seconds=1)


def next_wall_time(hhmm: str, *, zone: ZoneInfo, after: datetime) -> datetime:
    """The next moment the wall clock in `zone` shows hhmm, after `after`."""
    local = after.astimezone(zone)
    candidate = datetime.combine(local.date(), parse_hhmm(hhmm), tzinfo=zone)
    if candidate <= local:
        candidate = datetime.combine(local.date() + timedelta(days=1), parse_hhmm(hhmm), tzinfo=zone)
    return candidate


WHEN_WORDS = {
    "HS": "at bedtime", "WAKE": "on waking", "C": "with meals", "CM": "with breakfast", "CD": "with lunch",
    "CV": "with dinner", "AC": "before meals", "ACM": "before breakfast", "ACD": "before lunch",
    "ACV": "before dinner", "PC": "after meals", "PCM": "after breakfast", "PCD": "after lunch",
    "PCV": "after dinner", "MORN": "in the morning", "MORN.early": "early in the morning",
    "MORN.late": "late in the morning", "NOON": "at noon", "AFT": "in the afternoon",
    "AFT.early": "early in the afternoon", "AFT.late": "late in the afternoon", "EVE": "in the evening",
    "EVE.early": "early in the evening", "EVE.late": "late in the evening", "NIGHT": "at night",
}
UNIT_WORDS = {"s": "second", "min": "minute", "h": "hour", "d": "day", "wk": "week", "mo": "month", "a": "year"}


def describe_dosage(dosage: Any) -> str | None:
    """The prescription's own instructions: its text, else its timing in words ('2 times a day, as needed')."""
    for text in (dosage.patientInstruction, dosage.text):
        if text and text.strip():
            return " ".join(text.split())
    parts: list[str] = []
    repeat = _repeat_fields(dosage.timing) if dosage.timing is not None else {}
    if repeat.get("period") and repeat.get("periodUnit") in UNIT_WORDS:
        frequency, period = int(repeat.get("frequency") or 1), _number(repeat["period"])
        unit = UNIT_WORDS[repeat["periodUnit"]]
        every = f"every {unit}" if period == "1" else f"every {period} {unit}s"
        if frequency == 1:
            parts.append(every if period != "1" else f"once a {unit}")
        else:
            parts.append(f"{frequency} times a {unit}" if period == "1" else f"{frequency} times {every}")
    if repeat.get("timeOfDay"):
        parts.append("at " + ", ".join(format_hhmm(t) for t in repeat["timeOfDay"]))
    parts += [WHEN_WORDS.get(code, code) for code in repeat.get("when") or []]
    if repeat.get("dayOfWeek"):
        parts.append("on " + ", ".join(repeat["dayOfWeek"]))
    duration = repeat.get("boundsDuration")
    if duration is not None and duration.value is not None:
        parts.append(f"for {_number(duration.value)} {duration.unit or duration.code or ''}".strip())
    if is_as_needed(dosage):
        reason = concept_text(dosage.asNeededCodeableConcept)
        parts.append(f"as needed for {reason}" if reason else "as needed")
    return ", ".join(parts) or None


def concept_text(concept: Any) -> str | None:
    """A CodeableConcept's text, else its first coding's display."""
    if concept is None:
        return None
    if concept.text:
        return concept.text
    return next((coding.display for coding in concept.coding or [] if coding.display), None)
