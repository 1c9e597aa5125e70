"""What a question is about, and whether an article is about that.

A question's subject is what is left once question words, generic health words ("treat", "symptoms", "my
mom"), qualifiers ("severe", "this morning") and filler are gone: "how do I treat a sprained ankle" is about
"sprained ankle", "what is heat stroke" about "heat stroke", "I forgot my eliquis" about "forgot my" (a lay
phrase for a missed dose) and "eliquis". Words typed next to each other are read together:

- a compound condition name (compound_terms.yaml: "cold sore", "food poisoning", "pink eye"), a lay phrase
  of more than one word or a multi-word name in the library is one unit, covered by an article only when it
  is one of its names, stands for one of them or for words it uses, or is written in it as a phrase;
- in other runs of words, the last two may be one thing: a word that is the article's own topic qualified by
  a word the article never uses with it ("heat stroke" is not the stroke article's stroke), or the article's
  topic word qualifying a thing it never mentions ("kidney cancer"); and an injury or a body part the
  article has without what happened to it ("sprained ankle" and an amlodipine article that mentions ankles).

An article fits the question when a unit it covers names its topic (a question naming a medicine is about
that medicine even if it says more), or, when nothing names it, when none of those compounds means something
else and it covers most of the subject. Typo fixes, lay-term expansions and word families count.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from careline.chat.catalog import Catalog
from careline.chat.coverage import FAMILY_PREFIX, QuestionTerm
from careline.chat.text import GENERIC_WORDS, content_stems, split_sentences, stem, strip_markdown, word_set
from careline.retrieval.query import STOPWORDS, lay_terms, tokenize

# Words that qualify what a question is about without naming it: how bad, how often, when, who.
QUALIFIER_WORDS = word_set(
    """
    severe severely mild mildly moderate badly terrible terribly awful horrible really super pretty extremely
    sudden suddenly constant constantly frequent frequently occasional occasionally sometimes always usually
    every single whole entire real big huge tiny small minor major slight slightly sharp dull weird strange
    morning mornings night nights nightly tonight evening evenings afternoon noon midnight weekend weekends
    hour hours hr hrs minute minutes mins seconds daily weekly monthly yearly lately recently currently ago
    since earlier later soon already early late
    wonder wondering think thinking thought guess heard hear read told supposed maybe probably actually
    literally basically seriously honestly definitely guy guys lady ladies man men woman women everyone
    somebody anybody stuff childhood children toddler toddlers infant infants newborn newborns teen teens
    teenage teenager teenagers adult adults adulthood elderly senior seniors pediatric
    contagious infectious catching curable treatable preventable hereditary inherited genetic dangerous serious
    deadly fatal permanent
    """
)
# Words that turn a body part into an injury: a "broken toe" is not the gout article's painful big toe.
INJURY_WORDS = word_set(
    """
    broken broke fractured cracked sprained strained dislocated torn pulled twisted bruised jammed stubbed
    pinched herniated crushed chipped
    """
)
# Parts of the body: "<something> ankle" is a thing that happens to the ankle, which an article about
# something else that mentions ankles does not cover.
BODY_PARTS = word_set(
    """
    ankle ankles foot feet toe toes heel knee knees leg legs shin calf thigh hip hips groin back spine neck
    shoulder shoulders arm arms elbow elbows wrist wrists hand hands finger fingers thumb nail nails knuckle
    knuckles head scalp face forehead eye eyes eyelid ear ears nose mouth lip lips tongue tooth teeth gum gums
    jaw throat chest rib ribs breast breasts belly stomach abdomen skin muscle muscles bone bones joint joints
    tendon ligament
    """
)
# Text-speak, misspelled function words and verbs that carry no topic ("came back", "what now").
FILLER_WORDS = word_set(
    """
    whats wats wat thats hows whys whos theres heres evry evrey dosnt doesnt dont didnt cant wont isnt til till
    nah nope yep yup lol pls plz thx idk tbh rn asap cuz coz bc abt alot gotta gonna wanna kinda sorta anymore
    barely unable bother came went put putting puts let lets made told tried wanted wants knew saw seen gone
    gotten getting happening happened felt
    """
)
_CLAUSE_BREAK = re.compile(r"[,.;:!?()\[\]{}\"/]+|\s[-–—]\s")


@lru_cache(maxsize=1)
def compound_terms() -> dict[str, str]:
    """Compound condition names whose words name other things ("cold sore" is not a cold), with what they are."""
    path = Path(__file__).with_name("compound_terms.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return {" ".join(str(key).lower().split()): str(value) for key, value in data.items()}


@dataclass(frozen=True)
class SubjectUnit:
    """Words of the question that are read together ("sprained ankle")."""

    words: tuple[str, ...]
    terms: tuple[QuestionTerm, ...]
    # A compound condition name (compound_terms.yaml): an article that does not use it is about something else.
    compound: bool = False
    # A lay phrase or a library name of more than one word: covered as a whole, but one unit among others.
    phrase: bool = False
    # For a phrase or compound: the library articles it names, and stems of what it stands for.
    named_docs: frozenset[str] = frozenset()
    meaning: frozenset[str] = frozenset()
    # The words follow "is"/"are" ("is obesity genetic"): the last one says something about the others.
    predicate: bool = False
    # Words that can make a compound name a different thing: health words the library uses as names or
    # tags ("heat", "food", "stomach") and words it never uses at all ("tennis").
    defining: frozenset[str] = frozenset()

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def weight(self) -> float:
        return sum(t.weight for t in self.terms)


@dataclass(frozen=True)
class ArticleProfile:
    """What an article says, as stems: everything (text, notes, names, tags), its names and tags, its own
    topic (title, synonyms, generic names), which stems stand next to each other, and which share a sentence."""

    doc_id: str
    evidence: frozenset[str]
    names: frozenset[str]
    topic: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    sentences: Mapping[str, frozenset[int]]
    ordered: tuple[str, ...] = ()  # the evidence stems, sorted (for word-family look-ups)

    def has(self, term: QuestionTerm) -> bool:
        return bool(self.matching(term))

    def is_topic(self, term: QuestionTerm) -> bool:
        """The word is (one of the words of) what the article is about: its title, synonyms, generic names."""
        return bool(term.stems & self.topic)

    def is_name(self, term: QuestionTerm) -> bool:
        """The word is in the article's names or tags."""
        return bool(term.stems & self.names)

    def matching(self, term: QuestionTerm) -> set[str]:
        """The article's stems for the word: its own, its typo fix or lay meaning, or its word family."""
        found = set(term.stems & self.evidence)
        for word_stem in term.stems:
            found.update(self._family(word_stem))
            if len(word_stem) == 4 and word_stem.endswith("s") and word_stem[:-1] in self.evidence:
                found.add(word_stem[:-1])  # the stemmer leaves short plurals ("naps", "toes") alone
        return found

    def _family(self, word_stem: str) -> set[str]:
        """The light stemmer keeps "allergic" and "allergy", "childhood" and "child", "rehab" and
        "rehabilitation" apart: one stem starting with the other (both long enough to say much) is a match."""
        if len(word_stem) < FAMILY_PREFIX:
            return set()
        found = {word_stem[:end] for end in range(FAMILY_PREFIX, len(word_stem)) if word_stem[:end] in self.evidence}
        index = bisect.bisect_left(self.ordered, word_stem)
        while index < len(self.ordered) and self.ordered[index].startswith(word_stem):
            found.add(self.ordered[index])
            index += 1
        return found

    def adjacent(self, first: QuestionTerm, second: QuestionTerm) -> bool:
        """The two words stand next to each other somewhere in the article ("heat" "stroke"), or written
        as one word ("heatstroke")."""
        if stem(first.word + second.word) in self.evidence:
            return True
        return any((a, b) in self.pairs for a in self.matching(first) for b in self.matching(second))

    def same_sentence(self, first: QuestionTerm, second: QuestionTerm) -> bool:
        one = set().union(*(self.sentences.get(s, frozenset()) for s in self.matching(first)))
        return any(one & self.sentences.get(s, frozenset()) for s in self.matching(second))


