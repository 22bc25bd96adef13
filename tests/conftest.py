"""Shared fixtures: the example interview of SPEC.md section 8, as a request body."""

from __future__ import annotations

import copy
import json
import os
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
    """A fresh copy of the SPEC's example request, safe to change in a test."""
    return copy.deepcopy(json.loads(EXAMPLE.read_text()))


# -- databases: a real SQLite file and a real PostgreSQL, built by the migrations -------------


#: The server the PostgreSQL tests use; its ``test`` database is only used to create ours.
POSTGRES_SERVER = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_reachable() -> str | None:
    """None when the server answers, else why not."""
    engine = sa.create_engine(
        POSTGRES_SERVER.replace("postgresql://", "postgresql+psycopg://", 1),
        connect_args={"connect_timeout": 3},
    )
    try:
        with engine.connect():
            return None
    except sa.exc.OperationalError as exc:
        return f"PostgreSQL is not reachable at {POSTGRES_SERVER}: {exc.orig}"
    finally:
        engine.dispose()


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
    name = f"followup_{label}_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(
        POSTGRES_SERVER.replace("postgresql://", "postgresql+psycopg://", 1),
        isolation_level="AUTOCOMMIT",
    )
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
    production warm-up, about a quarter of the suite's time (its own tests turn it on)."""
    wanted = {"DATABASE_URL": sqlite_url, "WARM_UP": "false"}
    previous = {name: os.environ.get(name) for name in wanted}
    os.environ.update(wanted)
    yield
    for name, value in previous.items():
        if value is None:
            del os.environ[name]
        else:
            os.environ[name] = value
