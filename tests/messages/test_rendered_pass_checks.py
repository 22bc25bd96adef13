"""Every message the planner renders passes its own checks with no error.

Plans are generated over a wide range of interviews: channels (email, and phone follow-ups
with their voicemail scripts), primary contacts of each role, one to four interviewers,
discussion points shared or per interviewer or none, strengths, concerns, links, a faster
process elsewhere, timelines given or not, every interview format, and names, companies,
titles and points at the input limits of ``app.messages.render.LIMITS``. Each message is
checked as a candidate would check it: subject and body, with the context of its facts.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.calendar import CalendarSpec
from app.domain.model import (
    Candidate,
    Channel,
    CompetingDeadline,
    Concern,
    Contact,
    ContactRole,
    DecisionTimeline,
    Formality,
    InterviewFacts,
    InterviewFormat,
    Step,
    StepKind,
)
from app.domain.policies import POLICIES
from app.messages.checks import Draft, DraftContext, Finding, Severity, check_message
from app.messages.render import LIMITS, Message, word_count
from app.services.planning import plan_interview
from tests.messages.strategies import text_at_limits

NY = ZoneInfo("America/New_York")
STARTS = datetime(2026, 11, 24, 10, 0, tzinfo=NY)
AS_OF = datetime(2026, 11, 24, 12, 0, tzinfo=NY)
#: A recipient's own zone: the interview's, one a day ahead of it, one behind.
ZONES = (None, ZoneInfo("Asia/Singapore"), ZoneInfo("Pacific/Honolulu"))


def _at_limit(field: str, words: tuple[str, ...]) -> str:
    """Words cycled to exactly the field's word limit, cut to its character limit."""
    limit = LIMITS[field]
    text = " ".join(words[i % len(words)] for i in range(limit.words))
    return text[: limit.chars].rstrip()


NAMES = (
    "Bob Smith",
    "Carol Diaz",
    "Dana Wu",
    "Ana de la Cruz",
    "Siobhán O'Neill-Ó Briain",
    "Zoë Müller",
    "José Ñúñez",
    "Li",
    _at_limit("name", ("Maximiliana-Alexandrina", "Wolfeschlegelsteinhausen", "Oyelaran")),
)
COMPANIES = (
    "Acme Corp",
    "Zyxwv Labs GmbH",
    "O'Reilly & Sons",
    "ÅngströmTech AB",
    _at_limit("company", ("Northwind", "Trading", "International", "Holdings", "Group")),
)
TITLES = (
    "Data Engineer",
    "Senior Site Reliability Engineer (Platform)",
    "UX/UI Designer",
    "VP, Customer Success",
    _at_limit("job_title", ("Principal", "Machine", "Learning", "Infrastructure", "Engineer")),
)
POINTS = (
    "moving their batch jobs to streaming",
    "the team's on-call rotation",
    "we discussed moving batch jobs to streaming",
    "You described how the team runs its on-call rotation.",
    "the team is moving to event sourcing",
    "talked about the migration to Postgres",
    "The data platform is being rebuilt. I would love to help.",
    "how the design system is shared across products",
    "the migration from the monolith to services",
    _at_limit(
        "discussion_point",
        ("the", "plan", "to", "consolidate", "regional", "warehouses", "and", "reporting"),
    ),
)
#: Every form people type: noun phrases, verb phrases, clauses, adjective phrases, sentences.
STRENGTHS = (
    "five years of Kafka in production",
    "experience leading a team of six",
    "a background in statistics",
    "led the redesign of a banking app used by 2 million people",
    "I speak fluent Hindi",
    "Speaks fluent Hindi.",
    "fluent in Spanish",
    "leading a team of six engineers",
    "causal inference at scale",
    "I shipped the payments API. It now serves 40 banks.",
    "My background is in econometrics.",
    "have five years of Go",
    "an MBA from INSEAD",
    _at_limit("strength", ("deep", "experience", "with", "distributed", "databases")),
)
CONCERNS: tuple[str | Concern, ...] = (
    "my limited experience with Go",
    "the gap in my résumé last year",
    "I have not worked in a regulated industry",
    "no experience with Kubernetes",
    "You asked about relocation. I am open to it.",
    Concern("I have not worked in a regulated industry", "I completed a compliance course"),
    Concern("my notice period", "It is four weeks. I can shorten it to two."),
    Concern("the gap in my résumé", "the open-source work I did during it"),
    _at_limit("concern", ("how", "I", "would", "handle", "the", "travel", "schedule")),
)
INFO = (
    "my post on schema migrations at https://ann.example/blog/migrations",
    "a link to my portfolio, https://portfolio.example.com",
    "I published a talk on change data capture",
    "wrote up the migration plan we discussed: https://ann.example/plan",
    "The slides are at https://ann.example/slides. The recording follows next week.",
    _at_limit("additional_info", ("the", "slides", "from", "my", "conference", "talk")),
)
PHONES = ("+1 555 010 2030", "+44 (0)20 7946 0958", "555-0100", "+1 (555) 010-2030 ext. 12345")
TIMELINES = (
    None,
    DecisionTimeline(text="We will make a decision by the end of next week"),
    DecisionTimeline(text="in two to three weeks"),
    DecisionTimeline(by=date(2026, 12, 4)),
    DecisionTimeline(text="soonish, probably"),
)


