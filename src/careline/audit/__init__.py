"""The audit log: every clinician or admin view (and change) of a patient's data, with who, what and when;
written by an ASGI middleware for every patient-data route, read by the admin."""
