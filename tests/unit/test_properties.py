"""Properties every plan keeps, for interviews drawn at random from 2025 to 2028 in ten countries.

docs/time.md: every business-day step is sent inside the recipient's business hours on a
business day of the hiring team's calendar, never before ``as_of``; section 5: steps come in
order and the same input always gives the same plan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.calendar import CalendarSpec, calendar_for
from app.domain.model import (
    Candidate,
    Channel,
    CompetingDeadline,
    Contact,
    ContactRole,
    DecisionTimeline,
    InterviewFacts,
    Plan,
    PlanStatus,
    StepKind,
    StepStatus,
)
from app.domain.planner import build_plan, primary_contact
from app.domain.policies import MINIMAL, PATIENT, STANDARD, Policy
from app.domain.timeline import read_timeline

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Country -> (the hiring team's zone, subdivisions to draw from; None is the whole country).
COUNTRIES: dict[str, tuple[str, tuple[str | None, ...]]] = {
    "US": ("America/New_York", (None, "NY", "CA", "TX")),
    "GB": ("Europe/London", (None, "ENG", "SCT")),
    "DE": ("Europe/Berlin", (None, "BY", "BE", "NW")),
    "IL": ("Asia/Jerusalem", (None,)),
    "FR": ("Europe/Paris", (None,)),
    "JP": ("Asia/Tokyo", (None,)),
    "AE": ("Asia/Dubai", (None,)),
    "IN": ("Asia/Kolkata", (None,)),
    "BR": ("America/Sao_Paulo", (None, "SP")),
    "AU": ("Australia/Sydney", (None, "NSW", "VIC")),
}
CONTACT_ZONES = ("America/Los_Angeles", "Europe/London", "Asia/Tokyo", "Australia/Sydney")
PHRASES = (
    "We will make a decision by the end of next week",
    "We will get back to you in a couple of weeks",
    "We'll let you know by Friday",
    "by December 4",
    "by 12/4",
    "next Tuesday",
    "by the end of the week",
    "within 5 business days",
    "in 10 days",
    "a few days",
    "a week or two",
    "2-3 weeks",
    "by the end of the month",
    "early next month",
    "mid next month",
    "end of next month",
    "tomorrow",
    "next week",
    "We will be in touch soon",
)
#: Phrases that always look forward from the day they were said.
FORWARD_PHRASES = (
    "end of next week",
    "in a couple of weeks",
    "by Friday",
    "next Tuesday",
    "within 5 business days",
    "in 10 days",
    "a few days",
    "a week or two",
    "2-3 weeks",
    "early next month",
    "mid next month",
    "end of next month",
    "tomorrow",
    "next week",
)
POLICIES = (STANDARD, MINIMAL, PATIENT)
BUSINESS_DAY_KINDS = (
    StepKind.FOLLOW_UP,
    StepKind.FINAL_FOLLOW_UP,
    StepKind.ESCALATION,
    StepKind.MOVE_ON,
)
STEP_ORDER = re.compile(r"(thank_you )+follow_up (final_follow_up (escalation )?)?move_on ")


@dataclass(frozen=True)
class Case:
    facts: InterviewFacts
    policy: Policy
    as_of: datetime
    day_first: bool

    def plan(self) -> Plan:
        return build_plan(
            self.facts,
            policy=self.policy,
            as_of=self.as_of,
            calendar=calendar_for(self.facts.calendar),
            day_first=self.day_first,
        )


@st.composite
def contacts(draw: st.DrawFn) -> tuple[Contact, ...]:
    count = draw(st.integers(1, 3))
    people = []
    for number in range(count):
        zone = draw(st.sampled_from((None, *CONTACT_ZONES)))
        people.append(
            Contact(
                name=f"Contact {number}",
                email=draw(st.sampled_from((f"contact{number}@acme.example",) * 4 + (None,))),
                phone=draw(st.sampled_from((None, f"+1 555 010 {number:04d}"))),
                role=draw(st.sampled_from(list(ContactRole))),
                interviewed=draw(st.booleans()),
                scheduled_interview=draw(st.booleans()),
                primary=draw(st.sampled_from((False, False, False, True))),
                timezone=ZoneInfo(zone) if zone else None,
                preferred_channel=draw(st.sampled_from((None, None, Channel.EMAIL, Channel.PHONE))),
            )
        )
    return tuple(people)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    country = draw(st.sampled_from(sorted(COUNTRIES)))
    zone_name, subdivisions = COUNTRIES[country]
    zone = ZoneInfo(zone_name)
    starts_at = draw(
        st.datetimes(
            min_value=datetime(2025, 1, 1),
            max_value=datetime(2028, 12, 31, 23, 59),
            timezones=st.just(zone),
            allow_imaginary=False,
        )
    )
    interview_day = starts_at.date()
    timeline = draw(
        st.one_of(
            st.none(),
            st.integers(-5, 40).map(
                lambda days: DecisionTimeline(by=interview_day + timedelta(days=days))
            ),
            st.sampled_from(PHRASES).map(lambda text: DecisionTimeline(text=text)),
        )
    )
    duration = timedelta(minutes=draw(st.integers(15, 180)))
    thank_you_sent_at = draw(
        st.one_of(
            st.none(),
            st.integers(0, 72 * 60).map(
                lambda minutes: starts_at + duration + timedelta(minutes=minutes)
            ),
        )
    )
    competing = draw(
        st.one_of(
            st.none(),
            st.none(),
            st.integers(1, 30).map(
                lambda days: CompetingDeadline(interview_day + timedelta(days=days), "Globex")
            ),
        )
    )
    facts = InterviewFacts(
        candidate=Candidate(
            "Ann Lee", "ann.lee@example.com", draw(st.sampled_from((None, "+1 555 0200")))
        ),
        company="Acme Corp",
        job_title="Data Engineer",
        starts_at=starts_at,
        timezone=zone,
        calendar=CalendarSpec(country, draw(st.sampled_from(subdivisions))),
        duration=duration,
        contacts=draw(contacts()),
        timeline=timeline,
        competing_deadline=competing,
        thank_you_sent_at=thank_you_sent_at,
        preferred_channel=draw(st.sampled_from((Channel.EMAIL, Channel.EMAIL, Channel.PHONE))),
    )
    as_of = starts_at + timedelta(minutes=draw(st.integers(-24 * 60, 90 * 24 * 60)))
    return Case(facts, draw(st.sampled_from(POLICIES)), as_of, country != "US")


def zone_of_step(case: Case, step) -> ZoneInfo:
    """The recipient's zone; the move-on step belongs to the primary contact's."""
    recipient = step.to[0] if step.to else primary_contact(case.facts.contacts)
    return recipient.timezone or case.facts.timezone


@SETTINGS
@given(cases())
def test_business_day_steps_go_on_business_days_inside_business_hours(case: Case) -> None:
    plan = case.plan()
    calendar = calendar_for(case.facts.calendar)

    for step in plan.steps:
        if step.kind not in BUSINESS_DAY_KINDS:
            continue
        zone = zone_of_step(case, step)
        send_at = step.send_at.astimezone(zone)
        earliest, latest = (
            step.window.earliest.astimezone(zone),
            step.window.latest.astimezone(zone),
        )
        assert calendar.is_business_day(send_at.date()), (step.id, send_at)
        assert time(9) <= send_at.time() < time(17), (step.id, send_at)
        assert calendar.is_business_day(earliest.date()), (step.id, earliest)
        assert calendar.is_business_day(latest.date()), (step.id, latest)
        assert (earliest.time(), latest.time()) == (time(9), time(17)), step.id


@SETTINGS
@given(cases())
def test_every_window_opens_before_it_closes(case: Case) -> None:
    for step in case.plan().steps:
        assert step.window.earliest <= step.window.latest, step.id


@SETTINGS
@given(cases())
def test_nothing_is_planned_before_as_of_unless_done(case: Case) -> None:
    for step in case.plan().steps:
        if step.done_at is None:
            assert step.send_at >= case.as_of, (step.id, step.send_at, case.as_of)


@SETTINGS
@given(cases())
def test_steps_come_in_order_and_the_follow_up_chain_never_runs_backwards(case: Case) -> None:
    plan = case.plan()

    kinds = "".join(f"{step.kind} " for step in plan.steps)
    assert STEP_ORDER.fullmatch(kinds), kinds
    assert (StepKind.FINAL_FOLLOW_UP in kinds) is (case.policy.final_follow_up_after is not None)
    if not case.policy.escalation:
        assert StepKind.ESCALATION not in kinds
    chain = [step for step in plan.steps if step.kind is not StepKind.THANK_YOU]
    for earlier, later in zip(chain, chain[1:], strict=False):
        assert earlier.window.earliest <= later.window.earliest, (earlier.id, later.id)
    assert plan.status is not PlanStatus.CLOSED  # no reply, no withdrawal


@SETTINGS
@given(cases())
def test_one_thank_you_per_person_interviewed_else_the_primary_contact(case: Case) -> None:
    plan = case.plan()

    interviewed = [c for c in case.facts.contacts if c.interviewed]
    expected = interviewed or [primary_contact(case.facts.contacts)]
    thank_yous = [step for step in plan.steps if step.kind is StepKind.THANK_YOU]
    assert [step.to for step in thank_yous] == [(contact,) for contact in expected]


@SETTINGS
@given(cases())
def test_the_follow_up_never_comes_before_R6_or_R7_allow(case: Case) -> None:
    """Without a faster process elsewhere (R12), nothing pulls the follow-up earlier."""
    plan = case.plan()
    calendar = calendar_for(case.facts.calendar)
    follow_up = next(step for step in plan.steps if step.kind is StepKind.FOLLOW_UP)
    first_day = follow_up.window.earliest.date()

    if case.facts.competing_deadline is None:
        deadline = plan.timeline.deadline
        if deadline is None:
            anchor, days = case.facts.local_start.date(), case.policy.follow_up_without_timeline
        else:
            anchor, days = deadline, case.policy.follow_up_after_deadline
        assert first_day >= calendar.business_day_after(anchor, days.first)
    # Days are the recipient's: the interview's date is compared where they are.
    interview_day_there = case.facts.starts_at.astimezone(follow_up.window.earliest.tzinfo).date()
    assert first_day > interview_day_there
    assert follow_up.window.earliest > case.facts.ends_at
    assert follow_up.to == (primary_contact(case.facts.contacts),)


@SETTINGS
@given(cases())
def test_the_same_input_gives_the_same_plan(case: Case) -> None:
    first, second = case.plan(), case.plan()

    assert first == second
    assert [step.id for step in first.steps] == [step.id for step in second.steps]


@SETTINGS
@given(cases(), st.integers(-24 * 60, 120 * 24 * 60))
def test_step_ids_are_stable_whatever_the_day_the_plan_is_asked(case: Case, minutes: int) -> None:
    later = Case(case.facts, case.policy, case.as_of + timedelta(minutes=minutes), case.day_first)

    ids = [step.id for step in case.plan().steps]
    assert ids == [step.id for step in later.plan().steps]
    assert len(set(ids)) == len(ids)


@SETTINGS
@given(cases())
def test_the_next_action_is_the_first_step_to_act_on(case: Case) -> None:
    plan = case.plan()

    actionable = [s for s in plan.steps if s.status in (StepStatus.DUE, StepStatus.OVERDUE)]
    if actionable:
        assert plan.next_action is not None
        assert plan.next_action.step_id == actionable[0].id
    elif any(s.status is StepStatus.UPCOMING for s in plan.steps):
        assert plan.next_action is not None
        assert plan.next_action.status is StepStatus.UPCOMING
    else:
        assert plan.next_action is None


@SETTINGS
@given(
    phrase=st.sampled_from(FORWARD_PHRASES),
    country=st.sampled_from(sorted(COUNTRIES)),
    said_on=st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31)),
)
def test_forward_looking_phrases_resolve_after_the_day_they_were_said(
    phrase: str, country: str, said_on: date
) -> None:
    reading = read_timeline(
        DecisionTimeline(text=phrase),
        said_on=said_on,
        calendar=calendar_for(CalendarSpec(country)),
        day_first=country != "US",
    )

    assert reading.deadline is not None, phrase
    assert reading.deadline > said_on
    assert reading.deadline - said_on <= timedelta(days=62)
