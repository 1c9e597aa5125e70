"""Question types and section types share one vocabulary, so a question about symptoms can find the
Symptoms section of the right article first. Classification is rule-based: it is cheap, explainable
and works on any content, including records with no headings (the first words of a passage decide)."""

from __future__ import annotations

import re

INTENTS = (
    "symptoms", "causes", "diagnosis", "treatment", "side_effects", "how_to_take", "prevention",
    "self_care", "when_to_get_help", "outlook", "overview", "inheritance", "frequency", "genetic_changes",
)

# Patterns over the lower-cased question, in priority order: the first that matches wins.
_QUESTION_CUES: list[tuple[str, str]] = [
    ("inheritance", r"\binherit|passed down|run(s)? in (the )?famil|hereditary"),
    ("frequency", r"how (many|common|often do people)|how rare|prevalence|affected by"),
    ("genetic_changes", r"genetic change|\bgenes?\b.*(related|linked|cause|involved)|mutation"),
    ("side_effects", r"side[\s-]?effect|adverse|reaction to|make(s)? me (feel )?(sick|dizzy|tired|sleepy|nause)"
                     r"|\bcause[sd]? (by )?(my )?(the )?(medicine|med|pill|drug)"
                     r"|from (the|my|this) (medicine|pill|med)"
                     # "does doxy make u burn easier", "can lipitor make your legs ache", "does it give you a cough"
                     r"|(?<!why )\b(does|do|can|could|will|would|did) (?!(i|you|u|we)\b)\w+ (make|give|cause|leave)"
                     r" (you|u|me|people|him|her|them|your|my)\b"),
    ("how_to_take", r"how (do|should) i take|when (do|should) i take|how to (take|use)|with food|empty stomach"
                    r"|miss(ed)? a (dose|pill)|\bdos(e|age|ing)\b|how much .*(take|should)"
                    # Missed doses, however put: "forgot my eliquis", "skipped my coumadin last night".
                    r"|\b(forgot|forget|forgetting|skipped|skip|missed|didn'?t take|did not take)( to take| to use)?"
                    r" (my|a|one|the|this morning'?s|last night'?s|today'?s|yesterday'?s)\b"
                    r"(?! (period|breakfast|lunch|dinner|meals?|appointment|flight|class|work|keys|name))"
                    r"|how often .*take|\bbefore or after (eating|meals?|food|breakfast|lunch|dinner|bed(time)?)"
                    r"|can i take .* with|take it at night|\b(supposed|meant) to (take|use)\b"
                    r"|\b(be )?taken (with|without)\b|\bwithout (eating|food)\b"
                    # A medicine and a mealtime: "should my levoxyl be taken before i eat breakfast".
                    r"|\btak(e|en|ing)\b.*\b(before|after|with|without)( i| you)? (eat|eating|meals?|food"
                    r"|breakfast|lunch|dinner|supper|bed(time)?)\b"),
    # Doing it oneself ("get my blood pressure down without meds") is self-care, however else it is put.
    ("self_care", r"\bwithout (meds|medicines?|medications?|pills|drugs)\b"),
    ("when_to_get_help", r"when (should|do|must|would) (i|you|we|someone|they) (see|call|go|get|seek|contact|visit)"
                         r"|should i (go to|see|call|get)|\b(er|a&e|911)\b|seek (medical )?(help|care|attention)"
                         r"|get (medical )?(help|care|attention)|emergency|urgent care|is it serious|how serious"
                         r"|when to worry|need (to see )?a doctor"),
    # Asking for something that makes a problem go away is a treatment question, however it is put: "how do
    # I get rid of hiccups" is not about what causes them, nor "how to make a cold go away" about its outlook.
    # First aid is treatment too: "what am I supposed to do if she has a fit", "do I put ice or butter on it".
    ("treatment", r"\bwhat (do|should|can|must) (i|we|you) do (if|when|while|after)\b"
                  r"|\bwhat (am i|are we) (supposed|meant) to do\b|\bwhat to do (if|when|after)\b"
                  r"|\b(should|do|can) (i|we) (put|apply|rub|pour)\b"
                  r"|\b(get|bring|keep)( \w+){1,3} down\b"
                  r"|\bget(ting)? rid of|\bmake (\w+ ){0,3}(go away|stop|disappear|better|heal)\b|\bget over\b"
                  r"|\bwhat (helps|works)\b(?! (to )?(prevent|avoid|lower|reduce|keep))|what('s| is|s) good for"
                  r"|what (can|should|do) (i|you|we) (take|use|do|try) (for|about)\b"
                  r"|\bhow (do|can|should|would|to)( (i|you|we|people))? (treat|cure|ease|relieve|soothe|calm|heal"
                  r"|fix|beat|shake|knock out|deal with|stop(?!( \w+){1,3} from| getting| catching))\b"
                  r"|\b(best |quickest |fastest )?ways? to (treat|ease|relieve|soothe|heal|cure)\b"
                  r"|(?<!home )\bremed(y|ies)\b|\brelief (for|from)\b|\banything (that |to )?(helps?|works)\b"),
    ("symptoms", r"symptom|\bsigns?\b|feel like|look like|how (do|can|would) i know|how can you tell"
                 r"|what does .* feel|warning|am i having|what to look (out )?for|\b(look|watch)( out)? for\b"),
    ("causes", r"\bcause|\bwhy (do|does|did|am|is|are)|risk factor|who gets|how do (you|people|i) get"
               r"|what (triggers|brings on)|trigger|contagious|catch it|hereditary|genetic|inherit"
               r"|\bset(s|ting)? off\b|\bbring(s|ing)? on\b|\bmakes? (\w+ ){1,3}worse\b"),
    ("diagnosis", r"diagnos|\btest(s|ed|ing)?\b|check(ed)? for|find out if|how do doctors (know|tell)|scan|x-?ray"
                  r"|blood work|screen"),
    ("prevention", r"prevent|avoid getting|stop (getting|catching)|lower (my|the) (risk|chance)|reduce (my|the) risk"
                   r"|stop .* from|keep (\w+ ){0,3}from (getting|catching)|vaccin|\bmake (\w+ ){0,3}safer\b"),
    ("treatment", r"treat|\bcure|get rid|medicine for|medication for|meds for|drugs? for|what helps|therapy"
                  r"|surgery|how (is|are) .* (managed|handled)|relief|options"),
    ("self_care", r"at home|home remed|self[\s-]?care|what can i do|lifestyle|\bdiet\b|\beat\b|exercise"
                  r"|natural(ly)?|cope|coping|manage (it|my)|live with"),
    ("outlook", r"outlook|prognosis|go away|how long (does|will|do)|life expectancy|recover|permanent"),
    ("overview", r"^what (is|are)\b|what does .* (do|mean)|used for|tell me about|explain|information about"),
]
_QUESTION_PATTERNS = [(intent, re.compile(pattern)) for intent, pattern in _QUESTION_CUES]

