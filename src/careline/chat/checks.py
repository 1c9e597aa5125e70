"""Answer checks, the same for every engine: each sentence must cite a passage it was given ([n] within the
sources), be supported by that passage (most of its meaning-carrying words, and every number, appear in
it) and pass the safety screen (no diagnosing, dosing, stopping or prescribing). Sentences that fail are
dropped. Kept citations are renumbered 1..k in order of first use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from careline.chat.models import Citation, Source
from careline.chat.text import (
    content_stems,
    markers_in,
    numbers_in,
    remove_markers,
    split_sentences,
    stem_set,
    with_marker,
    word_count,
)

MIN_SUPPORT = 0.6


@dataclass
class CheckReport:
    kept: int = 0
    dropped: list[tuple[str, str]] = field(default_factory=list)  # (reason, sentence) - never logged


class AnswerChecker:
    """Checks sentences one at a time (so a streamed answer can be released sentence by sentence)."""

    def __init__(self, sources: Sequence[Source], screen: Callable[[str], bool],
                 min_support: float = MIN_SUPPORT) -> None:
        self.sources = {s.n: s for s in sources}
        self.screen = screen
        self.min_support = min_support
        self._stems = {s.n: stem_set(s.text) for s in sources}
        self._numbers = {s.n: numbers_in(s.text) for s in sources}
        self._numbering: dict[int, int] = {}
        self.report = CheckReport()

    @property
    def citations(self) -> tuple[Citation, ...]:
        return tuple(self.sources[old].citation(new) for old, new in self._numbering.items())

    def support(self, sentence: str, n: int) -> float:
        """Share of the sentence's content words found in source n (0 when n is not a given source)."""
        stems = set(content_stems(remove_markers(sentence)))
        if n not in self._stems or not stems:
            return 0.0
        return len(stems & self._stems[n]) / len(stems)

    def check(self, sentence: str, inherited: Sequence[int] = ()) -> str | None:
        """The sentence with renumbered markers, or None when it is dropped."""
        bare = remove_markers(sentence)
        if not bare or not any(ch.isalnum() for ch in bare):
            return None
        cited = markers_in(sentence) or list(inherited)
        valid = [n for n in cited if n in self.sources]
        if not valid:
            return self._drop("uncited" if not cited else "invalid_citation", sentence)
        supported = [n for n in valid if self.support(bare, n) >= self.min_support
                     and numbers_in(bare) <= self._numbers[n]]
        if not supported:
            return self._drop("ungrounded", sentence)
        if not self.screen(bare):
            return self._drop("out_of_scope", sentence)
        numbers = [self._numbering.setdefault(n, len(self._numbering) + 1) for n in supported]
        self.report.kept += 1
        return with_marker(sentence, numbers)

    def check_text(self, text: str) -> str:
        """Check a whole answer; a sentence without markers takes those of the next cited sentence in its
        paragraph (LLMs often cite once at the end of a run of sentences)."""
        lines_out: list[str] = []
        for line in text.splitlines():
            sentences = split_sentences(line)
            if not sentences:
                if lines_out and lines_out[-1] != "":
                    lines_out.append("")
                continue
            kept = []
            for index, sentence in enumerate(sentences):
                inherited = next((markers_in(s) for s in sentences[index + 1:] if markers_in(s)), [])
                checked = self.check(sentence, inherited)
                if checked:
                    kept.append(checked)
            if kept:
                lines_out.append(" ".join(compact_markers(kept)))
        return "\n".join(lines_out).strip()

    def _drop(self, reason: str, sentence: str) -> None:
        self.report.dropped.append((reason, sentence))
        return None


def compact_markers(sentences: list[str]) -> list[str]:
    """Cite a run of sentences from the same source once, at its end ("A. B [1]." rather than "A [1]. B [1].").
    A sentence without markers belongs to the next cited sentence of its paragraph."""
    out = []
    for index, sentence in enumerate(sentences):
        following = sentences[index + 1] if index + 1 < len(sentences) else None
        if following is not None and markers_in(sentence) == markers_in(following):
            sentence = with_marker_removed(sentence)
        out.append(sentence)
    return out


def with_marker_removed(sentence: str) -> str:
    return remove_markers(sentence)


def enough_answer(text: str, min_words: int = 8) -> bool:
    return word_count(text) >= min_words
