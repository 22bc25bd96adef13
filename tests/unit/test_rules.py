"""The rules R1-R15 (docs/rules.md), one table per rule, every date worked out by hand.

The calendars the tables use (holidays checked with the ``holidays`` package itself):

    November 2026              December 2026              January 2027
    Mo Tu We Th Fr Sa Su       Mo Tu We Th Fr Sa Su       Mo Tu We Th Fr Sa Su
                       1           1  2  3  4  5  6                    1  2  3
     2  3  4  5  6  7  8        7  8  9 10 11 12 13        4  5  6  7  8  9 10
     9 10 11 12 13 14 15       14 15 16 17 18 19 20       11 12 13 14 15 16 17
    16 17 18 19 20 21 22       21 22 23 24 25 26 27       18 19 20 21 22 23 24
    23 24 25 26 27 28 29       28 29 30 31                25 26 27 28 29 30 31
    30

    US, US-NY  Thanksgiving Thu 11-26, Christmas Fri 12-25, New Year Fri 2027-01-01; Independence
               Day Sat 2026-07-04, observed Fri 07-03. The day after Thanksgiving, Christmas Eve
               and New Year's Eve 2026 are business days.
    DE-BY      Christmas 12-25/26, New Year 01-01, Epiphany Wed 2027-01-06 (open in DE-BE).
    IL         Weekend Friday and Saturday; the week runs Sunday to Saturday. Rosh Hashanah
               Sat-Sun 2026-09-12/13, Yom Kippur Mon 09-21.

Unless a row says otherwise the facts are the example's: a video interview on Tue 2026-11-24,
10:00-11:00 New York; Bob Smith (hiring manager) interviewed Ann, Carol Diaz (recruiter)
scheduled it; the plan is asked for at the end of the interview.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from app.domain.calendar import CalendarSpec, calendar_for
from app.domain.errors import InvalidFacts
from app.domain.model import (
    Candidate,
    Channel,
    CompetingDeadline,
    Contact,
    ContactRole,
    DecisionTimeline,
    Event,
    EventType,
    InterviewFacts,
    PlanStatus,
    ReplyOutcome,
    Step,
    StepKind,
    StepStatus,
)
from app.domain.planner import DAYS_TO_HIRE, primary_contact
from app.domain.policies import MINIMAL, PATIENT, POLICIES, STANDARD, BusinessDayWindow
from app.domain.rules import RULES, sources_of
from tests.unit.conftest import BOB, CAROL

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
JERUSALEM = ZoneInfo("Asia/Jerusalem")
LONDON = ZoneInfo("Europe/London")
TOKYO = ZoneInfo("Asia/Tokyo")
ZONE_OF = {"US": NY, "DE": BERLIN, "IL": JERUSALEM}

US = CalendarSpec("US")
US_NY = CalendarSpec("US", "NY")
DE_BY = CalendarSpec("DE", "BY")
DE_BE = CalendarSpec("DE", "BE")
IL = CalendarSpec("IL")

THANK_YOU, FOLLOW_UP, FINAL = StepKind.THANK_YOU, StepKind.FOLLOW_UP, StepKind.FINAL_FOLLOW_UP
ESCALATION, MOVE_ON = StepKind.ESCALATION, StepKind.MOVE_ON
DUE, UPCOMING, OVERDUE = StepStatus.DUE, StepStatus.UPCOMING, StepStatus.OVERDUE
WAITING, DONE, SKIPPED = StepStatus.WAITING, StepStatus.DONE, StepStatus.SKIPPED
EMAIL, PHONE = Channel.EMAIL, Channel.PHONE

# The cast. Bob and Carol are the example interview's people (from conftest).
BOB_SCHEDULED = replace(BOB, scheduled_interview=True)
BOB_NO_EMAIL = replace(BOB, email=None)
CAROL_UNSCHEDULED = replace(CAROL, scheduled_interview=False)
DANA = Contact(
    "Dana Park", "dana.park@acme.example", role=ContactRole.INTERVIEWER, interviewed=True
)
DANA_PRIMARY = replace(DANA, primary=True)
DANA_IN_LONDON = replace(DANA, timezone=LONDON)
EVE = Contact("Eve Moss", "eve.moss@acme.example", role=ContactRole.OTHER)
HANS = Contact("Hans Weber", "hans.weber@acme.example", role=ContactRole.HIRING_MANAGER)
KENJI_IN_TOKYO = Contact(
    "Kenji Sato",
    "kenji.sato@acme.example",
    role=ContactRole.HIRING_MANAGER,
    interviewed=True,
    timezone=TOKYO,
)
ADDRESS = {"bob": BOB.email, "carol": CAROL.email}

R13_CODES = {"follow_up_too_soon", "too_many_follow_ups", "several_contacts_within_24h"}


def d(text: str) -> date:
    return date.fromisoformat(text)


def t(text: str, zone: ZoneInfo = NY) -> datetime:
    """A local date-time: ``t("2026-11-24 10:00")`` is 10:00 in New York."""
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def at(day: date, hour: int, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=zone)


def row(case: str, *values: Any) -> Any:
    return pytest.param(*values, id=case)


def sent(when: str, to: str | None = None, zone: ZoneInfo = NY) -> Event:
    """A status message logged at a local date-time (``follow_up_sent``)."""
    return Event(EventType.FOLLOW_UP_SENT, t(when, zone), ADDRESS.get(to or ""))


def elsewhere(calendar: CalendarSpec, interview_day: str, **changes: Any) -> dict[str, Any]:
    """Facts fields for a 10:00 interview on ``interview_day`` under another calendar."""
    zone = ZONE_OF[calendar.country]
    return {
        "starts_at": t(f"{interview_day} 10:00", zone),
        "timezone": zone,
        "calendar": calendar,
        **changes,
    }


def assert_window(step: Step, first: date, last: date, zone: ZoneInfo = NY) -> None:
    """A business-day step runs from 09:00 on its first day to 17:00 on its last (docs/time.md)."""
    assert (step.window.earliest, step.window.latest) == (at(first, 9, zone), at(last, 17, zone))


@pytest.fixture
def example(spec_example: InterviewFacts) -> InterviewFacts:
    """The example interview with the thank-you sent at 15:00 on the day."""
    return replace(spec_example, thank_you_sent_at=t("2026-11-24 15:00"))


# -- the sources of section 1, the policies of section 2 -----------------------------------------

# fmt: off
SOURCES = [
    ("R1", {0, 1, 4}), ("R2", {1}), ("R3", {2, 4}), ("R4", {0, 3}), ("R5", {3}),
    ("R6", {0, 2, 3}), ("R7", {0, 1, 3, 4}), ("R8", {0, 3}), ("R9", {0, 2, 3, 4}),
    ("R10", {0, 2}), ("R11", {0, 2}), ("R12", {2}), ("R13", {0, 2, 3}), ("R14", {2}),
    ("R15", {0, 3}),
]
# fmt: on


@pytest.mark.parametrize(("rule_id", "seeds"), SOURCES, ids=[rule for rule, _ in SOURCES])
def test_each_rule_cites_the_seeds_spec_section_1_names(rule_id: str, seeds: set[int]) -> None:
    assert set(RULES[rule_id].sources) == seeds


def test_every_step_cites_the_seeds_of_its_rules(build, spec_example) -> None:
    plan = build.plan(spec_example)

    for step in plan.steps:
        assert step.rules, step.id
        assert step.sources == sources_of(step.rules), step.id


# fmt: off
POLICY_TABLE = [
    #   id          name        R1 hours  R6 days  R7 days   R9 first  R10    R11 move on
    row("standard", "standard", 24,       (2, 4),  (5, 7),   5,        True,  5),
    row("minimal",  "minimal",  24,       (1, 2),  (5, 6),   None,     False, 5),
    row("patient",  "patient",  48,       (2, 6),  (10, 12), 5,        False, 10),
]
# fmt: on


@pytest.mark.parametrize(
    ("name", "hours", "after_deadline", "without_timeline", "final", "escalation", "move_on"),
    POLICY_TABLE,
)
def test_policies_follow_spec_section_2(
    name, hours, after_deadline, without_timeline, final, escalation, move_on
) -> None:
    policy = POLICIES[name]

    assert policy.thank_you_within_hours == hours
    deadline_window = policy.follow_up_after_deadline
    assert (deadline_window.first, deadline_window.last) == after_deadline
    open_window = policy.follow_up_without_timeline
    assert (open_window.first, open_window.last) == without_timeline
    final_window = policy.final_follow_up_after
    assert (final_window.first if final_window else None) == final
    assert policy.escalation is escalation
    assert policy.move_on_after == move_on


# fmt: off
NONSENSE_OVERRIDES = [
    row("window-backwards",  {"follow_up_after_deadline": BusinessDayWindow(3, 2)},
        "follow_up_after_deadline"),
    row("window-from-zero",  {"follow_up_without_timeline": BusinessDayWindow(0, 3)},
        "follow_up_without_timeline"),
    row("no-hours",          {"thank_you_within_hours": 0}, "thank_you_within_hours"),
    row("move-on-too-late",  {"move_on_after": 61}, "move_on_after"),
    row("hours-end-first",   {"business_hours_start": time(18, 0)}, "business_hours_end"),
    row("unknown-parameter", {"follow_ups": 2}, "follow_ups"),
]
# fmt: on


@pytest.mark.parametrize(("overrides", "field"), NONSENSE_OVERRIDES)
def test_policy_overrides_that_make_no_sense_name_their_field(overrides, field) -> None:
    with pytest.raises(InvalidFacts) as raised:
        STANDARD.with_overrides(overrides)

    assert [loc for loc, _ in raised.value.problems] == [("policy_overrides", field)]


# -- R1: a thank-you soon after the interview, within the policy's hours -------------------------

TWO_HOURS = STANDARD.with_overrides({"thank_you_within_hours": 2})

# fmt: off
R1_TIMING = [
    #   policy     interview starts    as_of
    #   window ends         send_at             status
    row("standard: an hour after the end",
        STANDARD,  "2026-11-24 10:00", "2026-11-24 11:00",
        "2026-11-25 11:00", "2026-11-24 12:00", DUE),
    row("standard: now, if now is later",
        STANDARD,  "2026-11-24 10:00", "2026-11-24 15:00",
        "2026-11-25 11:00", "2026-11-24 15:00", DUE),
    row("planned before the interview",
        STANDARD,  "2026-11-23 12:00", "2026-11-23 08:00",
        "2026-11-24 13:00", "2026-11-23 14:00", UPCOMING),
    row("standard: evening interview, next business morning",
        STANDARD,  "2026-11-24 16:30", "2026-11-24 17:30",
        "2026-11-25 17:30", "2026-11-25 09:00", DUE),
    row("minimal: evening interview, next business morning",
        MINIMAL,   "2026-11-24 16:30", "2026-11-24 17:30",
        "2026-11-25 17:30", "2026-11-25 09:00", DUE),
    row("standard: Friday evening, Saturday morning keeps the 24 hours",
        STANDARD,  "2026-11-20 16:30", "2026-11-20 17:30",
        "2026-11-21 17:30", "2026-11-21 09:00", DUE),
    row("patient: Friday evening, still Saturday, Monday is past the 48 hours",
        PATIENT,   "2026-11-20 16:30", "2026-11-20 17:30",
        "2026-11-22 17:30", "2026-11-21 09:00", DUE),
    row("standard: eve of Thanksgiving, not on Thanksgiving: Friday morning, within 48 hours",
        STANDARD,  "2026-11-25 16:00", "2026-11-25 17:00",
        "2026-11-27 09:00", "2026-11-27 09:00", DUE),
    row("patient: eve of Thanksgiving, 48 hours reach Friday",
        PATIENT,   "2026-11-25 16:00", "2026-11-25 17:00",
        "2026-11-27 17:00", "2026-11-27 09:00", DUE),
    row("standard: July 2, the observed holiday keeps the 24 hours",
        STANDARD,  "2026-07-02 16:00", "2026-07-02 17:00",
        "2026-07-03 17:00", "2026-07-03 09:00", DUE),
    row("two-hour override: the next business morning rather than out of hours",
        TWO_HOURS, "2026-11-24 16:30", "2026-11-24 17:30",
        "2026-11-25 09:00", "2026-11-25 09:00", DUE),
]
# fmt: on


@pytest.mark.parametrize(("policy", "starts_at", "as_of", "latest", "send_at", "status"), R1_TIMING)
def test_R1_thank_you_is_due_within_the_policy_hours_of_the_interview_end(
    build, policy, starts_at, as_of, latest, send_at, status
) -> None:
    facts = build.facts(starts_at=t(starts_at), contacts=(BOB,))

    plan = build.plan(facts, policy=policy, as_of=t(as_of))

    thank_you = build.step(plan, THANK_YOU)
    assert thank_you.window.earliest == facts.ends_at
    assert thank_you.window.latest == t(latest)
    assert thank_you.send_at == t(send_at)
    assert thank_you.status is status
    assert (thank_you.channel, thank_you.to) == (EMAIL, (BOB,))
    assert "R1" in thank_you.rules
    assert "thank_you_late" not in build.codes(plan)


# fmt: off
R1_LATE = [
    #   policy    sent at             as_of               status   send_at             warned
    row("standard: a day later, overdue, send now",
        STANDARD, None,               "2026-11-25 12:00", OVERDUE, "2026-11-25 12:00", True),
    row("standard: overdue after hours, Thanksgiving, so Friday",
        STANDARD, None,               "2026-11-25 18:00", OVERDUE, "2026-11-27 09:00", True),
    row("patient: a day later is still due",
        PATIENT,  None,               "2026-11-25 12:00", DUE,     "2026-11-25 12:00", False),
    row("patient: overdue on Thanksgiving, so Friday",
        PATIENT,  None,               "2026-11-26 12:00", OVERDUE, "2026-11-27 09:00", True),
    row("sent in time",
        STANDARD, "2026-11-24 15:00", "2026-11-30 12:00", DONE,    "2026-11-24 15:00", False),
    row("sent late: done, and warned",
        STANDARD, "2026-11-25 14:00", "2026-11-30 12:00", DONE,    "2026-11-25 14:00", True),
]
# fmt: on


@pytest.mark.parametrize(("policy", "sent_at", "as_of", "status", "send_at", "warned"), R1_LATE)
def test_R1_a_late_thank_you_is_overdue_and_warned(
    build, policy, sent_at, as_of, status, send_at, warned
) -> None:
    facts = build.facts(contacts=(BOB,), thank_you_sent_at=t(sent_at) if sent_at else None)

    plan = build.plan(facts, policy=policy, as_of=t(as_of))

    thank_you = build.step(plan, THANK_YOU)
    assert (thank_you.status, thank_you.send_at) == (status, t(send_at))
    assert ("thank_you_late" in build.codes(plan)) is warned
    if status is not DONE:
        assert plan.next_action is not None
        assert (plan.next_action.step_id, plan.next_action.send_at) == (thank_you.id, t(send_at))


def test_R1_thank_you_goes_in_the_recipients_own_business_hours(build) -> None:
    """Dana works in London: noon in New York is 17:00 there, so her note waits for 09:00."""
    plan = build.plan(
        build.facts(contacts=(BOB, DANA_IN_LONDON, CAROL)), as_of=t("2026-11-24 12:00")
    )

    (to_dana,) = [s for s in build.steps(plan, THANK_YOU) if s.to == (DANA_IN_LONDON,)]
    assert to_dana.window.earliest == t("2026-11-24 16:00", LONDON)
    assert to_dana.window.latest == t("2026-11-25 16:00", LONDON)
    assert to_dana.send_at == t("2026-11-25 09:00", LONDON)


# -- R2: one thank-you to each person interviewed with -------------------------------------------

# fmt: off
R2_RECIPIENTS = [
    #   contacts            thank-yous to                several (R2 cited)
    row("only Bob interviewed",
        (BOB, CAROL),       ["Bob Smith"],               False),
    row("Bob and Dana interviewed",
        (BOB, DANA, CAROL), ["Bob Smith", "Dana Park"],  True),
    row("nobody marked: the primary contact",
        (CAROL, HANS, EVE), ["Carol Diaz"],              False),
]
# fmt: on


@pytest.mark.parametrize(("contacts", "recipients", "several"), R2_RECIPIENTS)
def test_R2_one_thank_you_per_person_interviewed(build, contacts, recipients, several) -> None:
    plan = build.plan(build.facts(contacts=contacts))

    thank_yous = build.steps(plan, THANK_YOU)
    assert [step.to[0].name for step in thank_yous] == recipients
    assert all(len(step.to) == 1 for step in thank_yous)
    assert len({step.id for step in thank_yous}) == len(thank_yous)
    assert all(("R2" in step.rules) is several for step in thank_yous)
    assert list(plan.steps[: len(recipients)]) == thank_yous


def test_R2_two_people_sharing_an_address_still_get_a_thank_you_each(build) -> None:
    """Alex and Sam interviewed Ann as a panel and gave one address. Each still gets a note
    (R2), and each step needs its own id: the service keys rendered messages by step id, so
    with one id both steps would carry the same message."""
    alex = Contact("Alex Kim", "panel@acme.example", role=ContactRole.INTERVIEWER, interviewed=True)
    sam = replace(alex, name="Sam Roe")

    plan = build.plan(build.facts(contacts=(alex, sam, CAROL)))

    thank_yous = build.steps(plan, THANK_YOU)
    assert [step.to for step in thank_yous] == [(alex,), (sam,)]
    assert len({step.id for step in plan.steps}) == len(plan.steps)


def _thanked(when: str, email: str | None = None) -> Event:
    return Event(EventType.THANK_YOU_SENT, t(when), email)


# fmt: off
R2_EACH_DONE = [
    #   events                                               Bob    Dana   follow-up
    row("none sent",
        (),                                                  DUE,   DUE,   WAITING),
    row("Bob's only: the follow-up still waits",
        (_thanked("2026-11-24 14:00", BOB.email),),          DONE,  DUE,   WAITING),
    row("both, by address (any case)",
        (_thanked("2026-11-24 14:00", "BOB.SMITH@acme.example"),
         _thanked("2026-11-24 14:00", DANA.email)),          DONE,  DONE,  UPCOMING),
    row("one event without an address covers everyone",
        (_thanked("2026-11-24 14:00"),),                     DONE,  DONE,  UPCOMING),
]
# fmt: on


@pytest.mark.parametrize(("events", "bob", "dana", "follow_up"), R2_EACH_DONE)
def test_R2_each_thank_you_is_done_on_its_own(build, events, bob, dana, follow_up) -> None:
    facts = build.facts(contacts=(BOB, DANA, CAROL), events=events)

    plan = build.plan(facts, as_of=t("2026-11-24 15:00"))

    statuses = {step.to[0].name: step.status for step in build.steps(plan, THANK_YOU)}
    assert statuses == {"Bob Smith": bob, "Dana Park": dana}
    assert build.step(plan, FOLLOW_UP).status is follow_up


# -- R3: what a thank-you may carry (the wording is the message layer's; the domain cites it) ----


@pytest.mark.parametrize("policy", [STANDARD, MINIMAL, PATIENT], ids=lambda p: p.name)
def test_R3_every_thank_you_cites_R1_and_R3_with_their_seeds(build, policy) -> None:
    plan = build.plan(build.facts(contacts=(BOB, DANA, CAROL)), policy=policy)

    for step in build.steps(plan, THANK_YOU):
        assert {"R1", "R3"} <= set(step.rules)
        assert {0, 1, 2, 4} <= set(step.sources)  # R1: 000, 001, 004; R3: 004, 002
        assert "not asking about the timeline" in step.rationale  # R1


# -- R4: email by default; phone only when the contact asked and it is possible ------------------

# fmt: off
R4_CHANNELS = [
    #   contact asked  their phone    Ann's phone    interview asks  channel  warned
    row("nobody asked: email",
        None,          "+1 555 0100", "+1 555 0200", EMAIL,          EMAIL,   False),
    row("asked for phone, both numbers known",
        PHONE,         "+1 555 0100", "+1 555 0200", EMAIL,          PHONE,   False),
    row("asked for phone, their number unknown",
        PHONE,         None,          "+1 555 0200", EMAIL,          EMAIL,   True),
    row("asked for phone, Ann has no number to leave",
        PHONE,         "+1 555 0100", None,          EMAIL,          EMAIL,   True),
    row("phone asked on the interview, for the primary contact",
        None,          "+1 555 0100", "+1 555 0200", PHONE,          PHONE,   False),
    row("the contact's own ask wins",
        EMAIL,         "+1 555 0100", "+1 555 0200", PHONE,          EMAIL,   False),
]
# fmt: on


@pytest.mark.parametrize(
    ("asked", "their_phone", "ann_phone", "facts_channel", "channel", "warned"), R4_CHANNELS
)
def test_R4_phone_only_when_the_contact_asked_and_both_numbers_are_known(
    build, asked, their_phone, ann_phone, facts_channel, channel, warned
) -> None:
    contact = replace(BOB, phone=their_phone, preferred_channel=asked)
    facts = build.facts(
        contacts=(contact,),
        candidate=Candidate("Ann Lee", "ann.lee@example.com", ann_phone),
        preferred_channel=facts_channel,
    )

    plan = build.plan(facts)

    assert build.step(plan, THANK_YOU).channel is EMAIL  # a written note, always
    follow_up, final = build.step(plan, FOLLOW_UP), build.step(plan, FINAL)
    assert (follow_up.channel, final.channel) == (channel, channel)
    assert ("R4" in follow_up.rules) is (channel is PHONE)
    assert ("phone_not_possible" in build.codes(plan)) is warned
    assert build.step(plan, MOVE_ON).channel is Channel.NONE


def test_R4_email_needs_an_address_or_the_plan_says_so(build) -> None:
    plan = build.plan(build.facts(contacts=(BOB_NO_EMAIL,)))

    assert build.step(plan, FOLLOW_UP).channel is EMAIL
    assert "no_contact_address" in build.codes(plan)


# fmt: off
R13_GENERIC = [
    #   the interviewer's point    shared points                    warned
    row("a point of their own",    "cost of reprocessing", (),      False),
    row("a shared point",          None, ("the on-call rotation",), False),
    row("no point at all",         None, (),                         True),
]
# fmt: on


@pytest.mark.parametrize(("own", "shared", "warned"), R13_GENERIC)
def test_R13_a_thank_you_with_no_specific_point_is_warned(build, own, shared, warned) -> None:
    bob = replace(BOB, discussion_point=own)

    plan = build.plan(build.facts(contacts=(bob, CAROL), discussion_points=shared))

    assert ("no_discussion_point" in build.codes(plan)) is warned


# -- R5: the status follow-up comes only after the thank-you -------------------------------------

# fmt: off
R5_WAITING = [
    #   thank-you sent      as_of               follow-up (window Wed 12-02 to Fri 12-04)
    row("no thank-you yet: waits, even inside its window",
        None,               "2026-12-03 12:00", WAITING),
    row("thank-you sent, before the window",
        "2026-11-24 15:00", "2026-11-25 12:00", UPCOMING),
    row("thank-you sent, inside the window",
        "2026-11-24 15:00", "2026-12-03 12:00", DUE),
    row("thank-you sent, after the window",
        "2026-11-24 15:00", "2026-12-07 12:00", OVERDUE),
]
# fmt: on


@pytest.mark.parametrize(("thank_you_sent_at", "as_of", "status"), R5_WAITING)
def test_R5_follow_up_waits_for_the_thank_you(build, thank_you_sent_at, as_of, status) -> None:
    sent_at = t(thank_you_sent_at) if thank_you_sent_at else None
    plan = build.plan(build.facts(thank_you_sent_at=sent_at), as_of=t(as_of))

    assert build.step(plan, FOLLOW_UP).status is status


# fmt: off
R5_AFTER_THANK_YOU = [
    #   policy    interview starts    decision by    thank-you sent      as_of
    #   -> follow-up first and last day
    row("standard: thank-you on time changes nothing",
        STANDARD, "2026-11-24 10:00", "2026-11-25", "2026-11-24 15:00", None,
        "2026-11-30", "2026-12-02"),
    row("standard: thank-you Monday 11-30, follow-up Tuesday",
        STANDARD, "2026-11-24 10:00", "2026-11-25", "2026-11-30 10:00", None,
        "2026-12-01", "2026-12-02"),
    row("minimal: thank-you on time changes nothing",
        MINIMAL,  "2026-11-24 10:00", "2026-11-25", "2026-11-24 15:00", None,
        "2026-11-27", "2026-11-30"),
    row("minimal: thank-you Monday 11-30, follow-up Tuesday",
        MINIMAL,  "2026-11-24 10:00", "2026-11-25", "2026-11-30 10:00", None,
        "2026-12-01", "2026-12-01"),
    row("minimal: a thank-you planned late counts too",
        MINIMAL,  "2026-11-24 10:00", "2026-11-25", None,               "2026-11-30 12:00",
        "2026-12-01", "2026-12-01"),
    row("minimal: evening interview, thank-you Wednesday, follow-up after Thanksgiving",
        MINIMAL,  "2026-11-24 16:30", "2026-11-24", None,               None,
        "2026-11-27", "2026-11-27"),
]
# fmt: on


@pytest.mark.parametrize(
    ("policy", "starts_at", "deadline", "thank_you_sent_at", "as_of", "first", "last"),
    R5_AFTER_THANK_YOU,
)
def test_R5_follow_up_never_before_the_business_day_after_the_thank_you(
    build, policy, starts_at, deadline, thank_you_sent_at, as_of, first, last
) -> None:
    facts = build.facts(
        starts_at=t(starts_at),
        timeline=DecisionTimeline(by=d(deadline)),
        thank_you_sent_at=t(thank_you_sent_at) if thank_you_sent_at else None,
    )

    plan = build.plan(facts, policy=policy, as_of=t(as_of) if as_of else None)

    assert_window(build.step(plan, FOLLOW_UP), d(first), d(last))


def test_R5_follow_up_not_on_the_thank_you_day_in_the_recipients_zone(build) -> None:
    """Kenji works in Tokyo. His thank-you arrived Wed 11-25 09:00 Tokyo (Tue 19:00 in New
    York). Decision by Tue 11-24, minimal policy: the next business day would be Wed 11-25,
    but R5 keeps the follow-up off the thank-you's own day - and it is his Wednesday too."""
    facts = build.facts(
        contacts=(KENJI_IN_TOKYO,),
        timeline=DecisionTimeline(by=d("2026-11-24")),
        thank_you_sent_at=t("2026-11-25 09:00", TOKYO),
    )

    plan = build.plan(facts, policy=MINIMAL, as_of=t("2026-11-24 15:00"))

    first, _ = build.days(build.step(plan, FOLLOW_UP))
    assert first > d("2026-11-25")


