"""Browser-test fixtures: a real Careline server (uvicorn on 127.0.0.1, over the session's ingested library),
a second tiny HTTP server on another port playing a clinic's web site, and Debian's headless Chromium driven
by Playwright. Screenshots go to test-artifacts/."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from careline.api.app import create_app
from console_support import console_settings
from reminders_support import free_port, running_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# The clinic site's own CSS is hostile on purpose: the widget must look the same anyway.
HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Northside Clinic</title>
<style>
  html {{ font-size: 8px; }}
  * {{ font-family: "Comic Sans MS", cursive !important; color: #c00 !important; line-height: 3 !important; }}
  button {{ background: hotpink !important; border: 5px dashed lime !important; }}
  p, div {{ padding: 40px !important; }}
</style></head>
<body><h1>Northside Clinic</h1><p>Our opening hours are 8 to 6.</p>
<script src="{api}/widget.js" data-token="{token}"></script>
</body></html>"""


@dataclass(frozen=True)
class Servers:
    api: str
    host: str
    services: Any


def _host_handler(api: str) -> type[BaseHTTPRequestHandler]:
    class ClinicSite(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            token = parse_qs(urlparse(self.path).query).get("token", [""])[0]
            body = HOST_PAGE.format(api=html.escape(api, quote=True), token=html.escape(token, quote=True)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    return ClinicSite


@pytest.fixture(scope="session")
def servers(library_settings, library_store) -> Iterator[Servers]:
    """Careline on one port; the clinic site on another (a different origin), listed in CORS."""
    host_port = free_port()
    host_origin = f"http://127.0.0.1:{host_port}"
    settings = console_settings(library_settings, cors_origins=[host_origin], scheduler_lease_seconds=3)
    app = create_app(settings, prepare_in_background=False)
    with running_server(app) as api:
        site = ThreadingHTTPServer(("127.0.0.1", host_port), _host_handler(api))
        thread = threading.Thread(target=site.serve_forever, name="clinic-site", daemon=True)
        thread.start()
        try:
            yield Servers(api=api, host=host_origin, services=app.state.services)
        finally:
            site.shutdown()
            site.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Chromium for one test module: Playwright's sync API allows one driver at a time, and other modules
    (the eval report test) start their own."""
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (scripts/test.sh installs it when run as root)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture()
def page(browser) -> Iterator[Any]:
    """A fresh browser context (its own storage) with a desktop-sized page; page errors fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, errors


@pytest.fixture()
def save_screenshot() -> Any:
    """save_screenshot(page, name): a PNG in test-artifacts/ (the README's two are copied from there by hand)."""

    def save(page: Any, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path))
        return path

    return save
