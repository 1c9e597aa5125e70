"""Does the vetted content cover the question? The share of the question's meaning-carrying words (weighted
by rarity, with typo fixes and lay-term expansions counted) that one retrieved passage, with its article's
title and synonyms, contains. Questions about things the library never mentions ("who won the world cup",
"how do I fix my car's brakes") score low and the answer abstains instead of guessing. Which retrieved
article is about the question (SourcePreference) is judged here too: the one that answers must cover the
question's topical words, not just share one of them."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from careline.chat.catalog import Catalog
from careline.chat.models import Passage
from careline.chat.text import GENERIC_WORDS, content_stems, stem, stem_set
from careline.retrieval.query import SpellingCorrector, content_terms, lay_terms

GENERIC_WEIGHT = 0.25
# Stems at least this long that start another word's stem are taken for the same word family.
FAMILY_PREFIX = 5
_WORD = re.compile(r"[a-z0-9][a-z0-9'-]*")
_ANIMAL = re.compile(r"\b(my|our|in|for|on|a) (dogs?|cats?|pupp(y|ies)|kittens?|pets?|horses?|rabbits?|birds?|"
                     r"hamsters?|parrots?)\b")


@dataclass(frozen=True)
class AbstainPolicy:
    """When retrieval does not cover a question, the answer says so instead of guessing. Calibrated on the
    retrieval eval questions (in scope, often in lay words) against off-topic and not-in-library questions:
    off-topic questions are far from every passage in meaning; questions about topics the library lacks
    ("symptoms of measles") find related passages but not their key word."""

    min_similarity: float = 0.28
    # Close in meaning: a few of the question's words may be missing (lay words the articles do not use).
    close_similarity: float = 0.50
    min_coverage: float = 0.35
    weak_similarity: float = 0.38
    weak_similarity_coverage: float = 0.60

    def __post_init__(self) -> None:
        values = (self.min_similarity, self.close_similarity, self.min_coverage, self.weak_similarity,
                  self.weak_similarity_coverage)
        if not all(0 <= v <= 1 for v in values):
            raise ValueError("thresholds must be between 0 and 1")

    def not_covered(self, question: str, similarity: float, coverage: float) -> bool:
        if _ANIMAL.search(question.lower()):  # Careline's content is about people, not pets
            return True
        if similarity < self.min_similarity:
            return True
        if coverage < self.min_coverage and similarity < self.close_similarity:
            return True
        return similarity < self.weak_similarity and coverage < self.weak_similarity_coverage


@dataclass(frozen=True)
class QuestionTerm:
    word: str
    stems: frozenset[str]  # the word's stem plus stems of its typo fix and lay-term expansions
    weight: float


@dataclass(frozen=True)
class Coverage:
    score: float
    covered: tuple[str, ...]
    missing: tuple[str, ...]
    best_chunk_id: str | None


@lru_cache(maxsize=1)
def _lay_phrases() -> list[tuple[re.Pattern[str], frozenset[str]]]:
    return [(re.compile(rf"(?<![a-z0-9]){re.escape(phrase)}(?![a-z0-9])"), frozenset(content_stems(expansion)))
            for phrase, expansion in lay_terms().items()]


def word_family(base: str, catalog: Catalog) -> set[str]:
    """Stems of the same word family that the light stemmer keeps apart ("infected" and "infection",
    "dehydrated" and "dehydration"), only those the library uses."""
    variants = {base + "ion", base + "at", base[:-3] if base.endswith("ion") else "",
                base[:-2] if base.endswith("at") else ""}
    # A longer form whose stem the library uses as it is: "slurry" -> "slurr(ed)", "allergic" -> "allerg(y)".
    variants.update(base[:end] for end in range(FAMILY_PREFIX, len(base)))
    return {v for v in variants if len(v) >= 4 and v != base and catalog.document_frequency.get(v)}


def question_terms(question: str, catalog: Catalog, corrector: SpellingCorrector | None) -> list[QuestionTerm]:
    lowered = " ".join(question.lower().split())
    expansions: dict[str, set[str]] = {}
    for pattern, stems in _lay_phrases():
        for match in pattern.finditer(lowered):
            for word in match.group(0).split():
                expansions.setdefault(stem(word), set()).update(stems)
    terms: dict[str, QuestionTerm] = {}
    for word in content_terms(lowered):
        if word.endswith("'s"):
            word = word[:-2]
        base = stem(word)
        if base in terms:
            continue
        stems = {base, *expansions.get(base, ()), *word_family(base, catalog)}
        fixed = corrector.correct(word) if corrector else None
        if fixed:
            stems.add(stem(fixed))
        generic = word in GENERIC_WORDS
        known = [s for s in stems if catalog.document_frequency.get(s)]
        # A typo or lay word is as rare as the word it stands for, not as rare as an unknown word.
        rarity = catalog.idf(base) if base in known or not known else min(catalog.idf(s) for s in known)
        terms[base] = QuestionTerm(word=word, stems=frozenset(stems),
                                   weight=rarity * (GENERIC_WEIGHT if generic else 1.0))
    return list(terms.values())


def passage_coverage(terms: list[QuestionTerm], passages: list[Passage], catalog: Catalog) -> Coverage:
    """The best single passage's weighted share of the question's terms."""
    total = sum(t.weight for t in terms)
    if not terms or total <= 0:
        return Coverage(0.0, (), (), None)
    best: tuple[float, list[QuestionTerm], str | None] = (0.0, [], None)
    for passage in passages:
        evidence = set(stem_set(f"{passage.section} {passage.text}"))
        evidence |= catalog.document_stems.get(passage.doc_id, frozenset())
        covered = [t for t in terms if t.stems & evidence]
        score = sum(t.weight for t in covered) / total
        if score > best[0]:
            best = (score, covered, passage.chunk_id)
    covered_words = {t.word for t in best[1]}
    return Coverage(
        score=round(best[0], 4), covered=tuple(sorted(covered_words)),
        missing=tuple(t.word for t in terms if t.word not in covered_words), best_chunk_id=best[2],
    )


def names_top_topic(terms: list[QuestionTerm], doc_id: str, catalog: Catalog) -> bool:
    """True when one of the question's meaning-carrying words is the article's own topic (its title,
    synonyms or generic names), not just a word its text or tags mention."""
    topic = catalog.topic_stems.get(doc_id, frozenset())
    return any(t.stems & topic for t in terms if t.weight and t.word not in GENERIC_WORDS)


def topical_terms(terms: list[QuestionTerm]) -> list[QuestionTerm]:
    """The words that say what the question is about (not "take", "signs", "my mom", ...)."""
    return [t for t in terms if t.weight > 0 and t.word not in GENERIC_WORDS]


class TopicFitLike(Protocol):
    """How an article fits the question's subject (careline.chat.topic.TopicFit builds it on these words)."""

    @property
    def named(self) -> bool: ...

    @property
    def fits(self) -> bool: ...


