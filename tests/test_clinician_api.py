"""The clinician API as the console uses it: the worklist (urgency, then recency; filters; the clinic's
patients only), one conversation in full, reviews, summaries that follow the conversation, and the audit log."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from careline.api.app import create_app
from console_support import ADMIN, ask, clinic_people, console_settings


@pytest.fixture(scope="module")
def client(library_settings, library_store) -> Iterator[TestClient]:
    app = create_app(console_settings(library_settings), prepare_in_background=False)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def services(client: TestClient):
    return client.app.state.services


@pytest.fixture()
def clinic(services):
    """A fresh clinic with a clinician and three patients, so other tests' conversations never show up."""
    return clinic_people(services, f"clinic-{uuid.uuid4().hex[:8]}", "Ada Park", "Ben Ortiz", "Cleo Wu")


def worklist(client: TestClient, clinician: dict[str, str], **params) -> list[dict]:
    response = client.get("/api/v1/clinician/conversations", params=params, headers=clinician)
    assert response.status_code == 200, response.text
    return response.json()["conversations"]


def test_the_worklist_puts_emergencies_first_then_urgent_then_routine_newest_first(client, clinic) -> None:
    clinician, [(_, ada), (_, ben), (_, cleo)] = clinic
    routine_old = ask(client, ada, "What is metformin used for?")["conversation_id"]
    emergency = ask(client, ben, "I have crushing chest pain right now")["conversation_id"]
    urgent = ask(client, cleo, "I've had a fever of 103 for four days")["conversation_id"]
    time.sleep(0.01)
    routine_new = ask(client, ada, "What causes gout?")["conversation_id"]
    items = worklist(client, clinician)
    assert [item["id"] for item in items] == [emergency, urgent, routine_new, routine_old]
    first = items[0]
    assert (first["patient_name"], first["safety_level"], first["flags"]) == ("Ben Ortiz", "emergency",
                                                                               ["emergency:chest_pain"])
    assert first["reviewed"] is False and first["message_count"] == 2
    assert first["preview"] == "I have crushing chest pain right now"


def test_the_worklist_filters_by_flag_review_state_and_patient(client, clinic) -> None:
    clinician, [(ada_id, ada), (_, ben), _] = clinic
    emergency = ask(client, ben, "I have crushing chest pain right now")["conversation_id"]
    dose = ask(client, ada, "Can I double my metformin dose?")["conversation_id"]
    plain = ask(client, ada, "What is asthma?")["conversation_id"]
    assert [i["id"] for i in worklist(client, clinician, flag="emergency")] == [emergency]
    assert [i["id"] for i in worklist(client, clinician, flag="scope")] == [dose]
    assert [i["id"] for i in worklist(client, clinician, flag="scope:dose_change")] == [dose]
    assert {i["id"] for i in worklist(client, clinician, patient_id=ada_id)} == {dose, plain}
    review = client.post(f"/api/v1/clinician/conversations/{plain}/review", json={"note": "ok"}, headers=clinician)
    assert review.status_code == 200, review.text
    assert [i["id"] for i in worklist(client, clinician, reviewed="true")] == [plain]
    assert {i["id"] for i in worklist(client, clinician, reviewed="false")} == {emergency, dose}


def test_a_long_worklist_comes_in_pages_that_fit_together(client, clinic) -> None:
    clinician, [(_, ada), (_, ben), _] = clinic
    ids = [ask(client, ada, f"What causes gout? ({n})")["conversation_id"] for n in range(4)]
    emergency = ask(client, ben, "I have crushing chest pain right now")["conversation_id"]
    everything = [item["id"] for item in worklist(client, clinician)]
    assert everything[0] == emergency and set(everything) == {emergency, *ids}
    pages, offset = [], 0
    while offset is not None:
        response = client.get("/api/v1/clinician/conversations", params={"limit": 2, "offset": offset},
                              headers=clinician).json()
        pages.append([item["id"] for item in response["conversations"]])
        offset = response["next_offset"]
    assert [len(page) for page in pages] == [2, 2, 1] and sum(pages, []) == everything
    # Filters apply before paging: two routine conversations per page, skipping the emergency.
    routine = client.get("/api/v1/clinician/conversations", params={"flag": "routine", "limit": 2, "offset": 2},
                         headers=clinician).json()
    assert [item["id"] for item in routine["conversations"]] == everything[3:5] and routine["next_offset"] is None
    bad = client.get("/api/v1/clinician/conversations", params={"offset": -1}, headers=clinician)
    assert bad.status_code == 422 and "offset" in bad.text


