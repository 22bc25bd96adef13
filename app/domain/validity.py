"""How long a plan holds: the moments ``as_of`` may take without the plan changing.

A plan is a function of the facts, the events, the policy and ``as_of`` (docs/time.md), but
between two moments that matter ``as_of`` moves it in one way only: the ``send_at`` of a step
that is due or overdue, inside business hours, is ``as_of`` itself. So a plan made as of one
moment is, over a :class:`Span` around it, the plan of any other moment of the span with that
moment put in (:func:`shifted`). Outside the span it must be planned again.

The moments that matter, each a bound of the span:

- an event's moment (a plan as of an earlier moment leaves the event out);
- a step's window: its start (upcoming turns due) and just after its end (due turns
  overdue, or skipped); a thank-you's start plus the hour it waits;
- in the zone of the interview and of every contact: midnight, and the start and the end of
  business hours, of the day ``as_of`` falls on. Within those, the next business moment of
  ``as_of`` is either ``as_of`` or a fixed moment, and every local day the later windows
  count from stays the same.

A span across a change of a zone's offset (daylight saving time) is cut to the one second
the plan was made for: rare, and never wrong.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any, TypeVar

from app.domain.model import InterviewFacts, NextAction, Plan, Step, StepKind
from app.domain.planner import THANK_YOU_SETTLE

_Moving = TypeVar("_Moving", Step, NextAction)
#: ``as_of`` is planned to the second (:func:`app.services.planning.plan_only`).
RESOLUTION = timedelta(seconds=1)
_JUST_AFTER = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class Span:
    """The moments ``start <= as_of < end`` over which a plan holds, and the steps whose
    ``send_at`` is ``as_of`` itself there."""

    start: datetime
    end: datetime
    tracking: frozenset[str]

    def __contains__(self, moment: object) -> bool:
        return isinstance(moment, datetime) and self.start <= moment < self.end


def seconds(moment: datetime) -> datetime:
    """``moment`` as the planner reads it: to the second."""
    return moment.replace(microsecond=0)


def stable_span(plan: Plan, facts: InterviewFacts) -> Span:
    """The span of ``as_of`` around ``plan.as_of`` over which ``plan`` holds.

    Args:
        plan: a plan of ``facts`` (with their events), as of ``plan.as_of``.
        facts: the facts it was planned from.

    Returns:
        The span; planning ``facts`` as of any moment in it gives ``shifted(plan, span, moment)``.
    """
    as_of = plan.as_of
    tracking = frozenset(
        step.id for step in plan.steps if step.done_at is None and step.send_at == as_of
    )
    moments: list[datetime] = [event.at for event in facts.events]
    if facts.thank_you_sent_at is not None:
        moments.append(facts.thank_you_sent_at)
    for step in plan.steps:
        moments += (step.window.earliest, step.window.latest + _JUST_AFTER)
        if step.kind is StepKind.THANK_YOU:
            moments.append(step.window.earliest + THANK_YOU_SETTLE)
    start, end = as_of - timedelta(days=2), as_of + timedelta(days=2)
    for zone in _zones(facts):
        bounds = _day_parts(
            as_of, zone, plan.policy.business_hours_start, plan.policy.business_hours_end
        )
        if bounds is None:
            return Span(as_of, as_of + RESOLUTION, tracking)
        moments += bounds
    for moment in moments:
        if moment <= as_of:
            start = max(start, moment)
        else:
            end = min(end, moment)
    return Span(start, end, tracking)


def shifted(plan: Plan, span: Span, as_of: datetime) -> Plan:
    """``plan`` as of another moment of its ``span`` (to the second).

    In a step whose ``send_at`` is ``as_of``, every moment that is ``plan.as_of`` (the send
    time, and the same moment in the candidate's zone) becomes ``as_of``, in its own zone.
    """
    as_of = seconds(as_of)
    if as_of not in span:
        raise ValueError("as_of is outside the span the plan holds for")
    if not span.tracking:
        return replace(plan, as_of=as_of)
    steps = tuple(
        _moved(step, plan.as_of, as_of) if step.id in span.tracking else step for step in plan.steps
    )
    action = plan.next_action
    if action is not None and action.step_id in span.tracking:
        action = _moved(action, plan.as_of, as_of)
    return replace(plan, as_of=as_of, steps=steps, next_action=action)


def _moved(value: _Moving, before: datetime, after: datetime) -> _Moving:
    """``value`` with each of its moments that is ``before`` put at ``after``, in its zone."""
    changes: dict[str, Any] = {
        item.name: after.astimezone(moment.tzinfo)
        for item in fields(value)
        if isinstance(moment := getattr(value, item.name), datetime) and moment == before
    }
    return replace(value, **changes)


def _zones(facts: InterviewFacts) -> Iterable[tzinfo]:
    zones: dict[str, tzinfo] = {}
    for zone in (facts.timezone, *(c.timezone for c in facts.contacts)):
        if zone is not None:
            zones.setdefault(repr(zone), zone)
    return zones.values()


def _day_parts(moment: datetime, zone: tzinfo, opens: time, closes: time) -> list[datetime] | None:
    """Midnight, the opening and the closing of business hours on ``moment``'s local day, and
    the next midnight, as moments; None when the zone's offset changes during that day."""
    local = moment.astimezone(zone)
    offset = local.utcoffset()
    if offset is None:  # pragma: no cover - an aware moment in a zone always has one
        return None
    day = local.date()
    walls = (
        datetime.combine(day, time()),
        datetime.combine(day, opens),
        datetime.combine(day, closes),
        datetime.combine(day + timedelta(days=1), time()),
    )
    bounds = [(wall - offset).replace(tzinfo=UTC) for wall in walls]
    for bound in (bounds[0], bounds[-1] - _JUST_AFTER):
        if bound.astimezone(zone).utcoffset() != offset:
            return None
    return bounds
