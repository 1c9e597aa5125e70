"""Understanding reminder requests typed in the chat.

`parse_reminder_message` turns "remind me to take metformin 500 mg at 8am and 8pm", "every 8 hours for
10 days", "every Monday at 9", "weekdays at 7am", "at bedtime", "twice a day" or "every morning" into a
`ReminderRequest`; it also recognises "what are my reminders?" (`ListReminders`), "cancel my metformin
reminder" (`CancelReminder`), "confirm my vitamin D reminder" (`ConfirmReminder`) and "I took my pill"
(`DoseTaken`). Anything else gives None, so the message goes on to the normal answer.

Rule-based on purpose: predictable, fast, testable phrase by phrase, and it never guesses a dose (the dose
is only ever a quantity the patient typed).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from careline.fhir.timing import WEEKDAYS, ClinicTimes, format_hhmm, next_wall_time, parse_hhmm

NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "twenty": 20,
                "thirty": 30}
_NUMBER = r"(\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
DAY_NAMES = {"monday": "mon", "mon": "mon", "tuesday": "tue", "tues": "tue", "tue": "tue", "wednesday": "wed",
             "wed": "wed", "thursday": "thu", "thurs": "thu", "thur": "thu", "thu": "thu", "friday": "fri",
             "fri": "fri", "saturday": "sat", "sunday": "sun"}
_DAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri)s?"
GENERIC_MEDICINE = {"pill", "pills", "medicine", "medicines", "medication", "medications", "meds", "med",
                    "tablet", "tablets", "dose", "drug", "drugs", "it", "them", "vitamins"}
DOSE_UNITS = (r"mg|milligrams?|mcg|micrograms?|µg|g|grams?|ml|millilit(?:er|re)s?|units?|iu|tablets?|tabs?|pills?|"
              r"capsules?|caps?|puffs?|drops?|sprays?|patch(?:es)?|teaspoons?|tsp|tablespoons?|tbsp|sachets?|"
              r"injections?|shots?")
_DOSE = re.compile(rf"\b(\d+(?:[.,]\d+)?|one|two|three|four|half an?|half)\s*({DOSE_UNITS})\b(?:\s+of\b)?")
# Named moments of the day -> a FHIR 'when' code (clinic_event_times) or the bedtime setting ('HS').
NAMED_TIMES: tuple[tuple[str, str], ...] = (
    (r"\b(at|before|by) (bed ?time|bed)\b|\bbefore (going to )?(bed|sleep)\b|\bbed ?time\b", "HS"),
    (r"\b(when i wake up|on waking|when i get up)\b", "WAKE"),
    (r"\bbefore breakfast\b", "ACM"), (r"\bafter breakfast\b", "PCM"), (r"\b(with|at|and) breakfast\b", "CM"),
    (r"\bbefore lunch\b", "ACD"), (r"\bafter lunch\b", "PCD"), (r"\b(with|at|and) lunch(time)?\b", "CD"),
    (r"\bbefore (dinner|supper)\b", "ACV"), (r"\bafter (dinner|supper)\b", "PCV"),
    (r"\b(with|at|and) (dinner|supper)\b", "CV"), (r"\bwith (each |every )?meals?\b", "C"),
    (r"\b(every|each|in the|at|this|and( the)?) ?(morning|am)s?\b|\bmornings\b", "MORN"),
    (r"\b(at )?(noon|midday)\b", "NOON"),
    (r"\b(every|each|in the|this|and( the)?) ?afternoons?\b", "AFT"),
    (r"\b(every|each|in the|this|and( the)?) ?evenings?\b|\bevenings\b", "EVE"),
    (r"\b(every|each|at|this|to|and( at)?) ?nights?\b|\bnightly\b|\btonight\b", "NIGHT"),
)
FREQUENCIES: tuple[tuple[str, int], ...] = (
    (r"\b(four|4) ?(times|x) (a|per|each) day\b|\b(four|4) times daily\b|\bqid\b", 4),
    (r"\b(three|3) ?(times|x) (a|per|each) day\b|\b(three|3) times daily\b|\bthrice\b|\btid\b", 3),
    (r"\b(twice|two times|2 ?(times|x)) (a|per|each) day\b|\btwice daily\b|\b2 times daily\b|\btwice\b|\bbid\b", 2),
    (r"\bonce (a|per|each) day\b|\bonce daily\b|\bdaily\b|\bevery ?day\b|\beach day\b|\bonce\b", 1),
)
_AMPM = r"(a\.?m\.?|p\.?m\.?)"
_CLOCK = rf"(\d{{1,2}})(?::(\d{{2}}))?\s*{_AMPM}|(\d{{1,2}}):(\d{{2}})|(noon|midnight)"
_BARE_HOUR = r"(\d{1,2})(?!\s*(?:[:\d]|%|" + DOSE_UNITS + r"|hours?|hrs?|days?|weeks?|months?|times|x\b))"
_PART_OF_DAY = r"(?:\s+(in the (?:morning|afternoon|evening)|at night|tonight))?"
_TIME_ITEM = rf"(?:{_CLOCK}|{_BARE_HOUR}){_PART_OF_DAY}"
_TIME_LIST = re.compile(rf"\b(?:at|@)\s+({_TIME_ITEM}(?:\s*(?:,\s*and|,|and|&)\s*(?:at\s+)?{_TIME_ITEM})*)")
_CLOCK_ANYWHERE = re.compile(rf"\b(?:{_CLOCK}){_PART_OF_DAY}")
_EVERY_HOURS = re.compile(rf"\bevery {_NUMBER}? ?(hours?|hrs?|h)\b|\bhourly\b")
_EVERY_OTHER_DAY = re.compile(r"\bevery (other|second) day\b|\bon alternate days\b")
_DURATION = re.compile(rf"\bfor (?:the next )?{_NUMBER} (days?|weeks?|months?)\b|\bfor a (week|fortnight|month)\b")
_START = re.compile(r"\b(?:starting|from|beginning) (now|today|tomorrow)\b|\b(tomorrow)\b")
_START_AT = re.compile(rf"\b(?:starting|from|beginning)(?: at)? ({_TIME_ITEM})")

_CREATE = re.compile(r"\bremind(?:er)? me\b|\b(?:set|add|create|make|schedule|need|want|like)\b.{0,20}\breminders?\b"
                     r"|\breminders? (?:to|for)\b")
_CREATE_VERB = re.compile(r"\bremind me\b|\b(set|add|create|make)\b")
_LIST = re.compile(r"\b(what|which|show|list|see|tell me|view)\b.{0,30}\breminders?\b|^(my )?reminders\??$"
                   r"|\bdo i have any reminders\b|\bwhat am i (being )?reminded\b")
_CANCEL = re.compile(r"\b(cancel|delete|remove|stop|turn off|get rid of|clear)\b(?P<rest>.*\breminders?\b.*)"
                     r"|\bstop reminding me\b(?P<rest2>.*)")
_CONFIRM = re.compile(r"\b(confirm|accept|approve|activate|turn on)\b(?P<rest>.*\breminders?\b.*)")
_TOOK = re.compile(r"^(?:ok(?:ay)?,? |yes,? |done,? )?i(?: have|'ve| just| already| have just| 've)* "
                   r"(?:took|taken|had|used|done)\b(?P<rest>.*)$")
_NOT_A_PLAIN_DOSE = re.compile(r"\b(not|n't|never|forgot|twice|double|extra|too many|too much|more than|by mistake|"
                               r"accident|overdose|instead|wrong|should|can|did i|do i|\?)\b|\?")
_YES = re.compile(r"^(y|yes|yeah|yep|yup|sure|ok|okay|please do|please|do it|go ahead|set it up|confirm|"
                  r"correct|that's right|right|sounds good|perfect|yes please|absolutely|of course)\b")
_NO = re.compile(r"^(n|no|nope|nah|don't|do not|cancel|never mind|nevermind|stop|not now|no thanks|wrong|"
                 r"that's wrong|not right)\b")


@dataclass(frozen=True)
class ReminderRequest:
    """What the patient asked to be reminded of. `dose` is only what they typed; None when they said none."""

    medication: str
    dose: str | None
    times: tuple[str, ...] = ()
    days_of_week: tuple[str, ...] | None = None
    every_hours: int | None = None
    start: datetime | None = None
    end: datetime | None = None
    duration_days: int | None = None
    generic_medicine: bool = False  # "my pill": which medicine is meant comes from the profile

    @property
    def has_schedule(self) -> bool:
        return bool(self.times or self.every_hours)


@dataclass(frozen=True)
class NeedsDetail:
    """A reminder request missing its medicine or its time; `missing` is 'medication' or 'time'."""

    missing: str
    medication: str | None = None


@dataclass(frozen=True)
class ListReminders:
    pass


@dataclass(frozen=True)
class CancelReminder:
    medication: str | None  # None: "cancel my reminder"; "*" for "cancel all my reminders"


@dataclass(frozen=True)
class ConfirmReminder:
    medication: str | None


@dataclass(frozen=True)
class DoseTaken:
    medication: str | None  # None: "I took my pill"


Intent = ReminderRequest | NeedsDetail | ListReminders | CancelReminder | ConfirmReminder | DoseTaken


def normalise(text: str) -> str:
    """One line, single spaces, straight quotes, no trailing punctuation; case kept (indices match .lower())."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.split()).strip(" .!")


