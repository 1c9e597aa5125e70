"""Structured conversation summaries for clinicians: reason for contact, symptoms (negations kept as
negations), medicines, safety flags with the message that raised each, unanswered questions, adherence and a
suggested follow-up. Made offline by default, by the LLM through `prompts/summary.md` when one is
configured; stored, and made again when the conversation (or the adherence it quotes) changes."""
