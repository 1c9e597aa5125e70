"""The FastAPI application: routers, error shape, CORS, and start-up of the shared services."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from careline import __version__
from careline.api import health
from careline.api.errors import install_error_handlers
from careline.audit import views as audit_views
from careline.audit.middleware import AuditMiddleware
from careline.auth import views as admin_views
from careline.chat import openai_compat
from careline.chat import views as chat_views
from careline.clinician import views as clinician_views
from careline.conversations import views as conversation_views
from careline.fhir import views as fhir_views
from careline.logs import configure_logging
from careline.notifications import views as notification_views
from careline.patients import views as profile_views
from careline.reminders import views as reminder_views
from careline.retrieval import views as search_views
from careline.services import Services
from careline.settings import Settings, get_settings
from careline.web.views import install_web

# Every domain's routes; each domain owns its views module.
ROUTERS = (
    health.router, search_views.router, admin_views.router, chat_views.router, conversation_views.router,
    openai_compat.router, profile_views.router, fhir_views.router, reminder_views.router,
    notification_views.router, clinician_views.router, audit_views.router,
)


def create_app(settings: Settings | None = None, *, prepare_in_background: bool = True) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)
    services = Services(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Content preparation (first-start ingest, model load) runs beside the server so /healthz
        # answers at once and /readyz tells when answers are available.
        services.database.migrate()
        if prepare_in_background:
            threading.Thread(target=services.prepare_content, name="careline-content", daemon=True).start()
        else:
            services.prepare_content()
        # --- start-up hooks (scheduler etc.) ---
        if settings.scheduler_enabled:
            await services.reminder_scheduler.start()
        try:
            yield
        finally:
            # --- shut-down hooks ---
            if settings.scheduler_enabled:
                await services.reminder_scheduler.stop()
            pass

    app = FastAPI(
        title="Careline",
        version=__version__,
        description="A patient health assistant that answers only from vetted health content.",
        lifespan=lifespan,
    )
    app.state.services = services
    install_error_handlers(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type", "Accept"], allow_credentials=False,
        )
    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(AuditMiddleware, services=services)
    install_web(app)
    return app
