"""Dose times across the 2026 daylight-saving changes, intervals, courses, weekdays and bounds (unit tests)."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from careline.reminders.models import Reminder
from careline.reminders.schedule import DoseSchedule
from careline.reminders.scheduler import DoseTrigger
from careline.reminders.service import next_dose_times

NEW_YORK = "America/New_York"
LONDON = "Europe/London"


def local_doses(schedule: DoseSchedule, first_day: str, last_day: str) -> list[str]:
    """The schedule's doses between two local dates (inclusive), as local ISO strings with offsets."""
    zone = ZoneInfo(schedule.timezone)
    start = datetime.fromisoformat(first_day).replace(tzinfo=zone)
    end = datetime.fromisoformat(last_day).replace(tzinfo=zone) + timedelta(days=1)
    return [due.astimezone(zone).isoformat() for due in schedule.between(start - timedelta(microseconds=1),
                                                                          end - timedelta(microseconds=1))]


@pytest.mark.parametrize(
    ("zone", "at", "change_day", "expected"),
    [
        # Spring forward, New York 2026-03-08: 02:00 -> 03:00. 02:30 does not exist: due once, at 03:00.
        (NEW_YORK, "02:30", "2026-03-08",
         ["2026-03-07T02:30:00-05:00", "2026-03-08T03:00:00-04:00", "2026-03-09T02:30:00-04:00"]),
        # Fall back, New York 2026-11-01: 01:00-02:00 happens twice. 01:30 is due once, the first time.
        (NEW_YORK, "01:30", "2026-11-01",
         ["2026-10-31T01:30:00-04:00", "2026-11-01T01:30:00-04:00", "2026-11-02T01:30:00-05:00"]),
        # Spring forward, London 2026-03-29: 01:00 -> 02:00. 01:30 is due once, at 02:00 BST.
        (LONDON, "01:30", "2026-03-29",
         ["2026-03-28T01:30:00+00:00", "2026-03-29T02:00:00+01:00", "2026-03-30T01:30:00+01:00"]),
        # Fall back, London 2026-10-25: 01:00-02:00 happens twice. 01:30 is due once, the first time.
        (LONDON, "01:30", "2026-10-25",
         ["2026-10-24T01:30:00+01:00", "2026-10-25T01:30:00+01:00", "2026-10-26T01:30:00+00:00"]),
    ],
)
def test_a_dose_in_the_changing_hour_is_due_exactly_once(zone: str, at: str, change_day: str,
                                                         expected: list[str]) -> None:
    schedule = DoseSchedule.build(timezone=zone, times=[at])
    day = datetime.fromisoformat(change_day)
    assert local_doses(schedule, (day - timedelta(days=1)).date().isoformat(),
                       (day + timedelta(days=1)).date().isoformat()) == expected


@pytest.mark.parametrize(("zone", "change_day"), [(NEW_YORK, "2026-03-08"), (NEW_YORK, "2026-11-01"),
                                                   (LONDON, "2026-03-29"), (LONDON, "2026-10-25")])
def test_daily_doses_keep_their_wall_clock_time_on_change_days(zone: str, change_day: str) -> None:
    schedule = DoseSchedule.build(timezone=zone, times=["08:00", "20:00"])
    day = datetime.fromisoformat(change_day)
    doses = local_doses(schedule, (day - timedelta(days=2)).date().isoformat(),
                        (day + timedelta(days=2)).date().isoformat())
    assert len(doses) == 10
    assert {dose[11:19] for dose in doses} == {"08:00:00", "20:00:00"}


def test_two_times_that_fall_on_the_same_instant_are_one_dose() -> None:
    schedule = DoseSchedule.build(timezone=NEW_YORK, times=["02:30", "03:00"])
    assert local_doses(schedule, "2026-03-08", "2026-03-08") == ["2026-03-08T03:00:00-04:00"]