def parse_yes_no(text: str) -> bool | None:
    """True for yes, False for no, None for anything else."""
    lowered = normalise(text).lower().strip(" ?")
    if len(lowered.split()) > 6:
        return None
    if _NO.match(lowered):
        return False
    if _YES.match(lowered):
        return True
    return None


def parse_reminder_message(text: str, *, clinic: ClinicTimes, zone: ZoneInfo, now: datetime) -> Intent | None:
    """The reminder intent of a chat message, or None when it is not about reminders."""
    original = normalise(text)
    lowered = original.lower()
    if _LIST.search(lowered) and not _CANCEL.search(lowered) and not _CREATE_VERB.search(lowered):
        return ListReminders()
    cancel = _CANCEL.search(lowered)
    if cancel:
        return CancelReminder(_target_medicine(original, cancel.start("rest") if cancel.group("rest") is not None
                                               else cancel.start("rest2")))
    confirm = _CONFIRM.search(lowered)
    if confirm:
        return ConfirmReminder(_target_medicine(original, confirm.start("rest")))
    took = _TOOK.match(lowered)
    if took:
        if _NOT_A_PLAIN_DOSE.search(lowered):
            return None  # "I took two by mistake", "I didn't take it", questions: not ours to record
        return DoseTaken(_target_medicine(original, took.start("rest")))
    if _CREATE.search(lowered):
        return _parse_request(original, clinic=clinic, zone=zone, now=now)
    return None


