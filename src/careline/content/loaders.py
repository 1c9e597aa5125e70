"""Read content files into validated records: Markdown with YAML front matter, JSON Lines, HTML and
MedlinePlus health-topic XML. Each loader yields records and rejections; one bad record never stops
the rest of a file from loading."""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup

from careline.content.models import ARTICLE_TYPES, AUDIENCES, ContentRecord, Rejection

SUPPORTED_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".jsonl": "jsonl", ".html": "html",
                      ".htm": "html", ".xml": "medlineplus"}
_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}$")
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n?(.*)\Z", re.DOTALL)

LoadResult = ContentRecord | Rejection


def discover_files(paths: Iterable[Path]) -> tuple[list[Path], list[Rejection]]:
    """Expand folders into the supported files below them; name paths that do not exist."""
    files: list[Path] = []
    problems: list[Rejection] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                       and p.name.lower() != "readme.md")
            )
        elif path.is_file():
            if path.suffix.lower() in SUPPORTED_SUFFIXES:
                files.append(path)
            else:
                problems.append(Rejection(str(path), f"unsupported file type '{path.suffix}'"))
        else:
            problems.append(Rejection(str(path), "no such file or folder"))
    return files, problems


def load_file(path: Path) -> Iterator[LoadResult]:
    kind = SUPPORTED_SUFFIXES[path.suffix.lower()]
    origin = str(path.resolve())
    try:
        raw_text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        yield Rejection(origin, f"cannot read file: {exc}")
        return
    loader = {"markdown": _load_markdown, "jsonl": _load_jsonl, "html": _load_html,
              "medlineplus": _load_medlineplus_xml}[kind]
    yield from loader(raw_text, origin, path)


# --- validation shared by every format -------------------------------------------------------------


def build_record(raw: dict[str, Any], origin: str, line: int | None = None) -> LoadResult:
    """Validate one raw record and turn it into a ContentRecord, or say exactly what is wrong."""
    doc_id = raw.get("id")
    doc_id = str(doc_id).strip() if doc_id not in (None, "") else None

    def reject(reason: str) -> Rejection:
        return Rejection(origin, reason, line=line, doc_id=doc_id)

    missing = [name for name in ("id", "text", "reviewed_by", "review_date") if not _present(raw.get(name))]
    if missing:
        return reject(f"missing required field(s): {', '.join(missing)}")
    if not _ID_PATTERN.match(doc_id or ""):
        return reject(f"invalid id '{doc_id}': use letters, digits and . _ : / - (at most 200 characters)")
    if not isinstance(raw["text"], str):
        return reject("'text' must be a string")
    try:
        review_date = _parse_date(raw["review_date"], "review_date")
        next_review = _parse_date(raw["next_review"], "next_review") if _present(raw.get("next_review")) else None
    except ValueError as exc:
        return reject(str(exc))
    if next_review and next_review < review_date:
        return reject("next_review is before review_date")
    audience = str(raw.get("audience") or "all").lower()
    if audience not in AUDIENCES:
        return reject(f"audience must be one of {', '.join(AUDIENCES)}, not '{audience}'")
    doc_type = str(raw.get("type") or "article").lower()
    if doc_type not in ARTICLE_TYPES:
        return reject(f"type must be one of {', '.join(ARTICLE_TYPES)}, not '{doc_type}'")
    try:
        tags = _string_list(raw.get("tags"), "tags")
        synonyms = _string_list(raw.get("synonyms"), "synonyms")
    except ValueError as exc:
        return reject(str(exc))
    text = raw["text"].strip()
    if len(text) < 20:
        return reject("text is empty or too short to be useful (under 20 characters)")
    known = {"id", "title", "text", "url", "source", "reviewed_by", "review_date", "next_review", "audience",
             "tags", "synonyms", "language", "type"}
    extra = {key: value for key, value in raw.items() if key not in known}
    return ContentRecord(
        doc_id=doc_id or "",
        title=str(raw.get("title") or "").strip() or _title_from_text(text),
        text=text,
        url=_optional_str(raw.get("url")) or _first_source(raw.get("sources")),
        source=_optional_str(raw.get("source")) or _publisher(_first_source(raw.get("sources"))),
        reviewed_by=str(raw["reviewed_by"]).strip(),
        review_date=review_date,
        next_review=next_review,
        audience=audience,
        language=str(raw.get("language") or "en").lower(),
        type=doc_type,
        tags=tuple(tags),
        synonyms=tuple(synonyms),
        origin=origin,
        extra=_jsonable(extra),
    )


def _title_from_text(text: str) -> str:
    """A record without a title is shown (and indexed) by its opening words, not its opaque id."""
    first = re.split(r"(?<=[.!?])\s", re.sub(r"^#+\s*", "", text.strip()), maxsplit=1)[0]
    return first if len(first) <= 80 else first[:77].rsplit(" ", 1)[0] + "..."


def _present(value: Any) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _parse_date(value: Any, name: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ValueError(f"{name} '{value}' is not a date in YYYY-MM-DD form") from None


def _string_list(value: Any, name: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list) and all(isinstance(item, str | int | float) for item in value):
        return [str(item).strip() for item in value if str(item).strip()]
    raise ValueError(f"'{name}' must be a list of strings")


def _optional_str(value: Any) -> str | None:
    return str(value).strip() if _present(value) else None


def _first_source(sources: Any) -> str | None:
    if isinstance(sources, list) and sources:
        return str(sources[0])
    return None


_PUBLISHERS = {
    "medlineplus.gov": "MedlinePlus", "cdc.gov": "CDC", "nih.gov": "NIH", "nhs.uk": "NHS", "fda.gov": "FDA",
    "dailymed.nlm.nih.gov": "DailyMed", "heart.org": "American Heart Association", "who.int": "WHO",
}


def _publisher(url: str | None) -> str | None:
    if not url:
        return None
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0].lower()
    for domain, name in sorted(_PUBLISHERS.items(), key=lambda item: -len(item[0])):
        if host == domain or host.endswith("." + domain):
            return name
    return host or None


