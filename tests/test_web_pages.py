"""What browsers load: the widget script and stylesheet, the demo and console pages with a strict content
security policy, the widget's config and session, demo patients (demo mode only) and CORS for other origins."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from careline.api.app import create_app
from careline.web.views import STATIC_DIR
from chat_support import clinician_headers, patient_headers
from console_support import ask, console_settings

HOST_ORIGIN = "http://clinic.example"


@pytest.fixture(scope="module")
def client(library_settings, library_store) -> Iterator[TestClient]:
    app = create_app(console_settings(library_settings, cors_origins=[HOST_ORIGIN]), prepare_in_background=False)
    with TestClient(app) as test_client:
        yield test_client


def test_the_widget_script_and_stylesheet_are_served_for_embedding(client) -> None:
    script = client.get("/widget.js")
    assert script.status_code == 200 and script.headers["content-type"].startswith("text/javascript")
    assert script.headers["cross-origin-resource-policy"] == "cross-origin"
    assert "attachShadow" in script.text and "data-token" in script.text
    style = client.get("/widget.css")
    assert style.status_code == 200 and style.headers["content-type"].startswith("text/css")


@pytest.mark.parametrize("page", ["/console", "/demo"])
def test_pages_load_only_their_own_scripts_and_styles(client, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.text  # no inline script: the policy would block it
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', response.text):
        assert client.get(asset).status_code == 200, asset


@pytest.mark.parametrize("name", ["widget.js", "console.js", "demo.js"])
def test_the_browser_code_never_parses_strings_as_html(name: str) -> None:
    source = (Path(STATIC_DIR) / name).read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert sink not in source, f"{name} uses {sink}"


def test_the_widget_config_gives_the_configured_numbers(client) -> None:
    config = client.get("/api/v1/widget/config").json()
    assert config == {"emergency_number": "911", "crisis_line": "988", "poison_control": "1-800-222-1222",
                      "demo_mode": True}


def test_the_widget_session_names_the_patient_behind_a_patient_token(client) -> None:
    services = client.app.state.services
    patient_id, headers = patient_headers(services, name="Ada Park", timezone="Europe/Paris")
    assert client.get("/api/v1/widget/session", headers=headers).json() == {
        "patient_id": patient_id, "name": "Ada Park", "timezone": "Europe/Paris"}
    assert client.get("/api/v1/widget/session", headers=clinician_headers(services)).status_code == 403
    assert client.get("/api/v1/widget/session").status_code == 401


def test_a_demo_patient_has_a_profile_reminders_and_history(client) -> None:
    created = client.post("/api/v1/demo/patient", json={"timezone": "America/Chicago"})
    assert created.status_code == 201
    patient_id, headers = created.json()["patient_id"], {"Authorization": f"Bearer {created.json()['token']}"}
    profile = client.get(f"/api/v1/patients/{patient_id}/profile", headers=headers).json()
    assert profile["timezone"] == "America/Chicago" and profile["allergies"] == ["Penicillin"]
    reminders = client.get(f"/api/v1/patients/{patient_id}/reminders", headers=headers).json()["reminders"]
    assert sorted(r["medication"] for r in reminders) == ["Lisinopril", "Metformin"]
    week = client.get(f"/api/v1/patients/{patient_id}/adherence", headers=headers).json()["overall"]["last_7_days"]
    assert week["taken"] > 10 and week["missed"] > 0
    assert client.post("/api/v1/demo/patient", json={"timezone": "Mars/Olympus"}).status_code == 422


def test_demo_people_live_in_a_clinic_of_their_own(client) -> None:
    services = client.app.state.services
    created = client.post("/api/v1/demo/patient").json()
    demo_patient = {"Authorization": f"Bearer {created['token']}"}
    conversation = ask(client, demo_patient, "What is asthma?")["conversation_id"]
    demo_clinician = {"Authorization": f"Bearer {client.post('/api/v1/demo/clinician').json()['token']}"}
    listed = client.get("/api/v1/clinician/conversations", headers=demo_clinician).json()["conversations"]
    assert conversation in {c["id"] for c in listed}
    assert all(c["patient_name"] == "Sam Rivera" for c in listed)
    clinic_clinician = clinician_headers(services)  # the default clinic
    assert client.get(f"/api/v1/clinician/conversations/{conversation}", headers=clinic_clinician).status_code == 404


def test_demo_routes_do_not_exist_outside_demo_mode(library_client) -> None:
    assert library_client.post("/api/v1/demo/patient").status_code == 404
    assert library_client.post("/api/v1/demo/clinician").status_code == 404
    assert library_client.get("/api/v1/widget/config").json()["demo_mode"] is False


def test_a_listed_origin_may_call_the_api_from_the_browser_and_others_may_not(client) -> None:
    preflight = {"Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "authorization,content-type,accept"}
    allowed = client.options("/api/v1/chat", headers={"Origin": HOST_ORIGIN, **preflight})
    assert allowed.status_code == 200 and allowed.headers["access-control-allow-origin"] == HOST_ORIGIN
    refused = client.options("/api/v1/chat", headers={"Origin": "http://elsewhere.example", **preflight})
    assert "access-control-allow-origin" not in refused.headers
