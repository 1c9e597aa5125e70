"""What an emergency or urgent situation sounds like in patients' words: symptom and event patterns over
normalised text (see `safety.text.normalize`), grouped into concepts with the context each needs.

A concept is one reason to act ("stroke", "poisoning", "high fever"). Its patterns find anchors in the
text; `safety.context` then decides whether an anchor describes something happening now (not negated,
not an idiom, not a question about the topic, not long past). Patterns match whole tokens separated by
single spaces, because normalisation joins tokens that way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Level = Literal["emergency", "urgent"]
Kind = Literal["symptom", "event"]

CRISIS = "crisis"
POISON = "poison"

# A few words of gap between two parts of a phrase ("chest feels really tight").
GAP = r"(?:\S+ ){0,3}?"
GAP5 = r"(?:\S+ ){0,5}?"
SUBJECT_SELF = r"(?:my|him|her|them|your|our)(?:self|selves)"
PREGNANCY_CONTEXT = (
    r"\b(?:pregnan\w*|weeks along|expecting a baby|trimester|miscarr\w*|postpartum|post partum|(?:gave|giving) birth|"
    r"(?:just )?had (?:my|the|a|our) baby|after (?:the |my )?(?:delivery|c ?section)|delivered (?:my|the|a) baby|"
    r"(?:the |my |our )?baby (?:was |is |got )?born|after (?:the )?birth|postnatal|post natal|just delivered|"
    r"(?:[5-9]|[1-4]\d) weeks (?:and|with) "
    r"(?:the |my )?baby|(?:[4-9]|[1-3]\d|4[0-2]) weeks (?:pregnant|along|gestation)|"
    r"^(?:2\d|3\d|4[0-2]) (?:weeks|wks)(?= ,| and | now| today| with)|"
    r"(?:i am|she is|we are|wife is|partner is) (?:[1-3]\d|4[0-2]) weeks(?! (?:post|into|after|out|since|of|ago|old|in|"
    r"from)))\b"
)
# "blood" as bleeding, not as in blood pressure, blood sugar or blood tests.
BLOOD = (
    r"blood(?! (?:pressure|sugar|sugars|test|tests|work|count|counts|type|levels?|thinners?|donation|glucose|"
    r"clots? in (?:my|his|her|the) (?:leg|lung)|cells|vessels?|orange|moon|oath|brother|sister))"
)
# Between a count and "pills": no dose unit ("81 mg aspirin" is a dose, "30 tylenol" a count).
_NO_UNIT = r"(?:(?!(?:mg|mcg|ml|g|grams?|milligrams?|units?|iu|puffs?|drops?) )\S+ ){0,3}?"
# "too much coffee", "too much to drink": food and drink, not medicine.
_NOT_FOOD = (r"(?! (?:of )?(?:\S+ )?(?:coffee|caffeine|tea|water|alcohol|beer|wine|booze|liquor|soda|sugar|food|salt|"
             r"candy|chocolate|cake|pizza|junk|sun|time|screen|tv|exercise|energy|juice|milk|fiber|fibre|protein|work|"
             r"stress|fun|to drink|to eat|at|for (?:dinner|lunch|breakfast)|last night)\b)")
# "I took 12 pills this morning like every day" is a regimen, not an overdose.
_NOT_A_REGIMEN = (r"(?! (?:\S+ ){0,3}?(?:a day|per day|every|each (?:day|morning|night|evening|week|time)|daily|as "
                  r"prescribed|like (?:always|usual|every)|"
                  r"as usual|as (?:directed|told)))")
# "Remind me to take 10 units of insulin" asks for a reminder: the dose in it is a plan, not an event.
_REMINDER_REQUEST = re.compile(r"\b(?:remind\w*|set (?:up )?(?:an? )?(?:alarm|alert)|schedul\w*|notify me)\b")
_BLEEDING_HEAD = (r"(?:bleed\w*|blood) (?:\S+ ){0,2}?(?:from|on|out of) (?:my|his|her|their|the) (?:head|scalp)|"
                  r"(?:head|scalp) (?:is |was )?(?:bleeding|cut open|split open|gashed)")
_FALLEN_CANNOT_GET_UP = (r"(?:fell|fallen|had a fall|took a fall|fall|slipped) (?:\S+ ){0,4}?(?:and |but )?"
                         r"(?:cannot|could not|can not|unable to|not able to|will not) (?:\S+ )?get (?:back )?up")
# A young child: any medicine they get into that is not theirs is a poisoning ("my 3 yo", "hes 2", "toddler").
YOUNG_CHILD = (
    r"\b(?:toddler|baby|infant|little one|preschooler|(?:[1-9]|1[0-2]|one|two|three|four|five|six) ?(?:yo|y o)|"
    r"(?:[1-9]|1[0-2]|one|two|three|four|five|six|seven|eight|nine|ten) ?(?:yr|yrs|year|years) old|"
    r"\d{1,2} ?(?:month|months|mo|mos|week|weeks|wk|wks|day|days) old|(?:he|she) is (?:[1-6]|one|two|three|four|five|"
    r"six)(?! (?:ft|feet|foot|pm|am|weeks|days|hours|minutes))|"
    r"(?:is|are|aged?) (?:[1-6]|one|two|three|four|five|six)(?= (?:and|,|\.|!|\?|years|yo|yr)|$))\b"
)
# What a burn came from: heat, fire, a chemical or electricity.
_BURN_CAUSE = (r"\b(?:burn\w*|burnt|scald\w*|boiling|steam|hot (?:\S+ )?(?:oil|water|grease|pan|pot|stove|iron|"
               r"coffee|tea|soup|liquid|kettle)|fire|flames?|acid|chemical|bleach|lye|electric\w*|grease)\b")
_PILLS = (r"(?:pills|tablets|capsules|caps|meds|medicine|medicines|medication|medications|gummies|vitamins|"
          r"(?:cough |cold |liquid )?syrup|cough medicine|drops)")
# "found the pills on the counter and swallowed some".
_PILLS_THEN_INGESTS = (_PILLS + r" (?:\S+ ){0,14}?(?:and |then )?(?:swallowed|ate|chewed|took|eaten|drank) (?:some|"
                                r"a few|"
                       r"a couple|several|one|two|three|them|it|a bunch|a handful|\d+)")
# A son or daughter who got into someone else's medicine is treated as a child: parents rarely give the age.
_CHILD = YOUNG_CHILD[:-3] + r"|son|daughter|kid|kids|child|children|grandson|granddaughter|grandchild|nephew|niece)\b"
# Someone with diabetes or a sugar problem: the setting in which confusion or drowsiness means low sugar.
DIABETES_CONTEXT = (
    r"\b(?:diabet\w*|insulin|(?:blood )?sugar (?:is |was |has |went |dropped|crashed|low|dropping|tanked|reading)|"
    r"sugar dropped|low (?:blood )?sugar|hypo|hypoglycemi\w*|glucose (?:is|was|of|dropped|low)|(?:going|went) low|"
    r"type (?:1|one|2|two)|t1d|t2d|glucagon|glucometer|cgm|dexcom|libre|(?:sugar|glucose) (?:meter|monitor))\b"
)
# An infection or its fever: the setting in which confusion, fast breathing or mottled skin mean sepsis.
INFECTION_CONTEXT = (
    r"\b(?:fever\w*|infection|infections|infected|temperature|chills|shivering|burning up|sepsis|septic|pneumonia|uti|"
    r"cellulitis|abscess|flu|influenza|covid|strep|appendicitis|meningitis)\b"
)
# A fever in words or numbers (100.4 F / 38 C and above), for urgent signs that mean infection with a fever.
FEVER_WORDS = (
    r"(?:fever\w*|feverish|chills|burning up|running a temp|(?:has|have|had|got|with|and) a (?:high )?(?:temperature|"
    r"temp)|temp\w* (?:\S+ ){0,3}?(?:100\.[4-9]|10[1-9]|3[89]|4[01])|"
    r"(?:100\.[4-9]|10[1-9]|3[89]|4[01])(?:\.\d)? ?(?:f|c|degrees))"
)
FEVER_PRESENT = rf"\b{FEVER_WORDS}\b"
# With a very high sugar, these mean ketoacidosis or a hyperosmolar state: an emergency.
HIGH_SUGAR_DANGER = (r"\b(?:vomit\w*|throwing up|threw up|puk\w*|fruity|ketones|breathing (?:\S+ )?(?:fast|hard|deep)|"
                     r"confus\w*|very (?:sleepy|drowsy)|(?:will not|cannot|not) (?:wake|waking))\b")
# Convulsion words in lay terms.
_MOTOR = (r"(?:seizure|seizures|seizing|fit|fits|fitting|convulsion|convulsions|convulsing|shaking|jerking|twitching|"
          r"stiff|stiffening|thrashing)")
_CHILD_INGESTS = (r"(?:swallowed|swallow|swallows|ate|eaten|eat|chewed|chewing|chews|got into|got hold of|into|drank|"
                  r"drink|drinks|licked|sucked on")
ALLERGY_CONTEXT = (
    r"\b(?:sting|stung|bee|wasp|hornet|peanuts?|nuts?|cashews?|almonds?|shellfish|shrimp|prawns?|crab|lobster|fish|"
    r"egg|eggs|milk|sesame|ate|eating|food|allerg\w*|reaction|new (?:medicine|antibiotic|pill|medication|drug)|"
    r"antibiotic|penicillin|amoxicillin|hives|epi ?pen|after taking|took)\b"
)

# Street drugs and the medicines people misuse, in slang too ("did way too much fent", "popped some bars").
_DRUGS = (r"(?:fent\w*|heroin|dope|coke|cocaine|crack|meth|molly|mdma|ecstasy|ketamine|xanax|xans|benzos|oxy\w*|"
          r"percs?|percocets?|opioids?|opiates?|morphine|methadone|drugs|k2|pcp|ghb|lsd|shrooms|adderall|addy|addies|"
          r"tranq|xylazine)")
# What makes drug use an emergency: breathing or consciousness failing, a seizure, overheating, chest pain.
_OVERDOSE_DANGER = (
    r"\b(?:seiz\w*|convuls\w*|(?:not|barely|stopped|hardly|is not) breath\w*|(?:lips|face|skin) (?:\S+ ){0,2}?(?:blue|"
    r"grey|gray|purple)|turning blue|unconscious|unresponsive|(?:not|is not|will not) (?:respond\w*|waking|wake)|"
    r"(?:cannot|can not|could not) (?:\S+ )?(?:wake|rouse)|passed out|collaps\w*|overheat\w*|(?:super|really|very|so) "
    r"hot|burning up|chest (?:pain|hurts)|heart (?:\S+ ){0,2}?(?:racing|pounding)|foam\w*|gurgl\w*|snor\w* (?:weird|"
    r"strange|funny|loud)|pinpoint|hallucinat\w*|(?:very|really|super) confused)\b"
)
# Medicine named in the message, so "took it again" or "took it twice" is about a dose.
MEDICINE_WORDS = (
    r"\b(?:pills?|tablets?|capsules?|caps|meds?|medicines?|medications?|doses?|insulin|injections?|shots?|patch\w*|"
    r"digoxin|metoprolol|atenolol|propranolol|carvedilol|amlodipine|lisinopril|losartan|diltiazem|verapamil|warfarin|"
    r"coumadin|eliquis|apixaban|xarelto|metformin|glipizide|levothyroxine|synthroid|lithium|sertraline|zoloft|prozac|"
    r"fluoxetine|citalopram|escitalopram|lexapro|trazodone|seroquel|quetiapine|xanax|alprazolam|ativan|lorazepam|"
    r"valium|diazepam|klonopin|clonazepam|ambien|zolpidem|oxycodone|hydrocodone|tramadol|tylenol|acetaminophen|"
    r"paracetamol|ibuprofen|advil|motrin|aspirin|benadryl|gabapentin|clonidine|prednisone|lasix|furosemide|"
    r"methotrexate|adderall|ritalin|morphine|methadone)\b"
)
# Breathed-in fumes: cleaners mixed together, chemical vapours, gas.
FUMES_EXPOSURE = (
    r"\b(?:(?:mix\w*|combin\w*) (?:\S+ ){0,5}?(?:bleach|ammonia|vinegar|cleaners?|chemicals|chlorine|drain cleaner|"
    r"products|acid)|(?:bleach|ammonia|chlorine) (?:\S+ ){0,2}?(?:mix\w*|with|and) (?:\S+ ){0,2}?(?:ammonia|bleach|"
    r"vinegar|cleaner\w*|acid)|fumes|vapou?rs?|toxic gas|chlorine gas|gas leak|smell\w* (?:of )?gas|(?:breath\w*|"
    r"inhal\w*|sniff\w*|huff\w*) (?:in )?(?:\S+ ){0,3}?(?:gas|chemicals?|bleach|ammonia|chlorine|paint|glue|aerosol|"
    r"spray|propane|butane|freon|pesticide|bug spray)|(?:spray\w*|fogg\w*|bomb\w*|using|used) (?:\S+ ){0,2}?(?:bug "
    r"(?:killer|spray|bomb)|pesticide|insecticide|weed ?killer|chemicals?|paint|solvent|cleaner) (?:\S+ ){0,4}?"
    r"(?:closed|small|enclosed|indoors|inside|garage|basement|no (?:ventilation|windows)))\b"
)
# Where carbon monoxide comes from indoors.
CO_SOURCE = (
    r"\b(?:(?:gas|propane|kerosene|paraffin|oil|wood|coal|charcoal|camping|portable) (?:\S+ )?(?:heater|stove|furnace|"
    r"boiler|fireplace|generator|grill|bbq|barbecue|water heater|fire|lamp)|generator|space heater|furnace|boiler|"
    r"(?:car|engine|motor|truck) (?:\S+ ){0,3}?running|(?:running|ran|left|idling) (?:the |a |my )?(?:car|engine|"
    r"generator|grill|bbq|truck)|(?:co|carbon monoxide) (?:alarm|detector)|exhaust)\b"
)
# Something that happened to the body with force: the setting in which numb or unmovable limbs mean a hurt spine.
TRAUMA_CONTEXT = (
    r"\b(?:fell|fall|falls|fallen|falling|crash\w*|accident|dove|dived|diving|hit by|tackl\w*|thrown|landed|flipped|"
    r"(?:off|from) (?:a|the|his|her|my) (?:roof|ladder|horse|trampoline|bike|balcony|wall|tree|stairs|motorcycle))\b"
)
# Heat: the setting in which confusion, a hot dry body or collapse mean heat stroke.
HEAT_CONTEXT = (
    r"\b(?:sun|heat|heatwave|heat wave|hot (?:day|car|weather|room|attic|kitchen)|outside all day|outdoors|sauna|"
    r"(?:working|playing|running|marathon|hiking|practice) (?:\S+ ){0,3}?(?:outside|in the (?:sun|heat))|degrees out)\b"
)
# Medicines that are dangerous to go without for days: seizures, blood clots, a racing heart, a rebound in blood
# pressure, withdrawal.
CRITICAL_MEDICINE = (
    r"(?:blood pressure|bp|heart|heart rhythm|seizure|epilepsy|anti ?seizure|insulin|blood thinners?|anticoagulants?|"
    r"warfarin|coumadin|eliquis|xarelto|antidepressants?|ssri|steroids?|prednisone|transplant|anti ?rejection|hiv|"
    r"antiretrovirals?|lithium|antipsychotics?|beta blockers?|metoprolol|clonidine|keppra|levetiracetam|lamotrigine|"
    r"lamictal|dilantin|phenytoin|methadone|suboxone|buprenorphine|parkinson\w*|carbidopa|"
    r"adrenal|hydrocortisone|digoxin|amiodarone|lisinopril|amlodipine|losartan)"
)


@dataclass(frozen=True)
class Concept:
    """One reason for an emergency or urgent reply, with the context its anchors need."""

    name: str
    level: Level
    patterns: tuple[re.Pattern[str], ...]
    # "symptom": the words describe a state ("can't breathe"); "event": a noun that needs a verb saying it is
    # happening to someone ("having a stroke", not "what is a stroke").
    kind: Kind = "symptom"
    # Must appear somewhere in the message (e.g. a pregnancy mention for pregnancy bleeding).
    requires: re.Pattern[str] | None = None
    # In the same sentence, cancels the anchor (e.g. "can't breathe through my nose").
    excludes: re.Pattern[str] | None = None
    # In the same sentence, lowers an emergency anchor to urgent (e.g. "a little short of breath").
    milder: re.Pattern[str] | None = None
    # Anywhere in the message and not negated, raises an urgent anchor to emergency (e.g. fainting AND won't wake).
    graver: re.Pattern[str] | None = None
    # Anywhere in the message, cancels every anchor (e.g. a knock to the head with the warning signs ruled out).
    unless: re.Pattern[str] | None = None
    # "had a stroke" (no "just") reads as history for these events.
    had_is_history: bool = False
    hotlines: tuple[str, ...] = ()
    # The flag name when the concept escalates or de-escalates, if different.
    urgent_name: str | None = None
    # A time word tells how long it has gone on ("ran out of my seizure pills a week ago"), never that it is over.
    lasting: bool = False


@dataclass(frozen=True)
class Cluster:
    """Signs that each say little alone but together call for help: stroke's face, arm and speech; sepsis's fast
    breathing, racing heart and little urine; a goodbye message and an apology. Each sign counts once, and only
    when it is happening now (the same checks as a concept's anchors)."""

    name: str
    level: Level
    signs: tuple[re.Pattern[str], ...]
    needed: int
    requires: re.Pattern[str] | None = None
    excludes: re.Pattern[str] | None = None
    hotlines: tuple[str, ...] = ()
    # Anywhere in the message, explains the signs away (a known condition they come from).
    unless: re.Pattern[str] | None = None
    # A sign that must be happening now besides the `needed` others: chest discomfort for a heart attack's
    # companions (sweat, breathlessness), which alone mean little.
    key: re.Pattern[str] | None = None

    @property
    def context(self) -> Concept:
        """The concept whose context checks each sign must pass."""
        return Concept(self.name, self.level, (), requires=self.requires, excludes=self.excludes,
                       hotlines=self.hotlines)


def _compile(*alternatives: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r"(?<![\w'])(?:" + alternative + r")(?![\w'])") for alternative in alternatives)


