"""Personal notes for one question: what the patient's stored profile means for the medicines and topics
the question is about. Every note's facts come from an article's sourced structured data (allergy classes,
interactions, pregnancy/pediatric/kidney notes) or from a sentence of the article itself; `doc_ids` names
those articles so the chat can cite them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from careline.patients.models import Profile
from careline.personalization.catalog import MedicationArticle, MedicationCatalog, catalog_for, plain, singular
from careline.retrieval.search import SearchResult
from careline.retrieval.store import KnowledgeStore

OLDER_ADULT_AGE = 65
ADULT_AGE = 18
# Retrieved articles considered for vague medicine names ("blood thinner").
TOP_RESULTS = 3
MAX_CONDITION_NOTES = 2


@dataclass(frozen=True)
class PersonalNote:
    kind: str  # allergy, interaction, pregnancy, pediatric, older_adult, kidney, condition
    text: str
    doc_ids: tuple[str, ...]


# ----- allergies ---------------------------------------------------------------------------------------------

# How patients write allergy classes -> the class names the articles use.
_ALLERGY_ALIASES: dict[str, str] = {
    "penicillin": "penicillins", "pcn": "penicillins", "pen": "penicillins",
    "sulfa": "sulfonamides", "sulpha": "sulfonamides", "sulfonamide": "sulfonamides",
    "sulphonamide": "sulfonamides", "sulfa drug": "sulfonamides", "sulfa antibiotic": "sulfonamides",
    "nsaid": "nsaids", "anti inflammatory": "nsaids", "anti inflammatories": "nsaids",
    "nonsteroidal anti inflammatory": "nsaids", "non steroidal anti inflammatory": "nsaids",
    "cephalosporin": "cephalosporins", "macrolide": "macrolides", "tetracycline": "tetracyclines",
    "salicylate": "salicylates", "ace inhibitor": "ace inhibitors", "antihistamine": "antihistamines",
    "beta blocker": "beta blockers", "bisphosphonate": "bisphosphonates", "h2 blocker": "h2 blockers",
    "ppi": "proton pump inhibitors", "proton pump inhibitor": "proton pump inhibitors",
}
_ALLERGY_FILLER = re.compile(r"\b(?:allerg(?:y|ies|ic)|to|drugs?|medicines?|medications?|class|family|"
                             r"intolerance|sensitivity|reaction|rash|hives|severe|mild)\b")
_CLASS_LABELS: dict[str, str] = {
    "penicillins": "a penicillin-type", "cephalosporins": "a cephalosporin", "sulfonamides": 'a sulfonamide ("sulfa")',
    "nsaids": "an NSAID (nonsteroidal anti-inflammatory)", "macrolides": "a macrolide",
    "tetracyclines": "a tetracycline", "salicylates": "a salicylate", "ace inhibitors": "an ACE inhibitor",
    "antihistamines": "an antihistamine", "beta blockers": "a beta blocker",
}


def _allergy_classes(allergy: str, catalog: MedicationCatalog) -> tuple[set[str], MedicationArticle | None]:
    """The allergy classes an allergy entry covers, and the article when it names one medicine."""
    text = plain(allergy)
    core = " ".join(_ALLERGY_FILLER.sub(" ", text).split()) or text
    classes = set()
    for candidate in (core, singular(core), text):
        if candidate in _ALLERGY_ALIASES:
            classes.add(_ALLERGY_ALIASES[candidate])
        known = {c for a in catalog.articles.values() for c in a.allergy_classes}
        for form in (candidate, candidate + "s", singular(candidate)):
            if form in known:
                classes.add(form)
    article = catalog.resolve(core) or catalog.resolve(text)
    if article is not None:
        classes.update(article.allergy_classes)
    return classes, article


def _allergy_note(allergy: str, medicine: MedicationArticle, catalog: MedicationCatalog) -> PersonalNote | None:
    classes, allergy_article = _allergy_classes(allergy, catalog)
    shared = sorted(classes & set(medicine.allergy_classes))
    same_medicine = allergy_article is not None and allergy_article.doc_id == medicine.doc_id
    if not shared and not same_medicine:
        return None
    opening = f"Your profile lists an allergy to {_allergy_display(allergy)}."
    if same_medicine:
        middle = f"{medicine.title} is the medicine on your allergy list."
        doc_ids: tuple[str, ...] = (medicine.doc_id,)
    else:
        noun = "antibiotic" if "antibiotic" in medicine.drug_class.lower() else "medicine"
        label = _CLASS_LABELS.get(shared[0], f"in the {shared[0]} group of")
        middle = f"{medicine.title} is {label} {noun}"
        if allergy_article is not None:
            middle += f", like {allergy_article.title.lower()}"
        middle += "."
        doc_ids = (medicine.doc_id,) + ((allergy_article.doc_id,) if allergy_article else ())
    text = f"{opening} {middle} Tell your prescriber and pharmacist before taking it."
    return PersonalNote("allergy", text, tuple(dict.fromkeys(doc_ids)))


def _allergy_display(allergy: str) -> str:
    shown = re.sub(r"\s*\ballerg(?:y|ies|ic)\b( to)?\s*", " ", allergy, flags=re.I).strip()
    return shown or allergy.strip()


# ----- interactions ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PatientMedicine:
    written: str  # as on the profile
    article: MedicationArticle | None


def _interaction_note(medicine: MedicationArticle, taken: PatientMedicine,
                      catalog: MedicationCatalog) -> PersonalNote | None:
    """One note per pair, worded from the asked medicine's article when it lists the interaction, else from
    the patient's medicine's article; both articles are cited when both list it."""
    reasons: list[tuple[str, str]] = []  # (why, doc_id)
    forward = _listed_interaction(medicine, taken.article, taken.written, catalog)
    if forward:
        reasons.append((forward, medicine.doc_id))
    if taken.article is not None:
        backward = _listed_interaction(taken.article, medicine, medicine.title, catalog)
        if backward:
            reasons.append((backward, taken.article.doc_id))
    if not reasons:
        return None
    taken_name = _medicine_display(taken)
    why = _sentence_case(reasons[0][0].rstrip("."))
    text = (f"You take {taken_name}. {medicine.title} and {taken_name}: {why}. "
            "Ask your pharmacist or prescriber before taking them together.")
    return PersonalNote("interaction", text, tuple(dict.fromkeys(doc_id for _, doc_id in reasons)))


def _listed_interaction(article: MedicationArticle, other: MedicationArticle | None, other_written: str,
                        catalog: MedicationCatalog) -> str | None:
    """The `why` of the article's interaction that covers the other medicine; a by-name entry wins over a
    drug-class entry ("aspirin" before "nsaids")."""
    matching = [i for i in article.interactions if catalog.term_matches(i.with_, other, other_written)]
    if not matching:
        return None
    names = other.names if other is not None else {plain(other_written)}
    matching.sort(key=lambda i: plain(i.with_) not in names)
    return matching[0].why


def _medicine_display(taken: PatientMedicine) -> str:
    written = taken.written.strip()
    if taken.article is None or plain(taken.article.title) in plain(written):
        return written
    return f"{written} ({taken.article.title.lower()})"


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


# ----- conditions --------------------------------------------------------------------------------------------

# Patient condition wording -> (label, how articles mention it).
_CONDITIONS: tuple[tuple[re.Pattern[str], str, re.Pattern[str]], ...] = tuple(
    (re.compile(written), label, re.compile(mentioned, re.I))
    for written, label, mentioned in (
        (r"diabet|\bt[12]d\b|\bdm\b|\bdm2\b|\biddm\b|\bniddm\b", "diabetes", r"\bdiabet\w*"),
        (r"(?:kidney|renal)(?! stones?| infection)|\bckd\b|dialysis|\besrd\b", "kidney disease",
         r"kidney (?:or liver )?(?:disease|problems?|failure)|\bckd\b|kidneys? (?:that )?(?:do not|don't) work"),
        (r"asthma", "asthma", r"\basthma\b"),
        (r"copd|emphysema|chronic bronchitis", "COPD", r"\bcopd\b|lung disease"),
        (r"heart (?:disease|failure)|coronary|\bcad\b|\bchf\b|angina|heart attack", "heart disease",
         r"heart (?:disease|failure|problems?)"),
        (r"hypertension|high blood pressure|\bhtn\b|high bp", "high blood pressure",
         r"high blood pressure|hypertension"),
        (r"liver|hepat|cirrhosis", "liver disease", r"liver (?:disease|problems?)"),
        (r"epilep|seizure", "epilepsy", r"\bepilep\w*|\bseizures\b"),
        (r"depress", "depression", r"\bdepression\b"),
        (r"\bhiv\b|immunocompromised|transplant|chemo", "a weak immune system", r"weak(?:ened)? immune system"),
        (r"ulcer", "stomach ulcers", r"\bulcers?\b"),
    )
)
_KIDNEY_CONDITION = _CONDITIONS[1][0]


def _condition_matchers(conditions: list[str]) -> list[tuple[str, str, re.Pattern[str]]]:
    """(as written, label, mention pattern) for each condition on the profile."""
    matchers = []
    for written in conditions:
        lowered = written.lower()
        for pattern, label, mentioned in _CONDITIONS:
            if pattern.search(lowered):
                matchers.append((written, label, mentioned))
                break
        else:
            if len(lowered.strip()) >= 4:
                matchers.append((written, lowered.strip(), re.compile(rf"\b{re.escape(lowered.strip())}\b", re.I)))
    return matchers


_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
# A short sentence with none of these verbs after "...include:" is a list item of that lead.
_VERB = re.compile(r"(?<!who )(?<!that )(?<!which )\b(?:is|are|was|were|be|can|could|may|might|will|would|should|"
                   r"must|do|does|did|has|have|had|"
                   r"get|gets|take|takes|make|makes|cause|causes|need|needs|ask|call|tell)\b", re.I)
_MAX_ITEM_WORDS = 14


_statement_cache: dict[tuple[str, int, str], tuple[str, ...]] = {}
_STATEMENT_CACHE_SIZE = 4096


def _article_statements(store: KnowledgeStore, version: int, doc_id: str) -> tuple[str, ...]:
    """The article's sentences, bullet items joined to the line that introduces them; cached per version."""
    key = (str(store.index.path), version, doc_id)
    cached = _statement_cache.get(key)
    if cached is None:
        if len(_statement_cache) >= _STATEMENT_CACHE_SIZE:
            _statement_cache.clear()
        cached = _statement_cache[key] = _split_statements(chunk.text for chunk in store.index.document_chunks(doc_id))
    return cached


