"""Scope limits: Careline never diagnoses, never gives or changes a dose, never tells a patient to stop a
medicine and never prescribes.

Two sides: `scope_requests` finds patient messages that ask for one of those (the chat answers with a kind
note plus vetted general information), and `sentence_is_in_scope` screens answer sentences.
"""

from __future__ import annotations

import re

from careline.safety.text import is_common_word, normalize, word_set

_MEDICINE_WORDS = (
    r"(?:medicine|medicines|medication|medications|meds|med|pills?|tablets?|capsules?|drugs?|prescription|"
    r"antibiotics?|antidepressants?|inhaler|insulin|statin|dose|dosage|shots?|injections?|\w+(?:in|ine|ol|ide|"
    r"pril|artan|pam|lam|one|ate|ium|mab|fen|cin|xin|zole|tide|lin|zine|pine|done|tine|ex|ix|ax|ac|ar|as|ra))"
)
# Words between a dose verb and its object: never a preposition ("lower my cholesterol without medicine").
_OBJECT_GAP = r"(?:(?!(?:without|with|by|through|naturally|and|or|for|in|to|from|instead|before|after|while|on|of|" \
              r"if|so|because) )\S+ ){0,2}?"
# Drug-name endings ("-pril", "-olol", "-statin") also end everyday words ("cholesterol", "protein", "routine"); a
# word that ends like a drug counts only when it is not everyday English, or is a medicine anyway.
_DRUG_ENDING = re.compile(r"\w+(?:in|ine|ol|ide|pril|artan|pam|lam|one|ate|ium|mab|fen|cin|xin|zole|tide|lin|zine|pine|"
                          r"done|tine|ex|ix|ax|ac|ar|as|ra)")
