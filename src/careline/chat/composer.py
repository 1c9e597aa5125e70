"""The offline answer engine: a grounded composer. It never writes text of its own into an answer body.
It finds the section of the best article that answers the question (the section of the question's type:
symptoms, treatment, how to take, ...; else the section retrieval found, unless another covers more of the
question's words) and reads it, whole when it fits, else the sentences with the question's own words
first. Without such a section it picks the best-matching sentences anywhere. It keeps list lead-ins with
their items (fetching the items from the article's next passage when a passage split them) and
"This/These/It ..." sentences with the sentence they lean on, orders them as the article does, stays near
150 words and cites every unit with `[n]`. When the content does not cover the question it abstains with a
kind message pointing to the care team."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial

from careline.chat.catalog import Catalog, CatalogCache
from careline.chat.checks import AnswerChecker, enough_answer
from careline.chat.coverage import QuestionTerm, question_terms, topical_terms
from careline.chat.models import EngineAnswer, Passage, Retrieval, Source, Token
from careline.chat.text import GENERIC_WORDS, bold_openings, split_sentences, stem, stem_set, with_marker
from careline.chat.topic import BODY_PARTS, FILLER_WORDS, QUALIFIER_WORDS, subject_units
from careline.retrieval.intents import title_intent
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
_MAX_ITEM_UNIT_WORDS = 60
# Score taken off a sentence that has none of the question's topical words, from an article it does not name.
OFF_QUESTION_PENALTY = 0.3
# A word of the question that is one of the article's other names weighs this much in choosing its sentences.
NAME_WEIGHT = 0.3
_GENERIC_STEMS = frozenset(stem(word) for word in GENERIC_WORDS)
# Sentences of a long section whose question words weigh at least this share of the best one's come first.
RELEVANT_SHARE = 0.5


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


@dataclass(frozen=True, eq=False)
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


@dataclass(frozen=True, eq=False)
class Candidate:
    """A section of an article (its passages in a row read as one) cut into units, with all its words."""

    passage: Passage
    rank: int
    units: tuple[Unit, ...]
    stems: frozenset[str]  # with the article's title
    text_stems: frozenset[str]  # the section's own words

    @property
    def words(self) -> int:
        return sum(u.words for u in self.units)


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
    grouping = _Grouping()
    for sentence, labelled in _marked_sentences(passage_text):
        grouping.add(sentence, labelled)
    return grouping.finish()


@dataclass
class _Grouping:
    """Sentences grouped as the article's lists were written: a lead-in with its items, a label with the
    sentence it heads, "It/This ..." with the sentence before it, and an item that opens with a bold label
    ("**Press hard and keep pressing.** Put a clean cloth...") with its sentences, leaning on the lead-in
    of its list when there is one."""

    groups: list[list[str]] = field(default_factory=list)
    leaning: list[bool] = field(default_factory=list)
    in_list: bool = False
    in_item: bool = False  # reading the sentences of a bold-labelled item
    head: int | None = None  # the group whose lead-in opened the list being read

    def add(self, sentence: str, labelled: bool) -> None:
        awaiting_items = bool(self.groups) and self.groups[-1][-1].endswith(":")
        if labelled and not awaiting_items:
            self._start(sentence, leans=self.head is not None)
            self.in_list = self.in_item = True
        elif self.in_item and self._continues_item(sentence):
            self.groups[-1].append(sentence)
        else:
            self.in_item = False
            self._add_plain(sentence, awaiting_items)

    def _continues_item(self, sentence: str) -> bool:
        words = len(" ".join(self.groups[-1]).split()) + len(sentence.split())
        return not sentence.endswith(":") and not _is_heading(sentence) and words <= _MAX_ITEM_UNIT_WORDS

    def _add_plain(self, sentence: str, awaiting_items: bool) -> None:
        words = len(sentence.split())
        leans = bool(_LEANS_ON_PREVIOUS.match(sentence))
        last = self.groups[-1] if self.groups else []
        # A lead-in ending in ':' opens a list of its own ("Do not:" after a list of steps).
        is_item = (self.in_list and words <= _MAX_ITEM_WORDS and not leans and not sentence.endswith(":")
                   and not _is_heading(sentence))
        # A short lead-in ("Common ones are: ...") says what it lists only with the single sentence before it.
        opener = sentence.split(":", 1)[0] if ":" in sentence else None
        continues = opener is not None and len(opener.split()) <= _MAX_LABEL_WORDS and not self.in_list
        # A label ("Set a realistic goal.") travels with the sentence it heads.
        after_label = len(last) == 1 and len(last[0].split()) <= _MAX_LABEL_WORDS
        if last and (after_label or awaiting_items or continues and len(last) == 1
                     or is_item and len(last) <= _MAX_ITEMS
                     or leans and len(" ".join(last).split()) + words <= _MAX_UNIT_WORDS):
            last.append(sentence)
        else:
            self._start(sentence, leans=leans)
            self.head = None
        if ":" in sentence and not is_item:
            self.head = len(self.groups) - 1
        # "It often says what to do." after an item belongs to that item; the list goes on after it.
        self.in_list = ":" in sentence or is_item or self.in_list and leans

    def _start(self, sentence: str, leans: bool) -> None:
        self.groups.append([sentence])
        self.leaning.append(leans and len(self.groups) > 1)

    def finish(self) -> tuple[tuple[str, ...], tuple[bool, ...]]:
        groups, leaning = self.groups, self.leaning
        if groups and (groups[-1][-1].endswith(":") or _is_heading(groups[-1][-1])):
            # A lead-in whose items are not here (no next passage to take them from), or a heading ("Store
            # them safely") whose text is in the next passage, says nothing.
            groups[-1].pop()
            if not groups[-1]:
                groups.pop()
                leaning.pop()
        return tuple(" ".join(group) for group in groups), tuple(leaning)


def _marked_sentences(passage_text: str) -> list[tuple[str, bool]]:
    """The passage's sentences without markdown, each with whether it opens with a bold label."""
    plain, openings = bold_openings(passage_text)
    out = []
    cursor = 0
    for sentence in split_sentences(plain):
        start = plain.find(sentence, cursor)
        cursor = start + len(sentence) if start >= 0 else cursor
        out.append((" ".join(sentence.split()), start in openings))
    return out


