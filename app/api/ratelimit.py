"""Rate limits per API key and per client address, counted where every worker sees them.

Where the counters live: in this process (one worker), in a SQLite file the worker processes
of one host share (``followup serve --workers N`` without Redis makes one), or in Redis when
several hosts (replicas) serve the same keys.

The algorithm is GCRA (the generic cell rate algorithm, a token bucket kept as one number):
each key stores its *theoretical arrival time* (TAT). A hit moves the TAT one emission interval
(``period / limit``) on; the hit is refused when that would put the TAT more than a whole
period ahead of now. So ``limit`` requests pass at once, then one every interval: no double
burst at a window's edge as with fixed windows (INCR+EXPIRE), and one key of one number per
client instead of a sorted set of timestamps as a sliding log needs. In Redis the read, the
decision and the write are one Lua script, atomic by construction, and it reads the server's
clock, so replicas with drifting clocks still share one limit.

Times are whole milliseconds in every backend, so they decide alike. The shared file holds
the same state as Redis, one TAT a key, and one ``INSERT ... ON CONFLICT DO UPDATE ... WHERE``
statement is the read, the decision and the write: SQLite's write lock makes it atomic across
processes, with no lock of our own.

Redis unreachable: the limiter fails open (the request passes) and logs a warning at most
once a minute; for a few seconds after a failure it does not try Redis, so a hung server
costs no latency. A rate limit protects the service; it is not worth refusing every request.
"""

from __future__ import annotations

import logging
import math
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError
from starlette.requests import Request

log = logging.getLogger("app.ratelimit")


@dataclass(frozen=True, slots=True)
class Decision:
    """What one hit decided.

    Attributes:
        allowed: the request may go on.
        limit: requests allowed per period.
        remaining: requests that would still pass right now.
        retry_after: whole seconds until a refused request would pass (0 when allowed).
    """

    allowed: bool
    limit: int
    remaining: int
    retry_after: int


class RateLimited(Exception):
    """Raised by :func:`enforce_rate_limit`; the error handlers answer 429 with Retry-After.

    ``subject`` says whose limit it is, in words: "This API key", "This client address".
    """

    def __init__(
        self, decision: Decision, period_seconds: float, subject: str = "This API key"
    ) -> None:
        super().__init__(f"rate limited: retry after {decision.retry_after} s")
        self.decision = decision
        self.period_seconds = period_seconds
        self.subject = subject


class RateLimiter(Protocol):
    limit: int
    period_seconds: float

    async def hit(self, key: str) -> Decision:
        """Count one request for ``key`` and say whether it may go on."""
        ...

    async def aclose(self) -> None:
        """Release connections, if any."""
        ...


def _interval_ms(limit: int, period_seconds: float) -> int:
    if limit < 1 or period_seconds <= 0:
        raise ValueError("a rate limit needs limit >= 1 and a positive period")
    return max(1, round(period_seconds * 1000 / limit))


def _decide(tat: int, now: int, interval: int, limit: int) -> tuple[Decision, int | None]:
    """GCRA, one hit: the decision and the key's new TAT (None: unchanged)."""
    new_tat = max(tat, now) + interval
    allow_at = new_tat - interval * limit
    if now < allow_at:
        return Decision(False, limit, 0, math.ceil((allow_at - now) / 1000)), None
    remaining = (interval * limit - (new_tat - now)) // interval
    return Decision(True, limit, remaining, 0), new_tat


