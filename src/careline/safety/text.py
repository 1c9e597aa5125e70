"""Patient text made comparable: lower case, contractions and chat slang spelled out, and misspellings of
safety words fixed by a fuzzy match against the safety lexicon.

Why a lexicon-bound corrector rather than a general spell checker: only words that matter for triage
("breth", "pian", "siezure") should change. A real English word ("paint", "strike", "blur") is never
"corrected" into a symptom word; the list of real words comes from pyspellchecker's English frequency
dictionary, which ships inside the package (no download).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Chat slang, contractions and common phrase-level misspellings, applied to whole words before
# tokenising. Keys are regular expressions over lower-cased text.
_REWRITES: tuple[tuple[str, str], ...] = (
    (r"[\u2018\u2019\u02bc`´]", "'"),
    (r"\bod'?(?:ed|d|'d)\b", "overdosed"),
    (r"\bo\.d\.?'?d\b", "overdosed"),
    (r"\bkms\b", "kill myself"),
    (r"\bkys\b", "kill yourself"),
    (r"\bunaliv(?:e|ing) (myself|himself|herself|themselves)\b", r"kill \1"),
    (r"\bunalive\b", "kill myself"),
    (r"\bsewer ?slide\b", "suicide"),
    (r"\bsui\b", "suicide"),
    (r"\bcan'?t\b", "cannot"),
    (r"\bcan not\b", "cannot"),
    (r"\bcnt\b", "cannot"),
    (r"\bwon'?t\b", "will not"),
    (r"\bwouldn'?t\b", "would not"),
    (r"\bcouldn'?t\b", "could not"),
    (r"\bshouldn'?t\b", "should not"),
    (r"\b(do|does|did|is|are|was|were|has|have|had)n'?t\b", r"\1 not"),
    (r"\bain'?t\b", "is not"),
    (r"\bi'?m\b", "i am"),
    (r"\bi'?ve\b", "i have"),
    (r"\bi'?ll\b", "i will"),
    (r"\bi'?d\b", "i would"),
    (r"\b(he|she|it|that|there|what|who)'s\b", r"\1 is"),
    (r"\b(hes|shes|thats|theres|whats)\b", lambda m: m.group(1)[:-1] + " is"),
    (r"\bits (?=a |an |the |not |like |getting |been |really |so |just |ok |okay |bad |serious |normal |gone |"
     r"still |happening |a |my |his |her )", "it is "),
    (r"\b(you|we|they)'re\b", r"\1 are"),
    (r"\b(you|we|they)'ve\b", r"\1 have"),
    (r"\b(theyre)\b", "they are"),
    (r"\b(think|hav|feel|go|try|bleed|breath|dy|tak|gett|start|los|com|shak|throw|swell|burn|puk|vomit|chok|"
     r"seiz|pass|cry|hurt|cutt|kill|wheez|gasp|struggl|jerk|twitch|shiver|pee|pick|answer|respond|talk|walk|mak|"
     r"spread|ooz|leak|drool|jump|plann|sweat|blister|act|turn|kick|mov|eat|drink|sleep|wak)in'?(?=\s|$|[.,!?;])",
     r"\1ing"),
    # "+" between signs reads as "and": "tight chest + cold sweat", "left arm+leg".
    (r"(?<=[a-z]) ?\+ ?(?=[a-z])", " and "),
    # Texting "n" and "&" for "and": "talkin weird n slurry".
    (r"(?<=\s)(?:n|&|nd)(?=\s)", "and"),
    (r"\bbreast bone\b", "breastbone"),
    # Regular past tenses of irregular verbs, common in learners' English: "she drinked", "he falled".
    (r"\beated\b", "ate"), (r"\bdrinked\b", "drank"), (r"\btaked\b", "took"), (r"\bfalled\b", "fell"),
    (r"\bbleeded\b", "bled"), (r"\bhitted\b", "hit"), (r"\bcutted\b", "cut"), (r"\bfeeled\b", "felt"),
    (r"\bbited\b", "bit"), (r"\bswallow'd\b", "swallowed"), (r"\bbreaked\b", "broke"), (r"\bstinged\b", "stung"),
    # A blood pressure written "185/115" keeps its two numbers once "/" is gone from the tokens.
    (r"\b(\d{2,3}) ?/ ?(\d{2,3})\b", r"\1 over \2"),
    (r"\bwanna\b", "want to"),
    (r"\bgonna\b", "going to"),
    (r"\bgotta\b", "got to"),
    (r"\bu\b", "you"),
    (r"\bur\b", "your"),
    (r"\brn\b", "right now"),
    (r"\b(?:pls|plz)\b", "please"),
    (r"\bw/o\b", "without"),
    (r"\bw/", "with "),
    (r"\bbc\b", "because"),
    (r"\bb/c\b", "because"),
    (r"\bppl\b", "people"),
    (r"\bhart\b", "heart"),
    (r"\bthru\b", "through"),
    (r"\bidk\b", "i do not know"),
    # Too short for the fuzzy match of safety words, too telling to miss: "kil myself".
    (r"\bkil\b", "kill"),
    # "Dr. House": the title is not the end of a sentence.
    (r"\bdr\.? (?=[a-z])", "doctor "),
    (r"\btite\b", "tight"),
    # Possessives: "wife's face" reads as "wife face", so relation words match one way.
    (r"([a-z])'s\b", r"\1"),
)
_COMPILED_REWRITES = [(re.compile(pattern), repl) for pattern, repl in _REWRITES]

_TOKEN = re.compile(r"\d+(?:\.\d+)?|[a-z0-9]+(?:'[a-z]+)?|[.!?;,]")

def word_set(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (easier to read and edit than a list)."""
    return frozenset(text.split())


