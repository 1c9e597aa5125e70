"""Safety: emergency triage, scope limits (no diagnosis, dosing, stopping or prescribing) and prompt
injection, for every patient message; and a screen for answer sentences.

The chat pipeline depends only on `assess_message` and `screen_answer_sentence`.
"""

from careline.safety.models import SafetyAssessment

__all__ = ["SafetyAssessment", "assess_message", "screen_answer_sentence"]


def assess_message(message: str, *, emergency_number: str = "911", crisis_line: str = "988",
                   poison_control: str = "1-800-222-1222") -> SafetyAssessment:
    from careline.safety.triage import assess

    return assess(message, emergency_number=emergency_number, crisis_line=crisis_line,
                  poison_control=poison_control)


def screen_answer_sentence(sentence: str) -> bool:
    """True when a sentence may appear in an answer (it does not diagnose, dose, stop or prescribe)."""
    from careline.safety.scope import sentence_is_in_scope

    return sentence_is_in_scope(sentence)
