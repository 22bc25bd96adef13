"""The plan as an iCalendar file (RFC 5545): read back by icalendar's own parser."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Component

from app.domain.model import (
    Candidate,
    Channel,
    DecisionTimeline,
    Event,
    EventType,
    InterviewFacts,
    StepKind,
)
from app.domain.policies import STANDARD
from app.services.calendar_export import (
    EVENT_LENGTH,
    REMINDER_BEFORE,
    plan_ics,
    summary,
)
from app.services.planning import PlannedInterview, plan_interview
from tests.unit.conftest import BOB, CAROL, interview_facts

NY = ZoneInfo("America/New_York")
AS_OF = datetime(2026, 11, 24, 15, 0, tzinfo=NY)


def _facts(**changes: object) -> InterviewFacts:
    fields: dict[str, object] = {
        "timeline": DecisionTimeline(text="We will make a decision by the end of next week"),
        "discussion_points": ("the team's on-call rotation",),
    }
    fields.update(changes)
    return interview_facts(**fields)


def _planned(facts: InterviewFacts | None = None, as_of: datetime = AS_OF) -> PlannedInterview:
    return plan_interview(facts=facts or _facts(), policy=STANDARD, as_of=as_of)


def _ics(planned: PlannedInterview | None = None, **changes: str) -> bytes:
    arguments = {
        "interview_id": "itv_42",
        "company": "Acme Corp",
        "job_title": "Data Engineer",
        "candidate_name": "Ann Lee",
    }
    arguments.update(changes)
    return plan_ics(planned or _planned(), **arguments)


def _events(raw: bytes) -> list[Component]:
    return Calendar.from_ical(raw).walk("VEVENT")


class TestCalendar:
    def test_round_trips_through_the_parser(self) -> None:
        raw = _ics()

        calendar = Calendar.from_ical(raw)

        assert calendar.to_ical() == raw
        assert str(calendar["VERSION"]) == "2.0"
        assert str(calendar["PRODID"]) == "-//followup.local//Follow-up planner//EN"
        assert str(calendar["METHOD"]) == "PUBLISH"
        assert calendar.calendar_name == "Follow-up plan: Data Engineer at Acme Corp"

    def test_lines_end_in_crlf_and_fold_at_75_octets(self) -> None:
        raw = _ics()

        lines = raw.split(b"\r\n")
        assert lines[-1] == b""
        assert all(len(line) <= 75 for line in lines)
        assert any(line.startswith(b" ") for line in lines)  # long descriptions are folded
        assert b"\n" not in raw.replace(b"\r\n", b"")

    def test_the_same_plan_gives_the_same_bytes(self) -> None:
        assert _ics() == _ics()

    def test_one_event_per_step_still_to_do_with_stable_uids(self) -> None:
        planned = _planned()

        events = _events(_ics(planned))

        assert [str(e["UID"]) for e in events] == [
            f"{step.id}.itv_42@followup.local" for step in planned.plan.steps
        ]
        later = _planned(as_of=AS_OF + timedelta(hours=2))  # the same facts, later
        assert [str(e["UID"]) for e in _events(_ics(later))] == [str(e["UID"]) for e in events]

    def test_done_and_skipped_steps_are_left_out(self) -> None:
        sent = Event(EventType.THANK_YOU_SENT, datetime(2026, 11, 24, 14, tzinfo=NY))
        planned = _planned(_facts(events=(sent,)))

        kinds = [e.categories[-1] for e in _events(_ics(planned))]

        assert "thank_you" not in kinds
        assert kinds == ["follow_up", "final_follow_up", "escalation", "move_on"]

    def test_a_closed_plan_has_no_event(self) -> None:
        withdrawn = Event(EventType.WITHDRAWN, datetime(2026, 11, 25, 9, tzinfo=NY))

        assert _events(_ics(_planned(_facts(events=(withdrawn,))))) == []

    def test_a_custom_host_names_the_uids_and_prodid(self) -> None:
        raw = _ics(prodid_host="plans.example.org")

        calendar = Calendar.from_ical(raw)
        assert str(calendar["PRODID"]) == "-//plans.example.org//Follow-up planner//EN"
        assert all(str(e["UID"]).endswith("@plans.example.org") for e in _events(raw))


class TestEvents:
    def test_times_are_utc_from_send_at_with_the_plan_as_the_stamp(self) -> None:
        planned = _planned()
        follow_up = next(s for s in planned.plan.steps if s.kind is StepKind.FOLLOW_UP)

        event = next(e for e in _events(_ics(planned)) if e.categories[-1] == "follow_up")

        assert event.start == follow_up.send_at == datetime(2026, 12, 8, 14, 0, tzinfo=UTC)
        assert event.start.tzinfo is not None and event.start.utcoffset() == timedelta(0)
        assert event.end - event.start == EVENT_LENGTH
        assert event.DTSTAMP == AS_OF
        assert str(event["TRANSP"]) == "TRANSPARENT"

    def test_summaries_say_what_to_send_to_whom_and_how(self) -> None:
        summaries = [str(e["SUMMARY"]) for e in _events(_ics())]

        assert summaries == [
            "Send the thank-you to Bob Smith (email) - Acme Corp",
            "Send the follow-up to Carol Diaz (email) - Acme Corp",
            "Send the final follow-up to Carol Diaz (email) if no reply - Acme Corp",
            "Optional: write once to the hiring manager Bob Smith (email) if no reply - Acme Corp",
            "Move on: stop following up on the Data Engineer role - Acme Corp",
        ]

    def test_a_phone_step_says_call(self) -> None:
        carol = replace(CAROL, phone="+1 555 010 4000")
        facts = _facts(contacts=(BOB, carol), preferred_channel=Channel.PHONE)
        planned = _planned(facts)

        events = _events(_ics(planned))

        follow_up = next(e for e in events if e.categories[-1] == "follow_up")
        assert str(follow_up["SUMMARY"]) == (
            "Call Carol Diaz for the follow-up (phone) - Acme Corp"
        )
        assert "Voicemail script for Ann Lee:" in follow_up["DESCRIPTION"]
        assert "That number again is +1 555 010 2030" in follow_up["DESCRIPTION"]

    def test_each_event_has_one_display_alarm_before_it(self) -> None:
        for event in _events(_ics()):
            (alarm,) = event.walk("VALARM")
            assert str(alarm["ACTION"]) == "DISPLAY"
            assert alarm["TRIGGER"].dt == -REMINDER_BEFORE
            assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])

    def test_the_description_has_why_when_rules_and_the_message(self) -> None:
        planned = _planned()
        step = next(s for s in planned.plan.steps if s.kind is StepKind.FOLLOW_UP)
        message = planned.messages[step.id]

        event = next(e for e in _events(_ics(planned)) if e.categories[-1] == "follow_up")

        text = str(event["DESCRIPTION"])
        assert text.startswith(step.rationale)
        assert "Deadline: Thursday, December 10, 2026, 17:00 (UTC-0500)" in text
        assert "Rules: R5, R6, R8, R15 (seed articles 000, 002, 003)" in text
        assert "To: Carol Diaz <carol.diaz@acme.example>" in text
        assert f"Subject: {message.subject}\n\n{message.body_text}" in text
        assert "Waiting: on an earlier step" in text

    def test_waiting_and_conditional_steps_are_tentative(self) -> None:
        status = {e.categories[-1]: str(e["STATUS"]) for e in _events(_ics())}

        assert status == {
            "thank_you": "CONFIRMED",
            "follow_up": "TENTATIVE",
            "final_follow_up": "TENTATIVE",
            "escalation": "TENTATIVE",
            "move_on": "TENTATIVE",
        }

    def test_categories(self) -> None:
        event = _events(_ics())[0]

        assert [str(c) for c in event.categories] == ["Job search", "Acme Corp", "thank_you"]


class TestEscaping:
    @pytest.mark.parametrize(
        "company",
        [
            "Smith, Jones; & Co.",
            'Der "Große" Verlag, Zürich',
            "東京株式会社",
            "A\\B",
            "x" * 120,
        ],
    )
    def test_special_characters_survive_the_round_trip(self, company: str) -> None:
        facts = _facts(company=company, candidate=Candidate("Zoë Ñúñez, Jr.", "z@example.com"))

        raw = _ics(_planned(facts), company=company, candidate_name="Zoë Ñúñez, Jr.")

        raw.decode("utf-8")  # UTF-8, and folding never splits a character
        assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
        event = _events(raw)[0]
        assert str(event["SUMMARY"]).endswith(f" - {company}")
        assert company in [str(c) for c in event.categories]
        assert "Zoë Ñúñez, Jr." in str(event["DESCRIPTION"])
        assert (
            Calendar.from_ical(raw).calendar_name == f"Follow-up plan: Data Engineer at {company}"
        )

    def test_newlines_in_the_body_are_kept(self) -> None:
        planned = _planned()
        message = planned.messages[planned.plan.steps[0].id]

        event = _events(_ics(planned))[0]

        assert "\n\n" in message.body_text
        assert message.body_text in str(event["DESCRIPTION"])
        assert b"\\n" in _ics(planned)  # written as the escape, not a raw line break

    def test_summary_of_a_single_step(self) -> None:
        step = _planned().plan.steps[0]

        assert summary(step, company="A, B", job_title="C") == (
            "Send the thank-you to Bob Smith (email) - A, B"
        )
