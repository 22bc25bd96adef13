"""Every change to a stored interview is told to the store's listeners inside its transaction:
what a listener writes commits with the change, and a listener that fails undoes it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import orjson
import pytest
from sqlalchemy.orm import Session

from app.api.schemas import PlanRequest
from app.db.session import Database
from app.domain.model import Event, EventType
from app.services.errors import NotFound
from app.services.interviews import Change, ChangeKind, InterviewStore
from app.services.keys import KeyVerifier, issue_key


def _account(db: Database) -> uuid.UUID:
    issued = issue_key(db, account=f"listener-{uuid.uuid4().hex[:8]}")
    principal = KeyVerifier(db, ttl=0).verify(issued.key)
    assert principal is not None
    return principal.account_id


def _fields(body: dict[str, Any]) -> PlanRequest:
    return PlanRequest.model_validate_json(orjson.dumps({**body, "as_of": None}))


def test_each_change_is_told_with_the_plan_before_and_after(
    db: Database, body: dict[str, Any]
) -> None:
    heard: list[Change] = []
    store = InterviewStore(
        db, default_country="US", listeners=[lambda session, change: heard.append(change)]
    )
    account = _account(db)

    created = store.create(account_id=account, fields=_fields(body), events=[], as_of=None)
    assert not isinstance(created, tuple)
    ident = created.interview.id  # type: ignore[union-attr]
    store.update(
        account_id=account, interview_id=ident, if_match='"1"', patch={"company": "Acme Labs"}
    )
    store.add_event(
        account_id=account,
        interview_id=ident,
        event=Event(type=EventType.WITHDRAWN, at=datetime.now(UTC)),
    )
    store.delete(account_id=account, interview_id=ident, if_match=None)

    assert [c.kind for c in heard] == [
        ChangeKind.CREATED,
        ChangeKind.UPDATED,
        ChangeKind.EVENT_ADDED,
        ChangeKind.DELETED,
    ]
    assert [c.version for c in heard] == [1, 2, 3, 3]
    assert heard[0].before is None and heard[0].after is not None
    assert heard[1].before is not None and heard[1].after is not None
    assert heard[2].after is not None and heard[2].after.plan.status.value == "closed"
    assert heard[3].after is None and heard[3].before is not None
    assert {c.interview_id for c in heard} == {ident}


def test_a_listener_that_fails_undoes_the_change(db: Database, body: dict[str, Any]) -> None:
    def refuse(session: Session, change: Change) -> None:
        if change.kind is ChangeKind.UPDATED:
            raise RuntimeError("outbox unavailable")

    store = InterviewStore(db, default_country="US", listeners=[refuse])
    account = _account(db)
    created = store.create(account_id=account, fields=_fields(body), events=[], as_of=None)
    ident = created.interview.id  # type: ignore[union-attr]

    with pytest.raises(RuntimeError):
        store.update(
            account_id=account, interview_id=ident, if_match='"1"', patch={"company": "Other"}
        )

    kept = store.get(account_id=account, interview_id=ident)
    assert kept.version == 1
    assert kept.decoded.facts.company == body["company"]
    store.delete(account_id=account, interview_id=ident, if_match=None)
    with pytest.raises(NotFound):
        store.get(account_id=account, interview_id=ident)
