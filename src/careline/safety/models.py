"""What triage says about one patient message."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

SafetyLevel = Literal["emergency", "urgent", "routine"]


@dataclass(frozen=True)
class SafetyAssessment:
    level: SafetyLevel = "routine"
    # Machine-readable reasons, e.g. "emergency:chest_pain", "urgent:high_fever", "scope:dose_change",
    # "injection:system_prompt", "privacy:other_patient". Shown to clinicians and returned by the API.
    flags: tuple[str, ...] = ()
    # Text that must come first in the reply (the emergency message with the numbers to call).
    emergency_reply: str | None = None
    # Kind notes about what Careline cannot do here (diagnose, change a dose, ...), added to the answer.
    scope_notes: tuple[str, ...] = ()
    # True when the message must get a refusal and nothing else (injection, another patient's data). When the
    # message is also an emergency, refusal_reply already starts with emergency_reply: show refusal_reply alone.
    refuse: bool = False
    refusal_reply: str | None = None
    # The numbers the replies give (emergency number first), e.g. ("911", "988").
    hotlines: tuple[str, ...] = field(default=())
    # For level "urgent": a short note to contact the care team soon, shown before the answer.
    urgent_note: str | None = None
