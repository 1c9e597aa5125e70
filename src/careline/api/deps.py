"""FastAPI dependencies shared by every router."""

from __future__ import annotations

from fastapi import Request

from careline.errors import ServiceUnavailable
from careline.services import Services


def get_services(request: Request) -> Services:
    return request.app.state.services


def require_content_ready(request: Request) -> Services:
    services = get_services(request)
    if not services.content_ready.is_set():
        raise ServiceUnavailable(services.startup_error or "Careline is still loading its content; try again shortly.")
    return services
