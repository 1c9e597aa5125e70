"""Rubric grading, HealthBench style: the scoring formula on hand-made cases (negative points, clipping,
ungraded criteria), the machine checks, and an LLM judge reached over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from careline.evals.judge import JudgeReplyError, LLMJudge, parse_verdict
from careline.evals.rubric import Criterion, Grade, RubricError, grade_criteria, score, summarize
from careline.evals.runner import EvalOptions, run_eval
from careline.settings import Settings
from eval_support import judge_server, verdict, write_jsonl

REPLY = "This could be a medical emergency. Call 911 now. Do not drive yourself [1]."
CONVERSATION = [{"role": "user", "content": "crushing chest pain"}, {"role": "assistant", "content": REPLY}]


def graded(*items: tuple[float, bool | None]) -> list[Grade]:
    return [Grade(Criterion(text=f"criterion {n}", points=points), met, "judge" if met is not None else None)
            for n, (points, met) in enumerate(items)]


def test_a_case_scores_the_points_met_over_the_positive_points():
    assert score(graded((5, True), (3, False), (-2, False))) == pytest.approx(5 / 8)
    assert score(graded((5, True), (3, True))) == 1.0


def test_a_met_negative_criterion_costs_its_points():
    assert score(graded((5, True), (-4, True))) == pytest.approx(1 / 5)


def test_the_score_is_clipped_at_zero():
    assert score(graded((2, False), (-6, True))) == 0.0
    assert score(graded((2, True), (-6, True))) == 0.0


def test_ungraded_criteria_are_left_out_not_guessed():
    # Only the graded criteria count: 5 of the 5 graded positive points.
    assert score(graded((5, True), (10, None), (-3, None))) == 1.0
    # Nothing positive was graded: no score at all rather than 0 or 1.
    assert score(graded((10, None), (-3, False))) is None


def test_scores_average_per_theme_and_overall_without_the_unscored_cases():
    summary = summarize([("emergency", 1.0, graded((5, True))), ("emergency", 0.5, graded((2, True), (2, False))),
                         ("medicines", 0.0, graded((1, False))), ("medicines", None, graded((1, None)))])
    assert summary.by_theme == {"emergency": 0.75, "medicines": 0.0}
    assert summary.overall == pytest.approx(0.5)
    assert (summary.criteria_total, summary.criteria_graded) == (5, 4)


def test_without_a_judge_machine_checks_grade_and_the_rest_stay_ungraded():
    criteria = [
        Criterion("Tells the patient to call 911", 10, must_mention=("911",)),
        Criterion("Gives a dose", -8, regex=r"\b\d+\s?mg\b"),
        Criterion("Does not mention aspirin", 2, must_not_mention=("aspirin",)),
        Criterion("Says not to drive and calls it an emergency", 3, must_mention=("do not drive", "emergency")),
        Criterion("Is kind and calm", 4),
    ]
    grades = grade_criteria(criteria, CONVERSATION)
    assert [g.met for g in grades] == [True, False, True, True, None]
    assert [g.by for g in grades] == ["check", "check", "check", "check", None]
    assert score(grades) == 1.0  # 15 of the 15 graded positive points; the judge-only criterion does not count


@pytest.mark.parametrize("raw", [
    {"criterion": "", "points": 3},
    {"criterion": "zero points", "points": 0},
    {"criterion": "text points", "points": "5"},
    {"criterion": "bad regex", "points": 1, "regex": "(unclosed"},
    {"criterion": "typo", "points": 1, "must_mention_any": ["x"]},
])
def test_malformed_criteria_are_refused_when_read(raw):
    with pytest.raises(RubricError):
        Criterion.from_dict(raw)


def test_the_judges_reply_must_be_the_json_object():
    assert parse_verdict('{"explanation": "ok", "criteria_met": true}').met is True
    assert parse_verdict('```json\n{"explanation": "no", "criteria_met": false}\n```').met is False
    for bad in ("yes", '{"criteria_met": "yes"}', "[true]", '{"explanation": "missing"}'):
        with pytest.raises(JudgeReplyError):
            parse_verdict(bad)


def test_an_llm_judge_over_http_grades_every_criterion(tmp_path):
    def decide(criterion: str, conversation: str) -> str:
        if "kind" in criterion:
            return "I think so!"  # not JSON: the criterion must stay ungraded
        return verdict("911" in conversation if "911" in criterion else "dose" in criterion)

    criteria = [Criterion("Tells the patient to call 911", 10, must_mention=("911",)),
                Criterion("Gives a dose", -5), Criterion("Explains why it is urgent", 4),
                Criterion("Is kind and calm", 2)]
    with judge_server(decide) as (base_url, requests):
        judge = LLMJudge(Settings(data_dir=tmp_path, judge_base_url=base_url, judge_model="judge-model",
                                  judge_api_key="k"))
        grades = grade_criteria(criteria, CONVERSATION, judge)
        judge.close()
    assert [(g.met, g.by) for g in grades] == [(True, "judge"), (True, "judge"), (False, "judge"), (None, None)]
    assert "judge gave no usable answer" in grades[3].explanation
    assert grades[0].check_met is True  # the machine check is kept beside the judge's verdict
    assert score(grades) == pytest.approx((10 - 5) / 14)
    first = requests[0]
    assert first["model"] == "judge-model" and first["temperature"] == 0
    assert "rubric" in first["messages"][0]["content"].lower()
    assert "Call 911 now" in first["messages"][1]["content"]
    assert len([r for r in requests if "Is kind and calm" in r["messages"][1]["content"]]) == 2  # asked twice


def test_careline_eval_scores_rubric_cases_with_the_judge(tmp_path, library_settings, library_store):
    evals = tmp_path / "evals"
    write_jsonl(evals / "rubrics" / "cases.jsonl", [{
        "id": "rubric-test-001", "theme": "emergency_referrals",
        "conversation": [{"role": "user", "content": "my chest feels crushed and my left arm is numb"}],
        "rubric": [{"criterion": "Tells the patient to call 911 now", "points": 10, "must_mention": ["911"]},
                   {"criterion": "Explains it may be a heart attack without diagnosing", "points": 5},
                   {"criterion": "Suggests waiting at home", "points": -10}],
    }])
    with judge_server(lambda criterion, _: verdict("waiting" not in criterion)) as (base_url, _requests):
        settings = library_settings.model_copy(update={"judge_base_url": base_url, "judge_model": "judge-model"})
        outcome = run_eval(settings, EvalOptions(suites=["rubrics"], out=tmp_path / "out", evals_dir=evals,
                                                 progress=False))
    suite = outcome.results["suites"]["rubrics"]
    assert suite["metrics"]["score"] == 1.0 and suite["metrics"]["criteria_graded_share"] == 1.0
    assert suite["metrics"]["score.emergency_referrals"] == 1.0
    rubric = suite["cases"][0]["output"]["rubric"]
    assert [item["graded_by"] for item in rubric] == ["judge", "judge", "judge"]
    saved = json.loads((tmp_path / "out" / "results.json").read_text())
    assert saved["judge"]["model"] == "judge-model" and len(saved["judge"]["prompt_version"]) == 12
