"""Shared fixtures: the example interview (examples/interview.json), as a request body."""

from __future__ import annotations

import copy
import json
import os
import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from app.db import migrations
from app.db.session import Database

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "interview.json"


@pytest.fixture
def body() -> dict[str, Any]:
    """A fresh copy of the example request, safe to change in a test."""
    return copy.deepcopy(json.loads(EXAMPLE.read_text()))


# -- databases: a real SQLite file and a real PostgreSQL, built by the migrations -------------


#: The server the PostgreSQL tests use; its ``test`` database is only used to create ours.
POSTGRES_SERVER = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


#: Every database the tests make is named ``followup_test_<pid>_<label>_<random>``: the pid of
#: the pytest process that made it tells a leftover (its process is gone) from a database
#: another run on this machine is using right now.
TEST_DATABASE_PREFIX = "followup_test_"
_LEFTOVER = re.compile(rf"{TEST_DATABASE_PREFIX}(\d+)_")
#: Names from before the pid was in them; dropped only when nobody is connected.
_OLD_NAMES = re.compile(r"followup_(?:master|gw\d+|migrations)_[0-9a-f]{8}")


def _admin_engine(**options: Any) -> sa.Engine:
    """An engine on the server's ``test`` database that survives a server restart: each
    connection taken from the pool is pinged first, and replaced if the server dropped it."""
    return sa.create_engine(
        POSTGRES_SERVER.replace("postgresql://", "postgresql+psycopg://", 1),
        pool_pre_ping=True,
        connect_args={"connect_timeout": 3},
        **options,
    )


def _postgres_reachable() -> str | None:
    """None when the server answers, else why not."""
    engine = _admin_engine()
    try:
        with engine.connect():
            return None
    except sa.exc.OperationalError as exc:
        return f"PostgreSQL is not reachable at {POSTGRES_SERVER}: {exc.orig}"
    finally:
        engine.dispose()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def drop_leftover_databases() -> list[str]:
    """Drop the test databases of runs that ended without dropping theirs (killed, or the
    server restarted under them); those of runs still going are left alone."""
    admin = _admin_engine(isolation_level="AUTOCOMMIT")
    dropped = []
    try:
        with admin.connect() as connection:
            names = connection.execute(
                sa.text("SELECT datname FROM pg_database WHERE starts_with(datname, 'followup_')")
            ).scalars()
            for name in list(names):
                match = _LEFTOVER.match(name)
                if match and not _alive(int(match[1])):
                    connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    dropped.append(name)
                elif _OLD_NAMES.fullmatch(name):
                    try:
                        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
                        dropped.append(name)
                    except sa.exc.OperationalError:
                        pass  # in use by a run still going
    except sa.exc.OperationalError:
        pass  # no server: the PostgreSQL tests skip (or fail in CI) and say why
    finally:
        admin.dispose()
    return dropped


def pytest_sessionstart(session: pytest.Session) -> None:
    # Once per run, before xdist starts its workers (they have ``workerinput``).
    if not hasattr(session.config, "workerinput"):
        drop_leftover_databases()


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'followup.db'}"
    db = Database(url)
    migrations.upgrade(db.engine)
    db.dispose()
    return url


@contextmanager
def fresh_postgres_database(label: str) -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards."""
    reason = _postgres_reachable()
    if reason is not None:
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI runs the PostgreSQL tests; they must not be skipped)")
        pytest.skip(reason)
    name = f"{TEST_DATABASE_PREFIX}{os.getpid()}_{label}_{uuid.uuid4().hex[:8]}"
    admin = _admin_engine(isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = POSTGRES_SERVER.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> Iterator[str]:
    with fresh_postgres_database(worker_id) as url:
        db = Database(url)
        migrations.upgrade(db.engine)
        db.dispose()
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """Each persistence test runs on both backends."""
    url: str = request.getfixturevalue(f"{request.param}_url")
    return url


@pytest.fixture
def db(database_url: str) -> Iterator[Database]:
    database = Database(database_url)
    yield database
    database.dispose()


@pytest.fixture(scope="session", autouse=True)
def _environment_for_every_app(sqlite_url: str) -> Iterator[None]:
    """Any app a test builds from the environment, in process or as a server, uses the
    migrated SQLite file (never a ``followup.db`` in the working directory) and skips the
    production warm-up, about a quarter of the suite's time (its own tests turn it on), and
    no webhook dispatcher in the background (the webhook tests run their own)."""
    wanted = {"DATABASE_URL": sqlite_url, "WARM_UP": "false", "DISPATCHER": "false"}
    previous = {name: os.environ.get(name) for name in wanted}
    os.environ.update(wanted)
    yield
    for name, value in previous.items():
        if value is None:
            del os.environ[name]
        else:
            os.environ[name] = value
