"""Errors that reach people: each has a stable code, an HTTP status and a message a person understands."""

from __future__ import annotations


class CarelineError(Exception):
    """Base error; the API turns it into ``{"error": {"code", "message"}}`` with ``status``."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code:
            self.code = code
        if status:
            self.status = status


class ValidationFailed(CarelineError):
    status = 422
    code = "validation_error"


class NotFound(CarelineError):
    status = 404
    code = "not_found"


class Unauthorized(CarelineError):
    status = 401
    code = "unauthorized"


class Forbidden(CarelineError):
    status = 403
    code = "forbidden"


class Conflict(CarelineError):
    status = 409
    code = "conflict"


class ServiceUnavailable(CarelineError):
    status = 503
    code = "unavailable"
