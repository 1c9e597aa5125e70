"""Checks on profile values, with messages a person understands."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictStr

from careline.errors import ValidationFailed
from careline.patients.models import MedicationEntry, Profile


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


# --- profile checks (issue 5) ---

SEX_VALUES = ("female", "male", "other", "unknown")
# FHIR's AdministrativeGender uses the same four codes; these are the spellings people also send.
_SEX_ALIASES = {"f": "female", "m": "male", "woman": "female", "man": "male", "u": "unknown"}
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
MAX_LIST_ITEMS = 100
MAX_ITEM_LENGTH = 200
_LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$")


class ProfileUpdate(BaseModel):
    """A PUT body: the fields sent replace the stored ones; fields left out stay as they are."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(None, max_length=200)
    birth_date: date | None = None
    sex: str | None = None
    pregnant: StrictBool | None = None
    timezone: str | None = None
    language: str | None = None
    conditions: list[StrictStr] | None = None
    allergies: list[StrictStr] | None = None
    medications: list[MedicationEntry] | None = None


def normalize_sex(value: str | None) -> str | None:
    """female, male, other or unknown (FHIR's codes), case-insensitive; None stays None."""
    if value is None:
        return None
    key = value.strip().lower()
    key = _SEX_ALIASES.get(key, key)
    if key not in SEX_VALUES:
        raise ValidationFailed(f"sex: '{value.strip()}' is not one of {', '.join(SEX_VALUES)}")
    return key


def validate_birth_date(value: date | None, *, today: date) -> date | None:
    """Not in the future and not before 1900."""
    if value is None:
        return None
    if value > today:
        raise ValidationFailed(f"birth_date: {value.isoformat()} is in the future")
    if value < EARLIEST_BIRTH_DATE:
        raise ValidationFailed(f"birth_date: {value.isoformat()} is before 1900")
    return value


def validate_pregnancy(pregnant: bool | None, sex: str | None) -> bool | None:
    if pregnant and sex == "male":
        raise ValidationFailed("pregnant: cannot be true when sex is male")
    return pregnant


def validate_language(value: str) -> str:
    """A language tag such as 'en' or 'es-MX', stored as its language ('es'): content is filtered by it."""
    tag = (value or "").strip().replace("_", "-").lower()
    if not _LANGUAGE_TAG.match(tag):
        raise ValidationFailed(f"language: '{value}' is not a language code such as 'en' or 'es'")
    return tag.split("-")[0]


def clean_text_list(values: list[str], *, field: str) -> list[str]:
    """Trimmed, blanks dropped, duplicates (ignoring case and spacing) dropped, order kept."""
    cleaned: list[str] = []
    seen: set[str] = set()
    for value in values:
        text = " ".join(value.split())
        if not text:
            continue
        if len(text) > MAX_ITEM_LENGTH:
            raise ValidationFailed(f"{field}: '{text[:40]}…' is longer than {MAX_ITEM_LENGTH} characters")
        if text.casefold() not in seen:
            seen.add(text.casefold())
            cleaned.append(text)
    if len(cleaned) > MAX_LIST_ITEMS:
        raise ValidationFailed(f"{field}: at most {MAX_LIST_ITEMS} entries")
    return cleaned


def clean_medications(entries: list[MedicationEntry]) -> list[MedicationEntry]:
    """Trimmed; a blank dose or instruction becomes null; exact duplicates dropped."""
    cleaned: list[MedicationEntry] = []
    seen: set[tuple[str, str, str]] = set()
    for index, entry in enumerate(entries):
        name = " ".join(entry.name.split())
        if not name:
            raise ValidationFailed(f"medications.{index}.name: must not be empty")
        dose = " ".join((entry.dose or "").split()) or None
        instructions = " ".join((entry.instructions or "").split()) or None
        key = (name.casefold(), (dose or "").casefold(), (instructions or "").casefold())
        if key not in seen:
            seen.add(key)
            cleaned.append(MedicationEntry(name=name, dose=dose, instructions=instructions))
    if len(cleaned) > MAX_LIST_ITEMS:
        raise ValidationFailed(f"medications: at most {MAX_LIST_ITEMS} entries")
    return cleaned


def merged_profile(current: Profile, update: ProfileUpdate, *, today: date | None = None) -> Profile:
    """The current profile with the update applied and every field checked.

    All problems are reported together in one message, and nothing is written here, so a caller that
    stores the result only on success never leaves a half-updated profile.
    """
    values = current.model_dump()
    for field in update.model_fields_set:
        values[field] = getattr(update, field)
    problems: list[str] = []

    def check(validate: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return validate(*args, **kwargs)
        except ValidationFailed as exc:
            problems.append(exc.message)
            return None

    values["name"] = check(_required_text, values["name"], field="name")
    values["timezone"] = check(validate_timezone, values["timezone"] or "")
    values["language"] = check(validate_language, values["language"] or "")
    values["sex"] = check(normalize_sex, values["sex"])
    zone = ZoneInfo(values["timezone"]) if values["timezone"] else ZoneInfo("UTC")
    values["birth_date"] = check(validate_birth_date, values["birth_date"], today=today or datetime.now(zone).date())
    values["pregnant"] = check(validate_pregnancy, values["pregnant"], values["sex"])
    for field in ("conditions", "allergies"):
        values[field] = check(clean_text_list, values[field] or [], field=field)
    medications = [MedicationEntry.model_validate(entry) for entry in values["medications"] or []]
    values["medications"] = check(clean_medications, medications)
    if problems:
        raise ValidationFailed("; ".join(problems))
    return Profile(**values)


def _required_text(value: str | None, *, field: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise ValidationFailed(f"{field}: must not be empty")
    return text