# Section headings (lower-cased) to intent.
_HEADING_CUES: list[tuple[str, str]] = [
    ("side_effects", r"side effect|adverse|risks? of"),
    ("how_to_take", r"how to (take|use)|dosage|dosing|taking|using|before (you )?(take|taking)|missed dose"),
    ("when_to_get_help", r"when to (get|seek|call|see)|get help|emergency|call 911|warning"),
    ("symptoms", r"symptom|signs"),
    ("causes", r"cause|risk factor|who gets|why"),
    ("diagnosis", r"diagnos|tests?|screening|exam"),
    ("prevention", r"prevent"),
    ("treatment", r"treat|medicines?|medications?|therapy|surgery|management|what to do|first aid"),
    ("self_care", r"self[\s-]?care|living with|lifestyle|home|tips|coping|what you can do"),
    ("outlook", r"outlook|prognosis|expectations|complications"),
    ("overview", r"overview|what is|what are|summary|about|introduction|uses?"),
]
_HEADING_PATTERNS = [(intent, re.compile(pattern)) for intent, pattern in _HEADING_CUES]

# For passages without a heading: how answer text typically opens for each type.
_OPENING_CUES: list[tuple[str, str]] = [
    ("side_effects", r"side effects?|may cause .*(nausea|dizziness|headache)"),
    ("symptoms", r"symptoms?|signs? (of|include)|you may (notice|feel|have)"),
    ("causes", r"(is|are) caused by|causes? (of|include)|risk factors?"),
    ("diagnosis", r"diagnos|tests? (to|that|can)|doctor (may|will) (ask|examine|do)"),
    ("treatment", r"treatments?|is treated|are treated|therapy|medicines? (can|to|that)"),
    ("prevention", r"prevent|to lower (your|the) risk|can reduce the risk"),
    ("outlook", r"outlook|prognosis|most people (recover|get better)"),
]
_OPENING_PATTERNS = [(intent, re.compile(pattern)) for intent, pattern in _OPENING_CUES]


def title_intent(title: str) -> str | None:
    """The type of answer an article's title promises ("Stroke signs - BE FAST": symptoms, "Seizure first
    aid": treatment): the type the title names first."""
    lowered = title.lower()
    found = [(match.start(), order, intent) for order, (intent, pattern) in enumerate(_HEADING_PATTERNS)
             if intent != "overview" and (match := pattern.search(lowered))]
    return min(found)[2] if found else None


def classify_question(question: str) -> str | None:
    """The type of answer a question asks for, or None when it gives no cue."""
    text = " ".join(question.lower().split())
    for intent, pattern in _QUESTION_PATTERNS:
        if pattern.search(text):
            return intent
    return None


def heading_intent(heading: str) -> str | None:
    """The section type a heading names, if any."""
    lowered = heading.lower().strip()
    if lowered:
        for intent, pattern in _HEADING_PATTERNS:
            if pattern.search(lowered):
                return intent
    return None


def classify_section(heading: str, text: str = "") -> str:
    """The type of a section from its heading, else from its words (see passage_types), else its opening."""
    from careline.retrieval.passage_types import classify_passage

    named = heading_intent(heading)
    if named:
        return named
    lowered = heading.lower().strip()
    if text:
        predicted = classify_passage(text)
        if predicted:
            return predicted
    opening = " ".join(text.lower().split()[:25])
    for intent, pattern in _OPENING_PATTERNS:
        if pattern.search(opening):
            return intent
    return "overview" if not lowered else "other"
