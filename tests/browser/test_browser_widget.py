"""The patient widget in headless Chromium against a real Careline server: streamed answers with citations,
the emergency banner, live reminders with Take, text that is never HTML, a conversation that survives a
reload, the keyboard alone at 360 px, and a clinic page on another origin."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from chat_support import patient_headers
from reminders_support import wait_until

pytestmark = pytest.mark.browser

WIDGET = "careline-widget"
XSS = '<img src=x onerror="window.__xss=1">'


def widget(page: Any, selector: str) -> Any:
    return page.locator(f"{WIDGET} {selector}")


def start_demo_patient(page: Any, api: str) -> str:
    """The /demo page's own flow; returns the demo patient's token."""
    page.goto(api + "/demo")
    page.get_by_role("button", name="Start a demo patient").click()
    expect(widget(page, ".cl-panel")).to_be_visible()
    expect(widget(page, ".cl-welcome")).to_be_visible()
    return page.evaluate("localStorage.getItem('careline.demo.token')")


def open_with_token(page: Any, api: str, token: str) -> None:
    page.goto(api + "/demo")
    page.get_by_label("Or use a patient token from your clinic").fill(token)
    page.get_by_role("button", name="Open the widget").click()
    expect(widget(page, ".cl-panel")).to_be_visible()
    expect(widget(page, ".cl-welcome")).to_be_visible()


def ask(page: Any, text: str) -> Any:
    """Type a question, send it with Enter, and return the finished reply's locator."""
    replies = widget(page, ".cl-msg-bot:not([aria-hidden]):not(.cl-welcome)")
    before = replies.count()
    widget(page, "textarea").fill(text)
    widget(page, "textarea").press("Enter")
    expect(replies).to_have_count(before + 1, timeout=30_000)
    return replies.nth(before)


def record_streaming(page: Any) -> None:
    """Remember every text the reply being written shows, to prove it grows before the reply is complete."""
    page.evaluate("""() => {
      window.__streamed = [];
      const root = document.querySelector("careline-widget").shadowRoot;
      new MutationObserver((records) => {
        for (const record of records) {
          const target = record.target;
          if (!target.classList || !target.classList.contains("cl-streaming")) continue;
          for (const node of record.addedNodes) window.__streamed.push(node.data);  // the text at that moment
        }
      }).observe(root, {subtree: true, childList: true, characterData: true});
    }""")


def test_a_patient_sees_a_streamed_answer_with_citations_that_survives_a_reload(page, servers, save_screenshot):
    start_demo_patient(page, servers.api)
    record_streaming(page)
    with page.expect_response(lambda r: r.url.endswith("/api/v1/chat")) as chat:
        reply = ask(page, "Can I take amoxicillin for my sore throat?")
    assert chat.value.headers["content-type"].startswith("text/event-stream")
    assert chat.value.request.headers["accept"] == "text/event-stream"
    streamed = page.evaluate("window.__streamed")
    assert len(streamed) > 3 and streamed[0] != streamed[-1] and streamed[-1].startswith(streamed[0])

    sources = reply.locator(".cl-sources a")
    expect(sources.filter(has_text="Amoxicillin")).to_have_attribute("href", "https://medlineplus.gov/druginfo/meds/a685001.html")
    expect(sources.filter(has_text="Amoxicillin")).to_contain_text("MedlinePlus")
    markers = reply.locator("a.cl-cite")
    assert markers.count() >= 2
    assert markers.first.get_attribute("target") == "_blank"
    expect(reply.locator(".cl-foryou")).to_contain_text("Penicillin")  # the demo patient's allergy
    widget(page, ".cl-log").evaluate("log => { log.scrollTop = log.scrollHeight; }")  # the note and the sources
    save_screenshot(page, "widget-answer")

    page.reload()
    expect(widget(page, ".cl-panel")).to_be_hidden()
    widget(page, ".cl-launcher").click()
    expect(widget(page, ".cl-msg-user")).to_have_text(["You said:Can I take amoxicillin for my sore throat?"])
    expect(widget(page, ".cl-msg-bot .cl-sources").first).to_contain_text("Amoxicillin")


def test_an_emergency_shows_a_banner_with_numbers_to_call(page, servers, save_screenshot):
    start_demo_patient(page, servers.api)
    reply = ask(page, "I have crushing chest pain right now and my left arm is numb")
    banner = reply.locator(".cl-emergency[role=alert]")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("This may be an emergency")
    expect(banner.locator("a.cl-call").first).to_have_attribute("href", "tel:911")
    expect(banner.locator("a.cl-call").first).to_have_text("Call 911")
    crisis = ask(page, "I want to kill myself tonight")
    expect(crisis.locator(".cl-emergency a[href='tel:988']")).to_contain_text("Call or text 988")
    save_screenshot(page, "widget-emergency")


