"""Medication reminders: schedules in the patient's time zone, the scheduler that fires them exactly once,
dose tracking (taken / skipped / snoozed / missed) and adherence."""
