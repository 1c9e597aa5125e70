"""The HTML report: self-contained, safe with any text in a transcript, a chart against the previous run, and
(in real headless Chromium) failures shown with their transcripts and citations."""

from __future__ import annotations

import copy
import json
import re
import time
from pathlib import Path

import pytest

from careline.evals.report import comparable, comparison_svg, render_html
from careline.evals.runner import EvalOptions, run_eval
from eval_support import REPO_ROOT, bundled_rows, small_evals, write_jsonl

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO_ROOT / "test-artifacts"


def results_with(transcript: list[dict], **suite_metrics: float) -> dict:
    case = {"id": "case-1", "passed": False, "failures": ["missing \"x\""], "transcript": transcript,
            "input": {}, "expected": {}, "output": {}}
    return {
        "started_at": "2026-11-23T10:00:00+00:00", "seconds": 1.0, "git_commit": "abc", "passed": False,
        "engine": {"requested": "offline", "target": "in-process", "replies_by_engine": {}},
        "judge": None, "prompts": {"answer": "0123456789ab"}, "thresholds": {"checks": []},
        "suites": {"answers": {"title": "Grounded answers", "status": "ok", "note": None, "metrics": suite_metrics,
                               "pass_rate": 0.0, "cases_total": 1, "cases_passed": 0,
                               "latency": {"p50_ms": 1.0, "p95_ms": 2.0}, "seconds": 0.1, "cases": [case]}},
    }


def test_transcript_text_and_links_cannot_inject_markup():
    page = render_html(results_with([
        {"role": "user", "text": "<img src=x onerror=alert(1)>"},
        {"role": "assistant", "text": "<script>alert(2)</script> [1]",
         "citations": [{"n": 1, "doc_id": "d", "title": "<b>t</b>", "url": "javascript:alert(3)"}]},
    ], grounding=1.0))
    assert "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<script>" not in page and "<b>t</b>" not in page
    assert "href='javascript:" not in page
    assert "<link" not in page and "src=" not in page.replace("&lt;img src=x", "")  # nothing loaded from outside


def test_the_comparison_covers_shared_share_metrics_and_marks_what_got_worse():
    old = results_with([], grounding=1.0, required_facts=0.9)
    new = results_with([], grounding=0.8, required_facts=0.95)
    old["suites"]["answers"]["metrics"]["unexpected_notes"] = 3.0  # not a share: left out of the chart
    new["suites"]["retrieval"] = copy.deepcopy(new["suites"]["answers"])  # only in the new run: left out
    rows = comparable(new, old)
    assert [name for name, _, _ in rows] == ["answers.grounding", "answers.required_facts", "answers.pass_rate"]
    svg = comparison_svg(rows)
    bars = re.findall(r'class="(now(?: worse)?)" data-metric="([^"]+)"', svg)
    assert {metric: kind for kind, metric in bars} == {
        "answers.grounding": "now worse", "answers.required_facts": "now", "answers.pass_rate": "now"}


def wait_for_chromium(timeout: float = 300) -> None:
    """Another job may be installing Debian's chromium right now: wait for it rather than fail."""
    deadline = time.monotonic() + timeout
    while not CHROMIUM.exists() and time.monotonic() < deadline:
        time.sleep(2)
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is not installed (apt-get install -y chromium)")


@pytest.mark.browser
def test_the_report_renders_in_chromium_with_failures_and_their_transcripts(tmp_path, library_settings,
                                                                           library_store):
    evals = small_evals(tmp_path / "evals")
    write_jsonl(evals / "answers" / "cases.jsonl", [
        *bundled_rows("answers/cases.jsonl", ["answer-005"]),
        {"id": "needs-zebra", "question": "what causes gout", "must_cite": ["gout"], "must_contain": ["zebra"],
         "must_not_contain": [], "should_abstain": False},
    ])
    suites = ["answers", "safety", "reminders"]
    run_eval(library_settings, EvalOptions(suites=suites, out=tmp_path / "old", evals_dir=evals, progress=False))
    outcome = run_eval(library_settings, EvalOptions(suites=suites, out=tmp_path / "new", evals_dir=evals,
                                                     compare=tmp_path / "old" / "results.json", progress=False))
    assert not outcome.passed
    wait_for_chromium()
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            page.on("request", lambda request: requests.append(request.url))
            page.goto(outcome.report_path.resolve().as_uri())
            assert page.locator("#verdict").inner_text().startswith("Release bar NOT met")
            assert page.locator("#summary-table tbody tr").count() == 3
            assert page.locator("#compare-chart").is_visible()
            failure = page.locator("#case-answers-needs-zebra")
            failure.scroll_into_view_if_needed()
            assert failure.is_visible()
            assert "missing ['zebra']" in failure.locator("ul.reasons").inner_text()
            assert failure.locator(".turn.user").inner_text().endswith("what causes gout")
            assert "uric acid" in failure.locator(".turn.assistant p").inner_text()
            assert "Gout" in failure.locator("ol.citations").inner_text()
            page.screenshot(path=str(ARTIFACTS / "eval-report.png"), full_page=True)
            failure.screenshot(path=str(ARTIFACTS / "eval-report-failure.png"))
        finally:
            browser.close()
    assert requests == [outcome.report_path.resolve().as_uri()]  # self-contained: nothing else is fetched
    assert json.loads(outcome.results_path.read_text())["suites"]["answers"]["cases_passed"] == 1
