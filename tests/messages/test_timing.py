"""When a draft would go out, against the plan of its interview (R5, R6, R9, R11, R13).

Plans are built by the domain's own builders (tests/unit/conftest.py): the example interview,
Ann Lee's interview on Tuesday 2026-11-24 in New York, decision "by the end of next week"
(Friday December 4), so the follow-up's window opens on Tuesday December 8 at 09:00.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.model import (
    ContactRole,
    DecisionTimeline,
    Event,
    EventType,
    InterviewFacts,
    Plan,
    ReplyOutcome,
    StepKind,
    StepStatus,
)
from app.domain.policies import MINIMAL
from app.domain.rules import sources_of
from app.messages.checks import Severity, timing_findings
from tests.unit.conftest import BOB, CAROL, interview_facts, plan_of

NY = ZoneInfo("America/New_York")
THANKED = datetime(2026, 11, 24, 14, 0, tzinfo=NY)


def at(month: int, day: int, hour: int = 10) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=NY)


def facts(**changes: object) -> InterviewFacts:
    fields: dict[str, object] = {
        "timeline": DecisionTimeline(text="We will make a decision by the end of next week"),
        "thank_you_sent_at": THANKED,
    }
    fields.update(changes)
    return interview_facts(**fields)


def sent(*moments: datetime, to: str | None = None) -> tuple[Event, ...]:
    return tuple(Event(EventType.FOLLOW_UP_SENT, moment, contact_email=to) for moment in moments)


def findings(plan: Plan, kind: StepKind, as_of: datetime) -> list[tuple[str, Severity]]:
    return [(f.check, f.severity) for f in timing_findings(plan, kind, as_of)]


class TestTooSoon:
    def test_R6_a_follow_up_before_its_window_is_too_soon(self) -> None:
        plan = plan_of(facts(), as_of=at(11, 30))

        (finding,) = timing_findings(plan, StepKind.FOLLOW_UP, at(11, 30))

        assert (finding.check, finding.severity) == ("C-TOO-SOON", Severity.ERROR)
        assert "Tuesday, December 8, 2026 at 09:00" in finding.message
        assert "Carol Diaz" in finding.message
        assert finding.span is None
        assert {"R6", "R8", "R13"} <= set(finding.rules)
        assert finding.sources == sources_of(finding.rules)

    def test_R6_the_follow_up_in_its_window_is_on_time(self) -> None:
        plan = plan_of(facts(), as_of=at(12, 8))

        assert timing_findings(plan, StepKind.FOLLOW_UP, at(12, 8)) == []

    def test_R1_a_thank_you_before_the_interview_ends_is_too_soon(self) -> None:
        plan = plan_of(facts(thank_you_sent_at=None), as_of=at(11, 24, 9))

        assert findings(plan, StepKind.THANK_YOU, at(11, 24, 9)) == [("C-TOO-SOON", Severity.ERROR)]

    def test_R9_the_final_follow_up_a_day_after_the_first_is_too_soon(self) -> None:
        plan = plan_of(facts(events=sent(at(12, 8))), as_of=at(12, 9))

        (finding,) = timing_findings(plan, StepKind.FINAL_FOLLOW_UP, at(12, 9))

        assert finding.check == "C-TOO-SOON"
        assert "R9" in finding.rules


class TestOutOfOrder:
    def test_R5_a_follow_up_waits_for_the_thank_you(self) -> None:
        plan = plan_of(facts(thank_you_sent_at=None), as_of=at(12, 8))

        finding, too_soon = timing_findings(plan, StepKind.FOLLOW_UP, at(12, 8))

        assert (finding.check, finding.severity) == ("C-OUT-OF-ORDER", Severity.WARNING)
        # Its window moved on with the thank-you still to send: now is before it.
        assert (too_soon.check, too_soon.severity) == ("C-TOO-SOON", Severity.ERROR)
        assert "Send the thank-you first" in finding.message
        assert "R5" in finding.rules

    def test_R9_the_final_follow_up_waits_for_the_first(self) -> None:
        plan = plan_of(facts(), as_of=at(12, 16))

        finding, *_ = timing_findings(plan, StepKind.FINAL_FOLLOW_UP, at(12, 16))

        assert finding.check == "C-OUT-OF-ORDER"
        assert "Send the follow-up first" in finding.message


class TestOneTooMany:
    def test_R9_a_third_message_after_the_final_one(self) -> None:
        plan = plan_of(
            facts(
                contacts=(BOB, replace(CAROL, role=ContactRole.HIRING_MANAGER)),
                events=sent(at(12, 8), at(12, 15)),
            ),
            as_of=at(12, 21),
        )

        (finding,) = timing_findings(plan, StepKind.FINAL_FOLLOW_UP, at(12, 21))

        assert (finding.check, finding.severity) == ("C-ONE-TOO-MANY", Severity.ERROR)
        assert "already went on Tuesday, December 15, 2026" in finding.message
        assert finding.rules == ("R9", "R11", "R13")
        assert finding.sources == sources_of(finding.rules)

    def test_R11_nothing_goes_out_after_the_plan_moved_on(self) -> None:
        plan = plan_of(
            facts(events=sent(at(12, 8), at(12, 15))),
            as_of=datetime(2027, 1, 29, 10, tzinfo=NY),
        )

        assert plan.status == "moved_on"
        (finding,) = timing_findings(plan, StepKind.ESCALATION, plan.as_of)
        assert finding.check == "C-ONE-TOO-MANY"
        assert "moved on" in finding.message

    def test_R9_the_minimal_policy_has_no_final_follow_up(self) -> None:
        plan = plan_of(facts(events=sent(at(12, 8))), policy=MINIMAL, as_of=at(12, 16))

        (finding,) = timing_findings(plan, StepKind.FINAL_FOLLOW_UP, at(12, 16))

        assert finding.check == "C-ONE-TOO-MANY"
        assert "policy minimal" in finding.message

    def test_R10_no_escalation_when_the_primary_contact_is_the_hiring_manager(self) -> None:
        plan = plan_of(facts(contacts=(BOB,)), as_of=at(12, 16))

        (finding,) = timing_findings(plan, StepKind.ESCALATION, at(12, 16))

        assert finding.check == "C-ONE-TOO-MANY"
        assert "R10" in finding.message

    def test_R9_a_second_thank_you(self) -> None:
        plan = plan_of(facts(), as_of=at(11, 25))

        (finding,) = timing_findings(plan, StepKind.THANK_YOU, at(11, 25))

        assert finding.check == "C-ONE-TOO-MANY"
        assert "already went on Tuesday, November 24, 2026" in finding.message

    def test_R10_an_escalation_whose_window_passed_was_skipped(self) -> None:
        plan = plan_of(facts(), as_of=at(12, 8))
        plan = replace(
            plan,
            steps=tuple(
                replace(s, status=StepStatus.SKIPPED) if s.kind is StepKind.ESCALATION else s
                for s in plan.steps
            ),
        )

        (finding,) = timing_findings(plan, StepKind.ESCALATION, at(12, 8))

        assert finding.check == "C-ONE-TOO-MANY"
        assert "was skipped" in finding.message


class TestClosedAndLate:
    def test_R11_a_reply_with_an_offer_closes_the_plan(self) -> None:
        reply = Event(EventType.REPLY_RECEIVED, at(12, 1), outcome=ReplyOutcome.OFFER)
        plan = plan_of(facts(events=(reply,)), as_of=at(12, 8))

        (finding,) = timing_findings(plan, StepKind.FOLLOW_UP, at(12, 8))

        assert (finding.check, finding.severity) == ("C-PLAN-CLOSED", Severity.WARNING)
        assert "with an offer" in finding.message

    def test_R1_a_late_thank_you_is_still_worth_sending(self) -> None:
        plan = plan_of(facts(thank_you_sent_at=None), as_of=at(11, 27))

        assert findings(plan, StepKind.THANK_YOU, at(11, 27)) == [("C-LATE", Severity.INFO)]

    @pytest.mark.parametrize("as_of", [at(11, 24, 15), at(12, 31)])
    def test_move_on_has_no_timing_of_its_own(self, as_of: datetime) -> None:
        plan = plan_of(facts(), as_of=as_of)

        assert timing_findings(plan, StepKind.MOVE_ON, as_of) == []
