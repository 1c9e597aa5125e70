"""Patients and their profiles (conditions, allergies, medicines, age, pregnancy, time zone)."""
