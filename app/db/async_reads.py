"""One-statement reads from the event loop on PostgreSQL: psycopg's own async pool, autocommit.

The service's database work runs in worker threads through SQLAlchemy; a read small enough to
be worth less than the hand-off (a kept page's data version, one row by its key) is better
awaited on the event loop. The pool opens on first use, in the loop that uses it, and is
closed with the app. A failure here is never the request's answer: the caller falls back to
the ordinary path, whose errors the service knows how to answer.
"""

from __future__ import annotations

import asyncio
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


class AsyncReads:
    """A few pooled autocommit connections for single statements awaited on the event loop."""

    def __init__(self, url: str, *, size: int, timeout: float = 5.0) -> None:
        self._conninfo = libpq_url(url)
        self._size = size
        self._timeout = timeout
        self._pool: AsyncConnectionPool | None = None
        self._opening = asyncio.Lock()

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
        """The first column of the first row, or None.

        Raises:
            ReadFailed: the pool or the server failed (down, restarted, timed out).
        """
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
