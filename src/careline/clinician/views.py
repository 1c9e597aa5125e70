"""Clinician routes: the worklist, one conversation in full, and reviews. Clinician token of the patient's
clinic, or the admin key. The audit middleware records every call; the list tells it whose data it showed."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from careline.api.deps import DbSession, get_services, require_clinician
from careline.audit.middleware import AUDIT_STATE_KEY
from careline.auth.models import Principal
from careline.clinician import service
from careline.clinician.models import (
    ClinicianConversationList,
    ClinicianIdentity,
    ConversationDetail,
    ReviewRead,
    ReviewRequest,
)
from careline.personalization.catalog import MedicationCatalog, catalog_for
from careline.services import Services

router = APIRouter(prefix="/api/v1/clinician", tags=["clinician"])


def _catalog(services: Services) -> MedicationCatalog | None:
    # Medicine names come from the content library; before it is loaded the summary names fewer medicines.
    return catalog_for(services.store) if services.content_ready.is_set() else None


@router.get("/me", response_model=ClinicianIdentity, summary="Who this token belongs to")
def who_am_i(principal: Principal = Depends(require_clinician),
             db_session: Session = DbSession) -> ClinicianIdentity:
    return service.identity(db_session=db_session, principal=principal)


@router.get("/conversations", response_model=ClinicianConversationList,
            summary="The clinic's conversations: emergency, urgent, then routine; newest first within each")
def list_conversations(
    request: Request,
    flag: str | None = Query(None, max_length=64, description="emergency, urgent or routine; or a flag "
                             "(scope:dose_change) or its prefix (scope)"),
    reviewed: bool | None = Query(None, description="true: reviewed since the last message; false: needs review"),
    patient_id: str | None = Query(None, max_length=64),
    limit: int = Query(100, ge=1, le=500, description="Conversations per page"),
    offset: int = Query(0, ge=0, le=1_000_000, description="Skip this many (the previous page's next_offset)"),
    principal: Principal = Depends(require_clinician), db_session: Session = DbSession,
) -> ClinicianConversationList:
    items, more = service.list_conversations(db_session=db_session, principal=principal, flag=flag,
                                             reviewed=reviewed, patient_id=patient_id, limit=limit, offset=offset)
    setattr(request.state, AUDIT_STATE_KEY, [item.patient_id for item in items])
    return ClinicianConversationList(conversations=items, next_offset=offset + len(items) if more else None)


@router.get("/conversations/{conversation_id}", response_model=ConversationDetail,
            summary="A conversation with citations, its summary, the patient's profile and adherence")
def read_conversation(
    conversation_id: str, principal: Principal = Depends(require_clinician),
    db_session: Session = DbSession, services: Services = Depends(get_services),
) -> ConversationDetail:
    detail = service.conversation_detail(db_session=db_session, principal=principal, conversation_id=conversation_id,
                                         settings=services.settings, catalog=_catalog(services))
    db_session.commit()  # keep the refreshed summary even if the client goes away mid-answer
    return detail


@router.post("/conversations/{conversation_id}/review", response_model=ReviewRead,
             summary="Mark the conversation reviewed, with a note")
def review_conversation(
    conversation_id: str, body: ReviewRequest, principal: Principal = Depends(require_clinician),
    db_session: Session = DbSession,
) -> ReviewRead:
    review = service.review_conversation(db_session=db_session, principal=principal, conversation_id=conversation_id,
                                         note=body.note)
    # Commit before answering: FastAPI closes the request's session only after the response is sent.
    db_session.commit()
    return review
