"""Reads shared between callers (app.db.async_reads): every caller gets a value read after it
asked, however many ask at once, and one failure or one caller leaving does not strand the rest.

The reads here are counted stand-ins for the server, so the timing is the test's own: the read
against PostgreSQL itself is tested in tests/db/test_pool.py.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from app.db.async_reads import AsyncReads, ReadFailed


class Counted(AsyncReads):
    """Each read answers the number of reads sent before it, after ``delay`` seconds."""

    def __init__(self, *, delay: float = 0.01, fail: bool = False) -> None:
        super().__init__("postgresql://nobody@127.0.0.1:9/none", size=1)
        self.sent: list[tuple[str, tuple[Any, ...]]] = []
        self.delay = delay
        self.fail = fail

    async def _read(self, statement: str, parameters: tuple[Any, ...]) -> Any:
        self.sent.append((statement, parameters))
        number = len(self.sent)
        await asyncio.sleep(self.delay)
        if self.fail:
            raise ReadFailed("down")
        return number


def test_callers_who_ask_together_share_one_read() -> None:
    async def scenario() -> tuple[list[int], int]:
        reads = Counted()
        found = await asyncio.gather(*(reads.scalar("SELECT v", (1,)) for _ in range(30)))
        return found, len(reads.sent)

    found, sent = asyncio.run(scenario())
    assert found == [1] * 30
    assert sent == 1


def test_a_caller_who_asks_while_a_read_is_under_way_waits_for_the_next_one() -> None:
    """The read under way may have been sent before a change this caller already saw."""

    async def scenario() -> tuple[int, list[int], int]:
        reads = Counted(delay=0.05)
        first = asyncio.create_task(reads.scalar("SELECT v", (1,)))
        await asyncio.sleep(0.01)  # the first read is on its way
        later = await asyncio.gather(*(reads.scalar("SELECT v", (1,)) for _ in range(10)))
        return await first, later, len(reads.sent)

    first, later, sent = asyncio.run(scenario())
    assert first == 1
    assert later == [2] * 10
    assert sent == 2


def test_different_statements_or_parameters_are_not_shared() -> None:
    async def scenario() -> int:
        reads = Counted()
        await asyncio.gather(
            reads.scalar("SELECT v", (1,)),
            reads.scalar("SELECT v", (2,)),
            reads.scalar("SELECT w", (1,)),
        )
        assert not reads._flights  # forgotten once answered
        return len(reads.sent)

    assert asyncio.run(scenario()) == 3


def test_a_failed_read_fails_every_caller_sharing_it() -> None:
    async def scenario() -> list[BaseException | int]:
        reads = Counted(fail=True)
        return await asyncio.gather(
            *(reads.scalar("SELECT v", (1,)) for _ in range(5)), return_exceptions=True
        )

    assert all(isinstance(outcome, ReadFailed) for outcome in asyncio.run(scenario()))


def test_a_caller_who_leaves_does_not_cancel_the_read_for_the_others() -> None:
    async def scenario() -> int:
        reads = Counted(delay=0.05)
        leaving = asyncio.create_task(reads.scalar("SELECT v", (1,)))
        staying = asyncio.create_task(reads.scalar("SELECT v", (1,)))
        await asyncio.sleep(0.01)
        leaving.cancel()
        with pytest.raises(asyncio.CancelledError):
            await leaving
        return await staying

    assert asyncio.run(scenario()) == 1


def test_closing_mid_read_sends_the_waiting_callers_to_the_ordinary_path() -> None:
    async def scenario() -> list[BaseException | int]:
        reads = Counted(delay=1)
        first = asyncio.create_task(reads.scalar("SELECT v", (1,)))
        await asyncio.sleep(0.01)
        second = asyncio.create_task(reads.scalar("SELECT v", (1,)))
        await asyncio.sleep(0.01)
        for flight in list(reads._flights.values()):
            assert flight.sending is not None
            flight.sending.cancel()
        return await asyncio.gather(first, second, return_exceptions=True)

    outcomes = asyncio.run(scenario())
    assert all(isinstance(outcome, ReadFailed) for outcome in outcomes)
