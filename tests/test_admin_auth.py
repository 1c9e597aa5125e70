"""Admin creates patients and clinicians; tokens are checked on every call."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from careline.api.app import create_app
from careline.settings import Settings

ADMIN = {"Authorization": "Bearer admin-secret"}


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data", admin_key="admin-secret", ingest_on_start=False)
    with TestClient(create_app(settings, prepare_in_background=True)) as test_client:
        yield test_client


def test_admin_creates_a_patient_whose_token_works(client: TestClient) -> None:
    created = client.post("/api/v1/admin/patients", json={"name": "Ann", "timezone": "Europe/London"}, headers=ADMIN)
    assert created.status_code == 201
    body = created.json()
    assert body["patient_id"].startswith("pat_") and body["token"].startswith("clp_")


def test_admin_routes_need_the_admin_key(client: TestClient) -> None:
    missing = client.post("/api/v1/admin/patients", json={"name": "Ann"})
    assert missing.status_code == 401 and missing.json()["error"]["code"] == "unauthorized"
    wrong = client.post("/api/v1/admin/patients", json={"name": "Ann"}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    token = client.post("/api/v1/admin/patients", json={"name": "Ann"}, headers=ADMIN).json()["token"]
    as_patient = client.post("/api/v1/admin/clinicians", json={"name": "Dr"},
                             headers={"Authorization": f"Bearer {token}"})
    assert as_patient.status_code == 403


def test_rotating_a_token_revokes_the_old_one(client: TestClient) -> None:
    created = client.post("/api/v1/admin/patients", json={"name": "Ann"}, headers=ADMIN).json()
    rotated = client.post(f"/api/v1/admin/patients/{created['patient_id']}/token", headers=ADMIN).json()
    assert rotated["token"] != created["token"]
    old = client.post("/api/v1/admin/clinicians", json={"name": "Dr"},
                      headers={"Authorization": f"Bearer {created['token']}"})
    assert old.status_code == 401


def test_bad_patient_input_gets_a_readable_422(client: TestClient) -> None:
    bad_zone = client.post("/api/v1/admin/patients", json={"name": "Ann", "timezone": "Mars/Base"}, headers=ADMIN)
    assert bad_zone.status_code == 422
    assert "not a known IANA time zone" in bad_zone.json()["error"]["message"]
    no_name = client.post("/api/v1/admin/patients", json={}, headers=ADMIN)
    assert no_name.json()["error"]["message"] == "name: Field required"