class MemoryRateLimiter:
    """Counters in this process: right for one process; each replica would count alone."""

    _PRUNE_EVERY = 4096

    def __init__(
        self,
        limit: int,
        period_seconds: float = 60.0,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.period_seconds = period_seconds
        self._interval = _interval_ms(limit, period_seconds)
        self._clock = clock
        self._tats: dict[str, int] = {}
        self._hits = 0

    async def hit(self, key: str) -> Decision:
        # No await in here: on one event loop, a hit is atomic.
        now = int(self._clock() * 1000)
        decision, new_tat = _decide(self._tats.get(key, now), now, self._interval, self.limit)
        if new_tat is not None:
            self._tats[key] = new_tat
        self._hits += 1
        if self._hits % self._PRUNE_EVERY == 0:
            self._tats = {k: tat for k, tat in self._tats.items() if tat > now}
        return decision

    async def aclose(self) -> None:
        self._tats.clear()


#: _decide in Lua. KEYS[1]: the key; ARGV: interval (ms), limit. Returns {allowed,
#: remaining, retry_ms}. Integers only, so no number loses digits on its way through Redis.
_GCRA_LUA = """
local interval = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + interval
local allow_at = new_tat - interval * limit
if now < allow_at then
  return {0, 0, allow_at - now}
end
redis.call('SET', KEYS[1], new_tat, 'PX', new_tat - now)
return {1, math.floor((interval * limit - (new_tat - now)) / interval), 0}
"""


class RedisRateLimiter:
    """Counters in Redis, shared by every replica; fails open when Redis cannot be reached."""

    #: After a failure, Redis is left alone this long: requests pass without waiting on it.
    BACKOFF_SECONDS = 5.0
    #: At most one warning this often while Redis stays unreachable.
    WARN_EVERY_SECONDS = 60.0

    def __init__(
        self,
        url: str,
        limit: int,
        period_seconds: float = 60.0,
        *,
        prefix: str = "followup:ratelimit:",
        timeout_seconds: float = 0.5,
    ) -> None:
        self.limit = limit
        self.period_seconds = period_seconds
        self.prefix = prefix
        self._interval = _interval_ms(limit, period_seconds)
        self._redis = Redis.from_url(
            url, socket_timeout=timeout_seconds, socket_connect_timeout=timeout_seconds
        )
        self._script = self._redis.register_script(_GCRA_LUA)
        self._down_until = 0.0
        self._warned_at = -math.inf

    async def hit(self, key: str) -> Decision:
        if time.monotonic() < self._down_until:
            return self._open()
        try:
            reply: Any = await self._script(
                keys=[self.prefix + key], args=[self._interval, self.limit]
            )
        except (RedisError, OSError) as exc:
            now = time.monotonic()
            self._down_until = now + self.BACKOFF_SECONDS
            if now - self._warned_at >= self.WARN_EVERY_SECONDS:
                self._warned_at = now
                log.warning("rate limit not enforced: Redis unreachable (%s); failing open", exc)
            return self._open()
        allowed, remaining, retry_ms = (int(value) for value in reply)
        return Decision(bool(allowed), self.limit, remaining, math.ceil(retry_ms / 1000))

    def _open(self) -> Decision:
        return Decision(True, self.limit, self.limit, 0)

    async def aclose(self) -> None:
        await self._redis.aclose()


_FILE_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS tat (key TEXT PRIMARY KEY, tat INTEGER NOT NULL) WITHOUT ROWID"
)
#: _decide as one statement: a new key gets now + interval; a known one moves on only when the
#: hit is allowed (the WHERE), and RETURNING says whether it was.
_FILE_HIT = """
INSERT INTO tat (key, tat) VALUES (:key, :now + :interval)
ON CONFLICT (key) DO UPDATE SET tat = max(tat, :now) + :interval
WHERE max(tat, :now) + :interval - :interval * :limit <= :now
RETURNING tat
"""


