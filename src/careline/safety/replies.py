"""The words Careline says when triage finds something: the emergency reply, the urgent note, scope notes
and the refusal. Numbers come from settings; nothing here gives medical advice beyond who to call."""

from __future__ import annotations

from dataclasses import dataclass

from careline.safety.concepts import CRISIS, POISON


@dataclass(frozen=True)
class Hotlines:
    emergency: str = "911"
    crisis: str = "988"
    poison: str = "1-800-222-1222"

    def number(self, kind: str) -> str:
        return {CRISIS: self.crisis, POISON: self.poison}.get(kind, self.emergency)


def emergency_reply(hotlines: Hotlines, kinds: set[str], situations: frozenset[str] = frozenset()) -> str:
    """The reply that comes first: the emergency number, then the lines each situation needs (`situations` are
    the flag names found, e.g. "anaphylaxis")."""
    lines = [
        f"This could be a medical emergency. Call {hotlines.emergency} now, or ask someone near you to call. "
        "Do not wait to see if it gets better."
    ]
    if "anaphylaxis" in situations:
        # From the vetted anaphylaxis article (knowledge/anaphylaxis.md): epinephrine first, then 911.
        lines.append(
            "If there is an epinephrine auto-injector (such as an EpiPen) prescribed for the person, use it right "
            f"away, following the directions on the device. Call {hotlines.emergency} even if they start to feel "
            "better."
        )
    if CRISIS in kinds:
        lines.append(
            f"If you are thinking about suicide or hurting yourself, or you are worried about someone else, call or "
            f"text {hotlines.crisis} (Suicide & Crisis Lifeline) now. You can reach them any time, day or night."
        )
    if POISON in kinds:
        lines.append(
            f"For a poisoning or an overdose, also call Poison Control at {hotlines.poison}. If the person is not "
            f"breathing, cannot be woken or has a seizure, call {hotlines.emergency} first."
        )
    lines.append("Careline cannot call for help for you. This conversation is flagged for your care team, "
                 "but do not wait for them.")
    return "\n\n".join(lines)


def urgent_note(hotlines: Hotlines, kinds: set[str]) -> str:
    note = (
        "From what you describe, please contact your doctor or care team today, or go to urgent care. "
        f"If it gets worse or you feel very unwell, call {hotlines.emergency}."
    )
    if POISON in kinds:
        note += f" For a medicine mix-up, such as a double dose, Poison Control can help: {hotlines.poison}."
    if CRISIS in kinds:
        note += f" If you have thoughts of hurting yourself, call or text {hotlines.crisis} any time."
    return note


SCOPE_NOTES = {
    "diagnosis": (
        "I can't tell you whether you have a condition: only your care team can diagnose, after they talk with "
        "you and examine you. Here is general information that may help you talk with them."
    ),
    "dose_change": (
        "I can't suggest or change a medicine dose. Please ask your prescriber or pharmacist before changing how "
        "much you take. Here is the general information from our library."
    ),
    "stop_medicine": (
        "I can't advise stopping a medicine. Please talk with your prescriber or pharmacist before you stop or "
        "change it. Here is the general information from our library."
    ),
    "prescribe": (
        "I can't prescribe or choose a medicine for you. Your care team can decide what is right for you. Here is "
        "general information that may help you talk with them."
    ),
}

REFUSAL = (
    "I can't help with that. I'm Careline, a health information assistant: I answer health questions from "
    "vetted content, and I can only use your own profile. I can't change how I work, share my instructions, "
    "act as a doctor, or show anyone else's information. Please ask me a health question, or contact your care "
    "team."
)