def test_R5_a_follow_up_logged_before_the_thank_you_is_warned(build) -> None:
    facts = build.facts(events=(sent("2026-12-02 10:00", "carol"),))

    plan = build.plan(facts, as_of=t("2026-12-02 12:00"))

    assert "follow_up_before_thank_you" in build.codes(plan)


# -- R6: with a decision date, wait until one full business day after it has passed --------------

# fmt: off
R6_DEADLINES = [
    #   calendar interview     policy    decision by   -> follow-up first and last day
    row("US standard: decision by Friday, Monday is the full day, send Tuesday",
        US_NY, "2026-11-24", STANDARD, "2026-12-04", "2026-12-08", "2026-12-10"),
    row("US minimal: decision by Friday, send Monday",
        US_NY, "2026-11-24", MINIMAL,  "2026-12-04", "2026-12-07", "2026-12-08"),
    row("US patient: decision by Friday, Tuesday to the next Monday",
        US_NY, "2026-11-24", PATIENT,  "2026-12-04", "2026-12-08", "2026-12-14"),
    row("US standard: decision on Thanksgiving",
        US_NY, "2026-11-20", STANDARD, "2026-11-26", "2026-11-30", "2026-12-02"),
    row("US standard: decision Christmas Eve, Christmas closed",
        US_NY, "2026-12-14", STANDARD, "2026-12-24", "2026-12-29", "2026-12-31"),
    row("US minimal: decision Christmas Eve, Christmas closed",
        US_NY, "2026-12-14", MINIMAL,  "2026-12-24", "2026-12-28", "2026-12-29"),
    row("US standard: decision 12-30, New Year closed",
        US_NY, "2026-12-21", STANDARD, "2026-12-30", "2027-01-04", "2027-01-06"),
    row("US minimal: decision 12-30, New Year's Eve is open",
        US_NY, "2026-12-21", MINIMAL,  "2026-12-30", "2026-12-31", "2027-01-04"),
    row("US patient: decision 12-30, over New Year",
        US_NY, "2026-12-21", PATIENT,  "2026-12-30", "2027-01-04", "2027-01-08"),
    row("US standard: decision Thursday July 2, Friday observed closed",
        US_NY, "2026-06-22", STANDARD, "2026-07-02", "2026-07-07", "2026-07-09"),
    row("US standard: decision on Saturday July 4",
        US_NY, "2026-06-22", STANDARD, "2026-07-04", "2026-07-07", "2026-07-09"),
    row("US standard: Thanksgiving, and the Friday after closed as an extra date",
        CalendarSpec("US", "NY", (d("2026-11-27"),)),
               "2026-11-20", STANDARD, "2026-11-26", "2026-12-01", "2026-12-03"),
    row("DE-BY standard: Epiphany closed",
        DE_BY, "2026-12-21", STANDARD, "2027-01-05", "2027-01-08", "2027-01-12"),
    row("DE-BE standard: Epiphany open",
        DE_BE, "2026-12-21", STANDARD, "2027-01-05", "2027-01-07", "2027-01-11"),
    row("DE-BY minimal: Epiphany closed",
        DE_BY, "2026-12-21", MINIMAL,  "2027-01-05", "2027-01-07", "2027-01-08"),
    row("DE-BE minimal: Epiphany open",
        DE_BE, "2026-12-21", MINIMAL,  "2027-01-05", "2027-01-06", "2027-01-07"),
    row("IL standard: decision Thursday, Sunday is the full day, send Monday",
        IL,    "2026-11-22", STANDARD, "2026-11-26", "2026-11-30", "2026-12-02"),
    row("IL minimal: decision Thursday, send Sunday",
        IL,    "2026-11-22", MINIMAL,  "2026-11-26", "2026-11-29", "2026-11-30"),
    row("IL patient: decision Thursday",
        IL,    "2026-11-22", PATIENT,  "2026-11-26", "2026-11-30", "2026-12-06"),
    row("IL standard: decision Friday, the weekend",
        IL,    "2026-11-22", STANDARD, "2026-11-27", "2026-11-30", "2026-12-02"),
]
# fmt: on