@st.composite
def interviews(draw: st.DrawFn) -> InterviewFacts:
    names = draw(st.lists(st.sampled_from(NAMES), min_size=5, max_size=5, unique=True))
    phone = draw(st.sampled_from(PHONES))
    points = draw(st.lists(st.sampled_from(POINTS), max_size=3, unique=True))
    per_contact = draw(st.booleans())
    interviewers = [
        Contact(
            name,
            f"person{index}@acme.example",
            phone,
            role=draw(st.sampled_from((ContactRole.HIRING_MANAGER, ContactRole.INTERVIEWER))),
            interviewed=True,
            discussion_point=draw(st.sampled_from(POINTS)) if per_contact else None,
            title=draw(st.sampled_from((None, "Mr", "Ms", "Dr", "Prof."))),
            preferred_name=draw(st.sampled_from((None, "Sam", "Zoë"))),
            timezone=draw(st.sampled_from(ZONES)),
            concerns=tuple(draw(st.lists(st.sampled_from(CONCERNS), max_size=2))),
        )
        for index, name in enumerate(names[: draw(st.integers(1, 4))])
    ]
    recruiter = Contact(
        names[4],
        "recruiter@acme.example",
        phone,
        role=ContactRole.RECRUITER,
        scheduled_interview=True,
        preferred_channel=draw(st.sampled_from((None, Channel.PHONE))),
    )
    with_recruiter = draw(st.booleans())
    competing = draw(st.sampled_from((None, date(2026, 12, 3), date(2026, 12, 20))))
    return InterviewFacts(
        candidate=Candidate(
            draw(st.sampled_from(NAMES)),
            "candidate@example.com",
            phone,
            draw(st.sampled_from((None, "Annie"))),
        ),
        company=draw(st.sampled_from(COMPANIES)),
        job_title=draw(st.sampled_from(TITLES)),
        starts_at=STARTS,
        timezone=NY,
        calendar=CalendarSpec("US", "NY"),
        format=draw(st.sampled_from(list(InterviewFormat))),
        contacts=(*interviewers, recruiter) if with_recruiter else tuple(interviewers),
        timeline=draw(st.sampled_from(TIMELINES)),
        preferred_channel=draw(st.sampled_from((Channel.EMAIL, Channel.PHONE))),
        competing_deadline=(
            CompetingDeadline(competing, "Globex", draw(st.booleans())) if competing else None
        ),
        formality=draw(st.sampled_from(list(Formality))),
        discussion_points=tuple(points),
        strengths=tuple(draw(st.lists(st.sampled_from(STRENGTHS), max_size=5))),
        concerns_to_address=tuple(draw(st.lists(st.sampled_from(CONCERNS), max_size=3))),
        additional_info=tuple(draw(st.lists(st.sampled_from(INFO), max_size=3))),
    )


