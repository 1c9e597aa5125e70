"""Personalization: what a patient's stored profile (allergies, medicines, pregnancy, age, conditions) means
for the question they asked, from the knowledge library's structured medication data.

The chat pipeline depends only on `personal_notes` and `PersonalNote`.
"""

from careline.personalization.models import PersonalNote
from careline.personalization.notes import personal_notes

__all__ = ["PersonalNote", "personal_notes"]