@pytest.mark.parametrize(
    ("calendar", "interview_day", "policy", "deadline", "first", "last"), R6_DEADLINES
)
def test_R6_follow_up_waits_one_full_business_day_after_the_deadline(
    build, calendar, interview_day, policy, deadline, first, last
) -> None:
    zone = ZONE_OF[calendar.country]
    facts = build.facts(
        **elsewhere(calendar, interview_day, timeline=DecisionTimeline(by=d(deadline))),
        contacts=(HANS,),
    )

    plan = build.plan(facts, policy=policy)

    follow_up = build.step(plan, FOLLOW_UP)
    assert plan.timeline.deadline == d(deadline)
    assert_window(follow_up, d(first), d(last), zone)
    assert follow_up.send_at == at(d(first), 9, zone)
    assert "R6" in follow_up.rules and "R7" not in follow_up.rules


# fmt: off
R6_SEED_PHRASES = [
    #   words
    #   deadline      first         last
    row("003: by Friday - send the following Tuesday",
        "We'll let you know by Friday",
        "2026-11-27", "2026-12-01", "2026-12-03"),
    row("000: by the end of next week",
        "We will make a decision by the end of next week",
        "2026-12-04", "2026-12-08", "2026-12-10"),
    row("001: in a couple of weeks",
        "We will get back to you in a couple of weeks",
        "2026-12-08", "2026-12-10", "2026-12-14"),
]
# fmt: on


