"""`careline eval [SUITE...] [--out DIR] [--engine offline|llm] [--base-url URL --token T]
[--compare OLD/results.json] [--json]`: run the eval suites, write results.json and report.html, and exit
non-zero when a metric misses the release bar in evals/thresholds.yaml (each such metric is named on stderr)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_eval_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    from careline.evals.suites import SUITES

    command = sub.add_parser(
        "eval", parents=[common], help="run the eval suites and write results.json and report.html",
        description=f"Suites: {', '.join(SUITES)} (default: all).",
    )
    command.add_argument("suites", nargs="*", metavar="SUITE", help="suites to run (default: all)")
    command.add_argument("--out", type=Path, default=Path("eval-results"),
                         help="folder for results.json and report.html (default: eval-results)")
    command.add_argument("--engine", choices=["offline", "llm"],
                         help="answer engine of Careline in this process (default: offline; llm needs "
                              "CARELINE_LLM_BASE_URL)")
    command.add_argument("--base-url", help="evaluate a running Careline over HTTP instead (e.g. http://host:8000)")
    command.add_argument("--token", help="bearer token for --base-url: a patient token, or the admin key to also "
                                         "run the cases that bring their own profile")
    command.add_argument("--compare", type=Path, metavar="OLD/results.json",
                         help="chart this run's metrics against a previous run's results.json")
    command.add_argument("--evals-dir", type=Path, help="the datasets folder (default: the bundled evals/)")
    command.add_argument("--thresholds", type=Path, help="release bar file (default: EVALS_DIR/thresholds.yaml)")
    command.set_defaults(handler=_eval)


def _eval(args: argparse.Namespace) -> tuple[Any, str]:
    from careline.evals.runner import EvalOptions, prefer_single_thread_inference, run_eval
    from careline.evals.safety import EVALS_DIR
    from careline.settings import get_settings

    if args.token and not args.base_url:
        raise ValueError("--token goes with --base-url")
    options = EvalOptions(suites=args.suites, out=args.out, engine=args.engine, base_url=args.base_url,
                          token=args.token, compare=args.compare, evals_dir=args.evals_dir or EVALS_DIR,
                          thresholds=args.thresholds)
    prefer_single_thread_inference()
    outcome = run_eval(get_settings(), options)
    for check in outcome.failed_checks:
        print(f"release bar not met: {check.describe()}", file=sys.stderr)
    for suite in outcome.errors:
        print(f"suite {suite.name} failed to run: {suite.note}", file=sys.stderr)
    args.exit_code = 0 if outcome.passed else 1
    payload = {
        "passed": outcome.passed, "results": str(outcome.results_path), "report": str(outcome.report_path),
        "failed_bars": [check.as_dict() for check in outcome.failed_checks],
        "suites": {name: {key: suite[key] for key in ("status", "note", "pass_rate", "cases_total", "cases_passed",
                                                      "metrics")}
                   for name, suite in outcome.results["suites"].items()},
    }
    return payload, render_summary(outcome.results, outcome.passed, len(outcome.checks),
                                   [outcome.results_path, outcome.report_path])


def render_summary(results: dict[str, Any], passed: bool, checks: int, paths: list[Path]) -> str:
    lines = [f"{'suite':<16}{'status':<9}{'cases':>6}{'passed':>8}{'rate':>8}  metrics"]
    for name, suite in results["suites"].items():
        rate = "-" if suite["pass_rate"] is None else f"{suite['pass_rate']:.1%}"
        metrics = ", ".join(f"{k} {v:.3f}" if isinstance(v, float) else f"{k} {v}"
                            for k, v in list(suite["metrics"].items())[:5]) or (suite["note"] or "")
        lines.append(f"{name:<16}{suite['status']:<9}{suite['cases_total']:>6}{suite['cases_passed']:>8}{rate:>8}  "
                     f"{metrics}")
    lines.append(f"release bar: {'met' if passed else 'NOT met'} ({checks} checks)")
    lines.append("reports: " + ", ".join(str(path) for path in paths))
    return "\n".join(lines)
