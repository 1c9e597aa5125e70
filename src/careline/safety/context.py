"""Whether an anchor found by a concept pattern describes something happening now.

An anchor is dropped when it is negated ("no chest pain"), part of an idiom ("heart attack on a plate"),
asked about as a topic ("what are the signs of a stroke?"), hypothetical ("what if someone has a
seizure?"), long past ("I had a heart attack in 2019"), about no one the patient is with (a story, the news,
a pet, people in general) or, for event nouns, not said to be happening to anyone ("stroke prevention"). An
emergency that was over yesterday is kept, one level milder. The checks work on the normalised text's
sentence around the anchor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from careline.safety.concepts import Concept
from careline.safety.text import word_set

_SENTENCE_END = re.compile(r"(?:^| )[.!?;](?= |$)")

# Words that end a negation's reach: "no fever, but chest pain" negates only the fever.
_SCOPE_BREAKERS = word_set(
    "but however although though except yet still just only now and now suddenly then whereas while"
)
_CLAUSE_OPENERS = word_set("i my he she his her they their we our it there now but and just this that")
_NEGATION_CUES = word_set("no not never without denies deny denied nor neither none zero")
# A sign named and then denied: "chest pain? no.", "fever - nope".
_DENIED_AFTER = re.compile(r"^(?:[?:,-] ?)?(?:no|nope|not really|none|negative)(?: [.,!?;]| i am| just|$)")
# Negation words that express doubt rather than absence: "not sure if it's a stroke" still counts.
_DOUBT_AFTER_NOT = word_set("sure know certain clear only just sure if knowing")
_NEGATION_WINDOW = 8
# A negation that plays the worry down rather than denying a sign: "not a big deal probably, pressure in my chest",
# "don't want to make a fuss, his chest feels tight".
_DISMISSAL = re.compile(
    r"^(?:(?:a |that |too |such a |an )?(?:big|huge|major) deal|(?:an? )?(?:emergency|rush|hurry)|(?:that |too |very )?"
    r"(?:serious|bad|worried) (?:,|but|probably|i think)|(?:want|wanting|trying|mean|meaning|going) to (?:make|bother|"
    r"overreact|panic|worry|alarm|"
    r"be (?:dramatic|a bother|a pain)|sound|waste|cause|exaggerate|fuss)|to (?:worry|bother|panic|overreact|alarm|make "
    r"a fuss)|(?:panicking|overreacting|fussing))\b"
)

_PRESENT_NOW = re.compile(
    r"\b(?:right now|now|currently|at the moment|as we speak|this minute|tonight|today|this (?:morning|afternoon|"
    r"evening)|just now|again|still|(?:for|in) the (?:last|past) (?:\S+ )?(?:minutes?|mins|hours?|hour)|"
    r"(?:\d+|few|couple of|ten|twenty|thirty) (?:minutes|mins|min|hours|hour) ago|an hour ago|please help)\b"
)
_DISTANT_PAST = re.compile(
    r"\b(?:(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|couple|several|many|some) (?:of )?"
    r"(?:weeks?|months?|years?|decades?|summers?|winters?|springs?|autumns?|christmases) ago|last (?:week|month|"
    r"year|spring|summer|fall|autumn|winter|christmas|"
    r"time)|in (?:19|20)\d\d|back in|history of|when (?:i|he|she|they) (?:was|were) (?:a )?(?:kid|child|young|teen|"
    r"teenager|baby|little|younger|toddler|pregnant|\d+|one|two|three|four|five|six|seven|eight|nine|ten)|as a (?:kid|"
    r"child|baby|teen|teenager)|used to|years back|in the past|"
    r"previous(?:ly)?|survivor|survived|recovering from|recovered from|since (?:my|his|her|their) (?:heart attack|"
    r"stroke|seizure|overdose|surgery)|after (?:my|his|her|their) (?:heart attack|stroke)|a while back|long time ago|"
    r"once before|(?:i|he|she|they|we|my \S+) once|diagnosed with|(?:weeks|months|years|decades) ago|died (?:of|from)|"
    r"passed away|death from|"
    r"lost (?:my|his|her|our) \S+ to)\b"
)
_HYPOTHETICAL = re.compile(
    r"(?:^|(?<=, ))(?:so |ok |okay |but )?(?:say|let us say|lets say|let say|imagine)\b|"
    r"\b(?:if|in case|what if|suppose|supposing|whenever|hypothetical\w*|in theory|theoretically|god forbid|should "
    r"(?:someone|somebody|a person|you|anyone|a child)|"
    r"when (?:someone|somebody|a person|people|you|a child|a baby|a kid|your|one|anyone|a friend|a loved one)|"
    r"(?:scared|afraid|worried|terrified|anxious|nervous|fear|fears|paranoid|frightened|risk|chance|chances|odds) "
    r"(?:of|about)|(?:worried|scared|afraid) (?:that )?(?:i|he|she|they) (?:might|will|could|would))\b"
)
# The answer asked for is what would follow: "what if my toddler swallowed a magnet, what would happen?", "say my kid
# swallowed a battery, would I need to go to the ER?".
_COUNTERFACTUAL = re.compile(r"\b(?:would|might) (?:i|we|he|she|it|that|they|you|this|there|someone|one|the \S+)\b|"
                             r"\bwhat would happen\b")
# A clause of its own saying what is happening: "my throat is closing", "he keeps vomiting".
_STATED_NOW = re.compile(r"^(?:i|he|she|we|they|it|(?:my|his|her|our|their) \S+)(?: \S+)? (?:is|are|am|keeps|keep|"
                         r"started|just)\b")
# After "if", these say the thing did happen: "what if I took too many?", "what do I do if he collapsed".
_IF_BUT_HAPPENED = re.compile(
    r"^(?:if|in case|what if) (?:i|my \S+|he|she|we|they|our \S+|the baby|the kid) (?:\S+ ){0,2}?(?:just |already |"
    r"accidentally )?(?:took|taken|swallowed|drank|ate|overdosed|collapsed|passed out|fell|hit|gave|got into|"
    r"cut|is having|am having|has been|have been)\b"
)
# A question about a topic ("what are the signs of...", "how is ... treated").
_TOPIC_FRAMES = re.compile(
    r"\b(?:how (?:do|can|should|could) (?:i|we) (?:talk|speak|bring (?:it )?up|explain|teach) (?:\S+ )?(?:to |with )?"
    r"(?:my|our|a|the) (?:kids?|child|children|son|daughter|teens?|teenagers?|students?|class|family) (?:\S+ ){0,2}?"
    r"about|(?:signs?|symptoms?|warning signs?|red flags?|stages?|types?|causes?|risk factors?|risks?|chances?|odds|"
    r"treatments?|prevention|complications|dangers|difference|differences|first aid|definition|meaning|"
    r"statistics) (?:of|for|from|between|in|after)|what (?:is|are|does|do|causes|happens|triggers|counts|to do|"
    r"should (?:you|one|people|someone) do)|how (?:is|are|do (?:you|doctors|people|they|i|we) (?:know|tell|spot|"
    r"recognize|recognise|treat|diagnose|prevent|help|handle|check|test)|does|can (?:you|i|we|one) (?:tell|know|"
    r"spot|recognize|recognise|help|prevent|avoid|lower|reduce)|to|long|often|common|likely|fast|quickly|serious|"
    r"dangerous|many|much)|(?:can|could|does|do|will|would) (?:\S+ ){0,3}(?:cause|trigger|lead to|mean|make|"
    r"increase|raise|lower|prevent)|(?:can|could|does|do|will|would|is|are) (?:\S+ ){0,6}(?:cause|trigger|lead to|"
    r"give (?:you|people|kids|teens|him|her|them))|side effects? (?:\S+ ){0,2}?(?:of|like|such as|include|including|"
    r"is|are)|(?:warning|warnings|black box|label|leaflet|insert) (?:\S+ ){0,3}?(?:about|says|said|mentions?|warns?|"
    r"lists?)|when (?:should|to|do|does|is|are) (?:i |you |we |one |someone |people )?"
    r"(?:call|go|use|seek|get|worry|see)|why (?:do|does|is|are) (?:people|someone|a person|you)|is it (?:normal|"
    r"common|possible|true|safe|dangerous)|tell me about|learn about|information (?:on|about)|stand for|who is at "
    r"risk|who gets|is (?:a |an )?\S+ (?:\S+ )?(?:always|hereditary|genetic|contagious|preventable|curable|"
    r"dangerous|common|painful|serious|deadly|fatal))\b"
)
_QUESTION_START = re.compile(
    r"^(?:what|how|why|when|which|who|where|is|are|can|could|does|do|did|should|would|will|tell me|explain|list)\b"
)
# Someone in particular, in a state now ("my dad", "he is", "I have"): a question that mentions this is not
# just about a topic.
_PERSONAL = re.compile(
    r"\b(?:my|our|his|her|their|me|this|these|mine)\b|\b(?:i|he|she|we|they|it|you) (?:am|is|are|was|were|have|has|"
    r"had|feel|feels|felt|took|just|think|keep|keeps|got|suddenly|started|woke|cannot|can not|could not|will not|"
    r"did not|do not|does not|am not|look|looks|seem|seems|keep|been)\b"
)
_EVENT_CUE = re.compile(
    r"(?:^|\b)(?:having|had|has|have|in|into|suffering|suffered|suffer|getting|got|get|showing|shows|show|feel|"
    r"feels|feeling|felt|think|thinking|thoughts|thought|attempted|attempt|attempting|tried|committing|commit|"
    r"am|is|are|was|were|be|been|going|went|gone|about|of|like|maybe|possibly|probably|help|cause|caused|"
    r"causing|from|took|taken|take|taking)(?: (?:a|an|another|the|his|her|my|their|some|possible|mild|major|massive|"
    r"full|bad|serious|big|small|mini|silent|real|blown|full blown|very|severe|totally|so|really))* $"
)
_HISTORY_HAD = re.compile(r"(?:^|\b)(?:had|has had|have had|suffered) (?:a |an |his |her |my |their )?(?:\S+ )?$")
_HAPPENING_NOW = re.compile(r"\b(?:just|think|may|might|maybe|could|possibly|probably|again|another)\b")
# "had a stroke" told with these is happening now, whatever clause they are in.
_ACUTE = re.compile(r"\b(?:just|right now|(?:\d+|few|couple of|ten|twenty|thirty) (?:minutes|mins|min|hours|hour) ago|"
                    r"an hour ago|today|tonight|this (?:morning|afternoon|evening)|happening|as we speak|"
                    r"please help)\b")
# Over since yesterday or a few days: the care team should see them today, but it is no longer an emergency
# ("she had a seizure yesterday", "chest pain last night that went away"). A poisoning or a suicide attempt stays one.
_RECENT_PAST = re.compile(r"\b(?:yesterday|last night|the other day|(?:two|2|three|3|a couple of|couple of|a few|few) "
                          r"days ago|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b")
_OVER_WHEN_PAST = frozenset({"chest_pain", "severe_bleeding", "breathing", "choking", "seizure", "unresponsive",
                             "anaphylaxis", "head_injury"})
# An animal or a toy is not a patient: "my cat is breathing fast", "his teddy is having a heart attack".
_NOT_A_PERSON = re.compile(r"\b(?:my|our|the|his|her|their) (?:\S+ )?(?:cat|cats|dog|dogs|puppy|kitten|pet|bird|parrot|"
                           r"hamster|rabbit|bunny|horse|guinea pig|ferret|turtle|goldfish|lizard|teddy|teddy bear|doll|"
                           r"toy|stuffed animal|action figure)\b(?! (?:walker|walkers|sitter|sitters|groomer|trainer|"
                           r"owner|breeder|handler|bit|bite|bites|bitten|nipped|nip|chomped|scratch\w*|attack\w*))")
# People in general, said with how often it happens: "people collapse from heat a lot", "kids can choke on grapes".
_GENERIC_SUBJECT = re.compile(r"\b(?:people|patients|persons|athletes|runners|kids|children|adults|babies|toddlers|"
                              r"men|women|teens|teenagers|elderly|seniors) (?:\S+ )?$")
_HOW_OFTEN = re.compile(r"\b(?:a lot|often|usually|sometimes|commonly|frequently|always|tend to|all the time|rarely|"
                        r"every (?:year|day)|each year)\b")
# Emergencies that, once settled ("the bleeding stopped", "I'm fine now"), still need a clinician soon. Others
# (stroke signs that pass, anaphylaxis after an EpiPen, a seizure, a poisoning) stay emergencies.
_MAY_SETTLE = frozenset({"chest_pain", "severe_bleeding", "breathing", "choking"})
_RESOLVED = re.compile(
    r"\b(?:(?:went|has gone|is gone|gone|goes) away|stopped|resolved|(?:is|am|feel|feels|seems|seem|was) (?:fine|ok|"
    r"okay|better|normal)(?: now)?|back to normal|passed|eased off|treated (?:it|them)|(?:came|went|is|was) back up)\b"
    r"|^(?:(?:all |feeling |feel |i am |he is |she is |they are |we are )?(?:fine|ok|okay|better|all good|good) now|"
    r"(?:coughed|spat|threw|got) it (?:up|out))\b"
)
_TOLD_IN_PAST = re.compile(r"\b(?:\w+ed|had|was|were|got|went|came|began|felt|bled|fell|threw)\b")
# Fiction, dreams and the news: "the movie where he has a heart attack", "a medical drama where a guy gets
# stabbed", "my character in the game", "the news said a football player collapsed", "I read an article about a
# singer who overdosed". Someone the patient is not with, in a story or a report.
_STORY = (r"(?:campaign|dnd|rpg|opera|ballet|movie|film|show|tv show|series|book|novel|story|episode|scene|video|"
          r"game|dream|nightmare|cartoon|song|"
          r"play|drama|sitcom|soap opera|soap|anime|manga|comic|podcast|documentary|musical|fiction|fanfic|"
          r"screenplay|script|article|post|tweet|headline|news (?:story|report|segment)|thriller|mystery|horror|"
          r"fantasy|sci fi|poem|plot|chapter)")
_MEDICAL_DRAMAS = (r"(?:grey anatomy|greys anatomy|chicago (?:med|fire|pd)|the good doctor|new amsterdam|the resident|"
                   r"the pitt|holby city|house md|station 19|call the midwife|er reruns)")
_FICTION = re.compile(
    r"\b" + _STORY + r"s? (?:where|in which|about|when|that|of|in which)\b"
    r"|(?<!out of )\b(?:character|characters|protagonist|villain|hero|heroine|actor|actress|celebrity|celebrities|"
    r"singer|rapper|influencer|youtuber|streamer)\b"
    r"|\b(?:in|on|from|watching|watched|reading|read|writing|wrote|saw|seen) (?:a |the |this |that |an |my |our )?"
    r"(?:\S+ )?(?:movie|film|tv show|show|series|book|novel|short story|episode|video game|cartoon|drama|sitcom|anime|"
    r"comic|podcast|documentary|article)\b"
    r"|\b(?:pretend\w*|playing (?:doctor|hospital|nurse)|make believe|role ?play\w*|acting out)\b"
    r"|\b(?:in|from) (?:a |my |his |her |the |this )?(?:dream|dreams|nightmare|nightmares)\b"
    r"|\b(?:news|newspaper|the paper|radio|headlines?|news reports?|article|study|podcast|documentary|post|song|"
    r"lyrics?|poem|movie|film|show|book|character|singer) "
    r"(?:\S+ ){0,2}?(?:said|says|say|reported|reports|reporting|showed|shows|covered|about|that|described|mentioned|"
    r"goes|sings|sang)\b"
    r"|\b(?:writing|reading|watching|watched|read|wrote|making|filming) (?:a |an |the )(?:\S+ ){0,2}?(?:where|"
    r"in which|about)\b"
    r"|\b(?:i|we) (?:read|heard|saw|watched) (?:\S+ ){0,3}?(?:about|on the news|on tv|online|on the radio|in the "
    r"paper)\b"
    # A title watched or read, then the scene: "just watched greys anatomy where a guy got stabbed".
    r"|\b(?:watch\w*|saw|seen|binge\w*|binging|streaming|read|reading|finished) (?:\S+ ){1,4}?(?:where|in which)\b"
    # Medical dramas named without the word "show": "on grey's anatomy tonight a kid had a seizure".
    r"|\b" + _MEDICAL_DRAMAS + r"\b"
)
# Teaching, training and study: lists of emergency signs for a course, a poster, an exam or a drill.
_TEACHING = re.compile(
    r"\b(?:i teach|we teach|teaching|(?:staff|safety|lifeguard|first aid|cpr|emt|paramedic|nursing|medical) "
    r"(?:training|class|classes|course|exam|exams|drills?|certification|school|student)|(?:training|teaching) "
    r"(?:session|course|module|video|slides?|manual|materials?|plan)|lesson plan|curriculum|(?:studying|revising|"
    r"preparing|prepping) for|quiz question|exam question|test question|for (?:my|our|a|the) (?:class|course|"
    r"exam|quiz|poster|presentation|leaflet|handout|flyer|homework|essay|assignment|lecture|students|trainees|"
    r"module)|(?:making|writing|designing|updating|preparing|creating|drafting) (?:a |an |our |my |the )?(?:\S+ )?"
    r"(?:poster|presentation|leaflet|handout|flyer|quiz|exam|slides?|training|lesson|lecture|module)|(?:fire|safety|"
    r"emergency|evacuation|first aid|cpr|lifeguard|rescue|practice|training|staff) drills?|(?:all|just|only) drills|"
    r"(?:a|the|our|training|cpr) (?:dummy|mannequin|manikin)|practi[cs]ed on|practi[cs]ing (?:the )?(?:recovery "
    r"position|cpr|heimlich|rescue breaths)|(?:i am|i work as) (?:a |an )?(?:\S+ )?(?:instructor|teacher|trainer|"
    r"lecturer|educator)|(?:for|to) (?:the|my|our) (?:new hires|trainees|staff|employees|volunteers|recruits|"
    r"students|class)|flash ?cards|(?:my|our) students)\b"
)
# Said outright that the teaching is not about anyone hurt: "nobody's hurt, it's all drills".
_NOBODY_HURT = re.compile(
    r"\b(?:nobody|no one|noone) (?:is |was |got |has been )?(?:hurt|injured|sick|in danger)\b|\b(?:it is|it was|this "
    r"is|these are) (?:all |just |only )?(?:a |an )?(?:drills?|practice|training|exercises?|hypothetical|pretend)\b"
)
_CALL_FOR_HELP = re.compile(r"\b(?:help|hurry|please|ambulance)\b")
# A sentence that opens in a story: "In the book, the hero is bitten by a snake".
_SET_IN_A_STORY = re.compile(r"^(?:in|on|during) (?:the|a|this|that|my|our|his|her|their|one|another|an|the (?:first|"
                             r"last|next|final|opening)) (?:\S+ ){0,2}?(?:campaign|book|movie|film|show|series|story|"
                             r"novel|episode|game|video game|dream|nightmare|play|comic|cartoon|drama|anime|song|"
                             r"chapter|scene|part|act|season|"
                             r"memoir|biography) ")
# A message that opens by telling of a story it read or watched ("my book club just finished a historical novel"):
# a later sentence about "the mother" or "a farmer", naming no one the patient knows, is from the story.
_STORY_FRAME = re.compile(r"\b(?:read|reading|finished|watched|watching|listening to|started|writing|wrote) "
                          r"(?:\S+ ){0,3}?" + _STORY + r"s?\b|\b(?:book club|reading group|film club)\b|\b"
                          + _MEDICAL_DRAMAS + r"\b")
# A scene set earlier in the sentence: "the school play has a scene where grandma collapses and stops breathing".
_SCENE = re.compile(r"\b" + _STORY + r"s? (?:\S+ ){0,4}?(?:where|in which)\b")
_STORY_PERSON = re.compile(r"^(?:\S+ ){0,4}?(?:the|a|an|one|this) (?:\S+ )?(?:mother|father|wife|husband|son|daughter|"
                           r"man|woman|girl|boy|hero|heroine|child|baby|farmer|soldier|king|queen|sister|brother|"
                           r"doctor|"
                           r"nurse|detective|family|main character|narrator|author|guy|lady|kid|old man|old woman|"
                           r"patient|victim|surgeon|singer|soprano|tenor|dancer|villain|character)\b")
_PERSONAL_WORDS = re.compile(r"\b(?:i|me|my|we|us|our|mine|myself|mom|mum|dad|grandma|grandpa|you|your)\b")
_SELF_DIRECTED = frozenset({"suicidal", "self_harm"})
_FIRST_PERSON = re.compile(r"\b(?:myself|my (?:own )?life|i|me)\b")
_I_BEFORE = re.compile(r"\bi(?: \S+){0,2}$")
# Clause boundaries inside a sentence: a time word ("in 2020", "years ago") belongs to its own clause, so "I had
# a heart attack in 2020, can I start running now?" is history even though "now" appears later.
_CLAUSE_BREAK = re.compile(r" (?:,|but|and|so|however|although|though|yet|whereas|because) ")
# "again" that looks ahead ("how do I keep that from happening again") is prevention, not a present event.
_PREVENTIVE_AGAIN = re.compile(r"\b(?:prevent\w*|avoid\w*|keep\w*|stop\w*|from|will|would|could|might|can) "
                               r"(?:\S+ ){0,4}?(?:again|another)\b")
# The thing in a past clause is back: "I tried to years ago and I'm thinking about it again". "Still" counts only
# for something that goes on ("I still get them"), not for what an old event left behind ("had a stroke 2 years
# ago, her arm is still weak"); for thoughts of suicide or self-harm, still thinking about it is the warning sign.
_RECURRING = re.compile(r"\b(?:again|another|(?:came|coming|is|are) back(?! (?:home|to (?:work|school|normal)))|"
                        r"still (?:\S+ )?(?:get\w*|hav\w*|happen\w*|doing|going on))\b")
_STILL_WANTING = re.compile(r"\bstill (?:\S+ )?(?:think\w*|want\w*|feel\w*|plan\w*)\b")
# "bleeding after giving birth last week", "chest pain after surgery 2 weeks ago": the time word dates the cause.
# "the cut from last week is getting red": "from" dates the wound, not the redness.
_CAUSE_BEFORE_TIME = re.compile(r"\b(?:(?:after|following) (?:\S+ ){0,4}?|from (?:\S+ ){0,2}?)$")
# "since last week" dates the start of something still going on, not something over.
_SINCE_BEFORE = re.compile(r"\bsince $")
# Going on for a week or more: the care team should see it soon, but it is not the sudden emergency the words alone
# would mean ("chest pain since last week").
_LASTING_SINCE = re.compile(r"\bsince (?:last (?:week|month)|(?:\d+|a|one|two|three|few|a few|couple of|a couple of) "
                            r"(?:weeks?|months?) ago)\b")
_PAST_TENSE = re.compile(r"\b(?:had|was|were|used to|got|tried|attempted)\b")
# A stage of life, past when told in the past tense: "I tried to end my life in college".
_LIFE_STAGE = re.compile(r"\b(?:in|during) (?:college|high school|middle school|school|university|uni|grad school|"
                         r"the army|my (?:teens|twenties|thirties|20s|30s|first marriage|divorce))\b")
# Someone in particular to whom something happened or is happening, inside a question frame: "how do I help
# my dad, he is having a stroke", "what do I do, my son swallowed a battery".
_SOMEONE_HAPPENED = re.compile(
    r"\b(?:i|he|she|we|they|(?:my|our|his|her|the) \S+)(?: \S+)? (?:just |already |accidentally )?(?:took|"
    r"swallowed|drank|ate|overdosed|collapsed|passed out|fell|got into|has taken|has swallowed|have taken|"
    r"has eaten|has drunk)\b"
)
_SOMEONE_NOW = re.compile(
    r"(?<!\bif )(?<!\bwhether )\b(?:i|he|she|we|they|(?:my|our) \S+)(?: \S+)? (?:is|are|am)"
    r"(?: (?:\S+ing|not|still|now)\b| ?$)"
)


@dataclass(frozen=True)
class Anchor:
    """Where a concept matched, and the sentence around it."""

    start: int
    end: int
    sentence: str
    prefix: str  # the sentence's text before the anchor
    suffix: str  # the sentence's text after the anchor
    words: str = ""  # the matched text itself


@dataclass(frozen=True)
class Judgement:
    fires: bool
    reason: str = ""
    milder: bool = False


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    bounds = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return [(s, e) for s, e in bounds if text[s:e].strip()]


def make_anchor(text: str, bounds: list[tuple[int, int]], start: int, end: int) -> Anchor:
    sentence_start, sentence_end = next(((s, e) for s, e in bounds if s <= start < e), (0, len(text)))
    sentence_end = max(sentence_end, end)
    return Anchor(
        start=start, end=end, sentence=text[sentence_start:sentence_end].strip(),
        prefix=text[sentence_start:start].strip(), suffix=text[end:sentence_end].strip(), words=text[start:end],
    )


def is_negated(prefix: str) -> bool:
    """A negation word shortly before the anchor, with no "but" or new clause in between."""
    tokens = prefix.split()
    window = tokens[-_NEGATION_WINDOW:]
    for index in range(len(window) - 1, -1, -1):
        token = window[index]
        if token in _SCOPE_BREAKERS:
            return False
        if token == "," and index + 1 < len(window) and window[index + 1] in _CLAUSE_OPENERS:
            return False
        if token in _NEGATION_CUES:
            following = window[index + 1] if index + 1 < len(window) else ""
            if token == "no" and following in ("one", "idea", "clue", "matter", "way", "doubt", "longer"):
                continue
            if token == "not" and following in _DOUBT_AFTER_NOT:
                continue
            if token in ("not", "no") and _DISMISSAL.search(" ".join(window[index + 1:])):
                continue
            if token == "not" and index >= 1 and window[index - 1] in ("whether", "or"):
                continue
            return True
    return False


def _is_hypothetical(anchor: Anchor) -> bool:
    markers = list(_HYPOTHETICAL.finditer(anchor.prefix))
    if not markers:
        return False
    # "I'll die if I don't get help, my throat is closing": the "if" belongs to an earlier clause and the anchor's
    # own clause states what is happening.
    own_clause = _CLAUSE_BREAK.split(f" {anchor.prefix} ")[-1].strip() + " " + anchor.words
    if not _HYPOTHETICAL.search(own_clause) and _STATED_NOW.search(own_clause):
        return False
    clause = anchor.prefix[markers[-1].start():] + " " + anchor.sentence[len(anchor.prefix):].strip()
    if " ever " in f" {clause} " or _COUNTERFACTUAL.search(anchor.sentence):
        return True
    return not _IF_BUT_HAPPENED.search(clause)


def _is_topic_question(anchor: Anchor) -> bool:
    # The frame must be in the anchor's own clause: "I don't know what to do anymore, I want to die" asks nothing.
    clause_prefix = _CLAUSE_BREAK.split(f" {anchor.prefix} ")[-1]
    frames = list(_TOPIC_FRAMES.finditer(clause_prefix))
    if frames:
        # "how do I help my dad he is having a stroke": the frame asks for help with something happening.
        after_frame = clause_prefix[frames[-1].end():]
        return not (_SOMEONE_HAPPENED.search(after_frame) or _SOMEONE_NOW.search(after_frame))
    # "is chest pain always serious?" names nobody: it asks about the topic.
    return bool(_QUESTION_START.search(anchor.sentence)) and not _PERSONAL.search(anchor.sentence)


def judge(concept: Concept, anchor: Anchor, message: str) -> Judgement:
    """Does this anchor mean the concept is happening now?"""
    if concept.requires is not None and not affirmed(concept.requires, message):
        return Judgement(False, "context_missing")
    if concept.unless is not None and concept.unless.search(message):
        return Judgement(False, "ruled_out")
    if concept.excludes is not None and concept.excludes.search(anchor.sentence):
        return Judgement(False, "excluded")
    if is_negated(anchor.prefix) or _DENIED_AFTER.search(message[anchor.end:].strip()):
        return Judgement(False, "negated")
    not_with_patient = _not_someone_present(anchor, message)
    if not_with_patient:
        return Judgement(False, not_with_patient)
    now = _mentions_now(anchor.sentence)
    if not concept.lasting and _is_past(anchor, now, concept.name in _SELF_DIRECTED):
        return Judgement(False, "past")
    clause, rest = _anchor_clause(anchor)
    if concept.kind == "event":
        if not _EVENT_CUE.search(anchor.prefix + " "):
            return Judgement(False, "no_event_cue")
        # "my grandma had a stroke and now she is in rehab": the "now" of another clause does not date the event.
        if concept.had_is_history and _HISTORY_HAD.search(anchor.prefix + " ") and not _mentions_now(clause) \
                and not _HAPPENING_NOW.search(anchor.prefix) and not _ACUTE.search(anchor.sentence):
            return Judgement(False, "past")
    # "how to kill myself", "what if I end my life": asked about oneself, the question is the warning sign.
    self_directed = concept.name in _SELF_DIRECTED and bool(
        _FIRST_PERSON.search(anchor.words) or _I_BEFORE.search(anchor.prefix))
    if not now and not self_directed and _is_hypothetical(anchor):
        return Judgement(False, "hypothetical")
    if not now and not self_directed and _is_topic_question(anchor):
        return Judgement(False, "asking_about")
    milder = concept.milder is not None and bool(concept.milder.search(anchor.sentence))
    if concept.name in _MAY_SETTLE and (settled_after(anchor) or _settled_later(anchor, message)):
        milder = True
    if concept.name in _OVER_WHEN_PAST and (_recent_and_over(f"{clause} {anchor.words}", rest)
                                            or _LASTING_SINCE.search(anchor.sentence)):
        milder = True
    return Judgement(True, milder=milder)


def _not_someone_present(anchor: Anchor, message: str) -> str:
    """Why the anchor's clause is about no one the patient is with ("fiction", "not_a_person", "generic"), or ""."""
    clauses = _CLAUSE_BREAK.split(f" {anchor.prefix} ")
    clause_prefix = clauses[-1]
    if _FICTION.search(clause_prefix) or _SET_IN_A_STORY.search(anchor.prefix):
        return "fiction"
    own_clause = _anchor_clause(anchor)[0]
    # "the patient had a seizure and stopped breathing": a clause without a subject shares the one before it.
    subject_clause = clauses[-2] if len(clauses) > 1 and len(clause_prefix.split()) <= 1 else clause_prefix
    if _STORY_FRAME.search(message) and _STORY_PERSON.search(subject_clause.strip()) and not _PERSONAL_WORDS.search(
            own_clause):
        return "fiction"
    if _SCENE.search(anchor.prefix) and not _PERSONAL_WORDS.search(own_clause):
        return "fiction"
    # The anchor's first words tell "my cat scratch" (a wound) and "the cat bit me" from "my cat" (the one in trouble).
    if _NOT_A_PERSON.search(f"{clause_prefix.strip()} {' '.join(anchor.words.split()[:2])}"):
        return "not_a_person"
    if _GENERIC_SUBJECT.search(clause_prefix) and _HOW_OFTEN.search(anchor.sentence):
        return "generic"
    if _is_teaching(anchor, message):
        return "teaching"
    return ""


