"""Unit tests for the tricky parts of retrieval: fusion, query analysis, intents, configuration."""

from __future__ import annotations

import pytest

from careline.retrieval.fusion import reciprocal_rank_fusion
from careline.retrieval.intents import classify_question, classify_section
from careline.retrieval.lexical import Filters, fts_query
from careline.retrieval.query import SpellingCorrector, analyze_query, expand_lay_terms
from careline.retrieval.search import RetrieverConfig


def test_rrf_rewards_items_ranked_well_by_both_lists() -> None:
    scores = reciprocal_rank_fusion({"lexical": ["a", "b", "c"], "dense": ["b", "c", "a"]}, k=60)
    assert max(scores, key=scores.get) == "b"
    assert scores["b"] == pytest.approx(1 / 62 + 1 / 61)


def test_rrf_weights_scale_each_list() -> None:
    scores = reciprocal_rank_fusion({"lexical": ["a"], "dense": ["b"]}, weights={"lexical": 2.0, "dense": 1.0})
    assert scores["a"] == pytest.approx(2 * scores["b"])


def test_rrf_rejects_a_non_positive_k() -> None:
    with pytest.raises(ValueError):
        reciprocal_rank_fusion({"x": ["a"]}, k=0)


def test_retriever_config_is_validated_when_built() -> None:
    with pytest.raises(ValueError, match="candidates"):
        RetrieverConfig(candidates=0)
    with pytest.raises(ValueError, match="mode"):
        RetrieverConfig(mode="magic")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("what are the signs of a stroke?", "symptoms"),
        ("does metformin have side effects", "side_effects"),
        ("what causes gout", "causes"),
        ("how is asthma treated", "treatment"),
        ("how do I take levothyroxine, with food?", "how_to_take"),
        ("I forgot my pill this morning", "how_to_take"),
        ("how can I prevent kidney stones", "prevention"),
        ("when should I see a doctor for a cold", "when_to_get_help"),
        ("what is COPD", "overview"),
        ("metformin", None),
    ],
)
def test_question_intent(question: str, intent: str | None) -> None:
    assert classify_question(question) == intent


def test_section_intent_from_heading_or_opening_words() -> None:
    assert classify_section("Side effects") == "side_effects"
    assert classify_section("When to get help") == "when_to_get_help"
    assert classify_section("", "Symptoms of flu include fever and aches.") == "symptoms"


def test_lay_words_expand_to_clinical_terms_longest_phrase_first() -> None:
    assert "diuretic" in expand_lay_terms("is a water pill safe")
    low = expand_lay_terms("my low sugar episodes")
    assert "hypoglycemia" in low and "diabetes" not in low


def test_spelling_correction_fixes_one_edit_typos_against_the_content_vocabulary() -> None:
    corrector = SpellingCorrector(["Ibuprofen helps pain.", "Diabetes and diabetes care.", "Metformin."])
    assert corrector.correct("ibuprofin") == "ibuprofen"
    assert corrector.correct("diabetse") == "diabetes"
    assert corrector.correct("diabetes") is None  # known words are left alone
    analyzed = analyze_query("ibuprofin for my back", corrector)
    assert "ibuprofen" in analyzed.lexical_terms


def test_fts_query_neutralises_syntax_in_user_text() -> None:
    assert fts_query(['NEAR("x"', "a*b", "OR", '"']) == '"NEAR x" OR "a b" OR "OR"'


def test_audience_filter_includes_content_for_everyone() -> None:
    assert Filters(audience="pediatric").audiences() == ("pediatric", "all")
    assert Filters(audience="all").audiences() is None


def test_passage_types_are_read_from_words_when_there_is_no_heading() -> None:
    from careline.retrieval.passage_types import classify_passage

    assert classify_passage("You may notice a cough, a fever and chills, and feel very tired.") == "symptoms"
    treatment = "Treatment may include medicines your doctor prescribes, and sometimes surgery or physical therapy."
    assert classify_passage(treatment) == "treatment"
    assert classify_passage("This condition is inherited in an autosomal recessive pattern.") == "inheritance"
    assert classify_passage("Zebra stripes glitter.") is None


def test_passage_type_model_trains_from_labelled_examples() -> None:
    from careline.retrieval.passage_types import train

    examples = [("sneezing itchy eyes runny nose", "symptoms")] * 3
    examples += [("pills tablets therapy doctor", "treatment")] * 3
    model = train(examples)
    label, confidence = model.classify("itchy runny eyes")
    assert label == "symptoms" and confidence > 0.9


def test_the_shipped_passage_type_model_is_trained_on_the_current_library() -> None:
    """Adding or rewriting articles changes the training data: retrain with
    `python -m careline.retrieval.passage_types knowledge/` and commit passage_types.json."""
    import json

    from careline.retrieval.passage_types import MODEL_PATH, train, training_examples
    from careline.settings import BUNDLED_KNOWLEDGE_DIR

    current = json.loads(json.dumps(train(training_examples(BUNDLED_KNOWLEDGE_DIR)).to_json()))
    assert current == json.loads(MODEL_PATH.read_text(encoding="utf-8")), "passage_types.json is out of date"


def test_convex_fusion_settings_are_validated() -> None:
    with pytest.raises(ValueError, match="alpha"):
        RetrieverConfig(alpha=1.5)
    with pytest.raises(ValueError, match="fusion"):
        RetrieverConfig(fusion="max")  # type: ignore[arg-type]
