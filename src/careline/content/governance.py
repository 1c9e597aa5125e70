"""Content governance: `careline content check` enforces the article rules in knowledge/README.md;
`careline content report` shows review status, reading grade and coverage."""

from __future__ import annotations

import argparse
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from careline.content.loaders import parse_front_matter
from careline.content.models import AUDIENCES
from careline.settings import get_settings

ARTICLE_TYPES = ("condition", "medication", "wellness", "emergency", "procedure")
SECTION_HEADINGS = ("Overview", "Symptoms", "Causes", "Diagnosis", "Treatment", "Medicines", "How to take",
                    "Side effects", "Self-care", "Prevention", "When to get help")
AUTHORITATIVE_DOMAINS = ("medlineplus.gov", "cdc.gov", "nih.gov", "nhs.uk", "fda.gov", "accessdata.fda.gov",
                         "dailymed.nlm.nih.gov", "988lifeline.org", "poison.org", "womenshealth.gov",
                         "health.gov", "hhs.gov", "uspreventiveservicestaskforce.org", "cancer.gov")
REQUIRED_FIELDS = ("id", "title", "type", "audience", "language", "tags", "synonyms", "sources", "reviewed_by",
                   "review_date", "next_review")
MEDICATION_FIELDS = ("drug_class", "generic_names", "allergy_classes", "interactions")
SOURCED_NOTES = ("pregnancy", "pediatric", "kidney", "food")
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TARGET_GRADE = 8.0
DUE_SOON_DAYS = 30


@dataclass
class ArticleCheck:
    path: Path
    meta: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def article_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.glob("*.md") if p.name.lower() != "readme.md"))
        elif path.exists():
            files.append(path)
        else:
            raise ValueError(f"{path}: no such file or folder")
    return files


def check_articles(paths: list[Path], today: date | None = None) -> list[ArticleCheck]:
    today = today or date.today()
    checks = [check_article(path, today) for path in article_files(paths)]
    seen: dict[str, Path] = {}
    for check in checks:
        doc_id = check.meta.get("id")
        if isinstance(doc_id, str):
            if doc_id in seen:
                check.problems.append(f"duplicate id '{doc_id}' (also in {seen[doc_id].name})")
            seen.setdefault(doc_id, check.path)
    return checks


