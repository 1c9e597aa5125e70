"""Personal notes for one question: what the patient's stored profile means for the medicines and topics
the question is about. Every note's facts come from an article's sourced structured data (allergy classes,
interactions, pregnancy/pediatric/kidney notes) or from a sentence of the article itself; `doc_ids` names
those articles so the chat can cite them. Notes never tell a patient to stop or change a medicine: they end
by sending the question to the patient's doctor or pharmacist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from careline.patients.models import Profile
from careline.personalization.allergies import (
    Allergy,
    allergy_note,
    allergy_text_note,
    class_question_note,
    classes_named,
    read_allergy,
)
from careline.personalization.catalog import MedicationCatalog, catalog_for, plain
from careline.personalization.framing import (
    condition_notes,
    is_pregnant,
    kidney_condition,
    older_adult_note,
    pregnancy_text_note,
)
from careline.personalization.interactions import interaction_note, mentioned_interaction_note
from careline.personalization.models import ASK_BEFORE_GIVING, AskedMedicine, PatientMedicine, PersonalNote, closing
from careline.retrieval.intents import classify_question
from careline.retrieval.search import SearchResult
from careline.retrieval.store import KnowledgeStore

__all__ = ["PersonalNote", "asked_medicines", "personal_notes"]

OLDER_ADULT_AGE = 65
ADULT_AGE = 18
# Retrieved articles considered for vague medicine names ("blood thinner").
TOP_RESULTS = 3


# "what can I take for...", "something for this headache", "any over the counter...": the patient asks which
# medicine to take without naming one, so the medicines retrieval offers are the ones the answer is about.
_ASKS_WHAT_TO_TAKE = re.compile(
    r"\b(?:something|anything|what|which)\b(?:\s+\S+){0,3}?\s+(?:(?:can|could|should|do|to|may)\s+"
    r"(?:i\s+|we\s+|you\s+)?)?(?:take|use|give|try)\b"
    r"|\b(?:take|use|give|try)\s+(?:something|anything)\b"
    r"|\b(?:over the counter|otc)\b"
    r"|\b(?:what|which|any|best)\s+(?:\S+\s+){0,2}?(?:medicines?|medications?|meds|pills?|remed(?:y|ies)|"
    r"pain ?relievers?)\s+(?:for|to|that|help)")


def asked_medicines(question: str, results: list[SearchResult], catalog: MedicationCatalog) -> list[AskedMedicine]:
    """Medicines the question is about: named specifically, or named vaguely ("blood thinner") when retrieval
    also picked that article; when the question asks what to take without naming anything, the medicines
    among the top retrieved articles."""
    top = [r.doc_id for r in results[:TOP_RESULTS]]
    named = [AskedMedicine(catalog.articles[m.doc_id], m.name, m.combination)
             for m in catalog.named(question) if m.specific or m.doc_id in top]
    if named or not _ASKS_WHAT_TO_TAKE.search(plain(question)):
        return named
    return [AskedMedicine(catalog.articles[doc_id]) for doc_id in dict.fromkeys(top) if doc_id in catalog.articles]


def patient_medicines(profile: Profile, catalog: MedicationCatalog) -> list[PatientMedicine]:
    """The profile's medicines, each with its library article when there is one ("lisinopril-HCTZ" is two)."""
    taken = []
    for entry in profile.medications:
        if not _names_something(entry.name):
            continue
        articles = catalog.resolve_all(entry.name)
        taken += [PatientMedicine(entry.name, article) for article in articles] or [PatientMedicine(entry.name, None)]
    return taken


# "NKDA", "none", "no known allergies": profile entries that say there is nothing.
_NOTHING = re.compile(r"^\s*(?:none|nil|n/?a|nkda|nka|no known\b.*|no (?:drug )?allerg.*|-+)?\s*$", re.I)


def _names_something(entry: str) -> bool:
    return not _NOTHING.match(entry)


class _Patient:
    """What the profile says, read once per question."""

    def __init__(self, profile: Profile, catalog: MedicationCatalog, today: date) -> None:
        self.profile = profile
        self.age = profile.age_on(today)
        self.age_words = _age_words(profile, today)
        self.pregnant = is_pregnant(profile)
        self.kidney_condition = kidney_condition(profile)
        self.taken = patient_medicines(profile, catalog)
        self.own_doc_ids = {m.article.doc_id for m in self.taken if m.article is not None}
        self.allergies: list[Allergy] = [read_allergy(a, catalog) for a in profile.allergies if _names_something(a)]
        self.interaction_noted: set[int] = set()  # indexes in `taken` an interaction note already covers


def personal_notes(profile: Profile, question: str, results: list[SearchResult], store: KnowledgeStore,
                   today: date | None = None) -> list[PersonalNote]:
    """Notes on what this patient's profile means for the question (empty when nothing applies)."""
    catalog = catalog_for(store)
    version = store.index.version()
    patient = _Patient(profile, catalog, today or date.today())
    asked = asked_medicines(question, results, catalog)
    notes: list[PersonalNote] = []
    for medicine in asked:
        notes.extend(_medicine_notes(medicine, patient, catalog, store, version))
    notes.extend(_question_allergy_notes(patient, question, asked, notes, results, catalog, store, version))
    notes.extend(_mentioned_interaction_notes(patient, question))
    skip = {"kidney disease"} if any(n.kind == "kidney" for n in notes) else set()
    # Framing looks at what the question is about: the medicines it names, else the best retrieved article.
    topic = [m.article.doc_id for m in asked] or [r.doc_id for r in results[:1]]
    notes.extend(condition_notes(profile, topic, results, store, version, skip, patient.own_doc_ids))
    return _unique(notes)