@dataclass(frozen=True)
class ArticleMatch:
    """How well one retrieved article, as a whole, covers the question's topical words."""

    doc_id: str
    score: float  # the retriever's score
    share: float  # weighted share of the topical words found in the article's text, names or tags
    covered: frozenset[str]
    named: bool  # one of the question's words is the article's own topic
    names_medicine: bool = False  # the question names this medication article's medicine ("eliquis", "metformin")
    # The article covers the question's subject (careline.chat.topic): every unit, or one that names its topic.
    fits: bool = True


def article_match(terms: list[QuestionTerm], doc_id: str, score: float, evidence: frozenset[str],
                  catalog: Catalog, named_topics: Collection[str] = (), fit: TopicFitLike | None = None,
                  ) -> ArticleMatch:
    """`named_topics`: the doc ids whose names (title, synonyms, generic names) the question spells out;
    `fit`: how the article fits the question's subject (careline.chat.topic.TopicFit), when judged."""
    topical = topical_terms(terms)
    total = sum(t.weight for t in topical)
    covered = [t for t in topical if t.stems & evidence]
    share = sum(t.weight for t in covered) / total if total else 1.0
    document = catalog.documents.get(doc_id)
    return ArticleMatch(doc_id=doc_id, score=score, share=round(share, 4),
                        covered=frozenset(t.word for t in covered),
                        named=fit.named if fit is not None else names_top_topic(terms, doc_id, catalog),
                        names_medicine=doc_id in named_topics and document is not None
                        and document.type == "medication", fits=fit.fits if fit is not None else True)


def named_topics(question: str, catalog: Catalog, corrector: SpellingCorrector | None) -> set[str]:
    """Doc ids whose names the question spells out, also after typo fixes ("buproprion" -> bupropion)."""
    found = set(catalog.topics_named(question))
    if corrector is not None:
        fixed = " ".join(corrector.correct(word) or word for word in _WORD.findall(question.lower()))
        found.update(catalog.topics_named(fixed))
    return found


@dataclass(frozen=True)
class SourcePreference:
    """The article that answers should be about what the question is about. Retrieval ranks by overall closeness,
    so "is my cut infected?" can rank the severe-bleeding article (it has "cut") above one that speaks of
    infected cuts. When the top article covers little of the question's topical words and another retrieved
    article, nearly as close, covers all the top one does and clearly more, that one answers first. A question
    that names a medicine ("forgot my eliquis this morning") is answered from that medicine's article before
    general advice. When the article that would answer covers none of the topical words and the question does
    not name its topic, it does not address the question: the answer abstains. Calibrated on the retrieval
    and answers eval questions."""

    min_score_ratio: float = 0.7
    min_gain: float = 0.25
    weak_share: float = 0.5

    def __post_init__(self) -> None:
        if not (0 < self.min_score_ratio <= 1 and 0 < self.min_gain <= 1 and 0 < self.weak_share <= 1):
            raise ValueError("min_score_ratio, min_gain and weak_share must be in (0, 1]")

    def best_first(self, matches: list[ArticleMatch]) -> list[ArticleMatch]:
        """The matches with the article that best covers the question first (the rest keep their order)."""
        if len(matches) < 2:
            return matches
        top = matches[0]
        close = [m for m in matches[1:] if m.score >= top.score * self.min_score_ratio]
        better = [m for m in close if m.share - top.share >= self.min_gain and m.covered >= top.covered]
        if top.share < self.weak_share and better:
            top = max(better, key=lambda m: (m.share, m.score))
        if not top.names_medicine:
            top = next((m for m in close if m.names_medicine), top)
        if not top.fits:
            # "blood poisoning": the overdose-and-poisoning article ranks first, the sepsis article is about it.
            top = next((m for m in close if m.fits and (m.named or not self.off_topic(m))), top)
        return [top, *(m for m in matches if m is not top)]

    @staticmethod
    def off_topic(match: ArticleMatch) -> bool:
        return not match.fits or match.share == 0 and not match.named
