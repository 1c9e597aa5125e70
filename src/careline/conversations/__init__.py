"""Conversations and their messages: the persisted record of every chat turn (tables, service functions
and the patient's history routes)."""
