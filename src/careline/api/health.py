"""Liveness and readiness."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from careline.api.deps import get_services
from careline.services import Services

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="The process is up")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Content store, database and scheduler are ready")
async def readyz(services: Services = Depends(get_services)) -> JSONResponse:
    checks = await run_in_threadpool(services.readiness)
    ready = all(check == "ok" for check in checks.values())
    return JSONResponse(status_code=200 if ready else 503,
                        content={"status": "ready" if ready else "not_ready", "checks": checks})
