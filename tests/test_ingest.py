"""Ingesting each content format, idempotently, with clear rejections."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from careline.content.ingest import ingest_paths
from careline.retrieval.search import HybridRetriever
from careline.retrieval.store import KnowledgeStore
from careline.settings import Settings

VETTED = {"reviewed_by": "Dr. Test Reviewer", "review_date": "2026-10-01"}

MARKDOWN = """---
id: hiccups
title: Hiccups
type: condition
audience: all
tags: [diaphragm]
synonyms: [hiccoughs]
sources: [https://medlineplus.gov/ency/article/003068.htm]
reviewed_by: Dr. Test Reviewer
review_date: 2026-10-01
next_review: 2027-10-01
---
# Hiccups

## Overview
Hiccups are sudden tightenings of the muscle under the lungs. Most stop on their own within minutes.

## When to get help
See your care team if hiccups last more than two days or keep you from eating or sleeping.
"""

HTML = """<!doctype html><html><head><title>Frostbite</title>
<meta name="careline:id" content="frostbite">
<meta name="careline:reviewed_by" content="Dr. Test Reviewer">
<meta name="careline:review_date" content="2026-09-01">
<link rel="canonical" href="https://www.cdc.gov/winter-weather/prevention/frostbite.html">
<script>alert('never indexed')</script></head>
<body><nav>menu</nav><h1>Frostbite</h1>
<h2>Symptoms</h2><p>Frostbitten skin turns white or grayish-yellow and feels numb, firm or waxy.</p>
<h2>Treatment</h2><ul><li>Get into a warm room as soon as you can.</li><li>Do not rub the numb area.</li></ul>
</body></html>"""

MEDLINEPLUS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<health-topics total="1" date-generated="11/01/2026 02:30:00">
<health-topic meta-desc="x" title="Tinnitus" url="https://medlineplus.gov/tinnitus.html" id="1234"
 language="English" date-created="04/02/2025">
<also-called>Ringing in the ears</also-called>
<full-summary>&lt;p&gt;Tinnitus is a ringing, buzzing or hissing sound in the ears that others cannot hear.&lt;/p&gt;
&lt;h3&gt;Causes&lt;/h3&gt;&lt;p&gt;Loud noise, ear wax and some medicines can bring it on.&lt;/p&gt;</full-summary>
<group url="https://medlineplus.gov/earnosethroat.html" id="13">Ear, Nose and Throat</group>
</health-topic></health-topics>"""


def jsonl_lines(records: list[object]) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


@pytest.fixture()
def store(settings: Settings) -> KnowledgeStore:
    return KnowledgeStore(settings)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_every_contract_format_loads_and_is_searchable(store: KnowledgeStore, tmp_path: Path) -> None:
    content = tmp_path / "content"
    write(content / "hiccups.md", MARKDOWN)
    write(content / "frostbite.html", HTML)
    write(content / "medlineplus.xml", MEDLINEPLUS_XML)
    write(content / "records.jsonl", jsonl_lines([
        {"id": "jl-1", "title": "Pinworms", "text": "Pinworms are tiny worms that cause itching around the bottom, "
         "mostly at night.", "url": "https://www.cdc.gov/pinworm/", "source": "CDC", **VETTED},
    ]))
    report = ingest_paths(store, [content])
    assert sorted(report.added) == ["frostbite", "hiccups", "jl-1", "medlineplus-1234"]
    assert report.rejected == []

    retriever = HybridRetriever(store)
    top = retriever.run("ringing in my ears", k=1)[0]
    assert top.doc_id == "medlineplus-1234" and top.source == "MedlinePlus"
    frost = retriever.run("what does frostbite look like", k=1)[0]
    assert frost.doc_id == "frostbite" and frost.section == "Symptoms"
    assert "alert" not in frost.text and "menu" not in frost.text
    assert frost.url == "https://www.cdc.gov/winter-weather/prevention/frostbite.html"
    assert retriever.run("worms itching bottom at night", k=1)[0].doc_id == "jl-1"


def test_bad_jsonl_records_are_rejected_with_line_and_reason_while_the_rest_load(
    store: KnowledgeStore, tmp_path: Path
) -> None:
    path = write(tmp_path / "mixed.jsonl", jsonl_lines([
        {"id": "ok-1", "title": "Good", "text": "A perfectly fine vetted record about sunburn care.", **VETTED},
        {"title": "No id", "text": "This record has no id at all, so it cannot load.", **VETTED},
        {"id": "no-review", "text": "A record without any vetting metadata is not served."},
        "{not json",
        {"id": "bad-date", "text": "A record whose review date cannot be read.", "reviewed_by": "X",
         "review_date": "yesterday"},
        {"id": "ok-2", "title": "Also good", "text": "Another fine vetted record about blisters.", **VETTED},
    ]))
    report = ingest_paths(store, [path])
    assert sorted(report.added) == ["ok-1", "ok-2"]
    reasons = {r.line: r.reason for r in report.rejected}
    assert reasons[2] == "missing required field(s): id"
    assert reasons[3] == "missing required field(s): reviewed_by, review_date"
    assert reasons[4].startswith("not valid JSON")
    assert "review_date 'yesterday' is not a date" in reasons[5]


def test_reingesting_unchanged_content_writes_nothing(store: KnowledgeStore, tmp_path: Path) -> None:
    records = [{"id": f"r{i}", "title": f"Topic {i}", "text": f"Plain words about topic number {i} for patients.",
                **VETTED} for i in range(40)]
    path = write(tmp_path / "many.jsonl", jsonl_lines(records))
    first = ingest_paths(store, [path])
    assert len(first.added) == 40
    version = store.index.version()
    second = ingest_paths(store, [path])
    assert len(second.unchanged) == 40 and not second.wrote_anything
    assert second.chunks_written == 0
    assert store.index.version() == version


def test_changed_record_replaces_its_old_chunks(store: KnowledgeStore, tmp_path: Path) -> None:
    long_text = "\n\n".join(f"## Part {i}\n" + ("Sentence about bruises and healing. " * 30) for i in range(3))
    path = write(tmp_path / "one.jsonl", jsonl_lines([{"id": "doc", "text": long_text, **VETTED}]))
    ingest_paths(store, [path])
    assert len(store.index.chunk_ids("doc")) == 3
    write(path, jsonl_lines([{"id": "doc", "text": "Now a short text about bruises only.", **VETTED}]))
    report = ingest_paths(store, [path])
    assert report.updated == ["doc"]
    assert store.index.chunk_ids("doc") == ["doc#0"]
    assert store.vectors.count() == 1


def test_prune_removes_documents_whose_source_is_gone(store: KnowledgeStore, tmp_path: Path) -> None:
    keep = write(tmp_path / "c" / "keep.md", MARKDOWN)
    gone = write(tmp_path / "c" / "gone.md", MARKDOWN.replace("id: hiccups", "id: gone-article"))
    ingest_paths(store, [tmp_path / "c"])
    gone.unlink()
    without_prune = ingest_paths(store, [tmp_path / "c"])
    assert without_prune.pruned == [] and store.index.get_document("gone-article") is not None
    report = ingest_paths(store, [tmp_path / "c"], prune=True)
    assert report.pruned == ["gone-article"]
    assert store.index.get_document("gone-article") is None
    assert store.index.get_document("hiccups") is not None and keep.exists()


def test_overdue_articles_are_skipped_with_a_message(store: KnowledgeStore, tmp_path: Path) -> None:
    path = write(tmp_path / "old.md", MARKDOWN)
    report = ingest_paths(store, [path], today=date(2028, 1, 1))
    assert report.added == []
    assert "overdue for review since 2027-10-01" in report.skipped[0].reason


def test_missing_path_and_unsupported_type_are_reported(store: KnowledgeStore, tmp_path: Path) -> None:
    odd = write(tmp_path / "notes.txt", "hello")
    report = ingest_paths(store, [tmp_path / "nowhere", odd])
    reasons = sorted(r.reason for r in report.rejected)
    assert reasons == ["no such file or folder", "unsupported file type '.txt'"]
