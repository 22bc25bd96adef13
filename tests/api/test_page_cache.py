"""Pages kept per data version: an answer is reused only while nothing it read has changed.

Two apps on one database stand for two workers: each keeps its own pages, and a change made
through either one is seen by both on the very next request (the account's data version is
bumped in the change's own transaction), on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from app.db.session import Database
from app.main import create_app
from app.services.pages import PageCache
from app.settings import Settings
from tests.api.conftest import bearer, new_key

AS_OF = "2026-11-25T15:00:00Z"


@pytest.fixture
def workers(database_url: str) -> Iterator[tuple[TestClient, TestClient]]:
    settings = Settings(_env_file=None, database_url=database_url)  # type: ignore[call-arg]
    headers = bearer(new_key(database_url))
    with (
        TestClient(create_app(settings), headers=headers) as one,
        TestClient(create_app(settings), headers=headers) as two,
    ):
        yield one, two


def _pages(client: TestClient) -> PageCache:
    pages: PageCache = client.app.state.pages  # type: ignore[attr-defined]
    return pages


def _ids(client: TestClient, path: str) -> list[str]:
    answer = client.get(path)
    assert answer.status_code == 200, answer.text
    items = answer.json()["items"]
    return [item.get("id") or item["interview_id"] for item in items]


def _create(client: TestClient, body: dict[str, Any], company: str) -> str:
    data = copy.deepcopy(body)
    data["company"] = company
    data.pop("as_of", None)
    data.pop("thank_you_sent_at", None)
    created = client.post("/v1/interviews", json=data)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


def test_a_page_asked_twice_is_rendered_once(
    workers: tuple[TestClient, TestClient], body: dict[str, Any]
) -> None:
    one, _ = workers
    _create(one, body, "Acme")
    path = f"/v1/interviews?as_of={AS_OF}"
    first = one.get(path)
    misses = _pages(one).misses
    again = one.get(path)

    assert again.content == first.content
    assert _pages(one).misses == misses
    assert _pages(one).hits >= 1


def test_every_kind_of_change_through_another_worker_is_seen_at_once(
    workers: tuple[TestClient, TestClient], body: dict[str, Any]
) -> None:
    one, two = workers
    lists = f"/v1/interviews?as_of={AS_OF}&limit=50"
    first = _create(one, body, "Acme")
    assert _ids(one, lists) == [first]
    assert _ids(two, lists) == [first]

    second = _create(two, body, "Globex")  # created through the other worker
    assert _ids(one, lists) == [second, first]

    company = f"/v1/interviews?as_of={AS_OF}&company=Initech"
    assert _ids(one, company) == []
    etag = two.get(f"/v1/interviews/{first}").headers["ETag"]
    patched = two.patch(
        f"/v1/interviews/{first}",
        json={"company": "Initech"},
        headers={"If-Match": etag, "Content-Type": "application/merge-patch+json"},
    )
    assert patched.status_code == 200, patched.text
    assert _ids(one, company) == [first]

    closed = f"/v1/interviews?as_of={AS_OF}&status=closed"
    assert _ids(one, closed) == []
    event = two.post(
        f"/v1/interviews/{second}/events", json={"type": "withdrawn", "at": "2026-11-25T12:00:00Z"}
    )
    assert event.status_code == 201, event.text
    assert _ids(one, closed) == [second]

    assert two.delete(f"/v1/interviews/{second}").status_code == 204
    assert _ids(one, lists) == [first]
    assert _ids(one, closed) == []


def test_the_agenda_follows_an_event_logged_through_another_worker(
    workers: tuple[TestClient, TestClient], body: dict[str, Any]
) -> None:
    one, two = workers
    interview = _create(one, body, "Acme")
    agenda = f"/v1/agenda?as_of={AS_OF}"
    before = one.get(agenda).json()["items"]
    assert "thank_you" in {item["step"]["kind"] for item in before}

    sent = two.post(
        f"/v1/interviews/{interview}/events",
        json={"type": "thank_you_sent", "at": "2026-11-25T14:00:00Z"},
    )
    assert sent.status_code == 201, sent.text
    after = one.get(agenda).json()["items"]
    assert "thank_you" not in {item["step"]["kind"] for item in after}


def test_each_account_and_each_question_has_its_own_page(
    workers: tuple[TestClient, TestClient], body: dict[str, Any], database_url: str
) -> None:
    one, _ = workers
    mine = _create(one, body, "Acme")
    other = bearer(new_key(database_url))
    assert _ids(one, f"/v1/interviews?as_of={AS_OF}") == [mine]
    assert one.get(f"/v1/interviews?as_of={AS_OF}", headers=other).json()["items"] == []
    assert _ids(one, f"/v1/interviews?as_of={AS_OF}&status=moved_on") == []
    assert _ids(one, f"/v1/interviews?as_of={AS_OF}&limit=1") == [mine]


def test_a_failed_change_leaves_the_version_as_it_was(
    workers: tuple[TestClient, TestClient], body: dict[str, Any], database_url: str
) -> None:
    one, _ = workers
    interview = _create(one, body, "Acme")
    account = _account_of(database_url, interview)
    version = _pages(one).version(account)
    stale = one.patch(
        f"/v1/interviews/{interview}",
        json={"company": "Initech"},
        headers={"If-Match": '"0"', "Content-Type": "application/merge-patch+json"},
    )
    assert stale.status_code == 412
    bad = one.post(f"/v1/interviews/{interview}/events", json={"type": "no_such_event"})
    assert bad.status_code == 422

    assert _pages(one).version(account) == version


def _account_of(database_url: str, interview_id: str) -> uuid.UUID:
    db = Database(database_url, pool_size=1)
    try:
        with db.engine.connect() as connection:
            found = connection.execute(
                sa.text("SELECT account_id FROM interview WHERE id = :id"),
                {"id": uuid.UUID(interview_id).hex if "sqlite" in database_url else interview_id},
            ).scalar_one()
        return found if isinstance(found, uuid.UUID) else uuid.UUID(str(found))
    finally:
        db.dispose()


def test_each_explanation_language_has_its_own_page(
    workers: tuple[TestClient, TestClient], body: dict[str, Any]
) -> None:
    one, _ = workers
    _create(one, body, "Acme")
    for path in (f"/v1/interviews?as_of={AS_OF}", f"/v1/agenda?as_of={AS_OF}"):
        german = one.get(path, headers={"Accept-Language": "de-AT, en;q=0.5"})
        english = one.get(path)

        assert german.headers["Content-Language"] == "de"
        assert english.headers["Content-Language"] == "en"
        assert "Accept-Language" in german.headers["Vary"]
        assert _explained(german.json()["items"][0]) != _explained(english.json()["items"][0])


def _explained(item: dict[str, Any]) -> str:
    """What a list item (its next action's summary) or an agenda item (its rationale) says."""
    return str((item.get("next_action") or {}).get("summary") or item["step"]["rationale"])


# -- a kept page answered before routing (app.api.kept_pages) ---------------------------------


def test_a_kept_page_is_answered_as_the_route_answers_it(
    workers: tuple[TestClient, TestClient], body: dict[str, Any]
) -> None:
    one, _ = workers
    _create(one, body, "Acme")
    for path in (f"/v1/interviews?as_of={AS_OF}&limit=20", f"/v1/agenda?as_of={AS_OF}"):
        rendered = one.get(path, headers={"Accept-Language": "fr"})
        store = one.app.state.interviews  # type: ignore[attr-defined]
        real_list, real_agenda = store.list, store.agenda
        store.list = store.agenda = _fail  # a kept page reads no interview
        try:
            kept = one.get(path, headers={"Accept-Language": "fr"})
        finally:
            store.list, store.agenda = real_list, real_agenda

        assert kept.status_code == 200
        assert kept.content == rendered.content
        for header in ("content-type", "content-language", "vary", "cache-control"):
            assert kept.headers.get(header) == rendered.headers.get(header), header
        assert kept.headers["x-request-id"] != rendered.headers["x-request-id"]


def _fail(**_: Any) -> None:
    raise AssertionError("the page was rendered again")


def test_another_language_query_or_key_is_not_the_kept_page(
    workers: tuple[TestClient, TestClient], body: dict[str, Any], database_url: str
) -> None:
    one, _ = workers
    _create(one, body, "Acme")
    path = f"/v1/interviews?as_of={AS_OF}"
    assert one.get(path).status_code == 200
    misses = _pages(one).misses

    assert one.get(path, headers={"Accept-Language": "es"}).headers["content-language"] == "es"
    assert one.get(f"/v1/interviews?limit=50&as_of={AS_OF}").status_code == 200
    assert _pages(one).misses == misses + 2
    assert one.get(path, headers={"Authorization": "Bearer fup_nope"}).status_code == 401
    assert one.get(path, headers={"Authorization": "Basic abc"}).status_code == 401
    other = bearer(new_key(database_url))
    assert one.get(path, headers=other).json()["items"] == []


def test_a_kept_page_counts_against_the_rate_limit(database_url: str, body: dict[str, Any]) -> None:
    settings = Settings(_env_file=None, database_url=database_url, rate_limit=4)  # type: ignore[call-arg]
    with TestClient(create_app(settings), headers=bearer(new_key(database_url))) as client:
        _create(client, body, "Acme")  # 1
        path = f"/v1/interviews?as_of={AS_OF}"
        statuses = [client.get(path).status_code for _ in range(5)]  # 2, 3, 4, then over

    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]


