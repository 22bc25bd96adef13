"""Lists and the agenda answer exactly what planning every stored interview afresh gives.

The pages reuse a plan while its span holds (:mod:`app.domain.validity`) and filter on stored
columns; here, for one account of varied interviews on each backend, at moments inside due
windows, on and just after their bounds, at midnights, weekends and across a change of daylight
saving time, visited out of order, every answer is compared with plans made afresh.
"""

from __future__ import annotations

import copy
import random
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import orjson
import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from sqlmodel import col

from app.api.mapping import agenda_wire, summary_wire
from app.db.models import Interview
from app.db.session import Database
from app.main import create_app
from app.services.interviews import AgendaEntry, InterviewStore, Listed, StoredInterview, on_agenda
from app.services.keys import KeyVerifier
from app.services.planning import plan_interview, plan_only
from app.settings import Settings
from tests.api.conftest import bearer, new_key

NY = ZoneInfo("America/New_York")


def _at(day: str, clock: str = "10:00", zone: ZoneInfo = NY) -> str:
    return datetime.combine(date.fromisoformat(day), time.fromisoformat(clock), zone).isoformat()


def _bodies(example: dict[str, Any]) -> list[dict[str, Any]]:
    """Interviews in every state a page shows: waiting, due, overdue, closed, moved on."""

    def body(starts: str, **changes: Any) -> dict[str, Any]:
        made = copy.deepcopy(example)
        made.pop("as_of", None)
        made["interview"]["starts_at"] = _at(starts)
        made.update(changes)
        return made

    carol = "carol.diaz@acme.example"
    berlin = copy.deepcopy(example["contacts"])
    berlin[1]["timezone"] = "Europe/Berlin"
    tokyo = body("2026-11-18", calendar={"country": "JP"})
    tokyo["interview"]["timezone"] = "Asia/Tokyo"
    tokyo["interview"]["starts_at"] = "2026-11-18T14:00:00+09:00"
    tokyo["candidate"]["timezone"] = "Europe/Lisbon"
    return [
        body("2026-11-24"),
        body("2026-11-16", decision_timeline=None, events=[
            {"type": "thank_you_sent", "at": _at("2026-11-16", "15:00")}]),
        body("2026-11-17", decision_timeline={"by": "2026-11-27"}, events=[
            {"type": "thank_you_sent", "at": _at("2026-11-17", "16:00")},
            {"type": "follow_up_sent", "at": _at("2026-12-01", "09:30"), "contact_email": carol}]),
        body("2026-11-10", decision_timeline={"by": "2026-11-13"}, contacts=berlin, events=[
            {"type": "thank_you_sent", "at": _at("2026-11-10", "13:00")},
            {"type": "follow_up_sent", "at": _at("2026-11-17", "09:30"), "contact_email": carol},
            {"type": "follow_up_sent", "at": _at("2026-11-25", "11:00"), "contact_email": carol}]),
        body("2026-11-19", events=[
            {"type": "thank_you_sent", "at": _at("2026-11-19", "14:00")},
            {"type": "withdrawn", "at": _at("2026-12-02", "12:00")}]),
        body("2026-11-12", events=[
            {"type": "thank_you_sent", "at": _at("2026-11-12", "12:00")},
            {"type": "reply_received", "at": _at("2026-11-20", "09:00"), "outcome": "update",
             "new_deadline": "2026-12-08", "contact_email": carol}]),
        body("2026-11-23", decision_timeline={"by": "2026-11-25"}, events=[
            {"type": "thank_you_sent", "at": _at("2026-11-23", "14:00")},
            {"type": "reply_received", "at": _at("2026-11-30", "08:00"),
             "outcome": "out_of_office", "return_date": "2026-12-03", "contact_email": carol}]),
        body("2026-12-10", decision_timeline={"text": "in two weeks"}),
        tokyo,
        body("2026-11-20", policy="minimal", preferred_channel="phone", events=[
            {"type": "reply_received", "at": _at("2026-12-04", "15:00"), "outcome": "offer",
             "contact_email": carol}]),
        body("2026-11-05", policy="patient", decision_timeline=None),
        body("2027-03-09", decision_timeline={"by": "2027-03-12"}, events=[
            {"type": "thank_you_sent", "at": _at("2027-03-09", "15:00")}]),
    ]  # fmt: skip


