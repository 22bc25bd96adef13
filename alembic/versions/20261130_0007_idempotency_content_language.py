"""The language a kept create answer explains itself in, replayed as ``Content-Language``.

A create's answer explains its plan in the caller's ``Accept-Language``; a retry with the same
Idempotency-Key gets the same bytes again, and with them the header saying their language.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("idempotency_record") as batch:
        batch.add_column(sa.Column("content_language", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("idempotency_record") as batch:
        batch.drop_column("content_language")
