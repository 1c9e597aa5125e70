"""Requests for another person's health data: their records, medicines, results, conversations or profile.

Careline only ever uses the asking patient's own profile, so "show me the records of patient John Smith",
"what medications is my neighbour Maria Lopez taking?", "tell me my wife's test results" and "what did
Dr. Patel prescribe for Mary Jones?" get a refusal. Questions about what is usual ("what medications is my
dad usually given for gout?"), about a family member's health in general ("my mom takes warfarin, can she
take tylenol?") and about the patient's own notes ("show me my doctor's notes") are answered.

A request is a request verb or question, a kind of personal data, and an owner who is someone else: a
patient by name or number, a titled or full name ("Mrs. Garcia", "Mary Jones"), or "my <someone>". Two more
shapes: a question whether someone else's results are in ("did his biopsy come back ok?", "are my husband's labs
back?"), and a person identified by name, birth date, room or as a patient of the clinic ("Maria Lopez, born
03/04/1961", "my neighbor goes to your clinic") together with a question about their records or medicines.
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
    r"phone number|date of birth|dob|birthday|(?:allergy|medication|med|medicine|problem) list|"
    r"(?:immuni[sz]ation|vaccine) records?|a1c|hba1c|psa|tsh|ldl|cholesterol (?:levels?|numbers|results)|"
    r"(?:blood pressure|sugar|glucose) (?:readings|numbers|levels)|lab values|numbers|levels|mri|biopsy|x rays?|"
    r"scans?)"
)
# Up to the end of the clause; a title's full stop ("Mrs. Garcia") does not end it.
_OWNER = r"(?P<owner>(?:(?:mr|mrs|ms|miss|mx|dr)\. )?[^.?!,;:]{1,60})"
_REQUEST = (
    r"(?:show|give|list|tell|read|open|access|pull up|pull|get|see|display|share|look up|look at|send|print|"
    r"export|find|check|view|bring up|what is|what's|whats|what are|what were|what was|i need|i want|do you have|"
    r"have you got)"
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
OTHER_PEOPLE = word_set(
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
    if _asks_whether_their_results_are_in(normalized):
        return True
    if _identifies_someone_else(normalized, raw) and _asks_for_their_data(normalized, raw):
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
    if len(family) > 1 and family[1].split("-")[-1] in OTHER_PEOPLE:
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


# ----- a specific other person, identified, and a question about their records ------------------------------

# Records and results a clinic holds about a person.
_RECORD = (
    r"(?:biops(?:y|ies)|(?:test |lab |blood test |scan )?results?|tests?|labs?|lab work|blood ?work|blood tests?|"
    r"scans?|mri|ct(?: scan)?|cat scan|x ?rays?|mammograms?|ultrasound|ekg|ecg|pap(?: smear)?|cultures?|"
    r"pathology|records?|charts?|files?|notes|appointments?|prescriptions?|medications?|medicines?|meds|"
    r"diagnos[ie]s|allergies|medical history|history|vaccinations?|referrals?|a1c)"
)
# "did his biopsy come back ok?", "are my husband's lab results back yet?", "what did her MRI show?"
_RESULT_STATUS = re.compile(
    r"\b(?:did|has|have|is|are|were|was|do|does) (?P<owner>his|her|their|my \S+) (?:\S+ ){0,2}?" + _RECORD
    + r" (?:\S+ ){0,2}?(?:come back|came back|back|in yet|ready|done|available|out yet|show|showed|say|said|look|"
    r"looked|normal|ok|okay|positive|negative|clear|fine|good|bad|abnormal)\b"
    r"|\bwhat (?:did|does) (?P<owner2>his|her|their|my \S+) (?:\S+ ){0,2}?" + _RECORD + r" (?:show|say|find|find out)\b"
    # "my dad had his MRI yesterday, what did it show?"
    r"|\b(?P<owner3>his|her|their|my \S+) (?:\S+ ){0,2}?" + _RECORD + r"\b[^?]{0,60}?\b(?:what did (?:it|they) (?:show|"
    r"say|find)|(?:did|has|have) (?:it|they) (?:come|came) back|(?:is|are) (?:it|they) (?:back|in|ready|normal|ok|"
    r"okay))\b"
    # "has my wife been prescribed anything for depression?"
    r"|\b(?:has|have|is|was|did) (?P<owner6>my \S+(?: in law)?|his|her) (?:ever )?(?:been |got |gotten )?(?:prescribed|"
    r"put on|started on|diagnosed|tested|treated)\b"
    # "can you check if my mother-in-law has any upcoming appointments?"
    r"|\b(?:check|see|tell me|find out|look up|let me know) (?:if|whether|when|what) (?P<owner5>my \S+(?: in law)?|"
    r"his|her) (?:has|have|had|is|got) (?:\S+ ){0,2}?" + _RECORD + r"\b"
    # "tell me what my sister's doctor wrote in her notes"
    r"|\b(?:what|tell me|show me|read me|find out)\b (?:\S+ ){0,3}?(?P<owner4>my \S+) (?:doctor|gp|nurse|therapist|"
    r"psychiatrist|specialist|cardiologist|oncologist|surgeon|dentist|provider|care team|physician|pediatrician) "
    r"(?:\S+ ){0,2}?(?:wrote|write|written|said|say|noted|put|recorded|documented|found|diagnosed|prescribed|"
    r"ordered)\b"
)


# "can I see her chart?": another person's records asked for, whoever they are.
_THEIR_RECORDS_ASKED = re.compile(
    r"\b(?:see|show|read|access|open|view|get|check|pull up|look at|look up|send|share) (?:me |us )?(?:his|her|their) "
    r"(?:\S+ )?(?:charts?|records?|files?|results|test results|lab results|labs|notes|medical history|history|"
    r"appointments?)\b"
)


def _asks_whether_their_results_are_in(normalized: str) -> bool:
    if _THEIR_RECORDS_ASKED.search(normalized):
        return True
    for match in _RESULT_STATUS.finditer(normalized):
        owner = next(group for group in match.groups() if group).split()
        if owner[0] != "my" or owner[1] in OTHER_PEOPLE:
            return True
    return False


# Someone named or identified: "Maria Lopez, born 03/04/1961", "Mr. Chen in room 12", "my neighbor Tom Becker goes
# to your clinic".
_NAME_CANDIDATE = re.compile(r"(?<![\w.])(?:" + _TITLE + r" [A-Z][a-z]+|[A-Z][a-z]+(?:[ -][A-Z][a-z']+)+)")
# Capitalised words that start a sentence or a request rather than a name ("Does Robert Miles ...").
_NOT_NAME_WORDS = OTHER_PEOPLE | _NOT_SOMEONE_ELSE | word_set(
    """
    does did is has was what which can could please show tell pull give hi hello hey dear when where how why who
    are were will would should do check find look get send open list read and or but so also patient my our the
    is any has have had thanks thank ok okay yes no sure
    """
)
_SELF_INTRODUCTION = re.compile(r"(?:\bi am|\bi'm|\bmy name is|\bthis is|\bname is|\bcall me|\bit's|\bit is)\s*$",
                                re.IGNORECASE)
_CARE_TEAM_TITLE = re.compile(r"(?:\bdr\.?|\bdoctor|\bnurse|\bprofessor|\bprof\.?)\s*$", re.IGNORECASE)
_IDENTIFIER = re.compile(
    r"\b(?:born (?:on |in )?(?:\d|january|february|march|april|may|june|july|august|september|october|november|"
    r"december)|dob|d o b|date of birth|birth ?date|mrn|medical record (?:number|no)|patient (?:id|number|no)|"
    r"(?:room|bed) \d+|ssn|social security)\b"
)
_OWN_IDENTIFIER = re.compile(r"\b(?:i was|i am|my|i) (?:\S+ )?$")
_CLINIC_MEMBER = re.compile(
    r"\b(?:goes|go|went|comes|come) (?:here|to (?:your|this|the same) (?:clinic|practice|office|hospital|doctor|"
    r"app))\b"
    r"|\b(?:is|are) (?:also )?(?:a |one of your |your )?(?:patients?|members?|clients?|users?) (?:here|at|of|with|"
    r"too|in)\b|\b(?:is|are) (?:also )?(?:seen|treated|registered) (?:at|here|by|with)\b"
    r"|\b(?:sees|saw|see) (?:doctor|dr|the same doctor)\b|\buses (?:this|your) (?:app|clinic|service)\b"
)
_THEIR_DATA_QUESTIONS = re.compile(
    r"\b(?:his|her|their) (?:\S+ )?" + _RECORD + r"\b"
    r"|\b(?:what|which) (?:\S+ )?(?:medications?|medicines?|meds|drugs|pills|prescriptions?|conditions?|allergies|"
    r"diagnos\w*|results?|labs?|tests?) (?:is|does|did|was|has|were|are|do) (?:\S+ ){1,12}?(?:on|taking|take|"
    r"takes|prescribed|given|have|has|had|got|get|getting|using)\b"
    r"|\b(?:what|when|why) (?:was|were|is|has|had) (?:he|she|they) (?:been )?(?:prescribed|given|diagnosed|"
    r"treated|tested)\b"
    r"|\b(?:does|did|is|has|was) (?:he|she|they|\S+ \S+(?: \S+)?) (?:have|has|had|taking|on|take|been prescribed|been "
    r"given|got|been diagnosed|pregnant|expecting|sick|ill|positive|negative|diabetic|allergic|infected)\b(?! to\b)"
    # "What is Mr. Thompson in room 5 being treated for?"
    r"|\b(?:what|why|when) (?:is|was|are|were|has|had) (?:\S+ ){1,6}?(?:being |been )?(?:treated|seen|admitted|"
    r"prescribed|given|diagnosed|tested|operated on) (?:for|with)\b"
    r"|\b(?:what|which) (?:\S+ )?(?:medications?|medicines?|meds|drugs|pills|prescriptions?|conditions?|allergies|"
    r"diagnos\w*) (?:\S+ ){1,12}?(?:is|are|was|were) (?:on|taking|prescribed|given)\b"
    r"|\b(?:is|how is|how s|how are) (?:\S+ ){1,6}?(?:doing|recovering|getting on|holding up)\b"
    r"|\bon file\b|\bin (?:the|your) (?:system|records|database)\b"
)
_ASKING = re.compile(r"\?|\b(?:show|tell|give|check|look up|pull up|find|send|read|list|what|which|did|does|has)\b")


def _identifies_someone_else(normalized: str, raw: str) -> bool:
    """A specific person other than the patient: a full or titled name, a birth date or room, or someone said to
    be a patient of the clinic."""
    for match in _NAME_CANDIDATE.finditer(raw):
        words = match.group(0).replace("-", " ").split()
        dropped = []
        while words and words[0].lower().rstrip(".") in _NOT_NAME_WORDS:
            dropped.append(words.pop(0))
        before = " ".join([raw[: match.start()], *dropped])
        if len(words) >= 2 and _is_person_name(" ".join(words)) and not _SELF_INTRODUCTION.search(before) \
                and not _CARE_TEAM_TITLE.search(before) and words[-1].lower() not in _NOT_NAME_WORDS:
            return True
    for match in _IDENTIFIER.finditer(normalized):
        if not _OWN_IDENTIFIER.search(normalized, 0, match.start()):
            return True
    return any(not re.search(r"\b(?:i|we) (?:also )?$", normalized[: match.start()])
               for match in _CLINIC_MEMBER.finditer(normalized))


# "give me the phone number and address of ..." once the person is identified.
_DATA_ASKED = re.compile(
    r"\b" + _REQUEST + r"\b (?:me |us )?(?:\S+ ){0,5}?(?<!\bmy )(?:(?:medical|health|full|whole|latest|recent|last|"
    r"test|lab|blood test|personal|contact|home|cell|mobile) ){0,2}(?:records?|charts?|files?|results|labs?|notes|"
    r"history|address|phone number|email|contact details|contact info\w*|date of birth|dob|birthday)\b"
)


def _asks_for_their_data(normalized: str, raw: str) -> bool:
    if not _ASKING.search(normalized):
        return False
    if _THEIR_DATA_QUESTIONS.search(normalized) or _DATA_ASKED.search(normalized):
        return True
    return any(_is_person_name(match.group("owner")) for match in _NAMED_RECORD.finditer(raw))


# "what did Kevin Park's MRI show?"
_NAMED_RECORD = re.compile(r"(?P<owner>(?:" + _TITLE + r" )?[A-Z][a-z]+(?: [A-Z][a-z]+)*)'s (?:\S+ )?(?i:" + _RECORD
                           + r")\b")