def check_article(path: Path, today: date) -> ArticleCheck:
    check = ArticleCheck(path)
    try:
        check.meta, check.body = parse_front_matter(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        check.problems.append(str(exc))
        return check
    meta, problems = check.meta, check.problems
    for name in REQUIRED_FIELDS:
        if meta.get(name) in (None, "", []):
            problems.append(f"missing front matter field '{name}'")
    doc_id = meta.get("id")
    if isinstance(doc_id, str):
        if not _ID.match(doc_id):
            problems.append(f"id '{doc_id}' must be lowercase words joined by hyphens")
        if doc_id != path.stem:
            problems.append(f"id '{doc_id}' does not match the file name '{path.stem}'")
    if meta.get("type") and meta["type"] not in ARTICLE_TYPES:
        problems.append(f"type '{meta['type']}' is not one of {', '.join(ARTICLE_TYPES)}")
    if meta.get("audience") and meta["audience"] not in AUDIENCES:
        problems.append(f"audience '{meta['audience']}' is not one of {', '.join(AUDIENCES)}")
    for name in ("tags", "synonyms"):
        if name in meta and not _is_string_list(meta[name]):
            problems.append(f"'{name}' must be a list of strings")
    _check_sources(meta.get("sources"), "sources", problems)
    _check_dates(check, today)
    _check_headings(check)
    if meta.get("type") == "medication":
        _check_medication(meta, problems)
    return check


def _is_string_list(value: Any) -> bool:
    # YAML reads bare numbers such as 988 as ints; they are still fine as words.
    return isinstance(value, list) and all(
        isinstance(item, str | int | float) and str(item).strip() for item in value
    )


def _check_url(url: Any, where: str, problems: list[str]) -> bool:
    parsed = urlparse(url) if isinstance(url, str) else None
    if not parsed or parsed.scheme != "https" or not parsed.netloc or " " in url:
        problems.append(f"{where}: '{url}' is not a well-formed https URL")
        return False
    return True


def _is_authoritative(url: str) -> bool:
    host = (urlparse(url).hostname or "").lower()
    return any(host == domain or host.endswith("." + domain) for domain in AUTHORITATIVE_DOMAINS)


def _check_sources(sources: Any, where: str, problems: list[str]) -> None:
    if sources in (None, []):
        return  # reported as a missing field
    if not isinstance(sources, list):
        problems.append(f"'{where}' must be a list of URLs")
        return
    good = [url for url in sources if _check_url(url, where, problems)]
    if good and not any(_is_authoritative(url) for url in good):
        expected = ", ".join(AUTHORITATIVE_DOMAINS[:6])
        problems.append(f"{where}: no authoritative source (expected one of {expected}, ...)")


def _as_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def _check_dates(check: ArticleCheck, today: date) -> None:
    review, next_review = check.meta.get("review_date"), check.meta.get("next_review")
    reviewed_on, due_on = _as_date(review), _as_date(next_review)
    if review is not None and reviewed_on is None:
        check.problems.append(f"review_date '{review}' is not a YYYY-MM-DD date")
    if next_review is not None and due_on is None:
        check.problems.append(f"next_review '{next_review}' is not a YYYY-MM-DD date")
    if reviewed_on and reviewed_on > today:
        check.problems.append(f"review_date {reviewed_on} is in the future")
    if reviewed_on and due_on and due_on <= reviewed_on:
        check.problems.append("next_review must be after review_date")
    if due_on and due_on < today:
        check.warnings.append(f"overdue for review since {due_on}: ingest will not serve it")


def _headings(body: str, level: int) -> list[str]:
    marker = "#" * level
    return [m.group(1).strip() for m in re.finditer(rf"^{marker}\s+(.+?)\s*$", body, re.MULTILINE)]


def _check_headings(check: ArticleCheck) -> None:
    titles = _headings(check.body, 1)
    if len(titles) != 1:
        check.problems.append("the body must start with exactly one '# Title' heading")
    sections = _headings(check.body, 2)
    unknown = [heading for heading in sections if heading not in SECTION_HEADINGS]
    if unknown:
        check.problems.append(f"unknown section heading(s) {unknown}; use {', '.join(SECTION_HEADINGS)}")
    if len(sections) < 2:
        check.problems.append("an article needs at least two '## Section' headings")
    if "When to get help" not in sections:
        check.problems.append("missing the '## When to get help' section")
    if len(sections) != len(set(sections)):
        check.problems.append("a section heading appears twice")


def _check_medication(meta: dict[str, Any], problems: list[str]) -> None:
    for name in MEDICATION_FIELDS:
        if name not in meta:
            problems.append(f"medication article is missing '{name}'")
    for name in ("generic_names", "allergy_classes"):
        if name in meta and not (meta[name] == [] or _is_string_list(meta[name])):
            problems.append(f"'{name}' must be a list of strings")
    interactions = meta.get("interactions")
    if interactions is not None and not isinstance(interactions, list):
        problems.append("'interactions' must be a list of {with, why, source}")
    for number, item in enumerate(interactions if isinstance(interactions, list) else [], start=1):
        if not isinstance(item, dict) or not all(item.get(key) for key in ("with", "why", "source")):
            problems.append(f"interactions[{number}] needs 'with', 'why' and 'source'")
        else:
            _check_url(item["source"], f"interactions[{number}].source", problems)
    for name in SOURCED_NOTES:
        if name in meta:
            note = meta[name]
            if not isinstance(note, dict) or not note.get("note") or not note.get("source"):
                problems.append(f"'{name}' needs 'note' and 'source'")
            else:
                _check_url(note["source"], f"{name}.source", problems)


# --- report ----------------------------------------------------------------------------------------


def reading_grade(body: str) -> float:
    import warnings

    with warnings.catch_warnings():  # textstat imports the deprecated pkg_resources
        warnings.simplefilter("ignore")
        import textstat

    prose = "\n".join(line.lstrip("-* ") for line in body.splitlines() if not line.lstrip().startswith("#"))
    return round(float(textstat.flesch_kincaid_grade(prose)), 1)


def build_report(paths: list[Path], today: date | None = None) -> dict[str, Any]:
    today = today or date.today()
    checks = check_articles(paths, today)
    articles = []
    for check in checks:
        due_on = _as_date(check.meta.get("next_review"))
        if due_on is None:
            status = "unknown"
        elif due_on < today:
            status = "overdue"
        elif due_on <= today + timedelta(days=DUE_SOON_DAYS):
            status = "due_soon"
        else:
            status = "current"
        articles.append({
            "id": check.meta.get("id", check.path.stem), "title": check.meta.get("title"),
            "type": check.meta.get("type"), "next_review": str(due_on) if due_on else None,
            "review_status": status, "grade": reading_grade(check.body) if check.body else None,
            "problems": check.problems,
        })
    grades = [a["grade"] for a in articles if a["grade"] is not None]
    return {
        "articles": articles,
        "total": len(articles),
        "by_type": dict(Counter(a["type"] for a in articles)),
        "by_review_status": dict(Counter(a["review_status"] for a in articles)),
        "median_grade": statistics.median(grades) if grades else None,
        "above_target_grade": [a["id"] for a in articles if a["grade"] is not None and a["grade"] > TARGET_GRADE],
        "target_grade": TARGET_GRADE,
    }


# --- CLI -------------------------------------------------------------------------------------------


def add_content_commands(sub: Any, common: argparse.ArgumentParser) -> None:
    content = sub.add_parser("content", help="content governance: check and report")
    content_sub = content.add_subparsers(dest="content_command")
    check = content_sub.add_parser("check", parents=[common], help="validate every article; non-zero on a problem")
    check.add_argument("paths", nargs="*", type=Path)
    check.set_defaults(handler=_check_command)
    report = content_sub.add_parser("report", parents=[common], help="review status, reading grade, coverage")
    report.add_argument("paths", nargs="*", type=Path)
    report.set_defaults(handler=_report_command)


def _paths(args: argparse.Namespace) -> list[Path]:
    return args.paths or [get_settings().knowledge_dir]


def _check_command(args: argparse.Namespace) -> tuple[Any, str]:
    checks = check_articles(_paths(args))
    failing = [c for c in checks if c.problems]
    payload = {
        "articles": len(checks), "ok": not failing,
        "problems": [{"file": str(c.path), "problem": p} for c in checks for p in c.problems],
        "warnings": [{"file": str(c.path), "warning": w} for c in checks for w in c.warnings],
    }
    lines = [f"{c.path}: {p}" for c in checks for p in c.problems]
    lines += [f"{c.path}: warning: {w}" for c in checks for w in c.warnings]
    lines.append(f"{len(checks)} articles checked, {len(failing)} with problems")
    if failing:
        args.exit_code = 1
    return payload, "\n".join(lines)


def _report_command(args: argparse.Namespace) -> tuple[Any, str]:
    report = build_report(_paths(args))
    lines = [f"{report['total']} articles; median reading grade {report['median_grade']} "
             f"(target {TARGET_GRADE} or below)",
             "by type: " + ", ".join(f"{k} {v}" for k, v in sorted(report["by_type"].items(), key=str)),
             "by review status: " + ", ".join(f"{k} {v}" for k, v in sorted(report["by_review_status"].items()))]
    for status in ("overdue", "due_soon"):
        for article in (a for a in report["articles"] if a["review_status"] == status):
            lines.append(f"{status.replace('_', ' ')}: {article['id']} (next review {article['next_review']})")
    lines.append("above target grade: " + (", ".join(report["above_target_grade"]) or "none"))
    lines.append("")
    lines.append(f"{'id':40} {'type':11} {'grade':>5}  review")
    for article in report["articles"]:
        kind, grade, status = str(article["type"]), str(article["grade"]), article["review_status"]
        lines.append(f"{article['id']:40} {kind:11} {grade:>5}  {status}")
    return report, "\n".join(lines)
