"""Writers at once: no lock errors, no lost or doubled rows, one winner per ETag (both backends)."""

from __future__ import annotations

import copy
import threading
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from sqlmodel import col, func, select

from app.db.models import ApiKey, Interview, InterviewEvent
from app.db.session import Database
from app.main import create_app
from app.services.keys import issue_key
from app.settings import Settings


def _count(db: Database, query: Any) -> int:
    with db.read() as session:
        return int(session.execute(query).scalar_one())


def _interviews_of(account_id: uuid.UUID) -> Any:
    return select(func.count()).select_from(Interview).where(Interview.account_id == account_id)


def _account_of(db: Database, key: str) -> uuid.UUID:
    key_id = key.split("_")[1]
    with db.read() as session:
        row = session.scalars(select(ApiKey).where(ApiKey.key_id == key_id)).one()
        return row.account_id


class Server:
    """The app in process, called from many threads at once, as many clients would.

    httpx's ASGI transport runs each request on the calling thread's own event loop, so the
    requests truly overlap in the app's thread pool and in the database.
    """

    def __init__(self, database_url: str) -> None:
        settings = Settings(_env_file=None, database_url=database_url, rate_limit=0)  # type: ignore[call-arg]
        self.app = create_app(settings)
        self.key = issue_key(self.app.state.db, account=f"race-{uuid.uuid4().hex[:8]}").key

    def call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        import anyio

        async def go() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                headers = {"Authorization": f"Bearer {self.key}", **kwargs.pop("headers", {})}
                return await client.request(method, path, headers=headers, **kwargs)

        return anyio.run(go)


@pytest.fixture
def server(database_url: str) -> Iterator[Server]:
    running = Server(database_url)
    yield running
    running.app.state.db.dispose()


def _together(count: int, work: Callable[[int], Any]) -> list[Any]:
    barrier = threading.Barrier(count)

    def start(n: int) -> Any:
        barrier.wait()
        return work(n)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(start, range(count)))


def test_twenty_identical_idempotent_creates_store_one_row(server: Server, body: dict) -> None:
    responses = _together(
        20,
        lambda _: server.call(
            "POST", "/v1/interviews", json=body, headers={"Idempotency-Key": "race-1"}
        ),
    )

    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {201, 409}, statuses
    created = [r for r in responses if r.status_code == 201]
    assert created, statuses
    assert len({r.json()["id"] for r in created}) == 1
    assert len({r.content for r in created}) == 1
    for conflict in (r for r in responses if r.status_code == 409):
        assert conflict.headers["content-type"] == "application/problem+json"
        assert conflict.headers["retry-after"] == "1"
    db = server.app.state.db
    assert _count(db, _interviews_of(_account_of(db, server.key))) == 1
    # Once the first is done, a retry is a replay of it.
    again = server.call("POST", "/v1/interviews", json=body, headers={"Idempotency-Key": "race-1"})
    assert again.status_code == 201 and again.content == created[0].content


def test_two_racing_patches_with_one_etag_give_one_200_and_one_412(
    server: Server, body: dict
) -> None:
    created = server.call("POST", "/v1/interviews", json=body).json()
    url = f"/v1/interviews/{created['id']}"

    responses = _together(
        2,
        lambda n: server.call(
            "PATCH", url, json={"company": f"Racer {n}"}, headers={"If-Match": '"1"'}
        ),
    )

    assert sorted(r.status_code for r in responses) == [200, 412]
    winner = next(r for r in responses if r.status_code == 200).json()
    stored = server.call("GET", url)
    assert stored.headers["etag"] == '"2"'
    assert stored.json()["company"] == winner["company"]


def test_racing_events_all_land_in_order(server: Server, body: dict) -> None:
    created = server.call("POST", "/v1/interviews", json=body).json()
    url = f"/v1/interviews/{created['id']}/events"

    responses = _together(
        6,
        lambda n: server.call(
            "POST", url, json={"type": "call_made", "at": f"2026-11-2{n}T10:00:00-05:00"}
        ),
    )

    assert [r.status_code for r in responses] == [201] * 6
    events = server.call("GET", f"/v1/interviews/{created['id']}").json()["events"]
    assert [e["seq"] for e in events] == [1, 2, 3, 4, 5, 6]
    db = server.app.state.db
    count = (
        select(func.count())
        .select_from(InterviewEvent)
        .where(col(InterviewEvent.interview_id) == uuid.UUID(created["id"]))
    )
    assert _count(db, count) == 6


def test_eight_threads_of_fifty_writes_on_sqlite_lose_nothing(sqlite_url: str, body: dict) -> None:
    server = Server(sqlite_url)
    bodies = []
    for n in range(8):
        each = copy.deepcopy(body)
        each["company"] = f"Writer {n}"
        bodies.append(each)

    def fifty(n: int) -> list[int]:
        return [
            server.call("POST", "/v1/interviews", json=bodies[n]).status_code for _ in range(50)
        ]

    statuses = [status for batch in _together(8, fifty) for status in batch]

    assert statuses == [201] * 400
    db = server.app.state.db
    assert _count(db, _interviews_of(_account_of(db, server.key))) == 400
    db.dispose()


def test_no_plaintext_key_anywhere_in_the_database(server: Server, body: dict) -> None:
    server.call("POST", "/v1/interviews", json=body)
    # fup_<key id>_<secret>: the secret may hold "_" itself, so it is all after the second one
    # (the last "_"-separated piece could be a single letter, found in any row by chance).
    secret = server.key.split("_", 2)[2]
    assert len(secret) >= 40
    db = server.app.state.db

    with db.engine.connect() as connection:
        for table in sa.inspect(db.engine).get_table_names():
            for row in connection.execute(sa.text(f'SELECT * FROM "{table}"')):  # noqa: S608
                text = " ".join(str(value) for value in row)
                assert server.key not in text, table
                assert secret not in text, table
