"""Reading a FHIR R4 Bundle: JSON in, a validated `fhir.resources` Bundle out, or a reason it was refused.

fhir.resources 8 defaults to FHIR R5; R4 bundles are read with its R4B models (R4B keeps R4's
resource shapes for everything Careline reads: MedicationRequest.medication[x], Dosage, Timing...).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from fhir.resources.R4B.bundle import Bundle
from pydantic import ValidationError

from careline.errors import ValidationFailed

MAX_REPORTED_PROBLEMS = 3


class InvalidBundle(ValidationFailed):
    """The bundle cannot be imported; nothing of it was applied."""

    code = "invalid_bundle"


@dataclass
class BundleIndex:
    """The bundle's resources, found by reference ('urn:uuid:...', 'Patient/123', full URLs)."""

    entries: list[tuple[str | None, Any]]
    by_reference: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, bundle: Bundle) -> BundleIndex:
        entries = [(entry.fullUrl, entry.resource) for entry in bundle.entry or [] if entry.resource is not None]
        index = cls(entries)
        for full_url, resource in entries:
            if full_url:
                index.by_reference[full_url] = resource
            if resource.id:
                index.by_reference[f"{resource.get_resource_type()}/{resource.id}"] = resource
        return index

    def resolve(self, reference: str | None, *, container: Any = None) -> Any | None:
        """The resource a reference points to: contained ('#id'), in the bundle, or None."""
        if not reference:
            return None
        if reference.startswith("#"):
            wanted = reference[1:]
            return next((item for item in getattr(container, "contained", None) or [] if item.id == wanted), None)
        if reference in self.by_reference:
            return self.by_reference[reference]
        # An absolute URL ('https://ehr.example/fhir/Patient/123') matches its last two segments.
        tail = "/".join(reference.rstrip("/").split("/")[-2:])
        return self.by_reference.get(tail)


def load_bundle(raw: bytes | str | dict[str, Any]) -> Bundle:
    """A validated R4 Bundle, or InvalidBundle saying what is wrong (not JSON, not a Bundle, invalid resource)."""
    data = _parse_json(raw) if not isinstance(raw, dict) else raw
    if not isinstance(data, dict) or "resourceType" not in data:
        raise InvalidBundle("not a FHIR resource: expected a JSON object with resourceType 'Bundle'")
    if data["resourceType"] != "Bundle":
        raise InvalidBundle(f"not a FHIR Bundle: the resourceType is '{data['resourceType']}'")
    _check_resource_types(data)
    try:
        return Bundle.model_validate(data)
    except ValidationError as exc:
        raise InvalidBundle("not a valid FHIR R4 Bundle: " + describe_problems(exc, data)) from None
    except (ValueError, TypeError, KeyError) as exc:
        raise InvalidBundle(f"not a valid FHIR R4 Bundle: {exc}") from None


def _parse_json(raw: bytes | str) -> Any:
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidBundle(f"not JSON: {exc}") from None


def _check_resource_types(data: dict[str, Any]) -> None:
    entries = data.get("entry")
    if entries is None:
        return
    if not isinstance(entries, list):
        raise InvalidBundle("not a valid FHIR R4 Bundle: 'entry' must be a list")
    for number, entry in enumerate(entries):
        resource = entry.get("resource") if isinstance(entry, dict) else None
        if resource is None:
            continue
        kind = resource.get("resourceType") if isinstance(resource, dict) else None
        if not isinstance(kind, str):
            raise InvalidBundle(f"not a valid FHIR R4 Bundle: entry {number} has a resource without a resourceType")
        try:
            get_fhir_model_class(kind)
        except (ValueError, KeyError):
            raise InvalidBundle(f"not a valid FHIR R4 Bundle: entry {number} has an unknown resourceType "
                                f"'{kind}'") from None


def describe_problems(exc: ValidationError, data: dict[str, Any]) -> str:
    """The first few validation problems, each located as 'entry 3 (Patient/abc) birthDate: ...'."""
    problems = []
    for error in exc.errors()[:MAX_REPORTED_PROBLEMS]:
        location = list(error.get("loc", ()))
        where = ".".join(str(part) for part in location) or "bundle"
        if len(location) >= 3 and location[0] == "entry" and location[2] == "resource":
            where = _entry_label(data, location[1]) + (" " + ".".join(str(p) for p in location[3:])
                                                       if location[3:] else "")
        message = str(error.get("msg", "is invalid")).removeprefix("Value error, ")
        problems.append(f"{where}: {' '.join(message.split())}")
    more = len(exc.errors()) - MAX_REPORTED_PROBLEMS
    return "; ".join(problems) + (f" (and {more} more)" if more > 0 else "")


def _entry_label(data: dict[str, Any], number: object) -> str:
    try:
        resource = data["entry"][int(str(number))]["resource"]
    except (KeyError, IndexError, TypeError, ValueError):
        return f"entry {number}"
    label = resource.get("resourceType", "resource")
    return f"entry {number} ({label}/{resource['id']})" if resource.get("id") else f"entry {number} ({label})"
