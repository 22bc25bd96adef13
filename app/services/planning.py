"""Plan one interview: the domain's plan plus the message of every step still to send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.calendar import (
    CalendarSpec,
    calendar_for,
    known_country,
    supported_subdivisions,
)
from app.domain.model import InterviewFacts, Plan, StepStatus
from app.domain.planner import build_plan
from app.domain.policies import POLICIES, Policy
from app.messages import Message, render_step
from app.services.locale import writes_day_first

#: Steps whose message is still of use; a sent or skipped step carries none.
_TO_SEND = frozenset({StepStatus.DUE, StepStatus.OVERDUE, StepStatus.UPCOMING, StepStatus.WAITING})


@dataclass(frozen=True, slots=True)
class PlannedInterview:
    plan: Plan
    messages: dict[str, Message]


def resolve_policy(name: str, overrides: dict[str, Any] | None = None) -> Policy:
    """A named policy with per-request overrides applied (and checked by the domain)."""
    return POLICIES[name].with_overrides(overrides or {})


def plan_only(*, facts: InterviewFacts, policy: Policy, as_of: datetime) -> Plan:
    """The domain's plan, without messages (lists and the stored columns need no more).

    Raises:
        InvalidFacts: for a calendar the holidays package does not know, or no contact.
    """
    calendar = calendar_for(facts.calendar)
    return build_plan(
        facts,
        policy=policy,
        as_of=as_of.replace(microsecond=0),
        calendar=calendar,
        day_first=writes_day_first(calendar.spec.country),
    )


def plan_interview(*, facts: InterviewFacts, policy: Policy, as_of: datetime) -> PlannedInterview:
    """Build the plan for ``facts`` as of ``as_of`` and render its messages.

    Raises:
        InvalidFacts: for a calendar the holidays package does not know, or no contact.
    """
    plan = plan_only(facts=facts, policy=policy, as_of=as_of)
    return PlannedInterview(plan, messages_of(plan, facts))


def messages_of(plan: Plan, facts: InterviewFacts) -> dict[str, Message]:
    """The message of every step of ``plan`` still to send, by step id."""
    return {
        step.id: message
        for step in plan.steps
        if step.status in _TO_SEND and (message := render_step(step, facts)) is not None
    }


def warm_calendars(country: str, today: date, *, subdivisions: bool = True) -> int:
    """Build the calendars of ``country`` and (unless told not to) each of its subdivisions
    around ``today``.

    A calendar costs about a millisecond the first time (and the holidays of each new year
    more), so the service's own country is ready before its first request.

    Returns:
        How many calendars were built.
    """
    code = known_country(country)
    codes: list[str | None] = [None, *(supported_subdivisions(code) if subdivisions else ())]
    for subdivision in codes:
        calendar = calendar_for(CalendarSpec(code, subdivision))
        calendar.business_day_after(today, 60)
        calendar.business_day_after(today, -5)
    return len(codes)