def test_a_due_reminder_appears_live_and_take_records_the_dose(page, servers, save_screenshot):
    patient_id, headers = patient_headers(servers.services, name="Rosa Diaz")
    streams: list[str] = []
    page.on("request", lambda request: streams.append(request.url) if "/notifications/stream" in request.url else None)
    open_with_token(page, servers.api, headers["Authorization"].removeprefix("Bearer "))
    widget(page, "[role=tab]").filter(has_text="Reminders").click()
    wait_until(lambda: streams, timeout=10)  # listening before the dose is even set up
    due = (datetime.now(UTC) + timedelta(seconds=3)).replace(microsecond=0)
    created = httpx.post(f"{servers.api}/api/v1/patients/{patient_id}/reminders", headers=headers, timeout=10,
                         json={"medication": "Metformin", "dose": "500 mg",
                               "schedule": {"every_hours": 24, "start": due.isoformat()}})
    assert created.status_code == 201, created.text
    notice = widget(page, ".cl-notice")
    expect(notice).to_contain_text("Time for your Metformin", timeout=40_000)
    save_screenshot(page, "widget-reminder")
    notice.get_by_role("button", name="Take").click()
    expect(widget(page, "[role=status].cl-sr")).to_have_text("Metformin marked as taken.")
    url = f"{servers.api}/api/v1/patients/{patient_id}/reminders/{created.json()['id']}/doses"
    doses = wait_until(lambda: httpx.get(url, headers=headers, timeout=10).json()["doses"], timeout=5)
    assert [(d["status"], datetime.fromisoformat(d["due"])) for d in doses] == [("taken", due)]


def test_message_text_is_shown_as_text_and_never_run(page, servers):
    start_demo_patient(page, servers.api)
    ask(page, XSS)
    expect(widget(page, ".cl-msg-user .cl-bubble")).to_have_text(XSS)
    # An answer that carries markup, and a citation with a script URL, from a server that misbehaves.
    conversation_id = page.evaluate("""Object.keys(localStorage).filter((k) => k.startsWith("careline.conversation."))
                                       .map((k) => localStorage.getItem(k))[0]""")
    answer = {"conversation_id": conversation_id, "message_id": "msg_x", "abstained": False, "personal_notes": [],
              "answer": "Careful <img src=x onerror=\"window.__xss=2\"> here [1].",
              "citations": [{"n": 1, "doc_id": "d", "title": "<b>Bold</b>", "url": "javascript:window.__xss=3",
                             "source": "<i>x</i>"}],
              "safety": {"level": "routine", "flags": []}}
    body = f"event: token\ndata: {json.dumps({'text': 'Careful'})}\n\nevent: done\ndata: {json.dumps(answer)}\n\n"
    page.route("**/api/v1/chat", lambda route: route.fulfill(status=200, body=body,
                                                             headers={"Content-Type": "text/event-stream"}))
    reply = ask(page, "and this?")
    expect(reply.locator("p").first).to_have_text('Careful <img src=x onerror="window.__xss=2"> here 1.')
    expect(reply.locator(".cl-sources")).to_contain_text("<b>Bold</b> · <i>x</i>")
    assert reply.locator("a").count() == 0  # a javascript: URL never becomes a link
    page.unroute("**/api/v1/chat")
    page.reload()  # the stored conversation, rendered again from the history API
    widget(page, ".cl-launcher").click()
    expect(widget(page, ".cl-msg-user .cl-bubble").first).to_have_text(XSS)
    assert page.evaluate("window.__xss") is None
    shown = "document.querySelector('careline-widget').shadowRoot.querySelectorAll('img, b, i').length"
    assert page.evaluate(shown) == 0


def test_the_widget_works_at_360_px_with_the_keyboard_alone(browser, servers):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-US")
    page = context.new_page()
    try:
        _, headers = patient_headers(servers.services, name="Kim Lee")
        page.goto(f"{servers.host}/?token={headers['Authorization'].removeprefix('Bearer ')}")
        launcher = widget(page, ".cl-launcher")
        expect(launcher).to_be_visible()
        for _ in range(5):  # Tab from the top of the page reaches the launcher
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "CAREline-WIDGET".upper():
                break
        assert page.evaluate("document.activeElement.shadowRoot.activeElement.className") == "cl-launcher"
        page.keyboard.press("Enter")
        panel = widget(page, ".cl-panel")
        expect(panel).to_be_visible()
        box = panel.bounding_box()
        assert box["width"] == 360 and box["x"] == 0  # the panel takes the whole small screen
        assert page.evaluate("document.activeElement.shadowRoot.activeElement.id") == "cl-input"
        expect(widget(page, "[role=log]")).to_have_attribute("aria-live", "polite")
        page.keyboard.type("What is asthma?")
        page.keyboard.press("Enter")
        expect(widget(page, ".cl-msg-bot .cl-sources")).to_contain_text("Asthma", timeout=30_000)
        page.keyboard.press("Escape")
        expect(panel).to_be_hidden()
        assert page.evaluate("document.activeElement.shadowRoot.activeElement.className") == "cl-launcher"
    finally:
        context.close()


def test_the_widget_on_a_clinic_page_of_another_origin_works_and_keeps_its_looks(page, servers, save_screenshot):
    _, headers = patient_headers(servers.services, name="Omar Haddad")
    page.goto(f"{servers.host}/?token={headers['Authorization'].removeprefix('Bearer ')}")
    assert page.evaluate("location.origin") != servers.api
    launcher = widget(page, ".cl-launcher")
    expect(launcher).to_have_css("background-color", "rgb(11, 95, 174)")  # not the host's hotpink
    launcher.click()
    reply = ask(page, "What are the side effects of metformin?")
    expect(reply.locator(".cl-sources")).to_contain_text("Metformin")
    expect(reply.locator(".cl-bubble")).to_have_css("color", "rgb(16, 24, 40)")  # not the host's red
    expect(reply.locator(".cl-bubble")).to_have_css("font-size", "15px")  # the host's 8px root is ignored
    save_screenshot(page, "widget-other-origin")
