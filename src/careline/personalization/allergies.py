"""Allergy notes: a medicine the question names that is on the patient's allergy list or in the same allergy
class (from the articles' `allergy_classes`), a class the question names ("can I take NSAIDs?"), and what an
article itself says about people with that allergy ("Some people who are allergic to penicillin also react to
cephalexin.").

Allergy entries are read the way patients write them: abbreviations ("PCN"), plurals ("penicillins"), brand
names, misspellings, and words around the allergen ("allergic to", "(hives)", "sulfa antibiotics").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from careline.personalization.catalog import (
    MedicationArticle,
    MedicationCatalog,
    phrase_pattern,
    plain,
    short_title,
    singular,
    stem_classes,
)
from careline.personalization.models import ASK_BEFORE_TAKING, AskedMedicine, PersonalNote
from careline.personalization.statements import find_passage
from careline.retrieval.store import KnowledgeStore
from careline.safety.text import edit_distance

# How patients write allergy classes -> the class names the articles use.
_ALLERGY_ALIASES: dict[str, str] = {
    "penicillin": "penicillins", "pcn": "penicillins", "pen": "penicillins",
    "sulfa": "sulfonamides", "sulpha": "sulfonamides", "sulfonamide": "sulfonamides",
    "sulphonamide": "sulfonamides", "sulfa drug": "sulfonamides", "sulfa antibiotic": "sulfonamides",
    "sulfa medicine": "sulfonamides", "sulfa medication": "sulfonamides",
    "nsaid": "nsaids", "anti inflammatory": "nsaids", "anti inflammatories": "nsaids",
    "nonsteroidal anti inflammatory": "nsaids", "non steroidal anti inflammatory": "nsaids",
    "cephalosporin": "cephalosporins", "macrolide": "macrolides", "tetracycline": "tetracyclines",
    "salicylate": "salicylates", "ace inhibitor": "ace inhibitors", "antihistamine": "antihistamines",
    "beta blocker": "beta blockers", "bisphosphonate": "bisphosphonates", "h2 blocker": "h2 blockers",
    "ppi": "proton pump inhibitors", "proton pump inhibitor": "proton pump inhibitors",
}
_ALLERGY_FILLER = re.compile(r"\b(?:allerg(?:y|ies|ic)|to|drugs?|medicines?|medications?|class|family|"
                             r"intolerance|sensitivity|reactions?|rash|hives|severe|mild|swelling|itching|"
                             r"anaphylaxis|causes?|gave|gives|me|antibiotics?|type)\b")
_CLASS_LABELS: dict[str, str] = {
    "penicillins": "a penicillin-type", "cephalosporins": "a cephalosporin", "sulfonamides": 'a sulfonamide ("sulfa")',
    "nsaids": "an NSAID (nonsteroidal anti-inflammatory)", "macrolides": "a macrolide",
    "tetracyclines": "a tetracycline", "salicylates": "a salicylate", "ace inhibitors": "an ACE inhibitor",
    "antihistamines": "an antihistamine", "beta blockers": "a beta blocker",
}
# Question words that name a class itself ("pen" and "ppi" are too short to find safely in free text).
_QUESTION_CLASS_WORDS = {alias: cls for alias, cls in _ALLERGY_ALIASES.items() if len(alias) >= 4 or alias == "pcn"}
_ALLERGY_WORD = r"\b(?:allerg\w*|react\w*)\b"


@dataclass(frozen=True)
class Allergy:
    """One allergy entry as the library understands it."""

    written: str
    classes: frozenset[str]
    article: MedicationArticle | None

    @property
    def display(self) -> str:
        shown = re.sub(r"\s*\ballerg(?:y|ies|ic)\b( to)?\s*", " ", self.written, flags=re.I).strip()
        return shown or self.written.strip()

    @cached_property
    def terms(self) -> frozenset[str]:
        """Words an article would use for this allergen ("penicillin", "sulfa", "aspirin")."""
        found = set()
        for cls in self.classes:
            found |= {cls, singular(cls)} | {a for a, c in _ALLERGY_ALIASES.items() if c == cls and len(a) >= 4}
        if self.article is not None:
            found |= {plain(self.article.title), *(plain(n) for n in self.article.generic_names)}
        core = _core(self.written)
        if len(core) >= 4 and len(core.split()) <= 3:
            found.add(core)
        return frozenset(found)

    @cached_property
    def statement_pattern(self) -> re.Pattern[str] | None:
        """A sentence about people with this allergy: an allergy word and one of the allergen's terms."""
        terms = phrase_pattern(self.terms)
        if terms is None:
            return None
        return re.compile(rf"(?=.*{_ALLERGY_WORD})(?=.*{terms.pattern})", re.I)