@pytest.mark.parametrize(("text", "deadline", "first", "last"), R6_SEED_PHRASES)
def test_R6_the_seeds_own_phrases_set_the_follow_up(build, text, deadline, first, last) -> None:
    plan = build.plan(build.facts(timeline=DecisionTimeline(text=text)))

    assert plan.timeline.deadline == d(deadline)
    assert_window(build.step(plan, FOLLOW_UP), d(first), d(last))


# fmt: off
R6_CLOSED_DEADLINES = [
    #   calendar decision by   closure named in the warning
    row("US Thanksgiving",      US_NY, "2026-11-26", "Thanksgiving"),
    row("US Saturday",          US_NY, "2026-12-05", "weekend"),
    row("DE-BY Epiphany",       DE_BY, "2027-01-06", "Epiphany"),
    row("DE-BE Epiphany: open", DE_BE, "2027-01-06", None),
    row("IL Friday",            IL,    "2026-11-27", "weekend"),
    row("IL Sunday: open",      IL,    "2026-11-29", None),
]
# fmt: on


@pytest.mark.parametrize(("calendar", "deadline", "closure"), R6_CLOSED_DEADLINES)
def test_R6_a_deadline_on_a_closed_day_is_warned(build, calendar, deadline, closure) -> None:
    facts = build.facts(
        **elsewhere(calendar, "2026-11-16", timeline=DecisionTimeline(by=d(deadline)))
    )

    plan = build.plan(facts)

    found = [w.message for w in plan.warnings if w.code == "deadline_not_business_day"]
    assert len(found) == (0 if closure is None else 1)
    assert closure is None or closure in found[0]