def article_profile(doc_id: str, texts: Iterable[str], names: Iterable[str], catalog: Catalog) -> ArticleProfile:
    """`texts`: the article's passages and notes; `names`: its title, synonyms, tags and generic names."""
    pairs: set[tuple[str, str]] = set()
    sentences: dict[str, set[int]] = {}
    evidence: set[str] = set()
    pieces = [s for text in texts for line in strip_markdown(text).splitlines() for s in split_sentences(line)]
    for index, piece in enumerate([*pieces, *names]):
        stems = content_stems(piece)
        evidence.update(stems)
        pairs.update(zip(stems, stems[1:], strict=False))
        for s in stems:
            sentences.setdefault(s, set()).add(index)
    named = catalog.document_stems.get(doc_id, frozenset())
    evidence |= named
    return ArticleProfile(doc_id=doc_id, evidence=frozenset(evidence), names=named,
                          topic=catalog.topic_stems.get(doc_id, frozenset()), pairs=frozenset(pairs),
                          sentences={s: frozenset(ids) for s, ids in sentences.items()},
                          ordered=tuple(sorted(evidence)))


# -- the question's subject -----------------------------------------------------------------------------------

def is_subject_word(word: str) -> bool:
    return (len(word) > 1 and any(ch.isalpha() for ch in word) and word not in STOPWORDS
            and word not in GENERIC_WORDS and word not in QUALIFIER_WORDS and word not in FILLER_WORDS)