def _core(written: str) -> str:
    text = plain(written)
    return " ".join(_ALLERGY_FILLER.sub(" ", text).split()) or text


_allergy_cache: dict[tuple[int, str], Allergy] = {}


def read_allergy(written: str, catalog: MedicationCatalog) -> Allergy:
    key = (id(catalog), written)
    cached = _allergy_cache.get(key)
    if cached is None:
        if len(_allergy_cache) > 4096:
            _allergy_cache.clear()
        cached = _allergy_cache[key] = _read_allergy(written, catalog)
    return cached


def _read_allergy(written: str, catalog: MedicationCatalog) -> Allergy:
    allergen = _allergen_part(written)
    text = plain(allergen)
    core = _core(allergen)
    known = {c for a in catalog.articles.values() for c in a.allergy_classes}
    classes: set[str] = set()
    for candidate in (core, singular(core), text, *_word_runs(core)):
        classes |= _classes_of(candidate, known)
    if not classes and catalog.resolve(core) is None:
        # "penicilin", "sulpha drugs", "cephalosporns": a misspelled class name.
        classes |= {cls for word in core.split() if (cls := _misspelled_class(word, known))}
    classes |= stem_classes(core) & known
    # "sulfa antibiotics" names a class, even where a class word is also some medicine's lay name.
    names_class = bool(classes) and (core in _ALLERGY_ALIASES or singular(core) in _ALLERGY_ALIASES
                                     or core in known or core + "s" in known)
    article = None if names_class else catalog.resolve(core) or catalog.resolve(text)
    if article is not None:
        classes.update(article.allergy_classes)
    return Allergy(written, frozenset(classes), article)


_REACTION_DETAIL = re.compile(r"\([^)]*\)|\s[-\u2013\u2014:;]\s.*$")


def _allergen_part(written: str) -> str:
    """The allergen without the reaction a patient adds: "ACE inhibitor (lips swelled up)", "penicilin - rash"."""
    return _REACTION_DETAIL.sub(" ", written).strip() or written


def _word_runs(core: str) -> list[str]:
    """Every run of one to three words ("ace inhibitor lips" holds "ace inhibitor"), longest first."""
    words = core.split()
    return [" ".join(words[i:i + n]) for n in (3, 2, 1) for i in range(len(words) - n + 1)]


def _classes_of(candidate: str, known: set[str]) -> set[str]:
    found = {_ALLERGY_ALIASES[candidate]} if candidate in _ALLERGY_ALIASES else set()
    return found | {form for form in (candidate, candidate + "s", singular(candidate)) if form in known}


def _misspelled_class(word: str, known: set[str]) -> str | None:
    """The class a long word is one edit away from (two for long words); short words are too ambiguous."""
    if len(word) < 6:
        return None
    limit = 1 if len(word) <= 10 else 2
    names = {alias: cls for alias, cls in _ALLERGY_ALIASES.items() if len(alias) >= 6 and " " not in alias}
    names |= {singular(cls): cls for cls in known if " " not in cls}
    best = min(((edit_distance(word, name, limit), name) for name in names if name[0] == word[0]), default=None)
    return names[best[1]] if best and best[0] <= limit else None


