"""Sentences of an article that a personal note can quote, cached per content version.

Two readings of passages (flowing text: list items are sentences, item headings are bold):
`split_statements` (every sentence, list items joined to the words that introduce them); and
`find_passage`, an article's first sentence matching a pattern with the context a reader
needs to understand it alone: the sentence it refers back to, the bold heading of its list item ("Stomach
ulcers and bleeding. ... The risk is higher in older adults..."), the words that introduce its list
("Serious side effects include: Low sodium in the blood, mostly in older adults."), or, for a matching
introduction, the items of its list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from careline.retrieval.store import KnowledgeStore

_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# A short sentence with none of these verbs after "...include:" is a list item of that lead.
_VERB = re.compile(r"(?<!who )(?<!that )(?<!which )\b(?:is|are|was|were|be|can|could|may|might|will|would|should|"
                   r"must|do|does|did|has|have|had|"
                   r"get|gets|take|takes|make|makes|cause|causes|need|needs|ask|call|tell)\b", re.I)
_MAX_ITEM_WORDS = 14
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_REFERS_BACK = re.compile(r"^(?:this|these|that|those|it|they|the risk|the chance)\b", re.I)
_MAX_LIST_ITEMS = 6

_CACHE_SIZE = 4096
_chunk_cache: dict[tuple[str, int, str], tuple[tuple[_Sentence, ...], ...]] = {}
_passage_cache: dict[tuple[str, int, str, str], str | None] = {}


def _chunk_texts(store: KnowledgeStore, doc_id: str) -> list[str]:
    return [chunk.text for chunk in store.index.document_chunks(doc_id)]


def split_statements(texts: Iterable[str]) -> tuple[str, ...]:
    """Sentences; list items keep the words that introduced the list ("Some people are at higher risk of
    serious illness: People with long-term health problems, such as asthma, diabetes or heart disease.")."""
    statements: list[str] = []
    for text in texts:
        lead = ""
        for line in text.replace("**", "").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            bullet = bool(_BULLET.match(line))
            for sentence in _SENTENCE_END.split(_BULLET.sub("", line)):
                sentence = sentence.strip()
                if not sentence:
                    continue
                head, colon, item = sentence.partition(": ")
                if not colon and sentence.endswith(":"):
                    head, colon, item = sentence[:-1], ":", ""
                if colon and not bullet:
                    lead = head.strip() + ":"
                    if item.strip():
                        statements.append(f"{lead} {item.strip()}")
                    continue
                is_item = bullet or (len(sentence.split()) <= _MAX_ITEM_WORDS and not _VERB.search(sentence))
                if lead and is_item:
                    statements.append(f"{lead} {sentence}")
                else:
                    lead = lead if bullet else ""
                    statements.append(sentence)
    return tuple(statements)


@dataclass(frozen=True)
class _Sentence:
    """One sentence of a chunk (chunks are flowing text: list items are sentences, headings are bold)."""

    text: str  # without bold markers or the lead
    lead: str | None  # "Serious side effects include:" when the sentence opens a list
    head: bool  # starts with a bold heading ("**Stomach ulcers and bleeding.**")
    item: bool  # a short list item without a verb ("Unusual bleeding or bruising.")
    bold: tuple[str, ...]  # the bold headings in the sentence


_SPLIT = re.compile(r"(?<=[.!?])\s+|(?<=[.!?]\*\*)\s+")
_LEAD = re.compile(r"^([^:*]{3,100}:)\s+(.+)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def _sentences(text: str) -> tuple[_Sentence, ...]:
    found = []
    for raw in _SPLIT.split(text):
        raw = raw.strip()
        if not raw:
            continue
        lead = None
        match = _LEAD.match(raw)
        if match:
            lead, raw = match.group(1), match.group(2)
        elif raw.endswith(":"):
            lead, raw = raw, ""
        clean = raw.replace("**", "").strip()
        found.append(_Sentence(
            text=clean, lead=lead, head=raw.startswith("**"),
            item=bool(clean) and len(clean.split()) <= _MAX_ITEM_WORDS and not _VERB.search(clean),
            bold=tuple(b.strip().rstrip(".").strip() for b in _BOLD.findall(raw)),
        ))
    return tuple(found)


def find_passage(store: KnowledgeStore, version: int, doc_id: str, pattern: re.Pattern[str]) -> str | None:
    """The first sentence of the article matching the pattern, with the context it needs to stand alone."""
    path = str(store.index.path)
    key = (path, version, doc_id, pattern.pattern)
    if key in _passage_cache:
        return _passage_cache[key]
    chunk_key = (path, version, doc_id)
    chunks = _chunk_cache.get(chunk_key)
    if chunks is None:
        if len(_chunk_cache) >= _CACHE_SIZE:
            _chunk_cache.clear()
        chunks = _chunk_cache[chunk_key] = tuple(_sentences(text) for text in _chunk_texts(store, doc_id))
    if len(_passage_cache) >= _CACHE_SIZE:
        _passage_cache.clear()
    found = _passage_cache[key] = next(
        (passage for sentences in chunks if (passage := _first_passage(sentences, pattern))), None)
    return found


def _first_passage(sentences: tuple[_Sentence, ...], pattern: re.Pattern[str]) -> str | None:
    lead: str | None = None
    head: int | None = None  # the bold heading of the item being read
    for index, sentence in enumerate(sentences):
        if sentence.lead is not None:
            lead, head = sentence.lead, None
        if sentence.head:
            head = index
        elif sentence.item:
            head = None
        if sentence.lead and pattern.search(sentence.lead) and not pattern.search(sentence.text):
            return _list_passage(sentences, index)
        if not pattern.search(sentence.text):
            continue
        parts = [sentence.text]
        if head is not None and head < index:
            parts.insert(0, sentences[head].text)  # the item's heading says what the sentence is about
        elif index > 0 and _REFERS_BACK.match(sentence.text):
            parts.insert(0, sentences[index - 1].text)
        if lead and (sentence.item or sentence.head or (head is not None and head < index)):
            parts.insert(0, lead)
        return " ".join(p for p in parts if p)
    return None


def _full(sentence: _Sentence) -> str:
    return f"{sentence.lead} {sentence.text}".strip() if sentence.lead else sentence.text


def _list_passage(sentences: tuple[_Sentence, ...], index: int) -> str:
    """A matching lead ("They are more likely in older adults:") with the list it introduces."""
    opening = sentences[index].lead or ""
    if index > 0 and _REFERS_BACK.match(opening):
        opening = f"{_full(sentences[index - 1])} {opening}"
    items: list[str] = []
    for sentence in sentences[index:]:
        if sentence is not sentences[index] and sentence.lead:
            break
        if sentence.bold:
            items += [b for b in sentence.bold if b]
        elif sentence.item and sentence.text:
            items.append(sentence.text.rstrip("."))
        if len(items) >= _MAX_LIST_ITEMS:
            break
    listed = "; ".join(item[:1].lower() + item[1:] for item in items[:_MAX_LIST_ITEMS])
    return f"{opening} {listed}." if listed else opening
