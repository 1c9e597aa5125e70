"""Notes quoted from article text: what an article about the question's topic says about people with the
patient's conditions (kidney disease among them), what a medicine's article says about older adults or
pregnancy when its front matter has no sourced note, and, when the question is about the patient's own kind
of condition but retrieval led with a sibling article ("type 1 diabetes" for a type 2 patient), the article
about their own condition.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from careline.patients.models import Profile
from careline.personalization.catalog import plain
from careline.personalization.models import ASK_IF_GOOD_FIT, AskedMedicine, PersonalNote, closing
from careline.personalization.statements import find_passage, split_statements
from careline.retrieval.search import SearchResult
from careline.retrieval.store import KnowledgeStore

MAX_CONDITION_NOTES = 2


@dataclass(frozen=True)
class ConditionKind:
    label: str
    written: re.Pattern[str]  # how a profile writes it
    mentioned: re.Pattern[str]  # how articles mention it
    kind: str = "condition"  # the note kind its framing gives


_CONDITIONS: tuple[ConditionKind, ...] = tuple(
    ConditionKind(label, re.compile(written), re.compile(mentioned, re.I), kind)
    for written, label, mentioned, kind in (
        (r"diabet|\bt[12]dm?\b|\bdm\b|\bdm[12]\b|\biddm\b|\bniddm\b", "diabetes", r"\bdiabet\w*", "condition"),
        (r"(?:kidney|renal)(?! stones?| infection)|\bckd\b|dialysis|\besrd\b|nephropath|nephritis|nephrotic",
         "kidney disease",
         r"kidney (?:or liver )?(?:disease|problems?|failure)|\bckd\b|kidneys? (?:that )?(?:do not|don't) work",
         "kidney"),
        (r"asthma", "asthma", r"\basthma\b", "condition"),
        (r"copd|emphysema|chronic bronchitis", "COPD", r"\bcopd\b|lung disease", "condition"),
        # Heart failure first: an article's own "heart failure" sentence beats its general "heart disease" one.
        (r"heart failure|\bchf\b|\bhfref\b|\bhfpef\b|weak heart", "heart failure", r"heart failure", "condition"),
        (r"heart (?:disease|failure)|coronary|\bcad\b|\bchf\b|angina|heart attack", "heart disease",
         r"heart (?:disease|failure|problems?)", "condition"),
        (r"hypertension|high blood pressure|\bhtn\b|high bp", "high blood pressure",
         r"high blood pressure|hypertension", "condition"),
        (r"liver|hepat|cirrhosis", "liver disease", r"liver (?:disease|problems?)", "condition"),
        (r"epilep|seizure", "epilepsy", r"\bepilep\w*|\bseizures\b", "condition"),
        (r"depress", "depression", r"\bdepression\b", "condition"),
        (r"\bhiv\b|immunocompromised|transplant|chemo", "a weak immune system", r"weak(?:ened)? immune system",
         "condition"),
        (r"ulcer", "stomach ulcers", r"\bulcers?\b", "condition"),
    )
)
KIDNEY_CONDITION = _CONDITIONS[1].written


def kidney_condition(profile: Profile) -> str | None:
    """The kidney disease on the profile, as written ("CKD stage 3", "kidney failure"), or None."""
    return next((c.strip() for c in profile.conditions if KIDNEY_CONDITION.search(c.lower())), None)


_PREGNANT = re.compile(r"\bpregnan")
_NOT_NOW = re.compile(r"\b(?:not|no|planning|plans?|trying|post|history|previous|past|after|former)\b")


def is_pregnant(profile: Profile) -> bool:
    """The profile's pregnancy flag; when it is unset, a current pregnancy written as a condition."""
    if profile.pregnant is not None:
        return bool(profile.pregnant)
    return any(_PREGNANT.search(c.lower()) and not _NOT_NOW.search(c.lower()) for c in profile.conditions)


# ----- article text about the patient, for a medicine ------------------------------------------------------

_OLDER_ADULT = re.compile(r"\bolder (?:adults?|people|persons?)\b|\belderly\b|\b65 (?:or|and) older\b|\bover 65\b",
                          re.I)
_PREGNANCY_TEXT = re.compile(r"\bpregnan\w*", re.I)


def older_adult_note(asked: AskedMedicine, age: int, takes_it: bool, store: KnowledgeStore,
                     version: int) -> PersonalNote | None:
    """What the medicine's article says about older adults; nothing when it says nothing."""
    passage = find_passage(store, version, asked.article.doc_id, _OLDER_ADULT)
    if passage is None:
        return None
    text = f"You are {age} (on your profile). From \u201c{asked.article.title}\u201d: {passage}"
    return PersonalNote("older_adult", closing(text, takes_it=takes_it, default=ASK_IF_GOOD_FIT),
                        (asked.article.doc_id,))


def pregnancy_text_note(asked: AskedMedicine, takes_it: bool, store: KnowledgeStore,
                        version: int) -> PersonalNote | None:
    """For a medicine without a sourced pregnancy note: what its article says about pregnancy."""
    passage = find_passage(store, version, asked.article.doc_id, _PREGNANCY_TEXT)
    if passage is None:
        return None
    text = f"You are pregnant (on your profile). From \u201c{asked.article.title}\u201d: {passage}"
    return PersonalNote("pregnancy", closing(text, takes_it=takes_it), (asked.article.doc_id,))


# ----- conditions and the topic of the question -------------------------------------------------------------


