"""Structured JSON logs. Callers pass opaque ids and counts only, never message text or names."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime

# Keys a log record may carry besides the event name. Anything else passed in `extra` is dropped,
# so a careless call cannot leak patient text into the logs.
ALLOWED_FIELDS = frozenset(
    {
        "event", "doc_id", "chunk_count", "added", "updated", "unchanged", "rejected", "pruned",
        "skipped", "duration_ms", "status", "method", "path", "k", "results", "engine",
        "conversation_id", "message_id", "patient_id", "clinician_id", "reminder_id", "job_id",
        "safety_level", "error_code", "count", "attempt", "channel", "records",
    }
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        for key in ALLOWED_FIELDS:
            if key in record.__dict__ and key != "event":
                payload[key] = record.__dict__[key]
        if record.exc_info and record.exc_info[0] is not None:
            payload["error_type"] = record.exc_info[0].__name__
        return json.dumps(payload, default=str)


def configure_logging(level: str = "INFO") -> None:
    """Send JSON lines to stderr; quiet chatty libraries."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("httpx", "chromadb", "sentence_transformers", "urllib3", "apscheduler.scheduler"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def get_logger(name: str) -> logging.Logger:
    return logging.getLogger(name)