def _medicine_notes(asked: AskedMedicine, patient: _Patient, catalog: MedicationCatalog, store: KnowledgeStore,
                    version: int) -> list[PersonalNote]:
    medicine = asked.article
    takes_it = medicine.doc_id in patient.own_doc_ids
    notes: list[PersonalNote] = []
    allergy = _first(allergy_note(a, asked) for a in patient.allergies) or _first(
        allergy_text_note(a, medicine.doc_id, medicine.title, medicine.title, store, version)
        for a in patient.allergies)
    if allergy:
        notes.append(allergy)
    for index, taken in enumerate(patient.taken):
        if taken.article is not None and taken.article.doc_id == medicine.doc_id:
            continue
        note = interaction_note(asked, taken, catalog)
        if note:
            notes.append(note)
            patient.interaction_noted.add(index)
    cautions = medicine.cautions
    if patient.pregnant:
        if "pregnancy" in cautions:
            text = f"You are pregnant (on your profile). {asked.label}: {cautions['pregnancy']}"
            notes.append(PersonalNote("pregnancy", closing(text, takes_it=takes_it), (medicine.doc_id,)))
        else:
            notes.extend(filter(None, [pregnancy_text_note(asked, takes_it, store, version)]))
    if patient.age is not None and patient.age < ADULT_AGE and "pediatric" in cautions:
        text = f"This profile is for a child ({patient.age_words}). {asked.label}: {cautions['pediatric']}"
        notes.append(PersonalNote("pediatric", closing(text, takes_it=takes_it, default=ASK_BEFORE_GIVING),
                                  (medicine.doc_id,)))
    if patient.age is not None and patient.age >= OLDER_ADULT_AGE:
        notes.extend(filter(None, [older_adult_note(asked, patient.age, takes_it, store, version)]))
    if patient.kidney_condition and "kidney" in cautions:
        text = f"You have {patient.kidney_condition} on file. {asked.label}: {cautions['kidney']}"
        notes.append(PersonalNote("kidney", closing(text, takes_it=takes_it), (medicine.doc_id,)))
    return notes


def _question_allergy_notes(patient: _Patient, question: str, asked: list[AskedMedicine],
                            notes: list[PersonalNote], results: list[SearchResult], catalog: MedicationCatalog,
                            store: KnowledgeStore, version: int) -> list[PersonalNote]:
    """Allergy notes the medicines named did not give: a class the question names ("NSAIDs"), or, when no
    medicine is named and the question is about treatment, what the topic's article says about people with
    the allergy."""
    if not patient.allergies or any(n.kind == "allergy" for n in notes):
        return []
    classes = classes_named(question, catalog)
    note = _first(class_question_note(a, classes, catalog) for a in patient.allergies) if classes else None
    if note is None and not asked and results and _about_treatment(question):
        top = results[0]
        medicine = catalog.articles.get(top.doc_id)
        if medicine is not None:  # the answer will be about this medicine: its allergy class counts
            note = _first(allergy_note(a, AskedMedicine(medicine)) for a in patient.allergies)
        note = note or _first(allergy_text_note(a, top.doc_id, top.title, None, store, version)
                              for a in patient.allergies)
    return [note] if note else []


# Question types where what an article says about people with an allergy bears on the answer ("how is strep
# throat treated?"), unlike "what are the symptoms of strep throat?".
_TREATMENT_INTENTS = frozenset({"treatment", "how_to_take", "self_care"})


_TREATMENT_WORDS = re.compile(r"\b(?:antibiotics?|medicines?|medications?|meds|drugs?|pills?|treat\w*)\b")


def _about_treatment(question: str) -> bool:
    text = plain(question)
    return (classify_question(question) in _TREATMENT_INTENTS or bool(_ASKS_WHAT_TO_TAKE.search(text))
            or bool(_TREATMENT_WORDS.search(text)))


def _mentioned_interaction_notes(patient: _Patient, question: str) -> list[PersonalNote]:
    """For each of the patient's medicines no note has covered yet: something the question mentions that its
    article lists as an interaction (alcohol, calcium supplements, contrast dye)."""
    found = []
    for index, taken in enumerate(patient.taken):
        if index in patient.interaction_noted:
            continue
        note = mentioned_interaction_note(taken, question)
        if note:
            found.append(note)
    return found


def _age_words(profile: Profile, today: date) -> str:
    """"7 years old"; a baby's age in weeks or months."""
    birth = profile.birth_date
    if birth is None:
        return ""
    days = (today - birth).days
    if days < 0:
        return ""
    if days < 61:
        weeks = max(days // 7, 0)
        return f"{weeks} week{'s' if weeks != 1 else ''} old"
    if days < 730:
        months = (today.year - birth.year) * 12 + today.month - birth.month - (today.day < birth.day)
        return f"{months} month{'s' if months != 1 else ''} old"
    years = profile.age_on(today)
    return f"{years} years old"


def _first(notes: Iterable[PersonalNote | None]) -> PersonalNote | None:
    return next((note for note in notes if note is not None), None)


def _unique(notes: list[PersonalNote]) -> list[PersonalNote]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for note in notes:
        if (note.kind, note.text) not in seen:
            seen.add((note.kind, note.text))
            unique.append(note)
    return unique
