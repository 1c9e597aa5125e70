"""Which Careline patient a FHIR Patient was imported into, so a re-import finds the same person."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from careline.db import Base, utcnow


class FhirPatientLink(Base):
    """One FHIR Patient identity (per clinic) -> one Careline patient. A patient may have several (two EHRs)."""

    __tablename__ = "fhir_patient_links"
    __table_args__ = (UniqueConstraint("clinic_id", "fhir_patient_key", name="uq_fhir_patient_links_clinic_key"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    clinic_id: Mapped[str] = mapped_column(String(64))
    fhir_patient_key: Mapped[str] = mapped_column(String(300))
    patient_id: Mapped[str] = mapped_column(String(64), ForeignKey("patients.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