def _split_statements(texts: Iterable[str]) -> tuple[str, ...]:
    """Sentences; list items keep the words that introduced the list ("Some people are at higher risk of
    serious illness: People with long-term health problems, such as asthma, diabetes or heart disease.")."""
    statements: list[str] = []
    for text in texts:
        lead = ""
        for line in text.replace("**", "").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            bullet = bool(_BULLET.match(line))
            for sentence in re.split(r"(?<=[.!?])\s+", _BULLET.sub("", line)):
                sentence = sentence.strip()
                if not sentence:
                    continue
                head, colon, item = sentence.partition(": ")
                if not colon and sentence.endswith(":"):
                    head, colon, item = sentence[:-1], ":", ""
                if colon and not bullet:
                    lead = head.strip() + ":"
                    if item.strip():
                        statements.append(f"{lead} {item.strip()}")
                    continue
                is_item = bullet or (len(sentence.split()) <= _MAX_ITEM_WORDS and not _VERB.search(sentence))
                if lead and is_item:
                    statements.append(f"{lead} {sentence}")
                else:
                    lead = lead if bullet else ""
                    statements.append(sentence)
    return tuple(statements)


def _condition_notes(profile: Profile, topic_doc_ids: list[str], store: KnowledgeStore,
                     skip_labels: set[str]) -> list[PersonalNote]:
    matchers = [m for m in _condition_matchers(profile.conditions) if m[1] not in skip_labels]
    if not matchers or not topic_doc_ids:
        return []
    version = store.index.version()
    doc_ids = topic_doc_ids
    notes: list[PersonalNote] = []
    for written, _label, mentioned in matchers:
        for doc_id in doc_ids:
            document = store.index.get_document(doc_id)
            if document is None or _is_about(document.title, document.metadata, mentioned):
                continue
            statement = next((s for s in _article_statements(store, version, doc_id) if mentioned.search(s)), None)
            if statement:
                notes.append(PersonalNote(
                    "condition", f"You have {written.strip()} on file. From \u201c{document.title}\u201d: {statement}",
                    (doc_id,),
                ))
                break
        if len(notes) >= MAX_CONDITION_NOTES:
            break
    return notes


