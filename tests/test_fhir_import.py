"""FHIR R4 import as clinics use it: the API and `careline import-fhir` with a Synthea-style bundle."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from careline.api.app import create_app
from careline.settings import Settings

ADMIN = {"Authorization": "Bearer admin-secret"}
FHIR_DIR = Path(__file__).parent / "fixtures" / "fhir"
BUNDLE_PATH = FHIR_DIR / "maria_okafor_bundle.json"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def bundle() -> dict[str, Any]:
    return json.loads(BUNDLE_PATH.read_text())


@pytest.fixture()
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(data_dir=tmp_path / "data", admin_key="admin-secret", ingest_on_start=False,
                        scheduler_enabled=False)
    with TestClient(create_app(settings, prepare_in_background=True)) as test_client:
        yield test_client


def new_patient(client: TestClient, name: str = "Maria Okafor") -> tuple[str, dict[str, str]]:
    created = client.post("/api/v1/admin/patients", json={"name": name}, headers=ADMIN).json()
    return created["patient_id"], bearer(created["token"])


def by_medication(reminders: list[dict[str, Any]], word: str) -> dict[str, Any]:
    return next(r for r in reminders if word.lower() in r["medication"].lower())


def test_a_synthea_style_bundle_fills_the_profile_and_timed_requests_become_reminders(client: TestClient) -> None:
    patient_id, auth = new_patient(client)
    response = client.post(f"/api/v1/patients/{patient_id}/fhir", json=bundle(), headers=auth)
    assert response.status_code == 200, response.text
    result = response.json()
    assert set(result) == {"patient_id", "profile", "reminders", "skipped"}
    assert result["patient_id"] == patient_id

    profile = result["profile"]
    assert profile["name"] == "Maria Okafor" and profile["birth_date"] == "1958-07-14"
    assert profile["sex"] == "female" and profile["timezone"] == "America/New_York" and profile["language"] == "en"
    assert profile["conditions"] == ["Diabetes mellitus type 2", "Migraine"]  # resolved bronchitis left out
    assert profile["allergies"] == ["Penicillin V (medication)"]  # inactive latex allergy left out
    names = [m["name"] for m in profile["medications"]]
    assert "Ibuprofen 200 MG Oral Tablet" in names  # as needed: in the profile, without a reminder
    assert not any("predniSONE" in n or "Azithromycin" in n for n in names)  # stopped / course over
    assert client.get(f"/api/v1/patients/{patient_id}/profile", headers=auth).json() == profile

    reminders = result["reminders"]
    metformin = by_medication(reminders, "metformin")
    assert metformin["dose"] == "500 mg" and metformin["schedule"]["times"] == ["08:00", "20:00"]
    assert metformin["status"] == "active" and metformin["source"] == "fhir"
    assert metformin["timezone"] == "America/New_York"
    assert by_medication(reminders, "lisinopril")["schedule"]["times"] == ["08:00"]  # when MORN
    assert by_medication(reminders, "atorvastatin")["schedule"]["times"] == ["22:00"]  # when HS = bedtime
    assert by_medication(reminders, "omeprazole")["schedule"]["times"] == ["07:30"]  # ACM: before breakfast
    amoxicillin = by_medication(reminders, "amoxicillin")
    assert amoxicillin["schedule"]["every_hours"] == 8 and amoxicillin["schedule"]["end"] is not None
    methotrexate = by_medication(reminders, "methotrexate")  # a Medication entry referenced by urn:uuid
    assert methotrexate["schedule"]["days_of_week"] == ["fri"] and methotrexate["dose"] == "4 tablets"
    levothyroxine = by_medication(reminders, "levothyroxine")
    assert levothyroxine["dose"] is None and levothyroxine["schedule"]["times"] == ["06:30"]  # no dose invented
    vitamin_d = by_medication(reminders, "cholecalciferol")  # contained Medication, '2 per day' without times
    assert vitamin_d["status"] == "pending_confirmation" and vitamin_d["active"] is False
    assert vitamin_d["schedule"]["times"] == ["08:00", "20:00"]
    assert not any("ibuprofen" in r["medication"].lower() for r in reminders)
    assert len(reminders) == 8

    skipped = {item["resource"]: item["reason"] for item in result["skipped"]}
    assert skipped["Condition/cond-bronchitis"] == "clinical status is resolved"
    assert skipped["AllergyIntolerance/allergy-latex"] == "clinical status is inactive"
    assert skipped["MedicationRequest/rx-prednisone"] == "status is stopped"
    assert skipped["MedicationRequest/rx-azithromycin"] == "the course ended on 2019-04-05"
    assert skipped["MedicationRequest/rx-ibuprofen"].startswith("taken as needed")
    assert skipped["Observation"] == "2 resources of this type not used by Careline"
    assert "Encounter" in skipped and "Claim" in skipped

    listed = client.get(f"/api/v1/patients/{patient_id}/reminders", headers=auth).json()["reminders"]
    assert {r["id"] for r in listed} == {r["id"] for r in reminders}


def test_reimporting_the_same_bundle_changes_nothing(client: TestClient) -> None:
    patient_id, auth = new_patient(client)
    first = client.post(f"/api/v1/patients/{patient_id}/fhir", json=bundle(), headers=auth).json()
    second = client.post(f"/api/v1/patients/{patient_id}/fhir", json=bundle(), headers=auth).json()
    assert [r["id"] for r in second["reminders"]] == [r["id"] for r in first["reminders"]]
    assert second["profile"] == first["profile"]
    assert second["skipped"] == first["skipped"]
    listed = client.get(f"/api/v1/patients/{patient_id}/reminders", headers=auth).json()["reminders"]
    assert len(listed) == len(first["reminders"])


def test_imported_lists_merge_with_what_the_patient_entered(client: TestClient) -> None:
    patient_id, auth = new_patient(client)
    client.put(f"/api/v1/patients/{patient_id}/profile", headers=auth, json={
        "conditions": ["Asthma", "migraine"], "allergies": ["Sulfa"],
        "medications": [{"name": "Salbutamol", "dose": "2 puffs"},
                        {"name": "metformin hydrochloride 500 mg oral tablet", "dose": "old"}]})
    profile = client.post(f"/api/v1/patients/{patient_id}/fhir", json=bundle(), headers=auth).json()["profile"]
    assert profile["conditions"] == ["Asthma", "migraine", "Diabetes mellitus type 2"]
    assert profile["allergies"] == ["Sulfa", "Penicillin V (medication)"]
    doses = {m["name"]: m["dose"] for m in profile["medications"]}
    assert doses["Salbutamol"] == "2 puffs"
    assert doses["Metformin hydrochloride 500 MG Oral Tablet"] == "500 mg"  # the prescription replaces the entry
    assert "metformin hydrochloride 500 mg oral tablet" not in doses


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"this is not json", "not JSON"),
        (json.dumps({"resourceType": "Patient", "id": "p1"}).encode(),
         "not a FHIR Bundle: the resourceType is 'Patient'"),
        (json.dumps([1, 2]).encode(), "not a FHIR resource"),
        (json.dumps({"resourceType": "Bundle", "type": "collection", "entry": [
            {"resource": {"resourceType": "Patient", "id": "p1", "birthDate": "14/07/1958"}}]}).encode(),
         "entry 0 (Patient/p1) birthDate"),
        (json.dumps({"resourceType": "Bundle", "type": "collection", "entry": [
            {"resource": {"resourceType": "Spaceship", "id": "x"}}]}).encode(), "unknown resourceType 'Spaceship'"),
        (json.dumps({"resourceType": "Bundle", "type": "collection", "entry": [
            {"resource": {"resourceType": "Patient", "id": "a"}},
            {"resource": {"resourceType": "Patient", "id": "b"}}]}).encode(), "the bundle holds 2 patients"),
    ],
)
def test_an_invalid_bundle_is_rejected_with_the_reason(client: TestClient, body: bytes, message: str) -> None:
    patient_id, auth = new_patient(client)
    before = client.get(f"/api/v1/patients/{patient_id}/profile", headers=auth).json()
    response = client.post(f"/api/v1/patients/{patient_id}/fhir", content=body,
                           headers={**auth, "Content-Type": "application/fhir+json"})
    assert response.status_code == 422, response.text
    assert response.json()["error"]["code"] == "invalid_bundle"
    assert message in response.json()["error"]["message"]
    assert client.get(f"/api/v1/patients/{patient_id}/profile", headers=auth).json() == before


def test_a_failure_midway_leaves_nothing_half_applied(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import careline.fhir.importer as importer

    real_create = importer.create_reminder
    calls = {"n": 0}

    def failing_create(**kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 3:  # the profile and two reminders are already written in this unit of work
            raise RuntimeError("disk full")
        return real_create(**kwargs)

    monkeypatch.setattr(importer, "create_reminder", failing_create)
    patient_id, auth = new_patient(client)
    before = client.get(f"/api/v1/patients/{patient_id}/profile", headers=auth).json()
    with TestClient(client.app, raise_server_exceptions=False) as quiet:
        response = quiet.post(f"/api/v1/patients/{patient_id}/fhir", json=bundle(), headers=auth)
    assert response.status_code == 500 and calls["n"] == 3
    assert client.get(f"/api/v1/patients/{patient_id}/profile", headers=auth).json() == before
    assert client.get(f"/api/v1/patients/{patient_id}/reminders", headers=auth).json()["reminders"] == []


def test_only_that_patient_or_the_clinic_may_import(client: TestClient) -> None:
    maria_id, maria = new_patient(client)
    _, other = new_patient(client, "Someone Else")
    assert client.post(f"/api/v1/patients/{maria_id}/fhir", json=bundle(), headers=other).status_code == 404
    assert client.post(f"/api/v1/patients/{maria_id}/fhir", json=bundle()).status_code == 401
    clinician = client.post("/api/v1/admin/clinicians", json={"name": "Dr Ray"}, headers=ADMIN).json()
    response = client.post(f"/api/v1/patients/{maria_id}/fhir", json=bundle(), headers=bearer(clinician["token"]))
    assert response.status_code == 200
    assert client.get(f"/api/v1/patients/{maria_id}/profile", headers=maria).json()["name"] == "Maria Okafor"


def test_one_persons_bundle_is_not_merged_into_another_patient(client: TestClient) -> None:
    maria_id, maria = new_patient(client)
    bob_id, bob = new_patient(client, "Bob Stone")
    assert client.post(f"/api/v1/patients/{maria_id}/fhir", json=bundle(), headers=maria).status_code == 200
    again_elsewhere = client.post(f"/api/v1/patients/{bob_id}/fhir", json=bundle(), headers=bob)
    assert again_elsewhere.status_code == 409
    assert "already imported into a different Careline patient" in again_elsewhere.json()["error"]["message"]

    carl_id, carl = new_patient(client, "Carl Diaz")
    client.put(f"/api/v1/patients/{carl_id}/profile", json={"birth_date": "1990-01-01"}, headers=carl)
    other_bundle = bundle()
    other_bundle["entry"][0]["resource"]["id"] = "another-fhir-id"
    mismatch = client.post(f"/api/v1/patients/{carl_id}/fhir", json=other_bundle, headers=carl)
    assert mismatch.status_code == 409 and "born on 1958-07-14" in mismatch.json()["error"]["message"]
    assert client.get(f"/api/v1/patients/{carl_id}/profile", headers=carl).json()["conditions"] == []


def run_cli(args: list[str], data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CARELINE_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "careline.cli", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def test_import_fhir_command_creates_the_patient_once_and_prints_the_contract_json(tmp_path: Path) -> None:
    first = run_cli(["import-fhir", str(BUNDLE_PATH), "--json"], tmp_path / "data")
    assert first.returncode == 0, first.stderr
    result = json.loads(first.stdout)
    assert set(result) == {"patient_id", "profile", "reminders", "skipped"}
    assert result["profile"]["name"] == "Maria Okafor" and len(result["reminders"]) == 8
    assert any(r["status"] == "pending_confirmation" for r in result["reminders"])

    again = json.loads(run_cli(["import-fhir", str(BUNDLE_PATH), "--json"], tmp_path / "data").stdout)
    assert again["patient_id"] == result["patient_id"]  # the same FHIR patient finds the same Careline patient
    assert [r["id"] for r in again["reminders"]] == [r["id"] for r in result["reminders"]]

    into = run_cli(["import-fhir", str(BUNDLE_PATH), "--patient-id", result["patient_id"]], tmp_path / "data")
    assert into.returncode == 0 and into.stdout.startswith(f"updated patient {result['patient_id']}")


def test_import_fhir_command_fails_with_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"resourceType": "Bundle", "type": "collection", "entry": [')
    result = run_cli(["import-fhir", str(broken)], tmp_path / "data")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("error: not JSON:") and result.stderr.count("\n") == 1
    missing = run_cli(["import-fhir", str(tmp_path / "nope.json")], tmp_path / "data")
    assert missing.returncode == 1 and "cannot read" in missing.stderr
    no_patient = tmp_path / "no_patient.json"
    no_patient.write_text(json.dumps({"resourceType": "Bundle", "type": "collection", "entry": []}))
    result = run_cli(["import-fhir", str(no_patient)], tmp_path / "data")
    assert result.returncode == 1 and "--patient-id" in result.stderr


def test_resources_about_someone_else_or_with_a_missing_medication_are_skipped(client: TestClient) -> None:
    patient_id, auth = new_patient(client)
    data = bundle()
    data["entry"].append({"resource": {
        "resourceType": "Condition", "id": "cond-not-hers", "subject": {"reference": "Patient/someone-else"},
        "clinicalStatus": {"coding": [{"code": "active"}]}, "code": {"text": "Gout"}}})
    data["entry"].append({"resource": {
        "resourceType": "MedicationRequest", "id": "rx-dangling", "status": "active", "intent": "order",
        "subject": {"reference": "urn:uuid:5b1c2a4e-0f0e-4c7a-9a51-1d2a3b4c5d01"},
        "medicationReference": {"reference": "Medication/not-here"}}})
    result = client.post(f"/api/v1/patients/{patient_id}/fhir", json=data, headers=auth).json()
    skipped = {item["resource"]: item["reason"] for item in result["skipped"]}
    assert skipped["Condition/cond-not-hers"] == "refers to a different patient"
    assert skipped["MedicationRequest/rx-dangling"] == "the medication (Medication/not-here) is not in the bundle"
    assert "Gout" not in result["profile"]["conditions"]


def test_a_bundle_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", admin_key="admin-secret", ingest_on_start=False,
                        scheduler_enabled=False, fhir_max_bundle_mb=0.001)
    with TestClient(create_app(settings)) as small:
        patient_id, auth = new_patient(small)
        response = small.post(f"/api/v1/patients/{patient_id}/fhir", json=bundle(), headers=auth)
    assert response.status_code == 413 and response.json()["error"]["code"] == "too_large"


def _medication_request(body: dict[str, Any], resource_id: str) -> dict[str, Any]:
    return next(e["resource"] for e in body["entry"] if e["resource"].get("id") == resource_id)


def test_a_changed_or_stopped_prescription_ends_the_reminder_an_earlier_import_made(client: TestClient) -> None:
    patient_id, auth = new_patient(client)
    first = client.post(f"/api/v1/patients/{patient_id}/fhir", json=bundle(), headers=auth).json()
    old_metformin = by_medication(first["reminders"], "metformin")
    old_lisinopril = by_medication(first["reminders"], "lisinopril")
    mine = client.post(f"/api/v1/patients/{patient_id}/reminders", headers=auth, json={
        "medication": "Metformin", "schedule": {"times": ["12:00"]}}).json()

    updated = bundle()
    _medication_request(updated, "rx-metformin")["dosageInstruction"][0]["timing"]["repeat"]["timeOfDay"] = [
        "07:00:00", "19:00:00"]
    _medication_request(updated, "rx-lisinopril")["status"] = "stopped"
    second = client.post(f"/api/v1/patients/{patient_id}/fhir", json=updated, headers=auth).json()

    new_metformin = by_medication(second["reminders"], "metformin")
    assert new_metformin["id"] != old_metformin["id"] and new_metformin["schedule"]["times"] == ["07:00", "19:00"]
    assert not any("lisinopril" in r["medication"].lower() for r in second["reminders"])
    listed = {r["id"]: r for r in client.get(f"/api/v1/patients/{patient_id}/reminders", headers=auth).json()[
        "reminders"]}
    assert listed[old_metformin["id"]]["status"] == "ended" and listed[old_lisinopril["id"]]["status"] == "ended"
    assert listed[new_metformin["id"]]["status"] == "active"
    assert listed[mine["id"]]["status"] == "active"  # the patient's own reminder is theirs to manage
    # Others the bundle still prescribes the same way are untouched.
    atorvastatin = by_medication(first["reminders"], "atorvastatin")
    assert listed[atorvastatin["id"]]["status"] == "active"
    upcoming = client.get(f"/api/v1/patients/{patient_id}/reminders/upcoming?hours=48", headers=auth).json()
    assert not {d["reminder_id"] for d in upcoming["doses"]} & {old_metformin["id"], old_lisinopril["id"]}
