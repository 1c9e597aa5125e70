"""What Careline takes from a FHIR bundle: the patient's demographics, active conditions, allergies,
active medicines and the reminders their dosage timing asks for; everything else is listed as skipped
with the reason. Pure functions over parsed resources: nothing here touches the database.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from careline.fhir.bundle import BundleIndex, InvalidBundle
from careline.fhir.timing import (
    ClinicTimes,
    CourseEnded,
    NoSchedule,
    ScheduleProposal,
    concept_text,
    describe_dosage,
    dose_text,
    fhir_moment,
    schedule_from_dosage,
)
from careline.patients.models import MedicationEntry

TZ_EXTENSION = "http://hl7.org/fhir/StructureDefinition/tz-code"
ACTIVE_CONDITION_STATUSES = {"active", "recurrence", "relapse"}
INACTIVE_ALLERGY_STATUSES = {"inactive", "resolved"}
DISMISSED_VERIFICATIONS = {"refuted", "entered-in-error"}
ACTIVE_MEDICATION_STATUSES = {"MedicationRequest": {"active"}, "MedicationStatement": {"active"}}
USED_TYPES = {"Patient", "Condition", "AllergyIntolerance", "MedicationRequest", "MedicationStatement", "Medication"}
# SNOMED CT display names end in a semantic tag that means nothing to a patient.
_SEMANTIC_TAG = re.compile(r"\s*\((disorder|finding|situation|morphologic abnormality|procedure|event|"
                           r"observable entity|substance|product|medicinal product)\)\s*$", re.IGNORECASE)
MAX_NAME = 200
MAX_INSTRUCTIONS = 1000


@dataclass(frozen=True)
class Skipped:
    resource: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"resource": self.resource, "reason": self.reason}


@dataclass(frozen=True)
class PlannedReminder:
    """A reminder one dosage instruction asks for; `source_key` makes re-imports find it again."""

    medication: str
    dose: str | None
    schedule: ScheduleProposal
    source_key: str
    resource: str


@dataclass
class Demographics:
    """What the bundle's Patient says; None where it says nothing."""

    key: str | None = None
    name: str | None = None
    birth_date: date | None = None
    sex: str | None = None
    timezone: str | None = None
    language: str | None = None


@dataclass
class BundleContent:
    conditions: list[str] = field(default_factory=list)
    allergies: list[str] = field(default_factory=list)
    medications: list[MedicationEntry] = field(default_factory=list)
    reminders: list[PlannedReminder] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    # Every prescription the bundle states about the patient, active or not (by `resource_identity`): an
    # earlier import's reminder for one of them that this import does not plan again has been superseded.
    medication_resources: set[str] = field(default_factory=set)


def bundle_patient(index: BundleIndex) -> Any | None:
    """The one Patient the bundle is about; a bundle about several people is refused."""
    patients = [resource for _, resource in index.entries if resource.get_resource_type() == "Patient"]
    if len(patients) > 1:
        raise InvalidBundle(f"the bundle holds {len(patients)} patients; import one patient's bundle at a time")
    return patients[0] if patients else None


def demographics(patient: Any | None, index: BundleIndex) -> tuple[Demographics, list[Skipped]]:
    """Name, birth date, sex, time zone (tz-code extension) and language of the bundle's Patient."""
    if patient is None:
        return Demographics(), []
    skipped: list[Skipped] = []
    facts = Demographics(key=patient_key(patient, index), name=_person_name(patient), sex=patient.gender)
    if isinstance(patient.birthDate, date):
        facts.birth_date = patient.birthDate
    elif patient.birthDate:
        skipped.append(Skipped(_label(patient), f"birthDate '{patient.birthDate}' is not a full date: not imported"))
    facts.timezone = next((ext.valueCode for ext in patient.extension or [] if ext.url == TZ_EXTENSION), None)
    facts.language = _language(patient)
    return facts, skipped


def patient_key(patient: Any, index: BundleIndex) -> str:
    """A stable identity for the bundle's patient: its id, else its first identifier, else its fullUrl."""
    if patient.id:
        return f"Patient/{patient.id}"
    for identifier in patient.identifier or []:
        if identifier.value:
            return f"identifier:{identifier.system or ''}|{identifier.value}"
    full_url = next((url for url, resource in index.entries if resource is patient and url), None)
    if full_url:
        return full_url
    raise InvalidBundle("the bundle's Patient has no id, identifier or fullUrl to recognise it by")


