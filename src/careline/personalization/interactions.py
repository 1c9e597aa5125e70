"""Interaction notes: between a medicine the question is about and a medicine on the patient's list (listed
in either article's `interactions`, by name, by class, or as an example the reason names), and between a
patient's medicine and something the question mentions that its article lists (alcohol, calcium supplements,
contrast dye, sumatriptan).
"""

from __future__ import annotations

import re

from careline.personalization.catalog import (
    Interaction,
    MedicationArticle,
    MedicationCatalog,
    TermMatcher,
    plain,
    short_title,
)
from careline.personalization.models import (
    ASK_BEFORE_COMBINING,
    ASK_BEFORE_MIXING,
    AskedMedicine,
    PatientMedicine,
    PersonalNote,
    medicine_name_only,
)


def interaction_note(asked: AskedMedicine, taken: PatientMedicine, catalog: MedicationCatalog) -> PersonalNote | None:
    """One note per pair, worded from the asked medicine's article when it lists the interaction, else from
    the patient's medicine's article; both articles are cited when both list it."""
    medicine = asked.article
    reasons: list[tuple[str, str]] = []  # (why, doc_id)
    forward = _listed_interaction(medicine, taken.article, taken.written, catalog)
    if forward:
        member = short_title(taken.article) if taken.article else medicine_name_only(taken.written)
        reasons.append((_reason(*forward, member), medicine.doc_id))
    if taken.article is not None:
        backward = _listed_interaction(taken.article, medicine, medicine.title, catalog)
        if backward:
            reasons.append((_reason(*backward, short_title(medicine)), taken.article.doc_id))
    if not reasons:
        return None
    text = f"You take {taken.display}. {asked.label} and {taken.display}: {reasons[0][0]}. {ASK_BEFORE_COMBINING}"
    return PersonalNote("interaction", text, tuple(dict.fromkeys(doc_id for _, doc_id in reasons)))


_HOW_ORDER = {"name": 0, "class": 1, "example": 2}


def _listed_interaction(article: MedicationArticle, other: MedicationArticle | None, other_written: str,
                        catalog: MedicationCatalog) -> tuple[Interaction, str] | None:
    """The article's interaction that covers the other medicine, and how: by name, by class ("nsaids"), or as
    an example its reason names. A by-name entry wins over a class entry ("aspirin" before "nsaids")."""
    names = other.names if other is not None else {plain(other_written)}
    found = []
    for interaction in article.interactions:
        if plain(interaction.with_) in names:
            found.append((interaction, "name"))
        elif catalog.term_matches(interaction.with_, other, other_written):
            found.append((interaction, "class"))
        elif catalog.term_matches(interaction.with_, other, other_written, interaction.examples):
            found.append((interaction, "example"))
    return min(found, key=lambda pair: _HOW_ORDER[pair[1]]) if found else None


_REFERS_BACK = re.compile(r"^(?:these|this|they|it)\b", re.I)


def _reason(interaction: Interaction, how: str, member: str) -> str:
    """The reason as a sentence. A reason that starts "these medicines..." first says which class it is about:
    the medicine's own class when it matched as a member, else the class the reason's example belongs to."""
    why = interaction.why.strip().rstrip(".")
    if not _REFERS_BACK.match(why) or how == "name":
        return _sentence_case(why)
    group = _display_term(plain(interaction.with_))
    if how == "class":
        return f"{_sentence_case(member)} is one of the {group}; {why}"
    return f"About {group}: {why}"


_matchers: dict[Interaction, TermMatcher] = {}


def _matcher(interaction: Interaction) -> TermMatcher:
    matcher = _matchers.get(interaction)
    if matcher is None:
        if len(_matchers) > 4096:
            _matchers.clear()
        matcher = _matchers[interaction] = TermMatcher(interaction)
    return matcher


def mentioned_interaction_note(taken: PatientMedicine, question: str) -> PersonalNote | None:
    """The question mentions something the patient's medicine's article lists as an interaction."""
    if taken.article is None:
        return None
    text = plain(question)
    for interaction in taken.article.interactions:
        found = _matcher(interaction).find(text)
        if found:
            why = _sentence_case(interaction.why.rstrip("."))
            note = (f"You take {taken.display}. {taken.article.title} and {_display_term(found)}: {why}. "
                    f"{ASK_BEFORE_MIXING}")
            return PersonalNote("interaction", note, (taken.article.doc_id,))
    return None


_TERM_DISPLAY = {"nsaids": "NSAIDs", "ssris": "SSRIs", "maois": "MAO inhibitors", "pde5 inhibitors": "PDE5 inhibitors",
                 "ace inhibitors": "ACE inhibitors", "st john s wort": "St. John's wort",
                 "iodinated contrast dye": "contrast dye (iodinated)"}


def _display_term(term: str) -> str:
    return _TERM_DISPLAY.get(term, term)


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]
