"""Routes for browsers: `/widget.js` and its stylesheet, `/demo`, `/console` and their static files, the
widget's config and session, and the demo-mode patient and clinician."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from careline.api.deps import DbSession, get_services, require_patient
from careline.auth.models import Principal
from careline.errors import NotFound
from careline.patients.service import get_patient
from careline.patients.validation import validate_timezone
from careline.services import Services
from careline.web import demo

STATIC_DIR = Path(__file__).with_name("static")

# Pages are served from Careline's own origin and load nothing from anywhere else.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
# The widget's files are embedded by clinic sites on other origins.
EMBED_HEADERS = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff",
                 "Cross-Origin-Resource-Policy": "cross-origin"}

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/v1", tags=["widget"])


@pages.get("/widget.js")
def widget_script() -> FileResponse:
    return FileResponse(STATIC_DIR / "widget.js", media_type="text/javascript; charset=utf-8", headers=EMBED_HEADERS)


@pages.get("/widget.css")
def widget_stylesheet() -> FileResponse:
    return FileResponse(STATIC_DIR / "widget.css", media_type="text/css; charset=utf-8", headers=EMBED_HEADERS)


@pages.get("/demo")
def demo_page() -> FileResponse:
    return FileResponse(STATIC_DIR / "demo.html", media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


@pages.get("/console")
def console_page() -> FileResponse:
    return FileResponse(STATIC_DIR / "console.html", media_type="text/html; charset=utf-8", headers=PAGE_HEADERS)


class WidgetConfig(BaseModel):
    emergency_number: str
    crisis_line: str
    poison_control: str
    demo_mode: bool


class WidgetSession(BaseModel):
    patient_id: str
    name: str
    timezone: str


class DemoPatientRequest(BaseModel):
    timezone: str = Field("UTC", max_length=64, description="The browser's IANA time zone")


@api.get("/widget/config", response_model=WidgetConfig, summary="Numbers the widget shows; whether demo mode is on")
def widget_config(services: Services = Depends(get_services)) -> WidgetConfig:
    settings = services.settings
    return WidgetConfig(emergency_number=settings.emergency_number, crisis_line=settings.crisis_line,
                        poison_control=settings.poison_control, demo_mode=settings.demo_mode)


@api.get("/widget/session", response_model=WidgetSession, summary="The patient behind a patient token")
def widget_session(principal: Principal = Depends(require_patient),
                   db_session: Session = DbSession) -> WidgetSession:
    patient = get_patient(db_session=db_session, patient_id=principal.id)
    return WidgetSession(patient_id=patient.id, name=patient.name, timezone=patient.timezone)


def _require_demo_mode(services: Services = Depends(get_services)) -> Services:
    if not services.settings.demo_mode:
        raise NotFound("Demo mode is off on this Careline.")
    return services


@api.post("/demo/patient", status_code=201, summary="Demo mode only: a made-up patient and its token")
def create_demo_patient(
    body: DemoPatientRequest | None = None, _: Services = Depends(_require_demo_mode),
    db_session: Session = DbSession,
) -> dict[str, str]:
    timezone = validate_timezone((body or DemoPatientRequest()).timezone)
    created = demo.create_demo_patient(db_session=db_session, timezone=timezone)
    db_session.commit()  # the token must work as soon as the browser has it
    return created


@api.post("/demo/clinician", status_code=201, summary="Demo mode only: a clinician who sees demo patients only")
def create_demo_clinician(
    _: Services = Depends(_require_demo_mode), db_session: Session = DbSession,
) -> dict[str, str]:
    created = demo.create_demo_clinician(db_session=db_session)
    db_session.commit()
    return created


def install_web(app: FastAPI) -> None:
    """Pages, static files and the widget's API routes."""
    app.include_router(pages)
    app.include_router(api)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="careline-static")
