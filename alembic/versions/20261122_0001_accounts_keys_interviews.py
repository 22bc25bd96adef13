"""Accounts, API keys (hashes), interviews, their events and idempotency records.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account")),
        sa.UniqueConstraint("name", name=op.f("uq_account_name")),
    )
    op.create_table(
        "api_key",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("revoked_at", WHEN, nullable=True),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_api_key_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_key")),
        sa.UniqueConstraint("key_id", name=op.f("uq_api_key_key_id")),
    )
    op.create_index(op.f("ix_api_key_account_id"), "api_key", ["account_id"])
    op.create_table(
        "idempotency_record",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=True),
        sa.Column("response_body", sa.LargeBinary(), nullable=True),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column("etag", sa.String(length=80), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_idempotency_record_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_record")),
        sa.UniqueConstraint("account_id", "key", name=op.f("uq_idempotency_record_account_id_key")),
    )
    op.create_table(
        "interview",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("account_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "facts", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"), nullable=False
        ),
        sa.Column("company", sa.String(length=200), nullable=False),
        sa.Column("company_key", sa.String(length=200), nullable=False),
        sa.Column("next_action_at", WHEN, nullable=True),
        sa.Column("moves_on_at", WHEN, nullable=True),
        sa.Column("closed_at", WHEN, nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.Column("updated_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["account.id"],
            name=op.f("fk_interview_account_id_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview")),
    )
    op.create_index(
        "ix_interview_account_company",
        "interview",
        ["account_id", "company_key", "created_at", "id"],
    )
    op.create_index("ix_interview_account_created", "interview", ["account_id", "created_at", "id"])
    op.create_index(
        "ix_interview_account_next_action", "interview", ["account_id", "next_action_at", "id"]
    )
    op.create_table(
        "interview_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("interview_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("at", WHEN, nullable=False),
        sa.Column("at_offset_minutes", sa.Integer(), nullable=False),
        sa.Column("contact_email", sa.String(length=320), nullable=True),
        sa.Column("outcome", sa.String(length=32), nullable=True),
        sa.Column("new_deadline", sa.Date(), nullable=True),
        sa.Column("timeline_text", sa.String(length=500), nullable=True),
        sa.Column("note", sa.String(length=2000), nullable=True),
        sa.Column("created_at", WHEN, nullable=False),
        sa.ForeignKeyConstraint(
            ["interview_id"],
            ["interview.id"],
            name=op.f("fk_interview_event_interview_id_interview"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interview_event")),
        sa.UniqueConstraint(
            "interview_id", "seq", name=op.f("uq_interview_event_interview_id_seq")
        ),
    )


def downgrade() -> None:
    op.drop_table("interview_event")
    op.drop_index("ix_interview_account_next_action", table_name="interview")
    op.drop_index("ix_interview_account_created", table_name="interview")
    op.drop_index("ix_interview_account_company", table_name="interview")
    op.drop_table("interview")
    op.drop_table("idempotency_record")
    op.drop_index(op.f("ix_api_key_account_id"), table_name="api_key")
    op.drop_table("api_key")
    op.drop_table("account")
