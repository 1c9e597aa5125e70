"""Section-aware chunking: split a document at its headings, then pack paragraphs (and, for long ones,
sentences) into passages of a size MiniLM embeds well. Each chunk keeps its title and section heading."""

from __future__ import annotations

import re
from dataclasses import dataclass

from careline.content.models import Chunk, ContentRecord
from careline.retrieval.intents import classify_section

# MiniLM reads 256 word pieces; about 150 words fit, and shorter passages embed more precisely.
TARGET_WORDS = 120
MAX_WORDS = 170

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")


@dataclass(frozen=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...]


def split_sections(markdown: str) -> list[Section]:
    """Sections at level-2+ headings; a level-1 heading is the title and starts no section of its own."""
    sections: list[Section] = []
    heading = ""
    paragraphs: list[str] = []
    current: list[str] = []

    def end_paragraph() -> None:
        if current:
            paragraphs.append(" ".join(" ".join(current).split()))
            current.clear()

    for line in markdown.splitlines():
        match = _HEADING.match(line.strip())
        if match:
            end_paragraph()
            if paragraphs:
                sections.append(Section(heading, tuple(paragraphs)))
            paragraphs = []
            if len(match.group(1)) > 1:
                heading = match.group(2).strip()
            continue
        stripped = line.strip()
        if not stripped:
            end_paragraph()
        elif stripped.startswith(("- ", "* ", "+ ")) or re.match(r"^\d+[.)]\s", stripped):
            end_paragraph()  # each list item is its own paragraph so it stays whole
            current.append(_list_item(stripped))
            end_paragraph()
        else:
            current.append(stripped)
    end_paragraph()
    if paragraphs:
        sections.append(Section(heading, tuple(paragraphs)))
    return sections


def _list_item(line: str) -> str:
    item = re.sub(r"^([-*+]|\d+[.)])\s+", "", line)
    return item if item.endswith((".", "!", "?", ":")) else item + "."


def chunk_record(record: ContentRecord) -> list[Chunk]:
    chunks: list[Chunk] = []
    for section in split_sections(record.text):
        for passage in _pack(section.paragraphs):
            chunks.append(
                Chunk(
                    chunk_id=f"{record.doc_id}#{len(chunks)}",
                    doc_id=record.doc_id,
                    position=len(chunks),
                    title=record.title,
                    section=section.heading,
                    text=passage,
                    intent=classify_section(section.heading, passage),
                )
            )
    return chunks


def _pack(paragraphs: tuple[str, ...]) -> list[str]:
    """Greedily pack paragraphs up to TARGET_WORDS; split any paragraph longer than MAX_WORDS."""
    pieces: list[str] = []
    for paragraph in paragraphs:
        pieces.extend(_split_long(paragraph))
    passages: list[str] = []
    current: list[str] = []
    words = 0
    for piece in pieces:
        size = len(piece.split())
        if current and words + size > TARGET_WORDS:
            passages.append(" ".join(current))
            current, words = [], 0
        current.append(piece)
        words += size
    if current:
        # A short tail joins the previous passage rather than standing alone with little context.
        if passages and words < TARGET_WORDS // 4 and len(passages[-1].split()) + words <= MAX_WORDS:
            passages[-1] = passages[-1] + " " + " ".join(current)
        else:
            passages.append(" ".join(current))
    return passages


def _split_long(paragraph: str) -> list[str]:
    if len(paragraph.split()) <= MAX_WORDS:
        return [paragraph]
    pieces: list[str] = []
    current: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        if current and len(" ".join(current + [sentence]).split()) > TARGET_WORDS:
            pieces.append(" ".join(current))
            current = []
        words = sentence.split()
        while len(words) > MAX_WORDS:  # a run-on "sentence" (e.g. a long list): cut by words
            pieces.append(" ".join(words[:TARGET_WORDS]))
            words = words[TARGET_WORDS:]
        current.append(" ".join(words))
    if current:
        pieces.append(" ".join(current))
    return pieces