def _moments(plans: list[Any]) -> list[datetime]:
    """Inside windows, on and just after their bounds, at midnights, in a random order."""
    found: set[datetime] = {
        datetime(2026, 11, 28, 12, tzinfo=UTC),  # a Saturday
        datetime(2026, 12, 1, 5, tzinfo=UTC),  # midnight in New York
        datetime(2027, 3, 14, 6, 59, 59, tzinfo=UTC),  # daylight saving time starts at 7:00
        datetime(2027, 3, 14, 7, tzinfo=UTC),
    }
    for plan in plans:
        for step in plan.steps:
            earliest, latest = step.window.earliest, step.window.latest
            found |= {
                earliest,
                earliest - timedelta(seconds=1),
                earliest + timedelta(minutes=90),
                latest,
                latest + timedelta(seconds=1),
                latest + timedelta(hours=9),
                datetime.combine(latest.date() + timedelta(days=1), time(), latest.tzinfo),
            }
    ordered = sorted(m.astimezone(UTC) for m in found)
    rng = random.Random(15)  # noqa: S311 - a fixed order, not a secret
    picked = rng.sample(ordered, min(len(ordered), 70))
    return picked + picked[:10]  # some again, once their plans are kept


@pytest.fixture
def key(database_url: str) -> str:
    return new_key(database_url)


@pytest.fixture
def app_client(database_url: str, key: str) -> Iterator[TestClient]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, database_url=database_url, rate_limit=1_000_000
    )
    with TestClient(create_app(settings), headers=bearer(key)) as client:
        yield client


def _json(value: Any) -> Any:
    return orjson.loads(orjson.dumps(value))


