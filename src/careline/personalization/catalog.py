"""The medication articles' structured data (names, classes, allergy classes, interactions, cautions), read
from the content index once and kept until the content changes; and finding medicines in patient text.

Names are matched as whole phrases. Brand names, generic names and the misspellings listed in an article
are "specific"; lay phrases shared by several articles or made of everyday words ("blood thinner",
"water pill", "pain reliever") are "vague" and only count when retrieval also picked that article.
Misspellings not listed are caught by a small edit-distance match against the specific one-word names.
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


@dataclass(frozen=True)
class Interaction:
    with_: str
    why: str


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

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(plain(n) for n in (self.title, *self.generic_names, *self.synonyms))

    @cached_property
    def descriptors(self) -> str:
        """What kind of medicine this is, for class terms such as "nsaids" or "diuretics": the drug class,
        allergy classes, tags and synonyms, as one "|"-separated string."""
        return " | ".join(plain(d) for d in (self.drug_class, *self.allergy_classes, *self.tags, *self.synonyms))


# Class terms used in `interactions[].with` whose words do not appear in the member articles' data.
_CLASS_ALIASES: dict[str, tuple[str, ...]] = {
    "diabetes medicines": ("diabetes", "blood sugar"),
    "other acetaminophen products": ("acetaminophen",),
    "heart rhythm medicines": ("antiarrhythmic", "heart rhythm"),
}
# Words that say what kind of medicine something is, not which one ("pain reliever", "steroid inhaler").
_KIND_WORDS = word_set(
    """reliever reducer inhaler inhibitor inhibitors blocker blockers tablet tablets capsule capsules pill pills
    medicine shot antibiotic antibiotics diuretic contraceptive progestin controller preventer drowsy steroid
    steroids thinner antidepressant hormone nebulizer injection"""
)
# Too broad to say anything useful about a particular patient medicine.
_TOO_BROAD = frozenset({"oral medicines"})


class MedicationCatalog:
    def __init__(self, articles: list[MedicationArticle]) -> None:
        self.articles = {article.doc_id: article for article in articles}
        owners: dict[str, set[str]] = defaultdict(set)
        for article in articles:
            for name in article.names:
                if name:
                    owners[name].add(article.doc_id)
        self._owners = dict(owners)
        self._specific = {name for name, docs in owners.items() if len(docs) == 1 and self._is_specific(name, docs)}
        phrases = sorted(owners, key=len, reverse=True)
        self._pattern = re.compile(r"(?<![a-z0-9])(" + "|".join(re.escape(p) for p in phrases) + r")(?![a-z0-9])") \
            if phrases else None
        # One-word specific names (brands, generic names) for the fuzzy match of unlisted misspellings.
        self._fuzzy_names = sorted(name for name in self._specific if " " not in name and len(name) >= 5)
        self._term_cache: dict[tuple[str, str | None, str], bool] = {}
        self._fuzzy_cache: dict[str, str | None] = {}

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

    def mentions(self, text: str) -> list[tuple[str, bool]]:
        """(doc_id, specific) for each medicine named in the text, in order of appearance."""
        found: dict[str, bool] = {}
        lowered = plain(text)
        if self._pattern is not None:
            for match in self._pattern.finditer(lowered):
                name = match.group(1)
                for doc_id in sorted(self._owners[name]):
                    found[doc_id] = found.get(doc_id, False) or name in self._specific
        for word in set(lowered.split()):
            if len(word) < 5 or word in self._owners or is_common_word(word):
                continue
            doc_id = self._fuzzy_owner(word)
            if doc_id and doc_id not in found:
                found[doc_id] = True
        return list(found.items())

    def _fuzzy_owner(self, word: str) -> str | None:
        if word not in self._fuzzy_cache:
            if len(self._fuzzy_cache) > _TERM_CACHE_SIZE:
                self._fuzzy_cache.clear()
            self._fuzzy_cache[word] = self._closest_name_owner(word)
        return self._fuzzy_cache[word]

    def _closest_name_owner(self, word: str) -> str | None:
        limit = 1 if len(word) <= 7 else 2
        best: tuple[int, str] | None = None
        for name in self._fuzzy_names:
            if name[0] != word[0]:
                continue
            distance = edit_distance(word, name, limit)
            if distance <= limit and (best is None or (distance, name) < best):
                best = (distance, name)
        return next(iter(self._owners[best[1]])) if best else None

    def resolve(self, name: str) -> MedicationArticle | None:
        """The article for a medicine as written on a profile ("Coumadin 5 mg", "metformin ER")."""
        specific = [doc_id for doc_id, is_specific in self.mentions(name) if is_specific]
        return self.articles[specific[0]] if specific else None

    def term_matches(self, term: str, article: MedicationArticle | None, written_name: str) -> bool:
        """Does an interaction's `with` term ("warfarin", "nsaids", "calcium supplements") cover this
        medicine (its article when known, else the name as the patient wrote it)?"""
        key = (term, article.doc_id if article else None, written_name)
        if key not in self._term_cache:
            if len(self._term_cache) > _TERM_CACHE_SIZE:
                self._term_cache.clear()
            self._term_cache[key] = _term_covers(plain(term), article, plain(written_name))
        return self._term_cache[key]


_TERM_CACHE_SIZE = 20_000


def _term_covers(term: str, article: MedicationArticle | None, written: str) -> bool:
    if not term or term in _TOO_BROAD:
        return False
    if term.endswith(" supplements"):
        return f" {term.split()[0]} " in f" {written} "
    candidates = {term, singular(term)}
    if article is None:
        return any(f" {c} " in f" {written} " for c in candidates)
    if candidates & article.names:
        return True
    phrases = _CLASS_ALIASES.get(term, ()) or tuple(candidates)
    return any(re.search(rf"(?<![a-z0-9]){re.escape(p)}s?(?![a-z0-9])", article.descriptors) for p in phrases)


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
        articles.append(MedicationArticle(
            doc_id=document.doc_id, title=document.title, drug_class=str(meta.get("drug_class") or ""),
            generic_names=tuple(str(n) for n in meta.get("generic_names") or []),
            synonyms=tuple(str(n) for n in meta.get("synonyms") or []),
            allergy_classes=tuple(plain(str(c)) for c in meta.get("allergy_classes") or []),
            interactions=interactions, cautions=cautions, tags=tuple(str(t) for t in meta.get("tags") or []),
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