def _re(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w'])")


_EXTRA_DOSE_EXCLUDES = _re(r"(?:should|can|could|may) i (?:take|give)", r"is it (?:ok|okay|safe) to take",
                           _REMINDER_REQUEST.pattern,
                           # A second multivitamin or fish oil capsule is harmless for an adult.
                           r"(?:multi ?)?vitamins?(?! (?:with iron|d drops))|supplements?|fish oil|probiotics?")
# After a dose too many, these mean the medicine is doing harm: an emergency for Poison Control and 911.
_DOSE_TOO_MUCH_SIGNS = re.compile(
    r"\b(?:dizz\w*|light ?headed|faint\w*|pass\w* out|passed out|blacked out|(?:pulse|heart ?rate|heartbeat|heart) "
    r"(?:\S+ ){0,4}?(?:slow|low|down|weak|irregular|racing|pounding|[1-4]\d)|slow (?:pulse|heart\w*)|vomit\w*|throw\w* "
    r"up|threw up|(?:very|super|really|so|extremely) (?:sleepy|drowsy|weak)|(?:hard|cannot|can not|will not) (?:to )?"
    r"wake|confus\w*|seeing (?:yellow|double|things)|shak\w*|sweat\w*|(?:cannot|can not) (?:think|stay awake|keep "
    r"(?:my|"
    r"his|her) eyes open)|barely (?:keep|awake|conscious)|not making (?:any )?sense|chest pain|(?:hard|trouble|"
    r"difficult\w*) (?:to )?breath\w*|short of breath|seiz\w*|breath\w* (?:\S+ ){0,2}?(?:slow|shallow))\b"
)
# "hit his head", "banged head skiing", "hit the back of her head on the step".
_KNOCK_TO_HEAD = (
    r"(?:hit|bumped|banged|smacked|hurt|injured|cracked|struck|bonked|knocked|bashed|whacked) "
    r"(?:(?:his|her|my|their|the|a) )?(?:(?:back|side|front|top) of (?:his|her|my|their|the) )?"
    r"head(?! (?:start|count|line|first|on (?:collision|crash)))|"
    r"head (?:hit|smacked|struck|bounced off|slammed (?:into|on|against))"
)
# After a knock to the head, these mean bleeding or swelling inside the skull.
_HEAD_INJURY_DANGER = (
    r"\b(?:vomit\w*|throw\w* up|threw up|puk\w*|confus\w*|not making (?:any )?sense|(?:will not|would not|cannot|not) "
    r"(?:wake|waking)|unconscious|knocked out|passed out|blacked out|(?:was|were|is|went) out (?:cold|for)|out cold|"
    r"seiz\w*|slurr\w*|(?:blood|bleeding) (?:\S+ ){0,2}?(?:from|out of) (?:his|her|my|their|the) (?:ears?|nose)|"
    r"clear (?:\S+ ){0,2}?(?:fluid|liquid|stuff|water)|watery (?:stuff|fluid)|pupils?|(?:very|super|really|so|"
    r"extremely) "
    r"(?:sleepy|drowsy)|drowsy|blood thinners?|warfarin|coumadin|eliquis|apixaban|xarelto|anticoagulant|worst headache|"
    r"headache (?:\S+ ){0,4}?(?:worse|worsening)|worsening headache|cannot walk|(?:does not|did not|cannot|can not) "
    r"(?:know|remember|recogni[sz]e) (?:what|where|who|the)|keeps? (?:asking|repeating)|repeat\w* (?:himself|herself|"
    r"the same))\b"
)
_BITING_ANIMAL = (r"(?:dog|puppy|cat|kitten|bat|raccoon|fox|skunk|monkey|stray|animal|rat|mouse|ferret|coyote|hamster|"
                  r"gerbil|guinea pig|rabbit|bunny|horse|squirrel|parrot|pig|goat|wolf|chipmunk|groundhog|possum|"
                  r"opossum)")
_RELIEVER = (r"(?:inhaler|puffer|pump|albuterol|salbutamol|ventolin|proair|reliever|nebuli[sz]er|neb|rescue "
             r"(?:inhaler|med\w*|puffer))")
# Shaking with cold that will not stop (rigors): with a fever, a sign of infection in the blood.
_EXTREME_SHIVERING = (
    r"(?:shaking|shivering|shivers|trembling|teeth chattering) (?:\S+ ){0,2}?(?:uncontrollabl\w*|violent\w*|so hard|"
    r"so bad\w*|non ?stop|all over)|uncontrollabl\w* (?:shaking|shivering)|rigors|"
    r"(?:freezing|so cold|ice cold) (?:\S+ )?(?:and|but) (?:\S+ )?(?:shaking|shivering)"
)
# Who is at high risk of sepsis with a fever: just after surgery, a birth or during chemotherapy.
_RECENT_PROCEDURE = (
    r"\b(?:(?:had|after|since|following|post) (?:\S+ ){0,3}?(?:surgery|operation|op|c ?section|caesarean|cesarean|"
    r"procedure|biopsy|transplant|delivery|birth|baby|chemo\w*)|post ?op\w*|chemo\w*|(?:gave|giving) birth|"
    r"catheter|dialysis|(?:surgery|operation|c ?section|procedure|delivery) (?:\S+ ){0,3}?(?:ago|last week|on "
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))|"
    # "had my appendix out", "after his gallbladder was removed", "a hysterectomy last week".
    r"(?:had|having|got|after) (?:my|his|her|their|the) \S+ (?:out|removed|taken out|replaced)|\w+(?:ectomy|otomy|"
    r"plasty))\b"
)
# What a child or an adult may swallow or drink from around the house.
HOUSEHOLD_POISONS = (
    r"bleach|antifreeze|detergent|laundry pods?|tide pods?|detergent pods?|"
    r"dish ?washer (?:soap|pods?|tablets?|detergent)|dish soap pods?|soap pods?|pods|drain cleaner|"
    r"toilet (?:bowl )?cleaner|oven cleaner|cleaning (?:product|fluid|spray|solution|liquid)|lye|ammonia|rat poison|"
    r"poison|pesticide|weed ?killer|insecticide|bug spray|gasoline|petrol|kerosene|lighter fluid|paint thinner|"
    r"windshield (?:washer )?fluid|lamp oil|button batter(?:y|ies)|batter(?:y|ies)|magnets?|wild mushrooms|"
    r"mushrooms from the (?:yard|garden)|nicotine (?:liquid|gum|pouches)|vape (?:juice|liquid)|e liquid|chemicals|"
    r"cleaning stuff|cleaning supplies|cleaner|hand sanitizer|"
    r"(?:washing|laundry|dish ?washer|dish ?washing|washing up) (?:machine )?(?:liquid|powder|detergent|soap|tablets?|"
    r"pods?|gel|fluid)|fabric softener|softener|rubbing alcohol|mouthwash|essential oils?"
)
# "I haven't felt the baby move since this morning".
_NO_FETAL_MOVES = (r"(?:not|have not|has not|had not|did not|cannot|can not|could not) (?:\S+ )?(?:felt|feel|feeling|"
                   r"noticed) "
                   r"(?:the |my |her |any )?(?:baby|kicks?|movements?)(?: (?:\S+ )?(?:mov\w*|kick\w*))?")
# "the baby has gone really quiet today", "not as active as usual".
_QUIET_BABY = (r"(?:baby|bump) (?:\S+ ){0,2}?(?:gone|is|been|very|really|so) (?:\S+ )?quiet|"
               r"(?:baby|he|she) (?:\S+ ){0,2}?(?:not as active|less active|quieter than)")
_NOT_A_CHILD_POISONING = _re(
    r"(?:swallowed|swallow|ate|chewed|took|takes|take|taking) (?:his|her|their) (?:own |usual |daily |normal |"
    r"prescribed |morning |night |bedtime |regular |new )?(?!(?:brother|sister|mom|mother|dad|father|grandma|grandpa|"
    r"grandmother|grandfather|granny|nana|grandad|aunt|uncle|parent|sibling)s?\b)(?:\S+ )?(?:dose|pill|tablet|medicine|"
    r"medication|meds|vitamin|vitamins|gummy|antibiotics?)",
    r"(?:how|can|should|could|is it|when|what|will) (?:\S+ ){0,6}?(?:give|take|swallow|chew)",
    r"refuses?|refused|will not (?:swallow|take|chew)|spit\w*", _REMINDER_REQUEST.pattern)
# The chest in lay words: "behind my breastbone", "on my sternum".
CHEST = r"(?:chest|breastbone|sternum)"
# Where chest pain spreads when it comes from the heart.
_HEART_PAIN_TARGET = (r"(?:my |his |her |their |the )?(?:left |right |both )?(?:arms?|jaw|neck|back|shoulders?|"
                      r"shoulder blades?)")
_SPREADS = r"(?:spread\w*|go|goes|going|went|mov\w*|radiat\w*|shoot\w*|travel\w*|run|runs|running|extend\w*)"

_BREATHING_TROUBLE = (
    r"(?:cannot|could not|can barely|could barely|can hardly|unable to|struggling to|struggle to|fighting to|"
    r"fighting for|hard time|hard to|trouble|troubles|difficulty|difficult to|problems?|labou?red) "
    r"(?:\S+ ){0,1}?(?:breath\w*|catch (?:my|his|her|their|a) breath|get (?:any |enough )?air(?: in)?|get (?:a "
    r")?breath)"
)