def _jsonable(value: Any) -> Any:
    """YAML gives dates and other objects; keep the extra metadata JSON-serialisable."""
    return json.loads(json.dumps(value, default=str))


# --- formats -----------------------------------------------------------------------------------------


def parse_front_matter(raw_text: str) -> tuple[dict[str, Any], str]:
    """Split Markdown into its YAML front matter (a dict) and body. Raises ValueError when malformed."""
    match = _FRONT_MATTER.match(raw_text.lstrip("\ufeff"))
    if not match:
        raise ValueError("no YAML front matter (the file must start with a '---' block)")
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError as exc:
        raise ValueError(f"front matter is not valid YAML: {exc}".splitlines()[0]) from None
    if not isinstance(meta, dict):
        raise ValueError("front matter must be a YAML mapping")
    return meta, match.group(2)


def _load_markdown(raw_text: str, origin: str, path: Path) -> Iterator[LoadResult]:
    try:
        meta, body = parse_front_matter(raw_text)
    except ValueError as exc:
        yield Rejection(origin, str(exc))
        return
    meta.setdefault("id", path.stem)
    meta["text"] = body
    if not meta.get("title"):
        heading = re.search(r"^#\s+(.+)$", body, re.MULTILINE)
        meta["title"] = heading.group(1).strip() if heading else path.stem
    yield build_record(meta, origin)


def _load_jsonl(raw_text: str, origin: str, path: Path) -> Iterator[LoadResult]:
    for number, line in enumerate(raw_text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(origin, f"not valid JSON ({exc.msg})", line=number)
            continue
        if not isinstance(raw, dict):
            yield Rejection(origin, "each line must be a JSON object", line=number)
            continue
        yield build_record(raw, origin, line=number)


def _load_html(raw_text: str, origin: str, path: Path) -> Iterator[LoadResult]:
    soup = BeautifulSoup(raw_text, "html.parser")
    meta: dict[str, Any] = {}
    for tag in soup.find_all("meta"):
        name = (tag.get("name") or tag.get("property") or "").lower()
        if name.startswith("careline:"):
            meta[name.split(":", 1)[1]] = tag.get("content")
        elif name in ("dc.source", "og:url") and tag.get("content"):
            meta.setdefault("url", tag.get("content"))
    canonical = soup.find("link", rel="canonical")
    if canonical and canonical.get("href"):
        meta.setdefault("url", canonical["href"])
    h1 = soup.find("h1")
    meta.setdefault("title", (h1.get_text(" ", strip=True) if h1 else None)
                    or (soup.title.get_text(strip=True) if soup.title else path.stem))
    meta.setdefault("id", path.stem)
    body = soup.body or soup
    meta["text"] = html_to_markdown(body)
    yield build_record(meta, origin)


def html_to_markdown(node: Any) -> str:
    """Keep headings as Markdown headings so chunking stays section-aware; drop scripts and chrome."""
    for junk in node.find_all(["script", "style", "nav", "header", "footer", "noscript"]):
        junk.decompose()
    lines: list[str] = []
    for element in node.find_all(["h1", "h2", "h3", "h4", "p", "li"]):
        text = element.get_text(" ", strip=True)
        if not text or (element.name in ("p", "li") and element.find_parent("li") is not None):
            continue
        if element.name in ("h1",):
            lines.append(f"# {text}")
        elif element.name in ("h2", "h3", "h4"):
            lines.append(f"## {text}")
        elif element.name == "li":
            lines.append(f"- {text}")
        else:
            lines.append(text)
    return "\n\n".join(lines)


def _load_medlineplus_xml(raw_text: str, origin: str, path: Path) -> Iterator[LoadResult]:
    """MedlinePlus health-topic XML: <health-topics><health-topic title url id date-created>...</>."""
    with warnings.catch_warnings():  # html.parser reads this simple XML fine; no lxml needed
        warnings.simplefilter("ignore")
        soup = BeautifulSoup(raw_text, "html.parser")
    topics = soup.find_all("health-topic")
    if not topics:
        yield Rejection(origin, "no <health-topic> elements: not a MedlinePlus health-topic XML file")
        return
    for topic in topics:
        summary = topic.find("full-summary")
        summary_html = BeautifulSoup(summary.get_text() if summary else "", "html.parser")
        created = topic.get("date-created") or ""
        raw = {
            "id": f"medlineplus-{topic.get('id')}" if topic.get("id") else None,
            "title": topic.get("title"),
            "url": topic.get("url"),
            "source": "MedlinePlus",
            "reviewed_by": "MedlinePlus (U.S. National Library of Medicine)",
            "review_date": _us_date(created),
            "language": "es" if (topic.get("language") or "").lower().startswith("span") else "en",
            "synonyms": [item.get_text(strip=True) for item in topic.find_all("also-called")],
            "tags": [item.get_text(strip=True) for item in topic.find_all("group")],
            "text": html_to_markdown(summary_html),
        }
        yield build_record(raw, origin)


def _us_date(value: str) -> str | None:
    try:
        return datetime.strptime(value, "%m/%d/%Y").date().isoformat()
    except ValueError:
        return value or None
