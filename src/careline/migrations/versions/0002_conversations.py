"""Conversations and their messages.

Revision ID: 0002_conversations
Revises: 0001_people
"""

import sqlalchemy as sa
from alembic import op

from careline.db import UTCDateTime

revision = "0002_conversations"
down_revision = "0001_people"
branch_labels = ("conversations",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("patient_id", sa.String(64), sa.ForeignKey("patients.id", ondelete="CASCADE"), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("safety_level", sa.String(16), nullable=False),
        sa.Column("flags", sa.JSON(), nullable=False),
        sa.Column("reviewed", sa.Boolean(), nullable=False),
        sa.Column("topic_doc_id", sa.String(200), nullable=True),
        sa.Column("topic_title", sa.String(500), nullable=True),
        sa.Column("topic_intent", sa.String(32), nullable=True),
        sa.Column("handler_state", sa.JSON(), nullable=False),
        sa.Column("external_key", sa.String(64), nullable=True),
    )
    op.create_index("ix_conversations_patient_updated", "conversations", ["patient_id", "updated_at"])
    op.create_index("ix_conversations_safety_level", "conversations", ["safety_level"])
    op.create_index("ix_conversations_reviewed", "conversations", ["reviewed"])
    op.create_index("ix_conversations_external_key", "conversations", ["external_key"])
    op.create_table(
        "messages",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("conversation_id", sa.String(64), sa.ForeignKey("conversations.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("citations", sa.JSON(), nullable=False),
        sa.Column("safety", sa.JSON(), nullable=True),
        sa.Column("abstained", sa.Boolean(), nullable=False),
        sa.Column("engine", sa.String(64), nullable=True),
        sa.Column("prompt_version", sa.String(32), nullable=True),
        sa.Column("personal_notes", sa.JSON(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
    )
    op.create_index("ix_messages_conversation_created", "messages", ["conversation_id", "created_at"])


def downgrade() -> None:
    op.drop_index("ix_messages_conversation_created", table_name="messages")
    op.drop_table("messages")
    for name in ("ix_conversations_external_key", "ix_conversations_reviewed", "ix_conversations_safety_level",
                 "ix_conversations_patient_updated"):
        op.drop_index(name, table_name="conversations")
    op.drop_table("conversations")
