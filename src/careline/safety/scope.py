"""Scope limits: Careline never diagnoses, never gives or changes a dose, never tells a patient to stop a
medicine and never prescribes.

Two sides: `scope_requests` finds patient messages that ask for one of those (the chat answers with a kind
note plus vetted general information), and `sentence_is_in_scope` screens answer sentences.

A request is a question shape ("can I ...", "is it ok to ...", "should I ...", "X or Y, which have I got?")
around an act (diagnose, change a dose, stop, prescribe). Acts on a medicine need the medicine: "can I stop my
metformin" is a request, "how do I stop the bleeding" is first aid. A medicine mistake already made ("I took a
double dose by mistake") is a question about what to do now, not a request to change a dose.

Requests also come as statements put up for a yes ("so I can quit the atorvastatin, right?", "that's GERD, isn't
it?"), as a choice handed over ("which birth control pill should I start on? pick one for me") and as the
condition asked for by name once the symptoms are listed ("tell me what condition I have"). The amount of a
medicine not yet prescribed ("which antibiotic, and how much to take") belongs to the prescribing request.
"""

from __future__ import annotations

import re

from careline.safety.privacy import OTHER_PEOPLE
from careline.safety.scope_lexicon import CONDITION, MEDICINE_NOUN, SYMPTOMS, is_medicine_word, names_medicine
from careline.safety.text import is_common_word, normalize, word_set

# The patient or someone in their care: "I", "my son", "my 5 year old".
_WHO = (r"(?:i|he|she|we|they|my \S+(?: \S+){0,2}?|(?:someone|somebody|a person|a woman|a man) (?:like me|my age|of my "
        r"age|my size|my weight))")
_ASK = r"(?:can|could|should|may|shall|do|must|would|will)"
# An object phrase after a verb: up to five words, ending before a preposition, a conjunction or punctuation.
# Its words are checked afterwards (`_names_the_thing`), so "lower my cholesterol" is not a dose request.
_BOUNDARY = (r"(?:with|without|by|through|from|for|in|into|on|to|of|and|or|but|if|so|because|since|before|after|"
             r"while|when|until|instead|than|as|at|is|are|was|were|be|cold|every|each|now|today|tonight|tomorrow|"
             r"anymore|any more|altogether|completely|early|then|though|just|yet|forever|already|too)")
_OBJ = r"(?P<taking>(?:taking|using) )?(?P<obj>(?:(?!" + _BOUNDARY + r"\b)[a-z0-9']+ ?){1,5})"
_MEDICINE_PRONOUNS = frozenset({"it", "them"})
_DOSE_WORDS = frozenset({"dose", "doses", "dosage"})
# Words that point back to a medicine named elsewhere ("is it ok to just stop them?").
_PRONOUN_WORDS = word_set("it them this that these those one ones all some my the rest of his her their")
# A medicine or a dose named within a few words.
_MED_ENDING = r"\w+(?:in|ine|ol|ide|pril|artan|pam|lam|one|ate|ium|mab|fen|cin|xin|zole|tide|lin|zine|pine|done|" \
              r"tine|ex|ix|ax|ac|ar|as|ra)"
_MED = r"(?:\S+ ){0,3}?(?:" + MEDICINE_NOUN + r"|dose|doses|dosage|" + _MED_ENDING + r")\b"

_STOP_VERB = (r"(?:stop|quit|come off|get off|go off|discontinue|cut out|ditch|drop|wean (?:\S+ )?off|taper off|"
              r"give up|take a break from|pause|halt|not take|go without|skip|get rid of|throw away|stay off|"
              r"take (?:him|her|me|them|us) off)")
_STOP_VERB_ING = (r"(?:stopping|quitting|coming off|getting off|going off|discontinuing|cutting out|ditching|"
                  r"dropping|weaning (?:\S+ )?off|tapering off|giving up|taking a break from|pausing|not taking|"
                  r"going without|skipping)")
# "up" is a verb only after its subject or "to" ("can I up my sertraline"), not a particle ("chewed up some").
_DOSE_VERB = (r"(?:double|triple|halve|increase|decrease|raise|lower|(?:(?<=\bi )|(?<=\bto ))up|reduce|cut|adjust|"
              r"change|bump|split|drop|boost|titrate|taper|doubling|tripling|halving|increasing|decreasing|raising|"
              r"lowering|upping|reducing|cutting|adjusting|changing|bumping|splitting|dropping|boosting|titrating|"
              r"tapering)")
_MORE_OR_LESS = (r"(?:more|less|extra|an extra|another|twice|double|a double|half|a half|half a|half of|a higher|"
                 r"a lower|a bigger|a smaller|a stronger|a weaker|a second)")
_IS_IT_OK = (r"(?:(?:is it|would it be|it is|is that|will it be) |(?:^|[.?!,] ))(?:ok|okay|safe|fine|alright|"
             r"all right|bad|dangerous|wise|a good idea|a bad idea|reasonable|smart|too soon|too early|possible|"
             r"allowed) "
             r"(?:for (?:me|him|her|us|them|my \S+(?: \S+)?) )?(?:to|if (?:i|he|she|we)(?: just)?) ")

# A question or plan about what the patient will do: "can I ...", "what if I ...", "is it ok to ...", "thinking of".
_ASKING_LEAD = (r"\b(?:" + _ASK + r" " + _WHO + r" |what if (?:i|he|she|we) |" + _IS_IT_OK + r"|(?:want|wanna|going|"
                r"planning|thinking about|thinking of|considering|would like|tempted|hoping) (?:to )?)(?:just |only |"
                r"really |safely )?")
# Words between "is this" and a condition: a symptom noun ("is this rash ringworm"), not "is that ok with ...".
_SYMPTOM_GAP = (r"(?:(?!(?:ok|okay|safe|normal|bad|good|fine|with|for|because|from|after|before|due|since|in|on|at|"
                r"to|related|common|typical|usual|worse|better|a|an|the|really|too|also|still|going)\b)\S+ ){0,2}?")
# Someone else whose record would be asked for ("tell me my brother's diagnosis"): a privacy matter.
_RELATIVE = r"(?:" + "|".join(sorted(OTHER_PEOPLE)) + r")"
# The person a choice is made for: "for me", "for my son", "for someone like me".
_FOR_ME = r"for (?:me|my|him|her|us|someone like me|people like me|a person like me|someone my age)\b"
# What a patient asks to be named: "what condition do I have", "tell me what illness this is".
_CONDITION_WORD = (r"(?:condition|illness|disease|disorder|infection|problem|sickness|ailment|virus|bug|diagnosis|"
                   r"(?:kind|type|sort) of (?:" + CONDITION + r"|rash|pain|headache|cough|lump|bump|infection))")
_TIME_OF_DAY = (r"(?:in the (?:morning|evening|afternoon|night)|at (?:night|lunch|lunchtime|noon|bedtime|breakfast|"
                r"dinner|dinnertime|supper|midday)|before bed|tonight|this (?:morning|evening|afternoon)|later"
                r"(?: today| on)?|at \d+ ?(?:am|pm)?)")
