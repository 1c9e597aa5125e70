"""The clinician console in headless Chromium: sign in with a clinician token, the emergency conversation
first, its transcript, summary, profile and adherence chart, and marking it reviewed with a note."""

from __future__ import annotations

import time
import uuid

import httpx
import pytest
from playwright.sync_api import expect

from careline.patients.models import Patient
from careline.web.demo import create_demo_patient
from console_support import clinic_people

pytestmark = pytest.mark.browser


def demo_patient_in(services, clinic_id: str) -> dict[str, str]:
    with services.database.session() as session:
        created = create_demo_patient(db_session=session, timezone="America/New_York")
        session.get(Patient, created["patient_id"]).clinic_id = clinic_id
    return {"Authorization": f"Bearer {created['token']}"}


def chat(api: str, headers: dict[str, str], message: str) -> str:
    response = httpx.post(f"{api}/api/v1/chat", json={"message": message}, headers=headers, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()["conversation_id"]


def test_a_clinician_sees_the_emergency_first_and_marks_it_reviewed(page, servers, save_screenshot):
    clinic_id = f"clinic-{uuid.uuid4().hex[:8]}"
    clinician, [(_, tom)] = clinic_people(servers.services, clinic_id, "Tom Becker")
    sam = demo_patient_in(servers.services, clinic_id)  # a profile, two reminders and two weeks of doses
    chat(servers.api, tom, "What causes gout?")
    emergency = chat(servers.api, sam, "No fever, but I have crushing chest pain right now and I feel sweaty")
    time.sleep(0.01)
    chat(servers.api, tom, "How can I sleep better?")  # the newest, yet routine: it comes after the emergency

    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(servers.api + "/console")
    page.get_by_label("Clinician token").fill(clinician["Authorization"].removeprefix("Bearer "))
    page.get_by_role("button", name="Sign in").click()
    items = page.locator(".conversation-item")
    expect(items).to_have_count(3)
    expect(items.first).to_contain_text("Sam Rivera")
    expect(items.first).to_contain_text("Emergency")
    assert items.first.get_attribute("data-conversation-id") == emergency
    expect(items.nth(1)).to_contain_text("Tom Becker")

    items.first.click()
    expect(page.get_by_role("heading", name="Sam Rivera")).to_be_visible()
    expect(page.locator(".turn.user.flagged")).to_contain_text("crushing chest pain")
    expect(page.locator(".turn.assistant a.cite").first).to_have_attribute("target", "_blank")
    expect(page.locator(".flag-item.emergency")).to_contain_text("chest pain")
    expect(page.locator(".summary-section").filter(has_text="Symptoms")).to_contain_text("no fever")
    expect(page.locator(".profile-grid")).to_contain_text("Penicillin")
    chart = page.locator("svg.chart[role=img]")
    assert "taken" in chart.get_attribute("aria-label") and chart.locator("rect[fill='#12b76a']").count() >= 10
    expect(page.locator(".stat").first).to_contain_text("Last 7 days")
    expect(page.locator(".med-table")).to_contain_text("Lisinopril")
    save_screenshot(page, "console-conversation")

    page.get_by_label("Review note").fill("Called Sam: she is at the emergency department.")
    page.get_by_role("button", name="Mark reviewed").click()
    expect(page.locator(".review-list")).to_contain_text("Called Sam: she is at the emergency department.")
    expect(page.locator(".detail-meta .badge.reviewed")).to_be_visible()
    expect(page.locator(".conversation-item")).to_have_count(2)  # "Needs review" no longer lists it
    listed = httpx.get(f"{servers.api}/api/v1/clinician/conversations", params={"reviewed": "true"},
                       headers=clinician, timeout=10).json()["conversations"]
    assert [c["id"] for c in listed] == [emergency]
    save_screenshot(page, "console-reviewed")


def test_a_wrong_token_is_refused_at_sign_in(page, servers):
    page.goto(servers.api + "/console")
    page.get_by_label("Clinician token").fill("clc_not-a-real-token")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("not valid")
    expect(page.locator("#app")).to_be_hidden()


def test_a_long_worklist_shows_more_conversations_on_request(page, servers):
    from careline.conversations.service import SqlConversationStore

    clinic_id = f"clinic-{uuid.uuid4().hex[:8]}"
    clinician, [(ada_id, _)] = clinic_people(servers.services, clinic_id, "Ada Park")
    store = SqlConversationStore(servers.services.database)
    for n in range(55):  # more than one page (50) of the console's list
        state = store.open(conversation_id=None, patient_id=ada_id)
        store.record_user_message(state, f"Question number {n}", {"level": "routine", "flags": []})

    page.goto(servers.api + "/console")
    page.get_by_label("Clinician token").fill(clinician["Authorization"].removeprefix("Bearer "))
    page.get_by_role("button", name="Sign in").click()
    items = page.locator(".conversation-item")
    expect(items).to_have_count(50)
    page.get_by_role("button", name="Show more conversations").click()
    expect(items).to_have_count(55)
    expect(page.get_by_role("button", name="Show more conversations")).to_have_count(0)
    expect(items.nth(50)).to_be_focused()
    expect(items.last).to_contain_text("Question number 0")  # the oldest comes last
    page.get_by_role("button", name="Refresh").click()  # refreshing keeps the clinician's place
    expect(items).to_have_count(55)
