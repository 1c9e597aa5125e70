"""When to call for help: an answer drawn from an emergency article ("what are the signs of a stroke?",
"how do I know if someone is having a heart attack?") also says when to call the emergency number, in
the article's own words and cited, unless it already does. Engine-agnostic: it runs after the offline
composer and after an LLM alike, so neither can leave it out."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import lru_cache

from careline.chat.models import EngineAnswer
from careline.chat.text import split_sentences, strip_markdown, with_marker
from careline.retrieval.lexical import StoredChunk, StoredDocument

EMERGENCY_TYPE = "emergency"
MAX_WORDS = 40  # a sentence to act on, not a paragraph


def when_to_call_line(answer: EngineAnswer, documents: dict[str, StoredDocument],
                      chunks_of: Callable[[str], Sequence[StoredChunk]], number: str) -> str | None:
    """The cited "call <number>" sentence to add to `answer`, or None when it needs none."""
    if answer.abstained or _calls(number).search(answer.body):
        return None
    for citation in answer.citations:
        document = documents.get(citation.doc_id)
        if document is None or document.type != EMERGENCY_TYPE:
            continue
        sentence = _call_sentence(chunks_of(citation.doc_id), number)
        if sentence:
            return with_marker(sentence, [citation.n])
    return None


def _call_sentence(chunks: Sequence[StoredChunk], number: str) -> str | None:
    """The article's first short sentence that says to call the number."""
    pattern = _calls(number)
    for chunk in sorted(chunks, key=lambda c: c.position):
        for sentence in split_sentences(strip_markdown(chunk.text)):
            sentence = sentence.lstrip("-•* ").strip()
            if pattern.search(sentence) and len(sentence.split()) <= MAX_WORDS:
                return sentence
    return None


@lru_cache(maxsize=8)
def _calls(number: str) -> re.Pattern[str]:
    return re.compile(rf"\bcall(?:ing)?\s+{re.escape(number)}(?!\d)", re.IGNORECASE)