def test_a_page_without_as_of_is_kept_for_its_second_only() -> None:
    from datetime import UTC, datetime

    from app.api.kept_pages import question

    scope = {"path": "/v1/agenda", "query_string": b"limit=5"}
    first = question(scope, "en", datetime(2026, 11, 30, 9, 0, 1, tzinfo=UTC))
    later = question(scope, "en", datetime(2026, 11, 30, 9, 0, 2, tzinfo=UTC))
    pinned = question({**scope, "query_string": b"as_of=2026-11-30T09:00:00Z"}, "en", None)

    assert first != later
    assert pinned != first


def test_kept_pages_stay_within_their_byte_budget_least_recently_used_out_first(
    tmp_path: Any,
) -> None:
    import anyio

    db = Database(f"sqlite:///{tmp_path / 'budget.db'}")
    pages = PageCache(db, size=100, budget=1000)
    account = uuid.uuid4()

    async def keep(question: str, size: int) -> bytes:
        return await pages.answer(account, question, lambda: b"x" * size, version=1)

    async def scenario() -> None:
        for name in ("a", "b", "c"):
            await keep(name, 400)
        # "a" went first (1,200 bytes > 1,000); "b" and "c" are kept.
        assert pages.kept(account, "a", 1) is None
        assert pages.kept(account, "b", 1) is not None  # now the most recently used
        await keep("d", 400)
        assert pages.kept(account, "c", 1) is None
        assert pages.kept(account, "b", 1) is not None
        assert pages.kept_bytes == 800
        # A page bigger than the whole budget is answered, not kept.
        assert await keep("huge", 5000) == b"x" * 5000
        assert pages.kept(account, "huge", 1) is None
        assert pages.kept_bytes == 800
        # The same question rendered again replaces its page, counted once.
        await pages.answer(account, "b", lambda: b"y" * 100, version=2)
        assert pages.kept_bytes == 500

    try:
        anyio.run(scenario)
    finally:
        db.dispose()
