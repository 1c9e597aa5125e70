"""Notifications a patient receives: the in-app feed, the live server-sent-events stream, and delivery by
webhook (signed JSON) and email (SMTP), with a delivery log and retries."""