def _is_about(title: str, metadata: dict, mentioned: re.Pattern[str]) -> bool:
    """An article about the condition itself (or a medicine for it) needs no "you have X" framing."""
    about = " ".join([title, *metadata.get("tags", []), *metadata.get("synonyms", []),
                      str(metadata.get("drug_class") or "")])
    return bool(mentioned.search(about))


# ----- the notes for one question ----------------------------------------------------------------------------


def asked_medicines(question: str, results: list[SearchResult], catalog: MedicationCatalog) -> list[MedicationArticle]:
    """Medicines the question is about: named specifically, or named vaguely ("blood thinner") when retrieval
    also picked that article."""
    top = [r.doc_id for r in results[:TOP_RESULTS]]
    chosen = []
    for doc_id, specific in catalog.mentions(question):
        if specific or doc_id in top:
            chosen.append(catalog.articles[doc_id])
    return chosen


def personal_notes(profile: Profile, question: str, results: list[SearchResult], store: KnowledgeStore,
                   today: date | None = None) -> list[PersonalNote]:
    """Notes on what this patient's profile means for the question (empty when nothing applies)."""
    catalog = catalog_for(store)
    medicines = asked_medicines(question, results, catalog)
    age = profile.age_on(today or date.today())
    kidney_condition = next((c.strip() for c in profile.conditions if _KIDNEY_CONDITION.search(c.lower())), None)
    taken = [PatientMedicine(m.name, catalog.resolve(m.name)) for m in profile.medications if m.name.strip()]
    notes: list[PersonalNote] = []
    for medicine in medicines:
        notes.extend(_medicine_notes(medicine, profile, age, kidney_condition, taken, catalog))
    skip = {"kidney disease"} if any(n.kind == "kidney" for n in notes) else set()
    # Framing looks at what the question is about: the medicines it names, else the best retrieved article.
    topic = [m.doc_id for m in medicines] or [r.doc_id for r in results[:1]]
    notes.extend(_condition_notes(profile, topic, store, skip))
    return _unique(notes)


