"""One eval run: pick the suites, build the target (this process with the chosen engine, or a running
Careline over HTTP), run each suite, check the release bar, and write `results.json` and `report.html`."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from careline.evals import report, thresholds
from careline.evals.results import SuiteResult
from careline.evals.safety import EVALS_DIR
from careline.evals.suites import SUITES, EvalRun, Suite
from careline.evals.targets import HttpTarget, InProcessTarget, Target
from careline.llm.prompts import prompt_version
from careline.logs import get_logger
from careline.settings import PROMPTS_DIR, Settings

log = get_logger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[3]
ENGINES = ("offline", "llm")
RESULTS_FORMAT = 1


class EvalUsageError(ValueError):
    """The command was asked for something it cannot do (unknown suite, missing LLM settings, ...)."""


@dataclass
class EvalOptions:
    suites: Sequence[str] = ()
    out: Path = Path("eval-results")
    engine: str | None = None  # None: offline in this process; over HTTP the deployment's own engine
    base_url: str | None = None
    token: str | None = None
    compare: Path | None = None
    evals_dir: Path = EVALS_DIR
    thresholds: Path | None = None  # None: evals_dir/thresholds.yaml when it exists
    progress: bool = True


@dataclass
class EvalOutcome:
    results: dict[str, Any]
    checks: list[thresholds.Check]
    results_path: Path
    report_path: Path
    suites: dict[str, SuiteResult] = field(default_factory=dict)

    @property
    def failed_checks(self) -> list[thresholds.Check]:
        return [check for check in self.checks if check.failed]

    @property
    def errors(self) -> list[SuiteResult]:
        return [suite for suite in self.suites.values() if suite.status == "error"]

    @property
    def passed(self) -> bool:
        return not self.failed_checks and not self.errors


def selected_suites(names: Sequence[str]) -> list[Suite]:
    unknown = [name for name in names if name not in SUITES]
    if unknown:
        raise EvalUsageError(f"unknown suite(s) {', '.join(unknown)}; choose from {', '.join(SUITES)}")
    return [SUITES[name] for name in (dict.fromkeys(names) or SUITES)]


def engine_settings(settings: Settings, options: EvalOptions) -> Settings:
    if options.base_url:
        if options.engine:
            raise EvalUsageError("--engine picks the engine of Careline in this process; with --base-url the "
                                 "deployment answers with its own engine")
        return settings
    engine = options.engine or "offline"
    if engine not in ENGINES:
        raise EvalUsageError(f"--engine must be one of {', '.join(ENGINES)}")
    if engine == "llm":
        if not settings.llm_base_url:
            raise EvalUsageError("--engine llm needs CARELINE_LLM_BASE_URL (an OpenAI-compatible endpoint)")
        return settings.model_copy(update={"chat_engine": "auto"})
    return settings.model_copy(update={"chat_engine": "offline"})


def git_commit() -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True,
                              timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "unknown"


def file_versions(paths: Sequence[Path], root: Path) -> dict[str, str]:
    """First 12 hex digits of each file's SHA-256 (the prompts' version, as the chat records it)."""
    return {str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()[:12] for path in sorted(paths)}


def prompt_versions() -> dict[str, str]:
    return {path.stem: prompt_version(path.read_bytes()) for path in sorted(PROMPTS_DIR.glob("*.md"))}


def replies_by_engine(suites: dict[str, SuiteResult]) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for suite in suites.values():
        for case in suite.cases:
            counts.update(turn["engine"] for turn in case.transcript if turn.get("engine"))
    return dict(counts.most_common())


def replied_prompt_versions(suites: dict[str, SuiteResult]) -> list[str]:
    seen = {turn.get("prompt_version") for suite in suites.values() for case in suite.cases for turn in case.transcript}
    return sorted(version for version in seen if version)


def make_judge(settings: Settings) -> Any:
    from careline.evals.judge import LLMJudge, judge_configured

    return LLMJudge(settings) if judge_configured(settings) else None


def prefer_single_thread_inference() -> None:
    """The eval embeds one question at a time. With one thread per inference that is as fast on an idle machine
    and many times faster on a busy one (OpenMP threads spin-wait against the other processes: measured 13-30
    ms per query with one thread against 190-660 ms with two on the 2-core CI machine under load). Only takes
    effect before torch is loaded, and never overrides what the user set."""
    if "torch" not in sys.modules:
        os.environ.setdefault("OMP_NUM_THREADS", "1")


def run_suite(run: EvalRun, suite: Suite, progress: bool) -> SuiteResult:
    started = time.perf_counter()
    if progress:
        print(f"eval: {suite.name} ...", file=sys.stderr, flush=True)
    try:
        result = suite.run(run, suite)
    except Exception as exc:  # one broken suite is reported (and fails the run); the others still run
        log.exception("eval suite failed", extra={"suite": suite.name})
        result = SuiteResult(name=suite.name, title=suite.title, status="error", note=f"{type(exc).__name__}: {exc}")
    result.seconds = time.perf_counter() - started
    if progress:
        rate = "-" if result.pass_rate is None else f"{result.pass_rate:.1%}"
        print(f"eval: {suite.name}: {result.status}, {len(result.cases)} cases, pass rate {rate}, "
              f"{result.seconds:.1f} s", file=sys.stderr, flush=True)
    return result


def run_eval(settings: Settings, options: EvalOptions) -> EvalOutcome:
    """Run the selected suites and write both reports into options.out."""
    suites = selected_suites(options.suites)
    settings = engine_settings(settings, options)
    threshold_file = options.thresholds or options.evals_dir / "thresholds.yaml"
    if options.thresholds and not options.thresholds.exists():
        raise EvalUsageError(f"--thresholds: {options.thresholds} does not exist")
    bars = thresholds.load_bars(threshold_file) if threshold_file.exists() else []
    previous = report.load_previous(options.compare) if options.compare else None
    judge = make_judge(settings)
    started_at, started = datetime.now(UTC), time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="careline-eval-") as workspace:
        local = InProcessTarget(settings, Path(workspace))
        target: Target = (HttpTarget(settings, options.base_url, options.token) if options.base_url else local)
        run = EvalRun(settings=settings, evals_dir=options.evals_dir, target=target, local=local, judge=judge)
        try:
            results = {suite.name: run_suite(run, suite, options.progress) for suite in suites}
        finally:
            target.close()
            local.close()
            if judge is not None:
                judge.close()
    checks = thresholds.check(bars, results)
    outcome_payload = {
        "format": RESULTS_FORMAT,
        "started_at": started_at.isoformat(timespec="seconds"),
        "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.perf_counter() - started, 2),
        "git_commit": git_commit(),
        "engine": {
            "requested": "deployment" if options.base_url else (options.engine or "offline"),
            "target": target.name,
            "llm_model": settings.llm_model if settings.llm_base_url and settings.chat_engine != "offline" else None,
            "replies_by_engine": replies_by_engine(results),
            "prompt_versions_in_replies": replied_prompt_versions(results),
        },
        "judge": {"model": judge.model, "prompt_version": judge.prompt_version} if judge else None,
        "prompts": prompt_versions(),
        "datasets": file_versions([p for s in suites for p in options.evals_dir.glob(s.data)], options.evals_dir),
        "thresholds": {"file": str(threshold_file) if bars else None, "checks": [c.as_dict() for c in checks]},
        "passed": not any(c.failed for c in checks) and not any(s.status == "error" for s in results.values()),
        "suites": {name: suite.as_dict() for name, suite in results.items()},
    }
    options.out.mkdir(parents=True, exist_ok=True)
    results_path, report_path = options.out / "results.json", options.out / "report.html"
    report.write_results(results_path, outcome_payload)
    report.write_html(report_path, outcome_payload, previous)
    return EvalOutcome(results=outcome_payload, checks=checks, results_path=results_path, report_path=report_path,
                       suites=results)
