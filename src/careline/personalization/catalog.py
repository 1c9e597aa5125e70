"""The medication articles' structured data (names, classes, allergy classes, interactions, cautions), read
from the content index once and kept until the content changes; and finding medicines in patient text.

Names are matched as whole phrases (a plural "s" allowed). Brand names, generic names, combination products
and the misspellings listed in an article are "specific"; lay phrases shared by several articles or made of
everyday words ("blood thinner", "water pill", "pain reliever") are "vague" and only count when retrieval also
picked that article. Misspellings not listed are caught by a small edit-distance match against the specific
one-word names.

Interaction entries name a medicine or a class (`with`); the medicines a `why` names as examples ("migraine
medicines like sumatriptan") count as members of that class, so a medicine outside the library is still
matched when the library names it.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from careline.retrieval.store import KnowledgeStore
from careline.safety.text import edit_distance, is_common_word, word_set

_NON_WORD = re.compile(r"[^a-z0-9]+")


def plain(text: str) -> str:
    """Lower case, punctuation to spaces: "Z-Pak" -> "z pak", "St. John's wort" -> "st john s wort"."""
    return " ".join(_NON_WORD.sub(" ", text.lower()).split())


def singular(term: str) -> str:
    """"nsaids" -> "nsaid", "ace inhibitors" -> "ace inhibitor", "diuretics" -> "diuretic"."""
    if term.endswith("ies"):
        return term[:-3] + "y"
    if term.endswith("s") and not term.endswith("ss"):
        return term[:-1]
    return term


def phrase_pattern(phrases: list[str] | tuple[str, ...] | set[str]) -> re.Pattern[str] | None:
    """Whole-phrase match over `plain` text of any of the phrases, a plural "s"/"es" allowed."""
    ordered = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(p) for p in ordered) + r")(?:e?s)?(?![a-z0-9])")


# "such as X, Y or Z", "like X": the medicines a reason names as members of its class.
_EXAMPLES_LEAD = re.compile(r"\b(?:such as|like|including)\s+")
_MAX_EXAMPLE_WORDS = 3


def _examples(why: str) -> tuple[str, ...]:
    found: list[str] = []
    for listed in _EXAMPLES_LEAD.split(why.lower())[1:]:
        for part in listed.split(";")[0].split(","):
            items = re.split(r"\s+(?:or|and)\s+", re.sub(r"^\s*(?:and|or)\s+", "", part).strip())
            stop = False
            for item in items:
                words = plain(item).split()
                if not words:
                    continue
                if len(item.split()) > _MAX_EXAMPLE_WORDS:
                    # "quinidine add to this risk": the list ends here; keep its first word if it names a drug.
                    if not is_common_word(words[0]) and len(words[0]) >= 5:
                        found.append(words[0])
                    stop = True
                    break
                found.append(" ".join(words))
            if stop:
                break
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True)
class Interaction:
    with_: str
    why: str

    @cached_property
    def examples(self) -> tuple[str, ...]:
        return _examples(self.why)


@dataclass(frozen=True)
class MedicationArticle:
    doc_id: str
    title: str
    drug_class: str
    generic_names: tuple[str, ...]
    synonyms: tuple[str, ...]
    allergy_classes: tuple[str, ...]
    interactions: tuple[Interaction, ...]
    # "pregnancy", "pediatric", "kidney", "food": each a sourced note from the article's front matter.
    cautions: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    # Products that contain this medicine with another one ("Augmentin" for amoxicillin).
    combinations: tuple[str, ...] = ()

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(plain(n) for n in (self.title, *self.generic_names, *self.synonyms))

    @cached_property
    def combination_names(self) -> frozenset[str]:
        return frozenset(plain(n) for n in self.combinations) - self.names

    @cached_property
    def descriptors(self) -> str:
        """What kind of medicine this is, for class terms such as "nsaids" or "diuretics": the drug class,
        allergy classes, tags and synonyms, as one "|"-separated string."""
        return " | ".join(plain(d) for d in (self.drug_class, *self.allergy_classes, *self.tags, *self.synonyms))


@dataclass(frozen=True)
class Mention:
    """A medicine named in patient text: its article, whether the name was specific, the name as matched,
    and whether that name is a combination product containing the medicine."""

    doc_id: str
    specific: bool
    name: str
    combination: bool = False


# Class terms used in `interactions[].with` whose words do not appear in the member articles' data.
_CLASS_ALIASES: dict[str, tuple[str, ...]] = {
    "diabetes medicines": ("diabetes", "blood sugar"),
    "other acetaminophen products": ("acetaminophen",),
    "heart rhythm medicines": ("antiarrhythmic", "heart rhythm"),
}
# How patients write the things interaction lists name that are not medicines.
_LAY_TERMS: dict[str, tuple[str, ...]] = {
    "alcohol": ("alcohol", "alcoholic", "wine", "beer", "liquor", "booze", "cocktail", "vodka", "whiskey",
                "whisky", "tequila", "rum"),
    "tobacco": ("tobacco", "smoke", "smoking", "smoker", "cigarette", "cigar", "vape", "vaping"),
}
# Words that say what kind of medicine something is, not which one ("pain reliever", "steroid inhaler").
_KIND_WORDS = word_set(
    """reliever reducer inhaler inhibitor inhibitors blocker blockers tablet tablets capsule capsules pill pills
    medicine shot antibiotic antibiotics diuretic contraceptive progestin controller preventer drowsy steroid
    steroids thinner antidepressant hormone nebulizer injection"""
)
# Drug-name stems (USAN) that place a medicine outside the library in a class the library's interaction and
# allergy data name ("propranolol" is a beta blocker, "ampicillin" a penicillin).
_STEM_CLASSES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (re.compile(stem), classes) for stem, classes in (
        (r"(?:olol|alol|ilol)$", ("beta blockers",)),
        (r"pril$", ("ace inhibitors",)),
        (r"cillin$", ("penicillins",)),
        (r"^(?:cef|ceph)", ("cephalosporins",)),
        (r"thromycin$", ("macrolides",)),
        (r"cycline$", ("tetracyclines",)),
        (r"triptan$", ("triptans",)),
        (r"(?:profen|fenac|oxicam)$", ("nsaids",)),
        (r"(?:thiazide|semide|etanide)$", ("diuretics",)),
        (r"(?:azepam|azolam)$", ("sedatives",)),
    )
)
_MIN_STEM_WORD = 6


def stem_classes(name: str) -> frozenset[str]:
    """The classes a medicine's name places it in by its stem (plural class names, as the library writes them)."""
    found: set[str] = set()
    for word in plain(name).split():
        if len(word) >= _MIN_STEM_WORD:
            for stem, classes in _STEM_CLASSES:
                if stem.search(word):
                    found.update(classes)
    return frozenset(found)


