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
    r"(?:[5-9]|[1-4]\d) weeks (?:and|with) "
    r"(?:the |my )?baby)\b"
)
# "blood" as bleeding, not as in blood pressure, blood sugar or blood tests.
BLOOD = (
    r"blood(?! (?:pressure|sugar|sugars|test|tests|work|count|counts|type|levels?|thinners?|donation|glucose|"
    r"clots? in (?:my|his|her|the) (?:leg|lung)|cells|vessels?|orange|moon|oath|brother|sister))"
)
# Between a count and "pills": no dose unit ("81 mg aspirin" is a dose, "30 tylenol" a count).
_NO_UNIT = r"(?:(?!(?:mg|mcg|ml|g|grams?|milligrams?|units?|iu|puffs?|drops?) )\S+ ){0,2}?"
# "too much coffee", "too much to drink": food and drink, not medicine.
_NOT_FOOD = (r"(?! (?:of )?(?:\S+ )?(?:coffee|caffeine|tea|water|alcohol|beer|wine|booze|liquor|soda|sugar|food|salt|"
             r"candy|chocolate|cake|pizza|junk|sun|time|screen|tv|exercise|energy|juice|milk|fiber|fibre|protein|work|"
             r"stress|fun|to drink|to eat|at|for (?:dinner|lunch|breakfast)|last night)\b)")
# "I took 12 pills this morning like every day" is a regimen, not an overdose.
_NOT_A_REGIMEN = (r"(?! (?:\S+ ){0,3}?(?:a day|per day|every|each|daily|as prescribed|like (?:always|usual|every)|"
                  r"as usual|as (?:directed|told)))")
# "Remind me to take 10 units of insulin" asks for a reminder: the dose in it is a plan, not an event.
_REMINDER_REQUEST = re.compile(r"\b(?:remind\w*|set (?:up )?(?:an? )?(?:alarm|alert)|schedul\w*|notify me)\b")
_BLEEDING_HEAD = (r"(?:bleed\w*|blood) (?:\S+ ){0,2}?(?:from|on|out of) (?:my|his|her|their|the) (?:head|scalp)|"
                  r"(?:head|scalp) (?:is |was )?(?:bleeding|cut open|split open|gashed)")
_FALLEN_CANNOT_GET_UP = (r"(?:fell|fallen|had a fall|took a fall|fall|slipped) (?:\S+ ){0,4}?(?:and |but )?"
                         r"(?:cannot|could not|can not|unable to|not able to|will not) (?:\S+ )?get (?:back )?up")
ALLERGY_CONTEXT = (
    r"\b(?:sting|stung|bee|wasp|hornet|peanuts?|nuts?|cashews?|almonds?|shellfish|shrimp|prawns?|crab|lobster|fish|"
    r"egg|eggs|milk|sesame|ate|eating|food|allerg\w*|reaction|new (?:medicine|antibiotic|pill|medication|drug)|"
    r"antibiotic|penicillin|amoxicillin|hives|epi ?pen|after taking|took)\b"
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
    # Anywhere in the message, raises an urgent anchor to emergency (e.g. fainting AND won't wake).
    graver: re.Pattern[str] | None = None
    # "had a stroke" (no "just") reads as history for these events.
    had_is_history: bool = False
    hotlines: tuple[str, ...] = ()
    # The flag name when the concept escalates or de-escalates, if different.
    urgent_name: str | None = None


def _compile(*alternatives: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r"(?<![\w'])(?:" + alternative + r")(?![\w'])") for alternative in alternatives)


