"""GET /api/v1/search: the top passages for a query."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Depends, Query
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel

from careline.api.deps import require_content_ready
from careline.content.models import ARTICLE_TYPES
from careline.errors import ValidationFailed
from careline.retrieval.lexical import Filters
from careline.retrieval.search import MAX_K
from careline.services import Services

router = APIRouter(prefix="/api/v1", tags=["search"])


class SearchHit(BaseModel):
    doc_id: str
    chunk_id: str
    title: str
    section: str
    url: str | None
    source: str | None
    score: float
    text: str


class SearchResponse(BaseModel):
    results: list[SearchHit]


@router.get("/search", response_model=SearchResponse, summary="Search the vetted content")
async def search(
    q: str = Query(..., max_length=1000, description="What to search for"),
    k: int = Query(5, ge=1, le=MAX_K, description="How many results"),
    audience: Literal["adult", "pediatric", "all"] | None = None,
    language: str | None = Query(None, max_length=8),
    type: str | None = Query(None, description="Comma-separated article types"),
    services: Services = Depends(require_content_ready),
) -> SearchResponse:
    if not q.strip():
        raise ValidationFailed("q: please give something to search for")
    types = tuple(t.strip() for t in type.split(",") if t.strip()) if type else ()
    unknown = [t for t in types if t not in ARTICLE_TYPES]
    if unknown:
        raise ValidationFailed(f"type: unknown article type(s) {', '.join(unknown)}; use {', '.join(ARTICLE_TYPES)}")
    filters = Filters(audience=audience, language=language, types=types)
    results = await run_in_threadpool(services.retriever.run, q, k, filters)
    return SearchResponse(results=[SearchHit(**r.as_dict()) for r in results])
