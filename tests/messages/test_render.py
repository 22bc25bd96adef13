"""Messages: personal, within their word budgets, safe to send."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.calendar import CalendarSpec
from app.domain.model import (
    Candidate,
    Channel,
    CompetingDeadline,
    Contact,
    ContactRole,
    InterviewFacts,
    InterviewFormat,
    StepKind,
)
from app.domain.policies import STANDARD
from app.messages import LIMITS, WORD_BUDGETS
from app.messages.render import VOICEMAIL_BUDGET, word_count
from app.services.planning import plan_interview
from tests.messages.strategies import text_at_limits

NY = ZoneInfo("America/New_York")
AS_OF = datetime(2026, 11, 24, 15, 0, tzinfo=NY)


def _facts(**changes: object) -> InterviewFacts:
    facts = InterviewFacts(
        candidate=Candidate("Ann Lee", "ann.lee@example.com", "+1 555 010 2030"),
        company="Acme Corp",
        job_title="Data Engineer",
        starts_at=datetime(2026, 11, 24, 10, 0, tzinfo=NY),
        timezone=NY,
        calendar=CalendarSpec("US", "NY"),
        format=InterviewFormat.VIDEO,
        contacts=(
            Contact(
                "Bob Smith",
                "bob@acme.example",
                role=ContactRole.HIRING_MANAGER,
                interviewed=True,
                discussion_point="moving batch jobs to streaming",
            ),
            Contact("Dana Wu", "dana@acme.example", role=ContactRole.INTERVIEWER, interviewed=True),
            Contact(
                "Carol Diaz",
                "carol@acme.example",
                role=ContactRole.RECRUITER,
                scheduled_interview=True,
                phone="+1 555 010 9999",
            ),
        ),
        discussion_points=("the team's on-call rotation",),
    )
    return replace(facts, **changes)  # type: ignore[arg-type]


def _messages(facts: InterviewFacts) -> dict[StepKind, list]:
    planned = plan_interview(facts=facts, policy=STANDARD, as_of=AS_OF)
    found: dict[StepKind, list] = {}
    for step in planned.plan.steps:
        if step.id in planned.messages:
            found.setdefault(step.kind, []).append(planned.messages[step.id])
    return found


class TestThankYou:
    def test_R2_one_note_per_interviewer_each_with_their_own_point(self) -> None:
        notes = _messages(_facts())[StepKind.THANK_YOU]

        assert [n.to for n in notes] == [
            ("Bob Smith <bob@acme.example>",),
            ("Dana Wu <dana@acme.example>",),
        ]
        assert notes[0].body_text.startswith("Hi Bob,\n")
        assert "moving batch jobs to streaming" in notes[0].body_text
        assert notes[1].body_text.startswith("Hi Dana,\n")
        assert "the team's on-call rotation" in notes[1].body_text  # the shared point
        assert notes[0].body_text != notes[1].body_text

    def test_R1_thanks_by_name_restates_interest_and_never_asks_the_timeline(self) -> None:
        note = _messages(_facts())[StepKind.THANK_YOU][0]

        assert note.body_text.startswith("Hi Bob,")
        assert "Thank you" in note.body_text
        assert "interest" in note.body_text
        assert not re.search(r"timeline|decision|update|hear back", note.body_text, re.I)

    def test_R3_strengths_concerns_and_links(self) -> None:
        facts = _facts(
            strengths=("five years of Kafka in production",),
            concerns_to_address=("my limited Airflow experience",),
            additional_info=("https://ann.example/streaming",),
        )

        body = _messages(facts)[StepKind.THANK_YOU][0].body_text

        assert "five years of Kafka in production" in body
        assert "my limited Airflow experience" in body
        assert "https://ann.example/streaming" in body

    def test_signed_with_full_name_and_contact_details(self) -> None:
        body = _messages(_facts())[StepKind.THANK_YOU][0].body_text

        assert body.endswith("Best regards,\nAnn Lee\nann.lee@example.com\n+1 555 010 2030")


class TestFollowUps:
    def test_R8_who_what_when_how_a_polite_ask_and_thanks(self) -> None:
        message = _messages(_facts())[StepKind.FOLLOW_UP][0]

        assert message.subject == "Follow-up regarding Data Engineer interview"
        body = message.body_text
        for part in (
            "Hi Carol,",
            "Ann Lee",
            "Data Engineer",
            "Acme Corp",
            "Tuesday, November 24",
            "video interview",
            "any update",
            "interested",
            "additional information",
            "Thank you",
        ):
            assert part in body
        assert "salary" not in body.lower()

    def test_R12_a_faster_process_is_mentioned_politely(self) -> None:
        given = CompetingDeadline(datetime(2026, 12, 3).date())
        top = replace(given, top_choice=True)

        plain = _messages(_facts(competing_deadline=given))[StepKind.FOLLOW_UP][0].body_text
        chosen = _messages(_facts(competing_deadline=top))[StepKind.FOLLOW_UP][0].body_text

        assert "in another process by Thursday, December 3" in plain
        assert "top choice" not in plain  # only what the candidate said
        assert "Acme Corp is still my top choice" in chosen

    def test_R9_the_final_message_is_briefer(self) -> None:
        messages = _messages(_facts())

        final = messages[StepKind.FINAL_FOLLOW_UP][0].body_text
        assert word_count(final) < word_count(messages[StepKind.FOLLOW_UP][0].body_text)
        assert "remain very interested" in final

    def test_R10_the_escalation_stays_positive(self) -> None:
        body = _messages(_facts())[StepKind.ESCALATION][0].body_text

        assert body.startswith("Hi Bob,")
        assert "Carol Diaz" in body
        assert not re.search(r"never|ignored|no one|nobody|did not (reply|respond)", body, re.I)

    def test_R4_the_voicemail_gives_the_number_twice(self) -> None:
        contacts = list(_facts().contacts)
        contacts[2] = replace(contacts[2], preferred_channel=Channel.PHONE)

        message = _messages(_facts(contacts=tuple(contacts)))[StepKind.FOLLOW_UP][0]

        assert message.channel is Channel.PHONE
        assert message.subject is None
        script = message.script
        assert script is not None
        assert script.count("+1 555 010 2030") == 2
        for part in (
            "Hello Carol,",
            "this is Ann Lee",
            "Data Engineer",
            "Tuesday, November 24",
            "updates",
            "Thank you",
        ):
            assert part in script
        assert word_count(script) <= VOICEMAIL_BUDGET


class TestSafety:
    def test_user_text_is_escaped_in_html(self) -> None:
        facts = _facts(candidate=Candidate('Ann "<b>" Lee & Co', "ann@example.com", None))

        for messages in _messages(facts).values():
            for message in messages:
                assert "<b>" not in message.body_html
                assert "&lt;b&gt;" in message.body_html
                assert "&amp; Co" in message.body_html

    def test_subjects_are_one_line_whatever_the_input(self) -> None:
        facts = _facts(job_title="Data\r\nEngineer\nBcc: x@example.com")

        for messages in _messages(facts).values():
            for message in messages:
                if message.subject is not None:
                    assert "\n" not in message.subject and "\r" not in message.subject


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=text_at_limits("name"),
    company=text_at_limits("company"),
    title=text_at_limits("job_title"),
    phone=text_at_limits("phone"),
    point=text_at_limits("discussion_point"),
    strengths=st.lists(text_at_limits("strength"), max_size=5),
    concerns=st.lists(text_at_limits("concern"), max_size=3),
    info=st.lists(text_at_limits("additional_info"), max_size=3),
    phone_follow_up=st.booleans(),
)
def test_every_message_keeps_to_its_word_budget(
    name: str,
    company: str,
    title: str,
    phone: str,
    point: str,
    strengths: list[str],
    concerns: list[str],
    info: list[str],
    phone_follow_up: bool,
) -> None:
    contacts = (
        Contact(
            name,
            "a@example.com",
            phone,
            ContactRole.HIRING_MANAGER,
            interviewed=True,
            discussion_point=point,
        ),
        Contact(
            name,
            "b@example.com",
            phone,
            ContactRole.RECRUITER,
            scheduled_interview=True,
            preferred_channel=Channel.PHONE if phone_follow_up else None,
        ),
    )
    facts = _facts(
        candidate=Candidate(name, "c@example.com", phone),
        company=company,
        job_title=title,
        contacts=contacts,
        strengths=tuple(strengths),
        concerns_to_address=tuple(concerns),
        additional_info=tuple(info),
        competing_deadline=CompetingDeadline(datetime(2026, 12, 3).date(), company),
    )

    for kind, messages in _messages(facts).items():
        for message in messages:
            if message.channel is Channel.PHONE:
                assert word_count(message.script or "") <= VOICEMAIL_BUDGET
            else:
                assert word_count(message.body_text) <= WORD_BUDGETS[kind], message.body_text
                assert "\n" not in (message.subject or "")


@pytest.mark.parametrize("kind", list(WORD_BUDGETS))
def test_budgets_are_those_of_the_spec(kind: StepKind) -> None:
    expected = {
        StepKind.THANK_YOU: 180,
        StepKind.FOLLOW_UP: 150,
        StepKind.FINAL_FOLLOW_UP: 90,
        StepKind.ESCALATION: 150,
    }
    assert WORD_BUDGETS[kind] == expected[kind]
    assert VOICEMAIL_BUDGET == 110


@pytest.mark.parametrize("phone_follow_up", [False, True])
def test_the_largest_input_the_schema_allows_still_fits(phone_follow_up: bool) -> None:
    def words(field: str) -> str:
        return " ".join(["word"] * LIMITS[field].words)

    recruiter = Contact(
        words("name"),
        "b@example.com",
        words("phone"),
        ContactRole.RECRUITER,
        scheduled_interview=True,
        preferred_channel=Channel.PHONE if phone_follow_up else None,
    )
    facts = _facts(
        candidate=Candidate(words("name"), "c@example.com", words("phone")),
        company=words("company"),
        job_title=words("job_title"),
        contacts=(
            Contact(
                words("name"),
                "a@example.com",
                None,
                ContactRole.HIRING_MANAGER,
                interviewed=True,
                discussion_point=words("discussion_point"),
            ),
            recruiter,
        ),
        strengths=(words("strength"),) * 5,
        concerns_to_address=(words("concern"),) * 3,
        additional_info=(words("additional_info"),) * 3,
        competing_deadline=CompetingDeadline(datetime(2026, 12, 3).date(), words("company")),
    )

    for kind, messages in _messages(facts).items():
        for message in messages:
            budget = VOICEMAIL_BUDGET if message.script else WORD_BUDGETS[kind]
            assert word_count(message.script or message.body_text) <= budget
