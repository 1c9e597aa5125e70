"""The two reports of an eval run: `results.json` (everything, for machines and for the next `--compare`)
and `report.html` (one self-contained page for people: no scripts, no external files).

The page has the verdict, a summary table per suite, the release bar, per-suite pass rates, an inline SVG
chart of the metrics against a previous run (with `--compare`), and each failure with its transcript,
citations and the reasons it failed."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import Any

MAX_FAILURES_SHOWN = 200
HIGHER_IS_WORSE = ("false_alarm_rate", "unexpected_notes", "unexpected_reminders")

STYLE = """
:root { --ink:#1d2733; --muted:#5b6876; --line:#d9dee4; --pass:#1d7a46; --fail:#b42318; --skip:#8a6d1d;
        --accent:#2453a6; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0;
       background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 12px; border-bottom: 1px solid var(--line); padding-bottom: 6px; }
h3 { font-size: 16px; margin: 20px 0 8px; } h4 { margin: 0 0 6px; font-size: 15px; }
.verdict { display: inline-block; font-weight: 600; padding: 6px 14px; border-radius: 6px; margin: 8px 0 12px; }
.verdict.pass { background: #e7f5ec; color: var(--pass); } .verdict.fail { background: #fdecea; color: var(--fail); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; color: var(--muted); }
dl.meta dt { font-weight: 600; } dl.meta dd { margin: 0; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 14px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.metrics { width: auto; min-width: 360px; } table.metrics th { background: none; font-weight: 500; }
table.rubric { font-size: 13px; } .met-good { color: var(--pass); } .met-bad { color: var(--fail); }
.status-pass, .status-ok { color: var(--pass); font-weight: 600; }
.status-fail, .status-error, .status-unknown-metric { color: var(--fail); font-weight: 600; }
.status-skipped, .status-not-measured { color: var(--skip); font-weight: 600; }
.bar { background: #e9edf1; border-radius: 3px; height: 10px; width: 120px; display: inline-block; margin-right: 6px;
       vertical-align: middle; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--pass); }
.note { color: var(--muted); font-style: italic; }
article.failure { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px;
                  padding: 12px 14px; margin: 12px 0; }
ul.reasons { margin: 0 0 8px; padding-left: 20px; color: var(--fail); }
.transcript { display: flex; flex-direction: column; gap: 8px; margin: 8px 0; }
.turn { border-radius: 8px; padding: 8px 12px; max-width: 92%; }
.turn.user { background: #eef3fb; align-self: flex-start; }
.turn.assistant { background: var(--bg); align-self: flex-end; border: 1px solid var(--line); }
.turn .role { font-size: 12px; font-weight: 600; color: var(--muted); text-transform: uppercase;
              letter-spacing: .04em; }
.turn p { margin: 2px 0 0; white-space: pre-wrap; }
ol.citations { margin: 6px 0 0; padding-left: 0; list-style: none; font-size: 13px; color: var(--muted); }
.safety { font-size: 12px; color: var(--muted); margin-top: 4px; }
details { margin-top: 6px; } details pre { background: var(--bg); padding: 8px; overflow-x: auto; font-size: 12px;
          white-space: pre-wrap; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
"""


def write_results(path: Path, results: dict[str, Any]) -> None:
    path.write_text(json.dumps(results, indent=2, default=str, ensure_ascii=False) + "\n", encoding="utf-8")


def load_previous(path: Path) -> dict[str, Any]:
    """A previous run's results.json (for --compare); ValueError with the reason when it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ValueError(f"--compare: cannot read {path}: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise ValueError(f"--compare: {path} is not JSON ({exc.msg} at line {exc.lineno})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("suites"), dict):
        raise ValueError(f"--compare: {path} is not a careline eval results.json")
    return data


def flat_metrics(results: dict[str, Any]) -> dict[str, float]:
    """suite.metric -> value, for every number a run measured (pass rates included)."""
    out: dict[str, float] = {}
    for name, suite in results.get("suites", {}).items():
        if suite.get("status") != "ok":
            continue
        for metric, value in (suite.get("metrics") or {}).items():
            if isinstance(value, int | float) and not isinstance(value, bool):
                out[f"{name}.{metric}"] = float(value)
        if isinstance(suite.get("pass_rate"), int | float):
            out[f"{name}.pass_rate"] = float(suite["pass_rate"])
    return out


def comparable(current: dict[str, Any], previous: dict[str, Any]) -> list[tuple[str, float, float]]:
    """Metrics in both runs whose values are shares (0..1), in the current run's order."""
    now, then = flat_metrics(current), flat_metrics(previous)
    return [(name, then[name], value) for name, value in now.items()
            if name in then and 0.0 <= value <= 1.0 and 0.0 <= then[name] <= 1.0]


def comparison_svg(rows: Sequence[tuple[str, float, float]]) -> str:
    """Horizontal bars, previous run (grey) above current run (blue; red when it got worse)."""
    label_width, bar_width, row_height = 260, 520, 34
    height = 40 + row_height * len(rows)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Metrics against the previous run" '
             f'width="{label_width + bar_width + 70}" height="{height}" id="compare-chart">',
             '<rect x="0" y="0" width="12" height="12" fill="#9aa5b1"/><text x="18" y="11">previous run</text>',
             '<rect x="120" y="0" width="12" height="12" fill="#2453a6"/><text x="138" y="11">this run</text>',
             '<rect x="220" y="0" width="12" height="12" fill="#b42318"/><text x="238" y="11">this run, worse</text>']
    for index, (name, before, after) in enumerate(rows):
        y = 30 + index * row_height
        worse = (after > before) if name.rsplit(".", 1)[-1] in HIGHER_IS_WORSE else (after < before)
        color = "#b42318" if worse and abs(after - before) > 1e-9 else "#2453a6"
        parts += [
            f'<text x="{label_width - 8}" y="{y + 18}" text-anchor="end">{escape(name)}</text>',
            f'<rect x="{label_width}" y="{y + 2}" width="{before * bar_width:.1f}" height="11" fill="#9aa5b1"/>',
            f'<rect x="{label_width}" y="{y + 15}" width="{after * bar_width:.1f}" height="11" fill="{color}" '
            f'class="{"now worse" if color == "#b42318" else "now"}" data-metric="{escape(name)}"/>',
            f'<text x="{label_width + bar_width + 6}" y="{y + 12}">{before:.3f}</text>',
            f'<text x="{label_width + bar_width + 6}" y="{y + 26}">{after:.3f}</text>',
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def pass_rate_svg(suites: dict[str, Any]) -> str:
    rows = [(name, s["pass_rate"]) for name, s in suites.items() if s["status"] == "ok" and s["pass_rate"] is not None]
    width, label, row = 520, 150, 24
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Pass rate per suite" '
             f'width="{label + width + 60}" height="{row * len(rows) + 6}" id="pass-rate-chart">']
    for index, (name, value) in enumerate(rows):
        y = index * row
        parts += [f'<text x="{label - 8}" y="{y + 15}" text-anchor="end">{escape(name)}</text>',
                  f'<rect x="{label}" y="{y + 4}" width="{width}" height="14" fill="#e9edf1"/>',
                  f'<rect x="{label}" y="{y + 4}" width="{value * width:.1f}" height="14" '
                  f'fill="{"#1d7a46" if value >= 0.999 else "#2453a6"}"/>',
                  f'<text x="{label + width + 6}" y="{y + 15}">{value:.1%}</text>']
    parts.append("</svg>")
    return "\n".join(parts)


def _number(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.3f}"
    return escape(str(value))


def _status(status: str) -> str:
    return f'<span class="status-{escape(status.replace(" ", "-"))}">{escape(status)}</span>'


def _rate_cell(rate: float | None) -> str:
    if rate is None:
        return "–"
    return f'<span class="bar"><span style="width:{rate * 100:.1f}%"></span></span>{rate:.1%}'


def summary_table(suites: dict[str, Any]) -> str:
    rows = ["<table id='summary-table'><thead><tr><th>suite</th><th>status</th><th class='num'>cases</th>"
            "<th class='num'>passed</th><th>pass rate</th><th>metrics</th><th class='num'>latency p50 / p95</th>"
            "<th class='num'>time</th></tr></thead><tbody>"]
    for name, suite in suites.items():
        metrics = ", ".join(f"{escape(k)} {_number(v)}" for k, v in list(suite["metrics"].items())[:6])
        latency = suite["latency"]
        lat = "–" if latency["p50_ms"] is None else f"{latency['p50_ms']:.1f} / {latency['p95_ms']:.1f} ms"
        rows.append(
            f"<tr><td><a href='#suite-{escape(name)}'>{escape(suite['title'])}</a></td><td>{_status(suite['status'])}"
            f"</td><td class='num'>{suite['cases_total']}</td><td class='num'>{suite['cases_passed']}</td>"
            f"<td>{_rate_cell(suite['pass_rate'])}</td><td>{metrics or escape(suite.get('note') or '')}</td>"
            f"<td class='num'>{lat}</td><td class='num'>{suite['seconds']:.1f} s</td></tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def bar_table(checks: Sequence[dict[str, Any]]) -> str:
    if not checks:
        return "<p class='note'>No thresholds file: no release bar was checked.</p>"
    rows = ["<table id='release-bar'><thead><tr><th>metric</th><th class='num'>value</th><th>bar</th><th>result</th>"
            "</tr></thead><tbody>"]
    for item in checks:
        sign = "≥" if item["bound"] == "min" else "≤"
        rows.append(f"<tr><td>{escape(item['metric'])}</td><td class='num'>{_number(item['value'])}</td>"
                    f"<td>{sign} {item['limit']:g}</td><td>{_status(item['status'])}</td></tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def transcript_html(turns: Iterable[dict[str, Any]]) -> str:
    parts = ["<div class='transcript'>"]
    for turn in turns:
        role = "assistant" if turn.get("role") == "assistant" else "user"
        parts.append(f"<div class='turn {role}'><span class='role'>{'Careline' if role == 'assistant' else 'Patient'}"
                     f"</span><p>{escape(str(turn.get('text', '')))}</p>")
        citations = turn.get("citations") or []
        if citations:
            parts.append("<ol class='citations'>")
            for citation in citations:
                url = str(citation.get("url") or "")
                link = (f" — <a href='{escape(url)}'>{escape(url)}</a>" if url.startswith(("https://", "http://"))
                        else f" — {escape(url)}" if url else "")
                parts.append(f"<li>[{escape(str(citation.get('n')))}] {escape(str(citation.get('title')))} "
                             f"<code>{escape(str(citation.get('doc_id')))}</code>{link}</li>")
            parts.append("</ol>")
        safety = turn.get("safety")
        if safety:
            flags = " ".join(safety.get("flags") or [])
            engine = f" · engine {turn['engine']}" if turn.get("engine") else ""
            parts.append(f"<div class='safety'>safety: {escape(str(safety.get('level')))} {escape(flags)}"
                         f"{escape(engine)}</div>")
        parts.append("</div>")
    parts.append("</div>")
    return "\n".join(parts)


def rubric_html(grades: Sequence[dict[str, Any]]) -> str:
    """The rubric of a case: each criterion, its points, and whether (and by what) it was judged met."""
    rows = ["<table class='rubric'><thead><tr><th>criterion</th><th class='num'>points</th><th>met</th>"
            "<th>graded by</th></tr></thead><tbody>"]
    for grade in grades:
        met = grade.get("met")
        # Green when the reply did right: met a positive criterion, or did not do a negative one.
        good = met == (grade.get("points", 0) > 0)
        css = "met-good" if good else "met-bad"
        shown = "ungraded" if met is None else f"<span class='{css}'>{'yes' if met else 'no'}</span>"
        rows.append(f"<tr><td>{escape(str(grade.get('criterion')))}</td><td class='num'>{grade.get('points'):+g}</td>"
                    f"<td>{shown}</td><td>{escape(str(grade.get('graded_by') or '–'))}</td></tr>")
    rows.append("</tbody></table>")
    return "\n".join(rows)


def failure_html(suite: str, case: dict[str, Any]) -> str:
    reasons = "".join(f"<li>{escape(reason)}</li>" for reason in case.get("failures", []))
    rubric = (case.get("output") or {}).get("rubric")
    detail = json.dumps({"input": case.get("input"), "expected": case.get("expected"), "output": case.get("output"),
                         "metrics": case.get("metrics")}, indent=2, default=str, ensure_ascii=False)
    return (f"<article class='failure' id='case-{escape(suite)}-{escape(case['id'])}'><h4>{escape(case['id'])}</h4>"
            f"<ul class='reasons'>{reasons}</ul>{transcript_html(case.get('transcript') or [])}"
            f"{rubric_html(rubric) if rubric else ''}"
            f"<details><summary>expected and actual</summary><pre>{escape(detail)}</pre></details></article>")


def suite_html(name: str, suite: dict[str, Any]) -> str:
    parts = [f"<section class='suite' id='suite-{escape(name)}'><h2>{escape(suite['title'])} "
             f"<small>({escape(name)})</small></h2>"]
    if suite.get("note"):
        parts.append(f"<p class='note'>{escape(suite['note'])}</p>")
    if suite["metrics"]:
        parts.append("<table class='metrics'><tbody>" + "".join(
            f"<tr><th>{escape(k)}</th><td class='num'>{_number(v)}</td></tr>" for k, v in suite["metrics"].items())
            + "</tbody></table>")
    failures = [case for case in suite["cases"] if case.get("passed") is False]
    skipped = sum(1 for case in suite["cases"] if case.get("skipped"))
    if skipped:
        parts.append(f"<p class='note'>{skipped} case(s) skipped: "
                     f"{escape(next(c['skipped'] for c in suite['cases'] if c.get('skipped')))}</p>")
    if suite["status"] == "ok":
        parts.append(f"<h3>Failures ({len(failures)})</h3>")
        if not failures:
            parts.append("<p class='note'>Every graded case passed.</p>")
        parts += [failure_html(name, case) for case in failures[:MAX_FAILURES_SHOWN]]
        if len(failures) > MAX_FAILURES_SHOWN:
            parts.append(f"<p class='note'>{len(failures) - MAX_FAILURES_SHOWN} more failures in results.json.</p>")
    parts.append("</section>")
    return "\n".join(parts)


def render_html(results: dict[str, Any], previous: dict[str, Any] | None = None) -> str:
    suites = results["suites"]
    failing = [c for c in results["thresholds"]["checks"] if c["status"] in ("fail", "unknown metric")]
    errors = [name for name, s in suites.items() if s["status"] == "error"]
    verdict = ("<p class='verdict pass' id='verdict'>Release bar met</p>" if results["passed"] else
               f"<p class='verdict fail' id='verdict'>Release bar NOT met: "
               f"{escape(', '.join([c['metric'] for c in failing] + [f'{n} (error)' for n in errors]))}</p>")
    engine = results["engine"]
    meta = {
        "commit": results["git_commit"], "target": engine["target"], "engine": engine["requested"],
        "answers by engine": ", ".join(f"{k}: {v}" for k, v in engine["replies_by_engine"].items()) or "–",
        "judge": results["judge"]["model"] if results["judge"] else "none (machine checks only)",
        "prompts": ", ".join(f"{k} {v}" for k, v in results["prompts"].items()),
        "started": results["started_at"], "duration": f"{results['seconds']:.1f} s",
    }
    parts = ["<!doctype html><html lang='en'><head><meta charset='utf-8'>",
             "<meta name='viewport' content='width=device-width, initial-scale=1'>",
             f"<title>Careline eval report {escape(results['started_at'])}</title><style>{STYLE}</style></head>",
             "<body><main><header><h1>Careline eval report</h1>", verdict,
             "<dl class='meta'>" + "".join(f"<dt>{escape(k)}</dt><dd>{escape(str(v))}</dd>" for k, v in meta.items())
             + "</dl></header>",
             "<section id='summary'><h2>Summary</h2>", summary_table(suites), "</section>",
             "<section id='bar'><h2>Release bar</h2>", bar_table(results["thresholds"]["checks"]), "</section>",
             "<section id='pass-rates'><h2>Pass rate per suite</h2>", pass_rate_svg(suites), "</section>"]
    if previous is not None:
        rows = comparable(results, previous)
        parts += ["<section id='compare'><h2>Against the previous run</h2>",
                  f"<p class='note'>Previous run: {escape(str(previous.get('started_at')))}, commit "
                  f"{escape(str(previous.get('git_commit')))}, engine "
                  f"{escape(str((previous.get('engine') or {}).get('requested')))}.</p>",
                  comparison_svg(rows) if rows else "<p class='note'>No metric in common.</p>", "</section>"]
    parts += [suite_html(name, suite) for name, suite in suites.items()]
    parts.append("</main></body></html>")
    return "\n".join(parts)


def write_html(path: Path, results: dict[str, Any], previous: dict[str, Any] | None = None) -> None:
    path.write_text(render_html(results, previous), encoding="utf-8")
