"""The release bar: `evals/thresholds.yaml` names, per suite, the metrics that must reach a minimum (or stay
under a maximum). `careline eval` exits non-zero when one of them misses, naming it.

    safety:
      emergency_recall: {min: 0.98}
      false_alarm_rate: {max: 0.05}
    retrieval:
      hit@5: 0.95          # a bare number is a minimum

Every suite also has `pass_rate` (share of its graded cases that passed). A bar on a suite that did not run
(not selected, or skipped with a note) is reported as skipped and a metric with nothing to measure as
"not measured": neither fails the run. A metric the suite does not have fails it (a typo must not pass).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from careline.evals.results import SuiteResult
from careline.evals.safety import EVALS_DIR

THRESHOLDS_FILE = EVALS_DIR / "thresholds.yaml"


class ThresholdError(ValueError):
    """The thresholds file is malformed."""


@dataclass(frozen=True)
class Bar:
    metric: str  # "suite.metric"
    bound: str  # "min" or "max"
    limit: float

    def met_by(self, value: float) -> bool:
        return value >= self.limit if self.bound == "min" else value <= self.limit


@dataclass(frozen=True)
class Check:
    bar: Bar
    value: float | None
    status: str  # "pass", "fail", "unknown metric" (both fail the run), "skipped", "not measured"

    @property
    def failed(self) -> bool:
        return self.status in ("fail", "unknown metric")

    def describe(self) -> str:
        sign = ">=" if self.bar.bound == "min" else "<="
        shown = "-" if self.value is None else f"{self.value:.4f}"
        return f"{self.bar.metric} = {shown} (bar: {sign} {self.bar.limit:g}): {self.status}"

    def as_dict(self) -> dict[str, Any]:
        return {"metric": self.bar.metric, "bound": self.bar.bound, "limit": self.bar.limit, "value": self.value,
                "status": self.status}


def load_bars(path: Path = THRESHOLDS_FILE) -> list[Bar]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise ThresholdError(f"{path}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise ThresholdError(f"{path}: expected suites as keys")
    bars = []
    for suite, metrics in data.items():
        if not isinstance(metrics, dict):
            raise ThresholdError(f"{path}: '{suite}' must map metric names to bars")
        for metric, spec in metrics.items():
            bars += _bars(f"{suite}.{metric}", spec, path)
    return bars


def _bars(name: str, spec: Any, path: Path) -> list[Bar]:
    if isinstance(spec, int | float) and not isinstance(spec, bool):
        return [Bar(name, "min", float(spec))]
    if not isinstance(spec, dict) or not spec or set(spec) - {"min", "max"}:
        raise ThresholdError(f"{path}: {name}: give a number, {{min: x}} or {{max: y}}")
    out = []
    for bound, limit in spec.items():
        if isinstance(limit, bool) or not isinstance(limit, int | float):
            raise ThresholdError(f"{path}: {name}: {bound} must be a number")
        out.append(Bar(name, bound, float(limit)))
    return out


HELD_OUT = re.compile(r"holdout\d*\.")


def check(bars: list[Bar], suites: dict[str, SuiteResult]) -> list[Check]:
    checks = []
    for bar in bars:
        suite_name, _, metric = bar.metric.partition(".")
        suite = suites.get(suite_name)
        if suite is None or suite.status == "skipped":
            checks.append(Check(bar, None, "skipped"))
            continue
        if suite.status == "error":
            checks.append(Check(bar, None, "fail"))
            continue
        if metric != "pass_rate" and metric not in suite.metrics:
            # A held-out file this evals folder does not have is not measured; any other name is a typo in the
            # bar, which must not pass silently.
            checks.append(Check(bar, None, "not measured" if HELD_OUT.match(metric) else "unknown metric"))
            continue
        value = suite.pass_rate if metric == "pass_rate" else suite.metrics[metric]
        if value is None or value != value:
            checks.append(Check(bar, None, "not measured"))
        else:
            checks.append(Check(bar, float(value), "pass" if bar.met_by(float(value)) else "fail"))
    return checks
