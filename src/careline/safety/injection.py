"""Prompt injection and privacy: messages that try to change how Careline works, reveal its instructions,
make it act as an unrestricted clinician, or reach another patient's data. They get a refusal.

Matching is on normalised text and needs the whole shape of an attempt ("ignore your previous
instructions"), so an ordinary question that uses a word like "ignore" is not refused.
"""

from __future__ import annotations

import re

from careline.safety.text import word_set

_RULES = r"(?:instructions?|rules|prompts?|directions|guidelines|guardrails|programming|restrictions|policies|" \
         r"polic(?:y|ies)|constraints|system message|training|filters?|directives?|safety (?:rules|settings))"
_PATTERNS: dict[str, tuple[str, ...]] = {
    "override": (
        r"\b(?:ignore|disregard|forget|override|bypass|skip|drop|abandon|delete|throw out) (?:\S+ ){0,3}?"
        r"(?:all |any |every |of )?(?:your |the |my |these |those |previous |prior |above |earlier |preceding |"
        r"initial |original |system |safety |existing |current )+" + _RULES + r"\b",
        r"\b(?:ignore|disregard|forget) (?:everything|all|anything) (?:\S+ ){0,3}?(?:above|before|previously|earlier|"
        r"you were told|you have been told|so far)\b",
        r"\bnew (?:instructions|rules|system prompt)\s*:", r"^(?:system|developer|admin)\s*:",
        r"\b(?:developer|debug|god|admin|jailbreak|jailbroken|unrestricted|unfiltered|dan) mode\b",
        r"\bjailbreak\w*\b", r"\bwithout (?:any )?(?:restrictions|filters|limits|rules|guardrails|censorship)\b",
        r"\bno (?:restrictions|filters|limits|rules|guardrails|censorship)\b",
        r"\b(?:turn|switch) off (?:your )?(?:safety|filters?|guardrails|rules)\b",
    ),
    "system_prompt": (
        r"\b(?:reveal|show|print|display|tell|repeat|output|leak|give|dump|share|paste|write out|recite|list|"
        r"what (?:is|are|were)|whats) (?:me )?(?:\S+ ){0,2}?(?:your|the) (?:\S+ )?(?:system|initial|hidden|original|"
        r"secret|internal|developer|pre ?prompt|base)? ?(?:prompt|system message|instructions you (?:were|have been) "
        r"given|configuration|config)\b",
        r"\b(?:system|hidden|secret|initial|internal|developer) (?:prompt|message|instructions)\b",
        r"\b(?:reveal|show|print|display|repeat|output|leak|dump|paste|recite|write out) (?:me )?(?:all )?(?:of )?"
        r"your (?:\S+ )?(?:instructions|rules|guidelines|prompt|directives)\b(?! (?:for|on|about|to) )",
        r"\b(?:instructions|rules|text|prompt) (?:you were|you have been|you are) (?:given|told|programmed)\b",
        r"\b(?:repeat|print|output|show) (?:\S+ ){0,3}?(?:everything|all|the text|the words) (?:above|before)\b",
        r"\bwhat (?:were|are) you (?:told|instructed|programmed)\b",
        r"\b(?:what|which) (?:are|were|is) your (?:original|initial|hidden|secret|system|internal|real|full|"
        r"exact|underlying) (?:instructions|rules|prompt|guidelines|directives)\b",
    ),
    "role": (
        r"\byou are (?:now|no longer|going to be) (?:a |an |my |the )?\S+",
        r"\b(?:act|behave|respond|answer|talk|speak|pose|function|operate) (?:as|like) (?:a |an |my |the )?(?:real |"
        r"licensed |actual |unrestricted |unfiltered |uncensored |rogue |evil )*(?:doctor|physician|pharmacist|"
        r"nurse|gp|md|clinician|psychiatrist|dan|ai without|assistant without|unrestricted)\b",
        r"\b(?:pretend|imagine|suppose|roleplay|role play) (?:to be |you are |that you are |you're |being |as )(?:a |"
        r"an "
        r"|my |the )?(?:\S+ )?(?:doctor|physician|pharmacist|nurse|gp|md|clinician|psychiatrist|dan|different|"
        r"unrestricted|evil|human)\b",
        r"\b(?:from now on|for the rest of this (?:chat|conversation)),? you (?:are|will|must|should)\b",
        r"\bdo anything now\b", r"\b(?:^|\s)dan(?:\s|$|,|\.)", r"\bunrestricted (?:doctor|ai|assistant|mode|"
        r"physician)\b",
    ),
}
_PRIVACY = (
    r"\b(?:show|give|list|tell|read|open|access|pull up|pull|get|see|display|share|look up|send|print|export|dump|"
    r"find|check) (?:me )?(?:\S+ ){0,3}?(?:patient|patients|client|user|member|person) (?:\S+ )?(?:#|number |no |id )?"
    r"\w*\d\w*",
    r"\b(?:patient|user|client) (?:#|number |no |id )?\w*\d\w* (?:\S+ ){0,2}?(?:records?|chart|file|data|history|"
    r"medications?|meds|information|info|results|profile|details|notes|prescriptions|diagnos\w*|allergies)\b",
    r"\bpat (?=[a-z0-9]*\d)[a-z0-9]{6,}\b",
    r"\b(?:list|show|give|see|display|export|dump|print|name) (?:me )?(?:all|every|the other|other|your other|the) "
    r"(?:\S+ )?(?:patients|users|clients|members|people (?:who|registered|in the clinic|using))\b",
    r"\b(?:(?:another|other|a different) (?:patient|user|client|person|member)s?|someone else|somebody else|"
    r"other people) "
    r"(?:\S+ ){0,2}?(?:records?|charts?|files?|data|histor\w*|medications?|meds|information|info|results|profiles?|"
    r"details|notes|prescriptions|diagnos\w*|conversations?|chats?)\b",
    r"\bwho (?:else|are (?:your|the) other (?:patients|users))\b",
    r"\bhow many (?:patients|users) (?:do you have|are there|use)\b",
    r"\b(?:all|every|other|everyone|everybody) (?:the )?(?:other )?(?:patient|patients|user|users|client|clients) "
    r"(?:records|charts|files|data|information|info|histories|medications|prescriptions|results)\b",
    r"\b(?:select|drop|delete) (?:\*|from|table)\b",
    r"\b(?:dump|export|show|access|query|print|download|list) (?:\S+ ){0,2}?(?:database|db|patient table)\b",
)
# "What medications does John take?": a named person's health data.
_WHAT_DOES_PERSON_TAKE = re.compile(
    r"\b(?:what|which) (?:medications?|medicines?|meds|drugs|prescriptions|conditions?|allergies|diagnos\w*|"
    r"illness\w*|diseases?) (?:does|is|has|did) (?P<name>[a-z]+(?: [a-z]+)?) (?:take|taking|on|have|has|"
    r"prescribed|got|get|use|using|suffer)\b"
)
# "Pull up Maria Lopez's chart": someone's records, named with a possessive in the patient's own text.
_POSSESSIVE_RECORDS = re.compile(
    r"\b(?:show|give|list|tell|read|open|access|pull|get|see|display|share|look|send|print|export|find|check|"
    r"what is in|what's in|what are) (?:\S+ ){0,4}?(?P<owner>[A-Za-z]+)'s (?:(?:medical|health|full|whole|latest) "
    r")?(?:records?|chart|file|data|history|"
    r"medications?|meds|information|info|results|profile|details|notes|prescriptions|diagnos\w*|lab results|"
    r"allergies|conversations?)\b",
    re.IGNORECASE,
)
# Words that can stand where a name would, but are not another person's name.
_NOT_A_NAME = word_set(
    """
    my your his her their our its the a an this that these those me i he she it they we you my own mine
    someone somebody anyone people patients diabetics kids children adults women men teens doctors nurses
    metformin insulin aspirin everyone everybody one each each of most some many older younger pregnant
    all the other medicine medication the most a typical usual normal common
    doctor doctors nurse pharmacist clinic hospital baby son daughter child kid mom mum dad wife husband
    partner family brother sister grandma grandpa mother father toddler patient today yesterday week
    """
)
_COMPILED = {kind: tuple(re.compile(p) for p in patterns) for kind, patterns in _PATTERNS.items()}
_COMPILED_PRIVACY = tuple(re.compile(p) for p in _PRIVACY)
# "my doctor told me to ignore the old dosing instructions on the bottle" is about a label, not Careline.
_ABOUT_A_LABEL = re.compile(
    r"\b(?:on|from|in) (?:the|my|his|her|this|that) (?:bottle|label|box|leaflet|package|packet|insert|prescription|"
    r"pharmacy|sheet)\b|\b(?:doctor|pharmacist|nurse|prescriber|dentist) (?:\S+ ){0,2}?(?:told|said|says|asked)\b"
)