def _concern_texts(items: tuple[str | Concern, ...]) -> list[str]:
    return [
        text
        for item in items
        for text in ((item,) if isinstance(item, str) else (item.concern, item.response or ""))
    ]


def _draft(step: Step, message: Message, facts: InterviewFacts) -> Draft:
    """The message as a candidate would paste it into the check, with its facts as context."""
    return Draft(
        kind=step.kind,
        body=message.body_text,
        subject=message.subject,
        channel=message.channel,
        context=DraftContext(
            interviewer_name=step.to[0].name,
            interviewer_preferred_name=step.to[0].preferred_name,
            job_title=facts.job_title,
            company=facts.company,
            interview_date=facts.starts_at.astimezone(step.to[0].timezone or facts.timezone).date(),
            candidate_name=facts.candidate.name,
            known_words=(
                *facts.discussion_points,
                *(c.discussion_point or "" for c in facts.contacts),
                *facts.strengths,
                *_concern_texts(facts.concerns_to_address),
                *(t for c in facts.contacts for t in _concern_texts(c.concerns)),
                *(c.preferred_name or "" for c in facts.contacts),
                *facts.additional_info,
            ),
        ),
    )


def _errors(facts: InterviewFacts, policy: str = "standard") -> list[tuple[str, Finding]]:
    planned = plan_interview(facts=facts, policy=POLICIES[policy], as_of=AS_OF)
    found = []
    for step in planned.plan.steps:
        message = planned.messages.get(step.id)
        if message is None:
            continue
        result = check_message(_draft(step, message, facts))
        found += [(step.id, f) for f in result.findings if f.severity is Severity.ERROR]
    return found


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(facts=interviews(), policy=st.sampled_from(sorted(POLICIES)))
def test_every_rendered_message_passes_its_checks_without_error(
    facts: InterviewFacts, policy: str
) -> None:
    assert _errors(facts, policy) == []


@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    name=text_at_limits("name"),
    company=text_at_limits("company"),
    title=text_at_limits("job_title"),
    phone=text_at_limits("phone"),
    point=text_at_limits("discussion_point"),
    strengths=st.lists(text_at_limits("strength"), max_size=5),
    phone_follow_up=st.booleans(),
)
def test_whatever_the_input_text_no_message_has_an_error(
    name: str,
    company: str,
    title: str,
    phone: str,
    point: str,
    strengths: list[str],
    phone_follow_up: bool,
) -> None:
    contacts = (
        Contact(name, "a@example.com", phone, ContactRole.HIRING_MANAGER, interviewed=True),
        Contact(
            name,
            "b@example.com",
            phone,
            ContactRole.RECRUITER,
            scheduled_interview=True,
            discussion_point=point,
            preferred_channel=Channel.PHONE if phone_follow_up else None,
        ),
    )
    facts = InterviewFacts(
        candidate=Candidate(name, "c@example.com", phone),
        company=company,
        job_title=title,
        starts_at=STARTS,
        timezone=NY,
        calendar=CalendarSpec("US", "NY"),
        contacts=contacts,
        strengths=tuple(strengths),
        competing_deadline=CompetingDeadline(date(2026, 12, 3), company),
    )

    assert _errors(facts) == []