_EVERYDAY_MEDICINE_WORDS = word_set(
    "medicine medication aspirin insulin statin penicillin morphine estrogen testosterone iron magnesium calcium "
    "potassium melatonin nicotine caffeine codeine"
)
# What a patient asks to stop: a medicine, not "getting infections" or "snoring".
_STOPPED_THING = r"(?:taking |using )?(?:(?:my|the|this|these|his|her) \S+|it\b|them\b|" + _MEDICINE_WORDS + r"\b)"
_REQUEST_PATTERNS: dict[str, tuple[str, ...]] = {
    "diagnosis": (
        r"\b(?:do|does|did) (?:i|he|she|my \S+(?: \S+)?|we|they) (?:\S+ )?(?:have|has)(?! to\b) (?:a |an |the )?\S+",
        r"\bwhat(?: is|s)? wrong with (?:me|him|her|my \S+|us)\b",
        r"\bwhat do (?:i|you think i) have\b", r"\bwhat (?:is|could) (?:this|it|my \S+) (?:be|mean)\b",
        r"\b(?:could|can|might|is) (?:this|it|that|my|these) (?:\S+ ){0,2}?(?:be|mean|a sign of|a symptom of) (?:a |"
        r"an )?"
        r"\S+",
        r"\bdiagnos(?:e|is) (?:me|my|him|her|this)\b", r"\bam i (?:diabetic|pregnant|depressed|anemic|anaemic|sick|"
        r"bipolar|autistic|prediabetic|infected|allergic|dying)\b",
        r"\b(?:do|does) (?:you|u) think (?:i|he|she|my \S+|it|this) (?:\S+ )?(?:has|have|is|got)\b",
        r"\bis (?:this|it) (?:cancer|diabetes|covid|the flu|strep|shingles|an infection|a uti|pneumonia)\b",
        r"\bwhat (?:illness|disease|condition|infection) do i have\b",
    ),
    "dose_change": (
        # The thing changed is a dose or a medicine, named right after the verb: "lower my metformin", not "lower
        # my cholesterol without medicine" (a lifestyle question that mentions medicine).
        r"\b(?:double|triple|halve|increase|decrease|raise|lower|up|reduce|cut|adjust|change|bump up|split) "
        r"(?:back |down )?(?:on )?" + _OBJECT_GAP + r"(?:dose|doses|dosage|" + _MEDICINE_WORDS + r")\b",
        r"\btake (?:more|less|extra|an extra|another|twice|double|half) (?:\S+ ){0,3}?"
        r"(?:" + _MEDICINE_WORDS + r"|of|than|a day|times)\b",
        # An amount is a dose question only when asked: "can I take 2 advil?", not "remind me to take 2 pills".
        r"\b(?:can|could|should|may|do|shall) (?:i|he|she|we|my \S+) (?:\S+ )?take (?:two|2|three|3|four|4) "
        r"(?:\S+ ){0,3}?"
        r"(?:" + _MEDICINE_WORDS + r"|of|at once|a day|times)\b",
        r"\bis it (?:ok|okay|safe|fine|alright|dangerous|bad) to take (?:two|2|three|3|four|4) (?:\S+ ){0,3}?"
        r"(?:" + _MEDICINE_WORDS + r"|of|at once|a day|times)\b",
        r"\bhow (?:much|many) (?:\S+ ){0,3}?(?:should|can|do|could|may) (?:i|he|she|we|my \S+) "
        r"(?:take|give|use|have)\b",
        r"\bhow (?:much|many) (?:mg|milligrams|milliliters|ml|units|pills|tablets|puffs|capsules)\b",
        r"\bwhat (?:dose|dosage|strength) (?:\S+ ){0,3}?(?:should|do|can|would) (?:i|he|she|my \S+)\b",
        r"\b(?:is|are) \d+ ?(?:mg|milligrams|units|pills|tablets) (?:\S+ ){0,3}?(?:too much|too many|enough|ok|okay|"
        r"safe)\b",
        r"\bextra (?:dose|pill|tablet|puff|unit)s?\b(?! by mistake)", r"\bskip (?:\S+ ){0,2}?(?:dose|doses)\b",
    ),
    "stop_medicine": (
        r"\b(?:can|should|could|may|shall|do) (?:i|he|she|we|my \S+) (?:just )?(?:stop|quit|come off|get off|go off|"
        r"discontinue|cut out|ditch|drop|wean off|taper off|skip) " + _STOPPED_THING,
        r"\b(?:want|wanna|going|planning|thinking about|thinking of) (?:to )?(?:stop|quit|come off|get off|go off|"
        r"discontinue|ditch) " + _STOPPED_THING,
        r"\b(?:is it|it is) (?:ok|okay|safe|fine|alright|bad) (?:to|if i) (?:stop|quit|come off|get off|go off|skip) ",
        r"\bdo (?:i|we) (?:still|really) need (?:to take )?(?:my |the |this )" + _MEDICINE_WORDS + r"\b",
        r"\bstop taking (?:my|the|this|these|it)\b(?! without)",
    ),
    "prescribe": (
        r"\b(?:give|get|send|write|order|call in|refill) (?:me |us )?(?:a |an |some )?(?:prescription|antibiotics?|"
        r"meds|medicine|medication|pills|script|something (?:for|to))\b",
        r"\b(?:can|could|will|would) (?:you|u) (?:please )?(?:prescribe|order|refill|call in|write)\b",
        r"\bprescribe (?:me|him|her|something|\S+ for)\b",
        r"\bwhat (?:medicine|medication|meds|pill|pills|drug|antibiotic|antibiotics|cream|treatment) "
        r"(?:should|do|can|could|would) (?:i|he|she|we|my \S+) (?:take|use|get|need|give)\b",
        r"\bwhat (?:should|can|could) (?:i|he|she|we) (?:take|use|give (?:him|her|them)?) (?:for|to)\b",
        r"\bwhich (?:medicine|medication|meds|pill|drug|antibiotic|antibiotics|one) (?:\S+ ){0,2}?(?:should|do|can) "
        r"(?:i|he|she|we) (?:take|use|get|need)\b",
        r"\b(?:recommend|suggest) (?:me )?(?:a |an |some )?(?:medicine|medication|pill|drug|antibiotic|treatment)\b",
        r"\bi need (?:a |an |some )?(?:antibiotics?|prescription|refill|script)\b",
        r"\bprescribe\b",
    ),
}
# "What do doctors look for when they diagnose diabetes?" is a question about care, not a request.
_NOT_A_REQUEST = re.compile(
    r"\b(?:do|does|can|could|would|will|how) (?:doctors|a doctor|the doctor|my doctor|nurses|they|pharmacists) "
    r"(?:\S+ ){0,4}?(?:diagnose|prescribe|decide|choose|check|test)\b"
    r"|\bhow (?:is|are) \S+ (?:\S+ )?(?:diagnosed|prescribed)\b"
    r"|\b(?:what|which) (?:medicines?|drugs|medications) (?:are|is) (?:used|given|prescribed)\b"
)
_COMPILED_REQUESTS = {
    kind: tuple(re.compile(pattern) for pattern in patterns) for kind, patterns in _REQUEST_PATTERNS.items()
}


def scope_requests(normalized: str) -> list[str]:
    """The out-of-scope requests in a normalised message: diagnosis, dose_change, stop_medicine, prescribe."""
    if _NOT_A_REQUEST.search(normalized):
        return []
    return [kind for kind, patterns in _COMPILED_REQUESTS.items()
            if any(kind not in _ABOUT_A_MEDICINE or _names_a_medicine(match)
                   for p in patterns for match in p.finditer(normalized))]


_ABOUT_A_MEDICINE = frozenset({"dose_change", "stop_medicine"})


def _names_a_medicine(match: re.Match[str]) -> bool:
    """False when the request's last word only looks like a drug name ("lower my cholesterol")."""
    last = match.group(0).rsplit(" ", 1)[-1]
    if not _DRUG_ENDING.fullmatch(last) or last in _EVERYDAY_MEDICINE_WORDS:
        return True
    return not is_common_word(last)


# ----- answer sentences --------------------------------------------------------------------------------------

_DOSE_AMOUNT = r"\d+(?:\.\d+)? ?(?:mg|milligrams?|mcg|micrograms?|g|grams?|ml|milliliters?|units?|iu|puffs?|tablets?|"\
               r"pills?|capsules?|teaspoons?|tablespoons?|drops?)\b"
