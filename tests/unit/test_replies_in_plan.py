"""A reply as received moves the plan (the plan section on replies): closes it, starts a new
wait on a new date (R6), lets the wait go on, or holds messages to an absent contact (R13).

The example interview: Tue 2026-11-24, "by the end of next week" (Fri 12-04), so the
follow-up to the recruiter Carol Diaz goes Tue 12-08 to Thu 12-10 (R6).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.model import Event, EventType, PlanStatus, ReplyOutcome, StepKind

NY = ZoneInfo("America/New_York")
CAROL = "carol.diaz@acme.example"
BOB = "bob.smith@acme.example"


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=NY)


def d(text: str) -> date:
    return date.fromisoformat(text)


def reply(when: str, text: str | None = None, **fields) -> Event:
    return Event(EventType.REPLY_RECEIVED, t(when), text=text, **fields)


@pytest.fixture
def example(spec_example):
    return replace(spec_example, thank_you_sent_at=t("2026-11-24 15:00"))


def planned(build, example, *events: Event, as_of: str = "2026-12-07 12:00"):
    return build.plan(replace(example, events=events), as_of=t(as_of))


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        (
            "After careful consideration we have decided to move forward with other candidates.",
            ReplyOutcome.REJECTION,
        ),
        ("Unfortunately the position has been filled.", ReplyOutcome.REJECTION),
        ("We are delighted to offer you the role!", ReplyOutcome.OFFER),
        ("We'd like to invite you to a final round with our CTO.", ReplyOutcome.NEXT_ROUND),
    ],
)
def test_R11_a_reply_read_from_its_text_closes_the_plan(build, example, text, outcome) -> None:
    plan = planned(build, example, reply("2026-12-03 10:00", text, contact_email=CAROL))

    assert plan.status is PlanStatus.CLOSED
    (seen,) = plan.replies
    assert (seen.reading.outcome, seen.reading.given) == (outcome, False)
    assert seen.reading.matched and seen.reading.matched in text


def test_the_clients_outcome_always_wins_over_the_text(build, example) -> None:
    event = reply(
        "2026-12-03 10:00",
        "We have decided to move forward with other candidates.",
        outcome=ReplyOutcome.NEXT_ROUND,
    )

    plan = planned(build, example, event)

    (seen,) = plan.replies
    assert (seen.reading.outcome, seen.reading.given) == (ReplyOutcome.NEXT_ROUND, True)
    assert "next round" in plan.status_reason


def test_R6_an_update_with_a_new_date_starts_a_new_wait_counted_from_the_reply(
    build, example
) -> None:
    """Reply Wed 12-09: "within two weeks" is Wed 12-23; R6: Thu 12-24 is the full day,
    Christmas is closed, so the follow-up goes Mon 12-28 to Wed 12-30."""
    event = reply("2026-12-09 10:00", "Still finalizing; we'll get back to you within two weeks.")

    plan = planned(build, example, event, as_of="2026-12-09 12:00")

    assert plan.status is PlanStatus.ACTIVE
    assert plan.timeline.deadline == d("2026-12-23")
    assert "after their reply" in (plan.timeline.interpretation or "")
    assert "after the interview" not in (plan.timeline.interpretation or "")
    follow_ups = build.steps(plan, StepKind.FOLLOW_UP)
    assert build.days(follow_ups[-1]) == (d("2026-12-28"), d("2026-12-30"))


def test_an_update_without_a_date_lets_the_wait_go_on(build, example) -> None:
    before = planned(build, example)
    plan = planned(build, example, reply("2026-12-03 10:00", "No decision yet, sorry!"))

    assert plan.status is PlanStatus.ACTIVE
    assert plan.replies[0].reading.outcome is ReplyOutcome.UPDATE
    assert plan.steps == before.steps
    assert "reply_unrecognized" not in build.codes(plan)


def test_text_it_cannot_read_is_an_update_with_a_warning(build, example) -> None:
    plan = planned(build, example, reply("2026-12-03 10:00", "Could you resend your portfolio?"))

    assert plan.status is PlanStatus.ACTIVE
    reading = plan.replies[0].reading
    assert (reading.outcome, reading.recognized) == (ReplyOutcome.UPDATE, False)
    assert "reply_unrecognized" in build.codes(plan)


def test_R13_out_of_office_holds_that_contact_until_the_second_business_day_after_return(
    build, example
) -> None:
    """Carol is back Thu 12-10: nothing to her before Mon 12-14 (Fri 12-11 is the first
    business day after, Monday the second)."""
    notice = "Automatic reply: I am out of the office until Thursday, December 10."

    plan = planned(build, example, reply("2026-12-07 09:00", notice, contact_email=CAROL))

    assert plan.status is PlanStatus.ACTIVE
    assert plan.replies[0].reading.return_date == d("2026-12-10")
    follow_up = build.step(plan, StepKind.FOLLOW_UP)
    assert build.days(follow_up) == (d("2026-12-14"), d("2026-12-14"))
    assert follow_up.send_at.date() >= d("2026-12-14")
    assert "out of the office" in follow_up.rationale


def test_R13_out_of_office_of_another_contact_leaves_the_follow_up_alone(build, example) -> None:
    notice = "Automatic reply: I am out of the office until Thursday, December 10."

    plan = planned(build, example, reply("2026-12-07 09:00", notice, contact_email=BOB))

    assert build.days(build.step(plan, StepKind.FOLLOW_UP)) == (d("2026-12-08"), d("2026-12-10"))


def test_out_of_office_as_an_outcome_with_a_return_date(build, example) -> None:
    event = reply(
        "2026-12-07 09:00",
        outcome=ReplyOutcome.OUT_OF_OFFICE,
        return_date=d("2026-12-10"),
        contact_email=CAROL,
    )

    plan = planned(build, example, event)

    assert build.days(build.step(plan, StepKind.FOLLOW_UP))[0] == d("2026-12-14")


def test_out_of_office_without_a_return_date_warns(build, example) -> None:
    notice = "Automatic reply: I am out of the office with limited access to email."

    plan = planned(build, example, reply("2026-12-07 09:00", notice, contact_email=CAROL))

    assert plan.status is PlanStatus.ACTIVE
    assert "out_of_office_no_return" in build.codes(plan)
    assert build.days(build.step(plan, StepKind.FOLLOW_UP)) == (d("2026-12-08"), d("2026-12-10"))


def test_R6_a_given_update_still_takes_the_date_only_its_text_gives(build, example) -> None:
    event = reply(
        "2026-12-09 10:00",
        "Still finalizing; we'll get back to you within two weeks.",
        outcome=ReplyOutcome.UPDATE,
    )

    plan = planned(build, example, event, as_of="2026-12-09 12:00")

    (seen,) = plan.replies
    assert (seen.reading.outcome, seen.reading.given) == (ReplyOutcome.UPDATE, True)
    assert seen.reading.new_deadline == d("2026-12-23")
    assert plan.timeline.deadline == d("2026-12-23")


def test_R13_a_given_out_of_office_takes_the_return_date_from_its_text(build, example) -> None:
    notice = "Automatic reply: I am out of the office until Thursday, December 10."
    event = reply(
        "2026-12-07 09:00", notice, outcome=ReplyOutcome.OUT_OF_OFFICE, contact_email=CAROL
    )

    plan = planned(build, example, event)

    assert build.days(build.step(plan, StepKind.FOLLOW_UP))[0] == d("2026-12-14")
