"""One-statement reads from the event loop on PostgreSQL: psycopg's own async pool, autocommit.

The service's database work runs in worker threads through SQLAlchemy; a read small enough to
be worth less than the hand-off (a kept page's data version, one row by its key) is better
awaited on the event loop. The pool opens on first use, in the loop that uses it, and is
closed with the app. A failure here is never the request's answer: the caller falls back to
the ordinary path, whose errors the service knows how to answer.

Reads of the same statement and parameters are shared ("single flight"): at most one is on its
way to the server at a time, and the callers who ask while it is under way wait for the next
one, which is sent only after they asked. So every caller still gets a value read after it
asked (a page's version never predates the request), while thirty requests arriving together
for one account cost two round trips, not thirty.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy.engine import make_url

from app.db.session import normalize_url

if TYPE_CHECKING:
    from psycopg_pool import AsyncConnectionPool


def libpq_url(url: str) -> str:
    """The libpq form of a SQLAlchemy PostgreSQL URL (``postgresql+psycopg://`` → ``postgresql://``)."""
    return (
        make_url(normalize_url(url))
        .set(drivername="postgresql")
        .render_as_string(hide_password=False)
    )


class ReadFailed(Exception):
    """The database could not answer here; the ordinary path will say why."""


@dataclass
class _Flight:
    """One statement's reads: the read under way, if any, and the callers waiting for the next."""

    waiting: asyncio.Future[Any] | None = None
    sending: asyncio.Task[None] | None = None


def _fail(waiting: asyncio.Future[Any], exc: ReadFailed) -> None:
    waiting.set_exception(exc)
    # Marked as retrieved: when every caller of a read has gone, asyncio would log it.
    waiting.exception()


class AsyncReads:
    """A few pooled autocommit connections for single statements awaited on the event loop."""

    def __init__(self, url: str, *, size: int, timeout: float = 5.0) -> None:
        self._conninfo = libpq_url(url)
        self._size = size
        self._timeout = timeout
        self._pool: AsyncConnectionPool | None = None
        self._opening = asyncio.Lock()
        self._flights: dict[Hashable, _Flight] = {}

    async def _ready(self) -> AsyncConnectionPool:
        if self._pool is None:
            async with self._opening:
                if self._pool is None:
                    # Imported on first use: psycopg and its pool cost a quarter of a second
                    # at start-up, and a SQLite service never needs them.
                    from psycopg_pool import AsyncConnectionPool  # noqa: PLC0415

                    pool = AsyncConnectionPool(
                        self._conninfo,
                        min_size=1,
                        max_size=self._size,
                        kwargs={"autocommit": True, "connect_timeout": 5},
                        open=False,
                        timeout=self._timeout,
                    )
                    await pool.open()
                    self._pool = pool
        return self._pool

    async def scalar(self, statement: str, parameters: tuple[Any, ...]) -> Any:
        """The first column of the first row, or None, read after this call began: by a read
        of its own or one shared with the callers who asked for the same while the previous
        read was under way.

        Raises:
            ReadFailed: the pool or the server failed (down, restarted, timed out).
        """
        key = (statement, parameters)
        flight = self._flights.get(key)
        if flight is None:
            flight = self._flights[key] = _Flight()
        if flight.waiting is None:
            flight.waiting = asyncio.get_running_loop().create_future()
        waiting = flight.waiting
        if flight.sending is None:
            flight.sending = asyncio.create_task(self._send(key, flight))
        # A caller that goes away (a client hung up) leaves the read to the others.
        return await asyncio.shield(waiting)

    async def _send(self, key: tuple[str, tuple[Any, ...]], flight: _Flight) -> None:
        """Reads for ``key`` one after another while callers wait, then forgets the key."""
        try:
            while flight.waiting is not None:
                # Everyone waiting on this future asked before the read below is sent.
                waiting, flight.waiting = flight.waiting, None
                try:
                    found = await self._read(*key)
                except ReadFailed as exc:
                    _fail(waiting, exc)
                except BaseException:
                    _fail(waiting, ReadFailed("the read was cancelled"))
                    raise
                else:
                    waiting.set_result(found)
        finally:
            flight.sending = None
            if flight.waiting is not None:  # cancelled: the rest take the ordinary path
                _fail(flight.waiting, ReadFailed("the read was cancelled"))
            del self._flights[key]

    async def _read(self, statement: str, parameters: tuple[Any, ...]) -> Any:
        import psycopg  # noqa: PLC0415 - loaded by then: the pool imports it

        try:
            pool = await self._ready()
            async with pool.connection() as connection:
                cursor = await connection.execute(statement, parameters)
                row = await cursor.fetchone()
        except (psycopg.Error, OSError) as exc:
            raise ReadFailed(str(exc)) from exc
        return row[0] if row else None

    async def aclose(self) -> None:
        if self._pool is not None:
            pool, self._pool = self._pool, None
            await pool.close()
