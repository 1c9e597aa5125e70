"""Every error leaves the API as {"error": {"code", "message"}} with a 4xx/5xx status."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from careline.errors import CarelineError
from careline.logs import get_logger

log = get_logger(__name__)

_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
               422: "validation_error", 429: "rate_limited", 503: "unavailable"}


def error_response(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse(status_code=status, content={"error": {"code": code, "message": message}})


def describe_validation_error(exc: RequestValidationError) -> str:
    """One readable sentence per problem: 'body.message: Field required'."""
    parts = []
    for error in exc.errors():
        where = ".".join(str(item) for item in error.get("loc", ()) if item != "body") or "request"
        message = error.get("msg", "is invalid")
        if error.get("type") == "json_invalid":
            where, message = "body", "is not valid JSON"
        parts.append(f"{where}: {message}")
    return "; ".join(parts) or "the request is invalid"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CarelineError)
    async def careline_error(_: Request, exc: CarelineError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "validation_error", describe_validation_error(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        return error_response(exc.status_code, _HTTP_CODES.get(exc.status_code, "error"), message)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", extra={"error_code": type(exc).__name__})
        return error_response(500, "internal_error", "Something went wrong on our side. Please try again.")