def _re(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(alternatives) + r")(?![\w'])")


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
            r"chest " + GAP5 + r"(?:pains?|pressure|tightness|tight|tightening|heaviness|heavy|hurts?|hurting|aching|"
            r"aches|squeezing|squeezed|crushing|crushed|discomfort|killing|burning|on fire|clenching|clenched)",
            r"(?:pains?|pressure|tightness|heaviness|squeezing|crushing|discomfort|ache|aching|burning|weight) "
            + GAP + r"(?:in|on|across|around|behind|through) (?:the |my |his |her |their )?(?:middle of |center of "
            r"|centre of )?(?:my |his |her |their |the )?chest",
            r"(?:crushing|squeezing) (?:feeling|pain|sensation)",
            r"elephant " + GAP + r"(?:on|sitting on|standing on) (?:my|his|her|their) chest",
            r"(?:pain|ache|numbness|tingling|pressure) " + GAP + r"(?:spreading|going|moving|radiating|shooting|"
            r"travel\w*) " + GAP + r"(?:to|into|down|up|through) (?:my |his |her |their |the )?(?:left )?(?:arm|jaw)",
            r"(?:clutch\w*|grabb\w*|grabs|holding|gripping) (?:at )?(?:my|his|her|their) chest",
        ),
        excludes=_re(r"chest (?:infection|cold|x ?ray|congestion|hair|binder|tube|cough)"),
        milder=_re(r"(?:from|after|since|because of|with) (?:all )?(?:the |my |this |a )?(?:coughing|cough|lifting|"
                   r"work ?out|working out|the gym|gym|exercise|push ?ups|bench\w*|fall|falling|sneezing)",
                   r"pulled (?:a )?muscle", r"when i (?:cough|sneeze|press|move|twist)", r"heartburn after",
                   r"when(?:ever)? i (?:have|get) (?:a |an |my )?(?:panic|anxiety) attacks?",
                   r"(?:eases|goes away|stops|better) (?:\S+ ){0,2}?(?:when|if|after) (?:i |he |she )?"
                   r"(?:sit|rest|stop)"),
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
            r"clearly|normally|straight)",
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
        ),
        excludes=_re(r"dentist|novocaine|numbing|filling|root canal|anesthe\w*|fell asleep|slept on|pins and needles",
                     r"drunk|tipsy|hangover"),
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
            r"thunderclap headache",
            r"(?:sudden|suddenly) (?:\S+ ){0,3}?(?:severe|terrible|horrible|excruciating|worst|explosive|splitting|"
            r"blinding) headache",
            r"headache " + GAP + r"(?:came on|hit|started|began) (?:\S+ ){0,2}?(?:suddenly|out of nowhere|all at once|"
            r"like a thunderclap|in seconds)",
            r"headache (?:like|as if) (?:i was |i got |i had been |being )?(?:hit|struck|kicked)",
        ),
    ),
    # ----- mental health -----------------------------------------------------------------------------------
    Concept(
        "suicidal", "emergency",
        _compile(
            r"(?:kill|killing|kills|end|ending|off|offing) " + SUBJECT_SELF,
            r"(?:take|taking|took|end|ending) (?:my|his|her|their) (?:own )?life",
            r"end it all", r"end (?:things|everything)(?: for good)?",
            r"(?:thinking|thought|thoughts|think) (?:about|of) (?:just )?ending "
            r"(?:it|it all|things|everything|my life)",
            r"(?:want|wants|wanted|wanting|wish|wishes|wished|going|gonna|plan\w*|thinking (?:about|of)|"
            r"thought (?:about|of)|thoughts (?:about|of)|urge|urges|ready|decided|tempted|tried) (?:\S+ ){0,2}?"
            r"(?:to )?(?:die|be dead|dead|not (?:be )?(?:alive|here|wake up)|disappear forever|end it|end my life|"
            r"not exist|stop living)",
            r"(?:do|does|did) not want to (?:be alive|live|be here|exist|wake up|go on|be around)",
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
            r"(?:nobody|no one|noone) would (?:miss|care about|notice) (?:me|if i (?:was|were) gone|if i died)",
            r"feel(?:ing)? like dying", r"wish (?:i|he|she) (?:was|were) dead",
            r"(?:have|got|has) (?:the |a )?(?:pills|rope|gun|razor|noose) (?:ready|lined up|saved)",
            r"(?:wrote|writing|left) (?:a |my |his |her )?(?:suicide |goodbye )?note",
        ),
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
            r"inhaled|sprayed|got into|into the|put|has|had) " + GAP5 + r"(?:bleach|antifreeze|detergent|laundry "
            r"pods?|tide pods?|detergent pods?|dish ?washer (?:soap|pods?|tablets?|detergent)|dish soap pods?|soap "
            r"pods?|"
            r"pods|drain cleaner|toilet (?:bowl )?cleaner|oven cleaner|cleaning (?:product|fluid|spray|solution|"
            r"liquid)|lye|ammonia|rat poison|poison|pesticide|weed ?killer|insecticide|bug spray|gasoline|petrol|"
            r"kerosene|lighter fluid|paint thinner|windshield (?:washer )?fluid|lamp oil|button batter(?:y|ies)|"
            r"batter(?:y|ies)|magnets?|wild mushrooms|mushrooms from the (?:yard|garden)|nicotine (?:liquid|gum|"
            r"pouches)|"
            r"vape (?:juice|liquid)|e liquid|chemicals|cleaning stuff|cleaning supplies|cleaner|hand sanitizer|"
            r"rubbing alcohol|mouthwash|essential oils?|"
            r"(?:my|his|her|the) (?:pills|medicine|meds|medication))",
            r"got into (?:the |my |his |her |their |grandma |grandpa )?(?:medicine|pills|meds|medication|medicine "
            r"cabinet|pill (?:bottle|box|organizer)|cleaning (?:supplies|products))",
            r"carbon monoxide", r"(?:co|carbon monoxide|gas) (?:alarm|detector) " + GAP + r"(?:going off|went off|"
            r"beeping)",
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
            + r"(?:(?:way )?too (?:many|much)" + _NOT_FOOD + r"|a (?:whole|full|entire) (?:bottle|pack|box|packet|"
            r"strip|sheet)|the (?:whole|entire) (?:bottle|pack|box|packet)|all (?:of )?(?:my|his|her|their|the) "
            r"(?:pills|tablets|meds|medicine|medication|medications|sleeping pills|painkillers)|(?:a )?handfuls? of)",
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
            r"huge|enormous|massive|twice (?:the|their|its) size)",
            r"(?:swell\w*|swollen) (?:\S+ ){0,2}?(?:of |in |on )?(?:my |his |her |their |the )?(?:lips?|tongue|throat)",
            r"(?:used|gave|give|giving|needed|need|using) (?:\S+ ){0,2}?epi ?pens?",
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
        ),
        requires=re.compile(ALLERGY_CONTEXT),
        excludes=_re(r"tooth|dental|abscess|pink ?eye|sore throat|strep|tonsil\w*|cold|flu|asthma"),
    ),
    # ----- bleeding ----------------------------------------------------------------------------------------
    Concept(
        "severe_bleeding", "emergency",
        _compile(
            r"(?:bleed\w*|" + BLOOD + r") " + GAP5 + r"(?:will not|would not|does not|is not|cannot|can not|not|never) "
            r"(?:stop|stopping|slow|slowing)",
            r"(?:cannot|could not|can not|unable to|not able to) (?:\S+ ){0,2}?(?:stop|control|slow) (?:the |his |her |"
            r"my |their )?(?:bleeding|blood)",
            r"(?:cannot|could not|can not) (?:make|get) it (?:to )?stop",
            r"(?:will not|would not|does not|is not|cannot|can not|not|never|has not|did not) (?:\S+ )?stop "
            r"(?:the )?(?:bleeding|bleed)",
            r"(?:bleeding|bleeds|bled|" + BLOOD + r") " + GAP + r"(?:heavily|a lot|like crazy|so much|really bad\w*|"
            r"very bad\w*|badly|everywhere|nonstop|non stop|profusely|uncontrollably|spurting|gushing|pouring|"
            r"squirting|pumping)",
            r"(?:spurt\w*|gush\w*|pour\w*|squirt\w*|pump\w*) (?:\S+ ){0,2}?" + BLOOD,
            r"soak\w* (?:\S+ ){0,3}?(?:through )?(?:the |a |his |her |my )?(?:towels?|bandages?|cloths?|shirt|gauze|"
            r"sheets?|clothes)",
            r"(?:bleed\w*|" + BLOOD + r") (?:\S+ ){0,2}?(?:right )?through (?:\S+ ){0,3}?(?:towels?|bandages?|gauze|"
            r"cloths?|clothes|shirt|dressings?|rags?)",
            r"(?:towel|bandage|cloth|rag|dressing) after (?:towel|bandage|cloth|rag|dressing)",
            r"(?:lot|lots|pool|puddle|tons) of " + BLOOD, BLOOD + r" everywhere", r"(?:so|too|way too) much " + BLOOD,
            r"(?:throwing up|vomit\w*|puking|puked|threw up|spitting up) (?:\S+ ){0,2}?" + BLOOD,
            r"(?:vomit|puke|throw up) (?:\S+ ){0,3}?(?:looks like )?coffee grounds",
            r"(?:stabbed|gunshot|(?:was|been|got|is|were|just) shot(?! (?:of|for|at the|up))|impaled|amputat\w*)",
            r"(?:cut|chopped|sliced) off (?:my|his|her|their|a) (?:\S+ )?(?:finger|toe|hand|thumb)",
            r"bone (?:is )?(?:sticking|poking) out",
        ),
        excludes=_re(r"(?:has|have|had) stopped bleeding", r"bleeding (?:has|had) stopped",
                     r"donat\w*|(?:give|gave|giving|gives) blood|blood (?:drive|bank|donor|draw)|(?:draw|drew|drawn|"
                     r"drawing) (?:\S+ ){0,2}?blood",
                     r"nose ?bleeds? (?:a lot|often)", r"flu shot|(?:covid|booster|vaccine) shot|shot of"),
    ),
    # ----- unresponsive ------------------------------------------------------------------------------------
    Concept(
        "unresponsive", "emergency",
        _compile(
            r"(?:not|is not|was not|are not|stopped|stop|stops|no longer|barely|hardly|cannot hear (?:him|her|them)) "
            r"breath\w*",
            r"unconscious", r"unresponsive", r"non ?responsive", r"not responsive", r"lifeless",
            r"(?:not|is not|was not|are not|will not|would not|does not|did not|stopped|cannot|barely|isnt) "
            r"(?:respond\w*|reacting)",
            r"no (?:response|pulse|heartbeat)",
            r"(?:not|will not|would not|cannot|could not|can not|unable to|hard to|impossible to|not able to) "
            r"(?:get (?:him|her|them) to |seem to )?(?:wake|waking|rouse|come to|come around)",
            r"(?:not|is not) waking", r"barely (?:awake|conscious|responsive|responding)",
            r"(?:has not|have not|had not|not|never) (?:\S+ )?(?:woken|woke|come to|come round|come around)",
            r"knocked (?:out|unconscious)", r"collaps\w*",
            r"(?:dropped|went down|slumped|keeled over|crumpled) (?:to|on|onto) the (?:floor|ground)",
            r"(?:fell|fallen|lying|laying|found (?:him|her|them)) (?:\S+ ){0,4}?(?:and|but) (?:is not|isnt|not|will "
            r"not) "
            r"(?:moving|breathing|responding|getting up|waking)",
            r"(?:turned|gone|went|is|looks) (?:blue|grey|gray) and (?:not|is not) (?:breathing|moving|responding)",
        ),
        excludes=_re(r"(?:in|on) the morning|mornings|for work|for school|on time|alarm|early|at night",
                     r"snor\w*|sleep apnea|in (?:my|his|her|their) sleep|while (?:\S+ )?sleep\w*|cpap",
                     r"collapsed (?:lung|vein|disc|disk|arch)", r"(?:lung|vein|disc|disk) (?:\S+ )?collapsed"),
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
    # ----- diabetes ----------------------------------------------------------------------------------------
    Concept(
        "severe_hypoglycemia", "emergency",
        _compile(
            r"confus\w*", r"not making sense", r"acting (?:drunk|strange|weird|odd|funny|confused|strangely)",
            r"(?:cannot|could not|can not|unable to|will not|not able to) (?:eat|drink|swallow|keep (?:anything|food|"
            r"it|juice) down|hold (?:anything|food) down|sit up)",
            r"(?:passed|passing|pass) out", r"faint\w*", r"very (?:sleepy|drowsy)", r"(?:will not|would not|cannot|"
            r"not) "
            r"(?:wake|waking)", r"unconscious", r"unresponsive",
        ),
        requires=re.compile(r"\b(?:diabet\w*|insulin|(?:blood )?sugar (?:is |was |has |went |dropped|crashed|low|"
                            r"dropping|tanked|reading)|sugar dropped|low (?:blood )?sugar|hypo|hypoglycemi\w*|glucose "
                            r"(?:is|was|of|dropped|low)|(?:going|went) low)\b"),
    ),
    # ----- pregnancy ---------------------------------------------------------------------------------------
    Concept(
        "pregnancy", "emergency",
        _compile(
            r"(?:bleed\w*|" + BLOOD + r"|clots?|hemorrhag\w*) " + GAP + r"(?:heavily|heavy|a lot|lots|so much|clots|"
            r"everywhere|"
            r"through|soaking|gushing|pouring|bad\w*|will not stop|not stopping)",
            r"(?:heavy|heavily|lots of|a lot of|so much|soaking|gushing|large) (?:\S+ ){0,2}?(?:bleeding|" + BLOOD
            + r"|clots)",
            r"soak\w* (?:\S+ ){0,3}?(?:pads?|through)",
            r"(?:bleeding|" + BLOOD + r") (?:\S+ ){0,5}?(?:bad|severe|terrible) (?:cramps|pain)",
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
            r"(?:chest|skin|ribs?|belly|neck) (?:\S+ ){0,4}?(?:sucking|pulling|sinking|caving) in",
            r"retractions",
            r"inhaler (?:is |was )?(?:not|does not|did not|is not|isnt|no longer) (?:\S+ )?(?:working|helping|help|"
            r"work)",
            r"(?:cannot|could not|can not|unable to) (?:talk|speak|finish (?:a |my |his |her )?sentences?|say more "
            r"than)"
            r" (?:\S+ ){0,3}?(?:breath\w*|air)",
            r"(?:cannot|could not|can not) (?:finish|complete) (?:a |my |his |her )?sentences?",
            r"(?:wheez\w*|gasping|breathing hard|breathing fast) (?:\S+ ){0,3}?(?:and )?(?:cannot|can not|could not) "
            r"(?:talk|speak|cry|eat|drink)",
            r"(?:short(?:ness)? of breath|out of breath|breathless|winded) (?:\S+ ){0,3}?(?:at rest|sitting still|"
            r"while resting|lying still|cannot talk|getting worse fast)",
            r"(?:very|severely|extremely|really) (?:short of breath|breathless)",
            r"breathing (?:\S+ ){0,2}?(?:very )?(?:hard|fast|weird|strange|funny|noisy|shallow|raspy) (?:and|with) "
            r"(?:\S+ ){0,2}?(?:blue|grey|gray|confused|not responding|sucking in)",
        ),
        excludes=_re(r"through (?:my |his |her |their |the |your )?(?:nose|nostrils?|it)", r"nostril\w*",
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
            r"(?:something|food|a (?:piece|grape|coin|toy)) (?:\S+ ){0,2}?(?:stuck|lodged) in (?:my|his|her|their|the) "
            r"(?:throat|windpipe|airway)",
        ),
        excludes=_re(r"chok\w* up", r"chok\w* (?:on|at|in|under) (?:the |my |a )?(?:exam|test|game|interview|pressure)",
                     r"choking hazard"),
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
            r"(?:hit|bumped|banged|smacked|hurt|injured|cracked|struck) (?:his|her|my|their|the|a) head",
            r"head (?:injury|trauma|wound)", r"(?:fell|fall|fallen|falling|knocked) " + GAP5 + r"head",
            r"concussion", _FALLEN_CANNOT_GET_UP, _BLEEDING_HEAD,
        ),
        requires=re.compile(r"\b(?:vomit\w*|throw\w* up|threw up|puk\w*|confus\w*|not making sense|(?:will not|would "
        r"not|"
                            r"cannot|not) (?:wake|waking)|unconscious|knocked out|passed out|blacked out|seiz\w*|"
                            r"slurr\w*|blood (?:from|coming out of) (?:his|her|my|their|the) (?:ears?|nose)|clear "
                            r"fluid|"
                            r"pupils?|very (?:sleepy|drowsy)|drowsy|blood thinner|warfarin|coumadin|eliquis|apixaban|"
                            r"xarelto|anticoagulant|worst headache|cannot walk)\b"),
        urgent_name="head_injury",
    ),
    Concept(
        "sepsis", "emergency",
        _compile(
            r"(?:very |really |so )?confus\w*", r"not making sense", r"(?:breathing|breathes) (?:very |really |so )?"
            r"(?:fast|quickly|rapid\w*)", r"rapid breathing", r"blotchy|mottled",
            r"rash (?:\S+ ){0,4}?(?:does not|will not|not|did not) fade", r"purple (?:rash|spots)",
            r"stiff neck|neck (?:is |feels )?(?:very )?stiff", r"(?:cannot|can not) (?:bend|touch) (?:\S+ ){0,2}?chin",
        ),
        requires=re.compile(r"\b(?:fever\w*|infection|infected|temperature|chills|shivering|burning up|sepsis|"
                            r"septic)\b"),
    ),
    Concept(
        "sepsis", "emergency", _compile(r"sepsis", r"septic shock", r"meningitis"), kind="event",
    ),
    Concept(
        "anaphylaxis", "emergency", _compile(r"anaphyla\w*", r"allergic shock"), kind="event",
    ),
    Concept(
        "injury", "emergency",
        _compile(
            r"(?:drown\w*|nearly drowned|electrocuted|electric shock|struck by lightning|heat ?stroke|hypotherm\w*)",
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
        excludes=_re(r"sunburn\w*|heartburn|razor burn|burning (?:when|while) (?:i |he |she )?(?:pee|urinat\w*)"),
    ),
    Concept(
        "injury", "emergency",
        # A deep burn or scald: skin gone white, peeling or coming off.
        _compile(r"(?:burn\w*|scald\w*|skin) (?:\S+ ){0,5}?(?:white|peeling off|coming off|came off|falling off|"
                 r"melted|hanging off)"),
        requires=re.compile(r"\b(?:burn\w*|scald\w*|boiling|hot (?:oil|water|grease|pan|stove)|fire|flames?|acid|"
                            r"chemical)\b"),
        excludes=_re(r"sunburn\w*|heartburn|razor burn"),
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
                     r"sprinting|laughing)|laugh\w*"),
    ),
    Concept(
        "high_fever", "urgent",
        _compile(
            r"fever\w* (?:\S+ ){0,6}?(?:for|over|more than|since) (?:\S+ )?(?:\d+|two|three|four|five|six|seven|"
            r"several|a few|few|many) (?:days|weeks)",
            r"(?:\d+|two|three|four|five|six|seven|several|a few) days (?:\S+ ){0,3}?(?:of )?(?:a )?(?:high )?fever",
            r"fever\w* (?:\S+ ){0,3}?(?:will not|would not|not) (?:go down|break|come down|budge|respond)",
            r"fever\w* (?:\S+ ){0,3}?since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|last week)",
        ),
        urgent_name="high_fever",
    ),
    Concept(
        "kidney_infection", "urgent",
        _compile(r"burn\w* (?:when|while|as) (?:i |he |she )?(?:pee|urinat\w*)", r"(?:it )?burns (?:to|when) (?:pee|"
        r"urinat\w*)",
                 r"painful (?:urination|peeing)", r"uti", r"bladder infection", r"urinary (?:tract )?infection",
                 r"(?:peeing|pee|urine) (?:\S+ ){0,2}?blood", r"blood in (?:my |his |her )?(?:pee|urine)"),
        requires=re.compile(r"\b(?:fever\w*|chills|back|flank|side|vomit\w*|shaking)\b"),
    ),
    Concept(
        "wound_infection", "urgent",
        _compile(
            r"red streaks?", r"streaks? (?:\S+ ){0,4}?(?:up|along|from|going)",
            r"(?:wound|cut|incision|scrape|bite|stitches|scratch|sore|burn|blister|piercing|tattoo) (?:\S+ ){0,8}?"
            r"(?:pus|oozing|infected|red(?:der)?(?: and)? (?:hot|warm|swollen)|hot|warm|swollen and red|smells|"
            r"draining|spreading redness|getting redder)",
        ),
    ),
    Concept(
        "allergic_reaction", "urgent",
        _compile(r"(?:having|had|getting|got|think \S+ (?:is )?having) (?:a |an )?(?:allergic reaction|reaction to)"),
    ),
    Concept(
        "animal_bite", "urgent",
        _compile(r"(?:bit|bitten|bite) (?:\S+ ){0,2}?by (?:a |an |the |my |our |some |the neighbou?r )?(?:\S+ )?"
                 r"(?:dog|cat|bat|raccoon|fox|skunk|monkey|stray|animal|rat|ferret|coyote)",
                 r"(?:dog|cat|bat|raccoon|animal) bite",
                 r"(?:dog|cat|bat|raccoon|fox|monkey|rat) (?:just )?(?:bit|bites|has bitten) "
                 r"(?:me|him|her|them|my|our)"),
    ),
    Concept(
        "vomiting", "urgent",
        _compile(
            r"(?:vomit\w*|throwing up|threw up|puking|diarrh\w*) (?:\S+ ){0,5}?(?:for (?:over |more than )?(?:a|one|"
            r"two|"
            r"three|\d+) (?:days?|weeks?)|all day|since yesterday|(?:for )?(?:\d+|two|three|24|48) hours|for days|"
            r"since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|last night))",
            r"(?:cannot|can not|could not|not) (?:keep|keeping|hold|holding) (?:anything|water|fluids|food|liquids|it) "
            r"down",
        ),
    ),
    Concept(
        "dehydration", "urgent",
        _compile(r"(?:no|not|has not|not had|without) (?:a |any )?(?:had a )?wet (?:diapers?|nappies|nappy)",
                 r"(?:barely|hardly) (?:has |had )?(?:any )?wet (?:diapers?|nappies|nappy)",
                 r"(?:not|has not|have not|no) (?:been )?(?:peeing|urinating|peed)", r"sunken (?:eyes|soft spot)",
                 r"no tears", r"dry (?:mouth and|diapers)"),
    ),
    Concept(
        "pregnancy_warning", "urgent",
        _compile(r"spotting", r"bleed\w*", BLOOD, r"cramp\w*", r"(?:leaking|gush of) (?:fluid|water)",
                 r"(?:baby|he|she) (?:is )?(?:not moving|moving less|kicking less|stopped moving)",
                 r"(?:baby|he|she) (?:has not|have not|did not|is not|not) (?:\S+ )?(?:kick\w*|mov\w*)",
                 r"(?:less|reduced|fewer|no) (?:movement|movements|kicks)",
                 r"(?:bad|severe|terrible) headache",
                 r"(?:blurr\w*|blurry|flashing lights|seeing spots|vision changes)"),
        requires=re.compile(PREGNANCY_CONTEXT),
    ),
    Concept(
        "medicine_reaction", "urgent",
        _compile(r"(?:rash|hives|itch\w*|welts) (?:\S+ ){0,6}?(?:after|since) (?:i |he |she )?(?:start\w*|tak\w*|took|"
                 r"began|beginning)", r"(?:rash|hives) (?:\S+ ){0,4}?(?:from|on) (?:the |my |his |her )?(?:new )?"
                 r"(?:medicine|medication|antibiotic|pills?|drug)"),
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
            r"(?:took|taken|gave|given) (?:\S+ ){0,4}?(?:twice|by mistake|by accident|wrong (?:pill|medicine|dose))",
            r"accidentally (?:took|gave|taken|double)", r"accidentally swallowed (?:\S+ ){0,3}?(?:pills?|tablets?|"
            r"medicines?|meds|dose|doses|capsules?)", r"(?:double|doubled) (?:up )?(?:dosed|my dose|the "
            r"dose)",
            r"(?:took|gave) (?:\S+ ){0,3}?(?:someone else|my (?:wife|husband|mom|dad|partner)) (?:pills|medicine)",
        ),
        excludes=_re(r"(?:should|can|could|may) i (?:take|give)", r"is it (?:ok|okay|safe) to take",
                     _REMINDER_REQUEST.pattern),
        hotlines=(POISON,),
    ),
    Concept(
        "mental_health", "urgent",
        _compile(r"hopeless", r"(?:cannot|can not) go on", r"(?:cannot|can not) cope", r"(?:cannot|can not) take "
                 r"(?:it|this) anymore", r"falling apart", r"(?:no|not any) hope", r"worthless",
                 r"(?:no|not any) point (?:anymore|any more|in (?:anything|trying|any of it))",
                 r"what is the point (?:of|in) (?:anything|living|trying|going on)",
                 r"(?:want|wish) (?:i could |i would |i can |to )(?:just )?disappear(?! from)",
                 r"(?:cannot|can not) do this anymore", r"(?:tired|sick) of (?:living|life) like (?:this|that)"),
        hotlines=(CRISIS,),
    ),
    Concept(
        "fall", "urgent", _compile(_FALLEN_CANNOT_GET_UP),
        graver=re.compile(r"\b(?:hip|broken|(?:cannot|can not) (?:move|feel) (?:his|her|my|their) legs?|blood thinner|"
                          r"bleeding|unconscious|passed out)\b"),
        urgent_name="fall",
    ),
    Concept(
        "head_injury", "urgent",
        _compile(_BLEEDING_HEAD, r"(?:hit|bumped|banged|smacked|hurt|injured|struck) (?:his|her|my|their|the|a) head",
                 r"concussion",
                 r"(?:fell|fall|fallen) " + GAP + r"(?:on|onto) (?:his|her|my|their|the) head"),
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
    r"dying (?:to|for)",
    r"so (?:\S+ ){1,3}?(?:that )?(?:i|we) (?:wanted|want|could have|thought i would|was going|nearly wanted) (?:to "
    r")?die",
    r"(?:die|died|dying|dead) (?:of|from|with) (?:embarrassment|boredom|shame|laughter|laughing|curiosity|cuteness|"
    r"jealousy|envy|excitement|happiness|heat)",
    r"(?:bored|scared|frightened|worried|sick|tired|freezing|starving|bore|scare|worry|love|loved|loves) "
    r"(?:(?:me|him|her|us|them|myself) )?to death",
    r"(?:nearly|almost|practically|basically|literally) (?:died|die|dead) (?:laughing|of|from|when|at|because)",
    r"died laughing", r"to die for", r"(?:kill|murder|die) for (?:a|an|some|the|another|one)",
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
)
