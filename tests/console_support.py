"""Helpers shared by the clinician, web and browser tests: an app over the bundled library with an admin key
and demo mode, patients and clinicians in a clinic of their own, chat turns."""

from __future__ import annotations

from typing import Any

from careline.settings import Settings
from chat_support import clinician_headers, patient_headers

ADMIN_KEY = "console-admin-key"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


def console_settings(library_settings: Settings, **overrides: Any) -> Settings:
    """The session's library (already ingested) with an admin key and demo mode; fast notification polling."""
    values = {**library_settings.model_dump(), "admin_key": ADMIN_KEY, "demo_mode": True,
              "notification_stream_poll_seconds": 0.2, "reminder_sync_seconds": 0.5, **overrides}
    return Settings(**values)


def clinic_people(services: Any, clinic_id: str, *patient_names: str) -> tuple[dict[str, str], list[tuple[str, dict]]]:
    """A clinician of `clinic_id` and patients of it: (clinician headers, [(patient_id, patient headers)])."""
    clinician = clinician_headers(services, clinic_id=clinic_id)
    patients = [patient_headers(services, name=name, clinic_id=clinic_id) for name in patient_names]
    return clinician, patients


def ask(client: Any, headers: dict[str, str], message: str, conversation_id: str | None = None) -> dict[str, Any]:
    response = client.post("/api/v1/chat", json={"message": message, "conversation_id": conversation_id},
                           headers=headers)
    assert response.status_code == 200, response.text
    return response.json()
