"""A per-key rate limit, counted in this process or in Redis when several replicas run.

The algorithm is GCRA (the generic cell rate algorithm, a token bucket kept as one number):
each key stores its *theoretical arrival time* (TAT). A hit moves the TAT one emission interval
(``period / limit``) on; the hit is refused when that would put the TAT more than a whole
period ahead of now. So ``limit`` requests pass at once, then one every interval: no double
burst at a window's edge as with fixed windows (INCR+EXPIRE), and one key of one number per
client instead of a sorted set of timestamps as a sliding log needs. In Redis the read, the
decision and the write are one Lua script, atomic by construction, and it reads the server's
clock, so replicas with drifting clocks still share one limit.

Times are whole milliseconds in both backends, so they decide alike.

Redis unreachable: the limiter fails open (the request passes) and logs a warning at most
once a minute; for a few seconds after a failure it does not try Redis, so a hung server
costs no latency. A rate limit protects the service; it is not worth refusing every request.
"""

from __future__ import annotations

import logging
import math
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
    """Raised by :func:`enforce_rate_limit`; the error handlers answer 429 with Retry-After."""

    def __init__(self, decision: Decision, period_seconds: float) -> None:
        super().__init__(f"rate limited: retry after {decision.retry_after} s")
        self.decision = decision
        self.period_seconds = period_seconds


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


def rate_limiter(
    per_minute: int, redis_url: str | None
) -> MemoryRateLimiter | RedisRateLimiter | None:
    """The limiter the settings ask for: None when the limit is 0 (off)."""
    if per_minute == 0:
        return None
    if redis_url:
        return RedisRateLimiter(redis_url, per_minute, 60.0)
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
