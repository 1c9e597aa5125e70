"""FHIR patient links: which Careline patient each imported FHIR Patient became.

Revision ID: 0004_profiles
Revises: 0001_people
"""

import sqlalchemy as sa
from alembic import op

from careline.db import UTCDateTime

revision = "0004_profiles"
down_revision = "0001_people"
branch_labels = ("profiles",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fhir_patient_links",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("clinic_id", sa.String(64), nullable=False),
        sa.Column("fhir_patient_key", sa.String(300), nullable=False),
        sa.Column("patient_id", sa.String(64), sa.ForeignKey("patients.id", ondelete="CASCADE"), nullable=False,
                  index=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("clinic_id", "fhir_patient_key", name="uq_fhir_patient_links_clinic_key"),
    )


def downgrade() -> None:
    op.drop_table("fhir_patient_links")
