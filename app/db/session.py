"""Engines and transactions: a SQLite file by default, PostgreSQL by ``DATABASE_URL``.

SQLite is made fit for a web service: WAL (readers never wait for the writer), a busy timeout,
foreign keys on, and every write transaction opened with ``BEGIN IMMEDIATE``. A deferred
transaction that reads and then writes can find another writer holding the lock, and SQLite
then fails at once with "database is locked" instead of waiting; taking the write lock at
``BEGIN`` makes writers queue behind the busy timeout instead. Reads stay deferred.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any

import orjson
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


def _json_text(value: Any) -> str:
    return orjson.dumps(value).decode()


#: JSON columns written and read by orjson: every page reads a stored listing per row, and
#: the standard library's decoder was a tenth of a list page's time.
_JSON = {"json_serializer": _json_text, "json_deserializer": orjson.loads}


def _sqlite_engine(url: str, **kwargs: Any) -> Engine:
    engine = sa.create_engine(url, connect_args={"check_same_thread": False}, **_JSON, **kwargs)

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


#: Connections kept beyond the requests' own: the in-process dispatcher's, and a read nested
#: in another.
SPARE_CONNECTIONS = 2


def create_engine(url: str, *, pool_size: int = 5) -> Engine:
    """An engine whose pool keeps ``pool_size`` connections and a few spare.

    A connection beyond those kept is closed when it is given back: under load that meant a
    new connection for most requests (a new server process on PostgreSQL, four pragmas on
    SQLite), so the service lets at most ``pool_size`` requests use the database at once
    (:func:`app.main.create_app` sizes the thread pool to it) and the kept ones suffice.
    """
    url = normalize_url(url)
    kept = pool_size + SPARE_CONNECTIONS
    if url.startswith("sqlite"):
        return _sqlite_engine(url, pool_size=kept, max_overflow=pool_size)
    engine = sa.create_engine(
        url,
        **_JSON,
        pool_size=kept,
        max_overflow=pool_size,
        # A server that is down should be a quick 503, not a request that hangs.
        connect_args={"connect_timeout": 5},
    )
    _ping_after_idle(engine)
    return engine


#: A pooled connection idle at least this long is tried before it is used again.
PING_AFTER_IDLE_S = 1.0


def _ping_after_idle(engine: Engine) -> None:
    """Pessimistic disconnect handling for connections that sat idle, not for every use.

    SQLAlchemy's ``pool_pre_ping`` tries every connection at every checkout: a round trip per
    request, half the database time of a page answered from the cache. A connection given
    back a moment ago was fine a moment ago; one idle for a second or more (across a server
    restart, say) is tried first, and a dead one is replaced before anyone uses it
    (``DisconnectionError`` makes the pool connect anew).
    """

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info["idle_since"] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get("idle_since")
        if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
            return
        try:
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute("SELECT 1")
            finally:
                cursor.close()
            dbapi_connection.rollback()
        except Exception as exc:
            raise sa.exc.DisconnectionError(str(exc)) from exc


class Database:
    """One engine and the two kinds of transaction the service needs."""

    def __init__(self, url: str, *, pool_size: int = 5) -> None:
        self.engine = create_engine(url, pool_size=pool_size)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._write_lock: AbstractContextManager[object] = (
            threading.Lock() if self.is_sqlite else nullcontext()
        )
        self._statement_engine = (
            self.engine
            if self.is_sqlite
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
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
    def statement(self) -> Iterator[sa.Connection]:
        """A connection for one statement that needs no transaction of its own: on PostgreSQL
        in autocommit, which saves the round trips of a BEGIN and a ROLLBACK; on SQLite an
        ordinary read, whose transaction costs no round trip."""
        with self._statement_engine.connect() as connection:
            yield connection

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
