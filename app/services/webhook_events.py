"""What webhooks say, and the outbox and schedule written with every change to an interview.

:class:`PushListener` is an :class:`app.services.interviews.ChangeListener`: it runs inside the
change's own transaction, so what it writes commits or rolls back with the change.

- The **outbox** (``webhook_message``): one row per event and enabled endpoint that wants it,
  with the exact body to send. ``plan.changed``, ``interview.closed`` and
  ``interview.moved_on`` come from comparing the plan before and after the change.
- The **schedule** (``step_schedule``): for every step still to do, the moment its window opens
  (``step.due``) and the moment after it closes (``step.overdue``), and for the move-on step
  the moment the plan moves on. The dispatcher announces them when they come
  (:mod:`app.services.webhook_dispatch`). A row keeps the window edge it was written for, so a
  change that leaves a step in the same window leaves its row, announced or not, alone.

A body is ``{"type", "timestamp", "data"}``, as the Standard Webhooks specification suggests.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

import orjson
from sqlalchemy.orm import Session

from app.db import repositories as repo
from app.db.mapping import PENDING
from app.db.models import WebhookEndpoint, WebhookMessage
from app.domain.model import (
    InterviewFacts,
    NextAction,
    Plan,
    PlanStatus,
    Step,
    StepKind,
    StepStatus,
)
from app.messages import Message
from app.services.interviews import Change, ChangeKind

STEP_DUE = "step.due"
STEP_OVERDUE = "step.overdue"
PLAN_CHANGED = "plan.changed"
INTERVIEW_CLOSED = "interview.closed"
INTERVIEW_MOVED_ON = "interview.moved_on"
PING = "ping"
#: Every type an endpoint may ask for, in the order the documentation lists them.
EVENT_TYPES = (STEP_DUE, STEP_OVERDUE, PLAN_CHANGED, INTERVIEW_CLOSED, INTERVIEW_MOVED_ON, PING)

#: Schedule kinds: a window opens, a window closed unsent, the plan moves on.
DUE, OVERDUE, MOVES_ON = "due", "overdue", "moves_on"
#: The planner counts a step overdue once "now", to the second, is past its window.
_PAST = timedelta(seconds=1)


def new_message_id() -> str:
    """A ``webhook-id``: unique, and the same for every attempt of one message."""
    return f"msg_{uuid.uuid4().hex}"


def body(event_type: str, at: datetime, data: Mapping[str, Any]) -> str:
    return orjson.dumps({"type": event_type, "timestamp": at, "data": data}).decode()


def wants(events: Sequence[str] | None, event_type: str) -> bool:
    """An endpoint with no list wants every type."""
    return events is None or event_type in events


def enqueue(
    session: Session,
    *,
    account_id: uuid.UUID,
    event_type: str,
    data: Mapping[str, Any],
    at: datetime,
    endpoints: Sequence[WebhookEndpoint] | None = None,
) -> int:
    """One outbox row per enabled endpoint of the account that wants ``event_type``, due now.

    Args:
        endpoints: the account's enabled endpoints, when the caller has them already.

    Returns:
        How many rows were written.
    """
    if endpoints is None:
        endpoints = repo.enabled_endpoints_of(session=session, account_id=account_id)
    endpoints = [e for e in endpoints if wants(e.events, event_type)]
    payload = body(event_type, at, data)
    rows = [
        WebhookMessage(
            id=new_message_id(),
            account_id=account_id,
            endpoint_id=endpoint.id,
            type=event_type,
            payload=payload,
            next_attempt_at=at,
            created_at=at,
        )
        for endpoint in endpoints
    ]
    repo.add_webhook_messages(session=session, rows=rows)
    return len(rows)


# -- what the bodies carry --------------------------------------------------------------------


def step_data(step: Step) -> dict[str, Any]:
    return {
        "id": step.id,
        "kind": step.kind,
        "channel": step.channel,
        "status": step.status,
        "to": [
            {"name": c.name, "email": c.email, "phone": c.phone, "role": c.role} for c in step.to
        ],
        "window": {"earliest": step.window.earliest, "latest": step.window.latest},
        "send_at": step.send_at,
        "condition": step.condition,
        "optional": step.optional,
        "rationale": step.rationale,
        "rules": list(step.rules),
    }


def message_data(message: Message | None) -> dict[str, Any] | None:
    if message is None:
        return None
    return {
        "channel": message.channel,
        "to": list(message.to),
        "subject": message.subject,
        "body_text": message.body_text,
        "script": message.script,
    }


def next_action_data(action: NextAction | None) -> dict[str, Any] | None:
    """A next action as the API and webhook payloads show it."""
    if action is None:
        return None
    return {
        "step_id": action.step_id,
        "kind": action.kind,
        "status": action.status,
        "send_at": action.send_at,
        "summary": action.summary,
    }


def plan_state(plan: Plan) -> dict[str, Any]:
    return {
        "status": plan.status,
        "status_reason": plan.status_reason,
        "next_action": next_action_data(plan.next_action),
    }


def _moved(before: Plan, after: Plan) -> bool:
    """The status changed, or the next action is another step or moved in time."""
    if before.status is not after.status:
        return True
    b, a = before.next_action, after.next_action
    if b is None or a is None:
        return (b is None) != (a is None)
    return (b.step_id, b.send_at) != (a.step_id, a.send_at)


def interview_data(
    interview_id: uuid.UUID, version: int, facts: InterviewFacts | None, plan: Plan
) -> dict[str, Any]:
    return {
        "interview_id": interview_id,
        "version": version,
        "company": facts.company if facts else None,
        "job_title": facts.job_title if facts else None,
        "candidate": facts.candidate.name if facts else None,
        "status": plan.status,
        "status_reason": plan.status_reason,
    }


def change_events(change: Change) -> list[tuple[str, dict[str, Any]]]:
    """The events a change causes by itself (the schedule's come when their time does)."""
    if change.after is None:
        return []
    after = change.after.plan
    before = change.before
    found: list[tuple[str, dict[str, Any]]] = []
    if before is not None and _moved(before, after):
        found.append(
            (
                PLAN_CHANGED,
                {
                    "interview_id": change.interview_id,
                    "version": change.version,
                    "change": change.kind,
                    "before": plan_state(before),
                    "after": plan_state(after),
                },
            )
        )
    was = before.status if before is not None else None
    facts = change.interview.facts if change.interview is not None else None
    about = interview_data(change.interview_id, change.version, facts, after)
    if after.status is PlanStatus.CLOSED and was is not PlanStatus.CLOSED:
        found.append((INTERVIEW_CLOSED, about))
    if after.status is PlanStatus.MOVED_ON and was is not PlanStatus.MOVED_ON:
        found.append((INTERVIEW_MOVED_ON, about))
    return found


# -- the schedule -----------------------------------------------------------------------------


def moments(plan: Plan) -> Iterable[tuple[str, str, datetime, datetime]]:
    """``(step id, kind, window edge, when to look)`` for every step still to do that can
    fall due as time passes.

    A step waiting on an earlier one (not yet logged as sent) cannot: only an event frees it,
    and that event reschedules it; until then its window moves along with "now", so an edge
    written for it would never be met.
    """
    for step in plan.steps:
        if step.status not in PENDING or step.status is StepStatus.WAITING:
            continue
        if step.kind is StepKind.MOVE_ON:
            yield step.id, MOVES_ON, step.window.earliest, step.window.earliest
            continue
        yield step.id, DUE, step.window.earliest, step.window.earliest
        if not step.optional:
            yield step.id, OVERDUE, step.window.latest, step.window.latest + _PAST


def reschedule(session: Session, change: Change) -> None:
    """Bring the interview's schedule in line with the plan the change leaves.

    A step still in the window it had keeps its row (announced or not: never twice); a step
    in a new window gets a new row; rows of steps no longer to do go, unless announced.
    """
    if change.after is None:
        return  # deleted: its rows went with it (the foreign key cascades)
    # A new interview has no schedule yet: one query fewer for every create.
    rows = (
        ()
        if change.kind is ChangeKind.CREATED
        else repo.schedule_of(session=session, interview_id=change.interview_id)
    )
    current = {(row.step_id, row.kind, row.step_at): row for row in rows}
    wanted = {(step_id, kind, edge): at for step_id, kind, edge, at in moments(change.after.plan)}
    stale = [row.id for key, row in current.items() if key not in wanted and row.fire_at]
    repo.drop_unfired_schedule(session=session, ids=stale)
    repo.add_schedule(
        session=session,
        rows=[
            {
                "id": uuid.uuid4(),
                "account_id": change.account_id,
                "interview_id": change.interview_id,
                "step_id": step_id,
                "kind": kind,
                "step_at": edge,
                "fire_at": at,
                "version": change.version,
                "fired_at": None,
            }
            for (step_id, kind, edge), at in wanted.items()
            if (step_id, kind, edge) not in current
        ],
    )


class PushListener:
    """Writes the schedule and the outbox for every change, in the change's transaction."""

    def __call__(self, session: Session, change: Change) -> None:
        if change.kind is not ChangeKind.DELETED:
            reschedule(session, change)
        # The account's endpoints once per change, not once per event it makes; with none,
        # the events' payloads are not even built.
        endpoints = repo.enabled_endpoints_of(session=session, account_id=change.account_id)
        if not endpoints:
            return
        for event_type, data in change_events(change):
            enqueue(
                session,
                account_id=change.account_id,
                event_type=event_type,
                data=data,
                at=change.at,
                endpoints=endpoints,
            )
