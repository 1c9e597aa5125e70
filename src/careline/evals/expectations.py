"""Checks of one chat reply, shared by the answers, conversations and rubric suites.

`check_citations` measures what every answer must satisfy: each `[n]` marker refers to one of the reply's
citations, each citation is an article of the library, and each cited sentence is supported by the article
it cites (the chat's own support test: most of its meaning-carrying words and every number appear there).
`check_expectations` compares a reply with what a case expects of it (articles cited, facts present,
forbidden content absent, abstention, safety level and flags, hotlines, personal notes, a reminder).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from careline.chat.checks import MIN_SUPPORT, AnswerChecker
from careline.chat.evaluation import body_sentences
from careline.chat.models import Passage, Source
from careline.chat.text import markers_in, numbers_in
from careline.evals.results import contains

EXPECTATION_KEYS = frozenset({"must_cite", "must_contain", "must_not_contain", "abstained", "level", "flags",
                              "hotlines", "note_kinds", "reminder"})
REMINDER_FIELDS = ("medication", "dose", "times", "days_of_week", "every_hours")


class LibraryText:
    """The articles of the content store, as answer sources, to test sentences against what they cite."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._sources: dict[str, Source | None] = {}

    def source(self, n: int, doc_id: str) -> Source | None:
        if doc_id not in self._sources:
            self._sources[doc_id] = self._article(doc_id)
        found = self._sources[doc_id]
        return Source(n=n, doc_id=found.doc_id, title=found.title, url=None, source=None,
                      passages=found.passages) if found else None

    def _article(self, doc_id: str) -> Source | None:
        """Every section of the article plus its vetted notes: all the chat may quote from it."""
        from careline.chat.retrieve import article_notes

        chunks = self.store.index.document_chunks(doc_id)
        if not chunks:
            return None
        document = self.store.index.get_document(doc_id)
        passages = [Passage(doc_id=c.doc_id, chunk_id=c.chunk_id, title=c.title, section=c.section, text=c.text,
                            intent=c.intent, score=0.0) for c in chunks]
        passages += [Passage(doc_id=doc_id, chunk_id=f"{doc_id}#{key}", title=chunks[0].title, section=key,
                             text=text, intent="note", score=0.0)
                     for key, text in article_notes(document.metadata if document else {})]
        return Source(n=0, doc_id=doc_id, title=chunks[0].title, url=None, source=None, passages=tuple(passages))


@dataclass
class CitationCheck:
    markers_valid: bool = True
    has_markers: bool = False
    unknown_articles: list[str] = field(default_factory=list)
    cited_sentences: int = 0
    supported_sentences: int = 0
    unsupported: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.markers_valid and self.has_markers and not self.unknown_articles

    @property
    def grounding(self) -> float | None:
        return self.supported_sentences / self.cited_sentences if self.cited_sentences else None


def check_citations(reply: dict[str, Any], library: LibraryText) -> CitationCheck:
    answer = reply.get("answer") or ""
    citations = {int(c["n"]): c for c in reply.get("citations") or []}
    markers = markers_in(answer)
    result = CitationCheck(markers_valid=all(n in citations for n in markers), has_markers=bool(markers))
    sources = {n: library.source(n, c["doc_id"]) for n, c in citations.items()}
    result.unknown_articles = sorted({citations[n]["doc_id"] for n, s in sources.items() if s is None})
    known = [s for s in sources.values() if s is not None]
    checker = AnswerChecker(known, screen=lambda sentence: True)
    numbers = {s.n: numbers_in(s.text) for s in known}
    # Sentences citing nothing (safety text, scope notes) are not claims from the library; the "For you"
    # notes are left out by body_sentences (they are written from profile data, not quoted).
    for sentence, cited in ((s, c) for s, c in body_sentences(answer) if c):
        result.cited_sentences += 1
        if any(n in numbers and checker.support(sentence, n) >= MIN_SUPPORT and numbers_in(sentence) <= numbers[n]
               for n in cited):
            result.supported_sentences += 1
        else:
            result.unsupported.append(sentence)
    return result


def citation_failures(reply: dict[str, Any], check: CitationCheck) -> list[str]:
    """Why an answer's citations fail (nothing for an abstention or a reply that cites nothing on purpose)."""
    failures = []
    if not check.markers_valid:
        given = sorted(int(c["n"]) for c in reply.get("citations") or [])
        failures.append(f"cites a number that is not among its citations (citations: {given})")
    return failures + grounding_failures(check)


def grounding_failures(check: CitationCheck) -> list[str]:
    failures = []
    if check.unknown_articles:
        failures.append(f"cites articles not in the library: {', '.join(check.unknown_articles)}")
    return failures + [f"sentence not supported by what it cites: \"{s}\"" for s in check.unsupported]


def check_expectations(reply: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """Every way the reply differs from what the case expects of it (empty when it meets all of it)."""
    failures: list[str] = []
    answer = reply.get("answer") or ""
    cited = {c["doc_id"] for c in reply.get("citations") or []}
    failures += [f"does not cite {doc_id}" for doc_id in expect.get("must_cite", []) if doc_id not in cited]
    failures += [f"missing \"{phrase}\"" for phrase in expect.get("must_contain", []) if not contains(answer, phrase)]
    failures += [f"contains forbidden \"{phrase}\"" for phrase in expect.get("must_not_contain", [])
                 if contains(answer, phrase)]
    if "abstained" in expect and bool(reply.get("abstained")) != expect["abstained"]:
        failures.append("abstained but should have answered" if reply.get("abstained")
                        else "answered but should have abstained")
    safety = reply.get("safety") or {}
    if "level" in expect and safety.get("level") != expect["level"]:
        failures.append(f"safety level {safety.get('level')}, expected {expect['level']}")
    flags = set(safety.get("flags") or [])
    failures += [f"missing safety flag {flag}" for flag in expect.get("flags", []) if flag not in flags]
    failures += [f"does not give the number {number}" for number in expect.get("hotlines", [])
                 if number not in answer]
    kinds = {note.get("kind") for note in reply.get("personal_notes") or []}
    failures += [f"no personal note of kind {kind}" for kind in expect.get("note_kinds", []) if kind not in kinds]
    if "reminder" in expect:
        failures += reminder_failures(reply, expect["reminder"])
    return failures


def reminder_failures(reply: dict[str, Any], expected: dict[str, Any]) -> list[str]:
    """The reminder a reply proposes or sets (its `reminder_proposal` or `reminder`) against the expected
    fields; only the fields the case names are compared."""
    reminder = reply.get("reminder") or reply.get("reminder_proposal")
    if not isinstance(reminder, dict):
        return ["no reminder proposed or set"]
    actual = {**reminder, **(reminder.get("schedule") or {})}
    failures = []
    for name in REMINDER_FIELDS:
        if name in expected and normalise_field(actual.get(name)) != normalise_field(expected[name]):
            failures.append(f"reminder {name} is {actual.get(name)!r}, expected {expected[name]!r}")
    return failures


def normalise_field(value: Any) -> Any:
    if isinstance(value, str):
        return value.casefold().strip()
    if isinstance(value, list | tuple):
        return [normalise_field(item) for item in value]
    return value
