"""Query analysis: what the patient asked for (intent), in which words (content terms, typo fixes) and
what clinical words their lay words stand for (expansion)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from careline.retrieval.intents import classify_question

_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
STOPWORDS = frozenset(
    " ".join(
        [
            "a about above after again against all am an and any are aren't as at be because been before being",
            "below between both but by can can't cannot could couldn't did didn't do does doesn't doing don't",
            "down during each few for from further get gets getting got had hadn't has hasn't have haven't having",
            "he her here hers herself him himself his how i i'm i've if in into is isn't it it's its itself just",
            "let's like me more most much my myself no nor not now of off on once only or other ought our ours",
            "ourselves out over own really same she should shouldn't so some such than that that's the their",
            "theirs them themselves then there there's these they this those through to too under until up very",
            "was wasn't we were weren't what what's when where which while who whom why will with won't would",
            "wouldn't you your yours yourself yourselves im ive id u ur pls please hi hello thanks thank anyone",
            "someone know tell want need okay ok also still even ever thing things something anything lot lots",
            "kind sort go going mean yes yeah",
        ]
    ).split()
)


@dataclass(frozen=True)
class AnalyzedQuery:
    text: str
    terms: tuple[str, ...]
    corrections: tuple[str, ...]
    expansions: tuple[str, ...]
    intent: str | None

    @property
    def lexical_terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.terms + self.corrections + self.expansions))

    @property
    def dense_text(self) -> str:
        extra = [word for word in self.corrections + self.expansions if word not in self.text.lower()]
        return self.text if not extra else f"{self.text} ({' '.join(extra)})"


def tokenize(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def content_terms(text: str) -> list[str]:
    return [word.strip("'-") for word in tokenize(text) if word not in STOPWORDS and len(word.strip("'-")) > 1]


@lru_cache(maxsize=1)
def lay_terms() -> dict[str, str]:
    path = Path(__file__).with_name("lay_terms.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {str(key).lower(): str(value) for key, value in data.items()}


@lru_cache(maxsize=1)
def _lay_pattern() -> re.Pattern[str]:
    # Longest phrases first so "low blood sugar" wins over "sugar".
    phrases = sorted(lay_terms(), key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(p) for p in phrases) + r")(?![a-z0-9])")


def expand_lay_terms(text: str) -> list[str]:
    lowered = " ".join(text.lower().split())
    words: list[str] = []
    for match in _lay_pattern().finditer(lowered):
        words.extend(lay_terms()[match.group(1)].split())
    return list(dict.fromkeys(words))


class SpellingCorrector:
    """Fixes one-edit typos ("diabetis", "ibuprofin") against the words of the indexed content, using
    symmetric deletes: a typo and its intended word share a one-letter deletion."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.frequency: Counter[str] = Counter()
        for text in texts:
            self.frequency.update(tokenize(text))
        self._deletes: dict[str, list[str]] = {}
        for word in self.frequency:
            if len(word) >= 4 and word.isalpha():
                for variant in _deletes(word) | {word}:
                    self._deletes.setdefault(variant, []).append(word)

    def correct(self, word: str) -> str | None:
        if len(word) < 4 or not word.isalpha() or word in self.frequency:
            return None
        candidates: set[str] = set()
        for variant in _deletes(word) | {word}:
            candidates.update(self._deletes.get(variant, ()))
        if not candidates:
            return None
        return max(candidates, key=lambda w: (self.frequency[w], -abs(len(w) - len(word)), w))


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def analyze_query(text: str, corrector: SpellingCorrector | None = None) -> AnalyzedQuery:
    terms = content_terms(text)
    corrections: list[str] = []
    if corrector is not None:
        for term in terms:
            fixed = corrector.correct(term)
            if fixed:
                corrections.append(fixed)
    # Lay phrases are looked up in the corrected text too, so "diabetis sugar" still expands.
    corrected_text = " ".join([text, *corrections])
    expansions = [word for word in expand_lay_terms(corrected_text) if word not in terms]
    return AnalyzedQuery(
        text=" ".join(text.split()),
        terms=tuple(dict.fromkeys(terms)),
        corrections=tuple(dict.fromkeys(corrections)),
        expansions=tuple(expansions),
        intent=classify_question(text),
    )