def _clean(token: str) -> str:
    word = token.strip("'-")
    return word[:-2] if word.endswith("'s") else word


def _phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern for the phrases of more than one word, longest first."""
    ordered = sorted((p for p in phrases if len(p.split()) > 1), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(p) for p in ordered) + r")(?![a-z0-9])")


@dataclass(frozen=True)
class _Lexicon:
    """The phrases read as units (compound names; lay phrases and the library's names of more than one
    word, with what they stand for) and the words of the library's names, built once per catalog."""

    passes: tuple[tuple[re.Pattern[str] | None, Mapping[str, str], bool], ...]
    name_words: frozenset[str]


def _lexicon(catalog: Catalog) -> _Lexicon:
    # Kept on the catalog itself: it is rebuilt for every content version, and so is this.
    cached = catalog.__dict__.get("_topic_lexicon")
    if cached is None:
        phrases = {p: m for p, m in lay_terms().items() if len(p.split()) > 1}
        phrases.update({name: "" for name in catalog.names if name not in phrases})
        cached = _Lexicon(passes=((_phrase_pattern(compound_terms()), compound_terms(), True),
                                  (_phrase_pattern(phrases), phrases, False)),
                          name_words=frozenset().union(*catalog.document_stems.values()))
        catalog.__dict__["_topic_lexicon"] = cached
    return cached


_COPULAS = word_set("is are was were be been being am isnt arent wasnt seem seems become becomes")


def subject_units(question: str, terms: list[QuestionTerm], catalog: Catalog) -> list[SubjectUnit]:
    """The question's subject, unit by unit: compound names first, then lay phrases and the library's names
    of more than one word, then runs of the remaining words."""
    by_stem = {stem(t.word): t for t in terms}
    lexicon = _lexicon(catalog)
    defining = _defining_words(terms, catalog, lexicon.name_words)
    units: list[SubjectUnit] = []
    for clause in _CLAUSE_BREAK.split(" ".join(question.lower().split())):
        for pattern, meanings, compound in lexicon.passes:
            if pattern is None or not pattern.search(clause):
                continue
            for match in pattern.finditer(clause):
                phrase = match.group(1)
                unit = _phrase_unit(phrase, meanings[phrase], compound, by_stem, catalog)
                if unit is not None:
                    units.append(unit)
            clause = pattern.sub(" | ", clause)
        for part in clause.split("|"):
            units.extend(_runs(part, by_stem, defining))
    return units


