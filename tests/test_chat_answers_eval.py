"""The answers eval set through the offline engine: every citation valid, every answer sentence traceable
to the article it cites, off-topic questions abstain, and the expected articles and facts show up."""

from __future__ import annotations

from careline.chat.evaluation import load_cases, score_answers
from careline.chat.factory import build_pipeline
from careline.chat.pipeline import TurnRequest
from careline.conversations.state import MemoryConversationStore


def test_the_answers_set_is_large_enough_and_well_formed():
    cases = load_cases()
    assert len(cases) >= 60 and sum(c["should_abstain"] for c in cases) >= 10
    assert len({c["id"] for c in cases}) == len(cases)
    for case in cases:
        assert {"id", "question", "must_cite", "must_contain", "must_not_contain", "should_abstain"} <= case.keys()


def test_offline_answers_are_valid_grounded_and_on_topic(library_settings, library_store):
    pipeline = build_pipeline(library_settings, library_store, MemoryConversationStore())
    score = score_answers(lambda question: pipeline.run(TurnRequest(message=question)), library_store)
    figures = score.figures
    assert figures["citation_validity"] == 1.0, score.failures
    assert figures["grounding"] == 1.0, score.failures
    assert figures["abstain_accuracy"] == 1.0, score.failures
    assert figures["must_not_contain"] == 1.0, score.failures
    assert figures["must_cite"] >= 0.95 and figures["must_contain"] >= 0.9, score.failures