def short_title(article: MedicationArticle) -> str:
    """"Empagliflozin (Jardiance)" -> "Empagliflozin"."""
    return article.title.split("(")[0].strip() or article.title


# Too broad to say anything useful about a particular patient medicine.
_TOO_BROAD = frozenset({"oral medicines"})


class MedicationCatalog:
    def __init__(self, articles: list[MedicationArticle]) -> None:
        self.articles = {article.doc_id: article for article in articles}
        owners: dict[str, set[str]] = defaultdict(set)
        combination_names: set[str] = set()
        for article in articles:
            for name in article.names:
                if name:
                    owners[name].add(article.doc_id)
            for name in article.combination_names:
                owners[name].add(article.doc_id)
                combination_names.add(name)
        self._owners = dict(owners)
        self._combinations = frozenset(combination_names)
        self._specific = {name for name, docs in owners.items()
                          if name in combination_names or (len(docs) == 1 and self._is_specific(name, docs))}
        self._pattern = phrase_pattern(set(owners))
        # One-word specific names (brands, generic names) for the fuzzy match of unlisted misspellings.
        self._fuzzy_names = sorted(name for name in self._specific if " " not in name and len(name) >= 5)
        self._term_cache: dict[tuple[str, str | None, str], bool] = {}
        self._fuzzy_cache: dict[str, str | None] = {}
        self._named_cache: dict[str, tuple[Mention, ...]] = {}

    def _is_specific(self, name: str, docs: set[str]) -> bool:
        article = self.articles[next(iter(docs))]
        strong = {plain(article.title), *(plain(n) for n in article.generic_names)}
        if name in strong:
            return True
        words = name.split()
        if len(words) == 1:
            return not is_common_word(name)
        # "baby aspirin", "toprol xl", "alendronic acid": a word that names this medicine, not a kind of medicine.
        strong_words = {word for phrase in strong for word in phrase.split()}
        return any(word in strong_words or (len(word) >= 4 and not is_common_word(word) and word not in _KIND_WORDS)
                   for word in words)

    def named(self, text: str) -> tuple[Mention, ...]:
        """Each medicine named in the text, in order of appearance (cached: profiles repeat)."""
        cached = self._named_cache.get(text)
        if cached is None:
            if len(self._named_cache) > _TERM_CACHE_SIZE:
                self._named_cache.clear()
            cached = self._named_cache[text] = self._find_named(text)
        return cached

    def _find_named(self, text: str) -> tuple[Mention, ...]:
        found: dict[str, Mention] = {}
        lowered = plain(text)
        if self._pattern is not None:
            for match in self._pattern.finditer(lowered):
                name = match.group(1)
                for doc_id in sorted(self._owners[name]):
                    specific = name in self._specific
                    if doc_id not in found or (specific and not found[doc_id].specific):
                        found[doc_id] = Mention(doc_id, specific, name, name in self._combinations)
        for word in dict.fromkeys(lowered.split()):
            if len(word) < 5 or word in self._owners or is_common_word(word):
                continue
            doc_id = self._fuzzy_owner(word)
            if doc_id and doc_id not in found:
                found[doc_id] = Mention(doc_id, True, word)
        return tuple(found.values())

    def mentions(self, text: str) -> list[tuple[str, bool]]:
        """(doc_id, specific) for each medicine named in the text, in order of appearance."""
        return [(mention.doc_id, mention.specific) for mention in self.named(text)]

    def _fuzzy_owner(self, word: str) -> str | None:
        if word not in self._fuzzy_cache:
            if len(self._fuzzy_cache) > _TERM_CACHE_SIZE:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[word] = self._closest_name_owner(word)
        return self._fuzzy_cache[word]

    def _closest_name_owner(self, word: str) -> str | None:
        # Two edits only for long names: "ampicillin" is a real medicine, not a misspelled "amoxicillin".
        limit = 1 if len(word) <= 10 else 2
        best: tuple[int, str] | None = None
        for name in self._fuzzy_names:
            if name[0] != word[0]:
                continue
            distance = edit_distance(word, name, limit)
            if distance <= limit and (best is None or (distance, name) < best):
                best = (distance, name)
        return next(iter(sorted(self._owners[best[1]]))) if best else None

    def resolve(self, name: str) -> MedicationArticle | None:
        """The article for a medicine as written on a profile ("Coumadin 5 mg", "metformin ER")."""
        found = self.resolve_all(name)
        return found[0] if found else None

    def resolve_all(self, name: str) -> list[MedicationArticle]:
        """Every library medicine a written name stands for ("lisinopril-HCTZ" is two)."""
        return [self.articles[mention.doc_id] for mention in self.named(name) if mention.specific]

    def term_matches(self, term: str, article: MedicationArticle | None, written_name: str,
                     examples: tuple[str, ...] = ()) -> bool:
        """Does an interaction's `with` term ("warfarin", "nsaids", "calcium supplements"), or a medicine its
        reason names as an example, cover this medicine (its article when known, else the name as the patient
        wrote it)?"""
        key = (term + "|" + "|".join(examples), article.doc_id if article else None, written_name)
        if key not in self._term_cache:
            if len(self._term_cache) > _TERM_CACHE_SIZE:
                self._term_cache.clear()
            self._term_cache[key] = _term_covers(plain(term), article, plain(written_name), examples)
        return self._term_cache[key]