def test_clinicians_see_only_their_clinics_patients_and_patients_see_nothing(client, services, clinic) -> None:
    clinician, [(ada_id, ada), _, _] = clinic
    conversation = ask(client, ada, "What is asthma?")["conversation_id"]
    outsider, _ = clinic_people(services, "another-clinic")
    assert worklist(client, outsider) == []
    assert client.get(f"/api/v1/clinician/conversations/{conversation}", headers=outsider).status_code == 404
    assert client.get("/api/v1/clinician/conversations", params={"patient_id": ada_id},
                      headers=outsider).status_code == 404
    assert client.post(f"/api/v1/clinician/conversations/{conversation}/review", json={"note": ""},
                       headers=outsider).status_code == 404
    assert client.get("/api/v1/clinician/conversations", headers=ada).status_code == 403
    assert client.get("/api/v1/clinician/conversations").status_code == 401
    assert conversation in {i["id"] for i in worklist(client, ADMIN)}  # the admin sees every clinic


def test_a_conversation_comes_with_citations_summary_profile_and_adherence(client, clinic) -> None:
    clinician, [(ada_id, ada), _, _] = clinic
    client.put(f"/api/v1/patients/{ada_id}/profile", headers=ada,
               json={"allergies": ["Penicillin"], "medications": [{"name": "Metformin", "dose": "500 mg"}]})
    client.post(f"/api/v1/patients/{ada_id}/reminders", headers=ada,
                json={"medication": "Metformin", "dose": "500 mg", "schedule": {"times": ["08:00"]}})
    first = ask(client, ada, "No fever, but a bad cough. What are the side effects of metformin?")
    detail = client.get(f"/api/v1/clinician/conversations/{first['conversation_id']}", headers=clinician).json()
    assert detail["conversation"]["patient_name"] == "Ada Park"
    assert [m["role"] for m in detail["messages"]] == ["user", "assistant"]
    assert detail["messages"][1]["citations"][0]["doc_id"] == "metformin"
    assert detail["patient"] == {"id": ada_id, "profile": client.get(f"/api/v1/patients/{ada_id}/profile",
                                                                      headers=ada).json()}
    summary = detail["summary"]
    assert {(s["name"], s["status"]) for s in summary["symptoms"]} >= {("fever", "denied"), ("cough", "reported")}
    assert [m["name"] for m in summary["medicines"]] == ["Metformin"]
    assert summary["reason"] == "Asked about Metformin." and summary["engine"] == "offline"
    adherence = detail["adherence"]
    assert adherence["windows"] == [7, 30]
    assert set(adherence["overall"]) == {"last_7_days", "last_30_days"}
    assert adherence["reminders"][0]["medication"] == "Metformin"
    assert len(adherence["daily"]) == 30 and set(adherence["daily"][0]) == {"date", "taken", "skipped", "missed",
                                                                            "pending"}


def test_the_summary_is_made_again_when_the_conversation_changes(client, clinic) -> None:
    clinician, [(_, ada), _, _] = clinic
    first = ask(client, ada, "What is asthma?")
    url = f"/api/v1/clinician/conversations/{first['conversation_id']}"
    before = client.get(url, headers=clinician).json()["summary"]
    assert client.get(url, headers=clinician).json()["summary"] == before  # unchanged: the stored one
    ask(client, ada, "I have crushing chest pain right now", first["conversation_id"])
    after = client.get(url, headers=clinician).json()["summary"]
    assert after["message_count"] == 4 and before["message_count"] == 2
    assert [f["flag"] for f in after["safety_flags"]] == ["emergency:chest_pain"]
    assert after["safety_flags"][0]["message"] == "I have crushing chest pain right now"
    assert after["reason"].startswith("Emergency warning signs: chest pain")


