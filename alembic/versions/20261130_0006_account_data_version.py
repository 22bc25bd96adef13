"""The account's data version: one more with every change to its interviews.

A page (a list or the agenda) is a function of the account's interviews and the moment it is
asked for; the version, bumped in the same transaction as each change, tells a worker whether
a page it answered before still holds without reading the interviews again.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("account") as batch:
        batch.add_column(
            sa.Column("data_version", sa.BigInteger(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    # In place, never by rebuilding the table: on SQLite a rebuild drops the old table, and
    # with foreign keys on, that deletes every key and interview of every account by cascade.
    with op.batch_alter_table("account", recreate="never") as batch:
        batch.drop_column("data_version")
