"""The service's connection pool: connections kept, and a connection cut while idle replaced
before anyone uses it (what a PostgreSQL restart does to every pooled connection)."""

from __future__ import annotations

import time
import uuid

import pytest
import sqlalchemy as sa

from app.db import session as session_module
from app.db.session import Database

pytestmark = pytest.mark.postgres

ACCOUNT = uuid.UUID("5a0f1d0e-0000-4000-8000-000000000001")


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


def test_a_kept_pages_version_is_read_from_the_event_loop_or_else_as_ever(
    postgres_url: str,
) -> None:
    import anyio

    from app.db.async_reads import AsyncReads
    from app.services.pages import PageCache

    db = Database(postgres_url, pool_size=1)
    with db.engine.begin() as connection:
        connection.execute(
            sa.text(
                "INSERT INTO account (id, name, created_at, data_version)"
                " VALUES (:id, 'reads', now(), 7)"
            ),
            {"id": ACCOUNT},
        )
    account = ACCOUNT
    dead = postgres_url.replace("127.0.0.1:5432", "127.0.0.1:9")  # nothing listens there

    async def versions() -> tuple[int, int]:
        live = PageCache(db, reads=AsyncReads(postgres_url, size=1))
        broken = PageCache(db, reads=AsyncReads(dead, size=1, timeout=0.5))
        try:
            return await live.current(account), await broken.current(account)
        finally:
            await live.aclose()
            await broken.aclose()

    try:
        assert anyio.run(versions) == (7, 7)
    finally:
        db.dispose()
