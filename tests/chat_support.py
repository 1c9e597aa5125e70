"""Helpers shared by the chat tests: patients and clinicians with tokens, and answer-checking utilities."""

from __future__ import annotations

import json
from typing import Any

from careline.auth.service import issue_token
from careline.chat.text import markers_in, remove_markers, split_sentences
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
        return {"Authorization": f"Bearer {issue_token(db_session=session, kind='clinician', principal_id=clinician.id)}"}


def body_sentences(answer: str) -> list[tuple[str, list[int]]]:
    """The answer's sentences with the citations each one carries (a sentence without markers belongs to the
    next cited sentence of its paragraph), leaving out the "For you" notes."""
    body = answer.split("\n\nFor you:")[0]
    out: list[tuple[str, list[int]]] = []
    for line in body.splitlines():
        sentences = split_sentences(line)
        for index, sentence in enumerate(sentences):
            cited = markers_in(sentence) or next((markers_in(s) for s in sentences[index + 1:] if markers_in(s)), [])
            out.append((remove_markers(sentence), cited))
    return out


def parse_sse(text: str) -> list[tuple[str, Any]]:
    """Server-sent events as (event, data) pairs."""
    events = []
    for block in text.strip().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in block.splitlines() if ": " in line)
        events.append((fields.get("event", "message"), json.loads(fields["data"])))
    return events
