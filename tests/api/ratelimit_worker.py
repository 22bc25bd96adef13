"""A worker process of the shared-file rate-limit test, in a module of its own: a process the
test spawns imports this and the limiter only, not the test module with the whole app."""

from __future__ import annotations

import asyncio

from app.api.ratelimit import FileRateLimiter


def hits_in_another_process(path: str, count: int) -> list[bool]:
    """``count`` hits on ``key-1`` from a process of its own (a worker)."""
    limiter = FileRateLimiter(path, 10, 60)
    try:
        return [asyncio.run(limiter.hit("key-1")).allowed for _ in range(count)]
    finally:
        asyncio.run(limiter.aclose())
