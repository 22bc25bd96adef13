"""A reply's text and an out-of-office return date on stored events.

A reply may now be logged as received, without an outcome: the plan reads one from its text.
An automatic out-of-office reply may carry the day the contact is back.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("interview_event") as batch:
        batch.add_column(sa.Column("text", sa.String(length=10000), nullable=True))
        batch.add_column(sa.Column("return_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("interview_event") as batch:
        batch.drop_column("return_date")
        batch.drop_column("text")
