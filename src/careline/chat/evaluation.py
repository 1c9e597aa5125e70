"""Scores answers against `evals/answers/cases.jsonl`: citation validity, grounding (each answer sentence is
text of the article it cites), abstention, required citations and facts. Used by the answers test and
`benchmarks/chat.py`."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from careline.chat.models import ChatReply
from careline.chat.retrieve import article_notes
from careline.chat.text import markers_in, remove_markers, split_sentences, strip_markdown
from careline.retrieval.store import KnowledgeStore

ANSWER_CASES = Path(__file__).resolve().parents[3] / "evals" / "answers" / "cases.jsonl"


def load_cases(path: Path = ANSWER_CASES) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _normalize(text: str) -> str:
    return " ".join(re.sub(r"[^\w%/'-]+", " ", strip_markdown(text).lower()).split())


def body_sentences(answer: str) -> list[tuple[str, list[int]]]:
    """Each sentence of the answer body with the citations it carries (a sentence without markers belongs to
    the next cited sentence of its paragraph). The "For you" notes are not part of the body."""
    body = answer.split("\n\nFor you:")[0]
    out: list[tuple[str, list[int]]] = []
    for line in body.splitlines():
        sentences = split_sentences(line)
        for index, sentence in enumerate(sentences):
            cited = markers_in(sentence) or next((markers_in(s) for s in sentences[index + 1:] if markers_in(s)), [])
            out.append((remove_markers(sentence), cited))
    return out


@dataclass
class AnswerScore:
    cases: int = 0
    citations_valid: int = 0
    sentences: int = 0
    sentences_traceable: int = 0
    abstain_expected: int = 0
    abstain_correct: int = 0
    answer_expected: int = 0
    answered: int = 0
    must_cite_ok: int = 0
    must_contain_ok: int = 0
    must_not_contain_ok: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def figures(self) -> dict[str, float]:
        def rate(part: int, whole: int) -> float:
            return round(part / whole, 4) if whole else 1.0

        return {
            "citation_validity": rate(self.citations_valid, self.cases),
            "grounding": rate(self.sentences_traceable, self.sentences),
            "abstain_accuracy": rate(self.abstain_correct, self.abstain_expected),
            "answer_rate": rate(self.answered, self.answer_expected),
            "must_cite": rate(self.must_cite_ok, self.answer_expected),
            "must_contain": rate(self.must_contain_ok, self.answer_expected),
            "must_not_contain": rate(self.must_not_contain_ok, self.cases),
        }


def traceable(sentence: str, cited: Iterable[int], article_text: Callable[[int], str]) -> bool:
    """True when the sentence appears (as words) in one of the articles it cites."""
    words = _normalize(sentence).rstrip(".")
    return bool(words) and any(words in _normalize(article_text(n)) for n in cited)


def score_answers(ask: Callable[[str], ChatReply], store: KnowledgeStore,
                  cases: list[dict[str, Any]] | None = None) -> AnswerScore:
    score = AnswerScore()
    articles: dict[str, str] = {}

    def article(doc_id: str) -> str:
        if doc_id not in articles:
            chunks = store.index.document_chunks(doc_id)
            document = store.index.get_document(doc_id)
            notes = [text for _, text in article_notes(document.metadata if document else {})]
            articles[doc_id] = " ".join([*(f"{c.title} {c.text}" for c in chunks), *notes])
        return articles[doc_id]

    for case in cases if cases is not None else load_cases():
        reply = ask(case["question"])
        score.cases += 1
        numbers = {c.n: c.doc_id for c in reply.citations}
        used = {int(n) for n in re.findall(r"\[(\d+)\]", reply.answer)}
        if used <= set(numbers):
            score.citations_valid += 1
        else:
            score.failures.append(f"{case['id']}: invalid citation markers {sorted(used - set(numbers))}")
        if not reply.abstained:
            def cited_article(n: int, numbers: dict[int, str] = numbers) -> str:
                return article(numbers[n]) if n in numbers else ""

            for sentence, cited in body_sentences(reply.body or reply.answer):
                score.sentences += 1
                if traceable(sentence, cited, cited_article):
                    score.sentences_traceable += 1
                else:
                    score.failures.append(f"{case['id']}: untraceable sentence {sentence[:80]!r}")
        answer = reply.answer.lower()
        if all(phrase.lower() not in answer for phrase in case.get("must_not_contain", [])):
            score.must_not_contain_ok += 1
        else:
            score.failures.append(f"{case['id']}: contains a forbidden phrase")
        if case["should_abstain"]:
            score.abstain_expected += 1
            score.abstain_correct += reply.abstained
            if not reply.abstained:
                score.failures.append(f"{case['id']}: answered but should abstain")
            continue
        score.answer_expected += 1
        score.answered += not reply.abstained
        cited_docs = set(numbers.values())
        if set(case["must_cite"]) <= cited_docs:
            score.must_cite_ok += 1
        else:
            score.failures.append(f"{case['id']}: did not cite {sorted(set(case['must_cite']) - cited_docs)}")
        missing = [phrase for phrase in case["must_contain"] if phrase.lower() not in answer]
        if missing:
            score.failures.append(f"{case['id']}: missing {missing}")
        else:
            score.must_contain_ok += 1
    return score