_TERM_CACHE_SIZE = 20_000


def _term_covers(term: str, article: MedicationArticle | None, written: str, examples: tuple[str, ...]) -> bool:
    if not term or term in _TOO_BROAD:
        return False
    if term.endswith(" supplements"):
        return f" {term.split()[0]} " in f" {written} "
    candidates = {term, singular(term)}
    names = article.names if article is not None else {written}
    if article is None:
        if any(f" {c} " in f" {written} " for c in candidates) or {term, term + "s"} & stem_classes(written):
            return True
    elif candidates & article.names:
        return True
    if any(f" {example} " in f" {name} " for example in examples for name in names):
        return True
    if article is None:
        return False
    phrases = _CLASS_ALIASES.get(term, ()) or tuple(candidates)
    return any(re.search(rf"(?<![a-z0-9]){re.escape(p)}s?(?![a-z0-9])", article.descriptors) for p in phrases)


@dataclass(frozen=True)
class TermMatcher:
    """Finds an interaction's `with` term in patient text: the term as written (singular or plural), the last
    words of a long term ("contrast dye" for "iodinated contrast dye"), lay words for alcohol and tobacco, and
    the medicines its reason names as examples."""

    interaction: Interaction

    @cached_property
    def _forms(self) -> dict[str, str]:
        """Form -> how to name what was found in a note."""
        term = plain(self.interaction.with_)
        if not term or term in _TOO_BROAD:
            return {}
        forms = {term: term, singular(term): term, " ".join(singular(w) for w in term.split()): term}
        words = term.split()
        if len(words) == 3 and len(words[0]) >= 5:
            forms[" ".join(words[1:])] = term
        for lay in _LAY_TERMS.get(term, ()):
            forms[lay] = term
        for example in self.interaction.examples:
            forms.setdefault(example, example)
        return forms

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        return phrase_pattern(set(self._forms))

    def find(self, text_plain: str) -> str | None:
        """How the found thing is named ("alcohol" for "wine", "sumatriptan"), or None."""
        match = self._pattern.search(text_plain) if self._pattern is not None else None
        return self._forms[match.group(1)] if match else None