def test_the_spec_example_renders_messages_with_no_finding_at_all() -> None:
    bob = Contact(
        "Bob Smith",
        "bob.smith@acme.example",
        role=ContactRole.HIRING_MANAGER,
        interviewed=True,
        discussion_point="moving their batch jobs to streaming",
    )
    carol = Contact(
        "Carol Diaz",
        "carol.diaz@acme.example",
        "+1 555 010 4000",
        role=ContactRole.RECRUITER,
        scheduled_interview=True,
    )
    facts = InterviewFacts(
        candidate=Candidate("Ann Lee", "ann.lee@example.com", "+1 555 010 2030"),
        company="Acme Corp",
        job_title="Data Engineer",
        starts_at=STARTS,
        timezone=NY,
        calendar=CalendarSpec("US", "NY"),
        contacts=(bob, carol),
        timeline=TIMELINES[1],
        discussion_points=("the team's on-call rotation",),
        strengths=("five years of Kafka in production",),
    )
    planned = plan_interview(facts=facts, policy=POLICIES["standard"], as_of=AS_OF)

    scores = {
        step.id: check_message(_draft(step, planned.messages[step.id], facts)).findings
        for step in planned.plan.steps
        if step.id in planned.messages
    }

    assert len(scores) == 4
    assert all(findings == () for findings in scores.values()), scores


def _planned_messages(facts: InterviewFacts) -> list[tuple[Step, Message]]:
    planned = plan_interview(facts=facts, policy=POLICIES["standard"], as_of=AS_OF)
    return [(s, planned.messages[s.id]) for s in planned.plan.steps if s.id in planned.messages]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(facts=interviews())
def test_R9_a_final_message_has_at_most_60_percent_of_the_follow_ups_words(
    facts: InterviewFacts,
) -> None:
    messages = _planned_messages(facts)
    by_kind = {(s.kind, s.channel): m for s, m in messages}

    for channel in (Channel.EMAIL, Channel.PHONE):
        follow_up = by_kind.get((StepKind.FOLLOW_UP, channel))
        final = by_kind.get((StepKind.FINAL_FOLLOW_UP, channel))
        if follow_up and final:
            assert word_count(final.body_text) <= 0.6 * word_count(follow_up.body_text)


@settings(max_examples=150, deadline=None, derandomize=True)
@given(facts=interviews())
def test_R2_two_thank_yous_differ_beyond_their_point_and_the_same_facts_give_the_same_text(
    facts: InterviewFacts,
) -> None:
    notes = [(s, m) for s, m in _planned_messages(facts) if s.kind is StepKind.THANK_YOU]

    def without_point_and_greeting(step: Step, message: Message) -> list[str]:
        paragraphs = message.body_text.split("\n\n")[1:]  # the greeting aside
        opening = paragraphs[0].split(". ")[0]  # the first sentence, before any point
        return [opening, paragraphs[-2]]  # and the closing, before the signature

    shapes = [without_point_and_greeting(s, m) for s, m in notes]
    for index, shape in enumerate(shapes):
        for other in shapes[index + 1 :]:
            assert shape[0] != other[0] or shape[1] != other[1]
    again = [m for s, m in _planned_messages(facts) if s.kind is StepKind.THANK_YOU]
    assert [m for _, m in notes] == again


@pytest.mark.parametrize(
    ("formality", "contact"),
    [
        (Formality.INFORMAL, {"preferred_name": "Bob"}),
        (Formality.FORMAL, {"title": "Mr"}),
    ],
    ids=["informal, by the name he goes by", "formal, by title and surname"],
)
def test_a_note_greeting_by_preferred_name_or_title_has_no_finding_at_all(
    formality: Formality, contact: dict[str, str]
) -> None:
    robert = Contact(
        "Robert Smith",
        "robert.smith@acme.example",
        role=ContactRole.HIRING_MANAGER,
        interviewed=True,
        discussion_point="moving their batch jobs to streaming",
        **contact,  # type: ignore[arg-type]
    )
    facts = InterviewFacts(
        candidate=Candidate("Ann Lee", "ann.lee@example.com", "+1 555 010 2030"),
        company="Acme Corp",
        job_title="Data Engineer",
        starts_at=STARTS,
        timezone=NY,
        calendar=CalendarSpec("US", "NY"),
        contacts=(robert,),
        formality=formality,
        strengths=("led the redesign of a banking app", "I speak fluent Hindi"),
        concerns_to_address=(Concern("I have not worked in a regulated industry", None),),
    )

    for step, message in _planned_messages(facts):
        assert check_message(_draft(step, message, facts)).findings == ()
