"""R2: a panel's thank-you notes differ beyond the greeting, so colleagues comparing them see
notes written to each, not one note sent three times."""

from __future__ import annotations

from dataclasses import replace

from app.domain.model import Contact, ContactRole, StepKind
from app.domain.policies import STANDARD
from app.services.planning import plan_interview
from tests.messages.test_free_text_corpus import NY, facts_of


def test_each_panelist_gets_a_note_of_their_own() -> None:
    facts = facts_of({"strengths": ["five years of Kafka in production", "led a team of six"]})
    panel = tuple(
        Contact(
            name, f"{name.split()[0].lower()}@acme.example", None, ContactRole.INTERVIEWER, True
        )
        for name in ("Dana Ruiz", "Eli Stone")
    )
    facts = replace(facts, contacts=(*facts.contacts, *panel))
    as_of = facts.starts_at.astimezone(NY).replace(hour=15)

    planned = plan_interview(facts=facts, policy=STANDARD, as_of=as_of)
    notes = [
        planned.messages[step.id].body_text
        for step in planned.plan.steps
        if step.kind is StepKind.THANK_YOU
    ]
    middles = [note.split("\n\n")[2] for note in notes]

    assert len(notes) == 3
    assert len(set(middles)) == 3, middles
    assert all("Kafka" in m and "I led a team of six" in m for m in middles)