def load_catalog(store: KnowledgeStore) -> MedicationCatalog:
    articles = []
    for document in store.index.documents():
        if document.type != "medication":
            continue
        meta = document.metadata
        cautions = {
            key: str(meta[key]["note"]).strip()
            for key in ("pregnancy", "pediatric", "kidney", "food")
            if isinstance(meta.get(key), dict) and meta[key].get("note")
        }
        interactions = tuple(
            Interaction(str(item.get("with", "")), str(item.get("why", "")).strip())
            for item in meta.get("interactions") or [] if isinstance(item, dict) and item.get("with")
        )
        combinations = tuple(
            str(item.get("name")) for item in meta.get("combination_products") or []
            if isinstance(item, dict) and item.get("name")
        )
        articles.append(MedicationArticle(
            doc_id=document.doc_id, title=document.title, drug_class=str(meta.get("drug_class") or ""),
            generic_names=tuple(str(n) for n in meta.get("generic_names") or []),
            synonyms=tuple(str(n) for n in meta.get("synonyms") or []),
            allergy_classes=tuple(plain(str(c)) for c in meta.get("allergy_classes") or []),
            interactions=interactions, cautions=cautions, tags=tuple(str(t) for t in meta.get("tags") or []),
            combinations=combinations,
        ))
    return MedicationCatalog(articles)


_cache: dict[str, tuple[int, MedicationCatalog]] = {}
_cache_lock = threading.Lock()


def catalog_for(store: KnowledgeStore) -> MedicationCatalog:
    """The catalog for this store's content, rebuilt only when the content index's version changes."""
    key = str(store.index.path)
    version = store.index.version()
    with _cache_lock:
        cached = _cache.get(key)
        if cached is None or cached[0] != version:
            cached = (version, load_catalog(store))
            _cache[key] = cached
        return cached[1]
