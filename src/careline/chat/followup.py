"""Follow-up resolution: turn "what about its side effects?" or "and for kids?" into a question that stands
alone, using the conversation's last topic (the article the previous answer was about) and question type."""

from __future__ import annotations

import re
from datetime import date

from careline.chat.catalog import Catalog, short_title
from careline.chat.models import ResolvedQuery
from careline.chat.text import GENERIC_WORDS, word_set
from careline.conversations.state import Topic
from careline.patients.models import Profile
from careline.retrieval.intents import classify_question
from careline.retrieval.query import content_terms

_ANAPHORS = word_set("it its it's this that these those they them their one ones same")
_FOLLOW_UP_OPENERS = re.compile(
    r"^\s*(and|also|plus|but|so|what about|how about|what if|same (for|with)|and what about|ok(ay)?,? (and|what)"
    r"|then|is that|are those|does that|do they|can they|is it|does it|can it|will it|should it)\b"
)
# Words that refine a previous question rather than name a new topic.
_REFINEMENTS = word_set(
    """
    kid kids child children baby babies toddler toddlers infant infants teen teens teenager teenagers
    pregnant pregnancy breastfeeding nursing elderly older seniors adult adults men women woman man
    alcohol drink drinking food eat eating night morning long term longterm dangerous serious safe
    interact interactions interaction together combine mix
    """
)
_CHILD = re.compile(r"\b(kids?|child(ren)?|bab(y|ies)|toddlers?|infants?|teens?|teenagers?|newborns?|"
                    r"my (little )?(boy|girl)|pediatric|paediatric)\b")
_AGE = re.compile(r"\b(\d{1,2})[\s-]*(years?|yrs?|yo)[\s-]*old\b|\b(\d{1,2})\s*yo\b")

INTENT_WORDS = {
    "symptoms": "symptoms", "causes": "causes", "diagnosis": "diagnosis tests", "treatment": "treatment",
    "side_effects": "side effects", "how_to_take": "how to take", "prevention": "prevention",
    "self_care": "self-care", "when_to_get_help": "when to get help", "outlook": "outlook",
}


def mentions_child(text: str) -> bool:
    lowered = text.lower()
    for match in _AGE.finditer(lowered):
        age = int(match.group(1) or match.group(3))
        return age < 18
    return bool(_CHILD.search(lowered))


def profile_audience(profile: Profile | None, today: date) -> str | None:
    """'pediatric' for a child's profile, 'adult' for an adult's, None when the age is unknown."""
    if profile is None:
        return None
    age = profile.age_on(today)
    if age is None:
        return None
    return "pediatric" if age < 18 else "adult"


def is_follow_up(message: str, catalog: Catalog) -> bool:
    """True when the message leans on an earlier turn instead of naming its own topic."""
    lowered = " ".join(message.lower().split())
    if catalog.topics_named(lowered):
        return False
    words = set(re.findall(r"[a-z']+", lowered))
    if words & _ANAPHORS or _FOLLOW_UP_OPENERS.search(lowered):
        return True
    terms = content_terms(lowered)
    if not terms:
        return False  # "thanks", "ok", "hi": small talk, not a question about the last topic
    return not [t for t in terms if t not in GENERIC_WORDS and t not in _REFINEMENTS]


def resolve_follow_up(
    message: str, topic: Topic | None, catalog: Catalog, *, profile: Profile | None = None,
    today: date | None = None,
) -> ResolvedQuery:
    """The standalone query for this message (step 3 of a turn)."""
    text = " ".join(message.split())
    intent = classify_question(text)
    audience = None if mentions_child(text) else profile_audience(profile, today or date.today())
    if topic is None or not is_follow_up(text, catalog):
        if topic is not None and intent is None and topic.intent and _is_short_switch(text, catalog):
            # "what about ibuprofen?" after a side-effects question keeps asking about side effects.
            text = f"{text} ({INTENT_WORDS.get(topic.intent, '')})".replace(" ()", "")
            intent = topic.intent
        return ResolvedQuery(text=text, original=message, intent=intent, audience=audience)
    # "Overview" is what an unmarked question gets anyway; carrying it would hide the new question's point.
    carried_intent = intent or (topic.intent if topic.intent in INTENT_WORDS else None)
    rewritten = f"{short_title(topic.title)}: {text}"
    if intent is None and topic.intent in INTENT_WORDS:
        rewritten += f" ({INTENT_WORDS[topic.intent]})"
    return ResolvedQuery(text=rewritten, original=message, intent=carried_intent, follow_up=True, topic=topic,
                         audience=audience)


def _is_short_switch(text: str, catalog: Catalog) -> bool:
    lowered = text.lower()
    return bool(_FOLLOW_UP_OPENERS.search(lowered)) and bool(catalog.topics_named(lowered)) and len(
        content_terms(lowered)) <= 3
