"""What people naturally type into each free-text field, and the exact sentence it becomes.

The rows live in ``data/free_text.yaml`` beside this file, one per case, with why the answer is
right: each form of strength, concern, response, additional information and discussion point
(noun phrase, verb phrase, clause, sentences), lists of one to five, punctuation and case as
people type them, non-ASCII names, every interview format, formal and informal greetings, the
recipient's own zone, and what the competing-deadline sentence may claim.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import yaml

from app.domain.calendar import CalendarSpec
from app.domain.model import (
    Candidate,
    Channel,
    CompetingDeadline,
    Concern,
    Contact,
    ContactRole,
    Formality,
    InterviewFacts,
    InterviewFormat,
    StepKind,
)
from app.domain.policies import STANDARD
from app.messages.render import Message
from app.services.planning import plan_interview

NY = ZoneInfo("America/New_York")
ROWS = yaml.safe_load((Path(__file__).parent / "data" / "free_text.yaml").read_text("utf-8"))


def _concerns(items: list[Any]) -> tuple[str | Concern, ...]:
    return tuple(
        item if isinstance(item, str) else Concern(item["concern"], item.get("response"))
        for item in items
    )


def facts_of(given: dict[str, Any]) -> InterviewFacts:
    """The example interview with a row's changes: Bob Smith interviewed, Carol Diaz arranged."""
    contact = dict(given.get("contact", {}))
    if "timezone" in contact:
        contact["timezone"] = ZoneInfo(contact["timezone"])
    if "concerns" in contact:
        contact["concerns"] = _concerns(contact["concerns"])
    bob = replace(
        Contact(
            "Bob Smith", "bob@acme.example", "+1 555 010 3000", ContactRole.HIRING_MANAGER, True
        ),
        **contact,
    )
    carol = Contact(
        "Carol Diaz",
        "carol@acme.example",
        "+1 555 010 4000",
        ContactRole.RECRUITER,
        scheduled_interview=True,
        preferred_channel=Channel.PHONE if given.get("phone_follow_up") else None,
    )
    competing = given.get("competing")
    return InterviewFacts(
        candidate=Candidate(
            "Ann Lee", "ann.lee@example.com", "+1 555 010 2030", given.get("candidate_preferred")
        ),
        company="Acme Corp",
        job_title="Data Engineer",
        starts_at=datetime.fromisoformat(given.get("starts_at", "2026-11-24T10:00:00-05:00")),
        timezone=NY,
        calendar=CalendarSpec("US", "NY"),
        format=InterviewFormat(given.get("format", "video")),
        contacts=(bob, carol),
        formality=Formality(given.get("formality", "informal")),
        competing_deadline=(
            CompetingDeadline(
                date.fromisoformat(competing["on"]), None, competing.get("top_choice", False)
            )
            if competing
            else None
        ),
        strengths=tuple(given.get("strengths", ())),
        concerns_to_address=_concerns(given.get("concerns_to_address", [])),
        additional_info=tuple(given.get("additional_info", ())),
    )


def message_of(kind: str, facts: InterviewFacts) -> Message:
    """The row's message: Bob's thank-you, the follow-up, the voicemail, or the final note."""
    if kind == "voicemail":
        facts = replace(
            facts,
            contacts=(
                facts.contacts[0],
                replace(facts.contacts[1], preferred_channel=Channel.PHONE),
            ),
        )
        kind = "follow_up"
    as_of = facts.starts_at.astimezone(NY).replace(hour=15)
    planned = plan_interview(facts=facts, policy=STANDARD, as_of=as_of)
    wanted = StepKind.THANK_YOU if kind == "to" else StepKind(kind)
    step = next(s for s in planned.plan.steps if s.kind is wanted)
    return planned.messages[step.id]


def test_the_corpus_has_enough_real_inputs() -> None:
    assert len(ROWS) >= 40
    assert len({row["id"] for row in ROWS}) == len(ROWS)


@pytest.mark.parametrize("row", ROWS, ids=[row["id"] for row in ROWS])
def test_each_input_becomes_the_expected_sentence(row: dict[str, Any]) -> None:
    message = message_of(row["kind"], facts_of(row.get("given", {})))

    if row["kind"] == "to":
        assert list(message.to) == row["expect"]
        return
    for sentence in row["expect"]:
        assert sentence in message.body_text, message.body_text
    for absent in row.get("never", []):
        assert absent not in message.body_text
