"""Audits every successful request a clinician or the admin makes to a route that shows or changes a
patient's data (`/api/v1/patients/...`, `/api/v1/conversations...`, `/api/v1/clinician/...`).

A middleware rather than a line in each route, so a route added later by anyone is audited too. The
patient is read from the route's `{patient_id}`, a `?patient_id=` query, the conversation behind a
`{conversation_id}`, or, for views over several patients (the console's list), the ids the route puts
in `request.state.audit_patient_ids`. Patients' own requests are not audited.
"""

from __future__ import annotations

from typing import Any

import anyio
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from careline.api.deps import bearer_token
from careline.audit.service import record_access
from careline.auth.models import Principal
from careline.auth.service import TOKEN_PREFIX, authenticate
from careline.conversations.models import Conversation
from careline.errors import CarelineError
from careline.logs import get_logger
from careline.services import Services

log = get_logger(__name__)

AUDITED_PREFIXES = ("/api/v1/patients/", "/api/v1/conversations", "/api/v1/clinician/")
# A route that shows several patients at once lists them here (request.state.audit_patient_ids = [...]).
AUDIT_STATE_KEY = "audit_patient_ids"


class AuditMiddleware:
    def __init__(self, app: ASGIApp, services: Services) -> None:
        self.app = app
        self.services = services

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        principal = await self._auditable_principal(scope)
        if principal is None:
            await self.app(scope, receive, send)
            return
        scope.setdefault("state", {})

        async def send_and_record(message: Message) -> None:
            # Recorded when the answer starts: a live stream is a view from its first byte.
            if message["type"] == "http.response.start" and message["status"] < 400:
                await anyio.to_thread.run_sync(self._record, scope, principal, message["status"])
            await send(message)

        await self.app(scope, receive, send_and_record)

    async def _auditable_principal(self, scope: Scope) -> Principal | None:
        if scope["type"] != "http" or scope["method"] == "OPTIONS":
            return None
        if not str(scope.get("path", "")).startswith(AUDITED_PREFIXES):
            return None
        token = bearer_token(Request(scope))
        if not token or token.startswith(TOKEN_PREFIX["patient"]):
            return None
        return await anyio.to_thread.run_sync(self._authenticate, token)

    def _authenticate(self, token: str) -> Principal | None:
        try:
            with self.services.database.session() as session:
                principal = authenticate(db_session=session, token=token, admin_key=self.services.settings.admin_key)
        except CarelineError:
            return None  # the route answers 401 itself; nothing was shown
        return None if principal.kind == "patient" else principal

    def _record(self, scope: Scope, principal: Principal, status: int) -> None:
        try:
            route = scope.get("route")
            resource = f"{scope['method']} {getattr(route, 'path', None) or scope['path']}"
            path_params: dict[str, Any] = scope.get("path_params") or {}
            conversation_id = path_params.get("conversation_id")
            with self.services.database.session() as session:
                patient_ids = _patients_shown(session, scope, path_params, conversation_id)
                record_access(db_session=session, principal=principal,
                              action="view" if scope["method"] in ("GET", "HEAD") else "change",
                              resource=resource, patient_ids=patient_ids, conversation_id=conversation_id,
                              status=status)
        except Exception:  # an audit failure is logged loudly but does not take the console down
            log.exception("audit entry could not be written")


def _patients_shown(session: Any, scope: Scope, path_params: dict[str, Any],
                    conversation_id: str | None) -> list[str]:
    listed = (scope.get("state") or {}).get(AUDIT_STATE_KEY)
    if listed is not None:
        return list(listed)
    if path_params.get("patient_id"):
        return [path_params["patient_id"]]
    queried = Request(scope).query_params.get("patient_id")
    if queried:
        return [queried]
    if conversation_id:
        conversation = session.get(Conversation, conversation_id)
        return [conversation.patient_id] if conversation and conversation.patient_id else []
    return []  # e.g. who-am-I, or an empty list: no patient's data was shown