CONCEPTS: tuple[Concept, ...] = (
    # ----- heart -------------------------------------------------------------------------------------------
    Concept(
        "chest_pain", "emergency",
        _compile(
            CHEST + " " + GAP5 + r"(?:pains?|pressure|tightness|tight|tightening|heaviness|heavy|hurts?|hurting|aching|"
            r"aches|squeezing|squeezed|crushing|crushed|discomfort|killing|burning|on fire|clenching|clenched)",
            # "my chest has felt like it's in a vise".
            CHEST + r" (?:\S+ ){0,6}?(?:in|like|inside) (?:a |some )?(?:vise|vice|clamp|vice grip|grip)",
            r"(?:pains?|pressure|tightness|heaviness|heavy|tight|squeezing|crushing|discomfort|ache|aching|burning|"
            r"weight|band|vice) " + GAP + r"(?:in|on|across|around|behind|through|under) (?:the |my |his |her |their )?"
            r"(?:middle of |"
                    r"center of "
            r"|centre of )?(?:my |his |her |their |the )?" + CHEST,
            r"(?:crushing|squeezing) (?:feeling|pain|sensation)",
            r"elephant " + GAP + r"(?:on|sitting on|standing on) (?:my|his|her|their) " + CHEST,
            r"(?:clutch\w*|grabb\w*|grabs|holding|gripping) (?:at )?(?:my|his|her|their) chest",
        ),
        excludes=_re(r"chest (?:infection|cold|x ?ray|congestion|hair|binder|tube|cough|muscles?)|pecs?",
                     r"asthma\w*|inhaler|puffer|ventolin|albuterol|salbutamol|nebuli[sz]er",
                     r"chest (?:is |feels )?(?:congested|stuffy|full of (?:mucus|phlegm))",
                     r"chest (?:\S+ ){0,2}?(?:does not|did not|is not|not|never) (?:\S+ )?(?:hurt|ache|feel (?:tight|"
                     r"heavy))",
                     # Sore only when coughing: a chest cold, not the heart.
                     r"(?:hurts?|pain\w*|sore|aches?) (?:\S+ ){0,2}?(?:when|while|if) (?:i |he |she |they )?cough\w*",
                     # Mucus and phlegm: a chest cold or infection.
                     r"mucus|phlegm"),
        milder=_re(r"(?:from|after|since|because of|with) (?:all )?(?:the |my |this |a )?(?:coughing|cough|lifting|"
                   r"work ?out|working out|the gym|gym|exercise|push ?ups|bench\w*|fall|falling|sneezing)",
                   r"pulled (?:a )?muscle", r"when i (?:cough|sneeze|press|move|twist)", r"heartburn after",
                   r"when(?:ever)? i (?:have|get) (?:a |an |my )?(?:panic|anxiety) attacks?",
                   r"(?:eases|goes away|stops|better) (?:\S+ ){0,2}?(?:when|if|after) (?:i |he |she )?"
                   r"(?:sit|rest|stop)"),
    ),
    Concept(
        # "behind my breastbone that goes up into my jaw": something in the chest that spreads to the arm, jaw, neck
        # or back. A rash or a bruise that spreads is not it.
        "chest_pain", "emergency",
        _compile(CHEST + r" (?:\S+ ){0,8}?" + _SPREADS + r" (?:\S+ ){0,2}?(?:to|into|down|up|through|towards?) "
                 + _HEART_PAIN_TARGET),
        excludes=_re(r"rash\w*|spots|hives|bumps|blisters?|itch\w*|acne|pimples?|sunburn|bruis\w*|redness|hair|tattoo|"
                     r"chest (?:infection|cold|congestion|cough)|mucus|phlegm|cough\w*"),
    ),
    Concept(
        # Pain of unnamed origin spreading to the arm or jaw; a tooth, neck or shoulder as origin explains it.
        "chest_pain", "emergency",
        _compile(r"(?:pain|ache|numbness|tingling|pressure) " + GAP5 + _SPREADS + " " + GAP
                 + r"(?:to|into|down|up|through) (?:my |his |her |their |the )?(?:left )?(?:arm|jaw)"),
        excludes=_re(r"tooth|teeth|toothache|dental|molar|wisdom|tmj|ear|earache|neck|shoulder|elbow|wrist|hand|"
                     r"fingers?|back|sciatic\w*|nerve|carpal|migraine|headache|gym|lift\w*|typing|chew\w*|eat\w*|"
                     r"bit\w*|yawn\w*"),
    ),
    Concept(
        "chest_pain", "emergency",
        _compile(r"heart attack", r"coronary", r"cardiac arrest", r"heart (?:is )?stopp\w*"),
        kind="event", had_is_history=True,
    ),
    # ----- stroke ------------------------------------------------------------------------------------------
    Concept(
        "stroke", "emergency",
        _compile(
            r"(?:face|mouth|smile|lips?|eyelid|cheek|side of (?:my|his|her|their|the) face) " + GAP
            + r"(?:droop\w*|sagg\w*|crooked|lopsided|uneven|slack|fell|dropped|drops)",
            r"droop\w* (?:\S+ ){0,4}?(?:face|mouth|smile|on one side)",
            # "one side of his face is fall down", "her mouth is hanging on one side".
            r"side of (?:(?:my|his|her|their|the) )?(?:face|mouth) (?:\S+ ){0,3}?(?:fall\w*|fell|hang\w*|down|drop\w*)",
            r"(?:face|mouth|lips?|eyelid|cheek) (?:\S+ ){0,2}?(?:fall\w*|fell|hang\w*|gone|went|dropp\w*) down",
            r"(?:face|mouth|lips?|eyelid|cheek) (?:\S+ ){0,2}?hang\w* (?:\S+ ){0,2}?(?:on )?(?:one|the left|the right) "
            r"side",
            r"(?:one|left|right) side (?:of )?(?:my |his |her |their |the )?(?:face|mouth) " + GAP
            + r"(?:numb|droop\w*|weak|dead|fell|paraly\w*|not moving)",
            r"(?:half|one side of) (?:my |his |her |their |the )?face " + GAP + r"(?:numb\w*|droop\w*|paraly\w*|dead)",
            r"(?:slurr\w*|slur|garbled|jumbled) " + r"(?:\S+ ){0,2}?(?:speech|words|talking|talk|speaking)",
            r"(?:speech|words|talking|speaking|voice) " + GAP + r"(?:slurr\w*|slur|garbled|jumbled|weird|odd|funny|"
            r"coming out (?:wrong|funny|weird|strange|garbled|jumbled)|not making sense|does not make sense|strange)",
            r"(?:is|are|am|was|keeps|started|been|suddenly) slurr\w*", r"slurring",
            r"talk\w* (?:funny|weird|strange|gibberish|nonsense)",
            r"(?:suddenly |sudden )(?:\S+ ){0,2}?(?:cannot|could not|unable to) (?:talk|speak|get (?:the |my |his |"
            r"her )?words out)",
            r"(?:cannot|could not|unable to) (?:talk|speak|get (?:the |my |his |her )?words out) (?:properly|right|"
            r"clearly|normally|normal|good|correct|correctly|straight)",
            r"(?:one|left|right) side (?:of )?(?:my |his |her |their |the )?(?:body )?" + GAP + r"(?:weak\w*|numb\w*|"
            r"paraly\w*|dead|limp|tingl\w*|heavy|will not move|cannot move|not moving)",
            r"(?:weak\w*|numb\w*|paraly\w*|tingl\w*|limp|dead) " + GAP + r"(?:on )?(?:one|the left|the right|my left|"
            r"my right|his left|his right|her left|her right) side",
            r"(?:cannot|could not|can not|unable to|can barely|could barely) (?:move|feel|use) (?:the |my |his |her |"
            r"their )?(?:left|right|one) side",
            r"(?:cannot|could not|can not|unable to|can barely|could barely) (?:lift|raise|move|feel|use|hold up) "
            r"(?:my|his|her|their) (?:left|right) (?:arm|leg|hand|side)",
            r"(?:suddenly|sudden) (?:\S+ ){0,3}?(?:cannot|could not|unable to) (?:lift|raise|move|feel|use) "
            r"(?:my|his|her|their) (?:\S+ )?(?:arm|leg|hand|side)",
            r"(?:left|right) (?:arm|leg|hand) " + GAP + r"(?:suddenly )?(?:went |is |feels |gone |has gone )?"
            r"(?:numb|weak|limp|dead|heavy|paraly\w*)",
            r"(?:suddenly|sudden) " + GAP + r"(?:cannot see|blind|lost (?:my |his |her )?(?:vision|sight)|double "
            r"vision)",
            r"(?:cannot|could not) see (?:properly|out of one eye|clearly)",
            r"(?:arm|leg|hand|face) (?:\S+ ){0,2}?(?:is |went |gone |feels |has gone )?(?:floppy|paraly\w*)",
            r"(?:cannot|could not|can not) (?:smile|raise (?:his|her|my|their) eyebrows?|close (?:his|her|my|their) "
            r"eye) (?:\S+ ){0,3}?(?:one|left|right) side",
            r"(?:smile|mouth) (?:is |looks )?(?:crooked|uneven|lopsided)",
            r"(?:arm|leg|hand) (?:and|or) (?:arm|leg|face) " + GAP + r"(?:suddenly )?(?:numb|weak|limp|paraly\w*)",
            r"(?:sudden|suddenly|new) (?:\S+ ){0,2}?(?:weak\w*|numb\w*|paraly\w*) (?:\S+ ){0,3}?(?:left|right|one) "
            r"(?:arm|leg|hand|side|face)",
        ),
        excludes=_re(r"dentist|novocaine|numbing|filling|root canal|anesthe\w*|fell asleep|slept on|pins and needles",
                     r"drunk|tipsy|hangover", r"cerebral palsy|since birth|born with|speech (?:therapy|delay)"),
    ),
    Concept(
        "stroke", "emergency",
        _compile(r"stroke", r"mini stroke", r"tia", r"brain bleed", r"stroke symptoms"),
        kind="event", had_is_history=True,
    ),
    Concept(
        "severe_headache", "emergency",
        _compile(
            r"worst headache (?:of|in) (?:my|his|her|their) life",
            r"worst headache (?:\S+ ){0,3}?(?:ever|of (?:my|his|her|their) life)(?! (?:\S+ ){0,3}?(?:last|ago|years?))",
            r"thunderclap headache",
            r"(?:sudden|suddenly) (?:\S+ ){0,3}?(?:severe|terrible|horrible|excruciating|worst|explosive|splitting|"
            r"blinding) headache",
            r"headache " + GAP5 + r"(?:came on|hit|started|began) (?:\S+ ){0,2}?(?:suddenly|out of nowhere|all at once|"
            r"like a thunderclap|in seconds)",
            r"headache (?:like|as if) (?:i was |i got |i had been |being )?(?:hit|struck|kicked)",
        ),
    ),
    # ----- mental health -----------------------------------------------------------------------------------
    Concept(
        "suicidal", "emergency",
        _compile(
            r"(?:kill|killing|kills|end|ending|off|offing) " + SUBJECT_SELF,
            # A method said with oneself as object: "hang myself", "drown myself" (not "shoot myself in the foot").
            r"(?:hang|hanging|hanged|drown|drowning|shoot|shooting|poison|poisoning|suffocate|suffocating|gas|gassing) "
            + SUBJECT_SELF + r"(?! in the (?:foot|feet))",
            # On a ledge or at the edge of a height, said of oneself now.
            r"(?:standing|stood|sitting|sat|i am|am) (?:\S+ ){0,2}?on (?:the |a |this )?(?:ledge|railing of (?:the |"
            r"a )?"
            r"bridge|edge of (?:the |a |this )?(?:bridge|roof|building|balcony))",
            r"(?:will not|would not|might not|may not) be (?:around|here|alive) (?:\S+ )?(?:much longer|anymore|any "
            r"more|for long|tomorrow|by (?:morning|tomorrow|tonight))(?! (?:\S+ ){0,6}?(?:trip|travel\w*|vacation|"
            r"holiday|flight|moving|office|work|weekend|appointment|surgery|hospital|shift|class|school|away))",
            # Pills put aside for one act: "saving up my pills so I can take them all at once".
            r"(?:saving|saved|save|stockpil\w*|hoard\w*|collect\w*|stash\w*|storing|stored) (?:up )?(?:\S+ ){0,3}?"
            r"(?:pills|tablets|meds|medication|medications|medicine|painkillers|sleeping pills) (?:\S+ ){0,6}?(?:all "
            r"(?:at once|together|of them at once)|at once|at the same time|enough to|when the time comes)",
            r"(?:take|taking|took|end|ending) (?:my|his|her|their) (?:own )?life",
            r"end it all", r"(?:end|ending) (?:things|everything)(?: for good)?",
            r"(?:want|wanna|feel like|felt like|going|gonna|ready|plan\w*|tempted|decided|about) (?:\S+ ){0,2}?(?:to )?"
            r"(?:end|ending) (?:it|it all|my life)",
            r"(?:thinking|thought|thoughts|think) (?:about|of) (?:just )?ending "
            r"(?:it|it all|things|everything|my life)",
            r"(?:want|wants|wanted|wanting|wish|wishes|wished|going|gonna|plan\w*|thinking (?:about|of)|"
            r"thought (?:about|of)|thoughts (?:about|of)|urge|urges|ready|decided|tempted|tried) (?:\S+ ){0,2}?"
            r"(?:to )?(?:die|be dead|dead|not (?:be )?(?:alive|here|wake up)|disappear forever|end it|end my life|"
            r"not exist|stop living)",
            r"(?:(?:do|does|did) )?(?:not|no) want (?:to )?(?:be alive|live|be here|exist|wake up|go on|be around)",
            r"(?:finish|finishing|stop|stopping) (?:my|his|her|their) (?:own )?life",
            # "it would be easier for everyone if I just used it", said with a weapon or pills at hand.
            r"(?:easier|better) for (?:everyone|everybody|them|my family|all of us) if i (?:just )?(?:\S+ )?"
            r"(?:used it|did it|was gone|were gone|died|disappeared|was not here|were not here|was dead|were dead)",
            r"(?:no|not any) (?:reason|point) (?:to|in) (?:live|living|going on|being alive|being here)",
            r"(?:do not|does not|cannot|can not|no longer) (?:see|find) (?:the |any |a )?(?:point|reason) (?:in|to|of) "
            r"(?:living|live|life|going on|being alive|being here|carrying on)",
            r"(?:want|wants|wish|need) (?:it all|everything|my life|this life|life|it) to "
            r"(?:end|be over|stop for good)",
            r"better off (?:dead|without (?:me|him|her|them))", r"(?:be|are) better without (?:me|him|her)",
            r"better off (?:\S+ ){0,2}?(?:if|when) (?:i|he|she) (?:was|were|am|is|were to) (?:gone|dead|not here|not "
            r"around|no longer here)", r"better off (?:\S+ ){0,2}?(?:if|when) (?:i|he|she) (?:died|disappeared)",
            r"(?:want|wants|wanted|wish|wishes|wished|hope|hoping|pray\w*) (?:\S+ ){0,4}?(?:never|not) (?:wake|waking) "
            r"up(?! (?:early|late|tired|sore|at|in|with|before))",
            r"(?:want|wants|wanted|wish|wishes|hope|hoping)\w* (?:\S+ ){0,3}?(?:sleep|go to sleep|fall asleep) "
            r"(?:forever|for good|and (?:just )?never wake up)",
            r"(?:tired|sick) of (?:living|being alive|life|existing)(?! (?:in|with|at|on|near|next|paycheck|out|under|"
            r"from|here|there|alone with|like (?:this|that))\b)",
            r"(?:done|finished) with (?:life|living)(?! (?:in|with|at|here)\b)",
            r"(?:give|giving|gave) up on (?:life|living)",
            r"(?:no|not any) reason (?:left )?to (?:live|go on|keep going)",
            r"(?:nobody|no one|noone) (?:would|will) (?:miss|care about|notice) (?:me|if i (?:was|were) gone|"
            r"if i died)",
            r"feel(?:ing)? like dying", r"wish (?:i|he|she) (?:was|were) dead",
            r"(?:have|got|has) (?:the |a )?(?:pills|rope|gun|razor|noose) (?:ready|lined up|saved)",
            r"(?:wrote|writing|left) (?:a |my |his |her )?(?:suicide |goodbye )?note",
        ),
        hotlines=(CRISIS,),
    ),
    Concept(
        # Wanting to jump or step out, with a height or traffic in the message: "on the bridge thinking about
        # jumping", "want to step in front of a train". A pool or a trampoline is not such a place.
        "suicidal", "emergency",
        _compile(
            r"(?:want|wants|wanted|wanting|think|thinking|thought|thoughts|urge|urges|tempted|going|gonna|plan\w*|"
            r"feel like|felt like|ready|about|decided|might|could|will|close to|scared i will|afraid i will) "
            r"(?:\S+ ){0,3}?(?:to )?(?:jump|jumping|leap|leaping|throw (?:my|him|her)self|throwing (?:my|him|her)self|"
            r"let go|letting go|(?:step|stepping|walk|walking|run|running) (?:out )?(?:in front of|into traffic|off)|"
            r"(?:drive|driving|crash|crashing|steer|steering|swerve|swerving) (?:\S+ ){0,3}?(?:off|into))"
            r"(?: (?:off|from|in front of|into|out of|over))?",
        ),
        requires=re.compile(r"\b(?:bridge|roof|rooftop|ledge|edge|balcony|cliff|overpass|tracks|train|subway|traffic|"
                            r"highway|freeway|building|window|tower|parking (?:garage|deck)|off the road|into a "
                            r"(?:tree|wall|truck)|in front of (?:a |the )?(?:bus|truck|lorry|car|cars))\b"),
        excludes=_re(r"pool|lake|trampoline|ship|queue|conclusions?|rope|jacks|bandwagon|at the chance|for joy|"
                     r"(?:in|on) (?:to )?the (?:conversation|call)|start|puddle|shower|bath|bed|couch|waves|ocean",
                     r"walk(?:ing)? (?:to|into|out of|through) (?:the )?(?:train|subway|building|window|store)",
                     r"(?:take|taking|catch|catching|drive|driving|ride|riding) (?:\S+ )?(?:the )?(?:train|subway|"
                     r"highway)"),
        hotlines=(CRISIS,),
    ),
    Concept(
        "suicidal", "emergency",
        _compile(r"suicide", r"suicidality"),
        kind="event", hotlines=(CRISIS,),
    ),
    Concept(
        "suicidal", "emergency", _compile(r"suicidal(?: thoughts| feelings| ideation)?"), hotlines=(CRISIS,),
    ),
    Concept(
        "self_harm", "emergency",
        _compile(
            r"(?:cut|cutting|cuts|burn|burning|burned|hurt|hurting|hurts|harm|harming|harmed|hit|hitting|starve|"
            r"starving) " + SUBJECT_SELF + r"(?! by accident| accidentally)",
            r"self ?harm\w*", r"self injur\w*",
            r"(?:cut|cutting|burn\w*|hurt|hit|scratch\w*|stab\w*|carv\w*) (?:my|his|her|their) (?:own )?(?:\S+ )?"
            r"(?:arms?|wrists?|legs?|thighs?|skin|stomach|body|hands?) (?:\S+ ){0,3}?(?:on purpose|deliberately|"
            r"intentionally)",
            r"(?:cut|cutting|burn\w*|carv\w*|scratch\w*) (?:my|his|her|their) (?:own )?(?:arms?|wrists?|legs?|thighs?|"
            r"skin|stomach) with (?:a |the |my |his |her )?(?:lighter|razor|razor blade|blade|cigarette|matches|match|"
            r"compass|scissors|pencil sharpener)",
        ),
        excludes=_re(r"by accident|accidentally|while cooking|in the kitchen|shaving|chopping|slicing|with a knife "
                     r"(?:while|when) (?:cooking|cutting)", r"lifting|working out|exercis\w*|playing|sport"),
        hotlines=(CRISIS,),
    ),
    # ----- poisoning / overdose ----------------------------------------------------------------------------
    Concept(
        "poisoning", "emergency",
        _compile(
            r"overdos(?:ed|ing)", r"(?:od|oding)",
            r"(?:swallowed|swallow|swallows|drank|drunk|drink|drinking|ate|eaten|eat|eating|ingested|licked|chewed|"
            r"inhaled|sprayed|got into|into the|put|has|had|sucked|sucking|mouthed|mouthing|bit|biting|bitten) "
            # The gap stays in one event: "drank some water after cleaning with bleach" is not it.
            + r"(?:(?!(?:after|before|while|when|then|because|since) )\S+ ){0,5}?(?:" + HOUSEHOLD_POISONS
            + r"|(?:my|his|her|the) (?:pills|medicine|meds|medication))",

            r"got into (?:the |my |his |her |their |grandma |grandpa )?(?:medicine|pills|meds|medication|medicine "
            r"cabinet|pill (?:bottle|box|organizer)|cleaning (?:supplies|products))",
            r"carbon monoxide(?! (?:detector|alarm|monitor|sensor|tester)s?\b)",
            r"(?:co|carbon monoxide|gas) (?:alarm|detector) " + GAP + r"(?:going off|went off|beeping)",
            r"poisoned",
            r"(?:found|next to|beside|with) (?:\S+ ){0,4}?(?:an )?empty (?:pill |medicine )?(?:bottle|packet|box|"
            r"blister pack)s?(?: of (?:pills|tablets|meds|medicine))?",
        ),
        excludes=_re(r"food poisoning"),
        hotlines=(POISON,),
    ),
    Concept(
        "poisoning", "emergency",
        _compile(
            # Too much of a medicine, said any way ("took a whole bottle", "going to take all my pills"); too much
            # coffee or food is not a poisoning.
            r"(?:took|taken|take|taking|swallowed|had|popped|downed|gave (?:him|her|them)) " + GAP5
            + r"(?:(?:way )?too (?:many|much)" + _NOT_FOOD + r"|every (?:single )?(?:pill|tablet|med|medicine|capsule)|"
            r"everything in (?:the|my|his|her|their) (?:medicine (?:cabinet|cupboard|box)|cabinet|cupboard|"
            r"pill ?(?:organi[sz]er|"
            r"box|case)|pillbox|dosette)|(?:the )?rest of (?:my|his|her|their|the) (?:\S+ ){0,2}?(?:pills|tablets|meds|"
            r"medicine|medication|bottle|pack|packet|prescription|painkillers|capsules)|what was left (?:of|in) (?:my|"
            r"his|her|their|the) (?:\S+ ){0,2}?(?:pills|tablets|meds|bottle|pack|packet)|"
            r"a (?:whole|full|entire) (?:bottle|pack|box|packet|"
            r"strip|sheet)|(?:the|my|his|her|their) (?:whole|entire|full) (?:bottle|pack|box|packet|prescription|"
            r"supply|script|month s supply|blister pack)|all (?:of )?(?:my|his|her|their|the) "
            r"(?:(?:mom|mum|dad|mother|father|wife|husband|grandma|grandpa|partner|sister|brother|roommate|friend) )?"
            r"(?:(?:pain|sleeping|anxiety|heart|nerve|blood pressure) )?(?:pills|tablets|meds|medicine|medication|"
            r"medications|sleeping pills|painkillers|antidepressants|opioids|"
            r"sedatives|benzos|tranquili[sz]ers|narcotics|opiates)|(?:a )?handfuls? of)",
            # Taken to make everything stop: the reason is the emergency, whatever the amount.
            r"(?:took|taken|swallowed|downed|popped|taking) (?:\S+ ){0,5}?(?:pills|tablets|meds|medicine|medication|"
            r"painkillers|antidepressants|opioids) (?:\S+ ){0,4}?(?:to|so (?:that )?i (?:could|would|can|will)) "
            r"(?:make (?:it|everything|the pain|this) (?:all )?stop|end it|not wake up|sleep forever|never wake up|die|"
            r"disappear|not be here)",
            r"(?:ate|eaten|drank|chugged|swallowed) " + GAP + r"(?:way )?too (?:many|much) (?:of )?(?:my |his |her |"
            r"the |their )?(?:\S+ )?(?:pills|tablets|capsules|meds|medicine|medication|gummies|vitamins|iron|"
            r"sleeping pills|painkillers)",
            # A count of tablets (not a dose in mg or units, not a daily regimen) that already went down.
            r"(?:took|taken|swallowed|ate|eaten|had|drank|chugged|popped|downed|gave (?:him|her|them)) " + GAP5
            + r"(?:[1-9]\d+|ten|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|a dozen|dozens of|a bunch of|"
            r"bunch of|lots of|a lot of|loads of|a ton of|a bottle of) " + _NO_UNIT + r"(?:pills|tablets|capsules|"
            r"caps|meds|medicine|tylenol|acetaminophen|paracetamol|advil|ibuprofen|aspirin|xanax|oxy\w*|percocet|"
            r"vicodin|benadryl|gummies|vitamins|iron pills|sleeping pills|painkillers)" + _NOT_A_REGIMEN,
        ),
        excludes=_REMINDER_REQUEST, hotlines=(POISON,),
    ),
    Concept(
        # The substance named before: "is antifreeze dangerous? my 2 year old might have drunk some".
        "poisoning", "emergency",
        _compile(r"(?:swallowed|drank|drunk|ate|eaten|licked|chewed|sucked on|got into) (?:some|any|it|a bit|a little|"
                 r"a sip|a mouthful|a gulp)(?: of (?:it|that|the stuff))?(?= [.,!?;]| and | but | i think| maybe|$)"),
        requires=re.compile(r"\b(?:" + HOUSEHOLD_POISONS + r")\b"), hotlines=(POISON,),
    ),
    Concept(
        # "Them" after a large amount named before: "is 40 sleeping pills enough? I already swallowed them".
        "poisoning", "emergency",
        _compile(r"(?:swallowed|took|taken|downed|popped|ate|had) (?:them|those|it all|all of them|the lot|them all)"
                 r"(?= [.,!?;]| and | but | already| just| now|$)"),
        requires=re.compile(r"\b(?:[1-9]\d|ten|twelve|fifteen|twenty|thirty|forty|fifty|a hundred|a whole (?:bottle|"
                            r"pack|box)|all (?:my|the|of my)) (?:of )?(?:(?:my|his|her|their|the) )?(?:\S+ )?(?:pills|"
                            r"tablets|capsules|meds|painkillers)\b"),
        excludes=_REMINDER_REQUEST, hotlines=(POISON,),
    ),
    Concept(
        # A count said without its noun when the message is about medicine: "how many tylenol ... I already took 25".
        "poisoning", "emergency",
        _compile(r"(?:took|taken|swallowed|had|popped|downed|ate) (?:\S+ ){0,2}?(?:[1-9]\d|ten|twelve|fifteen|twenty|"
                 r"thirty|forty|fifty)(?: of (?:them|those|these|it))?(?! (?:\S+ )?(?:mg|mcg|ml|g|grams?|milligrams?|"
                 r"units?|iu|puffs?|drops?|minutes?|mins?|hours?|years?|days?|weeks?|months?|am|pm|percent|dollars|"
                 r"steps|miles|pounds|lbs|kg|seconds|secs|times|to|in|at|on|for|of|o|and a half))" + _NOT_A_REGIMEN),
        requires=re.compile(MEDICINE_WORDS + r"|\b(?:tylenol|advil|aspirin)\b"), excludes=_REMINDER_REQUEST,
        hotlines=(POISON,),
    ),
    Concept(
        # A young child who got into medicine: "chewed up some of grandma's heart pills", "found pills and
        # swallowed a few". Their own dose ("swallowed her amoxicillin fine") names no such amount.
        "poisoning", "emergency",
        _compile(
            _CHILD_INGESTS + r"|took) (?:up |on )?(?:\S+ ){0,8}?" + _PILLS,
            _PILLS_THEN_INGESTS,
        ),
        requires=re.compile(YOUNG_CHILD), excludes=_NOT_A_CHILD_POISONING, hotlines=(POISON,),
    ),
    Concept(
        # A son or daughter of unknown age who swallowed or chewed medicine (not "took": grown children take
        # medicines).
        "poisoning", "emergency",
        _compile(_CHILD_INGESTS + r") (?:up |on )?(?:\S+ ){0,8}?" + _PILLS, _PILLS_THEN_INGESTS),
        requires=re.compile(_CHILD), excludes=_NOT_A_CHILD_POISONING, hotlines=(POISON,),
    ),
    Concept(
        "poisoning", "emergency",
        # Plants and berries from outside, with signs of harm or a young child.
        _compile(
            r"(?:ate|eaten|eating|swallowed|chewed|licked|put) " + GAP5 + r"(?:berries|mushrooms|leaves|leaf|"
            r"seeds|flowers|plants?|bulbs?) (?:\S+ ){0,2}?(?:off|from|in|growing (?:in|on)|of) (?:a |the |our |my |"
            r"some )?(?:plants?|bush|bushes|shrubs?|trees?|yard|garden|backyard|ground|woods|park|outside|"
            r"house ?plants?)",
            r"(?:ate|eaten|eating|swallowed|chewed) " + GAP + r"(?:wild|poisonous|unknown|strange|random) "
            r"(?:berries|mushrooms|plants?|leaves|seeds)",
            r"(?:ate|eaten|eating|swallowed|chewed) " + GAP + r"(?:a |some |part of (?:a|the|my) )?house ?plants?",
        ),
        requires=re.compile(r"\b(?:vomit\w*|throwing up|threw up|puk\w*|drool\w*|sleepy|drowsy|seiz\w*|rash|"
                            r"swell\w*|mouth (?:is )?burn\w*|poison\w*|toxic|wild|unknown|strange|toddler|baby|"
                            r"kid|child)\b"),
        hotlines=(POISON,),
    ),
    Concept(
        # Too much of a street drug ("did way too much fent"), or any drug with a sign of overdose ("snorted something
        # and now she's seizing").
        "poisoning", "emergency",
        _compile(r"(?:did|done|doing|used|using|snorted|snorting|smoked|smoking|injected|shot up|took|taken|had|popped|"
                 r"drank) (?:\S+ ){0,3}?(?:way )?too (?:much|many) (?:of )?(?:\S+ )?(?:lean|bars|" + _DRUGS + ")"),
        hotlines=(POISON,),
    ),
    Concept(
        "poisoning", "emergency",
        _compile(r"(?:snorted|snorting|injected|injecting|shot up|smoked|dropped) (?:\S+ ){0,3}?(?:something|some "
                 r"(?:pills?|powder|stuff)|" + _DRUGS + r")",
                 r"(?:took|taken|swallowed|ate|did|done|popped|used|drank|had|tried|mixed) (?:\S+ ){0,3}?(?:edibles?|"
                 + _DRUGS + r")",
                 # Someone found with pills or needles beside them.
                 r"(?:pills|tablets|pill bottles?|empty (?:\S+ )?bottles?|needles?|syringes?|powder|baggies) (?:\S+ )"
                 r"{0,3}?(?:next to|beside|around|near|by) (?:him|her|them)"),
        requires=re.compile(_OVERDOSE_DANGER), hotlines=(POISON,),
    ),
    Concept(
        # Fumes breathed in with the lungs or throat reacting: "mixed bleach and ammonia, now coughing nonstop".
        "poisoning", "emergency",
        _compile(
            r"cough\w* (?:\S+ ){0,2}?(?:nonstop|non stop|a lot|hard|so much|constantly|badly|uncontrollably|like crazy|"
            r"and cannot stop)",
            r"(?:cannot|can not|could not|will not) stop cough\w*",
            r"(?:started|now|both|all|keep|keeps|kept) (?:\S+ )?cough\w*", r"eyes? (?:\S+ ){0,2}?(?:burn\w*|sting\w*)",
            r"(?:chest|throat|lungs?|airway) (?:\S+ ){0,2}?(?:burn\w*|on fire|tight\w*|raw|sting\w*|hurts?|closing)",
            r"burn\w* (?:\S+ ){0,2}?(?:in|on) (?:my |his |her |their |the )?(?:chest|throat|lungs?)",
            r"wheez\w*", _BREATHING_TROUBLE, r"short(?:ness)? of breath|out of breath|breathless|gasp\w*",
            r"pass\w* out|faint\w*|confus\w*|collaps\w*|unconscious",
            r"drool\w*|vomit\w*|throw\w* up|threw up",
        ),
        requires=re.compile(FUMES_EXPOSURE), hotlines=(POISON,),
    ),
    Concept(
        "poisoning", "emergency",
        _compile(r"overdose", r"poisoning"),
        kind="event", hotlines=(POISON,),
        excludes=_re(r"food poisoning"),
    ),
    # ----- allergy -----------------------------------------------------------------------------------------
    Concept(
        "anaphylaxis", "emergency",
        _compile(
            r"throat " + GAP5 + r"(?:closing|closes|closed|swell\w*|swollen|tight|tightening|tightens|locking)",
            r"(?:lips?|tongue|mouth|uvula) " + GAP5 + r"(?:swell\w*|swollen|puff\w*|blow\w* up|blew up|getting big|"
            r"thick|"
            r"huge|enormous|massive|twice (?:the|their|its) size|(?:very|so|really|too) big)",
            r"(?:swell\w*|swollen) (?:\S+ ){0,2}?(?:of |in |on )?(?:my |his |her |their |the )?(?:lips?|tongue|throat)",
            r"(?:used|gave|give|giving|needed|(?<!do i )(?<!do i still )(?<!will i )(?<!does he )(?<!does she )need|"
            r"using) (?:\S+ ){0,2}?epi ?pens?",
            r"anaphyla\w* (?:shock|reaction)", r"going into anaphyla\w*", r"having anaphyla\w*",
            r"(?:severe|bad|serious|major|big) allergic reaction",
        ),
        excludes=_re(r"sore|strep|tonsil\w*|glands?|lymph|(?:from|with|because of) (?:a |the |my |this )?(?:cold|flu|"
                     r"virus|infection)"),
    ),
    Concept(
        "anaphylaxis", "emergency",
        _compile(
            r"(?:face|eyes?|eyelids?|head) " + GAP5 + r"(?:swell\w*|swollen|puff\w* up|blow\w* up|blew up)",
            r"(?:swell\w*|swollen) (?:\S+ ){0,2}?(?:face|eyes)",
            r"(?:cannot|could not|trouble|hard to|difficulty) swallow\w*",
            r"hives (?:all over|everywhere)",
            r"wheez\w*",
            r"voice (?:\S+ ){0,3}?(?:hoarse|raspy|croaky|changed|strange|weird|funny|squeaky)", r"hoarse",
            r"breath\w* (?:\S+ ){0,2}?(?:noise|noisy|whistl\w*|squeak\w*|strange|weird|funny)",
            r"(?:whistl\w*|squeak\w*|wheez\w*) (?:\S+ ){0,2}?(?:when|as|while) (?:i|he|she|they) breath\w*",
        ),
        requires=re.compile(ALLERGY_CONTEXT),
        excludes=_re(r"tooth|dental|abscess|pink ?eye|sore throat|strep|tonsil\w*|cold|flu|asthma"),
    ),
    # ----- bleeding ----------------------------------------------------------------------------------------
    Concept(
        "severe_bleeding", "emergency",
        _compile(
            r"(?:(?:nose ?)?bleed\w*|bled|" + BLOOD + r") " + GAP5 + r"(?:will not|would not|does not|is not|cannot|"
            r"can not|not|never|has not|have not) (?:stop|stopping|stopped|slow|slowing|slowed)",
            r"(?:cannot|could not|can not|unable to|not able to) (?:\S+ ){0,2}?(?:stop|control|slow) (?:the |his |her |"
            r"my |their )?(?:bleeding|blood)",
            r"(?:cannot|could not|can not) (?:make|get) it (?:to )?stop",
            r"(?:will not|would not|does not|is not|cannot|can not|not|never|has not|did not) (?:\S+ )?stop "
            r"(?:the )?(?:bleeding|bleed)",
            r"(?:bleeding|bleeds|bled|nose ?bleeds?|" + BLOOD + r") " + GAP + r"(?:heavily|a lot|like crazy|so much|"
            r"very much|too much|really bad\w*|"
            r"very bad\w*|badly|everywhere|nonstop|non stop|profusely|uncontrollably|spurting|gushing|pouring|"
            r"squirting|pumping)",
            r"(?:spurt\w*|gush\w*|pour\w*|squirt\w*|pump\w*) (?:\S+ ){0,2}?" + BLOOD,
            r"soak\w* (?:\S+ ){0,3}?(?:through )?(?:the |a |his |her |my )?(?:towels?|bandages?|cloths?|shirt|gauze|"
            r"sheets?|clothes)",
            r"(?:bleed\w*|bled|" + BLOOD + r") (?:\S+ ){0,2}?(?:right )?through (?:\S+ ){0,3}?(?:towels?|bandages?|"
                                           r"gauze|"
            r"cloths?|clothes|shirt|dressings?|rags?)",
            r"(?:towel|bandage|cloth|rag|dressing) after (?:towel|bandage|cloth|rag|dressing)",
            r"(?:lot|lots|pool|puddle|tons|cup|cups|bowl|mouthful|mouthfuls) of (?:\S+ ){0,2}?" + BLOOD,
            BLOOD + r" everywhere",
 r"(?:so|too|way too) much " + BLOOD,
            r"(?:throwing up|vomit\w*|puking|puked|threw up|spitting up) (?:\S+ ){0,2}?" + BLOOD,
            r"(?:vomit\w*|puk\w*|throw\w* up|threw up) (?:\S+ ){0,3}?(?:looks like |look like )?coffee grounds",
            r"(?:stabbed|gunshot|(?:was|been|got|is|were|just) shot(?! (?:of|for|at the|up))|impaled|amputat\w*)",
            r"(?:cut|chopped|sliced) off (?:my|his|her|their|a) (?:\S+ )?(?:finger|toe|hand|thumb)",
            r"bone (?:\S+ ){0,2}?(?:sticking|poking|coming|came|sticks|pokes|broke|broken) (?:out|through)",
        ),
        excludes=_re(r"(?:has|have|had) stopped bleeding", r"bleeding (?:has|had) stopped",
                     r"donat\w*|(?:give|gave|giving|gives) blood|blood (?:drive|bank|donor|draw)|(?:draw|drew|drawn|"
                     r"drawing) (?:\S+ ){0,2}?blood",
                     r"nose ?bleeds? (?:a lot|often)", r"flu shot|(?:covid|booster|vaccine) shot|shot of"),
    ),
    Concept(
        # Bleeding told by how long it keeps coming or what it fills: "still pouring no matter how hard I pinch",
        # "I've filled a bowl".
        "severe_bleeding", "emergency",
        _compile(r"(?:still|keeps?|keep on) (?:\S+ )?(?:pouring|gushing|spurting|dripping|running down|flowing)",
                 r"(?:filled|filling|soaked|soaking) (?:\S+ ){0,2}?(?:bowl|bucket|sink|cup|basin|towels?|tea towels?|"
                 r"tissues|paper towels)"),
        requires=re.compile(r"\b(?:bleed\w*|bled|nose ?bleeds?|" + BLOOD + r")\b"),
        excludes=_re(r"sweat\w*|nose is (?:still )?running|runny|rain\w*|water"),
    ),
    # ----- unresponsive ------------------------------------------------------------------------------------
    Concept(
        "unresponsive", "emergency",
        _compile(
            r"(?:not|is not|was not|are not|stopped|stop|stops|stopping|no longer|barely|hardly|cannot hear (?:him|her|"
            r"them)) breath\w*",
            r"found (?:him|her|them|my \S+|\S+) (?:\S+ ){0,2}?(?:passed out|unconscious|slumped|not moving)",
            r"(?:cannot|can not|could not) (?:tell|see|hear|feel) (?:if|whether) (?:he|she|they|the baby|my \S+) "
            r"(?:is|are) "
            r"(?:still )?breathing",
            r"unconscious", r"unresponsive", r"non ?responsive", r"not responsive", r"lifeless",
            r"(?:not|is not|was not|are not|will not|would not|does not|did not|stopped|cannot|barely|isnt) "
            r"(?:respond\w*|reacting)",
            r"no (?:response|pulse|heartbeat)",
            r"(?:not|will not|would not|cannot|could not|can not|unable to|hard to|impossible to|not able to) "
            r"(?:get (?:him|her|them) to |seem to )?(?:wake|waking|rouse|come to|come around)",
            r"(?:not|is not) waking", r"barely (?:awake|conscious|responsive|responding)",
            r"(?:has not|have not|had not|not|never) (?:\S+ )?(?:woken|woke|come to|come round|come around)",
            r"knocked (?:out|unconscious)", r"collaps\w*",
            r"(?:baby|infant|newborn|toddler) (?:\S+ ){0,3}?(?:is |went |gone |seems |feels |looks )?(?:floppy|limp)",
            r"(?:dropped|went down|slumped|keeled over|crumpled) (?:to|on|onto) the (?:floor|ground)",
            r"(?:fell|fallen|lying|laying|found (?:him|her|them)) (?:\S+ ){0,4}?(?:and|but|,) (?:(?:he|she|they|now) )?"
            r"(?:is not|isnt|not|will not|are not) "
            r"(?:moving|breathing|responding|getting up|waking)",
            r"(?:turned|gone|went|is|looks) (?:blue|grey|gray) and (?:not|is not) (?:breathing|moving|responding)",
        ),
        excludes=_re(r"(?:in|on) the morning|mornings|for work|for school|on time|alarm|early|at night",
                     r"snor(?:e|es|ed|ing)|sleep apnea|in (?:my|his|her|their) sleep|while (?:\S+ )?sleep\w*|cpap",
                     r"collapsed (?:lung|vein|disc|disk|arch)", r"(?:lung|vein|disc|disk) (?:\S+ )?collapsed"),
    ),
    Concept(
        # Someone found down who does not answer: "on the floor, eyes open but he won't answer me".
        "unresponsive", "emergency",
        _compile(r"(?:will not|would not|does not|did not|is not|not|cannot) (?:\S+ )?(?:answer\w*|talk\w*|respond\w*|"
                 r"react\w*) (?:to )?(?:me|us|anyone|anything|when)"),
        requires=re.compile(r"\b(?:on the (?:floor|ground)|collapsed|fell|fallen|slumped|eyes (?:are )?(?:open|rolled|"
                            r"closed)|staring|fainted|passed out|found (?:him|her|them))\b"),
    ),
    # ----- seizure -----------------------------------------------------------------------------------------
    Concept(
        "seizure", "emergency",
        _compile(
            r"(?:having|had|has|have|in|into|went into|gone into|goes into) (?:a |another |his |her |their |my |a bad |"
            r"a long |a big )?(?:first )?(?:seizure|fit|convulsion|grand mal)s?",
            r"(?:is|are|am|started|keeps|kept|been|still|was|now|he is|she is) (?:\S+ )?(?:seizing|convulsing|fitting)",
            r"convuls\w*", r"seizing",
            r"(?:is|are|started|keeps|kept|was|now) (?:shaking|jerking|twitching) "
            r"(?:all over|uncontrollably|violently)",
            r"(?:seizure|fit|convulsion)s? " + GAP + r"(?:lasted|lasting|for|longer than|more than|over|going on) "
            r"(?:\S+ ){0,2}?(?:\d+|five|ten|fifteen|several|few|a few) ?(?:minutes|mins|min)",
            r"(?:seizures?|fits) (?:\S+ ){0,2}?(?:back to back|one after another|will not stop|not stopping|keep "
            r"coming)",
            r"first (?:ever )?seizure", r"never (?:had|has|happened) (?:\S+ ){0,3}?before",
            r"shaking (?:all over|uncontrollably|and jerking) (?:\S+ ){0,2}?(?:and )?(?:not|is not|will not) "
            r"(?:respond\w*|waking|stop\w*)",
            r"(?:jerking|twitching) (?:\S+ ){0,3}?(?:and )?(?:not|is not|will not) (?:respond\w*|waking|stop\w*)",
        ),
        requires=re.compile(r"\b(?:seiz\w*|fits?|convuls\w*|shaking|jerking|twitching|grand mal)\b"),
        milder=_re(r"epilep\w*", r"(?:his|her|my|their) (?:usual|normal|typical) seizures?", r"seizure disorder",
                   r"(?:last|few|couple of|two|three|several) (?:weeks|months|years) ago", r"febrile"),
    ),
    Concept(
        # Convulsing for five minutes or more, or without a stop, or with two of the signs together ("shaking and
        # jerking", "stiff and twitching"): an emergency even for someone with epilepsy.
        "seizure", "emergency",
        _compile(
            _MOTOR + r" (?:\S+ ){0,8}?(?:for |more than |over |longer than |about |almost |nearly |at least |like |"
            r"around |going on )*(?:[5-9]|[1-5]\d|five|six|seven|eight|nine|ten|fifteen|twenty|several) ?(?:\+ )?"
            r"(?:minutes|mins|min)",
            _MOTOR + r" (?:\S+ ){0,6}?(?:(?:and |but )?(?:it is |is |it )?(?:not stopping|will not stop|would not "
            r"stop|cannot stop|does not stop|has not stopped|keeps going|non ?stop)|eyes (?:\S+ )?(?:rolled|rolling)|"
            r"foam\w* at the mouth|not (?:answering|responding|respond\w*|waking)|unresponsive|(?:turning|lips) "
            r"(?:\S+ )?blue)",
            r"(?:shaking|jerking|twitching|thrashing|jerks|twitches|convulsing) (?:and|,) (?:\S+ )?(?:shaking|jerking|"
            r"twitching|thrashing|convulsing|jerks|twitches)",
            r"(?:body|he|she|baby|went|goes|is|was|got) (?:\S+ )?(?:stiff|rigid) (?:and|then|"
            r",) (?:\S+ ){0,2}?(?:shaking|"
            r"jerking|twitching|convulsing|shook|jerked)",
            r"(?:shaking|jerking|twitching|convulsing) (?:and|,) (?:\S+ ){0,2}?(?:stiff|rigid)",
        ),
        requires=re.compile(r"\b(?:seiz\w*|fits?|convuls\w*|shaking|shakes|shook|jerk\w*|twitch\w*|stiff\w*|"
                            r"thrash\w*|grand mal)\b"),
        excludes=_re(r"in (?:his|her|my|their) sleep|while (?:\S+ )?(?:sleep\w*|dozing)|falling asleep|hiccups?|"
                     r"chills|shiver\w*|cold|coffee|caffeine|nervous|anxious|anxiety|tremors?|parkinson\w*|"
                     r"withdrawal|hangover|dancing|laugh\w*|excited|scared|fear|fever\w* (?:and )?chills|"
                     r"neck|muscles? (?:is|are)? ?(?:stiff|sore)|eyelid|tremor|arthritis|mornings?|"
                     r"hands? (?:\S+ )?(?:is|are|"
                     r"keep|keeps) (?:\S+ )?shak\w*|"
                     r"(?:eye|eyebrow|lip|finger|thumb|muscle|calf|toe)s? (?:\S+ ){0,3}?twitch\w*"),
    ),
    # ----- diabetes ----------------------------------------------------------------------------------------
    Concept(
        "severe_hypoglycemia", "emergency",
        _compile(
            r"confus\w*", r"not making (?:any |much )?sense", r"acting (?:drunk|strange|weird|odd|funny|confused|"
            r"strangely|out of character)",
            # A mind that is failing: "can't think straight", "slurring", "can't answer simple questions".
            r"(?:cannot|can not|could not|unable to) (?:think|speak|talk) (?:straight|clearly|properly|right)",
            r"(?:cannot|can not|could not|unable to) (?:\S+ ){0,3}?make (?:any )?sense",
            r"slurr\w*", r"(?:cannot|can not|could not|unable to|will not) answer", r"incoherent|disoriented",
            r"talk\w* (?:nonsense|gibberish|rubbish)|babbling", r"seiz\w*|convuls\w*",
            r"(?:does not|do not|did not|not|cannot|can not|could not) understand (?:what|me|us|anything|words|simple)",
            r"(?:cannot|could not|can not|unable to|will not|not able to) (?:eat|drink|swallow|keep (?:anything|food|"
            r"it|juice) down|hold (?:anything|food) down|sit up)",
            r"(?:passed|passing|pass) out", r"faint\w*", r"very (?:sleepy|drowsy)", r"(?:will not|would not|cannot|"
            r"not) "
            r"(?:wake|waking)", r"unconscious", r"unresponsive",
            r"out of it", r"floppy", r"mumbl\w*",
            r"(?:meter|glucometer|monitor|cgm|dexcom|libre|sensor|reading) (?:\S+ ){0,2}?(?:says|reads|shows|showing|"
            r"reading|is) lo(?! \S)", r"(?:is|went|gone|has gone) limp", r"not (?:himself|herself|themselves)",
        ),
        requires=re.compile(DIABETES_CONTEXT),
    ),
    # ----- pregnancy ---------------------------------------------------------------------------------------
    Concept(
        "pregnancy", "emergency",
        _compile(
            r"(?:bleed\w*|" + BLOOD + r"|clots?|hemorrhag\w*) " + GAP + r"(?:heavily|heavy|a lot|lots|so much|very "
            r"much|too much|clots|"
            r"everywhere|"
            r"through|soaking|gushing|pouring|bad\w*|will not stop|not stopping)",
            r"(?:heavy|heavily|lots of|a lot of|so much|much|soaking|gushing|large) (?:\S+ ){0,2}?(?:bleeding|" + BLOOD
            + r"|clots)",
            r"soak\w* (?:\S+ ){0,3}?(?:pads?|through)",
            r"(?:bleeding|" + BLOOD + r") (?:\S+ ){0,5}?(?:bad|severe|terrible|strong) (?:cramps|pain)",
            r"(?:passed|passing|pass) out", r"faint\w*",
        ),
        requires=re.compile(PREGNANCY_CONTEXT),
    ),
    # ----- breathing ---------------------------------------------------------------------------------------
    Concept(
        "breathing", "emergency",
        _compile(
            _BREATHING_TROUBLE,
            r"gasp\w*(?: for (?:air|breath))?", r"fighting for (?:air|breath)",
            r"(?:lips|face|skin|fingers|fingertips|fingernails|nails|mouth|he|she|baby|toddler|they) " + GAP
            + r"(?:turning|turned|going|gone|is|are|look\w*|went) (?:\S+ ){0,1}?(?:blue|purple|grey|gray|bluish)",
            r"(?:blue|purple|grey|gray|bluish) (?:lips|face|skin|fingertips|fingers)",
            r"(?:is|are|am|was) (?:turning|turned|going|gone) (?:\S+ )?(?:blue|purple|grey|gray)",
            r"(?:keeps?|kept|keep on|started|starts) (?:turning|going) (?:\S+ )?(?:blue|purple|grey|gray|bluish|"
            r"blueish)",
            r"(?:turning|turns|turned|going|goes|went) (?:\S+ )?(?:blue|purple|grey|gray|bluish|blueish) (?:\S+ ){0,2}?"
            r"(?:around|round|on|in) (?:the |his |her |my |their )?(?:lips|mouth|face)",
            r"(?:chest|skin|ribs?|belly|neck) (?:\S+ ){0,4}?(?:sucking|pulling|sinking|caving) in",
            r"retractions",
            # Babies show a struggle to breathe by grunting and flaring their nostrils.
            r"(?:breathing|breath\w*) (?:\S+ ){0,3}?grunt\w*", r"grunt\w* (?:\S+ ){0,3}?(?:every|each|with (?:each|"
                                                               r"every)) "
            r"breath", r"nostrils? (?:are |is )?flar\w*", r"flaring (?:his |her |their |its )?nostrils?",
            _RELIEVER + r" (?:is |was )?(?:not|does not|did not|is not|isnt|no longer) (?:\S+ )?(?:working|helping|"
            r"help|work)",
            r"(?:can|could) only (?:say|get out|speak|manage) (?:a |one |two |three |a couple of |a few )?(?:\S+ "
            r")?words",
            r"(?:cannot|could not|can not|unable to) (?:talk|speak|finish (?:a |my |his |her )?sentences?|say more "
            r"than)"
            r" (?:\S+ ){0,3}?(?:breath\w*|air)",
            r"(?:cannot|could not|can not) (?:finish|complete) (?:a |my |his |her )?sentences?",
            r"(?:wheez\w*|gasping|breathing hard|breathing fast) (?:\S+ ){0,3}?(?:and )?(?:cannot|can not|could not) "
            r"(?:talk|speak|cry|eat|drink)",
            r"(?:short(?:ness)? of breath|out of breath|breathless|winded) (?:\S+ ){0,3}?(?:at rest|sitting still|"
            r"while resting|lying still|cannot talk|getting worse fast)",
            r"(?:very|severely|extremely|really) (?:short of breath|breathless)",
            # Breathing that slows down is the danger sign of opioids and sedatives.
            r"breathing (?:is |feels |seems |has (?:become|gotten|got) |got |looks )?(?:really |very |so )?slow (?:and|"
            r"with) (?:\S+ )?shallow",
            r"(?:slow|shallow) (?:and )?(?:shallow|slow) breath\w*",
            r"breathing (?:\S+ ){0,2}?(?:very )?(?:hard|fast|weird|strange|funny|noisy|shallow|raspy) (?:and|with) "
            r"(?:\S+ ){0,2}?(?:blue|grey|gray|confused|not responding|sucking in)",
        ),
        excludes=_re(r"through (?:my |his |her |their |the |your )?(?:nose|nostrils?|it)", r"nostril\w*",
                     r"(?:not|no|never) (?:\S+ )?(?:turning|turned|going|gone|look\w*) (?:\S+ )?(?:blue|purple|grey|"
                     r"gray)",
                     r"stuffy|stuffed|congest\w*|blocked nose|runny nose|nose is blocked|sinus\w*",
                     r"laugh\w*|lol|lmao|haha\w*|hilarious",
                     r"(?:hands|feet|toes|fingers) (?:\S+ ){0,3}(?:blue|purple) (?:\S+ ){0,3}cold",
                     r"from the cold|cold outside|raynaud\w*", r"\bfish\b"),
        milder=_re(r"a (?:little|bit|tiny bit)|slight\w*|mild\w*|sometimes|occasionally|lately|for (?:weeks|months)",
                   r"when (?:i|he|she|they) (?:exercise|walk|climb|run|lie|go up|work out)",
                   r"(?:walking|climbing|going|running) (?:up|upstairs)|stairs|exercis\w*|work(?:ing)? out|at night|"
                   r"lying down|with (?:a|my|this) cold|after (?:running|exercise|climbing)"),
        urgent_name="breathing",
    ),
    Concept(
        "choking", "emergency",
        _compile(
            r"(?:is|are|was|started|keeps|he is|she is|baby is|now) chok\w*",
            r"chok(?:ing|ed) on", r"chok\w* and (?:cannot|can not|not|is not|could not) (?:breath\w*|cough\w*|talk\w*|"
            r"speak\w*|cry\w*)",
            r"(?:claw\w*|scratch\w*|pull\w*) at (?:his|her|my|their) (?:throat|neck)",
            r"(?:clutch\w*|grabb\w*|grasp\w*|holding) (?:at )?(?:his|her|my|their) (?:throat|"
            r"neck) (?:\S+ ){0,4}?(?:cannot|can not|"
            r"could not|not able to|unable to) (?:speak|talk|breathe|cough|make a sound)",
            r"(?:something|food|a (?:piece|grape|coin|toy)) (?:\S+ ){0,2}?(?:stuck|lodged) in (?:my|his|her|their|the) "
            r"(?:throat|windpipe|airway)",
        ),
        excludes=_re(r"chok\w* up", r"chok\w* (?:on|at|in|under) (?:the |my |a |all )?(?:this |these |that |the )?"
                     r"(?:exam|test|game|interview|pressure|homework|paperwork|work|deadlines?|emails?|bills|debt|"
                     r"assignments?|stress|workload)", r"choking hazard", r"lol|haha\w*|lmao"),
        milder=_re(r"(?:fine|ok|okay|better) now|coughed it (?:up|out)|got it out|went down the wrong"),
    ),
    Concept(
        "swallowed_object", "emergency",
        _compile(r"(?:swallowed|swallow|ate|has|got) (?:a |an |the |some |his |her |my )?(?:\S+ )?(?:coin|marble|toy|"
                 r"button|bone|fish ?bone|chicken bone|key|ring|earring|pin|safety pin|screw|nail|lego|bead|rock|"
                 r"pebble|object|piece of (?:plastic|glass|metal|a toy)|something)s?(?: stuck)?"),
        requires=re.compile(r"\b(?:drool\w*|(?:cannot|can not|will not|not|trouble|hard to|difficulty|hurts? to|"
                            r"pain\w* when) (?:\S+ )?swallow\w*|gagg\w*|chok\w*|breath\w*|chest pain|stuck|"
                            r"vomit\w*|throwing up|wheez\w*|coughing)\b"),
        excludes=_re(r"swallowed (?:my|his|her) (?:pride|words)"),
    ),
    # ----- injuries and other emergencies ------------------------------------------------------------------
    Concept(
        "head_injury", "emergency",
        _compile(
            _KNOCK_TO_HEAD,
            r"(?:hit|struck|kicked|punched|smacked|bashed|whacked|knocked) (?:\S+ )?(?:in|on) the head",
            r"head (?:injury|trauma|wound)", r"(?:fell|fall|fallen|falling|knocked) " + GAP5 + r"head",
            r"concussion", _FALLEN_CANNOT_GET_UP, _BLEEDING_HEAD,
        ),
        requires=re.compile(_HEAD_INJURY_DANGER),
        urgent_name="head_injury",
    ),
    Concept(
        "sepsis", "emergency",
        _compile(
            r"(?:very |really |so )?confus\w*", r"not making (?:any |much )?sense", r"(?:breathing|breathes) "
            r"(?:very |really |so |super |extremely |way too |too )?(?:fast|quickly|rapid\w*)", r"rapid breathing",
            r"blotchy|mottled",
            r"rash (?:\S+ ){0,4}?(?:does not|will not|not|did not) fade", r"purple (?:rash|spots)",
            # The glass test: a rash that stays when pressed.
            r"rash (?:\S+ ){0,4}?(?:does not|will not|not|did not) (?:go away|disappear|blanch|change|turn white|fade) "
            r"(?:\S+ ){0,3}?(?:press\w*|glass|push\w*)", r"non ?blanching",
            r"stiff neck|neck (?:is |feels )?(?:very )?stiff", r"(?:cannot|can not) (?:bend|touch) (?:\S+ ){0,2}?chin",
        ),
        requires=re.compile(INFECTION_CONTEXT),
    ),
    Concept(
        "sepsis", "emergency", _compile(r"sepsis", r"septic shock", r"meningitis"), kind="event",
    ),
    Concept(
        # Any fever during chemotherapy, or with a known low white count, can be sepsis: the cancer team's emergency
        # line or 911 at once.
        "sepsis", "emergency", _compile(FEVER_WORDS, r"(?:temp|temperature) (?:\S+ ){0,3}?(?:high|up)"),
        requires=re.compile(r"\b(?:chemo\w*|neutropeni\w*|low white (?:blood )?(?:cell )?count|immunotherapy)\b"),
    ),
    Concept(
        "anaphylaxis", "emergency", _compile(r"anaphyla\w*", r"allergic shock"), kind="event",
    ),
    Concept(
        "injury", "emergency",
        _compile(
            r"(?:drown\w*|nearly drowned|electrocuted|electric shock|struck by lightning|heat ?stroke|hypotherm\w*)",
            r"(?:was|been|went|stayed|is|were) under ?water for",
            r"(?:pulled|fished|dragged|got) (?:him|her|them) out of the (?:pool|water|lake|river|bath|tub|sea|ocean)",
            r"found (?:him|her|them) (?:\S+ )?(?:face down )?(?:in|at the bottom of) the (?:pool|bath|tub|water)",
            r"(?:was|were|got|been|is|just) (?:\S+ )?(?:pulled|fished|dragged|rescued|taken) (?:out )?(?:of |from )"
            r"(?:the |a )?(?:pool|water|lake|river|bath|tub|sea|ocean|pond|surf)",
            r"(?:hit|struck|run over|knocked down|knocked over) by (?:a |an |the |some )?(?:\S+ )?(?:car|truck|bus|van|"
            r"train|motorbike|motorcycle|vehicle|lorry)",
            r"(?:car|truck|bus|van|train|motorbike|motorcycle|vehicle|lorry|driver) (?:\S+ )?(?:hit|struck|ran over|"
            r"knocked (?:down|over)|ran into|plowed into|slammed into) (?:me|him|her|them|my|his|our|a|the)(?! (?:car|"
            r"truck|bumper|mirror|fence|wall|mailbox|curb|pole|tree))",
            # Cannot move or feel the limbs after a fall or a blow: the spine may be hurt.

            r"(?:cannot|can not|could not|unable to|not able to) (?:move|feel) (?:his|her|my|their) (?:legs|arms|feet|"
            r"hands|body|toes) (?:\S+ ){0,3}?(?:after|since) (?:\S+ ){0,3}?(?:fall\w*|fell|landing|landed|hit\w*|"
            r"crash\w*|accident|div\w*|dove|tackle\w*)",
            r"(?:car|motorcycle|bike) (?:crash|accident|wreck) (?:\S+ ){0,4}?(?:hurt|injured|bleeding|unconscious|"
            r"cannot move|trapped)",
            r"(?:fell|fallen|fall) (?:\S+ ){0,3}?(?:off|from) (?:a |the )?(?:ladder|roof|height|balcony|stairs|horse)"
            r" (?:\S+ ){0,4}?(?:cannot move|cannot feel|not moving|unconscious|neck|back|spine)",
            r"(?:severe|bad|big|huge|large|massive|giant|major|deep|third degree|serious) burns?",
            r"(?:badly|severely|seriously|really badly) (?:burned|burnt|scalded)",
            r"burn\w* (?:\S+ ){0,4}?(?:face|whole|all over)",
            r"(?:on fire|caught fire)",
            r"snake ?bite", r"(?:bit|bitten|bite|struck) (?:\S+ ){0,2}?by (?:a |an |some )?(?:\S+ )?(?:snake|"
            r"rattlesnake|rattler|copperhead|cottonmouth|viper|adder|scorpion)",
            r"(?:burn\w*|skin) (?:\S+ ){0,5}?(?:waxy|leathery|charred|blackened)",
        ),
        excludes=_re(r"sunburn\w*|heartburn|razor burn|burning (?:when|while) (?:i |he |she )?(?:pee|urinat\w*)",
                     # Hot food: "that spicy wing, my mouth is on fire".
                     r"spic\w*|hot sauce|peppers?|chil+i\w*|wings?|curry|salsa|jalapenos?|habaneros?|wasabi|sriracha"),
    ),
    Concept(
        # After a fall, a crash or a dive, limbs that cannot be moved or felt: the spine may be hurt.
        "injury", "emergency",
        _compile(r"(?:cannot|can not|could not|unable to|not able to) (?:move|feel) (?:his|her|my|their|your) (?:legs|"
                 r"arms|feet|body|toes|arms or legs|legs or arms|legs or feet)",
                 r"(?:legs|arms) (?:are |went |feel |have gone |gone )?(?:numb|paralyzed|paralysed|dead)"),
        requires=re.compile(TRAUMA_CONTEXT),
    ),
    Concept(
        "injury", "emergency",
        # A deep burn or scald: skin gone white, peeling or coming off.
        _compile(r"(?:burn\w*|scald\w*|skin) (?:\S+ ){0,5}?(?:white|peeling off|coming off|came off|falling off|"
                 r"melted|hanging off)",
                 r"(?:white|leathery|waxy|charred|blackened) (?:\S+ ){0,2}?(?:patches|patch|areas?|skin)",
                 # A burn that does not hurt has gone through the skin's nerves.
                 r"(?:no|not any|lost (?:all )?|without) (?:\S+ )?(?:feeling|sensation)|(?:cannot|can not) feel (?:it|"
                 r"anything|the burn)"),
        requires=re.compile(r"\b(?:burn\w*|scald\w*|boiling|hot (?:oil|water|grease|pan|stove)|fire|flames?|acid|"
                            r"chemical)\b"),
        excludes=_re(r"sunburn\w*|heartburn|razor burn"),
    ),
    Concept(
        # A burn or scald that blisters badly or over a large area, or any blistering scald on a young child.
        "injury", "emergency",
        _compile(
            r"blister\w* (?:\S+ ){0,2}?(?:really |very |so )?(?:badly|bad|all over|everywhere|huge|big|large|fast)",
            r"(?:huge|big|large|massive|giant|lots of|many) blisters?",
            r"(?:burn|burns|scald|scalds|blisters?) (?:\S+ ){0,3}?(?:is |are |looks )?(?:huge|massive|bigger than "
            r"(?:my|his|her|a) (?:palm|hand))",
            # On the face, eyes or genitals: blisters there always need emergency care.
            r"(?:face|eyes?|eyelids?|genitals|groin|private parts) (?:\S+ ){0,6}?blister\w*",
            r"blister\w* (?:\S+ ){0,4}?(?:face|eyes?|eyelids?|genitals|groin|private parts)",
            r"(?:hot|boiling|scalding) (?:\S+ )?(?:oil|water|grease|liquid|coffee|tea) (?:\S+ ){0,4}?(?:on|onto|in|"
            r"into|"
            r"over) (?:my|his|her|their|the) (?:face|eyes?)",
        ),
        requires=re.compile(_BURN_CAUSE),
        excludes=_re(r"sunburn\w*|sun burn|heartburn|razor burn|(?:shoes?|boots?|hiking|running|walking|rowing|"
                     r"gym|lifting|blood) blisters?|blisters? (?:\S+ ){0,3}?(?:feet|foot|heels?|toes?|from (?:my |"
                     r"the )?"
                     r"(?:shoes|boots|running|walking|hiking))|cold sores?|chicken ?pox|shingles|rash|fever blisters?"),
    ),
    Concept(
        "injury", "emergency",
        _compile(r"(?:boiling|scalding|hot) (?:\S+ )?(?:water|oil|grease|tea|coffee|soup|liquid|milk|kettle|pot|pan|"
                 r"noodles) (?:\S+ ){0,10}?(?:blister\w*|peel\w*|skin (?:came|is coming) off)"),
        requires=re.compile(YOUNG_CHILD),
        excludes=_re(r"(?:small|little|tiny|minor|one|a) (?:\S+ )?blister(?!s)|a (?:little|bit)"),
    ),
    Concept(
        # Electricity through the body: burns or any sign beyond a tingle mean the heart or nerves may be hurt.
        "injury", "emergency",
        _compile(r"(?:touched|touching|grabbed|grabbing|hit|contact with|shocked by|shock from|zapped by|bit|biting|"
                 r"chewed|chewing|stuck (?:\S+ ){0,2}?(?:in|into)) (?:\S+ ){0,3}?(?:live|power|electric\w*|high "
                 r"voltage|exposed|bare) (?:power )?(?:line|lines|wire|wires|cable|cord|fence|outlet|socket|panel|"
                 r"transformer)", r"electrical burns?|electric burns?",
                 r"(?:got|was|been|is|get|gets) (?:badly |seriously )?(?:shocked|zapped) by"),
        requires=re.compile(r"\b(?:burn\w*|confus\w*|dazed|not making (?:any )?sense|unconscious|passed out|heart|"
                            r"chest|numb\w*|breath\w*|seiz\w*|collaps\w*|cannot move|black\w*|(?:will not|cannot) "
                            r"(?:wake|talk|speak))\b"),
    ),
    Concept(
        "general", "emergency",
        _compile(
            r"(?:call|calling|get|need|send|sent for|phone) (?:an? |the )?(?:ambulance|paramedics|911|emts?|999|112)",
            r"i (?:think|feel like|feel as if|am afraid|am scared) i am dying", r"i am dying (?:please|help)",
            r"^(?:please )?(?:911|sos|ambulance|emergency)(?: (?:please|now|help|!|\.))*$",
            r"(?:help|please help) (?:me )?(?:i am|he is|she is|my \S+ is) dying",
        ),
        excludes=_re(r"dying (?:to|for|of (?:laughter|boredom|embarrassment|shame|curiosity))|lol|lmao|haha\w*",
                     r"should (?:i|we) (?:call|get|go)", r"do (?:i|we) (?:need|call)"),
    ),
    # ----- urgent: see a clinician soon --------------------------------------------------------------------
    Concept(
        "fainting", "urgent",
        _compile(r"(?:passed|passing|pass|passes) out", r"faint\w*", r"blacked out", r"black out", r"keel\w* over"),
        excludes=_re(r"faint (?:line|positive|smell|sound|taste|rash|mark|scar|color|colour|outline)",
                     r"faintly", r"feel(?:ing)? faint (?:when|if|after) (?:i |he |she )?(?:stand|standing|get up)"),
        graver=re.compile(r"\b(?:(?:will not|would not|cannot|could not|not|is not) (?:wake|waking|respond\w*|"
                          r"breath\w*)|chest pain|hit (?:his|her|my|their) head|seiz\w*|blood everywhere|breathing "
                          r"(?:weird|strange|funny|odd|badly|slow\w*|shallow|noisy)|gasping|turning blue)\b"),
        urgent_name="fainting",
    ),
    Concept(
        "breathing", "urgent",
        _compile(r"short(?:ness)? of breath", r"out of breath", r"breathless", r"wheez\w*", r"winded",
                 r"(?:tight|tightness in (?:my|his|her) ) ?chest when (?:i|he|she) breathe"),
        excludes=_re(r"after (?:running|a run|sprinting|exercise|the gym|a workout)|(?:from|when) (?:running|"
                     r"sprinting|laughing)|laugh\w*",
                     r"(?:a little|a bit|slightly|somewhat|bit) (?:\S+ ){0,2}?(?:out of breath|winded|breathless|"
                     r"short of "
                     r"breath) (?:\S+ ){0,3}?(?:when|after|climbing|walking|going up|running|on the stairs|up the "
                     r"stairs|"
                     r"up hills?|exercis\w*)"),
    ),
    Concept(
        "high_fever", "urgent",
        _compile(
            r"fever\w* (?:\S+ ){0,6}?(?:for|over|more than|since) (?:\S+ )?(?:\d+|two|three|four|five|six|seven|"
            r"several|a few|few|many) (?:days|weeks)",
            r"(?:\d+|two|three|four|five|six|seven|several|a few) days (?:(?!(?:no|not|without|ago|,) )\S+ ){0,3}?"
            r"(?:of )?(?:a )?(?:high )?fever",
            r"fever\w* (?:\S+ ){0,3}?(?:will not|would not|not) (?:go down|break|come down|budge|respond)",
            r"fever\w* (?:\S+ ){0,3}?since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|last week)",
        ),
        urgent_name="high_fever",
    ),
    Concept(
        "kidney_infection", "urgent",
        _compile(r"burn\w* (?:when|while|as) (?:i |he |she )?(?:pee|urinat\w*)", r"(?:it )?burns (?:to|when) (?:pee|"
        r"urinat\w*)",
                 r"painful (?:urination|peeing)", r"uti",
                 r"(?:burning|painful|stinging|hurts? to|pain when (?:i )?) ?(?:pee|peeing|urinat\w*|wee|weeing|pass "
                 r"urine)",
                 r"(?:pee|peeing|urinat\w*|wee|weeing) (?:\S+ ){0,2}?(?:burns|burning|stings|stinging|hurts)",
                 r"bladder infection", r"urinary (?:tract )?infection",
                 r"(?:peeing|pee|urine) (?:\S+ ){0,2}?blood", r"blood in (?:my |his |her )?(?:pee|urine)"),
        requires=re.compile(r"\b(?:fever\w*|chills|back|flank|side|vomit\w*|shaking)\b"),
    ),
    Concept(
        "wound_infection", "urgent",
        _compile(
            r"red streaks?", r"streaks? (?:\S+ ){0,4}?(?:up|along|from|going)",
            r"(?:wound|cut|incision|scrape|bite|stitches|scratch|sore|burn|blister|piercing|tattoo) (?:\S+ ){0,8}?"
            r"(?:pus|oozing|infected|red(?:der)?(?: and)? (?:hot|warm|swollen)|hot|warm|swollen and red|smells|"
            r"draining|spreading redness|getting redder|spreading|spreads)",
            # Pus from anywhere but a pimple.
            r"(?:pus|puss) (?:\S+ ){0,3}?(?:coming|came|oozing|draining|leaking|out|from|in)",
            r"(?:oozing|draining|leaking|weeping|full of) (?:\S+ ){0,2}?(?:pus|puss)",
        ),
        excludes=_re(r"pimple|zit|acne|blackhead|whitehead|spot on my (?:face|chin|nose)",
                     r"(?:no|not|without) (?:\S+ )?(?:pus|red|redness|warm|hot|swelling|swollen|oozing|discharge|"
                     r"infected|infection)"),
    ),
    Concept(
        # Fever with a sign that points to a bacterial infection somewhere (ear, throat, joint, skin, right lower
        # belly): see a clinician today.
        "infection", "urgent",
        _compile(
            r"(?:pull\w*|tug\w*|grabb\w*|rubb\w*|holding|touch\w*|hitting|hits) (?:at )?(?:his|her|their|my|the) ears?",
            r"ear ?(?:ache|aches|pain|infection)", r"ears? (?:\S+ ){0,2}?(?:hurts?|hurting|pain\w*|sore|draining|"
            r"leaking|pus)", r"(?:pain|hurts?) (?:\S+ )?(?:in|inside) (?:his|her|my|the|their) ears?",
            r"(?:white|yellow) (?:spots|patches|pus|stuff|dots|streaks|coating) (?:\S+ ){0,3}?(?:tonsils?|throat)",
            r"(?:tonsils?|throat) (?:\S+ ){0,4}?(?:white|yellow) (?:spots|patches|pus|dots|stuff)",
            r"(?:swollen|huge|enlarged) tonsils?", r"tonsils? (?:\S+ ){0,2}?(?:swollen|huge|enlarged)", r"strep",
            r"(?:joint|knee|ankle|hip|elbow|wrist|toe|shoulder) (?:\S+ ){0,4}?(?:hot|red|swollen)",
            r"(?:pain|hurts?|ache) (?:\S+ ){0,3}?(?:lower )?right side (?:of )?(?:my |his |her )?(?:belly|stomach|"
            r"abdomen|tummy)",
            r"(?:lower )?right (?:lower )?(?:side|belly|stomach|abdomen|tummy) (?:\S+ ){0,3}?(?:hurts?|pain\w*|aches?|"
            r"sore|tender)",
            r"cough\w* (?:up )?(?:\S+ ){0,2}?(?:green|yellow|brown|rusty|rust colou?red) (?:\S+ )?(?:stuff|mucus|"
            r"phlegm|sputum|gunk)",
        ),
        requires=re.compile(FEVER_PRESENT),
    ),
    Concept(
        # A painful blistery rash in a band on one side (shingles): antiviral treatment works best started early.
        "shingles", "urgent",
        _compile(
            r"(?:rash|blisters?|bumps|spots) (?:\S+ ){0,6}?(?:in|like) (?:a |one )?(?:band|stripe|strip|belt|line|row)",
            r"(?:band|stripe|strip|belt) of (?:\S+ ){0,2}?(?:rash|blisters?|bumps|spots)",
            r"(?:rash|blisters?) (?:\S+ ){0,6}?(?:only )?(?:on|along|around|down) one side of (?:my |his |her |their |"
            r"the )?(?:body|back|chest|face|torso|waist|ribs|stomach|belly|forehead|trunk)",
        ),
        excludes=_re(r"diaper|nappy|heat rash|poison (?:ivy|oak)"),
    ),
    Concept("shingles", "urgent", _compile(r"shingles"), kind="event", had_is_history=True),
    Concept(
        # After an injury: cannot bear weight, cannot move it, or it is bent the wrong way (a possible fracture).
        "injury", "urgent",
        _compile(
            r"(?:cannot|can not|could not|can barely|can hardly|could barely|unable to|not able to|hurts too much "
            r"to) (?:put|bear|stand|take) (?:any |much |my |his |her |the )?(?:weight|pressure) (?:on|through)",
            r"(?:cannot|can not|could not|can barely|can hardly|unable to|not able to) (?:walk|stand|step) on (?:it|my|"
            r"his|her|the)",
            r"(?:cannot|can not|could not|can barely|can hardly|unable to|not able to) (?:move|bend|straighten|use|"
            r"lift|rotate|turn) (?:it|my|his|her|the)",
            r"(?:bent|bending|twisted|pointing|sticking) (?:\S+ ){0,2}?(?:at )?(?:a |an )?(?:weird|odd|funny|strange|"
            r"wrong|unnatural) (?:angle|way|direction)",
            r"(?:looks|is|looked) (?:\S+ )?(?:deformed|misshapen|out of place|dislocated|crooked|bent|wonky)",
            r"(?:heard|felt) (?:a |it )?(?:crack|snap|pop)",
        ),
        requires=re.compile(r"\b(?:twist\w*|rolled|roll\w*|fell|fall|fallen|sprain\w*|jammed|landed|hit|crash\w*|"
                            r"accident|hurt|injur\w*|tackled|kicked|slipped|tripped|bike|skateboard\w*|stairs|"
                            r"football|soccer|basketball|ski\w*|collided|dropped)\b"),
        excludes=_re(r"stroke|suddenly|out of nowhere|numb\w*|weak\w*|(?:cannot|can not) (?:move|feel) (?:my|his|her) "
                     r"(?:legs|body)|neck|back"),
    ),
    Concept(
        # A cut that gapes or is deep needs closing within hours, even when the bleeding has stopped.
        "wound", "urgent",
        _compile(r"(?:cut|gash|wound|laceration|slice|sliced|slit) (?:\S+ ){0,10}?(?:gaping|gapes|gape|wide open|split "
                 r"open|(?:will "
                 r"not|does not|cannot) (?:close|stay closed))", r"(?:deep|big|long|large) (?:cut|gash|laceration)",
                 r"(?:can|could) see (?:the )?(?:fat|bone|muscle|tendon|white stuff)"),
    ),
    Concept(
        "allergic_reaction", "urgent",
        _compile(r"(?:having|had|getting|got|think \S+ (?:is )?having) (?:a |an )?(?:allergic reaction|reaction to)"),
    ),
    Concept(
        "animal_bite", "urgent",
        _compile(r"(?:bit|bitten|bite|nipped|chomped) (?:\S+ ){0,2}?by (?:a |an |the |my |our |some |the neighbou?r )?"
                 r"(?:\S+ )?" + _BITING_ANIMAL,
                 _BITING_ANIMAL + r" (?:bite|bites|nip)",
                 r"(?<!baseball )(?<!cricket )(?<!softball )bats? (?:\S+ ){0,3}?(?:in|into) "
                 r"(?:my|the|our|his|her|their) (?:bed ?room|room|bed|nursery|crib|tent)",
                 _BITING_ANIMAL + r" (?:just )?(?:bit|bites|has bitten|nipped|chomped|got) (?:me|him|her|them|my|our|"
                                  r"his|"
                 r"their|us)(?! (?:own|tail|paw|paws|toy|toys|bone|food|leash|bed))"),
        # A bite that did not break the skin, or a playful nip, needs only washing (a bat is the exception, and a
        # bat's bite is hard to see: "tiny mark" still counts).
        unless=re.compile(r"\b(?:(?:did not|does not|not|no|never|without) (?:\S+ )?(?:break|broke|breaking|puncture|"
                          r"pierce|cut) (?:the |my |his |her )?skin|playful\w*|play ?bit\w*|(?:no|not any) (?:mark|"
                          r"marks|blood|broken skin))\b(?!.*\bbat\b)"),
    ),
    Concept(
        # Days without a medicine that is dangerous to stop (blood pressure, seizures, insulin, blood thinners,
        # antidepressants, steroids): the care team should arrange a supply today.
        "missed_medicine", "urgent",
        _compile(
            r"(?:ran|run|running|been|am|is|are|was|were) out of (?:my |his |her |their |the )?(?:\S+ ){0,2}?"
            + CRITICAL_MEDICINE,
            r"(?:out of|without|missed|skipped|stopped|forgot(?:ten)?|off|(?:have|has|had) not (?:had|taken|been "
            r"taking)|"
            r"not (?:had|taken)) (?:my |his |her |their |any |the )?(?:\S+ ){0,2}?" + CRITICAL_MEDICINE
            + r" (?:\S+ ){0,3}?(?:for|in|since) (?:\S+ )?(?:\d+|two|three|four|five|six|seven|several|a few|few|a "
              r"couple of|"
            r"couple of|a|a whole|the last|the past) ?(?:days?|weeks?|doses)",
            r"stopped (?:my |his |her |their )?(?:\S+ ){0,2}?" + CRITICAL_MEDICINE + r" (?:\S+ ){0,2}?cold turkey",
        ),
        lasting=True,
    ),
    Concept(
        # A reliever inhaler needed every few hours, or more and more: asthma out of control.
        "asthma", "urgent",
        _compile(
            _RELIEVER + r" (?:\S+ ){0,4}?every (?:\S+ ){0,2}?(?:hour|hours|half hour|30 minutes|couple of hours|few "
                        r"hours|"
            r"1|2|3|4|one|two|three|four)\b",
            r"(?:needed|needing|need|using|used|use|taking|took|take|had|puffing) (?:my |his |her |the )?(?:\S+ )?"
            + _RELIEVER + r" (?:\S+ ){0,3}?(?:[4-9]|1\d|four|five|six|seven|eight|nine|ten|twelve|several|so many|"
            r"lots of|a lot of) (?:times|puffs)(?! (?:a|per|each) (?:week|month))",
            _RELIEVER + r" (?:\S+ ){0,4}?(?:not|is not|no longer|barely|only) (?:\S+ )?(?:lasting|holding|lasts|"
            r"helping (?:as much|for long)|working as well)",
            _RELIEVER + r" (?:\S+ ){0,3}?wear\w* off (?:fast|quickly|quick|after|sooner|too)",
        ),
    ),
    Concept(
        "vomiting", "urgent",
        _compile(
            r"(?:vomit\w*|throwing up|threw up|puking|diarrh\w*) (?:\S+ ){0,5}?(?:for (?:over |more than )?(?:a|one|"
            r"two|"
            r"three|\d+) (?:days?|weeks?)|all day|since yesterday|(?:for )?(?:\d+|two|three|24|48) hours|for days|"
            r"since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|last night))",
            r"(?:cannot|can not|could not|not) (?:keep|keeping|hold|holding) (?:any )?(?:anything|water|fluids|food|"
            r"liquids|it) "
            r"down",
            r"(?:every time|whenever|each time) (?:i|he|she|they) (?:\S+ ){0,2}?(?:drink|sip|eat|swallow)\w* "
            r"(?:\S+ ){0,5}?"
            r"(?:comes|come|came|goes|brings|bring) (?:it |them )?(?:right |straight )?(?:back )?up",
            r"(?:vomit\w*|throwing up|puking) (?:\S+ ){0,5}?(?:has not|have not|will not|does not|not) stopp?\w*",
        ),
    ),
    Concept(
        # A red, painful eye with blurred sight or in a contact lens wearer: an eye doctor the same day.
        "eye_infection", "urgent",
        _compile(r"eyes? (?:is |are |was |feels |has been |have been )?(?:really |very |so )?(?:red|painful|sore)",
                 r"eyes? (?:\S+ ){0,2}?(?:hurts?|hurting|aches?)"),
        requires=re.compile(r"\b(?:contacts|contact lens\w*|lenses|blurr\w*|vision|light (?:\S+ )?hurts|sensitive to "
                            r"light)\b"),
        excludes=_re(r"allergy season|hay ?fever|pollen|tired|screen"),
    ),
    Concept(
        "dehydration", "urgent",
        _compile(r"(?:no|not|has not|not had|without) (?:a |any )?(?:had a )?wet (?:diapers?|nappies|nappy)",
                 r"(?:barely|hardly) (?:has |had )?(?:any )?wet (?:diapers?|nappies|nappy)",
                 r"(?:not|has not|have not|no) (?:been )?(?:peeing|urinating|peed)", r"sunken (?:eyes|soft spot)",
                 r"no tears", r"dry (?:mouth and|diapers)",
                 r"(?:peeing|urinating|pee|urine) (?:\S+ ){0,2}?(?:way |much |a lot |far )?less"
                 r"(?! (?:often )?at night)"),
    ),
    Concept(
        "pregnancy_warning", "urgent",
        _compile(r"spotting", r"bleed\w*", BLOOD, r"cramp\w*", r"(?:leaking|gush of) (?:fluid|water)",
                 r"(?:baby|he|she) (?:is )?(?:not moving|moving less|kicking less|stopped moving)",
                 r"(?:baby|he|she) (?:has not|have not|did not|is not|not) (?:\S+ )?(?:kick\w*|mov\w*)",
                 r"(?:less|reduced|fewer|no) (?:movement|movements|kicks)", _NO_FETAL_MOVES, _QUIET_BABY,
                 r"(?:bad|severe|terrible) headache",
                 r"(?:blurr\w*|blurry|flashing lights|seeing spots|vision changes)"),
        requires=re.compile(PREGNANCY_CONTEXT),
    ),
    Concept(
        "medicine_reaction", "urgent",
        _compile(r"(?:rash|hives|itch\w*|welts) (?:\S+ ){0,6}?(?:after|since) (?:i |he |she )?(?:start\w*|tak\w*|took|"
                 r"began|beginning)",
                 r"(?:rash|hives|welts) (?:\S+ ){0,6}?(?:after|since) (?:\S+ ){0,2}?(?:new|the|my|his|her|starting|"
                 r"taking) "
                 r"(?:\S+ ){0,3}?(?:pills?|medicine|medication|antibiotics?|drug|tablets?|meds)", r"(?:rash|"
                                                                                                  r"hives) (?:\S+ "
                                                                                                  r"){0,4}?(?:from|"
                                                                                                  r"on) (?:the |my |"
                                                                                                  r"his |her )?(?:new "
                                                                                                  r")?"
                 r"(?:medicine|medication|antibiotic|pills?|drug)"),
    ),
    Concept(
        # A sugar too high to read, or very high, with vomiting or deep fast breathing: ketoacidosis.
        "high_blood_sugar", "emergency",
        _compile(r"(?:sugar|sugars|glucose|meter|reading|bg|cgm) (?:\S+ ){0,4}?(?:says |reads |shows |is |was |at |"
                 r"reading )?(?:hi|high|very high|super high|over 500|over 600|off the (?:charts|scale)|"
                 r"too high to read)"),
        requires=re.compile(HIGH_SUGAR_DANGER),
    ),
    Concept(
        "low_blood_sugar", "urgent",
        _compile(r"low (?:blood )?sugar", r"sugar (?:is |was |went |keeps )?(?:low|dropping|going low)", r"going low",
                 r"hypo", r"hypoglycemi\w*"),
        graver=None,
    ),
    Concept(
        "coughing_blood", "urgent",
        _compile(r"(?:cough\w*|spit\w*) (?:\S+ ){0,2}?blood", r"blood (?:\S+ ){0,2}?(?:in|when) (?:my |his |her )?"
                 r"(?:cough|phlegm|mucus|spit)"),
        # Much blood coughed up is an emergency.
        graver=re.compile(r"\b(?:lots|a lot|cups?|mouthfuls?|bright red|so much|clots|large amounts?|keeps? coming)\b"),
        urgent_name="severe_bleeding",
    ),
    Concept(
        "gi_bleeding", "urgent",
        _compile(r"blood (?:\S+ ){0,2}?in (?:my |his |her |the )?(?:stool|poop|bowel movements?)",
                 r"(?:black|tarry|bloody) (?:\S+ )?(?:stools?|poop)", r"(?:pooping|rectal bleeding|bleeding from "
                 r"(?:my|his|her) (?:bottom|rectum))"),
    ),
    Concept(
        "extra_dose", "urgent",
        _compile(
            # Something already taken twice. "Two tablets" alone is an ordinary dose, "two doses" is not.
            r"(?:took|taken|gave|given) (?:\S+ ){0,4}?(?:double|extra|second|another|an extra) "
            r"(?:\S+ )?(?:doses?|pills?|tablets?|shots?|injections?)",
            r"(?:took|taken|gave|given) (?:\S+ ){0,4}?(?:two|2) (?:\S+ )?(?:doses|shots|injections)",
            r"(?:took|taken|gave|given) (?:\S+ ){0,6}?(?:twice" + _NOT_A_REGIMEN + r"|by mistake|by accident|wrong "
            r"(?:pill|medicine|dose))",
            r"accidentally (?:took|gave|taken|double)", r"accidentally swallowed (?:\S+ ){0,3}?(?:pills?|tablets?|"
            r"medicines?|meds|dose|doses|capsules?)", r"(?:double|doubled) (?:up )?(?:dosed|my dose|the "
            r"dose)",
            r"(?:took|gave) (?:\S+ ){0,3}?(?:someone else|my (?:wife|husband|mom|dad|partner)) (?:pills|medicine)",
            # A second skin patch on top of the first doubles the dose.
            r"(?:put|stuck|applied|placed) (?:on )?(?:a |an )?(?:new |second |another |extra |fresh )(?:\S+ )?patch\w* "
            r"(?:\S+ ){0,3}?(?:without|before|and forgot to) (?:taking|removing|peeling|take|remove|peel)",
            r"(?:wearing|have|has|had) (?:two|2|both) (?:\S+ )?patches (?:on|at once|at the same time)",
            r"(?:forgot|forget|forgetting|did not) (?:to )?(?:take|took|remove|removed|peel|peeled) (?:off )?"
            r"(?:\S+ ){0,3}?patch\w* (?:\S+ ){0,3}?(?:before|when|and) (?:\S+ ){0,3}?(?:new|another|second|fresh)",
            r"left (?:the |my |his |her )?old (?:\S+ )?patch (?:on|in place)",
        ),
        excludes=_EXTRA_DOSE_EXCLUDES, graver=_DOSE_TOO_MUCH_SIGNS, hotlines=(POISON,), urgent_name="poisoning",
    ),
    Concept(
        # The same medicine taken again and again: "took it again at lunch, and then again at dinner", "may have taken
        # her morning pills 3 or 4 times".
        "extra_dose", "urgent",
        _compile(r"(?:took|taken|take|gave|given|had|swallowed|injected|did) (?:it|them|(?:my|his|her|their|the) "
                 r"(?:\S+ )"
                 r"{0,3}?\S+) (?:\S+ ){0,2}?(?:again|twice|(?:three|four|five|3|4|5|several|multiple|a few|a couple of|"
                 r"(?:2|two|3|three) or (?:3|three|4|four)) times)" + _NOT_A_REGIMEN,
                 r"(?:took|taken|had) (?:\S+ ){0,4}?(?:already|before) (?:\S+ ){0,3}?(?:and|then) (?:took|taken|had) "
                 r"(?:it|them|another)"),
        requires=re.compile(MEDICINE_WORDS), excludes=_EXTRA_DOSE_EXCLUDES, graver=_DOSE_TOO_MUCH_SIGNS,
        hotlines=(POISON,), urgent_name="poisoning",
    ),
    Concept(
        "mental_health", "urgent",
        _compile(r"hopeless", r"(?:cannot|can not) go on", r"(?:cannot|can not) cope", r"(?:cannot|can not) take "
                 r"(?:it|this) anymore", r"falling apart", r"(?:no|not any) hope", r"worthless",
                 r"(?:no|not any) point (?:anymore|any more|in (?:anything|trying|any of it))",
                 r"what is the point (?:of|in) (?:anything|living|trying|going on)",
                 r"(?:want|wish) (?:i could |i would |i can |to )(?:just )?disappear(?! from)",
                 r"(?:cannot|can not) do this anymore", r"(?:tired|sick) of (?:living|life) like (?:this|that)",
                 r"(?:i am|i feel like|i feel|being) (?:such )?a burden",
                 r"(?:nobody|no one|noone) (?:would|will) (?:even )?(?:care|notice)"),
        hotlines=(CRISIS,),
    ),
    Concept(
        "fall", "urgent",
        _compile(_FALLEN_CANNOT_GET_UP,
                 r"(?:cannot|can not|could not|unable to|not able to|will not) (?:\S+ )?(?:get (?:back )?up|stand up|"
                 r"get "
                 r"off the (?:floor|ground))(?! (?:early|in the morning|for|on time|the stairs|out of bed))",
                 r"(?:lying|laying|been|stuck) (?:\S+ ){0,3}?(?:on the floor|on the ground|there) (?:\S+ ){0,3}?(?:for "
                 r"(?:hours|\d+ hours|a few hours|ages|a while)|since (?:last night|yesterday|this morning))"),
        requires=re.compile(r"\b(?:fell|fall|fallen|slipped|tripped|on the floor|on the ground|collapsed)\b"),
        graver=re.compile(r"\b(?:hip|broken|(?:cannot|can not) (?:move|feel) (?:his|her|my|their) legs?|"
                          r"blood thinners?|bleeding|unconscious|passed out|since (?:last night|yesterday)|for hours|"
                          r"ever since|all night|overnight|"
                          r"(?:hurts )?too much to move|(?:leg|foot) (?:\S+ ){0,3}?(?:twisted|bent|shorter|turned out|"
                          r"weird|wrong)|hit (?:his|her|my|their) head)\b"),
        urgent_name="fall",
    ),
    Concept(
        "head_injury", "urgent", _compile(_BLEEDING_HEAD, r"concussion"),
    ),
    Concept(
        # A knock to the head: worth a check, unless the message rules out the warning signs ("no dizziness, no
        # throwing up, just a small bump", "playing normally").
        "head_injury", "urgent",
        _compile(_KNOCK_TO_HEAD, r"(?:fell|fall|fallen) " + GAP + r"(?:on|onto) (?:his|her|my|their|the) head"),
        unless=_re(r"(?:no|not|without|has not|have not|did not|never|nor|neither) (?:\S+ ){0,2}?(?:dizz\w*|vomit\w*|"
                     r"throw\w* up|threw up|sick|nause\w*|confus\w*|headache|drows\w*|sleepy|pass\w* out|lose "
                     r"consciousness|lost consciousness|black\w* out|knocked out)",
                     r"(?:small|little|tiny|minor|slight) (?:bump|lump|knock|bruise|goose ?egg)",
                     r"(?:playing|acting|behaving|seems|seem|feel|feels|is|am) (?:\S+ )?(?:normal\w*|fine|ok|okay|"
                     r"himself|herself|like (?:himself|herself|normal))"),
    ),
    Concept(
        "severe_pain", "urgent",
        _compile(r"(?:severe|terrible|unbearable|excruciating|worst|agonizing|horrible) (?:\S+ ){0,2}?(?:pain|stomach ?"
                 r"ache|belly ?ache|cramps)", r"pain (?:\S+ ){0,2}?(?:is )?(?:unbearable|excruciating|a 10|10 out of "
                 r"10)",
                 r"(?:sudden|suddenly) (?:\S+ ){0,2}?(?:severe |bad |sharp )?(?:testic\w*|scrot\w*|groin|belly|stomach|"
                 r"abdominal) pain"),
        excludes=_re(r"headache", r"period|menstrual"),
    ),
    Concept(
        "seek_care", "urgent",
        _compile(r"should (?:i|we) (?:call|get|go to|take (?:him|her|them) to) (?:an? |the )?(?:911|ambulance|er|"
                 r"emergency room|emergency|hospital|a&e|urgent care)", r"do (?:i|we) need (?:to go to )?(?:an? |the )?"
                 r"(?:ambulance|er|emergency room|hospital|911)"),
    ),
)