def _defining_words(terms: list[QuestionTerm], catalog: Catalog, name_words: frozenset[str]) -> frozenset[str]:
    return frozenset(t.word for t in terms if t.word in INJURY_WORDS or t.stems & name_words
                     or not any(catalog.document_frequency.get(s) for s in t.stems))


def _phrase_unit(phrase: str, meaning: str, compound: bool, by_stem: Mapping[str, QuestionTerm],
                 catalog: Catalog) -> SubjectUnit | None:
    words = tuple(_clean(t) for t in tokenize(phrase))
    own = set(content_stems(phrase))
    meaning_stems = frozenset(s for s in content_stems(meaning) if s not in own)
    if not meaning_stems and not any(is_subject_word(w) for w in words):
        return None  # "the pill": nothing topical to cover, nothing it stands for
    return SubjectUnit(words=words, terms=tuple(by_stem[stem(w)] for w in words if stem(w) in by_stem),
                       compound=compound, phrase=not compound,
                       named_docs=frozenset({catalog.names[phrase]} if phrase in catalog.names else ()),
                       meaning=meaning_stems)


def _runs(text: str, by_stem: Mapping[str, QuestionTerm], defining: frozenset[str]) -> list[SubjectUnit]:
    """Runs of subject words typed next to each other (no question word, generic word or comma between)."""
    units: list[SubjectUnit] = []
    run: list[QuestionTerm] = []
    before = ""
    for token in [*tokenize(text), ""]:
        word = _clean(token)
        term = by_stem.get(stem(word)) if word and is_subject_word(word) else None
        if term is not None:
            run.append(term)
            continue
        if run:
            units.append(SubjectUnit(words=tuple(t.word for t in run), terms=tuple(run),
                                     predicate=before in _COPULAS,
                                     defining=frozenset(t.word for t in run if t.word in defining)))
            run = []
        before = word
    return units


# -- does an article fit? -------------------------------------------------------------------------------------

# Verbs typed next to a topic word ("caught covid", "claritin giving me") do not make a compound with it.
COMMON_VERBS = word_set(
    """
    caught catch catches gave gives given ate eat eats drank drink drinks bit broke fell hit hurt hurts beat
    beats reverse cure cures fight spread spreads control manage handle have has had avoid lower raise
    increase improve worsen trigger triggers flare flares kick shake pass spot cope deal live confirm
    confirms detect detects diagnose check checks test tests screen explain explains mean means develop
    develops prevent stop stops ease eases relieve relieves soothe calm heal heals fix fixes come comes keep
    keeps found find finds stick sticks ruin ruins wreck wrecks damage damages
    """
)


def looks_like_verb(word: str) -> bool:
    return word in COMMON_VERBS or len(word) > 4 and word.endswith(("ing", "ed"))


# Share of the subject's weight an article may leave uncovered and still be about the question, when the
# question does not name it: chatty questions carry words no article uses ("are short afternoon naps ok or do
# they wreck my night"); an article that covers next to none of the subject ("how do I stop a nosebleed"
# and the sinusitis article) is not about it.
MAX_UNCOVERED_SHARE = 0.85


@dataclass(frozen=True)
class TopicFit:
    doc_id: str
    named: bool  # a word or compound of the question names the article's topic, as the article means it
    uncovered: tuple[str, ...]  # parts of the question's subject the article does not cover
    uncovered_share: float = 0.0  # their share of the subject's weight
    other_thing: bool = False  # a compound or noun pair of the question means something the article is not about

    @property
    def fits(self) -> bool:
        return self.named or not self.other_thing and self.uncovered_share < MAX_UNCOVERED_SHARE


def topic_fit(units: list[SubjectUnit], article: ArticleProfile) -> TopicFit:
    named = other_thing = dangling = False
    uncovered: list[str] = []
    missing_weight = 0.0
    for unit in units:
        if unit.compound or unit.phrase:
            covered = phrase_covered(unit, article)
            named |= covered and (article.doc_id in unit.named_docs or bool(unit.meaning & article.topic))
            if not covered:
                uncovered.append(unit.text)
                missing_weight += unit.weight
                other_thing |= unit.compound
            continue
        run = _run_fit(unit, article, alone=len(units) == 1)
        named |= run.named
        other_thing |= run.other_thing
        dangling |= run.dangling
        uncovered += run.uncovered
        missing_weight += run.missing_weight
    total = sum(unit.weight for unit in units)
    return TopicFit(doc_id=article.doc_id, named=named, uncovered=tuple(dict.fromkeys(uncovered)),
                    uncovered_share=round(missing_weight / total, 4) if total else 0.0,
                    other_thing=other_thing or dangling and not named)


