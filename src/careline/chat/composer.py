"""The offline answer engine: a grounded composer. It never writes text of its own into an answer body.
It picks the sentences of the retrieved vetted passages that best answer the question (by the question's
words, weighted by rarity, and by its type: symptoms, treatment, side effects, ...), keeps list lead-ins
with their items and "This/These/It ..." sentences with the sentence they lean on, orders them as the
article does, stays near 150 words and cites every unit with `[n]`. When the content does not cover the
question it abstains with a kind message pointing to the care team."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache, partial

from careline.chat.catalog import Catalog, CatalogCache
from careline.chat.checks import AnswerChecker, enough_answer
from careline.chat.coverage import QuestionTerm, question_terms, topical_terms
from careline.chat.models import EngineAnswer, Passage, Retrieval, Source, Token
from careline.chat.text import GENERIC_WORDS, split_sentences, stem_set, strip_markdown, with_marker
from careline.chat.topic import QUALIFIER_WORDS, subject_units
from careline.retrieval.store import KnowledgeStore

ENGINE_NAME = "offline-composer/1"
ABSTAIN_MESSAGE = (
    "I'm sorry, I don't have vetted information that answers this question, so I won't guess. "
    "Please ask your care team (your doctor, nurse or pharmacist); they can help you with it."
)
VAGUE_MESSAGE = (
    "I'm Careline. I answer health questions from vetted health information. Ask me about a condition, "
    "a medicine or a symptom, for example \"What are the side effects of metformin?\""
)

_LEANS_ON_PREVIOUS = re.compile(r"^(these|this|that|those|it|they|them|its|their|such|both|also|but|however)\b",
                                re.IGNORECASE)
_MAX_ITEM_WORDS = 20
_MAX_ITEMS = 10
_MAX_UNIT_WORDS = 45
_MAX_LABEL_WORDS = 4
# Score taken off a sentence that has none of the question's topical words, from an article it does not name.
OFF_QUESTION_PENALTY = 0.3


@dataclass(frozen=True)
class ComposerConfig:
    max_words: int = 150
    max_units: int = 6
    min_unit_score: float = 0.3
    relative_unit_score: float = 0.7
    candidate_articles: int = 3

    def __post_init__(self) -> None:
        if self.max_words < 20 or self.max_units < 1:
            raise ValueError("max_words must be >= 20 and max_units >= 1")


@dataclass(frozen=True)
class Unit:
    """Sentences that must travel together (a list lead-in with its items, a sentence with its 'This ...').
    A unit that opens with 'It/This/These ...' but had to be split off names the unit it leans on."""

    text: str
    source: Source
    rank: int
    passage: Passage
    order: tuple[int, int]
    stems: frozenset[str]
    words: int
    leans_on: Unit | None = None


def passage_units(passage: Passage, source: Source, rank: int) -> list[Unit]:
    groups, leaning = _sentence_groups(passage.text)
    position = _chunk_position(passage.chunk_id)
    units: list[Unit] = []
    subject: Unit | None = None  # the last unit that says what "it" is
    for index, text in enumerate(groups):
        unit = Unit(text=text, source=source, rank=rank, passage=passage, order=(position, index),
                    stems=stem_set(text), words=len(text.split()),
                    leans_on=subject if leaning[index] else None)
        units.append(unit)
        if not leaning[index]:
            subject = unit
    return units


@lru_cache(maxsize=8192)
def _sentence_groups(passage_text: str) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """The passage's units as texts, and whether each leans on the unit before it (cached per passage)."""
    sentences = [" ".join(s.split()) for s in split_sentences(strip_markdown(passage_text))]
    groups: list[list[str]] = []
    leaning: list[bool] = []
    in_list = False
    for sentence in sentences:
        words = len(sentence.split())
        leans = bool(_LEANS_ON_PREVIOUS.match(sentence))
        is_item = in_list and words <= _MAX_ITEM_WORDS and not leans
        current = len(" ".join(groups[-1]).split()) if groups else 0
        # A label ("Set a realistic goal.") travels with the sentence it heads.
        after_label = bool(groups) and len(groups[-1]) == 1 and len(groups[-1][0].split()) <= _MAX_LABEL_WORDS
        if groups and (after_label or is_item and len(groups[-1]) <= _MAX_ITEMS
                       or leans and current + words <= _MAX_UNIT_WORDS):
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
            leaning.append(leans and len(groups) > 1)
        in_list = ":" in sentence or is_item
    if groups and groups[-1][-1].endswith(":"):
        # A lead-in whose items went to the next passage ("If you took an extra dose by mistake:") says nothing.
        groups[-1].pop()
        if not groups[-1]:
            groups.pop()
            leaning.pop()
    return tuple(" ".join(group) for group in groups), tuple(leaning)


