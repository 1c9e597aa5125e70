"""Section-aware chunking keeps titles and headings with every passage."""

from __future__ import annotations

from datetime import date

from careline.content.chunking import MAX_WORDS, chunk_record, split_sections
from careline.content.models import ContentRecord


def record(text: str) -> ContentRecord:
    return ContentRecord(doc_id="d", title="Gout", text=text, reviewed_by="R", review_date=date(2026, 1, 1),
                         origin="/x")


def test_sections_follow_second_level_headings_and_the_title_is_not_a_section() -> None:
    sections = split_sections("# Gout\n\n## Symptoms\nSudden pain.\n\n- Red joint\n- Swelling\n\n## Causes\nUric acid.")
    assert [s.heading for s in sections] == ["Symptoms", "Causes"]
    assert sections[0].paragraphs == ("Sudden pain.", "Red joint.", "Swelling.")


def test_every_chunk_carries_title_section_and_a_matching_intent() -> None:
    chunks = chunk_record(record("# Gout\n## Symptoms\nSudden joint pain.\n## Treatment\nMedicines help."))
    assert [(c.section, c.intent) for c in chunks] == [("Symptoms", "symptoms"), ("Treatment", "treatment")]
    assert chunks[0].embedding_text() == "Gout: Symptoms. Sudden joint pain."
    assert [c.chunk_id for c in chunks] == ["d#0", "d#1"]


def test_long_paragraphs_are_split_at_sentences_below_the_size_limit() -> None:
    paragraph = " ".join(f"Sentence number {i} talks about joint pain and swelling today." for i in range(80))
    chunks = chunk_record(record(f"## Overview\n{paragraph}"))
    assert len(chunks) > 3
    assert all(len(c.text.split()) <= MAX_WORDS for c in chunks)
    assert " ".join(c.text for c in chunks) == paragraph


def test_text_without_headings_is_one_overview_section() -> None:
    chunks = chunk_record(record("Symptoms of gout include sudden pain in the big toe."))
    assert chunks[0].section == "" and chunks[0].intent == "symptoms"