def phrase_covered(unit: SubjectUnit, article: ArticleProfile) -> bool:
    """A phrase is the article's when it is one of its names, stands for one of them or for words the
    article uses ("throw up": vomiting), or is written in it."""
    if article.doc_id in unit.named_docs or unit.meaning & article.names:
        return True
    if unit.meaning and unit.meaning <= article.evidence:
        return True
    terms = unit.terms
    if len(terms) < 2:
        return bool(terms) and article.has(terms[0])
    return all(article.adjacent(a, b) for a, b in zip(terms, terms[1:], strict=False))


@dataclass(frozen=True)
class _RunFit:
    named: bool
    other_thing: bool
    dangling: bool  # the article has the head noun but not the word before it ("sprained ankle")
    uncovered: list[str]
    missing_weight: float


def _run_fit(unit: SubjectUnit, article: ArticleProfile, alone: bool) -> _RunFit:
    """Whether words typed together name the article's topic, and which of them it does not cover. The last
    two words may be one thing: the stroke article's "stroke" is not named by "heat stroke" (it never says
    "heat" with it); when they are all the question asks about, the heart articles' "heart" is not named by
    "heart murmur" (they never mention a murmur); an amlodipine article that mentions ankles says nothing of
    a "sprained ankle"."""
    terms = unit.terms
    missing = [t for t in terms if not article.has(t)]
    discounted: set[int] = set()
    other_thing = dangling = False
    if len(terms) >= 2:
        modifier, head = terms[-2], terms[-1]
        if modifier.word in unit.defining and _qualifies_topic(modifier, head, article):
            discounted.add(len(terms) - 1)
            other_thing = True
        elif alone and not unit.predicate and _topic_qualifies_other(modifier, head, article):
            discounted.add(len(terms) - 2)
            other_thing = True
        # An unnamed article that lacks the phrase's main noun, or what happened to a body part, is not about it.
        dangling = (head in missing and not looks_like_verb(head.word)
                    or modifier in missing and head not in missing and modifier.word not in COMMON_VERBS
                    and (head.word in BODY_PARTS or modifier.word in INJURY_WORDS))
    dangling |= any(t.word in INJURY_WORDS for t in missing)
    named = any(article.is_topic(t) for index, t in enumerate(terms)
                if index not in discounted and article.has(t))
    uncovered = [t.word for t in missing] + ([" ".join(t.word for t in terms[-2:])] if other_thing else [])
    return _RunFit(named=named, other_thing=other_thing, dangling=dangling, uncovered=uncovered,
                   missing_weight=sum(t.weight for t in missing))


def _qualifies_topic(modifier: QuestionTerm, head: QuestionTerm, article: ArticleProfile) -> bool:
    """`modifier head` names something else than the article's topic: the head is the article's topic word,
    and the article never uses the modifier as a name or with the head ("heat stroke"), while "ischemic
    stroke" or "brain stroke" are the stroke article's own."""
    if looks_like_verb(modifier.word) or not article.is_topic(head) or article.is_name(modifier):
        return False
    return not (article.adjacent(modifier, head) or article.same_sentence(modifier, head))


def _topic_qualifies_other(modifier: QuestionTerm, head: QuestionTerm, article: ArticleProfile) -> bool:
    """`modifier head` is about a thing the article never mentions, the article's topic word only qualifying
    it ("kidney cancer", "heart murmur"); a part of the body only says where ("scraped elbow")."""
    return (article.is_topic(modifier) and not looks_like_verb(head.word) and head.word not in BODY_PARTS
            and not article.has(head) and not article.is_topic(head))