def _is_teaching(anchor: Anchor, message: str) -> bool:
    """Emergency words listed for a course, a poster, an exam or a drill, not told of anyone hurt now."""
    if _TEACHING.search(message) and _NOBODY_HURT.search(message):
        return True
    if not _TEACHING.search(anchor.sentence) or _mentions_now(anchor.sentence) or _ACUTE.search(anchor.sentence) \
            or _CALL_FOR_HELP.search(message):
        return False
    clause = _anchor_clause(anchor)[0]
    return not (_SOMEONE_NOW.search(clause) or _SOMEONE_HAPPENED.search(clause))


def _recent_and_over(clause: str, rest: str) -> bool:
    """Told in the past tense of yesterday or a few days ago, and not back since ("and now he is having another")."""
    return bool(_RECENT_PAST.search(clause) and _PAST_TENSE.search(clause)) and not _mentions_now(clause) \
        and not _RECURRING.search(rest)


def settled_after(anchor: Anchor) -> bool:
    """The rest of the sentence says it is over: "... but I had juice and I'm fine now", and not that it came back
    ("... that went away but it's back now and worse")."""
    over = _RESOLVED.search(anchor.suffix)
    return bool(over) and not _RECURRING.search(anchor.suffix[over.end():])


def _settled_later(anchor: Anchor, message: str) -> bool:
    """Told in the past and over in the next sentences: "choked on a bone sunday . coughed it out . fine now"."""
    clause = _anchor_clause(anchor)[0] + " " + anchor.words
    if _mentions_now(clause) or not _TOLD_IN_PAST.search(clause):
        return False
    after = message[anchor.end:]
    following = sentence_bounds(after)[1:3]
    return any(_RESOLVED.search(after[start:end].strip()) for start, end in following)