class FileRateLimiter:
    """Counters in a SQLite file shared by the worker processes of one host.

    Each hit is one short write transaction on the event loop (tens of microseconds; a thread
    hop would cost more); a worker waits at most ``timeout_seconds`` for another's. The clock is
    the wall clock, the one every process reads alike. Like Redis, a file that cannot be
    written fails open with a warning at most once a minute.
    """

    WARN_EVERY_SECONDS = 60.0
    _PRUNE_EVERY = 4096

    def __init__(
        self,
        path: str,
        limit: int,
        period_seconds: float = 60.0,
        *,
        prefix: str = "",
        timeout_seconds: float = 0.5,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.limit = limit
        self.period_seconds = period_seconds
        self.prefix = prefix
        self._interval = _interval_ms(limit, period_seconds)
        self._clock = clock
        self._hits = 0
        self._warned_at = -math.inf
        # Autocommit: each statement is its own transaction. Only the event loop's thread
        # uses the connection; check_same_thread is off because the app may be built in another.
        self._db = sqlite3.connect(
            path, timeout=timeout_seconds, isolation_level=None, check_same_thread=False
        )
        self._db.execute("PRAGMA journal_mode=WAL")
        # Counters are worth nothing after a crash: no fsync on every hit.
        self._db.execute("PRAGMA synchronous=OFF")
        self._db.execute(_FILE_SCHEMA)

    async def hit(self, key: str) -> Decision:
        now = int(self._clock() * 1000)
        params = {"key": self.prefix + key, "now": now, "interval": self._interval}
        try:
            row = self._db.execute(_FILE_HIT, {**params, "limit": self.limit}).fetchone()
            if row is None:
                found = self._db.execute("SELECT tat FROM tat WHERE key = :key", params).fetchone()
                tat = int(found[0]) if found else now
                decision, _ = _decide(tat, now, self._interval, self.limit)
                return decision
            self._hits += 1
            if self._hits % self._PRUNE_EVERY == 0:
                self._db.execute("DELETE FROM tat WHERE tat < :now", params)
        except sqlite3.Error as exc:
            if now / 1000 - self._warned_at >= self.WARN_EVERY_SECONDS:
                self._warned_at = now / 1000
                log.warning(
                    "rate limit not enforced: counter file unusable (%s); failing open", exc
                )
            return Decision(True, self.limit, self.limit, 0)
        new_tat = int(row[0])
        return Decision(
            True, self.limit, (self._interval * self.limit - (new_tat - now)) // self._interval, 0
        )

    async def aclose(self) -> None:
        self._db.close()


AnyRateLimiter = MemoryRateLimiter | FileRateLimiter | RedisRateLimiter


def rate_limiter(
    per_minute: int,
    redis_url: str | None,
    *,
    shared_file: str | None = None,
    prefix: str = "key:",
) -> AnyRateLimiter | None:
    """The limiter the settings ask for: None when the limit is 0 (off).

    Redis when there is one (several hosts), else the shared file when there is one (several
    workers of one host), else this process's memory (one worker). ``prefix`` keeps limits of
    different kinds (keys, client addresses) apart in a shared store.
    """
    if per_minute == 0:
        return None
    if redis_url:
        return RedisRateLimiter(redis_url, per_minute, 60.0, prefix=f"followup:ratelimit:{prefix}")
    if shared_file:
        return FileRateLimiter(shared_file, per_minute, 60.0, prefix=prefix)
    return MemoryRateLimiter(per_minute, 60.0)


async def enforce_rate_limit(request: Request, key: str) -> None:
    """Count a request against ``key`` (an API key's id); over the limit, raise RateLimited.

    Call it from the dependency that authenticates the key. The app's limiter lives in
    ``app.state.rate_limiter``; without one (rate_limit = 0) this does nothing.
    """
    limiter: RateLimiter | None = getattr(request.app.state, "rate_limiter", None)
    if limiter is None:
        return
    decision = await limiter.hit(key)
    if not decision.allowed:
        raise RateLimited(decision, limiter.period_seconds)


def client_address(request: Request) -> str:
    """The client's address as the server saw it (after uvicorn's trusted proxy headers)."""
    client = request.scope.get("client")
    return str(client[0]) if client else "unknown"


async def enforce_anonymous_limit(request: Request) -> None:
    """Count a request that brings no key we know against its client address.

    Called before a key is looked up in the database, so a flood of missing or made-up keys
    is refused here, at no database cost. The limiter lives in
    ``app.state.anonymous_rate_limiter``; without one this does nothing.
    """
    limiter: RateLimiter | None = getattr(request.app.state, "anonymous_rate_limiter", None)
    if limiter is None:
        return
    decision = await limiter.hit(client_address(request))
    if not decision.allowed:
        raise RateLimited(decision, limiter.period_seconds, subject="This client address")
