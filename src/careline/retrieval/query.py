"""Query analysis: what the patient asked for (intent), in which words (content terms, typo fixes) and
what clinical words their lay words stand for (expansion)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

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
    # Generic names of the brands the question names: for the embedding only (the lexical index already
    # finds brands among an article's synonyms; the generic name in its text would favour the sections that
    # repeat it).
    generic_names: tuple[str, ...] = ()

    @property
    def lexical_terms(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.terms + self.corrections + self.expansions))

    @property
    def dense_text(self) -> str:
        extra = [word for word in dict.fromkeys(self.corrections + self.expansions + self.generic_names)
                 if word not in self.text.lower()]
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
        # A real word is not a typo: "scale" is not "scalp", "croup" not "group", "mono" not "mood".
        if (len(word) < 4 or not word.isalpha() or word in self.frequency or word in english_words()
                or word in lay_terms()):  # slang the lay-term list knows ("meds", "zits") is meant as typed
            return None
        candidates: set[str] = set()
        for variant in _deletes(word) | {word}:
            candidates.update(self._deletes.get(variant, ()))
        if len(word) <= SHORT_WORD:
            # Two short words sharing a deletion can be two edits apart ("mono" and "mood"): too far to guess.
            candidates = {c for c in candidates if _one_edit_apart(word, c)}
        if not candidates:
            return None
        return max(candidates, key=lambda w: (self.frequency[w], -abs(len(w) - len(word)), w))


SHORT_WORD = 5


# An English word at least this frequent (in pyspellchecker's counts) is an everyday word, not a name.
EVERYDAY_WORD_COUNT = 500


@lru_cache(maxsize=1)
def english_words() -> dict[str, int]:
    """The English word list that ships inside pyspellchecker (no download), with its counts: words people
    mean as typed."""
    from spellchecker import SpellChecker

    return dict(SpellChecker(distance=1).word_frequency.dictionary)


def _one_edit_apart(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours turns a into b."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        return len(diffs) <= 1 or (len(diffs) == 2 and diffs[1] == diffs[0] + 1
                                   and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    shorter, longer = sorted((a, b), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def medicine_name_map(documents: Iterable[Any]) -> dict[str, str]:
    """One-word brand names and misspellings of medication articles -> the article's generic name, so a
    question about "eliquis" also searches for "apixaban" (the embedding model knows generic names better).
    Names that several articles share, and everyday words, are left out."""
    owners: dict[str, set[str]] = {}
    for doc in documents:
        meta = doc.metadata or {}
        generic = [str(name).lower() for name in meta.get("generic_names", [])]
        if doc.type != "medication" or not generic:
            continue
        for name in meta.get("synonyms", []):
            key = str(name).lower().strip()
            if (_WORD.fullmatch(key) and key not in generic
                    and english_words().get(key, 0) < EVERYDAY_WORD_COUNT):
                owners.setdefault(key, set()).add(generic[0])
    return {name: next(iter(generics)) for name, generics in owners.items() if len(generics) == 1}


def analyze_query(text: str, corrector: SpellingCorrector | None = None,
                  medicine_names: Mapping[str, str] | None = None) -> AnalyzedQuery:
    terms = content_terms(text)
    fixes: dict[str, str] = {}
    if corrector is not None:
        for term in terms:
            fixed = corrector.correct(term)
            if fixed:
                fixes[term] = fixed
    corrections = list(fixes.values())
    # Lay phrases are looked up in the corrected text too, so "diabetis sugar" and "birth controll" expand.
    corrected = " ".join(fixes.get(word, word) for word in tokenize(text))
    corrected_text = " ".join([text, corrected, *corrections])
    expansions = [word for word in expand_lay_terms(corrected_text) if word not in terms]
    names = medicine_names or {}
    generic = [names[word] for word in [*terms, *corrections] if word in names]
    return AnalyzedQuery(
        text=" ".join(text.split()),
        terms=tuple(dict.fromkeys(terms)),
        corrections=tuple(dict.fromkeys(corrections)),
        expansions=tuple(expansions),
        intent=classify_question(text),
        generic_names=tuple(dict.fromkeys(generic)),
    )