def test_R6_a_deadline_before_the_interview_is_warned(build) -> None:
    plan = build.plan(build.facts(timeline=DecisionTimeline(by=d("2026-11-20"))))

    assert "deadline_in_past" in build.codes(plan)


# fmt: off
R6_AS_OF = [
    #   as_of               follow-up status  send_at     (window Tue 12-08 to Thu 12-10)
    row("Monday, the full day: still upcoming",
        "2026-12-07 12:00", UPCOMING,         "2026-12-08 09:00"),
    row("Tuesday: due now",
        "2026-12-08 12:00", DUE,              "2026-12-08 12:00"),
    row("the last minute of the window",
        "2026-12-10 16:59", DUE,              "2026-12-10 16:59"),
    row("Friday: overdue, send now",
        "2026-12-11 12:00", OVERDUE,          "2026-12-11 12:00"),
    row("Saturday: overdue, send Monday morning",
        "2026-12-12 12:00", OVERDUE,          "2026-12-14 09:00"),
]
# fmt: on


@pytest.mark.parametrize(("as_of", "status", "send_at"), R6_AS_OF)
def test_R6_follow_up_status_moves_with_as_of(build, example, as_of, status, send_at) -> None:
    plan = build.plan(example, as_of=t(as_of))

    follow_up = build.step(plan, FOLLOW_UP)
    assert (follow_up.status, follow_up.send_at) == (status, t(send_at))
    assert plan.next_action is not None
    assert (plan.next_action.step_id, plan.next_action.send_at) == ("follow_up", t(send_at))


# fmt: off
R6_NEW_DATES = [
    #   the reply on Thu 12-03 gives                    deadline      first         last
    row("a new date",
        {"new_deadline": d("2026-12-11")},              "2026-12-11", "2026-12-15", "2026-12-17"),
    row("new words, read from the reply's day",
        {"timeline_text": "by the end of next week"},   "2026-12-11", "2026-12-15", "2026-12-17"),
    row("a couple of weeks from the reply",
        {"timeline_text": "in a couple of weeks"},      "2026-12-17", "2026-12-21", "2026-12-23"),
]
# fmt: on


@pytest.mark.parametrize(("reply", "deadline", "first", "last"), R6_NEW_DATES)
def test_R6_a_reply_with_a_new_date_starts_a_new_wait(
    build, example, reply, deadline, first, last
) -> None:
    update = Event(
        EventType.REPLY_RECEIVED, t("2026-12-03 10:00"), outcome=ReplyOutcome.UPDATE, **reply
    )

    plan = build.plan(replace(example, events=(update,)), as_of=t("2026-12-03 12:00"))

    assert plan.status is PlanStatus.ACTIVE
    assert plan.timeline.deadline == d(deadline)
    assert [step.id for step in plan.steps[1:]] == [
        "follow_up", "final_follow_up", "escalation", "move_on",
        "follow_up-2", "final_follow_up-2", "escalation-2", "move_on-2",
    ]  # fmt: skip
    assert {step.status for step in plan.steps[1:5]} == {SKIPPED}
    (follow_up,) = [step for step in plan.steps if step.id == "follow_up-2"]
    assert_window(follow_up, d(first), d(last))
    assert plan.next_action is not None
    assert plan.next_action.step_id == "follow_up-2"


# -- R7: with no timeline, wait about 5-7 business days ------------------------------------------

TEN_DAYS = STANDARD.with_overrides({"follow_up_without_timeline": BusinessDayWindow(10, 10)})

# fmt: off
R7_NO_TIMELINE = [
    #   calendar interview     policy    -> follow-up first and last day
    row("US standard: over Thanksgiving",
        US_NY, "2026-11-24", STANDARD, "2026-12-02", "2026-12-04"),
    row("US minimal: over Thanksgiving",
        US_NY, "2026-11-24", MINIMAL,  "2026-12-02", "2026-12-03"),
    row("US patient: over Thanksgiving",
        US_NY, "2026-11-24", PATIENT,  "2026-12-09", "2026-12-11"),
    row("US standard: over Christmas",
        US,    "2026-12-18", STANDARD, "2026-12-28", "2026-12-30"),
    row("US minimal: over Christmas",
        US,    "2026-12-18", MINIMAL,  "2026-12-28", "2026-12-29"),
    row("US patient: over Christmas and New Year",
        US,    "2026-12-18", PATIENT,  "2027-01-05", "2027-01-07"),
    row("US standard: over July 3, observed",
        US_NY, "2026-06-29", STANDARD, "2026-07-07", "2026-07-09"),
    row("DE-BY standard: over New Year and Epiphany",
        DE_BY, "2026-12-30", STANDARD, "2027-01-08", "2027-01-12"),
    row("DE-BE standard: over New Year, Epiphany open",
        DE_BE, "2026-12-30", STANDARD, "2027-01-07", "2027-01-11"),
    row("IL standard: Sunday is a business day",
        IL,    "2026-11-22", STANDARD, "2026-11-29", "2026-12-01"),
    row("IL patient",
        IL,    "2026-11-22", PATIENT,  "2026-12-06", "2026-12-08"),
    row("US override: ten business days",
        US_NY, "2026-11-24", TEN_DAYS, "2026-12-09", "2026-12-09"),
]
# fmt: on


@pytest.mark.parametrize(("calendar", "interview_day", "policy", "first", "last"), R7_NO_TIMELINE)
def test_R7_follow_up_waits_5_to_7_business_days_without_a_timeline(
    build, calendar, interview_day, policy, first, last
) -> None:
    facts = build.facts(**elsewhere(calendar, interview_day), contacts=(HANS,))

    plan = build.plan(facts, policy=policy)

    follow_up = build.step(plan, FOLLOW_UP)
    assert plan.timeline.deadline is None
    assert_window(follow_up, d(first), d(last), ZONE_OF[calendar.country])
    assert "R7" in follow_up.rules and "R6" not in follow_up.rules


def test_R7_a_reply_without_a_readable_date_waits_from_the_reply(build, example) -> None:
    """Reply Thu 12-03: five to seven business days later is Thu 12-10 to Mon 12-14."""
    reply = Event(
        EventType.REPLY_RECEIVED,
        t("2026-12-03 10:00"),
        outcome=ReplyOutcome.UPDATE,
        timeline_text="We need a little more time",
    )

    plan = build.plan(replace(example, events=(reply,)), as_of=t("2026-12-03 12:00"))

    (follow_up,) = [step for step in plan.steps if step.id == "follow_up-2"]
    assert_window(follow_up, d("2026-12-10"), d("2026-12-14"))
    assert "timeline_unrecognized" in build.codes(plan)


# -- R8: the status follow-up (its wording is the message layer's) -------------------------------


@pytest.mark.parametrize("policy", [STANDARD, MINIMAL, PATIENT], ids=lambda p: p.name)
def test_R8_follow_up_asks_the_primary_contact_for_an_update(build, spec_example, policy) -> None:
    plan = build.plan(spec_example, policy=policy)

    follow_up = build.step(plan, FOLLOW_UP)
    assert (follow_up.to, follow_up.channel) == ((CAROL,), EMAIL)
    assert {"R5", "R8", "R15"} <= set(follow_up.rules)
    assert {0, 3} <= set(follow_up.sources)
    assert "Carol Diaz" in follow_up.rationale
    assert follow_up.condition is None and not follow_up.optional


