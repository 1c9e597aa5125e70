"""API tokens, stored only as hashes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from careline.db import Base, utcnow

PrincipalKind = Literal["patient", "clinician", "admin"]


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    principal_kind: Mapped[str] = mapped_column(String(16))
    principal_id: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]


@dataclass(frozen=True)
class Principal:
    """The authenticated caller."""

    kind: PrincipalKind
    id: str
    clinic_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.kind == "admin"