def test_every_hours_counts_absolute_time_across_a_change() -> None:
    zone = ZoneInfo(NEW_YORK)
    start = datetime(2026, 3, 7, 20, 0, tzinfo=zone)
    schedule = DoseSchedule.build(timezone=NEW_YORK, every_hours=8, start=start.astimezone(UTC))
    doses = schedule.between(start - timedelta(seconds=1), start + timedelta(days=2))
    assert all(later - earlier == timedelta(hours=8) for earlier, later in zip(doses, doses[1:], strict=False))
    # 8 hours after 20:00 EST is 05:00 EDT (the clocks jumped an hour in between), then 13:00 and 21:00.
    assert [d.astimezone(zone).strftime("%H:%M") for d in doses[:4]] == ["20:00", "05:00", "13:00", "21:00"]


def test_a_course_every_8_hours_for_10_days_is_30_doses() -> None:
    start = datetime(2026, 10, 20, 9, 0, tzinfo=ZoneInfo(LONDON)).astimezone(UTC)
    schedule = DoseSchedule.build(timezone=LONDON, every_hours=8, start=start, end=start + timedelta(days=10))
    doses = schedule.between(start - timedelta(days=1), start + timedelta(days=30))
    assert len(doses) == 30
    assert doses[0] == start and doses[-1] == start + timedelta(days=10) - timedelta(hours=8)
    assert schedule.next_after(doses[-1]) is None


def test_days_of_week_use_the_local_date() -> None:
    schedule = DoseSchedule.build(timezone="Pacific/Auckland", times=["07:00"], days_of_week=["mon", "wed", "fri"])
    doses = local_doses(schedule, "2026-06-01", "2026-06-14")  # 2026-06-01 is a Monday
    assert [datetime.fromisoformat(d).strftime("%a") for d in doses] == ["Mon", "Wed", "Fri"] * 2


def test_start_is_inclusive_and_end_exclusive() -> None:
    zone = ZoneInfo(NEW_YORK)
    start = datetime(2026, 5, 1, 8, 0, tzinfo=zone).astimezone(UTC)
    end = datetime(2026, 5, 3, 8, 0, tzinfo=zone).astimezone(UTC)
    schedule = DoseSchedule.build(timezone=NEW_YORK, times=["08:00"], start=start, end=end)
    assert local_doses(schedule, "2026-04-28", "2026-05-06") == ["2026-05-01T08:00:00-04:00",
                                                                 "2026-05-02T08:00:00-04:00"]


def test_next_dose_times_reads_a_reminder_row() -> None:
    reminder = Reminder(timezone=NEW_YORK, times=["02:30"], days_of_week=None, every_hours=None, start_at=None,
                        end_at=None)
    after = datetime(2026, 3, 8, 0, 0, tzinfo=ZoneInfo(NEW_YORK))
    assert next_dose_times(reminder, after, after + timedelta(days=1)) == [datetime(2026, 3, 8, 7, 0, tzinfo=UTC)]


def test_the_trigger_fires_at_each_dose_and_skips_a_backlog_in_one_step() -> None:
    schedule = DoseSchedule.build(timezone=LONDON, times=["08:00", "20:00"])
    trigger = pickle.loads(pickle.dumps(DoseTrigger(schedule)))
    now = datetime(2026, 10, 24, 12, 0, tzinfo=UTC)
    assert trigger.get_next_fire_time(None, now) == datetime(2026, 10, 24, 19, 0, tzinfo=UTC)
    fired = datetime(2026, 10, 24, 19, 0, tzinfo=UTC)
    assert trigger.get_next_fire_time(fired, fired) == datetime(2026, 10, 25, 8, 0, tzinfo=UTC)
    # Three days down: one run covers the backlog (from the database), the next fire is in the future.
    later = datetime(2026, 10, 27, 9, 0, tzinfo=UTC)
    assert trigger.get_next_fire_time(fired, later) == datetime(2026, 10, 27, 20, 0, tzinfo=UTC)