# Words the safety patterns look for. A misspelled token is corrected only to one of these.
SAFETY_LEXICON = word_set(
    """
    chest pain pains pressure tight tightness heavy crushing squeezing heart attack attacks arm jaw
    sweating sweaty clammy stroke droop drooping droopy face slurred slurring slur speech garbled
    weakness weak numb numbness paralyzed vision suddenly sudden headache worst
    suicide suicidal kill myself himself herself themselves die dying dead alive life end ending
    harm hurting cutting overdose overdosed overdosing pills tablets swallowed swallow drank poison poisoning
    poisoned bleach antifreeze detergent battery medicine medication medicines medications
    anaphylaxis anaphylactic allergic reaction throat closing swelling swollen swelled lips tongue
    sting stung hives epipen
    bleeding bleed blood heavily stop spurting gushing soaking
    unconscious unresponsive responding responsive breathing breathe breath breathless collapsed
    passed fainted wake waking awake
    seizure seizures seizing convulsing convulsions shaking
    sugar glucose diabetic diabetes confused confusion insulin
    pregnant pregnancy weeks clots cramps spotting contractions
    struggling gasping choking wheezing inhaler blue purple grey gray
    trouble difficulty unconscious
    fever temperature vomiting vomit throwing diarrhea infection wound streaks pus urine
    emergency ambulance help please hospital
    breastbone sternum jerking twitching blistering blisters scalded boiling electrocuted drooling
    rash spreading tonsils shingles pneumonia dizzy goodbye bridge floppy everything sorry burden
    """
)

# Known English words below this frequency may be typos (e.g. "hurst" for "hurts").
_KNOWN_WORD_MIN_FREQUENCY = 500


def is_common_word(word: str) -> bool:
    """True for an everyday English word (so it is not taken for a typo of a medical term)."""
    return word in _known_words()


@lru_cache(maxsize=1)
def _known_words() -> frozenset[str]:
    from spellchecker import SpellChecker

    dictionary = SpellChecker(distance=1).word_frequency.dictionary
    return frozenset(word for word, count in dictionary.items() if count >= _KNOWN_WORD_MIN_FREQUENCY)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count as one), stopping early past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous_previous: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, 1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous_previous[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=4096)
def correct_token(token: str) -> str:
    """The safety word a misspelled token stands for, or the token itself."""
    if len(token) < 4 or not token.isalpha() or token in SAFETY_LEXICON or token in _known_words():
        return token
    limit = 1 if len(token) <= 6 else 2
    best: tuple[int, str] | None = None
    for word in SAFETY_LEXICON:
        # Typos keep the first letter far more often than not; requiring it avoids odd matches.
        if word[0] != token[0] and not (len(token) > 1 and word[:2] == token[1::-1]):
            continue
        distance = edit_distance(token, word, limit)
        if distance <= limit and (best is None or (distance, word) < best):
            best = (distance, word)
    return best[1] if best else token


def _fold_accents(text: str) -> str:
    """"muéstrame" -> "muestrame": tokens keep every letter, so other languages' words can be matched."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def normalize(message: str) -> str:
    """Lower-cased text with slang spelled out and safety words' typos fixed, tokens joined by spaces."""
    text = _fold_accents(unicodedata.normalize("NFKC", message).lower())
    for pattern, replacement in _COMPILED_REWRITES:
        text = pattern.sub(replacement, text)
    tokens = [correct_token(token) for token in _TOKEN.findall(text)]
    return " ".join(tokens)