def _condition_matchers(conditions: list[str]) -> list[tuple[str, list[ConditionKind]]]:
    """(as written, what it is: the most specific kind first, e.g. heart failure, then heart disease) for each
    condition on the profile."""
    matchers = []
    for written in conditions:
        lowered = written.lower().strip()
        known = [c for c in _CONDITIONS if c.written.search(lowered)]
        if known:
            matchers.append((written, known))
        elif len(lowered) >= 4:
            pattern = re.compile(rf"\b{re.escape(lowered)}\b", re.I)
            matchers.append((written, [ConditionKind(lowered, pattern, pattern)]))
    return matchers


def _shown(written: str, condition: ConditionKind) -> str:
    """How a note names the condition: as written, with what it is when that is shorthand ("CHF (heart failure)")."""
    written = written.strip()
    if condition.label.lower() in written.lower() or condition.mentioned.search(written):
        return written
    return f"{written} ({condition.label})"


def condition_notes(profile: Profile, topic_doc_ids: list[str], results: list[SearchResult],
                    store: KnowledgeStore, version: int, skip_labels: set[str],
                    own_doc_ids: Collection[str] = ()) -> list[PersonalNote]:
    """Framing for each condition: a sentence of the topic's article that mentions it, or, when the question
    is about that kind of condition, the article about the patient's own one. `own_doc_ids` are the patient's
    medicines, whose notes end by saying not to stop or change them alone."""
    matchers = [(written, kept) for written, kinds in _condition_matchers(profile.conditions)
                if (kept := [kind for kind in kinds if kind.label not in skip_labels])]
    if not matchers or not topic_doc_ids:
        return []
    notes: list[PersonalNote] = []
    for written, kinds in matchers:
        note = _first_note(written, kinds, topic_doc_ids, results, store, version, own_doc_ids)
        if note:
            notes.append(note)
        if len(notes) >= MAX_CONDITION_NOTES:
            break
    return notes


def _first_note(written: str, kinds: list[ConditionKind], topic_doc_ids: list[str], results: list[SearchResult],
                store: KnowledgeStore, version: int, own_doc_ids: Collection[str]) -> PersonalNote | None:
    shown = _shown(written, kinds[0])
    for condition in kinds:
        note = _topic_note(shown, condition, topic_doc_ids, store, version, own_doc_ids)
        note = note or _own_condition_note(written, shown, condition, results, store, version)
        if note:
            return note
    return None


def _topic_note(written: str, condition: ConditionKind, topic_doc_ids: list[str], store: KnowledgeStore,
                version: int, own_doc_ids: Collection[str]) -> PersonalNote | None:
    for doc_id in topic_doc_ids:
        document = store.index.get_document(doc_id)
        if document is None or _is_about(document.title, document.metadata, condition.mentioned):
            continue
        passage = find_passage(store, version, doc_id, condition.mentioned)
        if passage:
            text = f"You have {written.strip()} on file. From \u201c{document.title}\u201d: {passage}"
            if document.type != "medication":  # framing a topic ("kidney disease raises the risk of gout")
                return PersonalNote("condition", text, (doc_id,))
            # A caution about a medicine for people with the condition.
            return PersonalNote(condition.kind, closing(text, takes_it=doc_id in own_doc_ids), (doc_id,))
    return None


def _own_condition_note(written: str, shown: str, condition: ConditionKind, results: list[SearchResult],
                        store: KnowledgeStore, version: int) -> PersonalNote | None:
    """Retrieval led with an article about this kind of condition that is not the patient's own (type 1
    diabetes for type 2): quote the passage it also found in the article about the patient's condition."""
    if not results:
        return None
    top = store.index.get_document(results[0].doc_id)
    if top is None or top.type != "condition" or not _is_about(top.title, top.metadata, condition.mentioned):
        return None
    own = _condition_article(written, store, version)
    if own is None or own == results[0].doc_id:
        return None
    result = next((r for r in results if r.doc_id == own), None)
    statement = next(iter(split_statements([result.text])), None) if result else None
    if not statement:
        return None
    return PersonalNote(condition.kind,
                        f"You have {shown} on file. From \u201c{result.title}\u201d: {statement}", (own,))


def _condition_article(written: str, store: KnowledgeStore, version: int) -> str | None:
    """The condition article whose title or synonym the written condition contains, word for word in any
    order ("Diabetes mellitus type 2" -> type-2-diabetes); the longest such name wins."""
    words = set(plain(written).split())
    best = max(((len(name), doc_id) for name, doc_id in _condition_names(store, version) if name <= words),
               default=None)
    return best[1] if best else None


_names_cache: dict[tuple[str, int], tuple[tuple[frozenset[str], str], ...]] = {}


def _condition_names(store: KnowledgeStore, version: int) -> tuple[tuple[frozenset[str], str], ...]:
    """(words of a title or synonym, doc_id) for every condition article; cached per content version."""
    key = (str(store.index.path), version)
    cached = _names_cache.get(key)
    if cached is None:
        if len(_names_cache) > 64:
            _names_cache.clear()
        cached = _names_cache[key] = tuple(
            (frozenset(plain(str(name)).split()), document.doc_id)
            for document in store.index.documents() if document.type == "condition"
            for name in (document.title, *document.metadata.get("synonyms", [])) if plain(str(name))
        )
    return cached


def _is_about(title: str, metadata: dict, mentioned: re.Pattern[str]) -> bool:
    """An article about the condition itself (or a medicine for it) needs no "you have X" framing."""
    about = " ".join([title, *metadata.get("tags", []), *metadata.get("synonyms", []),
                      str(metadata.get("drug_class") or "")])
    return bool(mentioned.search(about))
