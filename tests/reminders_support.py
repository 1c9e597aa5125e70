"""Helpers shared by the reminder, scheduler and notification tests: apps, servers on 127.0.0.1, patients."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from careline.settings import Settings

ADMIN_KEY = "admin-secret"
ADMIN = {"Authorization": f"Bearer {ADMIN_KEY}"}


def reminder_settings(data_dir: Path, **overrides: Any) -> Settings:
    """Settings for a fast reminder test: no content ingest, short lease and sync intervals."""
    values: dict[str, Any] = {
        "data_dir": data_dir, "admin_key": ADMIN_KEY, "ingest_on_start": False, "scheduler_lease_seconds": 3,
        "reminder_sync_seconds": 0.5, "reminder_maintenance_seconds": 1, "notification_stream_poll_seconds": 0.2,
    }
    values.update(overrides)
    return Settings(**values)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until(check: Callable[[], Any], timeout: float = 10.0, interval: float = 0.1) -> Any:
    """Poll until check() returns something truthy; fail the test with the last value otherwise."""
    deadline = time.monotonic() + timeout
    value = None
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s (last value: {value!r})")


def create_patient(client: Any, *, name: str = "Ann", timezone: str = "UTC") -> tuple[str, dict[str, str]]:
    """A new patient through the admin API: (patient_id, auth headers with the patient's token)."""
    response = client.post("/api/v1/admin/patients", json={"name": name, "timezone": timezone}, headers=ADMIN)
    assert response.status_code == 201, response.text
    body = response.json()
    auth = {"Authorization": f"Bearer {body['token']}"}
    # The admin route commits after its response is sent (FastAPI closes yield-dependencies then); against a
    # real server, wait until the new token works before using it.
    settings_url = f"/api/v1/patients/{body['patient_id']}/notification-settings"
    wait_until(lambda: client.get(settings_url, headers=auth).status_code == 200, timeout=5, interval=0.02)
    return body["patient_id"], auth


@contextlib.contextmanager
def running_server(app: Any) -> Iterator[str]:
    """A real uvicorn server for `app` on a free 127.0.0.1 port, in a thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on",
                                           timeout_graceful_shutdown=2))
    thread = threading.Thread(target=server.run, name="careline-test-server", daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: server.started, timeout=20)
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def get_json(base: str, path: str, headers: dict[str, str] | None = None) -> Any:
    response = httpx.get(base + path, headers=headers, timeout=10)
    response.raise_for_status()
    return response.json()
