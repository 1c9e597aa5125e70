"""A reminder due in a few seconds reaches the feed, the live SSE stream, a signed webhook and an SMTP
server, all real and on 127.0.0.1; failed webhook deliveries are retried with backoff and logged."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from aiosmtpd.controller import Controller
from fastapi.testclient import TestClient

from careline.api.app import create_app
from careline.notifications.channels import DeliveryError, check_webhook_target, sign, verify_signature
from careline.notifications.service import notify
from careline.patients.models import Patient
from reminders_support import ADMIN, create_patient, free_port, reminder_settings, running_server, wait_until

SECRET = "deployment-webhook-secret"


class WebhookReceiver:
    """A real HTTP server that records each POST and answers with the next status in `statuses` (then 200)."""

    def __init__(self, statuses: list[int] | None = None) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.arrivals: list[float] = []
        self.statuses = list(statuses or [])
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                receiver.arrivals.append(time.monotonic())
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/careline-hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class MailSink:
    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's naming
        self.messages.append(envelope)
        return "250 OK"

    def __init__(self) -> None:
        self.messages: list[Any] = []


@pytest.fixture()
def webhook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


@pytest.fixture()
def smtp() -> Iterator[tuple[MailSink, int]]:
    sink, port = MailSink(), free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    yield sink, port
    controller.stop()


def delivery_settings(tmp_path: Path, **overrides: Any):  # noqa: ANN201 - careline Settings
    return reminder_settings(tmp_path / "data", webhook_secret=SECRET, webhook_allow_private_networks=True,
                             notification_retry_base_seconds=0.2, **overrides)


def listen(url: str, events: list[dict], connected: threading.Event, stop: threading.Event) -> None:
    """Read the SSE stream (as a browser's EventSource would, token in the query) into `events`."""
    with httpx.stream("GET", url, timeout=httpx.Timeout(15, read=15)) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            connected.set()
            if line.startswith("data: "):
                events.append({**json.loads(line[6:]), "received_at": datetime.now(UTC).isoformat()})
            if stop.is_set() or events:
                return


def test_a_due_reminder_reaches_the_feed_the_stream_a_signed_webhook_and_email(
    tmp_path: Path, webhook: WebhookReceiver, smtp: tuple[MailSink, int]
) -> None:
    sink, smtp_port = smtp
    settings = delivery_settings(tmp_path, smtp_host="127.0.0.1", smtp_port=smtp_port, smtp_starttls=False,
                                 smtp_from="reminders@clinic.example")
    with running_server(create_app(settings)) as base, httpx.Client(base_url=base, timeout=10) as client:
        patient_id, auth = create_patient(client, timezone="America/New_York")
        saved = client.put(f"/api/v1/patients/{patient_id}/notification-settings", headers=auth, json={
            "channels": ["in_app", "webhook", "email"], "webhook_url": webhook.url, "email": "ann@example.org"})
        assert saved.status_code == 200, saved.text

        events: list[dict] = []
        connected, stop = threading.Event(), threading.Event()
        token = auth["Authorization"].removeprefix("Bearer ")
        stream_url = f"{base}/api/v1/patients/{patient_id}/notifications/stream?access_token={token}"
        listener = threading.Thread(target=listen, args=(stream_url, events, connected, stop), daemon=True)
        listener.start()
        assert connected.wait(5)

        due = datetime.now(UTC) + timedelta(seconds=3)
        client.post(f"/api/v1/patients/{patient_id}/reminders", headers=auth, json={
            "medication": "metformin", "dose": "500 mg", "schedule": {"every_hours": 12, "start": due.isoformat()}})

        # The in-app feed, on time.
        feed = wait_until(lambda: client.get(f"/api/v1/patients/{patient_id}/notifications",
                                             headers=auth).json()["notifications"], timeout=8)
        assert feed[0]["title"] == "Time for your metformin"
        local_due = due.astimezone(ZoneInfo("America/New_York")).strftime("%-I:%M %p")
        assert feed[0]["body"] == f"Reminder: metformin (500 mg), due at {local_due}."
        assert timedelta(0) <= datetime.fromisoformat(feed[0]["created_at"]) - due < timedelta(seconds=1.5)

        # The live stream, within a poll or two.
        listener.join(timeout=5)
        stop.set()
        assert [event["id"] for event in events] == [feed[0]["id"]]
        assert datetime.fromisoformat(events[0]["received_at"]) - due < timedelta(seconds=2.5)

        # The webhook: JSON, signed with the deployment secret over the exact body.
        wait_until(lambda: webhook.requests, timeout=5)
        headers, body = webhook.requests[0]
        assert headers["content-type"] == "application/json"
        assert verify_signature(body, SECRET, headers["x-careline-signature"])
        assert not verify_signature(body + b" ", SECRET, headers["x-careline-signature"])
        payload = json.loads(body)
        assert payload["event"] == "reminder.dose_due" and payload["patient_id"] == patient_id
        assert payload["notification"]["id"] == feed[0]["id"]
        assert payload["notification"]["data"] == {"medication": "metformin", "dose": "500 mg"}
        assert headers["x-careline-delivery"] == str(payload["delivery_id"])

        # The email, through the local SMTP server.
        wait_until(lambda: sink.messages, timeout=5)
        envelope = sink.messages[0]
        assert envelope.rcpt_tos == ["ann@example.org"] and envelope.mail_from == "reminders@clinic.example"
        email = message_from_bytes(envelope.content)
        assert email["Subject"] == "Time for your metformin"
        assert "Reminder: metformin (500 mg)" in email.get_payload()

        # The delivery log, in the feed.
        deliveries = wait_until(lambda: [d for d in client.get(f"/api/v1/patients/{patient_id}/notifications",
                                                                headers=auth).json()["notifications"][0]["deliveries"]
                                         if d["status"] == "delivered"], timeout=5)
        assert sorted((d["channel"], d["attempts"]) for d in deliveries) == [("email", 1), ("webhook", 1)]


def test_a_failing_webhook_is_retried_with_backoff_then_given_up(tmp_path: Path) -> None:
    flaky, broken = WebhookReceiver([500, 502]), WebhookReceiver([503] * 10)
    try:
        settings = delivery_settings(tmp_path, notification_max_attempts=3)
        with TestClient(create_app(settings)) as client:
            feeds = {}
            for receiver in (flaky, broken):
                patient_id, auth = create_patient(client)
                client.put(f"/api/v1/patients/{patient_id}/notification-settings", headers=auth,
                           json={"channels": ["webhook"], "webhook_url": receiver.url})
                start = (datetime.now(UTC) + timedelta(seconds=1)).isoformat()
                client.post(f"/api/v1/patients/{patient_id}/reminders", headers=auth,
                            json={"medication": "x", "schedule": {"every_hours": 24, "start": start}})
                feeds[receiver.url] = (f"/api/v1/patients/{patient_id}/notifications", auth)

            def delivery(receiver: WebhookReceiver) -> dict:
                url, auth = feeds[receiver.url]
                notifications = client.get(url, headers=auth).json()["notifications"]
                return notifications[0]["deliveries"][0] if notifications else {}

            ok = wait_until(lambda: delivery(flaky).get("status") == "delivered" and delivery(flaky), timeout=10)
            assert ok["attempts"] == 3 and ok["last_error"] is None
            failed = wait_until(lambda: delivery(broken).get("status") == "failed" and delivery(broken), timeout=10)
            assert failed["attempts"] == 3 and failed["last_error"] == "HTTP 503"
            assert len(broken.requests) == 3 and len(flaky.requests) == 3
            # Exponential backoff: at least 0.2 s before the second attempt, at least 0.4 s before the third.
            first_gap, second_gap = (b - a for a, b in zip(flaky.arrivals, flaky.arrivals[1:], strict=False))
            assert first_gap >= 0.18 and second_gap >= 0.38
    finally:
        flaky.close()
        broken.close()


def test_webhook_targets_on_private_networks_are_refused_unless_allowed() -> None:
    with pytest.raises(DeliveryError) as refused:
        check_webhook_target("http://127.0.0.1:9/hook", allow_private=False)
    assert refused.value.retry is False
    check_webhook_target("http://127.0.0.1:9/hook", allow_private=True)


def test_the_signature_is_hmac_sha256_of_the_body() -> None:
    import hashlib
    import hmac

    body = b'{"event":"reminder.dose_due"}'
    assert sign(body, "k") == "sha256=" + hmac.new(b"k", body, hashlib.sha256).hexdigest()


def test_the_stream_needs_a_token_for_that_patient(tmp_path: Path) -> None:
    with TestClient(create_app(delivery_settings(tmp_path, scheduler_enabled=False))) as client:
        ann_id, _ = create_patient(client)
        _, bob = create_patient(client, name="Bob")
        bob_token = bob["Authorization"].removeprefix("Bearer ")
        url = f"/api/v1/patients/{ann_id}/notifications/stream"
        assert client.get(url).status_code == 401
        assert client.get(f"{url}?access_token={bob_token}").status_code == 404
        assert client.get(f"/api/v1/patients/{ann_id}/notifications", headers=ADMIN).status_code == 200


def test_a_stream_ends_in_time_and_resumes_after_the_last_event_id(tmp_path: Path) -> None:
    settings = delivery_settings(tmp_path, scheduler_enabled=False, notification_stream_max_seconds=1)
    app = create_app(settings)
    with running_server(app) as base, httpx.Client(base_url=base, timeout=10) as client:
        patient_id, auth = create_patient(client)
        with app.state.services.database.session() as session:
            patient = session.get(Patient, patient_id)
            sent = [notify(db_session=session, patient=patient, kind="dose_due", title=title, body=title)[0]
                    for title in ("first", "second", "third")]
        started = time.monotonic()
        response = client.get(f"/api/v1/patients/{patient_id}/notifications/stream",
                              headers={**auth, "Last-Event-ID": str(sent[0].id)})
        assert time.monotonic() - started < 3  # the stream ended by itself
        events = [json.loads(line[6:]) for line in response.text.splitlines() if line.startswith("data: ")]
        assert [event["title"] for event in events] == ["second", "third"]
        assert f"id: {sent[2].id}" in response.text