def _medicine_notes(medicine: MedicationArticle, profile: Profile, age: int | None, kidney_condition: str | None,
                    taken: list[PatientMedicine], catalog: MedicationCatalog) -> list[PersonalNote]:
    notes: list[PersonalNote] = []
    for allergy in profile.allergies:
        note = _allergy_note(allergy, medicine, catalog) if allergy.strip() else None
        if note:
            notes.append(note)
            break
    for medicine_taken in taken:
        if medicine_taken.article is not None and medicine_taken.article.doc_id == medicine.doc_id:
            continue
        note = _interaction_note(medicine, medicine_taken, catalog)
        if note:
            notes.append(note)
    cautions = medicine.cautions
    if profile.pregnant and "pregnancy" in cautions:
        notes.append(PersonalNote("pregnancy", f"You are pregnant (on your profile). {medicine.title}: "
                                  f"{cautions['pregnancy']}", (medicine.doc_id,)))
    if age is not None and age < ADULT_AGE and "pediatric" in cautions:
        notes.append(PersonalNote("pediatric", f"This profile is for a child ({age} years old). {medicine.title}: "
                                  f"{cautions['pediatric']}", (medicine.doc_id,)))
    if age is not None and age >= OLDER_ADULT_AGE:
        notes.append(PersonalNote(
            "older_adult", f"You are {age} (on your profile). Older adults can be more sensitive to some medicines. "
            f"Ask your pharmacist whether {medicine.title.lower()} is a good fit for you.", (medicine.doc_id,)))
    if kidney_condition and "kidney" in cautions:
        notes.append(PersonalNote("kidney", f"You have {kidney_condition} on file. {medicine.title}: "
                                  f"{cautions['kidney']}", (medicine.doc_id,)))
    return notes


def _unique(notes: list[PersonalNote]) -> list[PersonalNote]:
    seen: set[tuple[str, str]] = set()
    unique = []
    for note in notes:
        if (note.kind, note.text) not in seen:
            seen.add((note.kind, note.text))
            unique.append(note)
    return unique
