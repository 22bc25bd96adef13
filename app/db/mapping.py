"""Rows to domain values and back: events, and the plan's columns kept with an interview.

The interview's document is read by the service's codec (:mod:`app.services.document`); what
is here needs only the domain.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from app.db.models import InterviewEvent
from app.domain.model import (
    Event,
    EventType,
    Plan,
    PlanStatus,
    ReplyOutcome,
    StepKind,
    StepStatus,
)

#: Steps still to do: the stored next action is the earliest of their windows.
PENDING = frozenset({StepStatus.DUE, StepStatus.OVERDUE, StepStatus.UPCOMING, StepStatus.WAITING})


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    """An event as stored: its place in the interview's log and when it was logged."""

    seq: int
    event: Event
    recorded_at: datetime


def recorded(row: InterviewEvent) -> RecordedEvent:
    """An event row read back, at the offset it was logged with."""
    offset = timezone(timedelta(minutes=row.at_offset_minutes))
    return RecordedEvent(
        seq=row.seq,
        event=Event(
            type=EventType(row.type),
            at=row.at.astimezone(offset),
            contact_email=row.contact_email,
            outcome=ReplyOutcome(row.outcome) if row.outcome else None,
            new_deadline=row.new_deadline,
            timeline_text=row.timeline_text,
            note=row.note,
            text=row.text,
            return_date=row.return_date,
        ),
        recorded_at=row.created_at,
    )


def event_row(interview_id: uuid.UUID, seq: int, event: Event) -> InterviewEvent:
    """The row for an interview's ``seq``-th event; the offset is kept to read it back as sent."""
    offset = event.at.utcoffset() or timedelta(0)
    return InterviewEvent(
        interview_id=interview_id,
        seq=seq,
        type=event.type.value,
        at=event.at,
        at_offset_minutes=int(offset.total_seconds() // 60),
        contact_email=event.contact_email,
        outcome=event.outcome.value if event.outcome else None,
        new_deadline=event.new_deadline,
        timeline_text=event.timeline_text,
        note=event.note,
        text=event.text,
        return_date=event.return_date,
    )


def columns(plan: Plan, events: Sequence[Event]) -> dict[str, datetime | None]:
    """The stored columns that the list filters and the agenda read (:mod:`app.db.models`).

    ``plan`` must be planned as of the moment of the write. The first step still to do opens
    at a moment fixed by the facts and the events alone (only steps blocked behind it move
    with "now"), so the column stays right as time passes, until the next change rewrites it.
    """
    if plan.status is PlanStatus.CLOSED:
        closing = [
            e.at for e in events if e.type in (EventType.REPLY_RECEIVED, EventType.WITHDRAWN)
        ]
        return {
            "next_action_at": None,
            "moves_on_at": None,
            "closed_at": max(closing) if closing else plan.as_of,
        }
    pending = [s for s in plan.steps if s.status in PENDING]
    last = plan.steps[-1] if plan.steps else None
    moves_on = (
        last.window.earliest
        if last is not None
        and last.kind is StepKind.MOVE_ON
        and last.status is not StepStatus.WAITING
        else None
    )
    return {
        "next_action_at": min((s.window.earliest for s in pending), default=None),
        "moves_on_at": moves_on,
        "closed_at": None,
    }


#: After this moment a step of ``plan`` that is optional and still to do is skipped, and the
#: steps after it move (the plan has to be looked at again from then on).
def skip_moments(plan: Plan) -> list[datetime]:
    return sorted(
        s.window.latest.replace(microsecond=0) + timedelta(seconds=1)
        for s in plan.steps
        if s.optional
        and s.done_at is None
        and s.status in (StepStatus.UPCOMING, StepStatus.DUE)
        and s.window.latest >= plan.as_of
    )


def bounds(
    regimes: Sequence[Plan], events: Sequence[Event], until: datetime | None
) -> dict[str, datetime | None]:
    """The stored columns, as bounds that hold for every ``as_of`` from the first plan's
    moment until ``until`` (the next event's moment; None: none is to come).

    ``regimes`` are the plans as of the first moment and as of each moment an optional
    step is skipped after it (:func:`skip_moments`). Between two of those, every window
    only moves later as ``as_of`` does, so each regime's first plan bounds the rest of it:

    - ``next_action_at``: no step still to do opens before it;
    - ``moves_on_at``: the plan has not moved on before it;
    - ``moved_on_by``: from it on, the plan has moved on (None: not without a new event);
    - ``closed_at``: set when the events close the plan;
    - ``index_from``, ``index_until``: the moments these bounds hold for.
    """
    first, last = regimes[0], regimes[-1]
    each = [columns(plan, events) for plan in regimes]
    settled = columns(last, events)["moves_on_at"]
    return {
        "next_action_at": min(
            (c["next_action_at"] for c in each if c["next_action_at"]), default=None
        ),
        "moves_on_at": min((c["moves_on_at"] for c in each if c["moves_on_at"]), default=None),
        "moved_on_by": None if settled is None else max(settled, last.as_of),
        "closed_at": each[0]["closed_at"],
        "index_from": first.as_of,
        "index_until": until,
    }
