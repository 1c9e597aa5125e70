"""The profile API as patients, clinicians and the admin use it: read, update, readable 422s, all-or-nothing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from careline.api.app import create_app
from careline.settings import Settings

ADMIN = {"Authorization": "Bearer admin-secret"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data", admin_key="admin-secret", ingest_on_start=False)
    with TestClient(create_app(settings, prepare_in_background=True)) as test_client:
        yield test_client


def new_patient(client: TestClient, name: str = "Ann Lee", timezone: str = "America/New_York") -> tuple[str, dict]:
    created = client.post("/api/v1/admin/patients", json={"name": name, "timezone": timezone}, headers=ADMIN).json()
    return created["patient_id"], bearer(created["token"])


def test_a_new_patient_reads_its_empty_profile(client: TestClient) -> None:
    patient_id, auth = new_patient(client)
    response = client.get(f"/api/v1/patients/{patient_id}/profile", headers=auth)
    assert response.status_code == 200
    assert response.json() == {
        "name": "Ann Lee", "birth_date": None, "sex": None, "pregnant": None, "timezone": "America/New_York",
        "language": "en", "conditions": [], "allergies": [], "medications": [],
    }


def test_patient_updates_its_profile_and_lists_are_trimmed_and_deduplicated(client: TestClient) -> None:
    patient_id, auth = new_patient(client)
    body = {
        "birth_date": "1960-04-02", "sex": "Female", "pregnant": False, "timezone": "Europe/London",
        "language": "en-GB", "conditions": ["  Type 2 diabetes ", "type 2  diabetes", "", "Hypertension"],
        "allergies": ["Penicillin", "penicillin "],
        "medications": [{"name": " Metformin ", "dose": "500 mg", "instructions": " with food "},
                        {"name": "metformin", "dose": "500 MG", "instructions": "With food"},
                        {"name": "Lisinopril", "dose": "", "instructions": None}],
    }
    response = client.put(f"/api/v1/patients/{patient_id}/profile", json=body, headers=auth)
    assert response.status_code == 200, response.text
    profile = response.json()
    assert profile["sex"] == "female" and profile["language"] == "en" and profile["timezone"] == "Europe/London"
    assert profile["conditions"] == ["Type 2 diabetes", "Hypertension"]
    assert profile["allergies"] == ["Penicillin"]
    assert profile["medications"] == [
        {"name": "Metformin", "dose": "500 mg", "instructions": "with food"},
        {"name": "Lisinopril", "dose": None, "instructions": None},
    ]
    assert client.get(f"/api/v1/patients/{patient_id}/profile", headers=auth).json() == profile


def test_fields_left_out_of_a_put_keep_their_values(client: TestClient) -> None:
    patient_id, auth = new_patient(client)
    client.put(f"/api/v1/patients/{patient_id}/profile", json={"conditions": ["Asthma"], "sex": "male"}, headers=auth)
    response = client.put(f"/api/v1/patients/{patient_id}/profile", json={"allergies": ["Latex"]}, headers=auth)
    assert response.json()["conditions"] == ["Asthma"] and response.json()["sex"] == "male"
    assert response.json()["allergies"] == ["Latex"]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"timezone": "Mars/Olympus"}, "timezone: 'Mars/Olympus' is not a known IANA time zone"),
        ({"birth_date": (date.today() + timedelta(days=3)).isoformat()}, "is in the future"),
        ({"birth_date": "1899-12-31"}, "birth_date: 1899-12-31 is before 1900"),
        ({"sex": "robot"}, "sex: 'robot' is not one of female, male, other, unknown"),
        ({"pregnant": "yes"}, "pregnant: Input should be a valid boolean"),
        ({"sex": "male", "pregnant": True}, "pregnant: cannot be true when sex is male"),
        ({"conditions": "asthma"}, "conditions: Input should be a valid list"),
        ({"conditions": [42]}, "conditions.0: Input should be a valid string"),
        ({"medications": [{"name": "  "}]}, "medications.0.name: must not be empty"),
        ({"medications": [{"dose": "5 mg"}]}, "medications.0.name: Field required"),
        ({"language": "English!"}, "language: 'English!' is not a language code"),
        ({"name": ""}, "name: must not be empty"),
        ({"diagnosis": "flu"}, "diagnosis: Extra inputs are not permitted"),
    ],
)
def test_invalid_profile_values_get_a_readable_422(client: TestClient, body: dict, message: str) -> None:
    patient_id, auth = new_patient(client)
    response = client.put(f"/api/v1/patients/{patient_id}/profile", json=body, headers=auth)
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "validation_error"
    assert message in response.json()["error"]["message"]


def test_pregnant_true_is_refused_for_a_male_profile_set_earlier(client: TestClient) -> None:
    patient_id, auth = new_patient(client)
    client.put(f"/api/v1/patients/{patient_id}/profile", json={"sex": "male"}, headers=auth)
    response = client.put(f"/api/v1/patients/{patient_id}/profile", json={"pregnant": True}, headers=auth)
    assert response.status_code == 422
    assert "pregnant: cannot be true when sex is male" in response.json()["error"]["message"]


def test_a_failed_update_leaves_the_old_profile_intact(client: TestClient) -> None:
    patient_id, auth = new_patient(client)
    good = {"conditions": ["Asthma"], "timezone": "Europe/Paris", "medications": [{"name": "Salbutamol"}]}
    before = client.put(f"/api/v1/patients/{patient_id}/profile", json=good, headers=auth).json()
    bad = {"conditions": ["Diabetes"], "timezone": "Nowhere/Land", "birth_date": "2999-01-01",
           "medications": [{"name": "Insulin"}]}
    response = client.put(f"/api/v1/patients/{patient_id}/profile", json=bad, headers=auth)
    assert response.status_code == 422
    message = response.json()["error"]["message"]
    assert "timezone:" in message and "birth_date:" in message  # every problem is reported at once
    assert client.get(f"/api/v1/patients/{patient_id}/profile", headers=auth).json() == before


def test_patient_cannot_read_or_change_another_patients_profile(client: TestClient) -> None:
    ann_id, ann = new_patient(client, "Ann")
    bob_id, _ = new_patient(client, "Bob")
    assert client.get(f"/api/v1/patients/{bob_id}/profile", headers=ann).status_code == 404
    put = client.put(f"/api/v1/patients/{bob_id}/profile", json={"conditions": ["x"]}, headers=ann)
    assert put.status_code == 404
    assert client.get("/api/v1/patients/pat_missing/profile", headers=ann).json() == put.json()
    assert client.get(f"/api/v1/patients/{ann_id}/profile").status_code == 401


def test_clinician_and_admin_can_update_a_patients_profile(client: TestClient) -> None:
    patient_id, _ = new_patient(client)
    clinician = client.post("/api/v1/admin/clinicians", json={"name": "Dr Ray"}, headers=ADMIN).json()
    response = client.put(f"/api/v1/patients/{patient_id}/profile", json={"allergies": ["Sulfa"]},
                          headers=bearer(clinician["token"]))
    assert response.status_code == 200 and response.json()["allergies"] == ["Sulfa"]
    by_admin = client.get(f"/api/v1/patients/{patient_id}/profile", headers=ADMIN)
    assert by_admin.json()["allergies"] == ["Sulfa"]