def affirmed(pattern: re.Pattern[str], message: str) -> bool:
    """The pattern occurs in the message at least once without a negation before it ("has not vomited" does
    not count as vomiting)."""
    bounds = sentence_bounds(message)
    for match in pattern.finditer(message):
        sentence_start = next((start for start, end in bounds if start <= match.start() < end), 0)
        if not is_negated(message[sentence_start:match.start()]):
            return True
    return False


def _mentions_now(text: str) -> bool:
    return bool(_PRESENT_NOW.search(_PREVENTIVE_AGAIN.sub(" ", text)))


def _anchor_clause(anchor: Anchor) -> tuple[str, str]:
    """The words of the anchor's clause around it, and the rest of its sentence."""
    before = _CLAUSE_BREAK.split(f" {anchor.prefix} ")
    after = _CLAUSE_BREAK.split(f" {anchor.suffix} ")
    clause = f"{before[-1].strip()} {after[0].strip()}".strip()
    return clause, " ".join(before[:-1] + after[1:])


def _dating_markers(text: str, told_in_past_tense: bool) -> list[re.Match[str]]:
    """Past-time words that date the anchor, leaving out those that date a cause ("bleeding after giving birth
    last week"), unless the anchor itself is told in the past tense ("I had bleeding after ... 3 months ago")."""
    markers = [m for m in _DISTANT_PAST.finditer(text)
               if not _SINCE_BEFORE.search(text[:m.start()])
               and (told_in_past_tense or not _CAUSE_BEFORE_TIME.search(text[:m.start()]))]
    return markers + list(_LIFE_STAGE.finditer(text)) if told_in_past_tense else markers


def _is_past(anchor: Anchor, now_in_sentence: bool, self_directed: bool = False) -> bool:
    """Long past: a past-time word in the anchor's own clause (unless that clause says now, or the rest of the
    sentence says it is back), or anywhere in a sentence that says nothing of now."""
    clause, rest = _anchor_clause(anchor)
    told_in_past_tense = bool(_PAST_TENSE.search(_CLAUSE_BREAK.split(f" {anchor.prefix} ")[-1] + " " + anchor.words))
    if _dating_markers(clause, told_in_past_tense):
        rest = _PREVENTIVE_AGAIN.sub(" ", rest)
        back = _RECURRING.search(rest) or (self_directed and _STILL_WANTING.search(rest))
        return not _mentions_now(clause) and not back
    return not now_in_sentence and bool(_dating_markers(anchor.sentence, told_in_past_tense))
