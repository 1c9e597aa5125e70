"""FastAPI dependencies shared by every router: services, database session, the calling principal."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from careline.auth.models import Principal
from careline.auth.service import authenticate, ensure_can_access_patient, require_kind
from careline.errors import ServiceUnavailable
from careline.patients.models import Patient
from careline.services import Services


def get_services(request: Request) -> Services:
    return request.app.state.services


def require_content_ready(request: Request) -> Services:
    services = get_services(request)
    if not services.content_ready.is_set():
        raise ServiceUnavailable(services.startup_error or "Careline is still loading its content; try again shortly.")
    return services


def get_db_session(services: Services = Depends(get_services)) -> Iterator[Session]:
    """One unit of work per request: committed when the route returns, rolled back on error."""
    with services.database.session() as session:
        yield session


# Commit before the response is sent: FastAPI's default scope would close the session afterwards,
# so a client could read before the write is visible, or get a 2xx for a commit that then fails.
DbSession = Depends(get_db_session, scope="function")


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    # EventSource cannot send headers; SSE routes accept ?access_token= instead.
    return request.query_params.get("access_token") or None


def current_principal(
    request: Request, db_session: Session = DbSession, services: Services = Depends(get_services)
) -> Principal:
    return authenticate(db_session=db_session, token=bearer_token(request), admin_key=services.settings.admin_key)


def require_admin(principal: Principal = Depends(current_principal)) -> Principal:
    return require_kind(principal, "admin")


def require_clinician(principal: Principal = Depends(current_principal)) -> Principal:
    return require_kind(principal, "clinician", "admin")


def require_patient(principal: Principal = Depends(current_principal)) -> Principal:
    return require_kind(principal, "patient")


def accessible_patient(
    patient_id: str, principal: Principal = Depends(current_principal), db_session: Session = DbSession
) -> Patient:
    """The {patient_id} in the path, if the caller may see it (that patient, a clinician of the clinic, admin)."""
    return ensure_can_access_patient(db_session=db_session, principal=principal, patient_id=patient_id)