def allergy_note(allergy: Allergy, asked: AskedMedicine) -> PersonalNote | None:
    """The asked medicine is the allergen itself, or shares its allergy class."""
    medicine = asked.article
    shared = sorted(allergy.classes & set(medicine.allergy_classes))
    same_medicine = allergy.article is not None and allergy.article.doc_id == medicine.doc_id
    if not shared and not same_medicine:
        return None
    opening = f"Your profile lists an allergy to {allergy.display}."
    if same_medicine:
        kind = _kind_label(medicine)
        what = (f"{asked.named_as.title()} contains {short_title(medicine).lower()}{kind},"
                if asked.combination else f"{medicine.title}{kind}, is")
        middle = f"{what} the medicine on your allergy list."
        doc_ids: tuple[str, ...] = (medicine.doc_id,)
    else:
        noun = "antibiotic" if "antibiotic" in medicine.drug_class.lower() else "medicine"
        label = _CLASS_LABELS.get(shared[0], f"in the {shared[0]} group of")
        subject = (f"{asked.named_as.title()} contains {short_title(medicine).lower()},"
                   if asked.combination else f"{medicine.title} is")
        middle = f"{subject} {label} {noun}"
        if allergy.article is not None:
            middle += f", like {short_title(allergy.article).lower()}"
        middle += "."
        doc_ids = (medicine.doc_id,) + ((allergy.article.doc_id,) if allergy.article else ())
    return PersonalNote("allergy", f"{opening} {middle} {ASK_BEFORE_TAKING}", tuple(dict.fromkeys(doc_ids)))


def _kind_label(medicine: MedicationArticle) -> str:
    """", a penicillin-type antibiotic" for a medicine in a known allergy class, else nothing."""
    label = next((_CLASS_LABELS[c] for c in medicine.allergy_classes if c in _CLASS_LABELS), None)
    if label is None:
        return ""
    noun = "antibiotic" if "antibiotic" in medicine.drug_class.lower() else "medicine"
    return f", {label} {noun}"


def allergy_text_note(allergy: Allergy, doc_id: str, title: str, own_name: str | None, store: KnowledgeStore,
                      version: int) -> PersonalNote | None:
    """What the article says about people with this allergy, preferring a sentence that also names the
    article's own medicine ("...allergic to penicillin also react to cephalexin")."""
    pattern = allergy.statement_pattern
    if pattern is None:
        return None
    passage = None
    if own_name:
        specific = re.compile(rf"{pattern.pattern}(?=.*\b{re.escape(own_name.lower())}\b)", re.I)
        passage = find_passage(store, version, doc_id, specific)
    passage = passage or find_passage(store, version, doc_id, pattern)
    if passage is None:
        return None
    text = (f"Your profile lists an allergy to {allergy.display}. From \u201c{title}\u201d: {passage} "
            f"{ASK_BEFORE_TAKING if own_name else 'Tell your doctor or pharmacist about your allergy.'}")
    return PersonalNote("allergy", text, (doc_id,))


_QUESTION_CLASSES = phrase_pattern(set(_QUESTION_CLASS_WORDS) | {singular(c) for c in _CLASS_LABELS})


def classes_named(question: str, catalog: MedicationCatalog) -> set[str]:
    """Allergy classes the question names as a class ("NSAIDs", "sulfa drugs", "penicillins")."""
    text = plain(question)
    known = {c for a in catalog.articles.values() for c in a.allergy_classes}
    pattern = _QUESTION_CLASSES
    found = set()
    for match in pattern.finditer(text) if pattern else ():
        word = match.group(1)
        cls = _QUESTION_CLASS_WORDS.get(word) or (word + "s" if word + "s" in known else None)
        if cls:
            found.add(cls)
    return found


def class_question_note(allergy: Allergy, classes: set[str], catalog: MedicationCatalog) -> PersonalNote | None:
    """The question asks about a class the patient's allergy belongs to."""
    shared = sorted(allergy.classes & classes)
    if not shared:
        return None
    label = _CLASS_LABELS.get(shared[0], f"in the {shared[0]} group")
    cited = allergy.article or next((a for a in catalog.articles.values() if shared[0] in a.allergy_classes), None)
    if cited is None:
        return None
    middle = (f"{allergy.article.title} is {label} medicine, the group you asked about."
              if allergy.article is not None else "You asked about that same group of medicines.")
    text = (f"Your profile lists an allergy to {allergy.display}. {middle} "
            "Ask your doctor or pharmacist before taking any medicine in that group.")
    return PersonalNote("allergy", text, (cited.doc_id,))