# -- R9: one final, briefer message a week later; then stop --------------------------------------

# fmt: off
R9_FINAL = [
    #   calendar interview     policy    follow-up sent      -> final first and last day
    row("US standard: a week after the planned Tuesday 12-08",
        US_NY, None,         STANDARD, None,               "2026-12-15", "2026-12-17"),
    row("US patient: a week after the planned Tuesday 12-08",
        US_NY, None,         PATIENT,  None,               "2026-12-15", "2026-12-17"),
    row("US standard: a week after the real Thursday 12-10",
        US_NY, None,         STANDARD, "2026-12-10 10:00", "2026-12-17", "2026-12-21"),
    row("US standard: over Christmas",
        US_NY, None,         STANDARD, "2026-12-18 10:00", "2026-12-28", "2026-12-30"),
    row("US standard: over Christmas and New Year",
        US_NY, None,         STANDARD, "2026-12-23 10:00", "2026-12-31", "2027-01-05"),
    row("DE-BY standard: over New Year and Epiphany",
        DE_BY, "2026-12-14", STANDARD, "2026-12-29 10:00", "2027-01-07", "2027-01-11"),
    row("DE-BE standard: over New Year, Epiphany open",
        DE_BE, "2026-12-14", STANDARD, "2026-12-29 10:00", "2027-01-06", "2027-01-08"),
    row("IL patient: over the Friday-Saturday weekend",
        IL,    "2026-11-15", PATIENT,  "2026-11-26 10:00", "2026-12-03", "2026-12-07"),
]
# fmt: on


@pytest.mark.parametrize(
    ("calendar", "interview_day", "policy", "follow_up_sent", "first", "last"), R9_FINAL
)
def test_R9_one_final_follow_up_a_week_after_the_first(
    build, example, calendar, interview_day, policy, follow_up_sent, first, last
) -> None:
    zone = ZONE_OF[calendar.country]
    facts = example
    if interview_day is not None:
        facts = build.facts(
            **elsewhere(calendar, interview_day),
            contacts=(HANS,),
            thank_you_sent_at=t(f"{interview_day} 15:00", zone),
        )
    if follow_up_sent is not None:
        facts = replace(facts, events=(sent(follow_up_sent, zone=zone),))

    plan = build.plan(facts, policy=policy)

    final = build.step(plan, FINAL)
    assert_window(final, d(first), d(last), zone)
    assert final.condition == "no_reply"
    assert final.to == build.step(plan, FOLLOW_UP).to
    assert "R9" in final.rules
    assert final.status is (UPCOMING if follow_up_sent else WAITING)


def test_R9_minimal_sends_no_final_follow_up(build, spec_example) -> None:
    plan = build.plan(spec_example, policy=MINIMAL)

    assert [step.kind for step in plan.steps] == [THANK_YOU, FOLLOW_UP, MOVE_ON]


def test_R9_final_counts_from_the_follow_up_day_in_the_recipients_zone(build) -> None:
    """Kenji (Tokyo) gets the follow-up Wed 12-02 09:00 his time (Tue 12-01 19:00 in New York).
    Five to seven business days after his Wednesday: Wed 12-09 to Fri 12-11, not from Tue 12-08."""
    plan = build.plan(build.facts(contacts=(KENJI_IN_TOKYO,)))

    assert build.step(plan, FOLLOW_UP).send_at == t("2026-12-02 09:00", TOKYO)
    assert_window(build.step(plan, FINAL), d("2026-12-09"), d("2026-12-11"), TOKYO)


# -- R10: after two unanswered messages to a recruiter, the hiring manager, optionally -----------

# fmt: off
R10_WHO = [
    #   policy    contacts                          escalation to Bob
    row("standard, the recruiter is primary",
        STANDARD, (BOB, CAROL),                     True),
    row("minimal never escalates",
        MINIMAL,  (BOB, CAROL),                     False),
    row("patient never escalates",
        PATIENT,  (BOB, CAROL),                     False),
    row("standard, the hiring manager is primary",
        STANDARD, (BOB_SCHEDULED, CAROL_UNSCHEDULED), False),
    row("standard, no address for the hiring manager",
        STANDARD, (BOB_NO_EMAIL, CAROL),            False),
    row("standard, no hiring manager",
        STANDARD, (CAROL, DANA),                    False),
]
# fmt: on


@pytest.mark.parametrize(("policy", "contacts", "escalates"), R10_WHO)
def test_R10_escalation_to_the_hiring_manager_is_optional_and_standard_only(
    build, spec_example, policy, contacts, escalates
) -> None:
    plan = build.plan(replace(spec_example, contacts=contacts), policy=policy)

    escalations = build.steps(plan, ESCALATION)
    assert len(escalations) == (1 if escalates else 0)
    if escalates:
        (escalation,) = escalations
        assert (escalation.to, escalation.regarding) == ((BOB,), CAROL)
        assert escalation.optional and escalation.condition == "no_reply"
        assert escalation.status is WAITING
        # Five to seven business days after the final planned Tue 12-15; Christmas comes later.
        assert_window(escalation, d("2026-12-22"), d("2026-12-24"))


# fmt: off
R10_OPENS = [
    #   messages sent (10:00)                        as_of               escalation
    row("nothing sent",
        (),                                          "2026-12-22 12:00", WAITING),
    row("one message: waits for the final",
        ("2026-12-08",),                             "2026-12-22 12:00", WAITING),
    row("two unanswered: it opens",
        ("2026-12-08", "2026-12-15"),                "2026-12-16 12:00", UPCOMING),
    row("two unanswered: due in its window",
        ("2026-12-08", "2026-12-15"),                "2026-12-22 12:00", DUE),
    row("optional, so let pass rather than overdue",
        ("2026-12-08", "2026-12-15"),                "2026-12-28 12:00", SKIPPED),
    row("a third message is the escalation",
        ("2026-12-08", "2026-12-15", "2026-12-22"),  "2026-12-28 12:00", DONE),
]
# fmt: on


@pytest.mark.parametrize(("messages", "as_of", "status"), R10_OPENS)
def test_R10_escalation_opens_after_two_unanswered_messages(
    build, example, messages, as_of, status
) -> None:
    facts = replace(example, events=tuple(sent(f"{day} 10:00") for day in messages))

    plan = build.plan(facts, as_of=t(as_of))

    assert build.step(plan, ESCALATION).status is status


# fmt: off
R10_THIRD = [
    #   the third message went to      escalation  warned too many
    row("the hiring manager",          "bob",      DONE,     False),
    row("no one named",                None,       DONE,     False),
    row("the recruiter again",         "carol",    SKIPPED,  True),
]
# fmt: on


@pytest.mark.parametrize(("to", "escalation", "warned"), R10_THIRD)
def test_R10_only_a_message_to_the_hiring_manager_is_the_escalation(
    build, example, to, escalation, warned
) -> None:
    events = (
        sent("2026-12-08 10:00", "carol"),
        sent("2026-12-15 10:00", "carol"),
        sent("2026-12-22 10:00", to),
    )

    plan = build.plan(replace(example, events=events), as_of=t("2027-01-04 12:00"))

    assert build.step(plan, ESCALATION).status is escalation
    assert ("too_many_follow_ups" in build.codes(plan)) is warned


# -- R11: after the last message, move on --------------------------------------------------------

# fmt: off
R11_WHEN = [
    #   policy    contacts      move on (no reply) on
    row("standard: five days after the escalation Tue 12-22",
        STANDARD, (BOB, CAROL), "2026-12-30"),
    row("standard without escalation: five days after the final Tue 12-15",
        STANDARD, (BOB,),       "2026-12-22"),
    row("minimal: five days after the follow-up Mon 12-07",
        MINIMAL,  (BOB, CAROL), "2026-12-14"),
    row("patient: ten days after the final Tue 12-15, Christmas closed",
        PATIENT,  (BOB, CAROL), "2026-12-30"),
]
# fmt: on