def _is_heading(sentence: str) -> bool:
    """A bold label with no full stop ("Know your medicines"), which heads the sentences after it."""
    return len(sentence.split()) <= _MAX_LABEL_WORDS and not _ends_a_sentence(sentence)


def _chunk_position(chunk_id: str) -> int:
    tail = chunk_id.rsplit("#", 1)[-1]
    return int(tail) if tail.isdigit() else 10_000  # an article's notes come after its text


def _ends_with_lead_in(text: str) -> bool:
    return text.rstrip().rstrip("*_`").endswith(":")


def _ends_a_sentence(text: str) -> bool:
    return text.rstrip().rstrip("*_`\"')]").endswith((".", "!", "?", ":"))


def article_sections(source: Source) -> list[Passage]:
    """The source's passages, with passages that follow each other in one section of the article joined
    into one: a list that chunking split between two passages stays with its lead-in."""
    sections: list[Passage] = []
    last_position = -2
    for passage in sorted(source.passages, key=lambda p: _chunk_position(p.chunk_id)):
        position = _chunk_position(passage.chunk_id)
        previous = sections[-1] if sections else None
        # A passage that ends mid-sentence (a bold label with no full stop) is not joined: the label and the
        # next passage's first sentence would read as one sentence the article does not have.
        if (previous is not None and position == last_position + 1 and passage.section
                and passage.section == previous.section and passage.intent == previous.intent
                and _ends_a_sentence(previous.text)):
            sections[-1] = replace(previous, text=f"{previous.text} {passage.text}",
                                   retrieved=previous.retrieved or passage.retrieved)
        else:
            sections.append(passage)
        last_position = position
    return sections


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
        retrieval = self._with_list_items(retrieval)
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

    def _with_list_items(self, retrieval: Retrieval) -> Retrieval:
        """The retrieval with the next passage of any candidate passage that ends in a list lead-in ("Common
        ones are:") whose items chunking put in the next passage, so the lead-in is read with its items."""
        sources = list(retrieval.sources)
        for index, source in enumerate(sources[: self.config.candidate_articles]):
            have = {_chunk_position(p.chunk_id) for p in source.passages}
            dangling = [p for p in source.passages if _ends_with_lead_in(p.text)
                        and _chunk_position(p.chunk_id) + 1 not in have]
            if not dangling:
                continue
            chunks = {c.position: c for c in self.store.index.document_chunks(source.doc_id)}
            added = []
            for passage in dangling:
                following = chunks.get(_chunk_position(passage.chunk_id) + 1)
                if following is not None and following.section == passage.section:
                    added.append(Passage(doc_id=following.doc_id, chunk_id=following.chunk_id,
                                         title=following.title, section=following.section, text=following.text,
                                         intent=following.intent, score=passage.score, retrieved=False))
            if added:
                sources[index] = replace(source, passages=(*source.passages, *added))
        return replace(retrieval, sources=tuple(sources)) if sources != list(retrieval.sources) else retrieval

    def _allowed(self, unit: Unit) -> bool:
        """The safety screen, sentence by sentence (it is asked only about units about to be chosen)."""
        return all(self._screen_cached(sentence) for sentence in split_sentences(unit.text))

    def _candidates(self, retrieval: Retrieval) -> list[Candidate]:
        out = []
        for rank, source in enumerate(retrieval.sources[: self.config.candidate_articles]):
            if rank and not self._adds_to_first(retrieval, source):
                continue
            for passage in article_sections(source):
                units = tuple(passage_units(passage, source, rank))
                own = stem_set(f"{passage.section} {passage.text}")
                out.append(Candidate(passage, rank, units, own | stem_set(passage.title), own))
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
        """When the articles have a section that answers (see _answer_sections), read it; otherwise pick
        the best-matching sentences anywhere."""
        candidates = self._candidates(retrieval)
        sections = self._answer_sections(retrieval.query.intent, candidates, terms)
        if not sections:
            return self._best_units(candidates, terms, budget=self.config.max_words * 2 // 3), False
        chosen = self._read_sections(sections, terms)
        room = self.config.max_words - sum(u.words for u in chosen)
        if room > self.config.max_words // 3:
            # A short matching section ("Causes": a list of risk factors) gains the article's best other
            # sentences ("It happens when there is too much uric acid in the blood"); when the question asks
            # about something particular, only sentences that have it ("Brand names include Levoxyl ..."
            # does not say when to take Levoxyl).
            intents = {c.passage.intent for c in sections}
            others = [c for c in candidates if c.passage.intent not in intents and c.passage.intent != "note"
                      and c.rank == 0]
            asked = self._asked(terms, others[0].passage.doc_id) if others else {}
            if asked:
                others = [replace(c, units=tuple(u for u in c.units if _relevance(u, asked) > 0)) for c in others]
            extra = self._best_units(others, terms, budget=room, max_units=2, strict=True)
            chosen += [u for u in extra if u not in chosen]
        return chosen, True

    def _answer_sections(self, intent: str | None, candidates: list[Candidate],
                         terms: list[QuestionTerm]) -> list[Candidate]:
        """The sections that answer: those of the question's type ("what are the signs of sepsis": Symptoms),
        unless the section retrieval found has the question's words and more ("what is the main danger of
        acetaminophen": Side effects, not Overview). A question of no type (or of a type the articles have
        no section for) is answered from the section retrieval found, unless another section of the article
        has its words and more; one that only names the article ("the BE FAST thing for strokes") from the
        section its title promises (Symptoms)."""
        top = [c for c in candidates if c.rank == 0 and c.passage.intent != "note" and c.units]
        if not top:
            return []
        retrieved = next((c for c in top if c.passage.retrieved), top[0])
        asked = self._asked(terms, top[0].passage.doc_id)
        typed = [c for c in candidates if intent and c.passage.intent == intent and c.units]
        if typed:
            covered = set().union(*(_covered(c, asked) for c in typed if c.rank == 0))
            if retrieved in typed or not _covered(retrieved, asked) > covered:
                return typed
        if not asked:
            promised = title_intent(top[0].passage.title)
            titled = [c for c in top if promised and c.passage.intent == promised]
            if titled:
                return titled
        best = retrieved
        for candidate in top:
            if _covered(candidate, asked) > _covered(best, asked):
                best = candidate
        return [best]

    def _asked(self, terms: list[QuestionTerm], doc_id: str) -> dict[QuestionTerm, float]:
        """The words that say what is asked of an article: not its names, nor generic words ("pill")."""
        names = self.catalog.get().topic_stems.get(doc_id, frozenset())
        return {t: w for t, w in self._weights(terms, doc_id).items()
                if t.word not in GENERIC_WORDS and not t.stems & names}

    def _weights(self, terms: list[QuestionTerm], doc_id: str, names: bool = False) -> dict[QuestionTerm, float]:
        """How much each word of the question says about which sentence of an article answers: words
        weighed by rarity; the article's other names less ("synthroid": levothyroxine; "took it twice": a
        medication mistake) and the words of its title not at all (every sentence of it is about them),
        unless `names`; nor qualifiers, filler ("weird", "wats") or parts of the body (which say where, not
        what: "a cut on their leg"). A word matches by its own stem, typo fix and lay meaning, not by a
        generic word of that meaning ("skipped my" means "missed dose", but a sentence with "dose" is not
        about skipping)."""
        catalog = self.catalog.get()
        document = catalog.documents.get(doc_id)
        title = stem_set(document.title) if document and not names else frozenset()
        other_names = frozenset() if names else catalog.topic_stems.get(doc_id, frozenset())

        def weight(term: QuestionTerm) -> float:
            if term.stems & title:
                return 0.0
            return term.weight * (NAME_WEIGHT if term.stems & other_names else 1.0)

        weights = {_without_generic_expansions(t): weight(t) for t in terms
                   if t.word not in QUALIFIER_WORDS | FILLER_WORDS | BODY_PARTS}
        return {t: w for t, w in weights.items() if w > 0}

    def _read_sections(self, sections: list[Candidate], terms: list[QuestionTerm]) -> list[Unit]:
        """The sections of each article in document order. Articles share the budget, half evenly and half by
        how much of the question their sections have ("forgot my lipitor": the missed-dose article's more than
        atorvastatin's How to take). A section is read while its article's share lasts (a unit begun within
        the share is finished when the answer stays within the budget): whole when it fits, else the units
        with the question's words first, then those around them ("can narcan hurt someone": the naloxone
        steps of a long first-aid section, not the swallowed-poison steps before them)."""
        by_rank: dict[int, list[Unit]] = {}
        for section in sections:
            by_rank.setdefault(section.rank, []).extend(sorted(section.units, key=lambda u: u.order))
        ranks = sorted(by_rank)
        # An article's names count here: they show which article the question is about.
        relevance = {rank: _section_relevance(units, self._weights(terms, units[0].source.doc_id, names=True))
                     for rank, units in by_rank.items()}
        total = sum(relevance.values())
        chosen: list[Unit] = []
        for position, rank in enumerate(ranks):
            if position == len(ranks) - 1:
                share = self.config.max_words - sum(u.words for u in chosen)
            else:
                weight = relevance[rank] / total if total else 1 / len(ranks)
                share = round(self.config.max_words * (0.5 / len(ranks) + 0.5 * weight))
            self._read_article(by_rank[rank], self._weights(terms, by_rank[rank][0].source.doc_id), share, chosen)
        return chosen

    def _read_article(self, units: list[Unit], weights: dict[QuestionTerm, float], share: int,
                      chosen: list[Unit]) -> None:
        """Add one article's section units to `chosen` while its share lasts (see _read_sections)."""
        relevant = [] if sum(u.words for u in units) <= share else _most_relevant(units, weights)
        used = 0
        for unit in [*relevant, *_nearest_first(units, relevant)]:
            if used >= share:
                break
            needed = [u for u in _with_support(unit) if u not in chosen]
            if not all(self._allowed(u) for u in needed):
                continue
            size = sum(u.words for u in needed)
            if chosen and sum(u.words for u in chosen) + size > self.config.max_words:
                if relevant:
                    continue  # a shorter unit near the relevant ones may still fit
                break
            chosen.extend(needed)
            used += size

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

    def _best_units(self, candidates: list[Candidate], terms: list[QuestionTerm], *,
                    budget: int | None = None, max_units: int | None = None, strict: bool = False) -> list[Unit]:
        """The best-scoring units within the budget (the first may overrun it unless `strict`)."""
        budget = self.config.max_words if budget is None else budget
        max_units = self.config.max_units if max_units is None else max_units
        total = sum(t.weight for t in terms) or 1.0
        scored: list[tuple[float, Unit]] = []
        for candidate in candidates:
            passage = candidate.passage
            passage_overlap = sum(t.weight for t in terms if t.stems & candidate.stems) / total
            on_topic = self._on_topic_test(terms, passage.doc_id)
            for index, unit in enumerate(candidate.units):
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


def _covered(candidate: Candidate, weights: dict[QuestionTerm, float]) -> frozenset[str]:
    """The question's words (those that say something) a section has."""
    return frozenset(t.word for t in weights if t.stems & candidate.text_stems)


def _relevance(unit: Unit, weights: dict[QuestionTerm, float]) -> float:
    return sum(weight for term, weight in weights.items() if term.stems & unit.stems)


def _section_relevance(units: list[Unit], weights: dict[QuestionTerm, float]) -> int:
    """How much of an article's section is about the question: the words of its units that have the
    question's words."""
    return sum(u.words for u in units if _relevance(u, weights) > 0)


def _without_generic_expansions(term: QuestionTerm) -> QuestionTerm:
    if term.word in GENERIC_WORDS:
        return term
    stems = term.stems - _GENERIC_STEMS
    return replace(term, stems=stems) if stems and stems != term.stems else term


def _most_relevant(units: list[Unit], weights: dict[QuestionTerm, float]) -> list[Unit]:
    """The units with about as much of the question's words as the best one, best first (ties in document
    order)."""
    scores = {unit: _relevance(unit, weights) for unit in units}
    best = max(scores.values(), default=0.0)
    relevant = [u for u in units if best > 0 and scores[u] >= best * RELEVANT_SHARE]
    return sorted(relevant, key=lambda u: (-scores[u], u.order))


def _nearest_first(units: list[Unit], relevant: list[Unit]) -> list[Unit]:
    """The units that are not relevant, those next to a relevant one first; in document order if none is."""
    places = [index for index, unit in enumerate(units) if unit in relevant]
    others = [(index, unit) for index, unit in enumerate(units) if unit not in relevant]
    if not places:
        return [unit for _, unit in others]
    others.sort(key=lambda item: (min(abs(item[0] - place) for place in places), item[0]))
    return [unit for _, unit in others]


def _says_something_asked(unit: Unit, topical: list[QuestionTerm]) -> bool:
    return any(t.stems & unit.stems for t in topical)


def _covered_terms(terms: list[QuestionTerm], source: Source, catalog: Catalog) -> set[str]:
    evidence = stem_set(source.text) | catalog.document_stems.get(source.doc_id, frozenset())
    return {t.word for t in terms if t.stems & evidence}


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
