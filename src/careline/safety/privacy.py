"""Requests for another person's health data: their records, medicines, results, conversations or profile.

Careline only ever uses the asking patient's own profile, so "show me the records of patient John Smith",
"what medications is my neighbour Maria Lopez taking?", "tell me my wife's test results" and "what did
Dr. Patel prescribe for Mary Jones?" get a refusal. Questions about what is usual ("what medications is my
dad usually given for gout?"), about a family member's health in general ("my mom takes warfarin, can she
take tylenol?") and about the patient's own notes ("show me my doctor's notes") are answered.

A request is a request verb or question, a kind of personal data, and an owner who is someone else: a
patient by name or number, a titled or full name ("Mrs. Garcia", "Mary Jones"), or "my <someone>".
"""

from __future__ import annotations

import re

from careline.safety.text import word_set

# Personal data a request can name.
_DATA = (
    r"(?:(?:medical|health|full|whole|latest|recent|last|test|lab|blood|blood test|vaccination|vaccine|"
    r"immuni[sz]ation|personal|contact) ){0,2}(?:records?|charts?|files?|data|history|histories|medications?|"
    r"medicines?|meds|prescriptions?|information|info|results|labs?|profile|details|notes|diagnos[ie]s|"
    r"conditions?|allergies|conversations?|chats?|messages|appointments?|vitals|blood type|blood group|address|"
    r"phone number|date of birth|dob|birthday)"
)
# Up to the end of the clause; a title's full stop ("Mrs. Garcia") does not end it.
_OWNER = r"(?P<owner>(?:(?:mr|mrs|ms|miss|mx|dr)\. )?[^.?!,;:]{1,60})"
_REQUEST = (
    r"(?:show|give|list|tell|read|open|access|pull up|pull|get|see|display|share|look up|look at|send|print|"
    r"export|find|check|view|bring up|what is|what's|whats|what are|what were|what was|i need|i want)"
)
# "show me the records of patient john smith", "pull up the file for John Smith".
_DATA_OF_OWNER = re.compile(
    r"\b" + _REQUEST + r"\b (?:me |us )?(?:\S+ ){0,3}?" + _DATA + r" (?:of|for|on|about|from|belonging to) "
    + _OWNER,
    re.IGNORECASE,
)
# "what is John Smith's blood type", "pull up Maria Lopez's chart", "tell me my wife's test results".
_OWNER_S_DATA = re.compile(
    r"\b" + _REQUEST + r"\b (?:me |us )?(?:\S+ ){0,4}?(?P<owner>(?:\S+ )?\S+)'s " + _DATA + r"\b",
    re.IGNORECASE,
)
# "tell me everything you know about Mrs. Garcia": only a clearly named person counts here.
_ABOUT_OWNER = re.compile(
    r"\b(?:tell me|what do you know|show me|give me|pull up|look up) (?:\S+ ){0,4}?(?:about|on) "
    + _OWNER,
    re.IGNORECASE,
)
# "what did Dr. Patel prescribe for Mary Jones?"
_PRESCRIBED_FOR = re.compile(
    r"\bwhat (?:did|does|has|was|is|were) (?:\S+ ){0,3}?(?:prescribe|prescribed|give|gave|given|order|ordered|"
    r"recommend|recommended) (?:for|to) " + _OWNER,
    re.IGNORECASE,
)
# "What medications does John take?", "what meds is my neighbour Maria Lopez on?" (over normalised text).
_WHAT_DOES_PERSON_TAKE = re.compile(
    r"\b(?:what|which) (?:\S+ )?(?:medications?|medicines?|meds|drugs|pills|prescriptions|conditions?|allergies|"
    r"diagnos\w*|illness\w*|diseases?|results|labs?) (?:does|is|has|did|do|are|was|were|have) "
    r"(?P<person>(?:\S+ ){0,3}?\S+) (?:take|takes|taking|on|have|has|had|prescribed|got|get|getting|use|using|"
    r"suffer\w*|given|receiving|show|showed)\b(?! (?:me|for me|to me)\b)"
)
# Words that make "the person" general, the patient, Careline or the care team: "what medicines do kids usually
# take", "what medicines has my doctor prescribed me".
_NOT_SOMEONE_ELSE = word_set(
    """
    i you we me us he she they him her them it this that these those there
    usually typically normally commonly generally often mostly sometimes ever
    a an one someone somebody anyone anybody people person persons patients diabetics kids children adults women
    men teens teenagers babies toddlers seniors elderly most many some all every each older younger pregnant
    doctor doctors nurse nurses pharmacist gp prescriber provider clinic hospital care team own self
    metformin insulin aspirin medicine medication
    """
)
_RECORD_HOLDERS = word_set("patient patients client clients user users member members resident residents")
_TITLE = r"(?:Mr|Mrs|Ms|Miss|Mx)\.?"
# "Mary Jones", "Mrs. Garcia": a full or titled name (a doctor's name is the care team, not another patient).
_PERSON_NAME = re.compile(r"^(?:" + _TITLE + r" [A-Z][a-z]+|(?!(?:Dr|Doctor|Nurse|The|My|Our|Your)\b)[A-Z][a-z]+"
                          r"(?:[ -][A-Z][a-z]+)+)")
