"""Checks on profile values, with messages a person understands."""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from careline.errors import ValidationFailed


def validate_timezone(name: str) -> str:
    """An IANA time zone name such as 'America/New_York'."""
    name = (name or "").strip()
    if not name or name not in _zones():
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationFailed(
                f"timezone: '{name}' is not a known IANA time zone (for example America/New_York)"
            ) from None
    return name


_ZONES: set[str] = set()


def _zones() -> set[str]:
    if not _ZONES:
        _ZONES.update(available_timezones())
    return _ZONES
