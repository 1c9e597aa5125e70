"""What kind of answer a passage gives (symptoms, causes, treatment, ...) when it has no heading to say so.

Records from other sources (a JSON Lines export, a Q&A corpus) often carry one answer per record with
no section headings, and several records share a topic. Telling "the symptoms answer" from "the
treatment answer" then rests on the passage's words. A multinomial naive Bayes model, trained on the
section-headed articles of the bundled library (weak supervision: the heading is the label), reads
those words; it ships as `passage_types.json` and is rebuilt with
`python -m careline.retrieval.passage_types knowledge/`.

A few answer types that the library has no sections for (inheritance, frequency, genetic causes) are
recognised by unmistakable phrases instead.
"""

from __future__ import annotations

import json
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("passage_types.json")
MIN_CONFIDENCE = 0.6
MIN_DOC_FREQUENCY = 3
MAX_VOCABULARY = 4000
_WORD = re.compile(r"[a-z][a-z']+")

# Phrases that name an answer type outright, checked before the statistical model.
_PHRASE_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("inheritance", re.compile(r"inherited in an? (autosomal|x-linked)|inheritance pattern"
                               r"|autosomal (dominant|recessive)|passed (down )?from (a |one )?parents?"
                               r"|runs? in families")),
    ("frequency", re.compile(r"\b(affects?|occurs? in) (about|approximately|an estimated|fewer than|more than)? ?"
                             r"[\d,.]+ (in|of|out of|per) |prevalence|\bis (a )?(rare|common) (condition|disorder)"
                             r"|estimated [\d,.]+ (people|individuals|americans)")),
    ("genetic_changes", re.compile(r"mutations? in the \w+ gene|\bgene mutations?\b|genetic changes?")),
]


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


@dataclass
class PassageTypeModel:
    labels: list[str]
    log_prior: dict[str, float]
    log_likelihood: dict[str, dict[str, float]]
    log_unseen: dict[str, float]

    def probabilities(self, text: str) -> dict[str, float]:
        tokens = [w for w in words(text) if w in self.log_likelihood[self.labels[0]]]
        if not tokens:
            return {}
        scores = {label: self._log_score(label, tokens) for label in self.labels}
        top = max(scores.values())
        exp = {label: math.exp(score - top) for label, score in scores.items()}
        total = sum(exp.values())
        return {label: value / total for label, value in exp.items()}

    def _log_score(self, label: str, tokens: list[str]) -> float:
        likelihood = self.log_likelihood[label]
        return self.log_prior[label] + sum(likelihood.get(w, self.log_unseen[label]) for w in tokens)

    def classify(self, text: str) -> tuple[str | None, float]:
        probabilities = self.probabilities(text)
        if not probabilities:
            return None, 0.0
        label = max(probabilities, key=probabilities.get)
        return label, probabilities[label]

    def to_json(self) -> dict[str, object]:
        return {"labels": self.labels, "log_prior": self.log_prior, "log_likelihood": self.log_likelihood,
                "log_unseen": self.log_unseen}


def train(examples: Iterable[tuple[str, str]]) -> PassageTypeModel:
    """Naive Bayes with add-one smoothing over (text, label) pairs."""
    counts: dict[str, Counter[str]] = {}
    documents: Counter[str] = Counter()
    frequency: Counter[str] = Counter()
    for text, label in examples:
        tokens = words(text)
        counts.setdefault(label, Counter()).update(tokens)
        documents[label] += 1
        frequency.update(set(tokens))
    vocabulary = [w for w, df in frequency.most_common(MAX_VOCABULARY) if df >= MIN_DOC_FREQUENCY]
    total_documents = sum(documents.values())
    labels = sorted(counts)
    log_likelihood: dict[str, dict[str, float]] = {}
    log_unseen: dict[str, float] = {}
    for label in labels:
        total = sum(counts[label][w] for w in vocabulary) + len(vocabulary)
        log_likelihood[label] = {w: round(math.log((counts[label][w] + 1) / total), 4) for w in vocabulary}
        log_unseen[label] = round(math.log(1 / total), 4)
    return PassageTypeModel(
        labels=labels,
        log_prior={label: math.log(documents[label] / total_documents) for label in labels},
        log_likelihood=log_likelihood,
        log_unseen=log_unseen,
    )


@lru_cache(maxsize=1)
def shipped_model() -> PassageTypeModel | None:
    if not MODEL_PATH.exists():
        return None
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return PassageTypeModel(**data)


def classify_passage(text: str) -> str | None:
    """The answer type of a headingless passage, or None when the words do not say clearly."""
    lowered = text.lower()
    for label, pattern in _PHRASE_TYPES:
        if pattern.search(lowered):
            return label
    model = shipped_model()
    if model is None:
        return None
    label, confidence = model.classify(text)
    return label if confidence >= MIN_CONFIDENCE else None


def training_examples(folder: Path) -> list[tuple[str, str]]:
    """(section text, section type) from every headed section of the articles in `folder`."""
    from careline.content.chunking import split_sections
    from careline.content.loaders import parse_front_matter
    from careline.retrieval.intents import heading_intent

    examples: list[tuple[str, str]] = []
    for path in sorted(folder.glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        _, body = parse_front_matter(path.read_text(encoding="utf-8"))
        for section in split_sections(body):
            label = heading_intent(section.heading)
            if label:
                examples.append((" ".join(section.paragraphs), label))
    return examples


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path("knowledge")
    examples = training_examples(folder)
    model = train(examples)
    MODEL_PATH.write_text(json.dumps(model.to_json(), separators=(",", ":")), encoding="utf-8")
    print(f"trained on {len(examples)} sections, {len(model.labels)} types -> {MODEL_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
