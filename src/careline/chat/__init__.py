"""The chat turn: safety triage, turn handlers, follow-up resolution, retrieval with the patient's profile,
a grounded answer engine (offline composer or LLM), answer checks, personal notes and persistence; and the
routes and command that expose it (`POST /api/v1/chat`, `/v1/chat/completions`, `careline ask`)."""