def _chunk_position(chunk_id: str) -> int:
    tail = chunk_id.rsplit("#", 1)[-1]
    return int(tail) if tail.isdigit() else 10_000  # an article's notes come after its text


class GroundedComposer:
    name = ENGINE_NAME

    def __init__(self, store: KnowledgeStore, catalog: CatalogCache, screen: Callable[[str], bool],
                 config: ComposerConfig | None = None) -> None:
        self.store = store
        self.catalog = catalog
        self.screen = screen
        self._screen_cached = lru_cache(maxsize=8192)(screen)
        self.config = config or ComposerConfig()

    def generate(self, retrieval: Retrieval) -> Iterator[Token | EngineAnswer]:
        answer = self.compose(retrieval)
        yield from stream_words(answer.body)
        yield answer

    def compose(self, retrieval: Retrieval) -> EngineAnswer:
        if not retrieval.covered_terms and not retrieval.missing_terms:
            return abstention(self.name, VAGUE_MESSAGE)  # "hi", "thanks", "?": nothing to look up
        if not retrieval.sources or retrieval.not_covered:
            return abstention(self.name)
        terms = self._terms(retrieval)
        chosen, by_section = self._select(retrieval, terms)
        if not chosen:
            return abstention(self.name)
        best = chosen[0]
        chosen.sort(key=lambda u: (u.rank, u.order))
        if not by_section:
            # Sentences picked from anywhere lead with the one that answers best, then follow the article.
            chosen = [*_with_support(best), *(u for u in chosen if u not in _with_support(best))]
        body = " ".join(with_marker(u.text, [u.source.n]) for u in chosen)
        # Belt and braces: the composer's own output goes through the same checks as an LLM's.
        checker = AnswerChecker(retrieval.sources, self.screen, min_support=0.99)
        checked = checker.check_text(body)
        if not enough_answer(checked, 5):
            return abstention(self.name)
        return EngineAnswer(body=checked, citations=checker.citations, abstained=False, engine=self.name,
                            dropped_sentences=len(checker.report.dropped), topic_doc_id=chosen[0].source.doc_id)

    def _terms(self, retrieval: Retrieval) -> list[QuestionTerm]:
        """The question's terms as retrieval weighed them (computed again only for a hand-built Retrieval)."""
        if retrieval.terms:
            return list(retrieval.terms)
        return question_terms(retrieval.query.text, self.catalog.get(), self.store.spelling())

    def _allowed(self, unit: Unit) -> bool:
        """The safety screen, sentence by sentence (it is asked only about units about to be chosen)."""
        return all(self._screen_cached(sentence) for sentence in split_sentences(unit.text))

    def _candidates(self, retrieval: Retrieval) -> list[tuple[Passage, list[Unit]]]:
        out = []
        for rank, source in enumerate(retrieval.sources[: self.config.candidate_articles]):
            if rank and not self._adds_to_first(retrieval, source):
                continue
            out += [(passage, passage_units(passage, source, rank)) for passage in source.passages]
        return out

    def _adds_to_first(self, retrieval: Retrieval, source: Source) -> bool:
        """A lower-ranked article joins the answer only when the question names it, when a lay phrase of the
        question stands for its topic and not the first article's ("skipped my coumadin": a missed dose, the
        medication-mistakes article's, which the warfarin article does not cover), or when it covers a topic
        word of the question that the first article does not ("ibuprofen with warfarin")."""
        catalog = self.catalog.get()
        terms = self._terms(retrieval)
        if source.doc_id in catalog.topics_named(retrieval.query.text):
            return True
        if self._phrase_names(retrieval, source.doc_id, retrieval.sources[0].doc_id):
            return True
        topical = [t for t in terms if t.word not in GENERIC_WORDS]
        first = _covered_terms(topical, retrieval.sources[0], catalog)
        own_topic = catalog.topic_stems.get(source.doc_id, frozenset())
        # Only a word that is this article's own topic counts: another medicine's "take it with food" must not
        # answer a question about metformin and food.
        return any(t.word not in first and t.stems & own_topic for t in topical)

    def _phrase_names(self, retrieval: Retrieval, doc_id: str, first_doc_id: str) -> bool:
        catalog = self.catalog.get()
        names = catalog.document_stems.get(doc_id, frozenset())
        first = catalog.document_stems.get(first_doc_id, frozenset())
        units = subject_units(retrieval.query.text, self._terms(retrieval), catalog)
        return any(doc_id in u.named_docs or u.meaning and u.meaning <= names and not u.meaning <= first
                   for u in units if u.phrase)

    def _select(self, retrieval: Retrieval, terms: list[QuestionTerm]) -> tuple[list[Unit], bool]:
        """When the top articles have sections of the question's type (a symptoms question and a Symptoms
        section), read those sections in order; otherwise pick the best-matching sentences anywhere."""
        candidates = self._candidates(retrieval)
        intent = retrieval.query.intent or "overview"
        in_type = [(p, units) for p, units in candidates if p.intent == intent]
        # Words beyond the first article's names, not counting qualifiers ("last night" says when, not what).
        beyond_title = [t for t in terms if t.word not in QUALIFIER_WORDS
                        and not t.stems & self.catalog.get().document_stems.get(retrieval.sources[0].doc_id, set())]
        if in_type and retrieval.query.intent is not None and not _misses_a_topic_word(in_type, candidates,
                                                                                          beyond_title):
            chosen = self._read_sections(in_type)
            room = self.config.max_words - sum(u.words for u in chosen)
            if room > self.config.max_words // 3:
                # A short matching section ("Causes": a list of risk factors) gains the article's best other
                # sentences ("It happens when there is too much uric acid in the blood").
                others = [(p, units) for p, units in candidates if p.intent not in (intent, "note") and units
                          and units[0].rank == 0]
                extra = self._best_units(others, terms, budget=room, max_units=2, strict=True)
                chosen += [u for u in extra if u not in chosen]
            return chosen, True
        return self._best_units(candidates, terms, budget=self.config.max_words * 2 // 3), False

    def _read_sections(self, sections: list[tuple[Passage, list[Unit]]]) -> list[Unit]:
        """The matching sections of each article in document order, the budget shared between articles."""
        by_rank: dict[int, list[Unit]] = {}
        for _, units in sections:
            for unit in units:
                by_rank.setdefault(unit.rank, []).append(unit)
        chosen: list[Unit] = []
        ranks = sorted(by_rank)
        for position, rank in enumerate(ranks):
            budget = (self.config.max_words - sum(u.words for u in chosen)) // (len(ranks) - position)
            used = 0
            for unit in sorted(by_rank[rank], key=lambda u: u.order):
                needed = [u for u in _with_support(unit) if u not in chosen]
                if not all(self._allowed(u) for u in needed):
                    continue
                size = sum(u.words for u in needed)
                if used + size > budget and (used or chosen):
                    break
                chosen.extend(needed)
                used += size
        return chosen

    def _on_topic_test(self, terms: list[QuestionTerm], doc_id: str) -> Callable[[Unit], bool]:
        """From an article the question does not name, a sentence that says nothing the question asks about
        ranks low ("is my scrape infected?" answered from the handwashing article should not bring along its
        hand-sanitizer sentence). From an article whose topic the question names ("what makes osteoarthritis
        more likely?") any sentence may serve: its list items need not repeat the name."""
        topical = topical_terms(terms)
        topic = self.catalog.get().topic_stems.get(doc_id, frozenset())
        if not topical or any(t.stems & topic for t in topical):
            return lambda unit: True
        return partial(_says_something_asked, topical=topical)

    def _best_units(self, candidates: list[tuple[Passage, list[Unit]]], terms: list[QuestionTerm], *,
                    budget: int | None = None, max_units: int | None = None, strict: bool = False) -> list[Unit]:
        """The best-scoring units within the budget (the first may overrun it unless `strict`)."""
        budget = self.config.max_words if budget is None else budget
        max_units = self.config.max_units if max_units is None else max_units
        total = sum(t.weight for t in terms) or 1.0
        scored: list[tuple[float, Unit]] = []
        for passage, units in candidates:
            passage_stems = stem_set(f"{passage.title} {passage.section} {passage.text}")
            passage_overlap = sum(t.weight for t in terms if t.stems & passage_stems) / total
            on_topic = self._on_topic_test(terms, passage.doc_id)
            for index, unit in enumerate(units):
                overlap = sum(t.weight for t in terms if t.stems & unit.stems) / total
                score = 0.5 * overlap + 0.3 * passage_overlap + 0.15 / (1 + unit.rank)
                score -= 0 if on_topic(unit) else OFF_QUESTION_PENALTY
                score += 0.1 * passage.retrieved + 0.1 * (index == 0) + 0.1 * (passage.intent == "overview")
                if unit.words < 5 or unit.words > 70 and ":" not in unit.text:
                    score -= 0.15
                scored.append((score, unit))
        if not scored:
            return []
        scored.sort(key=lambda item: (-item[0], item[1].rank, item[1].order))
        floor = max(self.config.min_unit_score, scored[0][0] * self.config.relative_unit_score)
        chosen: list[Unit] = []
        for score, unit in scored:
            if score < floor or len(chosen) >= max_units:
                break
            if unit in chosen or any(_similar(unit, other) for other in chosen):
                continue
            needed = [u for u in _with_support(unit) if u not in chosen]
            words = sum(u.words for u in chosen) + sum(u.words for u in needed)
            if words > budget and (chosen or strict) or not all(self._allowed(u) for u in needed):
                continue
            chosen.extend(needed)
        return chosen


def _says_something_asked(unit: Unit, topical: list[QuestionTerm]) -> bool:
    return any(t.stems & unit.stems for t in topical)


def _covered_terms(terms: list[QuestionTerm], source: Source, catalog: Catalog) -> set[str]:
    evidence = stem_set(source.text) | catalog.document_stems.get(source.doc_id, frozenset())
    return {t.word for t in terms if t.stems & evidence}


def _misses_a_topic_word(sections: list[tuple[Passage, list[Unit]]], candidates: list[tuple[Passage, list[Unit]]],
                         terms: list[QuestionTerm]) -> bool:
    """True when the matching sections lack a word of the question (beyond the article's own name) that other
    passages have ("what is the main danger of acetaminophen": the danger is under Side effects, not Overview)."""
    def covered(pool: list[tuple[Passage, list[Unit]]]) -> set[str]:
        stems = set().union(*(u.stems for _, units in pool for u in units))
        return {t.word for t in terms if t.word not in GENERIC_WORDS and t.stems & stems}

    return bool(covered(candidates) - covered(sections))


def _with_support(unit: Unit) -> list[Unit]:
    """The unit with the units it leans on ("It ..." needs the sentence that says what "it" is)."""
    chain = [unit]
    while chain[-1].leans_on is not None:
        chain.append(chain[-1].leans_on)
    return list(reversed(chain))


def _similar(a: Unit, b: Unit) -> bool:
    if not a.stems or not b.stems:
        return False
    return len(a.stems & b.stems) / len(a.stems | b.stems) > 0.6


def abstention(engine: str, message: str = ABSTAIN_MESSAGE) -> EngineAnswer:
    return EngineAnswer(body=message, citations=(), abstained=True, engine=engine)


def stream_words(text: str) -> Iterator[Token]:
    """Stream a finished text a word at a time (the offline engine has it all at once)."""
    for match in re.finditer(r"\s*\S+\s*", text):
        yield Token(match.group(0))