def test_a_review_marks_the_conversation_until_the_patient_writes_again(client, clinic) -> None:
    clinician, [(_, ada), _, _] = clinic
    conversation = ask(client, ada, "I have crushing chest pain right now")["conversation_id"]
    url = f"/api/v1/clinician/conversations/{conversation}"
    review = client.post(url + "/review", json={"note": "Called her: at the ER."}, headers=clinician)
    assert review.status_code == 200
    assert review.json()["note"] == "Called her: at the ER." and review.json()["reviewer_name"] == "Dr Lee"
    detail = client.get(url, headers=clinician).json()
    assert detail["conversation"]["reviewed"] is True
    assert [r["note"] for r in detail["reviews"]] == ["Called her: at the ER."]
    ask(client, ada, "Thanks, I am at the hospital now", conversation)
    assert client.get(url, headers=clinician).json()["conversation"]["reviewed"] is False
    too_long = client.post(url + "/review", json={"note": "x" * 4001}, headers=clinician)
    assert too_long.status_code == 422


def test_every_clinician_view_of_patient_data_is_audited(client, clinic) -> None:
    clinician, [(ada_id, ada), (ben_id, ben), _] = clinic
    conversation = ask(client, ada, "What is asthma?")["conversation_id"]
    ask(client, ben, "What causes gout?")
    clinician_id = client.get("/api/v1/clinician/me", headers=clinician).json()["id"]
    worklist(client, clinician)
    client.get(f"/api/v1/clinician/conversations/{conversation}", headers=clinician)
    client.post(f"/api/v1/clinician/conversations/{conversation}/review", json={"note": "fine"}, headers=clinician)
    client.get(f"/api/v1/patients/{ada_id}/profile", headers=clinician)
    client.get(f"/api/v1/conversations/{conversation}", headers=clinician)
    client.get(f"/api/v1/patients/{ada_id}/profile", headers=ada)  # the patient's own view is not audited
    client.get("/api/v1/clinician/conversations/conv_missing", headers=clinician)  # nothing shown: not audited
    entries = client.get("/api/v1/admin/audit", params={"actor_id": clinician_id}, headers=ADMIN).json()["entries"]
    seen = [(e["action"], e["resource"], e["patient_id"], e["conversation_id"]) for e in reversed(entries)]
    assert seen == [
        ("view", "GET /api/v1/clinician/conversations", ben_id, None),  # the list, in its order (newest first)
        ("view", "GET /api/v1/clinician/conversations", ada_id, None),
        ("view", "GET /api/v1/clinician/conversations/{conversation_id}", ada_id, conversation),
        ("change", "POST /api/v1/clinician/conversations/{conversation_id}/review", ada_id, conversation),
        ("view", "GET /api/v1/patients/{patient_id}/profile", ada_id, None),
        ("view", "GET /api/v1/conversations/{conversation_id}", ada_id, conversation),
    ]
    assert {e["actor_kind"] for e in entries} == {"clinician"} and all(e["at"] for e in entries)
    by_patient = client.get("/api/v1/admin/audit", params={"patient_id": ben_id}, headers=ADMIN).json()["entries"]
    assert [e["actor_id"] for e in by_patient] == [clinician_id]


def test_only_the_admin_reads_the_audit_log(client, clinic) -> None:
    clinician, [(_, ada), _, _] = clinic
    assert client.get("/api/v1/admin/audit", headers=clinician).status_code == 403
    assert client.get("/api/v1/admin/audit", headers=ada).status_code == 403
    assert client.get("/api/v1/admin/audit").status_code == 401
    page = client.get("/api/v1/admin/audit", params={"limit": 2}, headers=ADMIN).json()["entries"]
    older = client.get("/api/v1/admin/audit", params={"limit": 2, "before_id": page[-1]["id"]}, headers=ADMIN)
    assert all(e["id"] < page[-1]["id"] for e in older.json()["entries"])
