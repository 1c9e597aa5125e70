"""Careline on PostgreSQL by URL (`CARELINE_DATABASE_URL=postgresql+psycopg://...`): the migrations, a
patient's day through the API (profile, chat with personal notes and an emergency, history, the clinician's
worklist and summary, reminders and doses, a FHIR import and re-import) and the scheduler's job store
across restarts, all against a real PostgreSQL server."""

from __future__ import annotations

import copy
import json
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect

from careline.api.app import create_app
from console_support import clinic_people, console_settings
from postgres_support import postgres_server
from reminders_support import reminder_settings
from test_scheduler_restart import restart_twice_and_check_every_dose_fired_once

pytestmark = pytest.mark.postgres

BUNDLE = Path(__file__).parent / "fixtures" / "fhir" / "maria_okafor_bundle.json"


@pytest.fixture(scope="module")
def new_database() -> Iterator[Callable[[], str]]:
    with postgres_server() as new:
        yield new


def test_the_migrations_build_every_table_on_postgres(new_database) -> None:
    from careline.db import Base, Database
    from careline.settings import Settings

    url = new_database()
    Database(Settings(database_url=url)).migrate()
    engine = create_engine(url)
    try:
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert set(Base.metadata.tables) <= tables and "alembic_version" in tables


def test_a_patients_day_runs_on_postgres(new_database, library_settings, library_store) -> None:
    settings = console_settings(library_settings, database_url=new_database())
    with TestClient(create_app(settings, prepare_in_background=False)) as client:
        services = client.app.state.services
        clinician, [(patient_id, patient)] = clinic_people(services, f"clinic-{uuid.uuid4().hex[:8]}",
                                                       "Maria Okafor")
        profile = client.put(f"/api/v1/patients/{patient_id}/profile", headers=patient, json={
            "name": "Maria Okafor", "birth_date": "1958-07-14", "timezone": "America/New_York",
            "allergies": ["penicillin"], "medications": [{"name": "warfarin", "dose": "5 mg"}]})
        assert profile.status_code == 200, profile.text

        answer = client.post("/api/v1/chat", headers=patient, json={"message": "can I take amoxicillin?"}).json()
        assert answer["citations"] and any(n["kind"] == "allergy" for n in answer["personal_notes"])
        emergency = client.post("/api/v1/chat", headers=patient,
                                json={"message": "my chest is crushing and my left arm is numb"}).json()
        assert emergency["safety"]["level"] == "emergency" and "911" in emergency["answer"]
        history = client.get("/api/v1/conversations", headers=patient).json()
        assert len(history["conversations"]) == 2

        worklist = client.get("/api/v1/clinician/conversations", headers=clinician).json()["conversations"]
        assert worklist[0]["id"] == emergency["conversation_id"] and worklist[0]["safety_level"] == "emergency"
        detail = client.get(f"/api/v1/clinician/conversations/{emergency['conversation_id']}", headers=clinician)
        assert detail.status_code == 200 and detail.json()["summary"]

        reminder = client.post(f"/api/v1/patients/{patient_id}/reminders", headers=patient, json={
            "medication": "Warfarin", "dose": "5 mg", "schedule": {"times": ["18:00"]}}).json()
        due = client.get(f"/api/v1/patients/{patient_id}/reminders/upcoming?hours=48",
                         headers=patient).json()["doses"][0]["due"]
        taken = client.post(f"/api/v1/patients/{patient_id}/reminders/{reminder['id']}/doses", headers=patient,
                            json={"due": due, "action": "taken"})
        assert taken.status_code in (200, 201), taken.text

        bundle = json.loads(BUNDLE.read_text())
        first = client.post(f"/api/v1/patients/{patient_id}/fhir", headers=patient, json=bundle)
        assert first.status_code == 200, first.text
        changed = copy.deepcopy(bundle)
        for entry in changed["entry"]:
            if entry["resource"].get("id") == "rx-lisinopril":
                entry["resource"]["status"] = "stopped"
        client.post(f"/api/v1/patients/{patient_id}/fhir", headers=patient, json=changed)
        listed = client.get(f"/api/v1/patients/{patient_id}/reminders", headers=patient).json()["reminders"]
        statuses = {r["medication"].split()[0].lower(): r["status"] for r in listed}
        assert statuses["lisinopril"] == "ended" and statuses["metformin"] == "active"


def test_a_restarted_app_fires_every_due_dose_exactly_once_on_postgres(new_database, tmp_path: Path) -> None:
    restart_twice_and_check_every_dose_fired_once(
        reminder_settings(tmp_path / "data", reminder_late_grace_seconds=1, database_url=new_database()))
