"""The service's connection pool: connections kept, and a connection cut while idle replaced
before anyone uses it (what a PostgreSQL restart does to every pooled connection)."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from app.db import session as session_module
from app.db.session import Database

pytestmark = pytest.mark.postgres


def _pid(db: Database) -> int:
    with db.engine.connect() as connection:
        return int(connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one())


def test_a_connection_cut_while_idle_is_replaced_before_use(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(session_module, "PING_AFTER_IDLE_S", 0.05)
    db = Database(postgres_url, pool_size=1)
    other = Database(postgres_url, pool_size=1)
    try:
        backend = _pid(db)
        with other.engine.connect() as connection:
            connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
            connection.commit()
        time.sleep(0.1)

        with db.read() as session:
            assert session.execute(sa.text("SELECT 1")).scalar_one() == 1
        with db.statement() as connection:
            assert connection.execute(sa.text("SELECT 2")).scalar_one() == 2
        assert _pid(db) != backend
    finally:
        db.dispose()
        other.dispose()