def extract_content(
    index: BundleIndex, *, patient: Any | None, zone: ZoneInfo, clinic: ClinicTimes, now: datetime
) -> BundleContent:
    """Conditions, allergies, medicines and reminders about `patient`, and what was skipped and why."""
    content = BundleContent()
    ignored: Counter[str] = Counter()
    for _, resource in index.entries:
        kind = resource.get_resource_type()
        if kind not in USED_TYPES:
            ignored[kind] += 1
        elif kind in ("Patient", "Medication"):
            continue
        elif not _is_about(resource, patient, index):
            content.skipped.append(Skipped(_label(resource), "refers to a different patient"))
        elif kind == "Condition":
            _add_condition(resource, content)
        elif kind == "AllergyIntolerance":
            _add_allergy(resource, content)
        else:
            _add_medication(resource, content, index=index, zone=zone, clinic=clinic, now=now)
    for kind, count in sorted(ignored.items()):
        content.skipped.append(Skipped(kind, f"{count} resource{'s' if count != 1 else ''} of this type "
                                             "not used by Careline"))
    return content


def _add_condition(condition: Any, content: BundleContent) -> None:
    dismissed = _code(condition.verificationStatus)
    status = _code(condition.clinicalStatus)
    name = _clean_name(concept_text(condition.code))
    if dismissed in DISMISSED_VERIFICATIONS:
        content.skipped.append(Skipped(_label(condition), f"verification status is {dismissed}"))
    elif status is None:
        content.skipped.append(Skipped(_label(condition), "no clinical status: cannot tell whether it is active"))
    elif status not in ACTIVE_CONDITION_STATUSES:
        content.skipped.append(Skipped(_label(condition), f"clinical status is {status}"))
    elif not name:
        content.skipped.append(Skipped(_label(condition), "the condition has no name"))
    else:
        content.conditions.append(name)


def _add_allergy(allergy: Any, content: BundleContent) -> None:
    dismissed = _code(allergy.verificationStatus)
    status = _code(allergy.clinicalStatus)
    substance = _clean_name(concept_text(allergy.code) or _reaction_substance(allergy))
    if dismissed in DISMISSED_VERIFICATIONS:
        content.skipped.append(Skipped(_label(allergy), f"verification status is {dismissed}"))
    elif status in INACTIVE_ALLERGY_STATUSES:
        content.skipped.append(Skipped(_label(allergy), f"clinical status is {status}"))
    elif not substance:
        content.skipped.append(Skipped(_label(allergy), "no substance named"))
    else:
        categories = ", ".join(allergy.category or [])
        content.allergies.append(f"{substance} ({categories})" if categories else substance)


def _add_medication(
    resource: Any, content: BundleContent, *, index: BundleIndex, zone: ZoneInfo, clinic: ClinicTimes, now: datetime
) -> None:
    kind = resource.get_resource_type()
    label = _label(resource)
    content.medication_resources.add(resource_identity(resource))
    if resource.status not in ACTIVE_MEDICATION_STATUSES[kind]:
        content.skipped.append(Skipped(label, f"status is {resource.status or 'missing'}"))
        return
    if getattr(resource, "doNotPerform", None):
        content.skipped.append(Skipped(label, "a do-not-perform order"))
        return
    name = _medication_name(resource, index)
    if not name:
        reference = resource.medicationReference.reference if resource.medicationReference else "named"
        content.skipped.append(Skipped(label, f"the medication ({reference}) is not in the bundle"))
        return
    dosages = (resource.dosageInstruction if kind == "MedicationRequest" else resource.dosage) or []
    course_start = _course_start(resource, zone)
    planned: list[tuple[str, Any, ScheduleProposal | NoSchedule]] = []
    for number, dosage in enumerate(dosages, start=1):
        where = label if len(dosages) == 1 else f"{label} dosage {number}"
        try:
            planned.append((where, dosage, schedule_from_dosage(dosage, clinic=clinic, zone=zone,
                                                                course_start=course_start, now=now)))
        except NoSchedule as reason:
            planned.append((where, dosage, reason))
    if planned and all(isinstance(outcome, CourseEnded) for _, _, outcome in planned):
        content.skipped.append(Skipped(label, str(planned[-1][2])))
        return
    doses = [(dose_text(dosage) or "")[:MAX_NAME] or None for dosage in dosages]
    instructions = "; ".join(text for text in (describe_dosage(dosage) for dosage in dosages) if text) or None
    content.medications.append(MedicationEntry(
        name=name[:MAX_NAME], dose=next((dose for dose in doses if dose), None),
        instructions=instructions[:MAX_INSTRUCTIONS] if instructions else None,
    ))
    if not dosages:
        content.skipped.append(Skipped(label, "no dosage instructions: medicine added without a reminder"))
    for (where, dosage, outcome), dose in zip(planned, doses, strict=True):
        if isinstance(outcome, NoSchedule):
            content.skipped.append(Skipped(where, f"{outcome}: medicine added without a reminder"))
            continue
        content.reminders.append(PlannedReminder(medication=name[:MAX_NAME], dose=dose, schedule=outcome,
                                                 source_key=reminder_source_key(resource, dosage), resource=where))


