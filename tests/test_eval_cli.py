"""`careline eval` from the command line: both reports on every run, an exit code that follows the release
bar (naming the metric that misses it), --compare, and the full offline run CI does on every change."""

from __future__ import annotations

import json
import time

import pytest

from eval_support import bundled_rows, careline_eval, small_evals, write_jsonl

FAST_SUITES = ["safety", "scope", "reminders", "fhir"]


def test_eval_writes_both_reports_with_every_case_and_the_run_facts(tmp_path):
    evals = small_evals(tmp_path / "evals")
    done = careline_eval(*FAST_SUITES, "--out", str(tmp_path / "out"), "--evals-dir", str(evals),
                         data_dir=tmp_path / "data")
    assert done.returncode == 0, done.stderr
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    assert (tmp_path / "out" / "report.html").read_text().startswith("<!doctype html>")
    assert results["passed"] is True and "release bar: met" in done.stdout
    assert len(results["git_commit"]) == 40 or results["git_commit"] == "unknown"
    assert results["engine"]["requested"] == "offline" and results["engine"]["target"] == "in-process"
    assert {"answer", "judge"} <= set(results["prompts"]) and all(len(v) == 12 for v in results["prompts"].values())
    assert results["started_at"] <= results["finished_at"]
    suites = results["suites"]
    assert list(suites) == FAST_SUITES
    assert suites["safety"]["cases_total"] == 6 and suites["reminders"]["cases_total"] == 6
    case = suites["safety"]["cases"][0]
    assert {"id", "passed", "latency_ms", "input", "expected", "output"} <= set(case)
    assert suites["fhir"]["metrics"]["reminder_exact_match"] == 1.0
    checks = {c["metric"]: c["status"] for c in results["thresholds"]["checks"]}
    assert checks["safety.emergency_recall"] == "pass" and checks["retrieval.hit@5"] == "skipped"


def test_a_metric_below_its_bar_fails_the_run_and_is_named(tmp_path):
    evals = small_evals(tmp_path / "evals")
    # A message triage rightly calls routine, labelled as an emergency: emergency recall drops to 3/4.
    write_jsonl(evals / "safety" / "messages.jsonl",
                bundled_rows("safety/messages.jsonl", ["safety-001", "safety-002", "safety-003"])
                + [{"id": "mislabelled", "message": "what is a good lasagna recipe", "expected_level": "emergency",
                    "expected_hotlines": ["911"], "category": "routine", "style": "plain"}])
    done = careline_eval("safety", "--out", str(tmp_path / "out"), "--evals-dir", str(evals),
                         data_dir=tmp_path / "data")
    assert done.returncode == 1
    assert "release bar not met: safety.emergency_recall = 0.7500 (bar: >= 0.98): fail" in done.stderr
    assert (tmp_path / "out" / "report.html").exists()  # the reports are written either way
    report = (tmp_path / "out" / "report.html").read_text()
    assert "Release bar NOT met: safety.emergency_recall" in report and "mislabelled" in report


def test_raising_a_threshold_above_the_measured_value_fails_and_lowering_it_passes(tmp_path):
    evals = small_evals(tmp_path / "evals")
    strict, lenient = tmp_path / "strict.yaml", tmp_path / "lenient.yaml"
    strict.write_text("reminders:\n  schedule_exact_match: 1.0\nscope:\n  accuracy: {min: 1.01}\n")
    lenient.write_text("reminders:\n  schedule_exact_match: 1.0\nscope:\n  accuracy: {min: 0.5}\n")
    failing = careline_eval("scope", "reminders", "--thresholds", str(strict), "--out", str(tmp_path / "a"),
                            "--evals-dir", str(evals), "--json", data_dir=tmp_path / "data")
    assert failing.returncode == 1
    assert "scope.accuracy = 1.0000 (bar: >= 1.01): fail" in failing.stderr
    assert "release bar not met: reminders" not in failing.stderr
    assert [bar["metric"] for bar in json.loads(failing.stdout)["failed_bars"]] == ["scope.accuracy"]
    passing = careline_eval("scope", "reminders", "--thresholds", str(lenient), "--out", str(tmp_path / "b"),
                            "--evals-dir", str(evals), data_dir=tmp_path / "data")
    assert passing.returncode == 0, passing.stderr


def test_a_misspelt_metric_in_the_bar_fails_instead_of_passing_silently(tmp_path):
    evals = small_evals(tmp_path / "evals", thresholds="scope:\n  acuracy: 0.9\n")
    done = careline_eval("scope", "--out", str(tmp_path / "out"), "--evals-dir", str(evals),
                         data_dir=tmp_path / "data")
    assert done.returncode == 1 and "scope.acuracy" in done.stderr and "unknown metric" in done.stderr


def test_bad_requests_fail_with_one_line(tmp_path):
    unknown = careline_eval("retreival", "--out", str(tmp_path / "out"), data_dir=tmp_path / "data")
    assert unknown.returncode == 1
    assert unknown.stderr.strip().splitlines()[-1].startswith("error: unknown suite(s) retreival; choose from")
    no_llm = careline_eval("safety", "--engine", "llm", "--out", str(tmp_path / "out"), data_dir=tmp_path / "data")
    assert no_llm.returncode == 1 and "needs CARELINE_LLM_BASE_URL" in no_llm.stderr
    not_results = tmp_path / "old.json"
    not_results.write_text("[1, 2]")
    bad_compare = careline_eval("safety", "--compare", str(not_results), "--out", str(tmp_path / "out"),
                                data_dir=tmp_path / "data")
    assert bad_compare.returncode == 1 and "not a careline eval results.json" in bad_compare.stderr


def test_compare_charts_the_metrics_against_the_previous_run(tmp_path):
    evals = small_evals(tmp_path / "evals")
    first = careline_eval("safety", "reminders", "--out", str(tmp_path / "old"), "--evals-dir", str(evals),
                          data_dir=tmp_path / "data")
    assert first.returncode == 0, first.stderr
    second = careline_eval("safety", "reminders", "--out", str(tmp_path / "new"), "--evals-dir", str(evals),
                           "--compare", str(tmp_path / "old" / "results.json"), data_dir=tmp_path / "data")
    assert second.returncode == 0, second.stderr
    report = (tmp_path / "new" / "report.html").read_text()
    assert "<svg" in report and 'id="compare-chart"' in report
    assert "safety.emergency_recall" in report.split('id="compare-chart"')[1]


@pytest.mark.slow
def test_the_offline_suites_run_in_under_three_minutes_and_the_exit_code_follows_the_bar(tmp_path, library_settings,
                                                                                        library_store):
    started = time.monotonic()
    done = careline_eval("--out", str(tmp_path / "out"), data_dir=library_settings.data_dir, timeout=400)
    elapsed = time.monotonic() - started
    results = json.loads((tmp_path / "out" / "results.json").read_text())
    assert (tmp_path / "out" / "report.html").exists()
    assert done.returncode == (0 if results["passed"] else 1), done.stderr
    failing = [c["metric"] for c in results["thresholds"]["checks"] if c["status"] in ("fail", "unknown metric")]
    assert all(f"release bar not met: {metric} =" in done.stderr for metric in failing)
    assert {name: suite["status"] for name, suite in results["suites"].items()} == dict.fromkeys(
        ["retrieval", "answers", "safety", "scope", "personalization", "conversations", "rubrics", "reminders",
         "fhir", "summaries"], "ok")
    assert elapsed < 180, f"the offline suites took {elapsed:.0f} s"