def _parse_request(original: str, *, clinic: ClinicTimes, zone: ZoneInfo, now: datetime) -> Intent:
    text = _Blanks(original)
    duration_days = _take_duration(text)
    every_hours = _take_every_hours(text)
    anchor_time = _take_start_time(text)
    start_day = _take_start_day(text)
    days = _take_days(text)
    clock = _take_clock_times(text)
    named = _take_named_times(text)
    times = _combine_times(clock, named, clinic)
    frequency = _take_frequency(text)
    _take_frequency(text)  # "twice a day every day": the count wins; the second phrase is only taken out
    medication, dose = _take_medication(text)
    if not medication:
        return NeedsDetail("medication")
    generic = medication.lower() in GENERIC_MEDICINE
    if every_hours is None and not times and frequency:
        times = clinic.default_times(frequency)
    if every_hours is None and not times and days:
        times = clinic.default_times(1)
    if every_hours is None and not times:
        return NeedsDetail("time", medication=None if generic else medication)
    times = sorted(set(times))
    start, end = _bounds(times, days, every_hours, anchor_time or (times[0] if every_hours and times else None),
                         start_day, duration_days, zone=zone, now=now)
    return ReminderRequest(
        medication=medication, dose=dose, times=() if every_hours else tuple(times),
        days_of_week=tuple(days) if days and not every_hours else None, every_hours=every_hours, start=start,
        end=end, duration_days=duration_days, generic_medicine=generic,
    )