@pytest.mark.parametrize(("policy", "contacts", "day"), R11_WHEN)
def test_R11_move_on_some_business_days_after_the_last_message(
    build, spec_example, policy, contacts, day
) -> None:
    plan = build.plan(replace(spec_example, contacts=contacts), policy=policy)

    move_on = build.step(plan, MOVE_ON)
    assert plan.steps[-1] is move_on
    assert_window(move_on, d(day), d(day))
    assert (move_on.channel, move_on.to, move_on.rules) == (Channel.NONE, (), ("R11",))
    assert (move_on.status, move_on.condition) == (WAITING, "no_reply")


# fmt: off
R11_MOVED_ON = [
    #   policy    contacts      messages sent (10:00)         as_of
    #   plan status          move-on step
    row("minimal: before the day",
        MINIMAL,  (BOB, CAROL), ("2026-12-07",),              "2026-12-11 12:00",
        PlanStatus.ACTIVE,   UPCOMING),
    row("minimal: on the day",
        MINIMAL,  (BOB, CAROL), ("2026-12-07",),              "2026-12-14 09:00",
        PlanStatus.MOVED_ON, DUE),
    row("minimal: never overdue",
        MINIMAL,  (BOB, CAROL), ("2026-12-07",),              "2026-12-21 09:00",
        PlanStatus.MOVED_ON, DUE),
    row("standard: five days after the final",
        STANDARD, (BOB,),       ("2026-12-08", "2026-12-15"), "2026-12-22 10:00",
        PlanStatus.MOVED_ON, DUE),
    row("standard: the final not sent yet",
        STANDARD, (BOB,),       ("2026-12-08",),              "2027-01-11 10:00",
        PlanStatus.ACTIVE,   WAITING),
    row("standard: the optional escalation let pass",
        STANDARD, (BOB, CAROL), ("2026-12-08", "2026-12-15"), "2026-12-28 12:00",
        PlanStatus.MOVED_ON, DUE),
    row("patient: nine days after the final",
        PATIENT,  (BOB,),       ("2026-12-08", "2026-12-15"), "2026-12-29 12:00",
        PlanStatus.ACTIVE,   UPCOMING),
    row("patient: ten days after the final",
        PATIENT,  (BOB,),       ("2026-12-08", "2026-12-15"), "2026-12-30 10:00",
        PlanStatus.MOVED_ON, DUE),
]
# fmt: on


@pytest.mark.parametrize(
    ("policy", "contacts", "messages", "as_of", "plan_status", "move_on_status"), R11_MOVED_ON
)
def test_R11_the_plan_moves_on_once_the_wait_is_over(
    build, example, policy, contacts, messages, as_of, plan_status, move_on_status
) -> None:
    facts = replace(
        example, contacts=contacts, events=tuple(sent(f"{day} 10:00") for day in messages)
    )

    plan = build.plan(facts, policy=policy, as_of=t(as_of))

    assert plan.status is plan_status
    assert build.step(plan, MOVE_ON).status is move_on_status
    if plan.status is PlanStatus.MOVED_ON:
        assert plan.next_action is not None
        assert plan.next_action.kind is MOVE_ON


def _replied(outcome: ReplyOutcome) -> Event:
    return Event(EventType.REPLY_RECEIVED, t("2026-12-09 10:00"), outcome=outcome)


# fmt: off
R11_CLOSING = [
    row("an offer",                     _replied(ReplyOutcome.OFFER)),
    row("a rejection",                  _replied(ReplyOutcome.REJECTION)),
    row("a next round, without a date", _replied(ReplyOutcome.NEXT_ROUND)),
    row("Ann withdrew",                 Event(EventType.WITHDRAWN, t("2026-12-09 10:00"))),
]
# fmt: on


@pytest.mark.parametrize("closing", R11_CLOSING)
def test_R11_a_reply_or_a_withdrawal_closes_the_plan(build, example, closing) -> None:
    # The message after the closing event does not count: the plan is already closed.
    events = (sent("2026-12-08 10:00"), closing, sent("2026-12-15 10:00"))

    plan = build.plan(replace(example, events=events), as_of=t("2026-12-16 12:00"))

    assert plan.status is PlanStatus.CLOSED
    assert plan.next_action is None
    statuses = {step.kind: step.status for step in plan.steps}
    assert statuses == {
        THANK_YOU: DONE,
        FOLLOW_UP: DONE,
        FINAL: SKIPPED,
        ESCALATION: SKIPPED,
        MOVE_ON: SKIPPED,
    }


# fmt: off
R11_REASONS = [
    row("an offer",    ReplyOutcome.OFFER,      "replied on Wednesday, December 9, 2026 with an"),
    row("a rejection", ReplyOutcome.REJECTION,  "with a decision"),
    row("a next round", ReplyOutcome.NEXT_ROUND, "invited you to a next round"),
]
# fmt: on


@pytest.mark.parametrize(("outcome", "reason"), R11_REASONS)
def test_R11_a_closed_plan_says_why(build, example, outcome, reason) -> None:
    plan = build.plan(replace(example, events=(_replied(outcome),)), as_of=t("2026-12-10 12:00"))

    assert reason in plan.status_reason


# -- R12: another process is moving faster ------------------------------------------------------

# fmt: off
R12_PULLS = [
    #   other answer due  follow-up first, last     mentioned  warning
    row("Monday 11-30: pulled to the days before it",
        "2026-11-30",     "2026-11-25", "2026-11-27", True,    None),
    row("the window's first day: pulled to the three business days before it",
        "2026-12-02",     "2026-11-27", "2026-12-01", True,    None),
    row("after the window: only mentioned",
        "2026-12-10",     "2026-12-02", "2026-12-04", True,    None),
    row("the next day: no business day to ask first",
        "2026-11-25",     "2026-11-25", "2026-11-25", True,    "competing_deadline_close"),
    row("not after the interview: ignored",
        "2026-11-24",     "2026-12-02", "2026-12-04", False,   "competing_deadline_passed"),
]
# fmt: on


@pytest.mark.parametrize(("competing_on", "first", "last", "mentioned", "warning"), R12_PULLS)
def test_R12_a_competing_deadline_pulls_the_follow_up_before_it(
    build, competing_on, first, last, mentioned, warning
) -> None:
    """No timeline: R7 alone would say Wed 12-02 to Fri 12-04."""
    facts = build.facts(competing_deadline=CompetingDeadline(d(competing_on), "Globex"))

    plan = build.plan(facts)

    follow_up = build.step(plan, FOLLOW_UP)
    assert_window(follow_up, d(first), d(last))
    assert follow_up.mentions_competing_process is mentioned
    assert ("R12" in follow_up.rules) is mentioned
    assert warning is None or warning in build.codes(plan)


@pytest.mark.parametrize(
    "competing_on",
    [
        row("inside the window", "2026-12-03"),
        row("on the window's last day", "2026-12-04"),
    ],
)
def test_R12_a_competing_deadline_inside_the_window_still_comes_first(build, competing_on) -> None:
    """Globex needs an answer by ``competing_on``; asking Acme that day or later is too late, as
    the planner itself decides when the date falls on or before the window's first day."""
    facts = build.facts(competing_deadline=CompetingDeadline(d(competing_on), "Globex"))

    plan = build.plan(facts)

    follow_up = build.step(plan, FOLLOW_UP)
    assert follow_up.window.latest.date() < d(competing_on)
    assert follow_up.send_at.date() < d(competing_on)


def test_R12_the_pull_still_comes_after_the_thank_you(build) -> None:
    """The thank-you went late, Fri 11-27; Globex needs an answer Mon 11-30. The follow-up may
    not share Friday with the thank-you (R5): Monday itself, and the plan says it is close."""
    facts = build.facts(
        thank_you_sent_at=t("2026-11-27 10:00"),
        competing_deadline=CompetingDeadline(d("2026-11-30"), "Globex"),
    )

    plan = build.plan(facts, as_of=t("2026-11-27 12:00"))

    assert_window(build.step(plan, FOLLOW_UP), d("2026-11-30"), d("2026-11-30"))
    assert "competing_deadline_close" in build.codes(plan)


# -- R13: not too soon, not too often, not several people at once, never on a closed day ---------