def reminder_source_key(resource: Any, dosage: Any) -> str:
    """The resource plus a hash of the dosage: the same prescription imported again finds its reminder."""
    dosage_json = json.dumps(dosage.model_dump(mode="json", exclude_none=True), sort_keys=True)
    dosage_hash = hashlib.sha256(dosage_json.encode()).hexdigest()[:16]
    return f"{resource_identity(resource)}:{dosage_hash}"


def resource_identity(resource: Any) -> str:
    """`fhir:<type>/<id>` (or a hash of the resource when it has no short id): the start of its reminders'
    source keys."""
    identity = f"{resource.get_resource_type()}/{resource.id}" if resource.id else "resource"
    if len(identity) > 80 or not resource.id:  # keep keys short; a hash still finds the same resource
        body = resource.id or json.dumps(resource.model_dump(mode="json", exclude_none=True), sort_keys=True)
        identity = f"{resource.get_resource_type()}#{hashlib.sha256(body.encode()).hexdigest()[:24]}"
    return f"fhir:{identity}"


def identity_of_source_key(source_key: str) -> str:
    return source_key.rsplit(":", 1)[0]


def _medication_name(resource: Any, index: BundleIndex) -> str | None:
    if resource.medicationCodeableConcept is not None:
        return concept_text(resource.medicationCodeableConcept)
    reference = resource.medicationReference
    if reference is None:
        return None
    medication = index.resolve(reference.reference, container=resource)
    if medication is not None and medication.get_resource_type() == "Medication":
        return concept_text(medication.code)
    return reference.display


def _course_start(resource: Any, zone: ZoneInfo) -> datetime | None:
    if resource.get_resource_type() == "MedicationRequest":
        validity = resource.dispenseRequest.validityPeriod if resource.dispenseRequest else None
        return fhir_moment(validity.start if validity and validity.start else resource.authoredOn, zone)
    if resource.effectivePeriod is not None and resource.effectivePeriod.start is not None:
        return fhir_moment(resource.effectivePeriod.start, zone)
    return fhir_moment(resource.effectiveDateTime, zone)


def _is_about(resource: Any, patient: Any | None, index: BundleIndex) -> bool:
    """Whether a clinical resource is about the bundle's patient (always, when the bundle names none)."""
    reference = resource.patient if resource.get_resource_type() == "AllergyIntolerance" else resource.subject
    if patient is None or reference is None or not reference.reference:
        return True
    target = index.resolve(reference.reference)
    if target is not None:
        return target is patient
    return bool(patient.id) and reference.reference.rstrip("/").split("/")[-1] == patient.id


def _person_name(patient: Any) -> str | None:
    names = sorted(patient.name or [], key=lambda name: name.use != "official")
    for name in names:
        text = name.text or " ".join([*(name.given or []), name.family or ""])
        if text.strip():
            return " ".join(text.split())[:MAX_NAME]
    return None


def _language(patient: Any) -> str | None:
    """The preferred (else first) language's code ('en-US'; the profile keeps its language, 'en')."""
    communications = sorted(patient.communication or [], key=lambda item: not item.preferred)
    for communication in communications:
        codes = [coding.code for coding in communication.language.coding or [] if coding.code]
        if codes:
            return codes[0]
    return None


def _reaction_substance(allergy: Any) -> str | None:
    return next((concept_text(reaction.substance) for reaction in allergy.reaction or []
                 if concept_text(reaction.substance)), None)


def _code(concept: Any) -> str | None:
    if concept is None:
        return None
    return next((coding.code for coding in concept.coding or [] if coding.code), None)


def _clean_name(text: str | None) -> str | None:
    if not text:
        return None
    return _SEMANTIC_TAG.sub("", " ".join(text.split()))[:MAX_NAME] or None


def _label(resource: Any) -> str:
    kind = resource.get_resource_type()
    return f"{kind}/{resource.id}" if resource.id else kind