_REQUEST_PATTERNS: dict[str, tuple[str, ...]] = {
    "diagnosis": (
        # "do I have diabetes?", not "do I have to ...", "do I have any reminders?"
        r"\b(?:do|does|did) (?:i|he|she|my \S+(?: \S+)?|we) (?:\S+ )?(?:have|has)(?! to\b| (?:any|enough|time|"
        r"reminders?|refills?|appointments?|questions?|insurance|coverage|options?|a choice|access|permission|"
        r"the right|a way|an account|results?)\b) (?:a |an |the )?\S+",
        r"\bwhat(?: is|s)? wrong with (?:me|him|her|my \S+|us)\b",
        r"\bwhat do (?:i|you think i|you think (?:he|she|my \S+)) (?:have|has)\b(?! to\b)",
        r"\b(?:tell me|guess|figure out|work out|say|know|wondering|wonder) what (?:i|he|she|my \S+) "
        r"(?:have|has|have got|has got|got)\b(?! to\b)",
        r"\bwhat (?:is|could|might) (?:this|it|my \S+) (?:be|mean)\b",
        r"\b(?:could|can|might|is|may) (?:this|it|that|my|these|those) (?!(?:normal|ok|okay|safe|possible|common|"
        r"bad|dangerous|fine|true|likely|worth|better|best|wise|smart|too)\b)(?:\S+ ){0,2}?(?:be|mean|a sign of|"
        r"a symptom of) (?!(?:treated|cured|prevented|managed|fixed|helped|passed|spread|serious|dangerous|normal|ok|"
        r"okay|fine|bad|contagious|worse|better|taken|used|given|stored)\b)(?:a |an )?\S+",
        r"\b(?:do|does|could|can|might) (?:these|this|that|those|my \S+(?: \S+)?) (?:\S+ )?(?:mean|suggest|indicate|"
        r"point to) (?:that )?(?:i|he|she|my \S+) (?:have|has|am|is|might have|could have|got)\b",
        # "is it thrush?": an uncommon noun asked about (condition names are rarely everyday words).
        r"\bis (?:it|this|that) (?:a |an |just |probably |maybe )?(?P<noun>[a-z]+) \?",
        r"\bis (?:it|this|that) (?:just |probably |maybe )?(?:my|his|her|the) (?:thyroid|heart|kidneys?|liver|"
        r"gallbladder|appendix|prostate|hormones|iron|b12|blood sugar|sugar|blood pressure|lungs?|sinuses|nerves?|gut|"
        r"bladder|pancreas|immune system|ovaries|uterus|bowels?|spine|disc|discs)\b",
        r"\bdiagnos(?:e|is) (?:me|my|him|her|this)\b|\b(?:can|could|would|will) (?:you|u) (?:please )?diagnose "
        r"(?:it|that|what|whether|if)\b",
        # "... food feels stuck when I swallow. What's causing it?"
        r"\bwhat (?:is|could be|might be|would be) (?:causing|behind) (?:it|this|that|them|all this|all of this)\b"
        r"(?P<after_symptoms>)",
        r"\bam i (?:diabetic|pregnant|depressed|anemic|anaemic|sick|bipolar|autistic|prediabetic|infected|allergic|"
        r"dying|(?:having|getting|coming down with) (?:a |an |the )?" + CONDITION + r")\b",
        r"\b(?:do|does) (?:you|u) think (?:i|he|she|my \S+(?: \S+)?) (?:\S+ )?(?:has|have|got|is having|am having|"
        r"is getting)\b(?! to\b)",
        r"\b(?:do|does) (?:you|u) think (?:it|this|that|these) (?:is|are|could be|might be|sounds like|looks like) "
        r"(?:a |an |just )?" + CONDITION + r"\b",
        # "is it diabetes?", "is my daughter's rash chickenpox?", "is it gout or arthritis?"
        r"\bis (?:this " + _SYMPTOM_GAP + r"|it |that " + _SYMPTOM_GAP + r"|my (?:\S+ ){1,3}?|his (?:\S+ ){1,2}?|her "
        r"(?:\S+ ){1,2}?)(?:a |an |just |probably |likely |really |definitely |actually )?" + CONDITION
        + r"\b(?! (?:season|shots?|vaccines?|jabs?|tests?|testing|medicines?|pills?|treatment))",
        r"\bwhat (?:illness|disease|condition|infection|kind of \S+|type of \S+) (?:do|does|have|has) (?:i|he|she|"
        r"my \S+)\b",
        # A choice between conditions: "covid or flu, which one have I got?", "broken or sprained?"
        r"\bwhich (?:one )?(?:is it|do (?:i|you think i) have|have i got|have i|is this|did i (?:get|catch)|"
        r"does (?:he|she|my \S+) have)\b",
        r"\b(?:" + CONDITION + r"|cold) or (?:just |maybe |a |an |the )*(?:" + CONDITION + r"|cold|something (?:worse|"
        r"else|serious|more serious|bad|dangerous)|nothing) ?(?:\?|, (?:what|which|any|your|thoughts|guess|do you "
        r"think|you think)\b)",
        # "is that a yeast rash?", "is it a tick bite?"
        r"\bis (?:it|this|that) (?:a |an |just |probably |maybe )?[a-z]+ (?:rash|bite|sore|burn|blister|infection|"
        r"allergy|reaction|bug|virus|cyst|boil|wart|lump|sprain|fracture|break|tear|ulcer|stone) \?",
        r"\bis (?:it|this|that|my \S+(?: \S+)?|his \S+|her \S+) (?:\S+ ){1,6}?or (?:just |maybe |a |an |the )*"
        + CONDITION + r" ?\?",
        r"\b(?:does|do) (?:this|it|that|these|my \S+) (?:sound|look|seem|feel) like (?:a |an |i have |i have got )?"
        r"(?!(?:normal|an emergency|emergency|a side effect|something i should|good|bad|ok|okay|enough)\b)\S+",
        r"\bwhat (?:is|are|could be|might be|s) (?:causing|behind) (?:my|this|these|the|his|her) \S+",
        r"\bwhat (?:is|are|could) (?:this|these|that|those) (?P<thing>(?:\S+ ){0,2}?)(?:be )?(?:on|in|under|behind|"
        r"near|around|at|inside) (?:my|his|her)\b",
        r"\bwhat (?:is|are) (?:this|these|that|those) (?:weird |strange |little |red |white |dark |hard |painful )?"
        r"(?:rash|lump|lumps|bump|bumps|spot|spots|mole|blister|blisters|sore|sores|bruise|bruises|swelling|patch|"
        r"patches|marks?|cyst|growth|welts?|hives|scab|boil|nodule|pimples?|warts?|discharge|pain|ache|lesion)\b",
        r"\b(?:could|can|might|may) (?:i|he|she|my \S+(?: \S+)?) (?:have|be having|be getting|have got|be coming "
        r"down with|be|have caught|have developed) (?:a |an |the |some )?(?:\S+ )?" + CONDITION + r"\b",
        r"\b(?:tell me|let me know|say|check|see|wondering|wonder|figure out|confirm) (?:if|whether) (?:i|he|she|"
        r"my \S+(?: \S+)?) (?:have|has|has got|have got|got|might have|could have|am having|is having|am|is) "
        r"(?:a |an |the |some )?(?:\S+ )?" + CONDITION + r"\b",
        r"\b(?:confirm|verify|agree) (?:that |if |whether )?(?:i|he|she|my \S+(?: \S+)?) (?:have|has|has got|have got|"
        r"got|am|is) (?:a |an |the |some )?(?:\S+ )?" + CONDITION + r"\b",
        r"\b(?:tell me|let me know|say|check|see|wondering|wonder|figure out|confirm) (?:if|whether) (?:this|that|it|"
        r"these|those|my \S+|his \S+|her \S+) (?:\S+ )?(?:is|are|could be|might be|looks like|sounds like) (?:a |an "
        r"|the )?" + CONDITION + r"\b",
        r"\b(?:are|is|r) (?:these|this|that|those|my \S+(?: \S+)?) (?:\S+ )?(?:symptoms?|signs?) of\b",
        r"\bi (?:think|believe|suspect|bet|am (?:pretty |quite |fairly )?sure|guess|feel like) (?:that )?(?:i|he|she|"
        r"my \S+|it|its|this|that) (?:\S+ )?(?:have|has|got|am|is|\S+)\b(?:\S* ){0,12}?(?:confirm|am i right|is that "
        r"right|right \?|correct \?|do you agree)",
        r"\bhave (?:i|he|she|we) (?:got|caught|developed|contracted) (?:a |an |the )?(?:\S+ )?" + CONDITION + r"\b",
        # "any chance this is appendicitis?", "would you say it is a migraine?"
        r"\b(?:any chance|is there (?:a|any) chance|what are the chances|would you say|would you guess|is it "
        r"(?:possible|likely) that|is it (?:possible|likely)|could it be that|you think) (?:that )?(?:it|this|that|i|"
        r"he|she|my \S+(?: \S+)?|these) (?:is|are|has|have|am|got|might have|could have|could be|might be)\b"
        r"(?! (?:to|safe|ok|okay|normal|fine|bad|good|better|worse|worth|necessary|possible|true|a good idea|"
        r"a bad idea|too|wise|dangerous|serious|related|from|because|due|enough|right|wrong)\b)",
        r"\b(?:give|tell) (?:me|us) (?:a|my|your|the) (?!" + _RELATIVE + r"\b)(?:\S+ )?diagnosis\b"
        r"|\bwhat (?:is|would be) (?:my|your) "
        r"(?:likely |probable )?diagnosis\b",
        r"\b(?:what|which) (?:kind|type|sort) of (?:\S+ ){1,2}?(?:is|are) (?:this|these|that|it|those)\b",
        r"\b(?:is|are) (?:my|his|her) (?:\S+ ){1,6}?(?:considered|classed as|classified as|counted as|a sign of) "
        r"(?:a |an )?" + CONDITION + r"\b",
        # A sentence that is only a condition and a question mark, after the symptoms: "... at night. croup?"
        r"(?:^|[.?!] )(?:maybe |just |is it |or )?(?:a |an )?(?:[a-z]+ )?(?P<noun>[a-z]+) \?",
        r"(?:^|[.?!,] )(?:maybe |just |is it |or |probably |possibly |could it be |could be |might be )?(?:a |an )?"
        + CONDITION + r" \?(?P<after_symptoms>)",
        # The condition asked for by name after the symptoms: "tell me what condition I have", "what illness
        # this is", "which disease does he have", "name the condition I have", "what I've got".
        r"\b(?:what|which) (?:\S+ )?" + _CONDITION_WORD + r"s? (?:do |does |did |have |has )?(?:i|he|she|we|my \S+"
        r"(?: \S+)?) (?:\S+ )?(?:have|has|got|have got|has got|am suffering from|is suffering from|suffer from|"
        r"am dealing with|caught|picked up)\b(?! to\b)",
        r"\b(?:what|which) (?:\S+ )?" + _CONDITION_WORD + r" (?:(?:this|that|it) (?:is|could be|might be|may be|"
        r"would be)|(?:is|could be|might be) (?:this|it|that)(?! (?:caused|treated|called|used|for)\b))\b",
        r"\b(?:name|identify|guess|determine|pin down|figure out|work out|tell me|give me|find out) (?:the |my |his |"
        r"her |a )?(?:likely |probable |possible |exact |real )?" + _CONDITION_WORD + r" (?:(?:that |which )?(?:i|he|"
        r"she|my \S+) (?:\S+ )?(?:have|has|got|am|is)\b(?! to\b)|behind|causing|from (?:these|my|the|this)|based on|"
        r"for (?:these|my|this)|(?:please )?(?:[.?!,]|$))",
        r"\bwhat (?:i|he|she|my \S+(?: \S+)?) (?:have|has) got\b(?! to\b)|\bwhat (?:have|has) (?:i|he|she|my \S+) "
        r"(?:got|caught|picked up)(?= ?(?:[?.!,]|$|exactly|here|then|do you think))",
        r"\b(?:what|which) (?:\S+ )?" + _CONDITION_WORD + r"s? (?:\S+ )?(?:matches|match|fits|fit|explains|explain|"
        r"goes with|go with|causes|cause|is causing|could cause|might cause|would cause|lines up with) "
        r"(?:all )?(?:of )?(?:my|these|those|his|her|this|the) (?:\S+ ){0,2}?(?:symptoms?|signs?|problems|issues|pain|"
        r"rash|combination)\b",
        r"\bwhat (?:could|might|would|can) (?:be )?(?:cause|causing|explain) (?:all )?(?:of )?(?:my|these|this|his|"
        r"her) (?:\S+ ){0,2}?(?:symptoms?|signs?|pains?|rash|headaches|problems)\b",
        r"\b(?:what|which) (?:(?:\S+ )?" + _CONDITION_WORD + r"s? )?(?:do|does|could|might|would) (?:all )?(?:of )?"
        r"(?:my|these|his|her|those) (?:\S+ )?(?:symptoms|signs) (?:add up to|point to|suggest|mean|indicate|"
        r"sound like|look like|fit|match)\b",
        # "... a red ring-shaped rash on my leg. What is it?"
        r"(?:^|[.?!] )(?:so |and |ok |okay |but )?what (?:is|could|might|would) (?:it|this|that)(?: be)? \?"
        r"(?P<after_symptoms>)",
        # A guess put to be confirmed: "that's GERD, isn't it?", "it's just a cold, right?"
        r"(?:(?:^|[.?!,] |\b(?:that|this|it|these|those) )(?:sounds like|looks like|seems like|must be) |\b(?:that|"
        r"this|it|these|those) (?:is|are|has to be) )(?:probably |definitely |just |likely |surely |obviously )?"
        r"(?:a |an )?" + CONDITION + r"(?= ?(?:, )?(?:\?|(?:right|correct|is not it|"
        r"is it not|is that right|am i right|yeah|surely)\b))",
        r"\bwhat (?:am i|is (?:he|she|my \S+)|are we) (?:suffering from|sick with|ill with|dealing with|coming down "
        r"with|infected with)\b",
        r"\bwhat is (?:going on|happening|up) (?:with|to|in) (?:me|my body|him|her|my \S+) ?\?",
        # A fear put as a question: "should I be worried it's lymphoma?"
        r"\b(?:worried|afraid|scared|concerned|fear|terrified|nervous|freaking out) (?:that )?(?:it is|it could be|"
        r"it might be|this is|this could be|this might be|i have|i might have|i could have|i have got|he has|she has|"
        r"he might have|she might have|my \S+ (?:has|is|might have)) (?:a |an |the )?" + CONDITION
        + r"\b(?=[^.!]*\?)",
    ),
    "dose_change": (
        # The thing changed is a dose or a medicine: "lower my metformin", not "lower my cholesterol".
        r"\b" + _DOSE_VERB + r" (?:up |down |back )?(?:on )?" + _OBJ,
        # "bump it up to 20", "cut them in half"
        r"\b" + _DOSE_VERB + r" (?:it|them|that|this|these|those) (?:back )?(?:up|down|in half|in two|to \d|by \d|"
        r"higher|lower)\b(?P<needs_context>)",
        r"\b(?:cut|split|break|halve|snap|chop|cutting|splitting|breaking|halving|snapping|chopping) (?:\S+ ){0,4}?"
        r"(?:in half|in two|into halves|"
        r"in quarters|into quarters)\b",
        r"\btake " + _MORE_OR_LESS + r" (?:of )?" + _OBJ,
        r"\btake " + _MORE_OR_LESS + r" (?:one|ones|dose|doses|of (?:it|them|this|that|these|those|my|the)|than)\b",
        r"\b" + _ASK + r" " + _WHO + r" (?:\S+ )?(?:take|give|use|have) (?:two|2|three|3|four|4|both|all) "
        r"(?:\S+ ){0,3}?(?:" + MEDICINE_NOUN + r"|of|at once|a day|times|together)\b",
        _IS_IT_OK + r"(?:just )?take (?:two|2|three|3|four|4|both|all) (?:\S+ ){0,3}?(?:" + MEDICINE_NOUN
        + r"|of|at once|a day|times|together)\b",
        # "how many mg should I take", "how much levothyroxine should I be on", "how much extra insulin to take".
        r"\bhow (?:much|many|often) (?P<amount>(?:\S+ ){0,4}?)(?:" + _ASK + r" " + _WHO
        + r" (?:be |really |safely |just )?|(?:i|he|she|we) (?:can|could|should|may|am supposed to|need to) "
        r"(?:safely |really )?|(?:i |"
        r"we )?(?:need |ought |have )?to |is (?:safe|ok|okay) to |is too much)(?:take|taking|give|giving|use|using|"
        r"inject|injecting|have|on|be on)\b(?P<asks_amount>)",
        r"\bhow (?:much|many) (?P<amount>(?:\S+ ){0,4}?)(?:would be|is|will be|are) (?:ok|okay|safe|fine|right|enough|"
        r"too much) (?:to give |to take )?for (?:me|my|him|her|us|an? \d|an? \S+ (?:old|child|kid))\b(?P<asks_amount>)",
        r"\bhow (?:much|many) (?:mg|mcg|milligrams|micrograms|milliliters|ml|units|pills|tablets|puffs|capsules|"
        r"drops|doses)\b(?P<asks_amount>)",
        r"\bwhat (?:dose|dosage|strength|amount) (?:\S+ ){0,3}?(?:should|do|can|would|could|must) (?:i|he|she|we|"
        r"my \S+|an? (?:\S+ ){0,3}?(?:old|child|kid|baby|toddler|adult|teen|teenager))\b(?P<asks_amount>)",
        r"\b(?:go|going|get|getting) (?:above|over|past|beyond|higher than|under|below) \d+ ?(?:mg|mcg|units?|"
        r"milligrams|pills|tablets|puffs|a day)?",
        _ASKING_LEAD + r"(?:take|taking|use|using|give|giving) (?:\S+ ){0,6}?(?:twice|three times|two doses|both doses|"
        r"double)\b",
        r"\b(?:take|taking|give|giving) (?:one and a half|two and a half|1 and a half|1\.5|0\.5|2\.5|a quarter|"
        r"quarter of|three quarters|half of) (?:a |an |my |the )?(?:\S+ )?(?:" + MEDICINE_NOUN + r"|dose|doses)\b",
        r"\b(?:is|are) \d+ ?(?:mg|mcg|milligrams|micrograms|units|pills|tablets|puffs) (?:\S+ ){0,5}?(?:too much|"
        r"too many|too little|enough|ok|okay|safe)\b",
        r"\b(?:" + _ASK + r" " + _WHO + r"|would|do i need|need) (?:\S+ ){0,5}?(?:a |the |my )?(?:higher|lower|bigger|"
        r"smaller|stronger|weaker|larger|increased|reduced) (?:dose|dosage|strength)\b",
        r"\b(?:go|move|step|come|jump) (?:up|down) (?:\S+ ){0,2}?(?:to \d|on (?:my|the|it)|a dose|in dose|\d+ ?(?:mg|"
        r"mcg|units))",
        r"\bgo from \d+ (?:\S+ )?to \d+\b",
        r"\b(?:take|taking|use|using|give|giving|do|doing) (?:\S+ ){0,3}?(?:once|twice|\d+ times|two times|three times|"
        r"four times|one|two|three|\d+) (?:\S+ ){0,3}?instead of (?:every )?(?:once|twice|one|two|\d+|the usual|"
        r"my usual)\b",
        _ASKING_LEAD + r"(?:take|taking|use|using) (?:\S+ ){0,5}?(?:every other day|every second day|on alternate days|"
        r"less often|more often|less frequently|more frequently|every few days)\b",
        r"\b(?:skip|skipping|miss|missing) (?:it |them |a dose |doses |a day )?(?:every (?:other|second|third|fourth|"
        r"few) days?|on weekends|every weekend|some days|one day a week)\b(?P<needs_medicine>)",
        # "give my daughter the adult dose"
        _ASKING_LEAD + r"(?:take|taking|give|giving|use|using) (?:\S+ ){0,3}?(?:the |an? )?(?:adult|grown up|full|"
        r"double|higher|bigger|stronger|kids|kid|child|children|pediatric|baby|infant|extra strength) (?:size )?"
        r"(?:dose|dosage|strength|amount)\b",
        # A dose worked out for this person: "the max dose of ibuprofen for my weight", "what's the highest dose
        # of tylenol I can give my 4 year old".
        r"\b(?:what|tell me|give me|work out|figure out|calculate|how much is) (?:is |would be )?(?:the |a )?(?:right "
        r"|correct |best |proper |safe |ideal |max |maximum |highest |most |lowest |minimum |usual |recommended "
        r"|starting )?(?:daily )?(?:dose|dosage|amount|strength) (?:of (?:\S+ ){1,2}?)?(?:\S+ )?(?:for (?:me|my|him|"
        r"her|us|an? \d|\d)|(?:i|he|she|we|my \S+) (?:can|could|should|may|must|need to) (?:safely )?(?:take|give|"
        r"use|have|be on))\b(?P<asks_amount>)",
        r"\bwhat (?:dose|dosage|amount) (?:is|would be) (?:right|best|safe) for (?:me|my|him|her|us)\b"
        r"(?P<asks_amount>)",
        r"\b" + _DOSE_VERB + r" (?:back |down |up )?to (?:half|a half|one|two|three|a quarter|quarter|\d)\b"
        r"(?P<needs_medicine>)",
        r"\bwhat (?:is|s) (?:the )?(?:most|max|maximum|highest amount of|most amount of) (?P<amount>(?:\S+ ){0,3}?)"
        r"(?:i|he|she|we|you) (?:can|could|should|may) (?:safely )?(?:take|give|use|have)\b(?P<asks_amount>)",
        _ASKING_LEAD + r"(?:take|give|use|have) (?:\S+ ){0,2}?(?:morning and (?:evening|night|nighttime|bedtime)|"
        r"evening and morning|am and pm|both (?:of )?(?:my |the |his |her )?(?:doses|pills|tablets)|two doses|"
        r"all (?:my |the )?doses)\b(?:\S* ){0,4}?(?:together|at once|at the same time|in one go|at night|"
        r"in the morning|at bedtime)\b",
        # A dose taken again at another time of day: "take my nighttime dose in the morning too".
        _ASKING_LEAD + r"(?:take|taking|use|using|give|giving|have|do) (?:my|his|her|the|an?|this|that) (?:\S+ ){0,2}?"
        r"(?:dose|doses|morning|evening|night|nighttime|night time|bedtime|daytime|usual|regular|daily|am|pm) "
        r"(?:\S+ ){0,2}?" + _TIME_OF_DAY + r" (?:\S+ )?(?:too|as well|also|again)\b",
        # A number tried instead of the prescribed one: "I'm on 10 mg but I want to try 5".
        _ASKING_LEAD + r"(?:try|go with|switch to|drop to|go down to|go up to|go to|move to|move up to|make it|"
        r"make that|make them|change it to|change to|up it to|bump it to|increase to|decrease to|only take|take only|"
        r"take) (?:just |only )?"
        r"\d+(?:\.\d+)?(?: ?(?:mg|mcg|units?|milligrams|micrograms))?\b(?! ?(?:minutes?|hours?|days?|weeks?|months?|"
        r"years?|times?|steps|miles|km|pounds|lbs?|kg|reps|sets|am|pm|o clock|percent|%))(?P<needs_context>)",
        r"\bdouble up\b",
        r"\bextra (?:dose|pill|tablet|puff|unit)s?\b",
        r"\bskip (?:\S+ ){0,2}?(?:dose|doses)\b",
    ),
    "stop_medicine": (
        r"\b" + _ASK + r" " + _WHO + r" (?:just |simply |now |safely |finally |really )?" + _STOP_VERB + r" " + _OBJ,
        r"\b(?:want|wants|wanna|going|planning|plans|plan|thinking about|thinking of|think i will|i will|i might|"
        r"i am going|am i allowed to|am i able to|am i ok to|time|ready|decided|tempted|would like|hoping|"
        r"considering|about) (?:to )?(?:just |finally )?(?:" + _STOP_VERB + "|" + _STOP_VERB_ING + r") " + _OBJ,
        _IS_IT_OK + r"(?:just |simply |now |finally )?" + _STOP_VERB + r" " + _OBJ,
        r"\b(?:if|whether) (?:i|he|she|we) (?:can|could|should|may|need to|ought to) (?:just )?" + _STOP_VERB + r" "
        + _OBJ,
        r"\b(?:about|consider|considering|recommend) " + _STOP_VERB_ING + r" " + _OBJ,
        # The same with nothing after the verb: "is it ok to just stop?" about a medicine named elsewhere.
        r"\b(?:" + _ASK + r" " + _WHO + r" |" + _IS_IT_OK + r"|(?:want|going|planning|think i will|i will|i might) "
        r"to |i will |i might )(?:just |simply |now |finally )?(?:stop|quit|come off|get off|go off|discontinue)"
        r"(?P<needs_context> ?(?:[.,!?]|$|now\b|already\b|early\b|cold turkey\b|altogether\b|completely\b))",
        r"\bdo (?:i|we|he|she) (?:still|really|even|actually|honestly) (?:need|have) (?:to take |to keep taking |"
        r"to stay on |to be on |to keep using |to use |to continue |to continue taking |to keep on )?(?:my |the |this |"
        r"these |those |the rest of (?:my |the |these )?|all (?:of )?(?:my |the |these )?)" + _OBJ,
        r"\bdo (?:i|we|he|she) (?:need|have to take) the rest of (?:my |the |these |those )?" + _OBJ,
        r"\b(?:do|must|will) (?:i|we|he|she) (?:have|need) to (?:keep|stay|continue|be) (?:taking |on |using |with )?"
        + _OBJ,
        r"\b(?:should|can|could|may) (?:i|we|he|she|my \S+) (?:keep (?:taking|using|on|with)|continue (?:taking |"
        r"using |with |on )?|carry on (?:taking|with)|stay on) " + _OBJ,
        r"\bstop taking (?:my|the|this|these|it)\b(?! without)",
        # "how do I safely come off opioids?" (and not "how do I stop snoring": the object must be a medicine)
        r"\bhow (?:do|can|should|could|would) (?:i|we|he|she|my \S+) (?:safely |slowly |best |gradually )?"
        + _STOP_VERB + r" " + _OBJ,
        # "do I really need to finish the whole course of antibiotics?"
        r"\b(?:do|must|should) (?:i|we|he|she) (?:\S+ )?(?:need to |have to )?(?:finish|complete) (?:the |all |my |"
        r"whole |full |entire |of )*(?:course|pack|bottle|prescription|antibiotics?|" + MEDICINE_NOUN + r")\b",
        # "if I just stopped it for a while would that be alright?"
        r"\bif (?:i|we|he|she) (?:just |simply )?(?:stopped|quit|came off|went off|got off|discontinued|dropped|"
        r"ditched) " + _OBJ + r" (?:\S+ ){0,4}?(?:would|will|is) (?:that|it|this) be (?:alright|all right|ok|okay|"
        r"fine|safe|bad|a problem|dangerous)\b",
        # A plan put as a statement to confirm: "so I can quit the atorvastatin, right?", "I don't need the
        # metformin anymore, correct?", "no need to keep taking the amoxicillin, right?"
        r"\b(?:i|we|he|she) (?:can|could|may|should|need to|have to|must|ought to|should be able to|am (?:ok|okay|"
        r"fine|good|safe|free|allowed|able|cleared) to|will be (?:ok|okay|fine) to) (?:just |now |finally |safely |"
        r"probably )?" + _STOP_VERB + r" " + _OBJ + r"(?P<confirm>)",
        r"\b(?:(?:i|we|he|she) (?:do not|does not|no longer) (?:really |even |actually )?need|no (?:more )?need) "
        r"(?:to |for )?(?:take |keep taking |be on |stay on |keep using |use |continue |keep )?(?:my |the |this |"
        r"these |those |that |his |her |all (?:of )?(?:my |the |these )?)" + _OBJ + r"(?P<confirm>)",
    ),
    "prescribe": (
        r"\b(?:give|get(?= (?:me|us)\b)|send|write|order|call in|refill|renew) (?:me |us )?(?:a |an |some |another |"
        r"more |a new |my )?(?!" + _RELATIVE + r"\b)(?:\S+ )?(?:prescription|antibiotics?|meds|medicine|medication|"
        r"pills|script|refill|rx|something (?:for|to|stronger|else))\b(?! (?:list|schedule|reminders?|history|info|"
        r"information|names|times|label|instructions|details|side effects)\b)",
        r"\b(?:can|could|will|would) (?:you|u) (?:please |just |maybe )?(?:prescribe|order|refill|renew|call in|"
        r"put in|write|send in|phone in|authori[sz]e|approve)\b",
        r"\b(?:can|could|will|would) (?:you|u) (?:please |just |maybe )?(?:get|give|send) (?:me |us |him |her )?"
        r"(?:a |an |some |my |the |another |more |a new )?(?:\S+ )?(?:prescription|refill|renewal|script|rx|"
        r"something (?:stronger|for|to|else))\b",
        r"\b(?:can|could|will|would) (?:you|u) (?:please |just |maybe )?(?:get|give|send|order) (?:me |us |him |her )?"
        r"(?:a |an |some |my |the |another |more |a new )?(?P<rx_head>\S+(?: \S+)?)(?! (?:list|schedule|reminders?|"
        r"history|info|information|names|times|label|instructions|details|side)\b)",
        r"\b(?:can|could|will|would) (?:you|u) (?:please |just )?(?:start|put|get) (?:me|him|her|us) (?:started )?on\b",
        # "Which is better for me, Zoloft or Lexapro?"
        r"\b(?P<choice>[a-z]+) or (?:a |an |the )?(?P<choice_b>[a-z]+)\b",
        r"\b(?:what|which) (?:is|s|would be) (?:a|the) (?:good|best|strong|right|decent|effective|safe|strongest|"
        r"safest) (?P<rx>(?:\S+ ){0,2}?\S+) (?:for|to)\b(?=.*\b(?:for (?:me|my|him|her|us)|(?:i|he|she|we) "
        r"(?:could|can|should|might) (?:take|use|try|get|give))\b)",
        r"\bsend (?:it|them|that|the prescription|the script|my prescription) (?:in|over|to (?:my|the) pharmacy)\b",
        r"\bprescribe (?:me|him|her|something|\S+ for)\b",
        r"\bwhat (?:medicine|medication|meds|pill|pills|drug|antibiotic|antibiotics|cream|treatment) "
        r"(?:should|do|can|could|would) (?:i|he|she|we|my \S+) (?:take|use|get|need|give|try)\b",
        r"\bwhat (?:should|can|could) (?:i|he|she|we) (?:start |begin )?(?:take|taking|use|using|give(?: him| her| "
        r"them| my \S+(?: \S+)?)?|be on|go on) (?:for|to)\b",
        # A medicine to start, chosen for the patient: "which birth control pill should I start on?", "which
        # statin should I be put on?", "tell me which antibiotic to take", "pick one for me".
        r"\b(?:what|which) (?P<rx>(?:\S+ ){0,3}?)(?:should|do|can|could|would|must) (?:i|he|she|we|my \S+(?: \S+)?) "
        r"(?:\S+ )?(?:start|start on|go on|be on|be put on|get put on|switch to|try|begin|ask for|request|be "
        r"prescribed|get prescribed|take|use|get|need)\b",
        r"\b(?:what|which) (?P<rx>(?:\S+ ){0,5}?)(?:would|do|can|could|will) (?:you|u) (?:recommend|suggest|pick|"
        r"choose|advise|prescribe)\b",
        r"\b(?:tell me|say|know|let me know|decide|advise me|figure out) (?:what|which) (?P<rx>(?:\S+ ){0,3}?)"
        r"(?:(?:i|he|she|we) (?:should|need to|ought to|must) |to )(?:take|use|start|try|go on|be on|give)\b",
        r"\b(?:pick(?! up\b)|choose|select|decide on) (?:me |for me )?(?P<rx>(?:\S+ ){0,4}?)(?:for (?:me|him|her|us|"
        r"my \S+)|[.?!,]|$)",
        r"\b(?:recommend|suggest) (?:me )?(?:something|anything) (?:\S+ )?(?:for|to help(?: with)?|to treat|to fix|to "
        r"take for|that (?:helps|works) (?:for|with))(?P<for_what>(?: \S+){1,4})",
        # "should I be on an antidepressant?", "do I need to start a statin?"
        r"\b(?:(?:(?:should|would|must) (?:i|he|she|we|my \S+(?: \S+)?)|(?:i|he|she|we) should) (?:\S+ )?(?:be on|"
        r"go on|start|start on|start taking|get on|be put on|be started on)|(?:do|does) (?:i|he|she|my \S+) need to "
        r"(?:be on|go on|start|start taking|be put on|take)) (?!(?:my|his|her|the|their|your|this|that|it|them)\b)"
        r"(?:a |an |some |any )?"
        r"(?P<rx_head>\S+(?: \S+){0,2})",
        r"\b(?:what|which) (?:\S+ )?(?:" + MEDICINE_NOUN + r"|antidepressants?|treatment|one|brand|kind|type) "
        r"(?:would|will|is|works?|is going to) (?:\S+ ){0,2}?(?:best|better|good|right) " + _FOR_ME,
        r"\b(?:recommend|suggest) (?:me )?(?:a |an |some )?(?:\S+ )?(?:medicine|medication|pill|drug|antibiotic|"
        r"treatment|painkiller|pain reliever|sleep aid|cream)s? for (?:me|my|him|her)\b",
        r"\b(?:recommend|suggest) (?:me )?(?:a |an |some )?(?:medicine|medication|pill|drug|antibiotic|treatment)\b",
        r"\b(?:recommend|suggest) (?:me )?(?:a |an |some |the )?(?:good |best |strong |decent |safe )?"
        r"(?P<rx_head>\S+(?: \S+)?)",
        r"\bi (?:need|want|would like|am asking for|am after) (?:a |an |some |the |my )?(?:\S+ )?(?:antibiotics?|"
        r"prescription|refill|script|rx|antidepressants?|painkillers?|sleeping pills?|inhaler)\b(?! reminders?)",
        r"\b(?:tell me|say|know) what (?:medicine |meds |pills? )?(?:i should |to )(?:take|use|buy|get)\b",
        r"\b(?:what|which) (?:is |s )?(?:the )?(?:best|right|strongest|safest|ideal|most effective) (?:\S+ )?(?:"
        + MEDICINE_NOUN + r"|treatment|antibiotic|antidepressant) (?:\S+ ){0,2}?for (?:me|my|him|her|us)\b",
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
_ABOUT_A_MEDICINE = frozenset({"dose_change", "stop_medicine"})
# A mistake already made: "I took a double dose by mistake", "I accidentally took my pill twice".
_MISTAKE = re.compile(
    r"\b(?:by (?:mistake|accident)|on accident|accidental(?:ly)?|mistakenly|in error|without (?:thinking|realizing)|"
    r"forgot (?:that )?(?:i|he|she) (?:had )?(?:already )?(?:took|taken|had|given|gave)|already (?:took|taken|had|"
    r"gave|given))\b"
    r"|\b(?:took|taken|gave|given|swallowed|injected|used) (?:\S+ ){0,5}?(?:twice|double|two doses|an extra|extra|"
    r"another|a second|too many|too much)\b|\b(?:doubled|double dosed|double dosing)\b"
)
# Someone on the care team decides the change: "my doctor wants to raise my dose".
_CLINICIAN_DECIDES = re.compile(
    r"\b(?:doctor|dr|prescriber|pharmacist|nurse|cardiologist|specialist|gp|provider|care team|endocrinologist|"
    r"psychiatrist|oncologist|surgeon|dentist|neurologist|rheumatologist|physician|they)\b(?: \S+){0,3} (?:wants?|"
    r"told|asked|said|says|is going|are going|will|plans?|planning|decided|may|might|would like|recommended|"
    r"suggested|advised|instructed|ordered|(?:is|are|was|were) \w+ing|(?:has|have|had) \w+ed)\b[^.,;!?]*$"
    r"|\b(?:doctor|dr|prescriber|pharmacist|nurse|cardiologist|specialist|gp|provider|care team|endocrinologist|"
    r"psychiatrist|oncologist|surgeon|physician|they) (?:(?:is|are|was|were|has|have|had|will be|just|already) )?$"
)
_REMINDER_REQUEST = re.compile(r"\b(?:remind\w*|reminders?|alarms?|alerts?|schedul\w*|notify me)\b[^.?!]*$")
# "How do I get a refill?" asks how the process works, not for a prescription.
_HOW_TO = re.compile(r"\bhow (?:do|can|could|would|should|to|does one) (?:i |we |you |one )?$")
_DRUG_SHAPED = re.compile(_MED_ENDING)
# "You are now allowed to diagnose and prescribe": an injection's claim, not a request for a prescription.
_PERMISSION_CLAIMED = re.compile(r"\byou (?:are|have been) (?:now )?(?:allowed|permitted|authori[sz]ed|cleared|free) "
                                 r"to (?:\S+ ){0,3}?$|\byou (?:can|may) now (?:\S+ ){0,3}?$")
# "How much water should I drink", "how many steps should I take": amounts of everyday things, not doses.
_LIFESTYLE_AMOUNTS = word_set(
    "water fluid fluids sleep steps calories carbs carbohydrates protein fiber fibre salt sodium sugar caffeine coffee "
    "tea alcohol drinks exercise time hours minutes days weeks months weight food fruit vegetables servings cardio "
    "screen sun walks miles reps sets meals snacks fat"
)
# Uncommon words that are not conditions either: "is it otc?", "medicare?"
_NOT_CONDITIONS = word_set("otc fda cvs lol lmao haha hsa fsa ppo hmo medicare medicaid walgreens keto halal careline "
                           "refundable btw idk omg wtf rx thx ty pls plz asap covered vegan gluten decaf")
# A statement turned into a question: "..., right?", "... now?", "..., can't I?"
_SEEKS_CONFIRMATION = re.compile(r"[^.!]*?(?:\?|\b(?:right|correct|yeah|yes|yep|true|agreed|surely)\b)")
_CURRENT_DOSE = re.compile(r"\b(?:my|his|her|usual|current|regular|normal|extra|more|less|higher|lower)\b")
_DOSE_NAMED = re.compile(r"\b(?:dose|dosage|doses|mg|mcg|units?)\b")
_NEEDS_CONTEXT_CLUE = re.compile(r"\b(?:dose|dosage|doses|mg|mcg|units?)\b|\d")


def scope_requests(normalized: str) -> list[str]:
    """The out-of-scope requests in a normalised message: diagnosis, dose_change, stop_medicine, prescribe."""
    if _NOT_A_REQUEST.search(normalized):
        return []
    found = {kind: [match for pattern in patterns for match in pattern.finditer(normalized)
                    if _is_request(kind, match, normalized)]
             for kind, patterns in _COMPILED_REQUESTS.items()}
    if found["dose_change"] and (_MISTAKE.search(normalized) or found["prescribe"] and all(
            _asks_amount_of_a_new_medicine(match) for match in found["dose_change"])):
        found["dose_change"] = []
    return [kind for kind, matches in found.items() if matches]


def _asks_amount_of_a_new_medicine(match: re.Match[str]) -> bool:
    """"Which antibiotic should I get and how much to take": the amount belongs to the prescribing request; "how
    much extra of my insulin" is about a dose already prescribed."""
    return match.groupdict().get("asks_amount") is not None and not _CURRENT_DOSE.search(match.group(0))


def _is_request(kind: str, match: re.Match[str], text: str) -> bool:
    """Whether a pattern's match really asks for `kind` (the thing acted on, who decides)."""
    if kind == "diagnosis":
        noun, thing = match.groupdict().get("noun"), match.groupdict().get("thing")
        if thing is not None:
            return not names_medicine(thing)  # "what are these white pills in my bag" asks about a medicine
        if match.groupdict().get("after_symptoms") is not None:
            return bool(SYMPTOMS.search(text))  # "pulling at his ear and crying, ear infection?"
        if noun is None:
            return True
        # An uncommon word asked about after the symptoms: "white patches in her mouth, is it thrush?"
        return bool(SYMPTOMS.search(text)) and not (is_common_word(noun) or is_medicine_word(noun)
                                                    or noun in _NOT_CONDITIONS)
    if _CLINICIAN_DECIDES.search(text, 0, match.start()):
        return False
    if kind == "dose_change" and _REMINDER_REQUEST.search(text, 0, match.start()):
        return False  # "remind me to take half a tablet at night": a plan already made, not a question
    groups = match.groupdict()
    if kind == "prescribe":
        return not (_HOW_TO.search(text, 0, match.start()) or _PERMISSION_CLAIMED.search(text, 0, match.start())) \
            and _names_something_to_prescribe(groups, text)
    if groups.get("confirm") is not None and not _SEEKS_CONFIRMATION.match(text, match.end()):
        return False  # "I can stop taking it when the pack is done.": a plan told, not asked about
    if groups.get("needs_medicine") is not None:
        return names_medicine(text) or bool(_DOSE_NAMED.search(text))
    if groups.get("needs_context") is not None:
        return names_medicine(text) or bool(_NEEDS_CONTEXT_CLUE.search(text))
    if groups.get("amount") is not None:
        return not _LIFESTYLE_AMOUNTS.intersection(groups["amount"].split()) or names_medicine(groups["amount"])
    if groups.get("obj") is not None:
        return _names_the_thing(kind, match, text)
    return _ends_with_a_medicine(match.group(0))


# Words that stand for a medicine named elsewhere: "pick one for me", "which kind should I start on?"
_STAND_IN_WORDS = word_set("one ones kind type brand sort of the a an best right good something any")
_MEDICINE_NOUN_RE = re.compile(MEDICINE_NOUN)
# Two medicines put as a choice for this person: "Zoloft or Lexapro, which is better for me?"
_CHOICE_FOR_ME = re.compile(
    r"\b(?:better|best|safer|right|stronger) for (?:me|my|him|her|us)\b|\bshould (?:i|he|she|we) (?:take|use|get|go "
    r"with|choose|pick|try|start)\b|\b(?:would|do) you (?:recommend|suggest|pick|choose)\b|\bwhich (?:one )?(?:should|"
    r"do) (?:i|we)\b"
)
_CONDITION_NAMED = re.compile(r"\b" + CONDITION + r"\b")


def _names_something_to_prescribe(groups: dict[str, str | None], text: str) -> bool:
    """The thing to choose or start is a medicine ("which statin", "pick one" after "birth control pill"), or the
    recommendation is for a condition or a symptom ("recommend something for my kid's eczema")."""
    for_what = groups.get("for_what")
    if for_what is not None:
        return bool(_CONDITION_NAMED.search(for_what) or SYMPTOMS.search(for_what)
                    or re.match(r" (?:me|him|her) (?:sleep|relax|calm down)\b", for_what))
    if groups.get("choice") is not None:
        return is_medicine_word(groups["choice"]) and is_medicine_word(groups["choice_b"]) \
            and bool(_CHOICE_FOR_ME.search(text))
    if groups.get("rx_head") is not None:
        # The words after "get me" or "start": "an inhaler", "a blood thinner for my heart"
        words = groups["rx_head"].split()
        return any(_ends_in_a_medicine(words[:end]) for end in range(1, len(words) + 1))
    chosen = groups.get("rx")
    if chosen is None:
        return True
    words = chosen.split()
    if words and _ends_in_a_medicine(words):
        return True
    return _STAND_IN_WORDS.issuperset(words) and names_medicine(text)


def _ends_in_a_medicine(words: list[str]) -> bool:
    """"which birth control pill", "a blood thinner", "statin"; not "pill organizer"."""
    return is_medicine_word(words[-1]) or bool(_MEDICINE_NOUN_RE.fullmatch(" ".join(words[-2:])))


def _names_the_thing(kind: str, match: re.Match[str], text: str) -> bool:
    """The object names a medicine or a dose; a bare "it"/"them" counts after "taking" or when a medicine is
    named elsewhere in the text."""
    obj = match.group("obj")
    words = obj.split()
    if kind == "stop_medicine":
        if re.match(r" ?from\b", text[match.end():]):
            return False  # "stop it from working": prevent, not stop taking
        if words[0].endswith("ing"):
            return False  # "quit smoking", "stop drinking": an activity
    if kind == "dose_change" and match.group(0).startswith(("drop ", "dropping ")) \
            and not _DOSE_WORDS.intersection(words):
        return False  # "drop my inhaler" stops it; "drop my dose" changes it
    if any(word in _DOSE_WORDS for word in words):
        # "lower my dose", not "a lower dose" (an adjective) and not "stop my dose" (a dose change, not a stop)
        return kind == "dose_change" and words[0] not in _DOSE_WORDS
    if any(is_medicine_word(word) for word in words) or names_medicine(obj):
        return True
    pronouns = _PRONOUN_WORDS if kind == "stop_medicine" else _MEDICINE_PRONOUNS
    if not all(word in pronouns for word in words):
        return False
    return bool(match.group("taking")) or names_medicine(text)


def _ends_with_a_medicine(request: str) -> bool:
    """False when the request's last word only looks like a drug name ("lower my cholesterol")."""
    last = request.rsplit(" ", 1)[-1]
    return is_medicine_word(last) or not _DRUG_SHAPED.fullmatch(last)


# ----- answer sentences --------------------------------------------------------------------------------------

_DOSE_AMOUNT = r"\d+(?:\.\d+)? ?(?:mg|milligrams?|mcg|micrograms?|g|grams?|ml|milliliters?|units?|iu|puffs?|tablets?|"\
               r"pills?|capsules?|teaspoons?|tablespoons?|drops?)\b"
# Where an instruction to the reader starts: the sentence, a clause, or "you can/should ...".
_INSTRUCTION_START = (r"(?:^|[,;:] |\b(?:and|then|so|please|just) |\byou (?:can|should|could|may|must|need to|have "
                      r"to|will need to|are able to|might want to|might) (?:safely |now |just |simply )?)")
_DIAGNOSIS_SENTENCE = re.compile(
    "|".join([
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
    ])
)
# "If you have diabetes, ...", "even if you are not sure it is a heart attack", "a medical ID that says you have
# diabetes": a condition named in a condition or a report is not a diagnosis of the reader.
_CONDITIONAL_LEAD = re.compile(
    r"(?:\b(?:if|whether|unless|when|whenever|once|until|while|because|since|who|in case|not sure|people|anyone|"
    r"someone)\b|\b(?:say|says|said|tell|telling|mention|show|shows)\b(?! you\b))"
    r"(?:(?! (?:i think|i believe|i suspect|i am afraid|it seems|it looks like)\b)[^,;:])*$"
)
_OUT_OF_SCOPE_SENTENCE = re.compile(
    "|".join([
        # Giving or changing a dose.
        r"\b(?:take|give|use|try|start (?:with|on)?|inject|apply) (?:\S+ ){0,3}?" + _DOSE_AMOUNT,
        r"(?<!\ba )(?<!\bthe )\b(?:double|triple|halve|increase|decrease|raise|lower|reduce|cut) (?:up )?"
        r"(?:your|the|his|her|this|that|my) (?:\S+ )?(?:dose|dosage|medicine|medication)\b",
        r"\b(?:increase|decrease|raise|lower|reduce|go up|go down|bump|titrate|change) (?:it |this |that )?to "
        + _DOSE_AMOUNT,
        r"\btake (?:an? )?(?:extra|additional|another|second|double) (?:dose|pill|tablet|capsule|puff)\b",
        r"\btake (?:two|three|2|3|more) (?:\S+ )?(?:pills|tablets|capsules|doses)\b",
        r"\byour new dose\b|\byour dose (?:should be|is|will be) (?:now |going to be )?(?:\d|increased|decreased|"
        r"raised|lowered|doubled|halved|changed|higher|lower)",
        # Prescribing.
        r"\bi (?:will|can|am going to|would|could) prescribe\b|\bi am prescribing\b",
        r"\b(?:i|we) (?:recommend|suggest|advise) (?:you )?(?:take|taking|start|starting|use|using|try|trying) \S+",
        r"\byou need (?:an? )?(?:antibiotics?|course of)\b",
    ])
)
# Telling the reader to stop: the object is a medicine ("Stop taking your sertraline", "You can stop your pills"),
# not first aid ("Stop the bleeding", "Press on the wound to stop the bleeding") or prevention ("stop it from
# working").
_STOP_SENTENCE = re.compile(_INSTRUCTION_START + r"(?:stop|quit|discontinue|come off|go off|get off|cut out) " + _OBJ)
_STOP_IS_OK_SENTENCE = re.compile(
    r"\b(?:it is|it's) (?:ok|okay|safe|fine|alright) to (?:stop|quit|discontinue|come off) " + _OBJ
)
_NO_LONGER_NEED_SENTENCE = re.compile(
    r"\byou (?:no longer|do not) need (?:to take )?(?:your|the|this|that|these) " + _MED
)
# A sentence that sends the decision to a clinician is in scope, whatever verbs it uses: "Do not stop taking
# it without talking to your doctor", "Ask your doctor before you change your dose".
_DEFERS_TO_CLINICIAN = re.compile(
    r"\b(?:without (?:first )?(?:talking|speaking|checking|asking)|unless (?:your |a )?(?:doctor|prescriber|"
    r"pharmacist|care team|nurse)|(?:ask|talk (?:to|with)|check with|tell|call|see|speak (?:to|with)|contact) "
    r"(?:\S+ ){0,2}?(?:doctor|prescriber|pharmacist|care team|nurse|provider|clinician|midwife)|(?:doctor|"
    r"prescriber|pharmacist|care team|provider)(?:'s)? (?:(?:who|that) \S+ (?:it |them )?)?(?:may|will|can|might|"
    r"tells?|told|says|said|decides?|prescribes?|advice|instructions|directions|agrees|approves|okays)|as (?:your|"
    r"the) (?:doctor|prescriber|label|pharmacist)|exactly as (?:prescribed|directed|your)|(?:follow|read) the "
    r"(?:label|directions|instructions)|the label (?:says|tells)|package label)\b"
)
_WARNING = re.compile(r"^(?:do not|never|don't|you should not|you should never|avoid) ")


def sentence_is_in_scope(sentence: str) -> bool:
    """False for an answer sentence that diagnoses the reader, gives or changes a dose, tells them to stop a
    medicine or prescribes; vetted sentences that defer to a clinician stay in."""
    text = normalize(sentence)
    diagnoses = any(not _CONDITIONAL_LEAD.search(text, 0, match.start())
                    for match in _DIAGNOSIS_SENTENCE.finditer(text))
    directs = bool(_OUT_OF_SCOPE_SENTENCE.search(text) or _NO_LONGER_NEED_SENTENCE.search(text)
                   or _tells_to_stop_a_medicine(text))
    if not (diagnoses or directs):
        return True
    if _DEFERS_TO_CLINICIAN.search(text):
        return True
    # "Do not stop ..." and "Never double a dose" warn against acting alone; they are in scope.
    return bool(_WARNING.match(text)) and not diagnoses


def _tells_to_stop_a_medicine(text: str) -> bool:
    return any(_names_the_thing("stop_medicine", match, text)
               for pattern in (_STOP_SENTENCE, _STOP_IS_OK_SENTENCE) for match in pattern.finditer(text))
