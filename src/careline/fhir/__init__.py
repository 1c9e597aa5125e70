"""FHIR R4 import: a Bundle's patient, conditions, allergies and medicines into a profile and reminders."""
