"""Dose-time arithmetic: which instants a schedule produces, correct across daylight-saving changes.

Rules (the tests in tests/test_reminders_schedule.py pin them down):
- `times` are wall-clock times in the reminder's IANA zone. On the spring-forward day a time inside the
  gap (02:30 in New York on 2026-03-08) is due once, at the first valid instant after the gap (03:00).
  On the fall-back day a repeated time (01:30 on 2026-11-01) is due once, at its first occurrence.
  Two times that land on the same instant (02:30 and 03:00 on the spring-forward day) are one dose.
- `every_hours` counts absolute hours from `start`, so the wall-clock time shifts by an hour across a
  change but the interval between doses never does.
- `start` is inclusive and `end` exclusive; `days_of_week` filters by the local date of each dose.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

WEEKDAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# A schedule with no dose within this many days after a point has none at all (e.g. it ended).
_SEARCH_DAYS = 400


@dataclass(frozen=True)
class DoseSchedule:
    """A reminder's schedule in a form that is cheap to evaluate and safe to pickle into the job store."""

    timezone: str
    times: tuple[time, ...] = ()
    weekdays: frozenset[int] | None = None  # 0 = Monday, as date.weekday()
    every_hours: int | None = None
    start: datetime | None = None  # aware
    end: datetime | None = None  # aware, exclusive

    @classmethod
    def build(
        cls, *, timezone: str, times: list[str] | None = None, days_of_week: list[str] | None = None,
        every_hours: int | None = None, start: datetime | None = None, end: datetime | None = None,
    ) -> DoseSchedule:
        parsed = tuple(sorted(time(int(t[:2]), int(t[3:5])) for t in times or []))
        weekdays = frozenset(WEEKDAY_NAMES.index(d) for d in days_of_week) if days_of_week else None
        return cls(timezone=timezone, times=parsed, weekdays=weekdays, every_hours=every_hours,
                   start=start, end=end)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def next_after(self, after: datetime) -> datetime | None:
        """The first dose strictly after `after` (UTC), or None when the schedule has no more doses."""
        for due in self.iter_after(after):
            return due
        return None

    def between(self, after: datetime, until: datetime) -> list[datetime]:
        """Every dose with after < due <= until, in order (UTC)."""
        doses = []
        for due in self.iter_after(after):
            if due > until:
                break
            doses.append(due)
        return doses

    def iter_after(self, after: datetime) -> Iterator[datetime]:
        """Doses strictly after `after`, in order, as UTC datetimes; stops at `end`."""
        after = after.astimezone(UTC)
        if self.start is not None and after < self.start:
            after = self.start.astimezone(UTC) - timedelta(microseconds=1)
        source = self._iter_interval(after) if self.every_hours else self._iter_wall_clock(after)
        for due in source:
            if self.end is not None and due >= self.end:
                return
            yield due

    def _iter_wall_clock(self, after: datetime) -> Iterator[datetime]:
        zone = self.zone
        # Start a day early: a time late on the previous local date can still be after `after`.
        day = after.astimezone(zone).date() - timedelta(days=1)
        last_day = day + timedelta(days=_SEARCH_DAYS)
        while day <= last_day:
            if self.weekdays is None or day.weekday() in self.weekdays:
                for due in sorted({local_instant(day, at, zone) for at in self.times}):
                    if due > after:
                        last_day = day + timedelta(days=_SEARCH_DAYS)
                        yield due
            day += timedelta(days=1)

    def _iter_interval(self, after: datetime) -> Iterator[datetime]:
        assert self.start is not None and self.every_hours, "an every_hours schedule needs its start"
        period = timedelta(hours=self.every_hours)
        anchor = self.start.astimezone(UTC)
        steps = 0 if after < anchor else (after - anchor) // period + 1
        due = anchor + steps * period
        limit = due + timedelta(days=_SEARCH_DAYS)
        zone = self.zone
        while due <= limit:
            if self.weekdays is None or due.astimezone(zone).weekday() in self.weekdays:
                limit = due + timedelta(days=_SEARCH_DAYS)
                yield due
            due += period


def local_instant(day: date, at: time, zone: ZoneInfo) -> datetime:
    """The UTC instant of wall-clock `at` on `day` in `zone`: the first occurrence of a repeated time,
    the first valid instant after the gap for a time that does not exist."""
    wall = datetime.combine(day, at, tzinfo=zone)  # fold=0: the earlier of two occurrences
    instant = wall.astimezone(UTC)
    if instant.astimezone(zone).replace(tzinfo=None) == wall.replace(tzinfo=None):
        return instant
    return _end_of_gap(wall, zone)


def _end_of_gap(wall: datetime, zone: ZoneInfo) -> datetime:
    # For a wall time inside a gap, fold=1 reads it with the offset after the change and lands before
    # the change; fold=0 reads it with the offset before and lands after. The change lies in between.
    before = wall.replace(fold=1).astimezone(UTC)
    after = wall.replace(fold=0).astimezone(UTC)
    if before > after:
        before, after = after, before
    offset_after = after.astimezone(zone).utcoffset()
    while after - before > timedelta(seconds=1):
        middle = before + (after - before) / 2
        if middle.astimezone(zone).utcoffset() == offset_after:
            after = middle
        else:
            before = middle
    return after.replace(microsecond=0)


def as_zone_time(instant: datetime, timezone: str) -> datetime:
    """The instant shown with the UTC offset of `timezone` (what the API returns)."""
    return instant.astimezone(ZoneInfo(timezone))