# Spans that look like a concept but are figures of speech. Any anchor that overlaps one is ignored.
IDIOMS: tuple[re.Pattern[str], ...] = _compile(
    # Asleep, not fainted: "passed out on the couch after a whole pizza", "food coma".
    r"pass\w* out (?:\S+ )?(?:on|in) (?:the |my |his |her |their )?(?:couch|sofa|bed|armchair|recliner|hammock)|"
    r"food coma",
    r"dying (?:to|for)",
    r"so (?:\S+ ){1,3}?(?:that )?(?:i|we) (?:wanted|want|could have|thought i would|was going|nearly wanted) (?:to "
    r")?die",
    r"(?:die|died|dying|dead) (?:of|from|with) (?:embarrassment|boredom|shame|laughter|laughing|curiosity|cuteness|"
    r"jealousy|envy|excitement|happiness|heat)",
    r"(?:bored|scared|frightened|worried|sick|tired|freezing|starving|bore|scare|worry|love|loved|loves) "
    r"(?:(?:me|him|her|us|them|myself) )?to death",
    r"(?:nearly|almost|practically|basically|literally) (?:died|die|dead) (?:laughing|of|from|when|at|because)",
    r"(?:died|die|dying) laughing", r"to die for",
    # Overwork, not airways: "can't breathe with all this work", "drowning and can't breathe under these deadlines".
    r"(?:cannot|can not|could not) (?:even )?breathe (?:with|from|because of|under|for) (?:all )?(?:this|these|the|my|"
    r"so much) (?:\S+ )?(?:work|homework|stress|deadlines?|pressure|workload|schedule|meetings?|emails?|bills|"
    r"paperwork|exams?|chores|kids|traffic|noise)",
    r"(?:cannot|can not|could not) (?:even )?breathe (?:financially|emotionally|mentally|creatively)",
    # A chore or a food one dreads: "gonna die if I have to eat one more salad". Help that is needed is not one.
    r"(?:going to|gonna|will|would|could|might) (?:literally |actually |honestly )?die if (?:i|we) (?:\S+ )?"
    r"(?:have to|gotta|got to|need to|must|hear|see|eat|sit through|do) (?:\S+ ){0,3}?(?:one more|another|again|more|"
    r"this|that|any)(?! (?:\S+ ){0,2}?(?:help|ambulance|doctor|hospital|air|insulin|inhaler|epi ?pen|medicine|meds)\b)",
    # Drowning in anything but water: "drowning in paperwork".
    r"drown\w* in (?!(?:the |a |our |my |his |her |their )?(?:pool|lake|river|sea|ocean|bath|bathtub|tub|water|pond|"
    r"creek|canal|surf|waves)\b)\S+",
    r"on fire (?:today|tonight|lately|this (?:week|season|year|month)|at (?:the )?(?:gym|work|game|exam|office|poker)|"
    r"in (?:the )?(?:game|match|exam|class))",
    r"seiz\w* (?:the|this|an|every|my|our) (?:day|moment|opportunity|chance|initiative|power|control)", r"(?:kill|"
                                                                                                        r"murder|"
                                                                                                        r"die) for "
                                                                                                        r"(?:a|an|"
                                                                                                        r"some|the|"
                                                                                                        r"another|one)",
    r"could (?:murder|kill|eat) (?:a|an|some|for|the)",
    r"(?:will|would|is going to|are going to|gonna|going to|is gonna|will literally|is so going to) "
    r"(?:kill|murder|strangle) (?:me|us|him|her)",
    r"kill(?:ing)? (?:it|time)", r"(?:kill|killing) (?:myself|me) laughing",
    r"could (?:just )?kill (?:myself|me) for (?:forgetting|being|doing|saying|not|missing|eating|buying|letting|"
    r"losing)",
    r"(?:heart attack|stroke|seizure|coronary|diabetes) (?:on|in) a (?:plate|bun|bowl|box|stick|cup|bag|glass|"
    r"sandwich|can|wrap|tray|burger|basket)",
    r"heart attack (?:burger|sandwich|fries|special|grill|food)",
    r"(?:heart attack|stroke|accident|disaster) waiting to happen",
    r"(?:gave|give|giving|gives|nearly gave|almost gave|going to give|gonna give) (?:me|him|her|us|them|you) "
    r"(?:a |an )?(?:heart attack|stroke|seizure|coronary|aneurysm)",
    r"(?:nearly|almost|about to|gonna|going to|could have|practically|literally|basically) (?:had|have|has) "
    r"(?:a |an )?(?:heart attack|stroke|seizure|coronary|cow|aneurysm|meltdown)",
    r"heart (?:\S+ ){0,2}(?:skipped|stopped) (?:a beat )?(?:when|at|because|for a second|for a moment)",
    r"stroke of (?:luck|genius|midnight|a pen|the pen|brilliance|fortune|inspiration|bad luck)",
    r"(?:back|breast|swim\w*|paddle|brush|key|pen|golf) ?strokes?",
    r"stroke (?:the|my|his|her|a) (?:cat|dog|hair|beard|ego|back|arm)", r"stroking",
    r"(?:blue|red) in the face", r"feeling blue", r"feel blue",
    r"dead (?:tired|on my feet|beat|serious|last|end|battery|weight|set|center|centre|inside|asleep)",
    r"(?:choking|choked|choke) up",
    r"overdos\w* on (?:sugar|chocolate|candy|netflix|tv|coffee|love|cuteness|sweets|cake|christmas|cookies|carbs|"
    r"sunshine|work|drama|memes|pizza|junk food)",
    r"(?:take|took|takes) (?:my|your|his|her) breath away", r"bleeding (?:me|us|them|you) dry",
    r"drop dead (?:gorgeous|serious)", r"(?:will|would|gonna|going to) be the death of (?:me|us)",
    r"seizure of (?:assets|property|goods|the)", r"(?:fell|passed|falling) out of (?:love|favor|favour|bed)",
    r"(?:my|the) (?:computer|laptop|phone|car|printer|wifi|internet|tv) (?:\S+ ){0,2}?(?:had|has|is having) "
    r"(?:a )?(?:seizure|stroke|heart attack|meltdown)",
    r"(?:breathe|breathing) (?:a sigh|easier|easy)", r"(?:killing|killed) (?:it|the exam|the test)",
    r"(?:pain|stairs|feet|legs|knees|back|shoes|heels|kids|job|commute|traffic|heat|cold) (?:is |are )?killing me",
    # Fear, not a wish: "I feel like I'm going to die" (the symptoms around it are judged on their own).
    r"(?:feel|feels|felt|feeling|think|thought|scared|afraid|terrified|sure|like) (?:like )?(?:i am|i|he is|she is|we "
    r"are|they are) (?:going to|gonna) die",
    r"(?:i am|he is|she is|we are|they are) (?:going to|gonna) die (?:if|unless|without)",
    r"(?:heart attack|stroke) of (?:happiness|joy|excitement|love|laughter|surprise)",
    # A topic, not an event: "drowning prevention", "stroke awareness", "choking hazards".
    r"(?:drowning|choking|stroke|seizure|suicide|overdose|poisoning|burns?|falls?|heart attack) (?:prevention|"
    r"awareness|safety|risks?|statistics|training|course|class|classes|hazards?|rates?|month|week|survivors?)",
    # Disappointment, not a droop: "my face fell when I saw the bill".
    r"(?:face|heart) (?:fell|dropped|sank) (?:when|as|at|after|because|the moment)",
    # Choking with an object is a figure of speech: "choking the life out of this project", "choking the market".
    r"chok\w* (?:the|this|that|our|their|its|every|all the) (?!(?:baby|child|kid|toddler|boy|girl|man|woman|dog|"
    r"cat)\b)\S+",
    # Puzzled, not confused in the medical sense: "confused about the instructions", "it makes no sense".
    r"confus\w* (?:about|by|with|as to|whether|if|why|how|what|which|because|on|over|at)",
    r"(?:it|this|that|nothing|none of (?:it|this|that)|instructions|directions|numbers|results|label|bill) (?:\S+ )?"
    r"(?:is |are |was |were |does |do |did )?(?:not )?mak\w* (?:any |much |no )?sense",
)


