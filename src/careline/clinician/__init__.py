"""The clinician side: the conversation worklist (urgency first), one conversation with its summary,
profile and adherence, and reviews with a note. Every route needs a clinician token of the patient's
clinic (or the admin key); every view is written to the audit log by `careline.audit`."""
