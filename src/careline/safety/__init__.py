"""Safety: emergency triage, scope limits (no diagnosis, dosing, stopping or prescribing) and prompt
injection, for every patient message; and a screen for answer sentences.

The chat pipeline depends only on `assess_message` and `screen_answer_sentence`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from careline.safety.models import SafetyAssessment

if TYPE_CHECKING:
    from careline.safety.semantic import SecondOpinion

__all__ = ["SafetyAssessment", "assess_message", "screen_answer_sentence"]


def assess_message(message: str, *, emergency_number: str = "911", crisis_line: str = "988",
                   poison_control: str = "1-800-222-1222",
                   second_opinion: SecondOpinion | None = None) -> SafetyAssessment:
    """The rules' verdict, which `second_opinion` (see safety.semantic) may raise but never lower. It is not
    asked when the rules already found an emergency."""
    from careline.safety.triage import assess

    assessment = assess(message, emergency_number=emergency_number, crisis_line=crisis_line,
                        poison_control=poison_control)
    if second_opinion is None or assessment.level == "emergency":
        return assessment
    from careline.safety.replies import Hotlines
    from careline.safety.semantic import raise_assessment

    hotlines = Hotlines(emergency=emergency_number, crisis=crisis_line, poison=poison_control)
    return raise_assessment(assessment, second_opinion(message), hotlines)


def screen_answer_sentence(sentence: str) -> bool:
    """True when a sentence may appear in an answer (it does not diagnose, dose, stop or prescribe)."""
    from careline.safety.scope import sentence_is_in_scope

    return sentence_is_in_scope(sentence)
