"""Both personalization eval files, as `careline eval` reads them: the held-out file (written blind, before the
code was read) has the promised shape, and personal notes meet the release bar on it."""

from __future__ import annotations

from careline.evals import personalization as personalization_eval
from careline.evals.personalization import EVALS_DIR
from careline.retrieval.search import HybridRetriever

HOLDOUT = EVALS_DIR / "personalization" / "cases-holdout.jsonl"


def test_the_held_out_file_covers_every_kind_and_many_negatives() -> None:
    cases = personalization_eval.load_cases(HOLDOUT)
    assert len(cases) >= 40 and len({case.id for case in cases}) == len(cases)
    assert sum(not case.expected_kinds for case in cases) >= 12
    kinds = {kind for case in cases for kind in case.expected_kinds}
    assert kinds == {"allergy", "interaction", "pregnancy", "pediatric", "older_adult", "kidney", "condition"}


def test_personal_notes_meet_the_release_bar_on_the_held_out_cases(library_store) -> None:
    report = personalization_eval.evaluate(library_store, personalization_eval.load_cases(HOLDOUT),
                                           HybridRetriever(library_store))
    assert report["recall"] >= 0.95, report["misses"]
    assert report["mention_rate"] >= 0.95, report["misses"]
    assert report["negative_accuracy"] >= 0.95, report["misses"]