_STROKE_EXCLUDES = _re(r"dentist|novocaine|numbing|filling|root canal|anesthe\w*|fell asleep|slept on|pins and needles",
                       r"drunk|tipsy|hangover|panic attack|anxiety attack|migraine aura")

CLUSTERS: tuple[Cluster, ...] = (
    Cluster(
        # Face, arm or leg, speech, balance or sight: two of them together are a stroke until shown otherwise,
        # however they are worded ("her arm is not working and she speak strange words").
        "stroke", "emergency",
        (
            _re(r"(?:face|mouth|smile|lips?|eyelid|cheek) (?:\S+ ){0,4}?(?:droop\w*|sag\w*|crooked|lopsided|uneven|"
                r"slack|fall\w*|fell|hang\w*|numb\w*|weird|funny|strange|twisted|not moving|pulled|not straight|"
                r"not (?:the )?same on both sides)",
                r"(?:one|left|right) side of (?:\S+ )?(?:face|mouth)",
                r"(?:face|mouth|smile|lips?) (?:\S+ ){0,2}?(?:go|goes|went|gone|pull\w*|turn\w*|mov\w*|twist\w*) "
                r"(?:to )?(?:one|the left|the right|left|right) side"),
            _re(r"(?:arm|arms|leg|legs|hand|hands|foot|side) (?:\S+ ){0,3}?(?:weak\w*|numb\w*|heavy|limp|dead|"
                r"not working|"
                r"will not work|does not work|stopped working|useless|dragging|giving (?:out|way)|gave (?:out|way)|"
                r"floppy|tingl\w*)",
                r"(?:cannot|could not|can not|unable to|can barely|could barely) (?:lift|raise|move|feel|use|hold|"
                r"grip) "
                r"(?:\S+ ){0,2}?(?:arm|arms|leg|legs|hand|hands|foot|side|cup|phone|fork)",
                r"(?:weak\w*|numb\w*) (?:\S+ ){0,2}?(?:in|on) (?:\S+ ){0,2}?(?:arm|leg|hand|side)",
                r"(?:arm|arms|leg|legs|hand|hands|foot) (?:\S+ ){0,2}?(?:clumsy|uncoordinated)",
                r"(?:not|no|does not|did not|is not able to) (?:lift|raise|move) (?:his |her |my |their |the "
                r")?(?:left |"
                r"right )?(?:arm|leg|hand|side)",
                r"(?:drop|dropp\w*|drops) (?:\S+ ){0,2}?(?:things|everything|cup|phone|fork|spoon|coffee|glass|mug|"
                r"keys|drink|tea)"),
            _re(r"(?:speech|words|talking|talk\w*|speak\w*|speaks|voice) (?:\S+ ){0,3}?(?:weird|strange|funny|odd|"
                r"wrong|not clear|unclear|"
                r"mixed|jumbled|garbled|slurr\w*|slurry|slow|thick|nonsense|gibberish|not normal|not right|not making "
                r"(?:any )?sense)",
                r"(?:cannot|could not|can not|unable to|trouble|hard to|struggl\w* to|can barely) (?:\S+ )?(?:speak|"
                r"talk|find (?:the |his |her |my )?words|get (?:the |his |her |my )?words out|form words|say (?:words|"
                r"anything))",
                r"(?:strange|wrong|weird|funny) words", r"slurr\w*|slurry",
                r"(?:cannot|could not|does not|did not|can not) understand (?:what|me|us|anything|words)"),
            _re(r"(?:cannot|could not|can not) (?:walk|stand) (?:straight|properly|up straight|right)",
                r"(?:lost|losing|loses) (?:his |her |my |their )?balance",
                r"double vision|seeing double|(?:cannot|could not) see (?:out of|on) (?:one|the left|the right)",
                r"(?:vision|sight|eye) (?:\S+ ){0,3}?(?:black|dark|blurry|blurred|gone|grey|gray|"
                r"dim) (?:\S+ ){0,2}?(?:in|of|out "
                r"of) (?:one|my left|my right|his left|his right|her left|her right) eye",
                r"(?:lost|losing) (?:\S+ )?(?:vision|sight) in (?:one|\S+ (?:left|right)) eye|blind in one eye",
                r"(?:suddenly|all of a sudden|out of nowhere) (?:\S+ ){0,3}?(?:confused|dizzy|cannot see|blurry)"),
        ),
        needed=2, excludes=_STROKE_EXCLUDES,
        # Lasting weakness or speech trouble from an old stroke or a known condition is not a new stroke (a new
        # droop or slur is still caught by the stroke concepts).
        unless=re.compile(r"\b(?:(?:had|has had|have had|after|since|from) (?:a |an |his |her |my |their )?(?:stroke|"
                          r"strokes|tia|mini stroke|brain injury)|cerebral palsy|multiple sclerosis|ms|parkinson\w*|"
                          r"bell palsy|bells palsy|als|since birth|born with|muscular dystrophy|disabilit\w*|"
                          r"always (?:been|had))\b"),
    ),
    Cluster(
        # An infection with two signs of the body failing: fast breathing, racing heart, a clouded mind, little
        # urine, mottled or cold skin, a sense that something is badly wrong.
        "sepsis", "emergency",
        (
            _re(r"(?:breathing|breathes|breaths?) (?:\S+ ){0,2}?(?:fast|quick\w*|rapid\w*|hard|heavy|shallow)",
                r"panting"),
            _re(r"heart (?:\S+ ){0,2}?(?:racing|pounding|beating (?:so |really |very )?fast|going (?:so |really )?"
                r"fast)",
                r"racing heart", r"(?:pulse|heart rate) (?:\S+ ){0,3}?(?:high|fast|racing|1[2-9]\d)"),
            _re(r"confus\w*", r"not making (?:any )?sense", r"(?:very|really|so|super|extremely) (?:sleepy|drowsy)",
                r"(?:cannot|can not|could not) think (?:straight|clearly|properly)", r"foggy|muddled",
                r"hard to wake", r"(?:cannot|can not|could not) (?:\S+ )?wake", r"out of it",
                r"not (?:himself|herself|themselves)", r"disoriented", r"delirious", r"floppy|limp"),
            _re(r"(?:not|will not|would not|refus\w*|does not want to|not want to|cannot|stopped) (?:\S+ )?(?:feed\w*|"
                r"nurs\w*|drink\w*|eat\w*|take (?:the |a |her |his )?bottle)"),
            _re(r"(?:barely|hardly|not|has not|have not|no|little|not much) (?:\S+ )?(?:peeing|peed|urinating|urinated|"
                r"pee|urine|weeing)"),
            _re(r"blotchy|mottled", r"(?:pale|grey|gray|blue|ashen) (?:and )?(?:cold|clammy)",
                r"(?:cold|clammy) (?:and )?(?:pale|grey|gray|blue|blotchy)",
                r"skin (?:\S+ ){0,2}?(?:cold|clammy|blotchy|mottled|grey|gray)"),
            _re(r"(?:feel|feels|felt|feeling) (?:\S+ ){0,3}?(?:going to|about to|gonna) (?:pass out|faint)|light "
                r"?headed",
                r"(?:nearly|almost) (?:passed out|fainted)"),
            _re(_EXTREME_SHIVERING),
            _re(r"something (?:is )?(?:really |very |terribly |seriously |badly )?wrong",
                r"(?:feel|feels|felt) like (?:i am|he is|she is) (?:dying|going to die)",
                r"never felt (?:this|so) (?:ill|sick|bad)"),
        ),
        needed=2, requires=re.compile(INFECTION_CONTEXT),
        excludes=_re(r"(?:when|while|after) (?:i |he |she |they )?(?:\S+ )?(?:climb\w*|walk\w*|exercis\w*|run\w*|"
                     r"work\w* out|stairs|stand\w* up)|stairs|dog|cat|puppy|kitten"),
    ),
    Cluster(
        # After surgery, a birth or chemotherapy, a fever with one sign of the body failing is sepsis until shown
        # otherwise.
        "sepsis", "emergency",
        (
            _re(r"heart (?:\S+ ){0,2}?(?:racing|pounding|beating (?:so |really |very )?fast|going (?:so |really "
                r")?fast)",
                r"racing heart", r"(?:pulse|heart rate) (?:\S+ ){0,3}?(?:high|fast|racing|1[2-9]\d)"),
            _re(r"(?:breathing|breathes|breaths?) (?:\S+ ){0,2}?(?:fast|quick\w*|rapid\w*|hard|heavy|shallow)",
                r"panting|short of breath|breathless"),
            _re(r"confus\w*", r"not making (?:any )?sense", r"(?:cannot|can not|could not) think (?:straight|clearly|"
                r"properly)", r"(?:very|really|so|super|extremely) (?:sleepy|drowsy)", r"disoriented|delirious|foggy"),
            _re(_EXTREME_SHIVERING),
            _re(r"(?:feel|feels|felt|feeling) (?:\S+ ){0,3}?(?:going to|about to|gonna) (?:pass out|faint)|light "
                r"?headed|"
                r"(?:nearly|almost) (?:passed out|fainted)"),
            _re(r"blotchy|mottled|(?:pale|grey|gray|blue|ashen) (?:and )?(?:cold|clammy)"),
        ),
        needed=1, key=_re(FEVER_WORDS), requires=re.compile(_RECENT_PROCEDURE),
    ),
    Cluster(
        # Someone saying goodbye: a farewell message with an apology, giving things away, asking someone to look
        # after their pets or children, or going silent.
        "suicidal", "emergency",
        (
            _re(r"(?:texted|sent|said|say|wrote|left|posted|messaged|saying|says|texting|sending|writing|"
                r"texts) (?:\S+ ){0,3}?"
                r"(?:goodbye|good bye|goodbyes|farewell|final message|last message)",
                r"goodbye (?:forever|for good|for the last time|note|letter|message|text|video)",
                r"(?:wrote|writing|written|left|leaving) (?:\S+ )?(?:letters?|notes?) (?:to|for) (?:my|his|her|their|"
                r"everyone|the)",
                r"(?:this is|it is) (?:my|the) (?:last|final) (?:message|text|goodbye)"),
            _re(r"sorry for everything", r"forgive me", r"(?:i am|i was|she is|he is|i have been|being|feel like) "
                r"(?:such )?a burden"),
            _re(r"(?:gave|giving|give|given) away (?:\S+ ){0,2}?(?:stuff|things|belongings|possessions|pets?|clothes|"
                r"everything)",
                r"take care of (?:my|her|his|their) (?:\S+ )?(?:cat|cats|dog|dogs|kids|children|pets?|son|daughter|"
                r"baby)",
                r"(?:gave|giving|given) (?:away )?(?:my|his|her) (?:cat|cats|dog|dogs|pets?|things|stuff|belongings) "
                r"to",
                r"(?:wrote|writing|written|made|making|updated|updating|finished) (?:my|his|her|a) (?:will|last will)",
                r"(?:put|putting|getting) (?:my|his|her) (?:affairs|things) in order"),
            _re(r"i am (?:done|finished)(?! with (?:my|the|work|school|dinner|lunch|breakfast|it|that|this|class))",
                r"(?:cannot|can not) do this anymore", r"(?:cannot|can not) (?:keep going|go on|carry on)",
                r"(?:will not|would not) be (?:around|here) (?:\S+ )?(?:much longer|anymore|for long|tomorrow)",
                r"(?:will not|would not|never) (?:\S+ )?see (?:me|him|her) again",
                r"(?:i am|he is|she is) ready to (?:go|die|be gone|leave (?:this|the) world)(?! (?:\S+))",
                r"(?:tonight|today) is the (?:night|day)(?! (?:of|we|i|for|before|after))",
                r"(?:pills|tablets|rope|gun|razor blades?|knife) (?:\S+ )?(?:counted out|lined up|laid out|set aside|"
                r"in "
                r"front of me)"),
            # The means at hand.
            _re(r"(?:in|inside) (?:my |the |his |her )?(?:car|garage) (?:\S+ ){0,6}?(?:engine|motor|car) (?:\S+ )?"
                r"(?:running|on)|(?:engine|motor) (?:\S+ )?running (?:\S+ ){0,4}?(?:garage|closed|shut)",
                r"(?:bought|buying|got|purchased|ordered|have|has|found|saved) (?:a |some |the |my |his |her |enough )?"
                r"(?:rope|noose|gun|firearm|bullets|razor blades|pills)(?! (?:for|to) (?:climbing|camping|the boat|"
                r"hunting|"
                r"work|my (?:boat|dog)|the (?:range|yard)))"),
            # Hopelessness.
            _re(r"(?:tired|sick) of (?:everything|it all|this life|all of it|being alive)", r"hopeless|no hope",
                r"(?:nobody|no one|noone) (?:would|will) (?:even )?(?:care|notice|miss me)",
                r"(?:no|not any) (?:point|reason) (?:anymore|any more|in anything)", r"giv\w* up on everything"),
        ),
        needed=2, hotlines=(CRISIS,),
        excludes=_re(r"lol|haha\w*|lmao|retir\w*|moving|graduat\w*|last day|new job|(?:farewell|leaving|going away) "
                     r"(?:party|card|lunch|drinks)|trip|vacation|holiday"),
    ),
    Cluster(
        # Late pregnancy or just after birth: a bad headache, changes in sight, sudden swelling of the face or hands,
        # pain under the ribs. Two together are pre-eclampsia until shown otherwise.
        "pregnancy", "emergency",
        (
            _re(r"(?:bad|severe|terrible|horrible|awful|worst|pounding|splitting|strong|really bad) (?:\S+ )?headache",
                r"headache (?:\S+ ){0,3}?(?:will not|would not|does not|not) (?:go away|stop|get better|shift)"),
            _re(r"flashing lights|flashes|seeing (?:spots|stars|sparkles)|spots in (?:my|her) vision|blurr\w* vision|"
                r"vision (?:\S+ ){0,2}?(?:blurr\w*|weird|strange|funny|changes|spotty)|(?:cannot|"
                r"could not) see (?:properly|"
                r"clearly|well)"),
            _re(r"(?:face|hands|fingers|eyes|eyelids) (?:\S+ ){0,3}?(?:swollen|swelling|swelled|puffy|puffed up)",
                r"(?:swollen|swelling|puffy) (?:\S+ ){0,2}?(?:face|hands|fingers|eyes)"),
            _re(r"(?:pain|ache|hurts?) (?:\S+ ){0,4}?(?:under|below) (?:my |her )?(?:ribs|right ribs|breastbone)",
                r"(?:upper|top of) (?:my |her )?(?:right )?(?:belly|stomach|abdomen|tummy) (?:\S+ ){0,2}?(?:pain|"
                r"hurts?|ache)"),
        ),
        needed=2, requires=re.compile(PREGNANCY_CONTEXT),
    ),
    Cluster(
        # Skin or a joint that is red, hot, swollen, oozing or spreading (three together), or any of them with a
        # fever: an infection that needs a clinician today.
        "infection", "urgent",
        (
            _re(r"red(?!(?: \S+)? (?:wine|meat|light|flags?|blood cells|dye|bull|sox|cross|carpet))", r"redder|reddish|"
                r"redness"),
            _re(r"(?:hot|warm)(?! (?:water|shower|bath|tub|drink|tea|coffee|weather|day|days|room|car|pack|compress|"
                r"compresses|flash\w*|food|soup|sauce|dog|spring|summer|pan|stove|oil|towel|cloth))"),
            _re(r"swollen|swelling|swelled|puffy|puffed up"),
            _re(r"pus|puss|oozing|weeping|draining|discharge|yellow (?:stuff|goo|gunk|crust)"),
            _re(r"spreading|spreads|spread|getting (?:bigger|larger|worse)|growing|moving up|streaks?"),
            _re(r"throbb\w*|tender"),
            _re(FEVER_WORDS),
        ),
        needed=3, excludes=_re(r"sunburn\w*|sun burn|hot flash\w*|period|cramps"),
    ),
    Cluster(
        # Discomfort in the chest told mildly ("a heavy feeling", "pressure", "feels weird") with a heart attack's
        # companions: a cold sweat, breathlessness, nausea, pain in the arm or jaw, light-headedness, a grey face.
        "chest_pain", "emergency",
        (
            _re(r"sweat\w*|clammy|drenched"),
            _re(r"short(?:ness)? of breath|out of breath|breathless|winded|(?:hard|trouble|difficult\w*|struggl\w*) "
                r"(?:to )?(?:\S+ )?breath\w*|(?:cannot|can not) (?:catch (?:my|his|her) )?breath\w*"),
            _re(r"nause\w*|queasy|sick to (?:my|his|her) stomach|(?:feel|feels|feeling|felt) (?:\S+ )?sick|throw\w* up|"
                r"threw up|vomit\w*"),
            _re(r"(?:arms?|jaw|neck|back|shoulders?|shoulder blades?) (?:\S+ ){0,2}?(?:hurts?|aches?|aching|pain\w*|"
                r"tingl\w*|numb\w*|heavy|sore)",
                r"(?:pain|ache|aching|tingl\w*|numb\w*|heavy) (?:\S+ ){0,2}?(?:in|down|into) (?:my |his |her |the )?"
                r"(?:left |right )?(?:arms?|jaw|neck|shoulders?)"),
            _re(r"light ?headed|dizzy|faint\w*|(?:about to|going to|gonna) pass out|(?:grey|gray|pale|ashen)"),
            _re(r"something (?:is )?(?:really |very |seriously )?wrong|(?:going to|gonna) die|sense of doom"),
        ),
        needed=1,
        key=_re(CHEST + r" (?:\S+ ){0,4}?(?:pains?|pressure|tight\w*|heav\w*|hurts?|hurting|ach\w*|squeez\w*|crush\w*|"
                r"discomfort|burn\w*|funny|weird|strange|odd|off|wrong|full|fullness|uncomfortable|sore)",
                r"(?:tight|heavy|painful|aching|achy|sore|crushing|squeezing|pressure in (?:the|my|his|her)) " + CHEST,
                CHEST + r" (?:\S+ ){0,3}?like (?:someone|somebody|something|a \S+) (?:is )?(?:sitting|standing|"
                r"pressing|squeezing|crushing|stepping)",
                # "like a stone on it", "like a brick": heaviness said with a picture.
                CHEST + r" (?:\S+ ){0,3}?like (?:a |an )?(?:\S+ )?(?:stone|rock|brick|bricks|weight|elephant|truck|"
                        r"vice|"
                r"band|anvil|boulder)",
                r"(?:pains?|pressure|tight\w*|heav\w*|squeez\w*|crush\w*|discomfort|ache|aching|burning|weight|funny|"
                r"weird|strange|odd|uncomfortable|fullness|band|vice|indigestion) (?:feeling |sensation |thing )?"
                + GAP + r"(?:in|on|across|around|behind|through|under|of) (?:the |my |his |her |their )?(?:middle of |"
                r"center of |centre of )?(?:my |his |her |their |the )?" + CHEST),
        excludes=_re(r"chest (?:infection|cold(?! sweat)|x ?ray|congestion|hair|binder|tube|muscles?)|pecs?|cough\w*|"
                     r"mucus|phlegm",
                     r"(?:panic|anxiety) attacks?",
                     # Sweat and a tight chest from a workout (walking up stairs is not excluded: that is angina's
                     # classic trigger).
                     r"(?:after|from|during) (?:my |a |the |this )?(?:workout|work out|gym|run|running|exercis\w*|"
                     r"training|bench\w*|lifting|push ?ups|spin|class|sprint\w*|practice|game)"),
    ),
    Cluster(
        # Choking told by its signs: food stuck, a hand at the throat, no sound, gagging, a face going red or blue.
        "choking", "emergency",
        (
            _re(r"(?:food|piece|bite|chunk|bit|something|bread|meat|steak|candy|grape|sweet|lolly|nut|popcorn|coin|toy|"
                r"bone|it) (?:\S+ ){0,3}?(?:stuck|lodged)",
                r"went down (?:the )?wrong (?:way|pipe|tube|hole)"),
            _re(r"(?:point\w*|grabb\w*|grab\w*|clutch\w*|hold\w*|hands?) (?:\S+ ){0,2}?(?:at |on |to )?(?:his|her|my|"
                r"their|the) (?:throat|neck)"),
            _re(r"no (?:sound|noise)|(?:cannot|can not|could not|unable to) (?:\S+ )?(?:make|making) (?:a |any "
                r")?(?:sound|"
                r"noise)|(?:cannot|can not|could not|unable to) (?:talk|speak|cough|cry|breathe|get (?:any )?(?:words|"
                r"air) (?:out|in))|went (?:silent|quiet)|not making (?:a |any )?(?:sound|noise)"),
            _re(r"gagg\w*|retch\w*"),
            _re(r"(?:face|lips) (?:\S+ ){0,2}?(?:red|purple|blue|grey|gray|dark)|turning (?:red|blue|purple)"),
            _re(r"panick\w*|eyes (?:\S+ )?(?:wide|bulging)|drool\w*"),
        ),
        needed=2,
        requires=re.compile(r"\b(?:eat\w*|ate|food|bite|chew\w*|swallow\w*|piece|mouth|stuck|candy|grape|popcorn|nut|"
                            r"coin|toy|steak|meat|bread|chicken|apple|sweet|lolly|bone|dinner|lunch|breakfast|meal)\b"),
        excludes=_re(r"stuck in (?:my|his|her|their) teeth|(?:feel|feels|feeling) like (?:there is )?(?:something|a "
                     r"lump)"),
    ),
    Cluster(
        # Carbon monoxide: a fuel-burning heater, generator or engine indoors, and headaches, dizziness, sickness or
        # drowsiness, often in several people at once.
        "poisoning", "emergency",
        (
            _re(r"headaches?|head (?:\S+ )?(?:is )?(?:pounding|hurts|aches|aching)"),
            _re(r"dizz\w*|light ?headed|woozy"),
            _re(r"nause\w*|(?:feel|feels|feeling|felt) (?:\S+ )?sick|vomit\w*|throw\w* up|threw up"),
            _re(r"(?:very|really|so|super) (?:sleepy|drowsy|tired)|(?:hard|cannot|can not|will not) (?:to )?wake|"
                r"confus\w*|pass\w* out|passed out|faint\w*|collaps\w*"),
            _re(r"(?:whole|entire) (?:family|house|household)|everyone|everybody|all of us|we all|both of us|"
                r"(?:dog|cat) (?:\S+ ){0,3}?(?:sleepy|sick|lethargic)"),
        ),
        needed=2, requires=re.compile(CO_SOURCE), hotlines=(POISON,),
    ),
    Cluster(
        # A baby who stops breathing, goes pale or blue, goes floppy or cannot be fed or woken.
        "breathing", "emergency",
        (
            _re(r"(?:stop\w*|paus\w*|hold\w*) (?:his |her |their |its )?breath\w*|gaps in (?:his |her )?breathing"),
            _re(r"pale|grey|gray|blue\w*|bluish|purple|mottled|blotchy|dusky|white"),
            _re(r"floppy|limp|no muscle tone"),
            _re(r"(?:will not|would not|cannot|can not|not|hard to) (?:wake|waking|feed\w*|nurs\w*)"),
            _re(r"grunt\w*|ribs (?:\S+ ){0,2}?(?:sucking|pulling)|breath\w* (?:\S+ ){0,2}?(?:fast|hard|weird|strange)"),
        ),
        needed=2, requires=re.compile(r"\b(?:newborn|new born|baby|infant|(?:\d{1,2}|one|two|three|four|five|six|"
                                      r"seven|eight|nine|ten|eleven) ?(?:month|months|mo|mos|week|weeks|wk|wks|day|"
                                      r"days) "
                                      r"old)\b"),
    ),
    Cluster(
        # Late in pregnancy: bleeding, a belly that is hard or in constant pain, a baby moving less, feeling faint.
        # Two together mean the placenta or the baby may be in trouble.
        "pregnancy", "emergency",
        (
            _re(r"bleed\w*|bled|" + BLOOD + r"|spotting"),
            _re(r"(?:hard|constant|severe|sharp|bad|terrible|awful|intense|non ?stop) (?:\S+ )?(?:belly|stomach|"
                r"abdominal|tummy|back)? ?(?:pain|ache|cramp\w*)(?! (?:\S+ ){0,3}?(?:come and go|comes and goes))",
                r"(?:belly|stomach|tummy|abdomen|bump) (?:\S+ ){0,2}?(?:hard as|rock hard|very hard|tight and painful)",
                r"(?:pain|ache) (?:\S+ ){0,3}?(?:does not|will not|not) (?:come and go|let up|stop|ease)"),
            _re(r"(?:baby|he|she) (?:\S+ )?(?:has not|have not|did not|is not|not|stopped|barely) (?:\S+ )?(?:kick\w*|"
                r"mov\w*)", r"(?:less|reduced|fewer|no|not much) (?:movement|movements|kicks|moving|kicking)",
                _NO_FETAL_MOVES, _QUIET_BABY),
            _re(r"faint\w*|dizz\w*|light ?headed|pass\w* out"),
        ),
        needed=2, requires=re.compile(PREGNANCY_CONTEXT),
    ),
    Cluster(
        # After a fall, a crash or a dive: neck or back pain with limbs that tingle, go numb or weak. The spine may be
        # hurt, and moving the person may make it worse.
        "injury", "emergency",
        (
            _re(r"(?:neck|back|spine|spinal) (?:\S+ ){0,2}?(?:hurts?|pain\w*|aches?|sore|killing)|(?:pain|hurts?) "
                r"(?:\S+ )"
                r"{0,2}?in (?:my |his |her |their )?(?:neck|back|spine)"),
            _re(r"(?:hands?|arms?|legs?|feet|foot|fingers|toes) (?:\S+ ){0,2}?(?:tingl\w*|numb\w*|pins and needles|"
                r"weak|"
                r"will not move|not moving)", r"(?:tingl\w*|numb\w*|pins and needles) (?:\S+ ){0,2}?(?:in|down) "
                r"(?:my |his |her |their |both )?(?:hands?|arms?|legs?|feet|fingers|toes)"),
        ),
        needed=2, requires=re.compile(TRAUMA_CONTEXT),
    ),
    Cluster(
        # Heat stroke: after heat or sun, a hot body, confusion, no sweat, collapse or vomiting.
        "injury", "emergency",
        (
            _re(r"(?:hot|burning up) to (?:the )?touch|(?:very|really|super|so|extremely) hot|skin (?:\S+ )?(?:hot|"
                r"dry)"),
            _re(r"confus\w*|not making (?:any )?sense|disoriented|slurr\w*|acting (?:drunk|strange|weird)"),
            _re(r"(?:stopped|not|no longer|is not) sweating|(?:no|not any) sweat"),
            _re(r"pass\w* out|passed out|faint\w*|collaps\w*|seiz\w*"),
            _re(r"vomit\w*|throw\w* up|threw up"),
        ),
        needed=2, requires=re.compile(HEAT_CONTEXT),
    ),
    Cluster(
        # Early signs of a low sugar in someone with diabetes: shaky, sweaty, pale, a pounding heart. Needs treating
        # now and the care team told; confusion or fainting make it an emergency (see the concepts).
        "low_blood_sugar", "urgent",
        (
            _re(r"shak\w*|trembl\w*|jittery|(?:cannot|can not) (?:\S+ )?hold (?:\S+ ){0,2}?steady"),
            _re(r"sweat\w*|clammy|drenched"),
            _re(r"pale|heart (?:\S+ )?(?:pounding|racing)|dizzy|light ?headed|blurr\w*"),
        ),
        needed=2, requires=re.compile(DIABETES_CONTEXT),
    ),
)
