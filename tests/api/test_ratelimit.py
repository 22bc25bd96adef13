"""The per-key rate limit: GCRA in memory and in Redis, and the 429 it turns into."""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import redis
from fastapi import Request
from fastapi.testclient import TestClient
from redis.asyncio import Redis

from app.api.ratelimit import (
    Decision,
    FileRateLimiter,
    MemoryRateLimiter,
    RedisRateLimiter,
    enforce_rate_limit,
    rate_limiter,
)
from app.main import create_app
from app.settings import Settings
from tests.api.conftest import new_key
from tests.api.ratelimit_worker import hits_in_another_process

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class TestMemoryRateLimiter:
    async def test_exactly_the_limit_passes_then_429_with_the_wait(self) -> None:
        limiter = MemoryRateLimiter(5, 60, clock=Clock())

        decisions = [await limiter.hit("key-1") for _ in range(6)]

        assert [d.allowed for d in decisions] == [True] * 5 + [False]
        assert [d.remaining for d in decisions] == [4, 3, 2, 1, 0, 0]
        assert decisions[-1] == Decision(allowed=False, limit=5, remaining=0, retry_after=12)

    async def test_one_request_more_passes_each_interval(self) -> None:
        clock = Clock()
        limiter = MemoryRateLimiter(5, 60, clock=clock)
        for _ in range(5):
            await limiter.hit("key-1")

        clock.now += 11.9
        refused = await limiter.hit("key-1")
        clock.now += 0.1
        allowed = await limiter.hit("key-1")
        again = await limiter.hit("key-1")

        assert (refused.allowed, refused.retry_after) == (False, 1)
        assert allowed.allowed
        assert allowed.remaining == 0
        assert not again.allowed

    async def test_the_whole_limit_is_back_after_a_quiet_period(self) -> None:
        clock = Clock()
        limiter = MemoryRateLimiter(5, 60, clock=clock)
        for _ in range(6):
            await limiter.hit("key-1")

        clock.now += 60
        decisions = [await limiter.hit("key-1") for _ in range(6)]

        assert [d.allowed for d in decisions] == [True] * 5 + [False]

    async def test_keys_are_counted_apart(self) -> None:
        limiter = MemoryRateLimiter(1, 60, clock=Clock())

        assert (await limiter.hit("a")).allowed
        assert (await limiter.hit("b")).allowed
        assert not (await limiter.hit("a")).allowed

    async def test_idle_keys_are_forgotten(self) -> None:
        clock = Clock()
        limiter = MemoryRateLimiter(10, 60, clock=clock)
        limiter._PRUNE_EVERY = 3
        await limiter.hit("old")
        clock.now += 61

        await limiter.hit("new")
        await limiter.hit("new")

        assert set(limiter._tats) == {"new"}
        await limiter.aclose()
        assert limiter._tats == {}

    def test_a_limit_needs_a_positive_count_and_period(self) -> None:
        with pytest.raises(ValueError, match="limit >= 1"):
            MemoryRateLimiter(0, 60)
        with pytest.raises(ValueError, match="positive period"):
            MemoryRateLimiter(10, 0)


# -- Redis ----------------------------------------------------------------------------------


def _redis_or_skip() -> None:
    """The real Redis, or a skip that says why; in CI (CI set) a failure instead."""
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as exc:
        reason = f"Redis not reachable at {REDIS_URL}: {exc}"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI must test the shared rate limit)")
        pytest.skip(reason)