# Capitalised words that end a medical term rather than a person's name ("Multiple Sclerosis").
_MEDICAL_NAME_ENDINGS = word_set(
    "disease diseases syndrome disorder sclerosis failure fever virus cancer infection arthritis palsy dementia "
    "test vaccine shot diet plan pressure attack type medicine medication pill tablet"
)
# After "my" or "our", someone else ("my blood test" and "my doctor" are the patient's own care).
_OTHER_PEOPLE = word_set(
    """
    wife husband partner spouse son sons daughter daughters child children kid kids baby toddler boy girl mom mum
    mother dad father parent parents brother sister sibling siblings grandma grandpa grandmother grandfather
    grandson granddaughter grandchild aunt uncle cousin niece nephew friend friends neighbour neighbor neighbours
    neighbors coworker coworkers colleague colleagues boss employee employees roommate flatmate ex girlfriend
    boyfriend fiance fiancee stepson stepdaughter stepmom stepdad stepfather stepmother teacher student tenant
    landlord mate buddy
    """
)


def names_someone_elses_data(normalized: str, raw: str) -> bool:
    """True when the message asks to see or reveal another person's health data."""
    raw = raw.replace("\u2019", "'")
    for match in _WHAT_DOES_PERSON_TAKE.finditer(normalized):
        if not _NOT_SOMEONE_ELSE.intersection(match.group("person").split()):
            return True
    for pattern, family_counts, first_name_counts in _OWNER_PATTERNS:
        for match in pattern.finditer(raw):
            owner = match.group("owner").strip()
            if _is_someone_else(owner, raw[: match.start("owner")], family_counts, first_name_counts):
                return True
    return False


# Each pattern with whether "my wife" counts as the owner ("my wife's results" yes, "tell me about my wife" no) and
# whether a lone capitalised word does ("John's chart" yes, "info on Tylenol" no).
_OWNER_PATTERNS = ((_OWNER_S_DATA, True, True), (_DATA_OF_OWNER, True, False), (_PRESCRIBED_FOR, True, False),
                   (_ABOUT_OWNER, False, False))


def _is_someone_else(owner: str, before: str, family_counts: bool, first_name_counts: bool) -> bool:
    """Is this owner another person?"""
    words = [word.removesuffix("'s") for word in owner.lower().split()]
    preceding = before.lower().split()[-1:] or [""]
    if not words:
        return False
    if words[0] in _RECORD_HOLDERS or re.match(r"(?:the )?(?:patient|user|client|person|man|woman|resident)s? "
                                               r"(?:in|at|from|on|#|number|no)\b|#?\d{3,}\b", owner.lower()):
        return True
    if _is_person_name(owner):
        return True
    family = words if words[0] in ("my", "our") else [preceding[0], *words] if preceding[0] in ("my", "our") else []
    if len(family) > 1 and family[1] in _OTHER_PEOPLE:
        # "my neighbour Maria Lopez" always; "my wife" only where a family member's record is asked for.
        return family_counts or any(_is_person_name(" ".join(owner.split()[i:])) for i in range(1, len(words)))
    if len(words) == 1 and preceding[0] not in ("my", "our", "your") and first_name_counts:
        # A single capitalised name before "'s" ("John's chart"), never a common word ("today's results").
        return bool(re.fullmatch(r"[A-Z][a-z]+", owner)) and words[0] not in _NOT_SOMEONE_ELSE
    return False


def _is_person_name(text: str) -> bool:
    match = _PERSON_NAME.match(text)
    if not match:
        return False
    return match.group(0).split()[-1].lower() not in _MEDICAL_NAME_ENDINGS
