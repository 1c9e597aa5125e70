"""A second opinion on emergency triage from what the message means, not which words it uses.

The rules (`safety.triage`) know the words of emergencies and judge their context; wordings nobody wrote a
pattern for get past them ("one side of his face is fall down", "my roommate texted me goodbye and isn't
answering"). This module reads the message's MiniLM sentence embedding (the app's own embedder: CPU,
offline) with a small multinomial logistic regression over six classes: routine, urgent, emergency,
emergency_suicide (911 + 988), emergency_poison (911 + Poison Control) and emergency_suicide_poison (all
three: an overdose on purpose).

It may only RAISE the rules' verdict (`raise_assessment`): routine or urgent to emergency when the summed
probability of the emergency classes passes `emergency_threshold`, routine to urgent when the probability
of "not routine" passes `urgent_threshold`. It never lowers one: a rules emergency stands, and is never
embedded at all. A message of several sentences is also read passage by passage (the emergency in the
middle of a long message), and the most alarming reading counts.

The weights ship as `semantic_weights.json`, trained by `python -m careline.safety.semantic train` from the
safety eval sets (held-out files 4 and later are kept back to measure it) and `semantic_examples.jsonl`.
The thresholds come from k-fold cross-validation over those messages: the lowest emergency threshold whose
out-of-fold false alarms (non-emergencies scored above it) stay within 2%, and an urgent threshold that no
routine message passed (kept only when it adds urgent recall). `python -m careline.safety.semantic report`
prints the out-of-fold figures, rules alone against rules + semantic.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from careline.embeddings.batching import embed_queries
from careline.logs import get_logger
from careline.safety.concepts import CRISIS, POISON
from careline.safety.models import SafetyAssessment
from careline.safety.replies import Hotlines, emergency_reply, urgent_note

log = get_logger(__name__)

HERE = Path(__file__).resolve().parent
WEIGHTS_FILE = HERE / "semantic_weights.json"
EXAMPLES_FILE = HERE / "semantic_examples.jsonl"
SAFETY_EVALS = HERE.parents[2] / "evals" / "safety"
# The eval files it learns from. Held-out files 4 and later measure the second opinion: never read here.
EVAL_FILES = ("messages.jsonl", "messages-holdout.jsonl", "messages-holdout-2.jsonl", "messages-holdout-3.jsonl")

LABELS = ("routine", "urgent", "emergency", "emergency_suicide", "emergency_poison", "emergency_suicide_poison")
EMERGENCY_LABELS = LABELS[2:]
# What each emergency class calls for beyond the emergency number, and the name its flag carries.
KIND_HOTLINES: dict[str, frozenset[str]] = {
    "emergency": frozenset(), "emergency_suicide": frozenset({CRISIS}), "emergency_poison": frozenset({POISON}),
    "emergency_suicide_poison": frozenset({CRISIS, POISON}),
}
KIND_NAMES = {"emergency": "general", "emergency_suicide": "suicide", "emergency_poison": "poison",
              "emergency_suicide_poison": "suicide_poison"}

MAX_FALSE_ALARM_RATE = 0.02  # emergencies: out-of-fold non-emergencies scored above the threshold, at most
MAX_FALSE_URGENT_RATE = 0.0  # urgent: no out-of-fold routine message may score above its threshold
MAX_PASSAGES = 8  # passages read on their own, at most (a long message costs one batch, not N calls)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+|\s+(?:also|anyway|btw|and also)\b[,:]?\s+", re.IGNORECASE)
_MIN_PASSAGE_WORDS = 6


# ----- the model -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Opinion:
    """What the model makes of one message: probabilities, the emergency kind and the level it asks for."""

    emergency: float  # summed probability of the emergency classes
    needs_care: float  # 1 - P(routine)
    kind: str  # the most likely emergency class, e.g. "emergency_poison"
    level: str  # "emergency", "urgent" or "routine": what the thresholds make of it


@dataclass(frozen=True)
class SemanticModel:
    weights: np.ndarray  # (dimension, classes): logits = vector @ weights + bias
    bias: np.ndarray
    emergency_threshold: float
    urgent_threshold: float | None  # None: raising routine to urgent did not help in cross-validation
    embedder: str = "all-MiniLM-L6-v2"
    labels: tuple[str, ...] = LABELS
    report: dict[str, Any] | None = None  # the cross-validated figures it was trained with

    @property
    def dimension(self) -> int:
        return int(self.weights.shape[0])

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return softmax(np.atleast_2d(vectors) @ self.weights + self.bias)

    def opinion(self, vectors: np.ndarray) -> Opinion:
        """The opinion of the most alarming reading (the whole message, or one of its passages)."""
        probabilities = self.probabilities(vectors)
        emergency_columns = [self.labels.index(label) for label in EMERGENCY_LABELS]
        emergency = probabilities[:, emergency_columns].sum(axis=1)
        row = probabilities[int(np.argmax(emergency))]
        needs_care = float(1.0 - probabilities[:, self.labels.index("routine")].min())
        kind = EMERGENCY_LABELS[int(np.argmax(row[emergency_columns]))]
        return Opinion(emergency=float(emergency.max()), needs_care=needs_care, kind=kind,
                       level=self.level(float(emergency.max()), needs_care))

    def level(self, emergency: float, needs_care: float) -> str:
        return level_for(emergency, needs_care, self.emergency_threshold, self.urgent_threshold)

    def to_json(self) -> dict[str, Any]:
        return {
            "embedder": self.embedder, "labels": list(self.labels),
            "emergency_threshold": round(self.emergency_threshold, 6),
            "urgent_threshold": None if self.urgent_threshold is None else round(self.urgent_threshold, 6),
            "bias": [round(float(x), 6) for x in self.bias],
            "weights": [[round(float(x), 6) for x in row] for row in self.weights],
            "report": self.report,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SemanticModel:
        return cls(weights=np.asarray(data["weights"], dtype=np.float32),
                   bias=np.asarray(data["bias"], dtype=np.float32),
                   emergency_threshold=float(data["emergency_threshold"]),
                   urgent_threshold=None if data["urgent_threshold"] is None else float(data["urgent_threshold"]),
                   embedder=data["embedder"], labels=tuple(data["labels"]), report=data.get("report"))


def level_for(emergency: float, needs_care: float, emergency_threshold: float,
              urgent_threshold: float | None) -> str:
    """What the thresholds make of the probabilities: the level the second opinion asks for."""
    if emergency > emergency_threshold:
        return "emergency"
    if urgent_threshold is not None and needs_care > urgent_threshold:
        return "urgent"
    return "routine"


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


@lru_cache(maxsize=1)
def load_model(path: Path = WEIGHTS_FILE) -> SemanticModel:
    return SemanticModel.from_json(json.loads(path.read_text(encoding="utf-8")))


def readings(message: str) -> list[str]:
    """The texts the model reads: the whole message, then each of its passages when it has several. A passage
    is a sentence, joined with the next while it is shorter than a few words: a fragment alone ("sorry, long
    message.") carries no meaning of its own to judge."""
    text = " ".join(message.split())
    passages: list[str] = []
    for sentence in (part.strip() for part in _SENTENCE_END.split(text)):
        if not sentence:
            continue
        if passages and len(passages[-1].split()) < _MIN_PASSAGE_WORDS:
            passages[-1] = f"{passages[-1]} {sentence}"
        else:
            passages.append(sentence)
    if len(passages) > 1 and len(passages[-1].split()) < _MIN_PASSAGE_WORDS:
        passages[-2:] = [f"{passages[-2]} {passages[-1]}"]
    if len(passages) < 2:
        return [text]
    return [text, *passages[:MAX_PASSAGES]]


class SemanticTriage:
    """The second opinion as a callable: message -> Opinion, or None when the embedder fails (the rules'
    verdict then stands alone; a broken model must never block a patient's message)."""

    def __init__(self, embedder: Any, model: SemanticModel | None = None) -> None:
        self.embedder = embedder
        self.model = model or load_model()

    def __call__(self, message: str) -> Opinion | None:
        texts = readings(message)
        try:
            vectors = embed_queries(self.embedder, texts)  # one model call for the message and its sentences
        except Exception:
            log.exception("semantic triage could not embed the message; the rules' verdict stands")
            return None
        matrix = np.asarray(vectors, dtype=np.float32)
        if matrix.ndim != 2 or matrix.shape[1] != self.model.dimension:
            return None
        return self.model.opinion(matrix)


def second_opinion_for(embedder: Any) -> SemanticTriage | None:
    """The second opinion over this embedder, or None when the shipped weights were trained on another one
    (an OpenAI embedder's vectors mean nothing to MiniLM weights)."""
    model = load_model()
    if getattr(embedder, "name", None) != model.embedder:
        log.info("semantic triage is off: weights are for %s, the embedder is %s",
                 model.embedder, getattr(embedder, "name", None))
        return None
    return SemanticTriage(embedder, model)


# ----- the decision --------------------------------------------------------------------------------------

SecondOpinion = Callable[[str], Opinion | None]


def raise_assessment(rules: SafetyAssessment, opinion: Opinion | None, hotlines: Hotlines) -> SafetyAssessment:
    """The rules' assessment, raised (never lowered) to the level the opinion asks for. An emergency gets the
    same reply and numbers a rules emergency of that kind gets; flags say the second opinion raised it."""
    if opinion is None or _RANK[opinion.level] <= _RANK[rules.level]:
        return rules
    kinds = set(KIND_HOTLINES[opinion.kind]) if opinion.level == "emergency" else set()
    kinds |= _kinds_of(rules.hotlines, hotlines)  # e.g. an urgent double dose keeps Poison Control
    if opinion.level == "emergency":
        reply = emergency_reply(hotlines, kinds)
        flags = ("emergency:semantic", f"semantic:{KIND_NAMES[opinion.kind]}")
        refusal = f"{reply}\n\n{rules.refusal_reply}" if rules.refuse and rules.refusal_reply else rules.refusal_reply
        return replace(rules, level="emergency", flags=flags + rules.flags, emergency_reply=reply,
                       urgent_note=None, refusal_reply=refusal, hotlines=_numbers(True, kinds, hotlines))
    return replace(rules, level="urgent", flags=("urgent:semantic", *rules.flags),
                   urgent_note=urgent_note(hotlines, kinds), hotlines=_numbers(False, kinds, hotlines))


_RANK = {"routine": 0, "urgent": 1, "emergency": 2}


def _kinds_of(numbers: Sequence[str], hotlines: Hotlines) -> set[str]:
    return {kind for kind in (CRISIS, POISON) if hotlines.number(kind) in numbers}


def _numbers(emergency: bool, kinds: set[str], hotlines: Hotlines) -> tuple[str, ...]:
    """The numbers in the order triage gives them: emergency number first, then crisis, then poison."""
    first = (hotlines.emergency,) if emergency else ()
    return first + tuple(hotlines.number(kind) for kind in (CRISIS, POISON) if kind in kinds)


# ----- training ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Example:
    message: str
    label: str
    source: str  # the file it comes from


def label_of(level: str, hotlines: Sequence[str]) -> str:
    """An eval case's class from its expected level and numbers."""
    if level != "emergency":
        return level
    numbers = set(hotlines)
    suicide, poison = "988" in numbers, "1-800-222-1222" in numbers
    return {(False, False): "emergency", (True, False): "emergency_suicide", (False, True): "emergency_poison",
            (True, True): "emergency_suicide_poison"}[(suicide, poison)]


def training_examples(evals_dir: Path = SAFETY_EVALS, examples_file: Path = EXAMPLES_FILE) -> list[Example]:
    """Every training message once: the eval sets first, then Careline's own examples."""
    examples: list[Example] = []
    seen: set[str] = set()
    for name in EVAL_FILES:
        for raw in _read_jsonl(evals_dir / name):
            examples.append(Example(raw["message"], label_of(raw["expected_level"], raw["expected_hotlines"]), name))
    for raw in _read_jsonl(examples_file):
        examples.append(Example(raw["message"], raw["label"], examples_file.name))
    unique = []
    for example in examples:
        key = " ".join(example.message.lower().split())
        if key not in seen:
            seen.add(key)
            unique.append(example)
    unknown = {e.label for e in unique} - set(LABELS)
    if unknown:
        raise ValueError(f"unknown labels in the training data: {sorted(unknown)}")
    return unique


def fingerprint(examples: Sequence[Example]) -> str:
    """A digest of the training messages and labels: the shipped weights name the data they came from."""
    payload = json.dumps([[e.message, e.label] for e in examples], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def fit(vectors: np.ndarray, labels: np.ndarray, l2: float, iterations: int = 3000) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression with L2 on standardised features, by Nesterov-accelerated gradient
    descent; every example counts the same (balancing the classes lost recall in cross-validation). Returns
    weights and bias over the raw (unstandardised) vectors."""
    mean = vectors.mean(axis=0)
    scale = vectors.std(axis=0) + 1e-6
    z = (vectors - mean) / scale
    n, classes = len(labels), len(LABELS)
    targets = np.eye(classes)[labels]
    sample_weight = np.full(n, 1.0 / n)
    # Softmax cross-entropy has curvature at most 1/2 per sample: this step size cannot overshoot.
    lipschitz = 0.5 * np.linalg.norm(z * np.sqrt(sample_weight)[:, None], 2) ** 2 + l2
    step = 1.0 / lipschitz
    params = np.zeros((z.shape[1] + 1, classes))
    momentum = params.copy()
    design = np.hstack([z, np.ones((n, 1))])
    for t in range(1, iterations + 1):
        look = momentum
        residual = (softmax(design @ look) - targets) * sample_weight[:, None]
        gradient = design.T @ residual
        gradient[:-1] += l2 * look[:-1]
        new_params = look - step * gradient
        momentum = new_params + (t - 1) / (t + 2) * (new_params - params)
        params = new_params
        if np.abs(gradient).max() < 1e-7:
            break
    weights = params[:-1] / scale[:, None]
    bias = params[-1] - mean @ weights
    return weights, bias


def stratified_folds(labels: np.ndarray, k: int, seed: int = 7) -> np.ndarray:
    """A fold number per example, each class spread evenly over the folds."""
    rng = np.random.default_rng(seed)
    folds = np.empty(len(labels), dtype=int)
    offset = 0
    for label in range(len(LABELS)):
        members = rng.permutation(np.flatnonzero(labels == label))
        folds[members] = (np.arange(len(members)) + offset) % k
        offset += len(members)
    return folds


def scores(model: SemanticModel, reading_vectors: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Per message: emergency probability, needs-care probability and emergency kind."""
    opinions = [model.opinion(vectors) for vectors in reading_vectors]
    return (np.array([o.emergency for o in opinions]), np.array([o.needs_care for o in opinions]),
            [o.kind for o in opinions])


def threshold_for(negative_scores: np.ndarray, max_rate: float = MAX_FALSE_ALARM_RATE) -> float:
    """The lowest threshold that at most `max_rate` of these negatives score above."""
    ordered = np.sort(negative_scores)[::-1]
    allowed = int(np.floor(max_rate * len(ordered)))
    return float(ordered[allowed]) if allowed < len(ordered) else 0.0


@dataclass
class CrossValidation:
    l2: float
    folds: int
    emergency: np.ndarray  # out-of-fold scores per example
    needs_care: np.ndarray
    kinds: list[str]


def training_rows(reading_vectors: Sequence[np.ndarray], labels: np.ndarray,
                  members: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """What the model learns from: every message whole, plus each sentence of the messages that are not
    emergencies (a sentence of a routine message is routine: "I want to be ready" must not alarm on its own,
    which the whole-message examples alone do not teach)."""
    rows, row_labels = [], []
    emergency = {LABELS.index(label) for label in EMERGENCY_LABELS}
    for i in members:
        vectors = reading_vectors[i] if labels[i] not in emergency else reading_vectors[i][:1]
        rows.extend(vectors)
        row_labels.extend([labels[i]] * len(vectors))
    return np.stack(rows), np.array(row_labels)


def cross_validate(reading_vectors: list[np.ndarray], labels: np.ndarray, l2: float, k: int) -> CrossValidation:
    folds = stratified_folds(labels, k)
    emergency = np.zeros(len(labels))
    needs_care = np.zeros(len(labels))
    kinds = [""] * len(labels)
    for fold in range(k):
        train, test = np.flatnonzero(folds != fold), np.flatnonzero(folds == fold)
        weights, bias = fit(*training_rows(reading_vectors, labels, train), l2)
        model = SemanticModel(weights, bias, 1.0, None)
        e, c, kind = scores(model, [reading_vectors[i] for i in test])
        emergency[test], needs_care[test] = e, c
        for i, value in zip(test, kind, strict=True):
            kinds[i] = value
    return CrossValidation(l2, k, emergency, needs_care, kinds)


def embed_readings(embedder: Any, messages: Sequence[str]) -> list[np.ndarray]:
    texts = [readings(message) for message in messages]
    flat = [text for group in texts for text in group]
    vectors = np.asarray(embed_queries(embedder, flat), dtype=np.float32)
    out, start = [], 0
    for group in texts:
        out.append(vectors[start: start + len(group)])
        start += len(group)
    return out


def train(embedder: Any, examples: list[Example], *, k: int = 10,
          l2_grid: Sequence[float] = (0.003, 0.01, 0.03)) -> SemanticModel:
    """Pick the regularisation and both thresholds by k-fold cross-validation, then fit on everything."""
    labels = np.array([LABELS.index(e.label) for e in examples])
    reading_vectors = embed_readings(embedder, [e.message for e in examples])
    is_emergency = np.isin(labels, [LABELS.index(label) for label in EMERGENCY_LABELS])
    routine = labels == LABELS.index("routine")
    best: tuple[float, CrossValidation] | None = None
    for l2 in l2_grid:
        cv = cross_validate(reading_vectors, labels, l2, k)
        recall = float((cv.emergency[is_emergency] > threshold_for(cv.emergency[~is_emergency])).mean())
        if best is None or recall > best[0]:
            best = (recall, cv)
    assert best is not None
    cv = best[1]
    emergency_threshold = threshold_for(cv.emergency[~is_emergency])
    urgent_threshold: float | None = threshold_for(cv.needs_care[routine], MAX_FALSE_URGENT_RATE)
    report = cv_report(examples, cv, emergency_threshold, urgent_threshold)
    if report["all"]["rules+semantic"]["urgent_recall"] <= report["all"]["rules+semantic, no urgent raise"][
            "urgent_recall"]:
        urgent_threshold = None
    weights, bias = fit(*training_rows(reading_vectors, labels, range(len(labels))), cv.l2)
    return SemanticModel(weights, bias, emergency_threshold, urgent_threshold,
                         embedder=getattr(embedder, "name", "all-MiniLM-L6-v2"), report=report)


def cv_report(examples: list[Example], cv: CrossValidation, emergency_threshold: float,
              urgent_threshold: float | None) -> dict[str, Any]:
    """Out-of-fold figures: the semantic opinion alone, then the rules alone and rules + semantic, per source
    file and over all of them (each message judged by a model that never saw it)."""
    from careline.safety import assess_message

    expected_emergency = np.array([e.label in EMERGENCY_LABELS for e in examples])
    routine = np.array([e.label == "routine" for e in examples])
    raised = cv.emergency > emergency_threshold
    kind_right = np.array([cv.kinds[i] == examples[i].label for i in np.flatnonzero(expected_emergency & raised)])
    rules = [assess_message(e.message) for e in examples]
    hotlines = Hotlines()
    variants: dict[str, list[SafetyAssessment]] = {"rules": rules}
    for name, urgent in (("rules+semantic", urgent_threshold), ("rules+semantic, no urgent raise", None)):
        variants[name] = [
            raise_assessment(verdict, Opinion(float(e), float(c), kind, level_for(e, c, emergency_threshold, urgent)),
                             hotlines)
            for verdict, e, c, kind in zip(rules, cv.emergency, cv.needs_care, cv.kinds, strict=True)
        ]
    sources = ["all", *dict.fromkeys(e.source for e in examples)]
    by_source = {
        source: {name: _figures([(e, r) for e, r in zip(examples, results, strict=True)
                                 if source in ("all", e.source)])
                 for name, results in variants.items()}
        for source in sources
    }
    return {
        "trained_on": fingerprint(examples), "examples": len(examples), "folds": cv.folds, "l2": cv.l2,
        "semantic_alone": {
            "emergency_recall": _rate(raised[expected_emergency]),
            "false_alarm_rate": _rate(raised[~expected_emergency]),
            "kind_accuracy": _rate(kind_right),
            "false_urgent_rate": _rate((cv.needs_care > (urgent_threshold or 1.0))[routine]),
        },
        **by_source,
    }


def _figures(cases: list[tuple[Example, SafetyAssessment]]) -> dict[str, float]:
    """The eval runner's figures (careline.evals.safety), plus how many routine messages were called urgent."""
    emergencies = [(e, r) for e, r in cases if e.label in EMERGENCY_LABELS]
    found = [(e, r) for e, r in emergencies if r.level == "emergency"]
    return {
        "emergency_recall": _rate(np.array([r.level == "emergency" for _, r in emergencies])),
        "false_alarm_rate": _rate(np.array([r.level == "emergency" for e, r in cases
                                            if e.label not in EMERGENCY_LABELS])),
        "hotline_correctness": _rate(np.array([set(r.hotlines) == _expected_numbers(e.label) for e, r in found])),
        "urgent_recall": _rate(np.array([r.level != "routine" for e, r in cases if e.label == "urgent"])),
        "false_urgent_rate": _rate(np.array([r.level == "urgent" for e, r in cases if e.label == "routine"])),
    }


def _expected_numbers(label: str) -> set[str]:
    return set(_numbers(True, set(KIND_HOTLINES[label]), Hotlines()))


def _rate(flags: np.ndarray) -> float:
    return round(float(flags.mean()), 4) if len(flags) else 1.0


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "report"
    if command not in ("train", "report"):
        print("usage: python -m careline.safety.semantic [train|report]", file=sys.stderr)
        return 2
    if command == "train":
        if "OMP_NUM_THREADS" not in os.environ:
            # BLAS threads fight over these small matrices: one thread trains ~10x faster on a busy machine.
            os.environ["OMP_NUM_THREADS"] = "1"
            os.execv(sys.executable, [sys.executable, "-m", "careline.safety.semantic", *argv])
        from careline.embeddings.local import LocalMiniLMEmbedder

        model = train(LocalMiniLMEmbedder(), training_examples())
        WEIGHTS_FILE.write_text(json.dumps(model.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
        load_model.cache_clear()
    print(json.dumps(load_model().report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
