"""The plan's columns as bounds over a span of moments, and the planning they came from.

``moved_on_by``, ``index_from``, ``index_until`` and ``planner_version`` on ``interview``,
with an index on each end of the span (the rows outside it are planned one by one), and a
list's item as planned at the write (``listing``, valid until ``listing_until``). Existing
rows get no bounds (``index_from`` null): they are planned until ``followup migrate``
computes theirs.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

WHEN = sa.DateTime(timezone=True)
DOCUMENT = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("interview", schema=None) as batch_op:
        batch_op.add_column(sa.Column("moved_on_by", WHEN, nullable=True))
        batch_op.add_column(sa.Column("index_from", WHEN, nullable=True))
        batch_op.add_column(sa.Column("index_until", WHEN, nullable=True))
        batch_op.add_column(sa.Column("planner_version", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("listing", DOCUMENT, nullable=True))
        batch_op.add_column(sa.Column("listing_until", WHEN, nullable=True))
        batch_op.create_index(
            "ix_interview_account_index_from", ["account_id", "index_from"], unique=False
        )
        batch_op.create_index(
            "ix_interview_account_index_until", ["account_id", "index_until"], unique=False
        )


def downgrade() -> None:
    # In place, never by rebuilding the table: on SQLite a rebuild drops the old table, and
    # with foreign keys on, that deletes every interview's events and schedule by cascade.
    with op.batch_alter_table("interview", schema=None, recreate="never") as batch_op:
        batch_op.drop_index("ix_interview_account_index_until")
        batch_op.drop_index("ix_interview_account_index_from")
        batch_op.drop_column("listing_until")
        batch_op.drop_column("listing")
        batch_op.drop_column("planner_version")
        batch_op.drop_column("index_until")
        batch_op.drop_column("index_from")
        batch_op.drop_column("moved_on_by")
