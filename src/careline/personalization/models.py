"""The shapes personalization works with: the notes it returns, the medicines a question asks about and the
medicines a patient takes, and the closing words every note ends with."""

from __future__ import annotations

import re
from dataclasses import dataclass

from careline.personalization.catalog import MedicationArticle, plain


@dataclass(frozen=True)
class PersonalNote:
    kind: str  # allergy, interaction, pregnancy, pediatric, older_adult, kidney, condition
    text: str
    doc_ids: tuple[str, ...]  # the articles the note's facts come from (its citations)


@dataclass(frozen=True)
class AskedMedicine:
    """A library medicine the question is about, and the name the patient used for it."""

    article: MedicationArticle
    named_as: str = ""
    combination: bool = False  # named through a product that contains it ("Augmentin" for amoxicillin)

    @property
    def label(self) -> str:
        """"Ibuprofen"; "Augmentin (which contains amoxicillin)" for a combination product."""
        if self.combination and self.named_as:
            return f"{self.named_as.title()} (which contains {self.article.title.split('(')[0].strip().lower()})"
        return self.article.title


@dataclass(frozen=True)
class PatientMedicine:
    written: str  # as on the profile
    article: MedicationArticle | None

    @property
    def display(self) -> str:
        """The name as the patient wrote it without dose or schedule, with the generic name when it differs:
        "Coumadin 5 mg daily" -> "Coumadin (warfarin)", "warfarin 5 mg daily" -> "warfarin"."""
        name = medicine_name_only(self.written)
        if self.article is None:
            return name
        generic = self.article.title.split("(")[0].strip()
        if plain(generic) in plain(name):
            return name
        return f"{name} ({generic.lower()})"


# Where the name ends on a profile line: a number, a dose unit, a form or a schedule word.
_NAME_END = re.compile(
    r"\s*(?:\(|(?<![a-z])\d|\b(?:mg|mcg|ml|units?|tabs?|tablets?|caps?|capsules?|puffs?|drops?|once|twice|daily|nightly|"
    r"every|each|at|per|a day|bid|tid|qid|qd|prn|as needed|in the|before|after|with)\b)", re.I)


def medicine_name_only(written: str) -> str:
    """"warfarin 5 mg daily" -> "warfarin"; "Lexapro 10mg" -> "Lexapro"; "Toprol XL" stays."""
    text = written.strip()
    match = _NAME_END.search(text)
    name = text[:match.start()].strip(" ,;-") if match and match.start() > 0 else text
    return name or text


# Notes never tell a patient to stop or change a medicine: they send the question to the care team.
ASK_BEFORE_TAKING = "Ask your doctor or pharmacist before taking it."
ASK_BEFORE_GIVING = "Ask your doctor or pharmacist before giving it."
ASK_BEFORE_COMBINING = "Ask your doctor or pharmacist before taking them together."
ASK_BEFORE_MIXING = "Ask your doctor or pharmacist before combining them."
KEEP_TAKING_UNTIL_ASKED = "Do not stop or change it on your own; ask your doctor or pharmacist first."
ASK_IF_GOOD_FIT = "Ask your doctor or pharmacist whether it is a good fit for you."
_SAYS_DO_NOT_STOP = re.compile(r"\b(?:do not|don't|never) stop\b", re.I)
_MENTIONS_CARE_TEAM = re.compile(r"\b(?:doctor|pharmacist|prescriber|care team|provider)\b", re.I)


def closing(text: str, *, takes_it: bool, default: str = ASK_BEFORE_TAKING) -> str:
    """The note with its closing words: for a medicine the patient already takes, never stop or change it
    alone; otherwise ask before taking it, unless the library's note already sends them to their doctor."""
    text = text.strip()
    if takes_it:
        return text if _SAYS_DO_NOT_STOP.search(text) else f"{text} {KEEP_TAKING_UNTIL_ASKED}"
    if default in (ASK_BEFORE_TAKING, ASK_BEFORE_GIVING) and _MENTIONS_CARE_TEAM.search(text):
        return text
    return f"{text} {default}"
