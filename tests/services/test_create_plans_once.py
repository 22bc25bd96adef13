"""A create with ``as_of`` stores the columns of the plan as of now, planning once when it can.

The answer is planned as of the client's ``as_of``; the stored columns as of the write. Inside
the span the answer's plan holds for, that plan moved to now is the plan now: the columns must
be exactly those of planning afresh at now, whether ``as_of`` was a moment or days ago.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
import pytest

import app.services.interviews as interviews
import app.services.planning as planning
from app.api.schemas import PlanRequest
from app.db.session import Database
from app.services.interviews import InterviewStore, index_columns
from app.services.keys import KeyVerifier, issue_key

NOW = datetime(2026, 11, 26, 15, 30, 7, tzinfo=UTC)


@pytest.mark.parametrize(
    "before",
    [
        timedelta(0),
        timedelta(seconds=2),
        timedelta(minutes=5),
        timedelta(hours=20),
        timedelta(days=3),
    ],
)
def test_the_stored_columns_are_those_of_planning_now(
    db: Database, body: dict[str, Any], monkeypatch: pytest.MonkeyPatch, before: timedelta
) -> None:
    monkeypatch.setattr(interviews, "utcnow", lambda: NOW)
    body.pop("thank_you_sent_at", None)
    body["as_of"] = (NOW - before).isoformat()
    fields = PlanRequest.model_validate_json(orjson.dumps(body))
    account = KeyVerifier(db, ttl=1).verify(issue_key(db, account="plans-once").key)
    assert account is not None
    store = InterviewStore(db, default_country="US")

    planned_at: list[datetime] = []
    real = planning.build_plan

    def counting(*args: Any, **kwargs: Any) -> Any:
        planned_at.append(kwargs["as_of"])
        return real(*args, **kwargs)

    monkeypatch.setattr(planning, "build_plan", counting)
    created = store.create(
        account_id=account.account_id, fields=fields, events=[], as_of=NOW - before
    )
    stored = created.interview  # type: ignore[union-attr]
    monkeypatch.setattr(planning, "build_plan", real)

    afresh = planning.plan_only(facts=stored.facts, policy=stored.decoded.policy, as_of=NOW)
    with db.read() as session:
        row = session.get(interviews.Interview, stored.id)
        assert row is not None
        columns = {
            name: getattr(row, name)
            for name in index_columns(stored.facts, stored.decoded.policy, afresh)
        }
    assert columns == index_columns(stored.facts, stored.decoded.policy, afresh)
    if before <= timedelta(minutes=5):
        assert planned_at == [NOW - before]  # moved, not planned again
