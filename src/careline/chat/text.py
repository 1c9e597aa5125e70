"""Small text tools the composer and the answer checks share: sentences, citation markers, word stems."""

from __future__ import annotations

import re
from functools import lru_cache

from careline.retrieval.query import STOPWORDS, tokenize

# A citation marker: [1], [1, 2] or [1][2] (the last is several markers).
MARKER = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
_MARKERS_AT_END = re.compile(r"(?:\s*\[\d{1,3}(?:\s*,\s*\d{1,3})*\])+\s*$")
# A sentence ends at . ! ? (maybe followed by closing quotes/brackets and citation markers) when the next
# text starts like a sentence: a capital, a digit, a quote, a bullet or the end of the text.
_SENTENCE_END = re.compile(
    r"[.!?][\"')\]]*(?:\s*\[\d{1,3}(?:\s*,\s*\d{1,3})*\])*(?=\s+[\"'(*•\-–]?[A-Z0-9]|\s*$)"
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_MARKDOWN = re.compile(r"\*\*|__|`")
_SUFFIXES = ("ations", "ation", "ness", "ments", "ment", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed",
             "ly", "s")

def word_set(text: str) -> frozenset[str]:
    """A vocabulary written as whitespace-separated words."""
    return frozenset(text.split())


# Question words too common to show what a question is about; they count little toward coverage.
GENERIC_WORDS = word_set(
    """
    take taking takes took use used using uses safe safely normal bad good ok okay help helps work works
    happen happens happened common best better worse way ways long often many day days week weeks time times
    start starting stop stopping get give make makes feel feeling feels people person doctor doctors need
    needs should could would might may must right wrong sure symptom symptoms sign signs cause causes caused
    treat treated treatment treatments side effect effects prevent prevention risk risks thing problem
    problems issue issues question questions info information ask asking say says said done look looks
    anything everything nothing much little lot new old first last next year years month months worry
    worried affect affects medicine medicines medication medications meds med pill pills drug drugs dose
    doses body try trying keep going come comes rid
    mom mum mother dad father parent parents son sons daughter daughters husband wife partner boyfriend
    girlfriend brother sister friend friends buddy coworker boss kid kids child baby grandma grandpa
    grandmother grandfather aunt uncle nephew niece cousin neighbor roommate dr er
    dont wont cant hes shes theyre havent hasnt isnt doesnt didnt wasnt arent couldnt shouldnt wouldnt ur
    per today yesterday tomorrow ton bunch kinda gonna wanna
    """
)


def strip_markdown(text: str) -> str:
    return _MARKDOWN.sub("", text)


def bold_openings(text: str) -> tuple[str, frozenset[int]]:
    """The text without markdown, and the offsets in it where a bold phrase ("**Press hard.**") opened."""
    parts: list[str] = []
    openings: set[int] = set()
    length = 0
    opened = False
    for piece in re.split(r"(\*\*)", text):
        if piece == "**":
            if not opened:
                openings.add(length)
            opened = not opened
            continue
        plain = _MARKDOWN.sub("", piece)
        parts.append(plain)
        length += len(plain)
    return "".join(parts), frozenset(openings)


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage or an answer, each keeping the citation markers that follow it."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start:match.end()].strip()
        if piece:
            sentences.append(piece)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def markers_in(text: str) -> list[int]:
    """The citation numbers a sentence carries, in order, without repeats."""
    numbers: list[int] = []
    for match in MARKER.finditer(text):
        numbers.extend(int(part) for part in match.group(1).split(","))
    return list(dict.fromkeys(numbers))


def remove_markers(text: str) -> str:
    cleaned = MARKER.sub("", text)
    cleaned = re.sub(r"\s+([.!?,;:])", r"\1", cleaned)
    return " ".join(cleaned.split())


def with_marker(sentence: str, numbers: list[int]) -> str:
    """The sentence with its markers placed before the final punctuation: 'Text [1].'"""
    bare = _MARKERS_AT_END.sub("", sentence).strip()
    bare = remove_markers(bare)
    marks = "".join(f"[{n}]" for n in numbers)
    match = re.search(r"([.!?][\"')\]]*)$", bare)
    if match:
        return f"{bare[:match.start()].rstrip()} {marks}{match.group(1)}"
    return f"{bare} {marks}."


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match 'kidneys'/'kidney' and 'swelling'/'swell' in overlap checks."""
    if len(word) <= 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    return word


def content_stems(text: str) -> list[str]:
    """Stems of the words that carry meaning, in order."""
    stems: list[str] = []
    for token in tokenize(text):
        token = token.strip("'-")
        if token.endswith("'s"):
            token = token[:-2]
        if len(token) < 2 or token in STOPWORDS:
            continue
        stems.append(stem(token))
    return stems


@lru_cache(maxsize=8192)
def stem_set(text: str) -> frozenset[str]:
    """The content stems of a text as a set, cached: passages are checked against many times."""
    return frozenset(content_stems(text))


@lru_cache(maxsize=8192)
def numbers_in(text: str) -> frozenset[str]:
    return frozenset(match.group(0).replace(",", "") for match in _NUMBER.finditer(remove_markers(text)))


def word_count(text: str) -> int:
    return len(remove_markers(text).split())
