"""The clinician console: the audit log, conversation reviews and stored conversation summaries.

Revision ID: 0005_console
Revises: 0001_people
Depends on: 0002_conversations (reviews and summaries belong to conversations)
"""

import sqlalchemy as sa
from alembic import op

from careline.db import UTCDateTime

revision = "0005_console"
down_revision = "0001_people"
branch_labels = ("console",)
depends_on = "0002_conversations"


def upgrade() -> None:
    # No foreign keys on the audit log: it must outlive the patients and conversations it mentions.
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("actor_kind", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.String(64), nullable=False),
        sa.Column("clinic_id", sa.String(64), nullable=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("resource", sa.String(300), nullable=False),
        sa.Column("patient_id", sa.String(64), nullable=True),
        sa.Column("conversation_id", sa.String(64), nullable=True),
        sa.Column("status", sa.Integer(), nullable=False),
    )
    op.create_index("ix_audit_log_patient_at", "audit_log", ["patient_id", "at"])
    op.create_index("ix_audit_log_actor_at", "audit_log", ["actor_id", "at"])
    op.create_table(
        "conversation_reviews",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("conversation_id", sa.String(64), sa.ForeignKey("conversations.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("reviewer_kind", sa.String(16), nullable=False),
        sa.Column("reviewer_id", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_conversation_reviews_conversation_created", "conversation_reviews",
                    ["conversation_id", "created_at"])
    op.create_table(
        "conversation_summaries",
        sa.Column("conversation_id", sa.String(64), sa.ForeignKey("conversations.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("based_on", sa.String(100), nullable=False),
        sa.Column("engine", sa.String(64), nullable=False),
        sa.Column("prompt_version", sa.String(32), nullable=True),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("conversation_summaries")
    op.drop_index("ix_conversation_reviews_conversation_created", table_name="conversation_reviews")
    op.drop_table("conversation_reviews")
    op.drop_index("ix_audit_log_actor_at", table_name="audit_log")
    op.drop_index("ix_audit_log_patient_at", table_name="audit_log")
    op.drop_table("audit_log")
