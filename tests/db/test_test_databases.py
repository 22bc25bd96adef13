"""The suite's own PostgreSQL housekeeping: leftovers go, a restarted server is survived."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from tests.conftest import (
    TEST_DATABASE_PREFIX,
    _admin_engine,
    _postgres_reachable,
    drop_leftover_databases,
)

pytestmark = pytest.mark.postgres

#: Above Linux's largest pid (2**22): no process has it.
NO_SUCH_PID = 2**22 + 1


@pytest.fixture
def admin() -> Iterator[sa.Engine]:
    reason = _postgres_reachable()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI runs the PostgreSQL tests; they must not be skipped)")
        pytest.skip(reason)
    engine = _admin_engine(isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


def _databases(admin: sa.Engine) -> set[str]:
    with admin.connect() as connection:
        return set(connection.execute(sa.text("SELECT datname FROM pg_database")).scalars())


def test_leftovers_of_finished_runs_are_dropped_and_live_ones_kept(admin: sa.Engine) -> None:
    leftover = f"{TEST_DATABASE_PREFIX}{NO_SUCH_PID}_gw0_deadbeef"
    ours = f"{TEST_DATABASE_PREFIX}{os.getpid()}_housekeeping_cafef00d"
    with admin.connect() as connection:
        for name in (leftover, ours):
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        dropped = drop_leftover_databases()

        remaining = _databases(admin)
        assert leftover in dropped
        assert leftover not in remaining
        assert ours in remaining
    finally:
        with admin.connect() as connection:
            for name in (leftover, ours):
                connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_admin_engine_survives_its_connection_being_cut(admin: sa.Engine) -> None:
    """What a server restart does to a pooled connection, done to one connection only."""
    with admin.connect() as connection:
        backend = connection.execute(sa.text("SELECT pg_backend_pid()")).scalar_one()
    other = _admin_engine(isolation_level="AUTOCOMMIT")
    try:
        with other.connect() as connection:
            connection.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": backend})
    finally:
        other.dispose()

    with admin.connect() as connection:
        assert connection.execute(sa.text("SELECT 1")).scalar_one() == 1