_OUT_OF_SCOPE_SENTENCE = re.compile(
    "|".join([
        # Diagnosing the reader.
        r"\byou (?:probably |likely |definitely |clearly |most likely |may |might |could )?(?:have|has|are suffering"
        r" from|are having|(?:have )?got|are) (?:a |an )?(?:case of |form of )?(?:diabetes|cancer|an? infection|"
        r"pneumonia|covid|the flu|strep|depression|anxiety|asthma|copd|heart failure|a stroke|a heart attack|"
        r"gerd|ibs|uti|a uti|hypertension|high blood pressure|gout|shingles|migraines?|arthritis|a virus|"
        r"anemia|hypothyroidism|hyperthyroidism|kidney disease|sepsis|allergies|an allergy|"
        r"\S+itis|\S+osis|\S+emia|\S+oma)\b",
        r"\b(?:this|that|it|your \S+) (?:is|sounds like|looks like|must be|is probably|is likely|is definitely) "
        r"(?:a |an )?(?:case of )?(?:diabetes|cancer|an? infection|pneumonia|covid|the flu|strep|shingles|a stroke|"
        r"a heart attack|a uti|gout|\S+itis|\S+osis)\b",
        r"\byour diagnosis is\b", r"\bi (?:think|believe|suspect) you have\b", r"\byou (?:are|re) (?:diabetic|"
        r"depressed|anemic|pregnant)\b",
        # Giving or changing a dose.
        r"\b(?:take|give|use|try|start (?:with|on)?|inject|apply) (?:\S+ ){0,3}?" + _DOSE_AMOUNT,
        r"\b(?:double|triple|halve|increase|decrease|raise|lower|reduce|cut|up) (?:your |the |his |her )?"
        r"(?:\S+ )?(?:dose|dosage|medicine|medication)\b",
        r"\b(?:increase|decrease|raise|lower|reduce|go up|go down|bump|titrate|change) (?:it |this |that )?to "
        + _DOSE_AMOUNT,
        r"\btake (?:an? )?(?:extra|additional|another|second|double) (?:dose|pill|tablet|capsule|puff)\b",
        r"\btake (?:two|three|2|3|more) (?:\S+ )?(?:pills|tablets|capsules|doses)\b",
        r"\byour (?:new )?dose (?:should be|is|will be)\b",
        # Stopping a medicine.
        r"\b(?:stop|quit|discontinue|come off|go off|get off|cut out) (?:taking |using )?(?:your|the|this|that|"
        r"these|those|it|them)\b",
        r"\byou (?:can|should|could|may) (?:safely )?(?:stop|quit|discontinue|come off)\b",
        r"\byou (?:no longer|don't|do not) need (?:to take )?(?:your|the|this|that|these)\b",
        # Prescribing.
        r"\bi (?:will|can|am going to|would|could) prescribe\b|\bi am prescribing\b",
        r"\b(?:i|we) (?:recommend|suggest|advise) (?:you )?(?:take|taking|start|starting|use|using|try|trying) \S+",
        r"\byou need (?:an? )?(?:antibiotics?|prescription (?:for|of)|course of)\b",
    ])
)
# A sentence that sends the decision to a clinician is in scope, whatever verbs it uses: "Do not stop taking
# it without talking to your doctor", "Ask your doctor before you change your dose".
_DEFERS_TO_CLINICIAN = re.compile(
    r"\b(?:without (?:first )?(?:talking|speaking|checking|asking)|unless (?:your |a )?(?:doctor|prescriber|"
    r"pharmacist|care team|nurse)|(?:ask|talk (?:to|with)|check with|tell|call|see|speak (?:to|with)|contact) "
    r"(?:\S+ ){0,2}?(?:doctor|prescriber|pharmacist|care team|nurse|provider|clinician|midwife)|(?:doctor|"
    r"prescriber|pharmacist|care team|provider)(?:'s)? (?:may|will|can|might|tells?|told|says|said|decides?|"
    r"prescribes?|advice|instructions|directions)|as (?:your|the) (?:doctor|prescriber|label|pharmacist)|"
    r"exactly as (?:prescribed|directed|your)|(?:follow|read) the (?:label|directions|instructions)|"
    r"the label (?:says|tells)|package label)\b"
)


def sentence_is_in_scope(sentence: str) -> bool:
    """False for an answer sentence that diagnoses the reader, gives or changes a dose, tells them to stop a
    medicine or prescribes; vetted sentences that defer to a clinician stay in."""
    text = normalize(sentence)
    if not _OUT_OF_SCOPE_SENTENCE.search(text):
        return True
    if _DEFERS_TO_CLINICIAN.search(text):
        return True
    # "Do not stop ..." and "Never double a dose" warn against acting alone; they are in scope.
    return bool(re.match(r"^(?:do not|never|don't|you should not|you should never|avoid) ", text)) \
        and not re.search(r"\byou (?:have|are suffering)\b", text)
