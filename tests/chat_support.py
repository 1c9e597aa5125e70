"""Helpers shared by the chat tests: patients and clinicians with tokens, and answer-checking utilities."""

from __future__ import annotations

import json
from typing import Any

from careline.auth.service import issue_token
from careline.patients.models import Clinician, Patient


def patient_headers(services: Any, **profile: Any) -> tuple[str, dict[str, str]]:
    """A new patient (with the given profile fields) and the auth headers of its token."""
    with services.database.session() as session:
        fields = {"name": "Ann", "conditions": [], "allergies": [], "medications": [], "preferences": {}, **profile}
        patient = Patient(**fields)
        session.add(patient)
        session.flush()
        token = issue_token(db_session=session, kind="patient", principal_id=patient.id)
        return patient.id, {"Authorization": f"Bearer {token}"}


def clinician_headers(services: Any, clinic_id: str = "default") -> dict[str, str]:
    with services.database.session() as session:
        clinician = Clinician(name="Dr Lee", clinic_id=clinic_id)
        session.add(clinician)
        session.flush()
        token = issue_token(db_session=session, kind="clinician", principal_id=clinician.id)
        return {"Authorization": f"Bearer {token}"}


def parse_sse(text: str) -> list[tuple[str, Any]]:
    """Server-sent events as (event, data) pairs."""
    events = []
    for block in text.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        events.append((fields.get("event", "message"), json.loads(fields["data"])))
    return events
