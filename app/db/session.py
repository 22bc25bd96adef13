"""Engines and transactions: a SQLite file by default, PostgreSQL by ``DATABASE_URL``.

SQLite is made fit for a web service: WAL (readers never wait for the writer), a busy timeout,
foreign keys on, and every write transaction opened with ``BEGIN IMMEDIATE``. A deferred
transaction that reads and then writes can find another writer holding the lock, and SQLite
then fails at once with "database is locked" instead of waiting; taking the write lock at
``BEGIN`` makes writers queue behind the busy timeout instead. Reads stay deferred.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

#: How long a SQLite writer waits for the lock before giving up.
SQLITE_BUSY_MS = 30_000


def normalize_url(url: str) -> str:
    """``postgres://`` and ``postgresql://`` mean psycopg 3, the driver this service ships."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _sqlite_engine(url: str, **kwargs: Any) -> Engine:
    engine = sa.create_engine(url, connect_args={"check_same_thread": False}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy, not the sqlite3 module, decides when a transaction begins (below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def create_engine(url: str, *, pool_size: int = 5) -> Engine:
    url = normalize_url(url)
    if url.startswith("sqlite"):
        return _sqlite_engine(url, pool_size=pool_size, max_overflow=pool_size * 2)
    return sa.create_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size * 2,
        pool_pre_ping=True,
        # A server that is down should be a quick 503, not a request that hangs.
        connect_args={"connect_timeout": 5},
    )


class Database:
    """One engine and the two kinds of transaction the service needs."""

    def __init__(self, url: str, *, pool_size: int = 5) -> None:
        self.engine = create_engine(url, pool_size=pool_size)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._write_lock: AbstractContextManager[object] = (
            threading.Lock() if self.is_sqlite else nullcontext()
        )
        self._writer = (
            self.engine.execution_options(sqlite_begin="IMMEDIATE")
            if self.is_sqlite
            else self.engine
        )

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A unit of work that only reads; closing it ends the transaction, and the objects
        read stay usable afterwards."""
        with Session(self.engine, expire_on_commit=False, autoflush=False) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A unit of work that commits when the block ends and rolls back if it raises.

        On SQLite, this process's writers also queue on a lock before ``BEGIN IMMEDIATE``:
        SQLite's busy handler makes a waiting writer sleep and retry, with sleeps growing to
        100 ms, so under load some writers waited a second or more (a benchmark's p99) while
        the lock sat free. The busy timeout still arbitrates between processes.
        """
        with (
            self._write_lock,
            Session(self._writer, expire_on_commit=False, autoflush=False) as session,
        ):
            with session.begin():
                yield session

    def ping(self) -> None:
        with self.engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()
