"""Builders for the domain tests: interview facts, plans, and looking up steps in a plan.

Every builder starts from the example interview (Ann Lee's video interview at Acme on
Tuesday 2026-11-24, 10:00-11:00 in New York, hiring calendar US-NY) and lets a test change only
what its row is about.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.domain.calendar import CalendarSpec, calendar_for
from app.domain.model import (
    Candidate,
    Contact,
    ContactRole,
    DecisionTimeline,
    InterviewFacts,
    Plan,
    Step,
    StepKind,
)
from app.domain.planner import build_plan
from app.domain.policies import STANDARD, Policy

NEW_YORK = ZoneInfo("America/New_York")

#: Countries that write numeric dates month first; every other calendar in these tests is day first.
MONTH_FIRST = frozenset({"US"})

ANN = Candidate("Ann Lee", "ann.lee@example.com", "+1 555 010 2030")
BOB = Contact(
    "Bob Smith",
    "bob.smith@acme.example",
    "+1 555 010 4000",
    role=ContactRole.HIRING_MANAGER,
    interviewed=True,
    discussion_point="moving their batch jobs to streaming",
)
CAROL = Contact(
    "Carol Diaz",
    "carol.diaz@acme.example",
    role=ContactRole.RECRUITER,
    scheduled_interview=True,
)


def interview_facts(**changes: Any) -> InterviewFacts:
    """The example interview with ``changes`` applied (dataclass field names)."""
    fields: dict[str, Any] = {
        "candidate": ANN,
        "company": "Acme Corp",
        "job_title": "Data Engineer",
        "starts_at": datetime(2026, 11, 24, 10, 0, tzinfo=NEW_YORK),
        "timezone": NEW_YORK,
        "calendar": CalendarSpec("US", "NY"),
        "contacts": (BOB, CAROL),
    }
    fields.update(changes)
    return InterviewFacts(**fields)


def plan_of(
    facts: InterviewFacts,
    *,
    policy: Policy = STANDARD,
    as_of: datetime | None = None,
    day_first: bool | None = None,
) -> Plan:
    """The plan for ``facts``; ``as_of`` defaults to the end of the interview."""
    if day_first is None:
        day_first = facts.calendar.country.upper() not in MONTH_FIRST
    return build_plan(
        facts,
        policy=policy,
        as_of=facts.ends_at if as_of is None else as_of,
        calendar=calendar_for(facts.calendar),
        day_first=day_first,
    )


def steps_of(plan: Plan, kind: StepKind) -> list[Step]:
    return [step for step in plan.steps if step.kind is kind]


def only_step(plan: Plan, kind: StepKind) -> Step:
    found = steps_of(plan, kind)
    assert len(found) == 1, f"expected one {kind} step, got {[s.id for s in plan.steps]}"
    return found[0]


def window_days(step: Step) -> tuple[date, date]:
    """First and last day of a step's window, in the recipient's own zone."""
    return step.window.earliest.date(), step.window.latest.date()


def warning_codes(plan: Plan) -> set[str]:
    return {warning.code for warning in plan.warnings}


class Build:
    """What the domain tests need, as one fixture: ``build.facts(...)``, ``build.plan(...)``,
    and readers for the plan (``build.step``, ``build.steps``, ``build.days``, ``build.codes``).
    """

    facts = staticmethod(interview_facts)
    plan = staticmethod(plan_of)
    step = staticmethod(only_step)
    steps = staticmethod(steps_of)
    days = staticmethod(window_days)
    codes = staticmethod(warning_codes)


@pytest.fixture
def build() -> type[Build]:
    """Builders for facts and plans, and readers for plans."""
    return Build


@pytest.fixture
def spec_example() -> InterviewFacts:
    """The example interview as domain facts: "by the end of next week", an engineering role."""
    return interview_facts(
        timeline=DecisionTimeline(text="We will make a decision by the end of next week"),
        job_family="engineering",
    )
