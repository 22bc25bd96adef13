"""Plan faults found in review, one regression test each, named with the rule it keeps.

The example interview: Tue 2026-11-24 in New York, "by the end of next week" (Fri 12-04);
R6 puts the follow-up on Tue 12-08 to Thu 12-10.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.model import Event, EventType, StepKind
from app.domain.policies import MINIMAL, PATIENT, STANDARD

NY = ZoneInfo("America/New_York")


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=NY)


def d(text: str) -> date:
    return date.fromisoformat(text)


@pytest.fixture
def example(spec_example):
    return replace(spec_example, thank_you_sent_at=t("2026-11-24 15:00"))


@pytest.mark.parametrize("policy", [STANDARD, PATIENT], ids=["standard", "patient"])
def test_R6_after_a_follow_up_sent_too_soon_the_final_waits_for_the_r6_day(
    build, example, policy
) -> None:
    """Sent Fri 11-27, a week before the decision: five business days later is Fri 12-04, the
    decision day itself; R6 asks for Tue 12-08 at the earliest."""
    facts = replace(example, events=(Event(EventType.FOLLOW_UP_SENT, t("2026-11-27 10:00")),))

    plan = build.plan(facts, policy=policy, as_of=t("2026-11-30 12:00"))

    follow_up = build.step(plan, StepKind.FOLLOW_UP)
    final = build.step(plan, StepKind.FINAL_FOLLOW_UP)
    due = follow_up.window.earliest.date()
    assert "follow_up_too_soon" in build.codes(plan)
    assert due > d("2026-12-04")
    assert final.window.earliest.date() >= due
    assert final.send_at.date() >= due
    assert "R6" in final.rationale


def test_R6_a_replys_timeline_is_explained_from_the_reply(build, example) -> None:
    reply = Event(EventType.REPLY_RECEIVED, t("2026-12-09 10:00"), timeline_text="within two weeks")

    plan = build.plan(replace(example, events=(reply,)), as_of=t("2026-12-09 12:00"))

    assert plan.timeline.deadline == d("2026-12-23")
    assert "after their reply" in (plan.timeline.interpretation or "")
    assert "after the interview" not in (plan.timeline.interpretation or "")


def test_R13_a_follow_up_dated_after_as_of_is_not_taken_silently(build, example) -> None:
    facts = replace(example, events=(Event(EventType.FOLLOW_UP_SENT, t("2026-12-08 10:00")),))

    plan = build.plan(facts, as_of=t("2026-12-01 12:00"))

    (warning,) = [w for w in plan.warnings if w.code == "event_in_future"]
    assert "December 8, 2026" in warning.message


def test_R10_escalation_on_a_policy_that_cannot_escalate_is_warned(build, example) -> None:
    plan = build.plan(example, policy=replace(MINIMAL, escalation=True))

    assert "escalation_not_possible" in build.codes(plan)
    assert not build.steps(plan, StepKind.ESCALATION)


def test_R10_escalation_on_a_policy_that_can_escalate_says_nothing(build, example) -> None:
    assert "escalation_not_possible" not in build.codes(build.plan(example, policy=STANDARD))


def test_R1_the_thank_you_waits_for_a_business_day_within_48_hours_not_thanksgiving(
    build,
) -> None:
    """Interview Wed 11-25, 15:00-16:00: Thanksgiving morning was inside 24 hours, but the
    business day is Friday 09:00, 41 hours on (001, 004 allow 48); the window stays open."""
    facts = build.facts(starts_at=t("2026-11-25 15:00"), contacts=(build.facts().contacts[0],))

    plan = build.plan(facts, as_of=t("2026-11-25 16:00"))

    thank_you = build.step(plan, StepKind.THANK_YOU)
    assert thank_you.send_at == t("2026-11-27 09:00")
    assert thank_you.window.latest == t("2026-11-27 09:00")
    assert "thank_you_late" not in build.codes(plan)


def test_R1_the_thank_you_takes_a_closed_day_only_without_a_business_day_in_48_hours(
    build,
) -> None:
    """Interview Fri 11-20, 15:30-16:30: Monday 09:00 is 64 hours on, so Saturday 09:00."""
    facts = build.facts(starts_at=t("2026-11-20 15:30"), contacts=(build.facts().contacts[0],))

    plan = build.plan(facts, as_of=t("2026-11-20 16:30"))

    assert build.step(plan, StepKind.THANK_YOU).send_at == t("2026-11-21 09:00")


def test_R1_a_candidate_elsewhere_sees_every_moment_in_their_own_zone(build, example) -> None:
    lisbon = ZoneInfo("Europe/Lisbon")
    facts = replace(example, candidate=replace(example.candidate, timezone=lisbon))

    plan = build.plan(facts, as_of=t("2026-11-24 15:00"))

    for step in plan.steps:
        assert step.send_at_for_candidate == step.send_at
        assert step.send_at_for_candidate is not None
        assert step.send_at_for_candidate.tzinfo is lisbon
    follow_up = build.step(plan, StepKind.FOLLOW_UP)
    assert follow_up.send_at_for_candidate is not None
    assert follow_up.send_at_for_candidate.hour == follow_up.send_at.hour + 5


def test_R1_without_a_candidate_zone_the_interviews_is_used(build, example) -> None:
    plan = build.plan(example, as_of=t("2026-11-24 15:00"))

    assert all(s.send_at_for_candidate.tzinfo is NY for s in plan.steps)
