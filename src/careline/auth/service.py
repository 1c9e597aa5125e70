"""Issue and verify bearer tokens, and decide who may see which patient."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from careline.auth.models import ApiToken, Principal, PrincipalKind
from careline.db import utcnow
from careline.errors import Forbidden, NotFound, Unauthorized
from careline.patients.models import Clinician, Patient

TOKEN_PREFIX = {"patient": "clp_", "clinician": "clc_"}


def hash_token(token: str) -> str:
    # Tokens are 256-bit random values, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(*, db_session: Session, kind: PrincipalKind, principal_id: str) -> str:
    """A new token for the principal; only its hash is stored, so it is shown once."""
    token = TOKEN_PREFIX.get(kind, "cl_") + secrets.token_urlsafe(32)
    db_session.add(ApiToken(token_hash=hash_token(token), principal_kind=kind, principal_id=principal_id))
    db_session.flush()
    return token


def revoke_tokens(*, db_session: Session, principal_id: str) -> int:
    tokens = db_session.scalars(select(ApiToken).where(ApiToken.principal_id == principal_id,
                                                       ApiToken.revoked_at.is_(None))).all()
    for token in tokens:
        token.revoked_at = utcnow()
    return len(tokens)


def authenticate(*, db_session: Session, token: str | None, admin_key: str | None) -> Principal:
    """The principal behind a bearer token, or 401."""
    if not token:
        raise Unauthorized("Sign in: send 'Authorization: Bearer <token>'.")
    if admin_key and hmac.compare_digest(token.encode(), admin_key.encode()):
        return Principal(kind="admin", id="admin")
    row = db_session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is None or row.revoked_at is not None:
        raise Unauthorized("This token is not valid. Ask your clinic for a new one.")
    if row.principal_kind == "patient":
        patient = db_session.get(Patient, row.principal_id)
        if patient is None:
            raise Unauthorized("This token is not valid. Ask your clinic for a new one.")
        return Principal(kind="patient", id=patient.id, clinic_id=patient.clinic_id)
    clinician = db_session.get(Clinician, row.principal_id)
    if clinician is None:
        raise Unauthorized("This token is not valid. Ask your clinic for a new one.")
    return Principal(kind="clinician", id=clinician.id, clinic_id=clinician.clinic_id)


def ensure_can_access_patient(*, db_session: Session, principal: Principal, patient_id: str) -> Patient:
    """The patient if the caller is that patient, a clinician of the patient's clinic, or the admin.

    Another patient's id gets the same 404 as a missing one, so ids cannot be probed.
    """
    patient = db_session.get(Patient, patient_id)
    if principal.kind == "patient":
        if patient is None or principal.id != patient_id:
            raise NotFound("No such patient.")
        return patient
    if patient is None:
        raise NotFound("No such patient.")
    if principal.kind == "clinician" and principal.clinic_id != patient.clinic_id:
        raise NotFound("No such patient.")
    return patient


def require_kind(principal: Principal, *kinds: PrincipalKind) -> Principal:
    if principal.kind not in kinds:
        raise Forbidden(f"This needs a {' or '.join(kinds)} token.")
    return principal
