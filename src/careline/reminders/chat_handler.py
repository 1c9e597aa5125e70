"""The chat's reminder turn handler: set up, list, cancel and confirm reminders, and record "I took my pill".

A reminder request is echoed back first ("I'll remind you to take metformin 500 mg at 8:00 AM and 8:00 PM
every day. Shall I set it up? (yes/no)") and only created on "yes"; a cancel waits for "yes" too. The
waiting request lives in the conversation's handler state under "reminders", so it survives between
turns (and processes) and any other message drops it. The dose is only ever what the patient typed or
what their profile lists for that medicine; Careline never proposes one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from sqlalchemy import select

from careline.chat.models import TurnContext, TurnResult
from careline.db import Database
from careline.errors import CarelineError, NotFound
from careline.fhir.timing import WEEKDAYS, ClinicTimes, parse_hhmm
from careline.logs import get_logger
from careline.patients.models import MedicationEntry, Patient, Profile
from careline.reminders import nlu
from careline.reminders.models import Reminder, ReminderCreate, ReminderDose, ReminderSchedule
from careline.reminders.service import (
    confirm_reminder,
    create_reminder,
    delete_reminder,
    list_reminders,
    nearest_dose_time,
    next_dose_times,
    record_dose,
    reminder_read,
)
from careline.settings import Settings

if TYPE_CHECKING:
    from careline.services import Services

log = get_logger(__name__)

STATE_KEY = "reminders"
PENDING_FOR = timedelta(minutes=30)
ENGINE = "reminders"
DAY_WORDS = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
             "sat": "Saturday", "sun": "Sunday"}
EXAMPLE = "For example: \"remind me to take metformin at 8am and 8pm\"."


@dataclass
class _Turn:
    """One handled turn: the patient, their zone and the time, for the steps below."""

    context: TurnContext
    patient_id: str
    zone: ZoneInfo
    now: datetime


class ReminderChatHandler:
    """Turn handler (see `careline.chat.models.TurnHandler`) for reminder requests in the chat."""

    def __init__(self, database: Database, settings: Settings) -> None:
        self.database = database
        self.clinic = ClinicTimes.from_settings(settings)
        self.took_window = timedelta(hours=settings.took_dose_window_hours)

    @classmethod
    def from_services(cls, services: Services) -> ReminderChatHandler:
        return cls(services.database, services.settings)

    def handle(self, turn_context: TurnContext) -> TurnResult | None:
        pending = _take_pending(turn_context.state, turn_context.now)
        if turn_context.safety.level != "routine" or turn_context.safety.refuse:
            return None  # urgent and emergency messages get the safety answer, never a reminder reply
        zone = ZoneInfo(turn_context.profile.timezone if turn_context.profile else "UTC")
        if pending is not None:
            answer = nlu.parse_yes_no(turn_context.message)
            if answer is not None and turn_context.patient_id:
                turn = _Turn(turn_context, turn_context.patient_id, zone, turn_context.now)
                return self._carry_out(turn, pending) if answer else _reply(_declined(pending))
        intent = nlu.parse_reminder_message(turn_context.message, clinic=self.clinic, zone=zone,
                                            now=turn_context.now)
        if intent is None:
            return None
        if not turn_context.patient_id:
            return _reply("Reminders belong to a patient account: open the chat from your clinic's link to set "
                          "them up.")
        turn = _Turn(turn_context, turn_context.patient_id, zone, turn_context.now)
        try:
            return self._dispatch(turn, intent)
        except CarelineError as exc:
            return _reply(f"I couldn't do that: {exc.message}")

    # -- intents ------------------------------------------------------------------------------------

    def _dispatch(self, turn: _Turn, intent: nlu.Intent) -> TurnResult:
        if isinstance(intent, nlu.ReminderRequest):
            return self._propose(turn, intent)
        if isinstance(intent, nlu.NeedsDetail):
            return _reply(_ask_for(intent, turn.context.profile))
        if isinstance(intent, nlu.ListReminders):
            return self._list(turn)
        if isinstance(intent, nlu.CancelReminder):
            return self._propose_cancel(turn, intent.medication)
        if isinstance(intent, nlu.ConfirmReminder):
            return self._confirm(turn, intent.medication)
        return self._record_taken(turn, intent.medication)

    def _propose(self, turn: _Turn, request: nlu.ReminderRequest) -> TurnResult:
        medication, dose, dose_note = _medicine_and_dose(request, turn.context.profile)
        if medication is None:
            return _reply(_ask_for(nlu.NeedsDetail("medication"), turn.context.profile))
        try:
            days = list(request.days_of_week) if request.days_of_week else None
            schedule = ReminderSchedule(times=list(request.times), days_of_week=days,
                                        every_hours=request.every_hours, start=request.start, end=request.end)
            data = ReminderCreate(medication=medication, dose=dose, schedule=schedule, timezone=turn.zone.key)
        except ValidationError as exc:
            problem = exc.errors()[0].get("msg", "the schedule is not valid")
            return _reply(f"I couldn't set that up: {problem}. {EXAMPLE}")
        turn.context.state[STATE_KEY] = {"pending": {"action": "create", "since": turn.now.isoformat(),
                                                     "reminder": data.model_dump(mode="json")}}
        what = _medicine_text(medication, dose) + (f" ({dose_note})" if dose_note else "")
        when = describe_schedule(schedule, turn.zone, now=turn.now, duration_days=request.duration_days)
        return _reply(f"I'll remind you to take {what} {when}. Shall I set it up? (yes/no)",
                      {"reminder_proposal": data.model_dump(mode="json")})

    def _list(self, turn: _Turn) -> TurnResult:
        with self.database.session() as session:
            reminders = [reminder_read(r, now=turn.now)
                         for r in list_reminders(db_session=session, patient_id=turn.patient_id)]
        if not reminders:
            return _reply(f"You have no reminders yet. {EXAMPLE}", {"reminders": []})
        lines = ["Your reminders:"]
        for reminder in reminders:
            line = f"- {_medicine_text(reminder.medication, reminder.dose)}: " \
                   f"{describe_schedule(reminder.schedule, ZoneInfo(reminder.timezone), now=turn.now)}"
            if reminder.status == "pending_confirmation":
                line += f" (waiting for your OK: say \"confirm my {reminder.medication} reminder\")"
            elif reminder.status in ("paused", "ended"):
                line += f" ({reminder.status})"
            elif reminder.next_due is not None:
                line += f"; next: {_moment_words(reminder.next_due, ZoneInfo(reminder.timezone), turn.now)}"
            lines.append(line)
        return _reply("\n".join(lines), {"reminders": [r.model_dump(mode="json") for r in reminders]})

    def _propose_cancel(self, turn: _Turn, medication: str | None) -> TurnResult:
        with self.database.session() as session:
            reminders = list_reminders(db_session=session, patient_id=turn.patient_id)
            matches = reminders if medication == "*" else _matching(reminders, medication)
            described = [(r.id, _one_line(reminder_read(r, now=turn.now), turn.now)) for r in matches]
        if not reminders:
            return _reply("You have no reminders to cancel.")
        if not matches:
            return _reply(f"I couldn't find a reminder for {medication}. " + _names(reminders))
        if medication is None and len(matches) > 1:
            return _reply("Which reminder should I cancel? " + _names(reminders)
                          + " Say, for example, \"cancel my " + reminders[0].medication + " reminder\".")
        turn.context.state[STATE_KEY] = {"pending": {"action": "cancel", "since": turn.now.isoformat(),
                                                     "reminder_ids": [rid for rid, _ in described]}}
        if len(described) == 1:
            return _reply(f"Cancel your reminder for {described[0][1]}? (yes/no)")
        listed = "\n".join(f"- {text}" for _, text in described)
        return _reply(f"Cancel these {len(described)} reminders?\n{listed}\n(yes/no)")

    def _confirm(self, turn: _Turn, medication: str | None) -> TurnResult:
        with self.database.session() as session:
            waiting = [r for r in list_reminders(db_session=session, patient_id=turn.patient_id)
                       if r.status == "pending_confirmation"]
            matches = waiting if medication in (None, "*") else _matching(waiting, medication)
            if not matches:
                what = f" for {medication}" if medication not in (None, "*") else ""
                return _reply(f"No reminder{what} is waiting for your confirmation.")
            if medication is None and len(matches) > 1:
                return _reply("Several reminders wait for your confirmation: "
                              + ", ".join(r.medication for r in matches)
                              + ". Say, for example, \"confirm my " + matches[0].medication + " reminder\".")
            confirmed = [reminder_read(confirm_reminder(db_session=session, patient_id=turn.patient_id,
                                                        reminder_id=r.id, now=turn.now), now=turn.now)
                         for r in matches]
        text = "; ".join(_one_line(r, turn.now) for r in confirmed)
        return _reply(f"Done: your reminder is on for {text}.",
                      {"reminders": [r.model_dump(mode="json") for r in confirmed]})

    def _record_taken(self, turn: _Turn, medication: str | None) -> TurnResult:
        with self.database.session() as session:
            active = [r for r in list_reminders(db_session=session, patient_id=turn.patient_id, include_pending=False)
                      if r.status == "active"]
            candidates = active if medication in (None, "*") else _matching(active, medication)
            if not candidates:
                if medication and active:
                    return _reply(f"You have no active reminder for {medication}, so I didn't record a dose. "
                                  + _names(active))
                return _reply("You have no active reminders, so there is no dose to record.")
            due_dose = self._nearest_open_dose(session, candidates, turn.now)
            if due_dose is None:
                hours = f"{self.took_window.total_seconds() / 3600:g}"
                return _reply(f"I couldn't find a dose due within {hours} hours of now, so I didn't record anything.")
            reminder, due = due_dose
            record_dose(db_session=session, patient_id=turn.patient_id, reminder_id=reminder.id, due=due,
                        action="taken", now=turn.now)
            what = _medicine_text(reminder.medication, reminder.dose)
        log.info("dose recorded from chat", extra={"patient_id": turn.patient_id, "reminder_id": reminder.id})
        when = _moment_words(due, ZoneInfo(reminder.timezone), turn.now)
        return _reply(f"Noted: your {what} dose due {when} is recorded as taken.",
                      {"dose": {"reminder_id": reminder.id, "due": due.astimezone(ZoneInfo(reminder.timezone))
                                .isoformat(), "action": "taken"}})

    def _nearest_open_dose(self, session: Any, reminders: list[Reminder],
                           now: datetime) -> tuple[Reminder, datetime] | None:
        """The dose closest to now (earlier first on a tie) that has no taken/skipped answer yet."""
        options = []
        for reminder in reminders:
            answered = set(session.scalars(select(ReminderDose.due).where(
                ReminderDose.reminder_id == reminder.id, ReminderDose.status.in_(("taken", "skipped")),
                ReminderDose.due >= now - self.took_window, ReminderDose.due <= now + self.took_window)))
            due = _nearest_unanswered(reminder, now, self.took_window, answered)
            if due is not None:
                options.append((abs(due - now), due, reminder))
        if not options:
            return None
        _, due, reminder = min(options, key=lambda option: (option[0], option[1]))
        return reminder, due

    # -- yes / no -----------------------------------------------------------------------------------

    def _carry_out(self, turn: _Turn, pending: dict[str, Any]) -> TurnResult:
        try:
            if pending["action"] == "create":
                return self._create(turn, ReminderCreate.model_validate(pending["reminder"]))
            return self._cancel(turn, list(pending["reminder_ids"]))
        except CarelineError as exc:
            return _reply(f"I couldn't do that: {exc.message}")

    def _create(self, turn: _Turn, data: ReminderCreate) -> TurnResult:
        with self.database.session() as session:
            patient = session.get(Patient, turn.patient_id)
            if patient is None:
                raise NotFound("No such patient.")
            reminder = create_reminder(db_session=session, patient=patient, data=data, source="chat", now=turn.now)
            read = reminder_read(reminder, now=turn.now)
        log.info("reminder created from chat", extra={"patient_id": turn.patient_id, "reminder_id": read.id})
        first = (f" The first reminder is {_moment_words(read.next_due, ZoneInfo(read.timezone), turn.now)}."
                 if read.next_due else "")
        return _reply(f"Done: your reminder for {_medicine_text(read.medication, read.dose)} is set.{first}",
                      {"reminder": read.model_dump(mode="json")})

    def _cancel(self, turn: _Turn, reminder_ids: list[str]) -> TurnResult:
        cancelled = []
        with self.database.session() as session:
            for reminder_id in reminder_ids:
                try:
                    reminder = session.get(Reminder, reminder_id)
                    name = reminder.medication if reminder is not None else None
                    delete_reminder(db_session=session, patient_id=turn.patient_id, reminder_id=reminder_id)
                    cancelled.append(name)
                except NotFound:
                    continue  # already gone (cancelled elsewhere meanwhile)
        if not cancelled:
            return _reply("That reminder was already gone.")
        return _reply(f"Done: I've cancelled your reminder{'s' if len(cancelled) > 1 else ''} for "
                      f"{_and_list(cancelled)}.", {"cancelled": reminder_ids})


def build_reminder_handler(services: Services) -> ReminderChatHandler:
    return ReminderChatHandler.from_services(services)


# -- helpers ------------------------------------------------------------------------------------------


def _reply(text: str, extras: dict[str, Any] | None = None) -> TurnResult:
    return TurnResult(answer=text, engine=ENGINE, extras=extras or {})


def _take_pending(state: dict[str, Any], now: datetime) -> dict[str, Any] | None:
    """The waiting request, removed from the state (a turn either answers it or drops it)."""
    mine = state.pop(STATE_KEY, None) or {}
    pending = mine.get("pending")
    if not pending:
        return None
    since = datetime.fromisoformat(pending.get("since", "1970-01-01T00:00:00+00:00"))
    return pending if now - since <= PENDING_FOR else None


def _declined(pending: dict[str, Any]) -> str:
    if pending.get("action") == "cancel":
        return "OK, I'll keep your reminder as it is."
    return "OK, I won't set it up."


def _ask_for(detail: nlu.NeedsDetail, profile: Profile | None) -> str:
    if detail.missing == "time":
        name = detail.medication or "it"
        return (f"When should I remind you to take {name}? For example: \"remind me to take {name} at 8am and "
                f"8pm\", \"every morning\" or \"every 8 hours\".")
    names = [entry.name for entry in (profile.medications if profile else [])]
    listed = f" Your profile lists {_and_list(names)}." if names else ""
    return f"Which medicine should I remind you about?{listed} {EXAMPLE}"


def _medicine_and_dose(request: nlu.ReminderRequest,
                       profile: Profile | None) -> tuple[str | None, str | None, str | None]:
    """The medicine, its dose, and where the dose came from. The dose is the one the patient typed, else the
    one their profile lists for that medicine (named as such), else none."""
    entries = list(profile.medications) if profile else []
    if request.generic_medicine:
        if len(entries) != 1:
            return None, None, None
        entry = entries[0]
        dose = request.dose or entry.dose
        return entry.name, dose, "the dose on your profile" if dose and not request.dose else None
    if request.dose:
        return request.medication, request.dose, None
    matching = [entry for entry in entries if _same_medicine(entry, request.medication) and entry.dose]
    if len({entry.dose for entry in matching}) == 1:
        return request.medication, matching[0].dose, "the dose on your profile"
    return request.medication, None, None


def _same_medicine(entry: MedicationEntry, name: str) -> bool:
    wanted = name.casefold().split()
    have = entry.name.casefold().split()
    return bool(wanted) and all(word in have for word in wanted)


def _matching(reminders: list[Reminder], medication: str | None) -> list[Reminder]:
    if medication is None:
        return list(reminders)
    wanted = medication.casefold().split()
    return [r for r in reminders if all(word in r.medication.casefold().split() for word in wanted)
            or medication.casefold() in r.medication.casefold()]


def _nearest_unanswered(reminder: Reminder, now: datetime, window: timedelta,
                        answered: set[datetime]) -> datetime | None:
    nearest = nearest_dose_time(reminder, now, within=window)
    if nearest is None:
        return None
    if nearest.astimezone(UTC) not in {due.astimezone(UTC) for due in answered}:
        return nearest
    # The closest dose is already answered: try the next closest one within the window.
    others = [due for due in next_dose_times(reminder, now - window, now + window)
              if due.astimezone(UTC) not in {d.astimezone(UTC) for d in answered}]
    return min(others, key=lambda due: (abs(due - now), due), default=None)


def _names(reminders: list[Reminder]) -> str:
    return f"Your reminders are for {_and_list([r.medication for r in reminders])}."


def _one_line(reminder: Any, now: datetime) -> str:
    return (f"{_medicine_text(reminder.medication, reminder.dose)} "
            f"{describe_schedule(reminder.schedule, ZoneInfo(reminder.timezone), now=now)}")


def _medicine_text(medication: str, dose: str | None) -> str:
    return f"{medication} {dose}" if dose else medication


def _and_list(items: list[Any]) -> str:
    words = [str(item) for item in items if item]
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def clock_words(hhmm: str) -> str:
    """'20:00' -> '8:00 PM'."""
    value = parse_hhmm(hhmm)
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d} {'AM' if value.hour < 12 else 'PM'}"


def describe_schedule(schedule: ReminderSchedule, zone: ZoneInfo, *, now: datetime,
                      duration_days: int | None = None) -> str:
    """A schedule in words: 'at 8:00 AM and 8:00 PM every day', 'every 8 hours, starting today at 2:15 PM'."""
    if schedule.every_hours:
        text = f"every {schedule.every_hours} hours"
        if schedule.start is not None and schedule.start > now:
            text += f", starting {_moment_words(schedule.start, zone, now)}"
    else:
        text = f"at {_and_list([clock_words(t) for t in schedule.times])} {_days_words(schedule.days_of_week)}"
        if schedule.start is not None and schedule.start > now:
            text += f", starting {_day_words(schedule.start.astimezone(zone), now.astimezone(zone))}"
    if duration_days:
        text += f" for {duration_days} day{'s' if duration_days != 1 else ''}"
    elif schedule.end is not None:
        text += f", until {_moment_words(schedule.end, zone, now)}"
    return text


def _days_words(days: list[str] | tuple[str, ...] | None) -> str:
    if not days or len(days) == 7:
        return "every day"
    if list(days) == list(WEEKDAYS[:5]):
        return "on weekdays"
    if list(days) == list(WEEKDAYS[5:]):
        return "on weekends"
    if len(days) == 1:
        return f"every {DAY_WORDS[days[0]]}"
    return "on " + _and_list([DAY_WORDS[day] + "s" for day in days])


def _moment_words(moment: datetime, zone: ZoneInfo, now: datetime) -> str:
    local = moment.astimezone(zone)
    return f"{_day_words(local, now.astimezone(zone))} at {clock_words(f'{local.hour:02d}:{local.minute:02d}')}"


def _day_words(local: datetime, local_now: datetime) -> str:
    if local.date() == local_now.date():
        return "today"
    if local.date() == local_now.date() + timedelta(days=1):
        return "tomorrow"
    return f"{local.strftime('%A')}, {local.strftime('%B')} {local.day}"