class _Blanks:
    """The message with recognised parts blanked out (same length, so positions map to the original text)."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.lowered = original.lower()

    def take(self, match: re.Match[str]) -> None:
        start, end = match.span()
        self.lowered = self.lowered[:start] + " " * (end - start) + self.lowered[end:]

    def find_all(self, pattern: re.Pattern[str] | str) -> list[re.Match[str]]:
        compiled = re.compile(pattern) if isinstance(pattern, str) else pattern
        return list(compiled.finditer(self.lowered))


def _number(word: str | None) -> int | None:
    if word is None:
        return None
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def _take_duration(text: _Blanks) -> int | None:
    for match in text.find_all(_DURATION):
        text.take(match)
        if match.group(3):
            return {"week": 7, "fortnight": 14, "month": 30}[match.group(3)]
        count = _number(match.group(1)) or 1
        unit = match.group(2)
        return count * (7 if unit.startswith("week") else 30 if unit.startswith("month") else 1)
    return None


def _take_every_hours(text: _Blanks) -> int | None:
    for match in text.find_all(_EVERY_OTHER_DAY):
        text.take(match)
        return 48
    for match in text.find_all(_EVERY_HOURS):
        text.take(match)
        return _number(match.group(1)) or 1 if match.group(0) != "hourly" else 1
    return None


def _take_start_time(text: _Blanks) -> str | None:
    for match in text.find_all(_START_AT):
        parsed = _time_items(match.group(1))
        if parsed:
            text.take(match)
            return format_hhmm(parsed[0][0])
    return None


def _take_start_day(text: _Blanks) -> str | None:
    for match in text.find_all(_START):
        text.take(match)
        return match.group(1) or match.group(2)
    return None


def _take_days(text: _Blanks) -> list[str] | None:
    for pattern, days in ((r"\b(on |every |each )?week ?days?\b", WEEKDAYS[:5]),
                          (r"\b(on |every |each )?week ?ends?\b", WEEKDAYS[5:])):
        for match in text.find_all(pattern):
            text.take(match)
            return list(days)
    found = []
    for match in text.find_all(rf"\b(?:on |every |each )?{_DAY}\b"):
        found.append(DAY_NAMES[match.group(1)])
        text.take(match)
    return [day for day in WEEKDAYS if day in found] or None


def _take_clock_times(text: _Blanks) -> list[tuple[time, bool]]:
    """Clock times, each with whether it could be morning or evening ('at 7' but not '7pm' or '19:00')."""
    times: list[tuple[time, bool]] = []
    for match in text.find_all(_TIME_LIST):
        times += _time_items(match.group(1))
        text.take(match)
    for match in text.find_all(_CLOCK_ANYWHERE):
        times += _time_items(match.group(0))
        text.take(match)
    return times


def _time_items(fragment: str) -> list[tuple[time, bool]]:
    """Every time in 'at 8am and 8pm', '9', '7:30 in the evening', 'noon'."""
    times = []
    for match in re.finditer(_TIME_ITEM, fragment):
        parsed = _clock_value(match)
        if parsed is not None:
            times.append(parsed)
    return times


def _clock_value(match: re.Match[str]) -> tuple[time, bool] | None:
    hour12, minute12, ampm, hour24, minute24, named, bare, part = match.groups()
    if named:
        return (time(12, 0) if named == "noon" else time(0, 0)), False
    if hour12 is not None:
        hour, minute = int(hour12), int(minute12 or 0)
        if not 1 <= hour <= 12 or minute > 59:
            return None
        return time(hour % 12 + (12 if ampm.startswith("p") else 0), minute), False
    hour, minute = (int(hour24), int(minute24)) if hour24 is not None else (int(bare), 0)
    if hour > 23 or minute > 59:
        return None
    if part:
        if part != "in the morning" and 1 <= hour < 12:
            hour += 12  # "at 8 in the evening", "9 at night"
        return time(hour, minute), False
    return time(hour, minute), 1 <= hour < 12


VAGUE_PARTS_OF_DAY = {"MORN", "AFT", "EVE", "NIGHT"}


def _combine_times(clock: list[tuple[time, bool]], named: list[str], clinic: ClinicTimes) -> list[str]:
    """Clock times plus named moments. With a clock time, 'every morning' or 'every evening' only says which
    half of the day it is ('every evening at 7' is 19:00), it adds no time of its own."""
    vague = [code for code in named if code in VAGUE_PARTS_OF_DAY]
    events = [code for code in named if code not in VAGUE_PARTS_OF_DAY]
    if not clock:
        events = named
    afternoon = bool(vague) and all(code != "MORN" for code in vague)
    times = [format_hhmm(time(value.hour + 12, value.minute)) if ambiguous and afternoon else format_hhmm(value)
             for value, ambiguous in clock]
    return times + [hhmm for code in events for hhmm in clinic.event_time(code)]


def _take_named_times(text: _Blanks) -> list[str]:
    codes = []
    for pattern, code in NAMED_TIMES:
        for match in text.find_all(pattern):
            codes.append(code)
            text.take(match)
    return codes


def _take_frequency(text: _Blanks) -> int | None:
    for pattern, count in FREQUENCIES:
        for match in text.find_all(pattern):
            text.take(match)
            return count
    return None


_LEAD_IN = re.compile(r"\b(?:to (?:take|use|apply|inject|give|have|do|put in|put on|inhale|swallow|change)|"
                      r"about(?: taking)?|for(?: taking)?|of|take|taking|use|apply)\s+")
_SKIP_FIRST = {"please", "can", "you", "could", "would", "will", "kindly", "hey", "hi", "my", "the", "a", "an",
               "some", "your", "our", "this", "that", "to", "take", "of", "me"}
_SKIP_LAST = {"please", "thanks", "thank", "you", "ok", "okay", "again", "too", "regularly", "and", "with", "to",
              "at", "on", "in", "every", "each", "a", "the", "starting", "from", "then", "as", "well"}


def _take_medication(text: _Blanks) -> tuple[str | None, str | None]:
    """The medicine and the dose the patient typed, from what is left once the schedule is taken out."""
    lowered = text.lowered
    trigger = _CREATE.search(lowered)
    begin = trigger.end() if trigger else 0
    lead = _LEAD_IN.search(lowered, begin)
    if lead:
        begin = lead.end()
    end = len(lowered)
    for stop in re.finditer(r"\s{3,}|[;!?:]|[.,](?!\d)|\b(?:and|then|but|so|because)\b", lowered[begin:]):
        if lowered[begin:begin + stop.start()].strip():
            end = begin + stop.start()
            break
    dose = None
    dose_match = _DOSE.search(lowered, begin, end)
    if dose_match:
        dose = " ".join(text.original[dose_match.start():dose_match.end()].split())
        dose = re.sub(r"\s+of$", "", dose, flags=re.IGNORECASE)
        dose = re.sub(r"^(\d+(?:[.,]\d+)?)\s*", r"\1 ", dose)
        text.take(dose_match)
    # Words of the original spelling whose positions were not taken by the schedule or the dose.
    words = [(m.group(0), text.lowered[m.start():m.end()]) for m in re.finditer(r"\S+", text.original[:end])
             if m.start() >= begin and text.lowered[m.start():m.end()].strip()]
    words = [(orig.strip("\"'()"), low.strip("\"'()")) for orig, low in words]
    while words and words[0][1] in _SKIP_FIRST:
        words.pop(0)
    while words and words[-1][1] in _SKIP_LAST:
        words.pop()
    medication = " ".join(orig for orig, _ in words)
    if not medication or len(medication) > 60 or not re.search(r"[a-zA-Z]", medication):
        return None, dose
    return medication, dose


def _target_medicine(original: str, rest_start: int) -> str | None:
    """The medicine named in 'cancel my metformin reminder' / 'I took my metformin'; '*' for 'all'."""
    rest = original.lower()[rest_start:]
    if re.search(r"\b(all|every|each)\b", rest):
        return "*"
    rest = re.sub(r"\breminders?\b|\breminding me\b|\b(about|for|of|to take|to|take|taking|please|today|"
                  r"this morning|tonight|now|just|already|dose|doses|the|my|a|an|your|one|ones|thanks|"
                  r"for me|me|it)\b", " ", rest)
    rest = " ".join(_DOSE.sub(" ", rest).replace("?", " ").split())
    if not rest or rest in GENERIC_MEDICINE:
        return None
    return rest


def _bounds(
    times: list[str], days: list[str] | None, every_hours: int | None, anchor: str | None, start_day: str | None,
    duration_days: int | None, *, zone: ZoneInfo, now: datetime,
) -> tuple[datetime | None, datetime | None]:
    """Start and end of the schedule: interval doses count from a start; a course ends after its days."""
    day_start = _start_of(start_day, zone=zone, now=now)
    if every_hours:
        if anchor:
            start = next_wall_time(anchor, zone=zone, after=day_start or now)
        elif day_start is not None and day_start > now:
            start = next_wall_time(times[0] if times else "08:00", zone=zone, after=day_start - timedelta(seconds=1))
        else:
            start = _next_five_minutes(now)
        return start, start + timedelta(days=duration_days) if duration_days else None
    start = day_start if day_start is not None and day_start > now else None
    if not duration_days:
        return start, None
    first = _first_dose(times, days, zone=zone, after=start or now)
    end_day = first.astimezone(zone).date() + timedelta(days=duration_days)
    return start, datetime.combine(end_day, time(0, 0), tzinfo=zone)


def _start_of(word: str | None, *, zone: ZoneInfo, now: datetime) -> datetime | None:
    if word != "tomorrow":
        return None
    tomorrow = now.astimezone(zone).date() + timedelta(days=1)
    return datetime.combine(tomorrow, time(0, 0), tzinfo=zone)


def _first_dose(times: list[str], days: list[str] | None, *, zone: ZoneInfo, after: datetime) -> datetime:
    candidates = []
    for hhmm in times:
        moment = next_wall_time(hhmm, zone=zone, after=after)
        while days and WEEKDAYS[moment.weekday()] not in days:
            moment = datetime.combine(moment.date() + timedelta(days=1), parse_hhmm(hhmm), tzinfo=zone)
        candidates.append(moment)
    return min(candidates)


def _next_five_minutes(now: datetime) -> datetime:
    rounded = now.replace(second=0, microsecond=0)
    return rounded + timedelta(minutes=5 - rounded.minute % 5)