@pytest.fixture
async def prefix() -> AsyncIterator[str]:
    """A key prefix of this test's own; its keys are deleted afterwards."""
    _redis_or_skip()
    prefix = f"test:followup:ratelimit:{uuid.uuid4().hex}:"
    yield prefix
    client = Redis.from_url(REDIS_URL)
    keys = [key async for key in client.scan_iter(f"{prefix}*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()


@pytest.fixture
async def limiters(prefix: str) -> AsyncIterator[list[RedisRateLimiter]]:
    """Two replicas' limiters (5 a minute) sharing one Redis."""
    replicas = [RedisRateLimiter(REDIS_URL, 5, 60, prefix=prefix) for _ in range(2)]
    yield replicas
    for limiter in replicas:
        await limiter.aclose()


class TestRedisRateLimiter:
    async def test_exactly_the_limit_passes_then_429_with_the_wait(
        self, limiters: list[RedisRateLimiter]
    ) -> None:
        limiter = limiters[0]

        decisions = [await limiter.hit("key-1") for _ in range(6)]

        assert [d.allowed for d in decisions] == [True] * 5 + [False]
        assert [d.remaining for d in decisions] == [4, 3, 2, 1, 0, 0]
        assert decisions[-1] == Decision(allowed=False, limit=5, remaining=0, retry_after=12)

    async def test_replicas_share_one_count(self, limiters: list[RedisRateLimiter]) -> None:
        first, second = limiters

        decisions = [await (first if i % 2 else second).hit("key-1") for i in range(6)]
        other_key = await first.hit("key-2")

        assert [d.allowed for d in decisions] == [True] * 5 + [False]
        assert other_key.allowed

    async def test_concurrent_hits_never_pass_more_than_the_limit(
        self, limiters: list[RedisRateLimiter]
    ) -> None:
        decisions = await asyncio.gather(
            *(limiters[i % 2].hit("burst") for i in range(20)),
        )

        assert sum(d.allowed for d in decisions) == 5

    async def test_the_window_moves_on(self, prefix: str) -> None:
        limiter = RedisRateLimiter(REDIS_URL, 2, 1.0, prefix=prefix)
        try:
            assert (await limiter.hit("key-1")).allowed
            assert (await limiter.hit("key-1")).allowed
            refused = await limiter.hit("key-1")
            await asyncio.sleep(0.6)
            after = await limiter.hit("key-1")
        finally:
            await limiter.aclose()

        assert (refused.allowed, refused.retry_after) == (False, 1)
        assert after.allowed

    async def test_a_key_expires_when_its_bucket_is_full_again(
        self, limiters: list[RedisRateLimiter], prefix: str
    ) -> None:
        await limiters[0].hit("key-1")

        client = Redis.from_url(REDIS_URL)
        ttl_ms = await client.pttl(f"{prefix}key-1")
        await client.aclose()

        assert 0 < ttl_ms <= 12_000

    async def test_unreachable_redis_fails_open_with_one_warning(
        self, caplog: pytest.LogCaptureFixture
    ) -> None:
        # Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
        limiter = RedisRateLimiter("redis://127.0.0.1:9/0", 1, 60, timeout_seconds=0.2)
        try:
            with caplog.at_level(logging.WARNING, logger="app.ratelimit"):
                decisions = [await limiter.hit("key-1") for _ in range(3)]
        finally:
            await limiter.aclose()

        assert all(d.allowed for d in decisions)
        warnings = [r for r in caplog.records if r.name == "app.ratelimit"]
        assert len(warnings) == 1
        assert "failing open" in warnings[0].getMessage()


# -- the 429 --------------------------------------------------------------------------------


def _limited_client(rate_limit: int) -> TestClient:
    settings = Settings(_env_file=None, rate_limit=rate_limit)  # type: ignore[call-arg]
    app = create_app(settings)

    async def limited(request: Request) -> dict[str, str]:
        await enforce_rate_limit(request, "key-1")
        return {"ok": "yes"}

    app.add_api_route("/limited", limited, include_in_schema=False)
    return TestClient(app)


@pytest.fixture
def limited() -> Iterator[TestClient]:
    with _limited_client(2) as client:
        yield client


class TestTooManyRequests:
    def test_over_the_limit_is_a_429_problem_with_retry_after(self, limited: TestClient) -> None:
        statuses = [limited.get("/limited").status_code for _ in range(2)]
        response = limited.get("/limited")

        assert statuses == [200, 200]
        assert response.status_code == 429
        assert response.headers["content-type"] == "application/problem+json"
        assert response.headers["Retry-After"] == "30"
        assert response.headers["RateLimit-Limit"] == "2"
        assert response.headers["RateLimit-Remaining"] == "0"
        assert response.headers["X-Request-ID"]
        problem = response.json()
        assert problem["status"] == 429
        assert problem["title"] == "Too Many Requests"
        assert "retry after 30 seconds" in problem["detail"]

    def test_a_zero_limit_turns_it_off(self) -> None:
        with _limited_client(0) as client:
            statuses = {client.get("/limited").status_code for _ in range(5)}

        assert statuses == {200}

    def test_the_settings_choose_the_backend(self) -> None:
        assert rate_limiter(0, None) is None
        assert isinstance(rate_limiter(600, None), MemoryRateLimiter)
        shared = rate_limiter(600, REDIS_URL)
        assert isinstance(shared, RedisRateLimiter)
        assert (shared.limit, shared.period_seconds) == (600, 60.0)
        asyncio.run(shared.aclose())


# -- a file shared by the workers of one host -----------------------------------------------


class TestFileRateLimiter:
    async def test_exactly_the_limit_passes_then_429_with_the_wait(self, tmp_path: Path) -> None:
        limiter = FileRateLimiter(str(tmp_path / "limits.sqlite3"), 5, 60, clock=Clock())

        decisions = [await limiter.hit("key-1") for _ in range(6)]
        await limiter.aclose()

        assert [d.allowed for d in decisions] == [True] * 5 + [False]
        assert [d.remaining for d in decisions] == [4, 3, 2, 1, 0, 0]
        assert decisions[-1] == Decision(allowed=False, limit=5, remaining=0, retry_after=12)

    async def test_decides_as_the_memory_limiter_does(self, tmp_path: Path) -> None:
        clock = Clock()
        in_file = FileRateLimiter(str(tmp_path / "limits.sqlite3"), 3, 6, clock=clock)
        in_memory = MemoryRateLimiter(3, 6, clock=clock)
        pairs = []
        for step in (0, 0, 0, 0, 1.9, 0.1, 0, 2.5, 6, 0, 0, 0, 0):
            clock.now += step
            pairs.append((await in_file.hit("k"), await in_memory.hit("k")))
        await in_file.aclose()

        assert [file for file, _ in pairs] == [memory for _, memory in pairs]

    async def test_processes_sharing_the_file_keep_one_count(self, tmp_path: Path) -> None:
        path = str(tmp_path / "limits.sqlite3")
        context = multiprocessing.get_context("spawn")
        with context.Pool(2) as pool:
            results = pool.starmap(hits_in_another_process, [(path, 15), (path, 15)])

        assert sum(allowed for result in results for allowed in result) == 10

    async def test_an_unusable_file_fails_open_with_one_warning(
        self, tmp_path: Path, caplog: pytest.LogCaptureFixture
    ) -> None:
        limiter = FileRateLimiter(str(tmp_path / "limits.sqlite3"), 1, 60)
        await limiter.aclose()  # every statement now fails

        with caplog.at_level(logging.WARNING, logger="app.ratelimit"):
            decisions = [await limiter.hit("key-1") for _ in range(3)]

        assert all(d.allowed for d in decisions)
        assert len([r for r in caplog.records if r.name == "app.ratelimit"]) == 1

    def test_the_settings_choose_the_file_without_redis(self, tmp_path: Path) -> None:
        path = str(tmp_path / "limits.sqlite3")

        chosen = rate_limiter(600, None, shared_file=path)
        redis_first = rate_limiter(600, REDIS_URL, shared_file=path)

        assert isinstance(chosen, FileRateLimiter)
        assert isinstance(redis_first, RedisRateLimiter)
        asyncio.run(chosen.aclose())
        asyncio.run(redis_first.aclose())


# -- requests that bring no key we know: per client address, before any key look-up ---------


@pytest.fixture
def guarded(sqlite_url: str) -> Iterator[tuple[TestClient, list[str]]]:
    """An app allowing 5 keyless requests a minute per address; the keys it looked up."""
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=sqlite_url, rate_limit_anonymous=5
    )
    app = create_app(settings)
    looked_up: list[str] = []
    verify = app.state.keys.verify

    def counting(key: str) -> object:
        looked_up.append(key)
        return verify(key)

    with TestClient(app, raise_server_exceptions=False) as client:
        app.state.keys.verify = counting
        yield client, looked_up


class TestAnonymousFlood:
    def test_no_key_is_limited_per_address_with_retry_after(
        self, guarded: tuple[TestClient, list[str]]
    ) -> None:
        client, _ = guarded

        statuses = [client.get("/v1/policies").status_code for _ in range(5)]
        refused = client.get("/v1/policies")

        assert statuses == [401] * 5
        assert refused.status_code == 429
        assert refused.headers["content-type"] == "application/problem+json"
        assert int(refused.headers["Retry-After"]) > 0
        assert refused.json()["detail"].startswith("This client address is over its limit")

    def test_bad_keys_cost_no_look_up_once_over_the_limit(
        self, guarded: tuple[TestClient, list[str]]
    ) -> None:
        client, looked_up = guarded
        made_up = [f"fup_{uuid.uuid4().hex[:12]}_{uuid.uuid4().hex}" for _ in range(40)]

        statuses = [
            client.get("/v1/policies", headers={"Authorization": f"Bearer {key}"}).status_code
            for key in made_up
        ]

        assert statuses == [401] * 5 + [429] * 35
        assert len(looked_up) == 5

    def test_a_known_key_is_not_counted_against_its_address(
        self, guarded: tuple[TestClient, list[str]], sqlite_url: str
    ) -> None:
        client, looked_up = guarded
        key = new_key(sqlite_url)

        statuses = {
            client.get("/v1/policies", headers={"Authorization": f"Bearer {key}"}).status_code
            for _ in range(20)
        }

        assert statuses == {200}
        assert len(looked_up) == 1