def injection_flags(normalized: str, raw: str = "") -> list[str]:
    """Flags such as "injection:override" or "privacy:other_patient" for a message (normalised and as typed)."""
    flags = []
    for kind, patterns in _COMPILED.items():
        if any(pattern.search(normalized) for pattern in patterns):
            if kind == "override" and _ABOUT_A_LABEL.search(normalized):
                continue
            flags.append(f"injection:{kind}")
    if any(pattern.search(normalized) for pattern in _COMPILED_PRIVACY) or _names_someone_elses_data(normalized, raw):
        flags.append("privacy:other_patient")
    return flags


# "Tell me about patient Jane Doe": a capitalised name after "patient" or a title, asked for with an access verb.
_TITLED_PERSON = re.compile(
    r"\b(?:[Ss]how|[Gg]ive|[Tt]ell me about|[Pp]ull up|[Oo]pen|[Ll]ook up|[Ff]ind|[Aa]ccess|[Rr]ead|[Ll]ist|[Cc]heck|"
    r"[Ss]ee|[Dd]isplay|[Ss]hare|[Ss]end) (?:me )?(?:the )?(?:\S+ ){0,2}?(?:[Pp]atient|[Cc]lient|[Uu]ser|Mr\.?|Mrs\.?|"
    r"Ms\.?|Miss) [A-Z][a-z]+"
)


def _names_someone_elses_data(normalized: str, raw: str) -> bool:
    if _TITLED_PERSON.search(raw):
        return True
    for match in _WHAT_DOES_PERSON_TAKE.finditer(normalized):
        name = match.group("name")
        if name.split()[0] not in _NOT_A_NAME:
            return True
    raw = raw.replace("\u2019", "'")
    for match in _POSSESSIVE_RECORDS.finditer(raw):
        owner = match.group("owner").lower()
        preceding = raw[: match.start()].lower().split()[-1:] or [""]
        if owner not in _NOT_A_NAME and preceding[0] not in ("my", "our", "your"):
            return True
    return False