# fmt: off
R13_WARNINGS = [
    #   policy    contacts      status messages (local time, to whom)
    #   warnings
    row("on time: nothing to say",
        STANDARD, (BOB, CAROL), [("2026-12-02 10:00", "carol")],
        set()),
    row("minimal: too soon",
        MINIMAL,  (BOB, CAROL), [("2026-11-27 10:00", "carol")],
        {"follow_up_too_soon"}),
    row("standard: a day early is too soon",
        STANDARD, (BOB, CAROL), [("2026-12-01 16:00", "carol")],
        {"follow_up_too_soon"}),
    row("minimal: allows one",
        MINIMAL,  (BOB, CAROL), [("2026-12-02 10:00", "carol"), ("2026-12-09 10:00", "carol")],
        {"too_many_follow_ups"}),
    row("patient: allows two",
        PATIENT,  (BOB, CAROL), [("2026-12-11 10:00", "carol"), ("2026-12-18 10:00", "carol"),
                                 ("2026-12-29 10:00", "carol")],
        {"too_many_follow_ups"}),
    row("standard with an escalation: allows three",
        STANDARD, (BOB, CAROL), [("2026-12-02 10:00", "carol"), ("2026-12-09 10:00", "carol"),
                                 ("2026-12-16 10:00", "bob")],
        set()),
    row("standard: a fourth is too many",
        STANDARD, (BOB, CAROL), [("2026-12-02 10:00", "carol"), ("2026-12-09 10:00", "carol"),
                                 ("2026-12-16 10:00", "bob"), ("2026-12-23 10:00", "bob")],
        {"too_many_follow_ups"}),
    row("standard without an escalation: allows two",
        STANDARD, (BOB,),       [("2026-12-02 10:00", "bob"), ("2026-12-09 10:00", "bob"),
                                 ("2026-12-16 10:00", "bob")],
        {"too_many_follow_ups"}),
    row("two people the same day",
        STANDARD, (BOB, CAROL), [("2026-12-02 10:00", "carol"), ("2026-12-02 15:00", "bob")],
        {"several_contacts_within_24h"}),
    row("two people 25 hours apart",
        STANDARD, (BOB, CAROL), [("2026-12-02 10:00", "carol"), ("2026-12-03 11:00", "bob")],
        set()),
    row("the same person twice is not several people",
        STANDARD, (BOB, CAROL), [("2026-12-02 10:00", "carol"), ("2026-12-02 15:00", "carol")],
        set()),
]
# fmt: on


@pytest.mark.parametrize(("policy", "contacts", "messages", "codes"), R13_WARNINGS)
def test_R13_warns_about_following_up_too_soon_too_often_or_to_several_people(
    build, example, policy, contacts, messages, codes
) -> None:
    """No timeline, thank-you sent Tue 11-24: the follow-up window is Wed 12-02 to Fri 12-04
    (minimal: to Thu 12-03; patient: Fri 12-11 to Tue 12-15)."""
    facts = replace(
        example,
        timeline=None,
        contacts=contacts,
        events=tuple(sent(when, to) for when, to in messages),
    )

    plan = build.plan(facts, policy=policy, as_of=t("2027-01-04 12:00"))

    assert build.codes(plan) & R13_CODES == codes


# fmt: off
R13_CLOSED_DAYS = [
    #   calendar interview     decision by   policy    as_of (local)
    row("US: over Christmas, standard",
        US,    "2026-12-18", None,         STANDARD, None),
    row("US: over Christmas, patient",
        US,    "2026-12-18", None,         PATIENT,  None),
    row("US-NY: decision on Thanksgiving",
        US_NY, "2026-11-20", "2026-11-26", STANDARD, None),
    row("US-NY: asked on Christmas Day",
        US_NY, "2026-12-14", "2026-12-24", STANDARD, "2026-12-25 12:00"),
    row("US-NY: asked on July 3, observed",
        US_NY, "2026-06-22", "2026-07-02", MINIMAL,  "2026-07-03 12:00"),
    row("DE-BY: over Epiphany",
        DE_BY, "2026-12-21", "2027-01-05", STANDARD, None),
    row("DE-BY: asked on Epiphany",
        DE_BY, "2026-12-21", "2027-01-05", STANDARD, "2027-01-06 12:00"),
    row("IL: Rosh Hashanah and Yom Kippur",
        IL,    "2026-09-10", None,         STANDARD, None),
    row("IL: asked on a Friday",
        IL,    "2026-09-10", None,         MINIMAL,  "2026-09-18 12:00"),
]
# fmt: on


@pytest.mark.parametrize(
    ("calendar", "interview_day", "deadline", "policy", "as_of"), R13_CLOSED_DAYS
)
def test_R13_nothing_is_scheduled_on_a_closed_day(
    build, calendar, interview_day, deadline, policy, as_of
) -> None:
    zone = ZONE_OF[calendar.country]
    business = calendar_for(calendar)
    facts = build.facts(
        **elsewhere(calendar, interview_day),
        timeline=DecisionTimeline(by=d(deadline)) if deadline else None,
        thank_you_sent_at=t(f"{interview_day} 15:00", zone),
    )

    plan = build.plan(facts, policy=policy, as_of=t(as_of, zone) if as_of else None)

    for step in plan.steps:
        if step.kind is THANK_YOU:
            continue  # R1's 24 hours come first: see the thank-you table
        first, last = build.days(step)
        local = step.send_at.astimezone(zone)
        assert business.is_business_day(first), (step.id, first)
        assert business.is_business_day(last), (step.id, last)
        assert business.is_business_day(local.date()), (step.id, local)
        assert time(9) <= local.time() < time(17), (step.id, local)


# -- R14: hiring takes weeks ---------------------------------------------------------------------

# fmt: off
R14_FAMILIES = [
    #   job family as given     normalized              days
    ("engineering",             "engineering",          49),
    ("research",                "research",             48),
    ("project_management",      "project_management",   47),
    ("Project Management",      "project_management",   47),
    ("customer-service",        "customer_service",     34),
    ("administrative",          "administrative",       33),
    ("sales",                   None,                   None),
    (None,                      None,                   None),
]
# fmt: on


@pytest.mark.parametrize(("job_family", "family", "days"), R14_FAMILIES)
def test_R14_expectations_give_the_typical_days_to_hire(build, job_family, family, days) -> None:
    plan = build.plan(build.facts(job_family=job_family))

    if family is None:
        assert plan.expectations is None
    else:
        assert plan.expectations is not None
        expected = (family, days, ("R14",), (2,))
        got = plan.expectations
        assert (got.job_family, got.typical_days_to_hire, got.rules, got.sources) == expected
        assert f"{days} days" in got.summary


def test_R14_days_to_hire_are_the_linkedin_figures_of_seed_002() -> None:
    assert DAYS_TO_HIRE == {
        "engineering": 49,
        "research": 48,
        "project_management": 47,
        "customer_service": 34,
        "administrative": 33,
    }


# -- R15: the status follow-up goes to the primary contact ---------------------------------------

# fmt: off
R15_PRIMARY = [
    #   contacts (in order given)               primary contact
    row("the recruiter who scheduled the interview",
        (BOB, CAROL),                           CAROL),
    row("the hiring manager",
        (BOB, CAROL_UNSCHEDULED),               BOB),
    row("the hiring manager before a recruiter listed first",
        (CAROL_UNSCHEDULED, BOB),               BOB),
    row("a recruiter before an interviewer",
        (DANA, CAROL_UNSCHEDULED),              CAROL_UNSCHEDULED),
    row("the hiring manager who scheduled it",
        (BOB_SCHEDULED, CAROL_UNSCHEDULED),     BOB_SCHEDULED),
    row("a contact named primary wins",
        (BOB, CAROL, DANA_PRIMARY),             DANA_PRIMARY),
    row("else the first contact",
        (DANA, EVE),                            DANA),
]
# fmt: on


@pytest.mark.parametrize(("contacts", "primary"), R15_PRIMARY)
def test_R15_follow_up_goes_to_the_primary_contact(build, contacts, primary) -> None:
    plan = build.plan(build.facts(contacts=contacts))

    assert primary_contact(contacts) == primary
    assert build.step(plan, FOLLOW_UP).to == (primary,)
    assert build.step(plan, FINAL).to == (primary,)


def test_R15_a_plan_needs_a_contact(build) -> None:
    assert primary_contact(()) is None
    with pytest.raises(InvalidFacts) as raised:
        build.plan(build.facts(contacts=()))

    assert [loc for loc, _ in raised.value.problems] == [("contacts",)]