class TestPagesMatchReplanning:
    def test_lists_and_agenda_equal_fresh_plans(
        self, app_client: TestClient, database_url: str, key: str, body: dict[str, Any]
    ) -> None:
        ids = []
        for made in _bodies(body):
            answer = app_client.post("/v1/interviews", json=made)
            assert answer.status_code == 201, answer.text
            ids.append(answer.json()["id"])
        # A change after the create: the kept plans of the old version must not answer.
        etag = app_client.get(f"/v1/interviews/{ids[0]}").headers["ETag"]
        changed = app_client.patch(
            f"/v1/interviews/{ids[0]}",
            json={"decision_timeline": {"by": "2026-12-02"}},
            headers={"If-Match": etag, "Content-Type": "application/merge-patch+json"},
        )
        assert changed.status_code == 200, changed.text

        db = Database(database_url, pool_size=1)
        try:
            principal = KeyVerifier(db, ttl=0).verify(key)
            assert principal is not None
            reader = InterviewStore(db, default_country="US")
            stored = [
                reader.get(account_id=principal.account_id, interview_id=uuid.UUID(i)) for i in ids
            ]
        finally:
            db.dispose()
        middle = datetime(2026, 12, 1, tzinfo=UTC)
        base = [plan_only(facts=s.facts, policy=s.decoded.policy, as_of=middle) for s in stored]
        # Moments soon after the writes: the stored list items and bounds answer those.
        written = datetime.now(UTC).replace(microsecond=0)
        soon = [written + timedelta(minutes=m) for m in (0, 1, 45, 150, 400, 700)]
        compared = 0
        for moment in [*soon, *_moments(base), *soon]:
            compared += self._compare(app_client, stored, moment)
        assert compared > 300

    def test_columns_of_another_planner_version_are_not_trusted(
        self, app_client: TestClient, database_url: str, key: str, body: dict[str, Any]
    ) -> None:
        """Columns another planner wrote (here: wrong on purpose) answer nothing once the
        store unsettles them, and are right again once it settles them."""
        ids = []
        for made in _bodies(body)[:6]:
            answer = app_client.post("/v1/interviews", json=made)
            assert answer.status_code == 201, answer.text
            ids.append(uuid.UUID(answer.json()["id"]))
        db = Database(database_url, pool_size=1)
        try:
            with db.write() as session:
                session.execute(
                    sa.update(Interview)
                    .where(col(Interview.id).in_(ids))
                    .values(
                        planner_version=0,
                        closed_at=datetime(2026, 1, 1, tzinfo=UTC),
                        next_action_at=datetime(2099, 1, 1, tzinfo=UTC),
                        listing_until=datetime(2099, 1, 1, tzinfo=UTC),
                    )
                )
            store = InterviewStore(db, default_country="US")
            assert store.unsettle() == len(ids)
            principal = KeyVerifier(db, ttl=0).verify(key)
            assert principal is not None
            stored = [store.get(account_id=principal.account_id, interview_id=i) for i in ids]
            written = datetime.now(UTC).replace(microsecond=0)
            for moment in (written, written + timedelta(minutes=30)):
                self._compare(app_client, stored, moment)
            assert store.settle() == len(ids)
            for moment in (written, written + timedelta(minutes=30)):
                self._compare(app_client, stored, moment)
        finally:
            db.dispose()

    @staticmethod
    def _compare(client: TestClient, stored: list[StoredInterview], moment: datetime) -> int:
        as_of = moment.isoformat()
        fresh = {
            s.id: plan_interview(facts=s.facts, policy=s.decoded.policy, as_of=moment)
            for s in stored
        }
        by_id = {s.id: s for s in stored}
        compared = 0

        answer = client.get("/v1/interviews", params={"as_of": as_of, "limit": 200})
        assert answer.status_code == 200, answer.text
        listed = answer.json()
        expected = [summary_wire(Listed.of(s, fresh[s.id].plan)) for s in stored]
        got = {item["id"]: item for item in listed["items"]}
        for item in _json(expected):
            assert got[item["id"]] == item, f"list as of {as_of}"
            compared += 1

        for status in ("active", "closed", "moved_on"):
            page = client.get(
                "/v1/interviews", params={"as_of": as_of, "status": status, "limit": 200}
            ).json()
            want = {str(i) for i, p in fresh.items() if p.plan.status.value == status}
            assert {item["id"] for item in page["items"]} == want, f"{status} as of {as_of}"

        before = moment + timedelta(days=3)
        page = client.get(
            "/v1/interviews",
            params={"as_of": as_of, "next_action_before": before.isoformat(), "limit": 200},
        ).json()
        for item in page["items"]:
            ident = uuid.UUID(item["id"])
            want_item = _json(summary_wire(Listed.of(by_id[ident], fresh[ident].plan)))
            assert item == want_item, f"next_action_before as of {as_of}"

        day = moment.date()
        for query, start, end in (
            ({}, None, None),
            ({"from": str(day - timedelta(days=1)), "to": str(day + timedelta(days=6))},
             day - timedelta(days=1), day + timedelta(days=6)),
        ):  # fmt: skip
            for include in (None, ""):
                params: dict[str, str | int] = {"as_of": as_of, "limit": 200, **query}
                if include is not None:
                    params["include"] = include
                answer = client.get("/v1/agenda", params=params)
                assert answer.status_code == 200, answer.text
                entries = [
                    AgendaEntry(s, step, fresh[s.id])
                    for s in stored
                    for step in fresh[s.id].plan.steps
                    if on_agenda(step, fresh[s.id].plan.as_of, start, end)
                ]
                entries.sort(
                    key=lambda e: (e.step.send_at, e.step.window.earliest, str(e.interview.id))
                )
                want = _json([agenda_wire(e) for e in entries])
                if include == "":
                    for item in want:
                        item["step"]["message"] = None
                assert answer.json()["items"] == want, f"agenda {query} as of {as_of}"
                compared += len(want)
        return compared
