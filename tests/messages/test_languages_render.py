"""Letters as each language writes them: greeting, date, format and closing, per language.

One fixed interview (a video interview on Tuesday 24 November 2026 with Bob Smith, the hiring
manager, and Carol Diaz, the recruiter, who asked for a call), rendered in each language and
register; each row is what a native writer puts there.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.calendar import CalendarSpec
from app.domain.model import (
    Candidate,
    Channel,
    Contact,
    ContactRole,
    Formality,
    InterviewFacts,
    InterviewFormat,
    StepKind,
)
from app.domain.policies import POLICIES
from app.messages.languages import LANGUAGES, language, title_gender
from app.messages.render import TEMPLATES, Message, template_names, word_count
from app.services.planning import plan_interview

BERLIN = ZoneInfo("Europe/Berlin")
STARTS = datetime(2026, 11, 24, 10, 0, tzinfo=BERLIN)
AS_OF = datetime(2026, 11, 24, 12, 0, tzinfo=BERLIN)


def _facts(
    code: str,
    formality: Formality | None = None,
    *,
    bob_title: str | None = "Mr",
    carol_title: str | None = "Ms",
    fmt: InterviewFormat = InterviewFormat.VIDEO,
) -> InterviewFacts:
    bob = Contact(
        "Bob Smith",
        "bob.smith@acme.example",
        role=ContactRole.HIRING_MANAGER,
        interviewed=True,
        title=bob_title,
        discussion_point="die Migration auf Streaming",
    )
    carol = Contact(
        "Carol Díaz",
        "carol.diaz@acme.example",
        "+49 30 4000 100",
        role=ContactRole.RECRUITER,
        scheduled_interview=True,
        title=carol_title,
        preferred_channel=Channel.PHONE,
    )
    return InterviewFacts(
        candidate=Candidate("Ann Lee", "ann.lee@example.com", "+49 30 2030 405"),
        company="Acme GmbH",
        job_title="Data Engineer",
        starts_at=STARTS,
        timezone=BERLIN,
        calendar=CalendarSpec("DE", "BY"),
        format=fmt,
        contacts=(bob, carol),
        preferred_channel=Channel.PHONE,
        formality=formality,
        language=code,
    )


def _messages(facts: InterviewFacts) -> dict[tuple[StepKind, Channel], Message]:
    planned = plan_interview(facts=facts, policy=POLICIES["standard"], as_of=AS_OF)
    return {
        (step.kind, step.channel): planned.messages[step.id]
        for step in planned.plan.steps
        if step.id in planned.messages
    }


def _thank_you(facts: InterviewFacts) -> Message:
    return _messages(facts)[(StepKind.THANK_YOU, Channel.EMAIL)]


@pytest.mark.parametrize(
    ("code", "greeting", "day", "closing"),
    [
        ("en", "Hi Bob,", "Tuesday, November 24", "Best regards,"),
        (
            "de",
            "Sehr geehrter Herr Smith,",
            "Dienstag, 24. November 2026",
            "Mit freundlichen Grüßen",
        ),
        ("fr", "Monsieur Smith,", "mardi 24 novembre 2026", "Bien cordialement,"),
        ("es", "Estimado Sr. Smith:", "martes, 24 de noviembre de 2026", "Atentamente,"),
    ],
)
def test_a_thank_you_in_the_language_default_register(
    code: str, greeting: str, day: str, closing: str
) -> None:
    lines = _thank_you(_facts(code)).body_text.splitlines()

    assert lines[0] == greeting
    assert day in lines[2]
    assert closing in lines
    assert lines[lines.index(closing) + 1] == "Ann Lee"


@pytest.mark.parametrize(
    ("code", "formality", "titles", "greeting"),
    [
        ("de", None, ("Ms", "Ms"), "Sehr geehrte Frau Smith,"),
        ("de", None, (None, None), "Guten Tag Bob Smith,"),
        ("de", None, ("Dr", None), "Guten Tag Dr. Bob Smith,"),
        ("de", Formality.INFORMAL, ("Mr", "Ms"), "Hallo Bob,"),
        ("fr", None, ("Mme", "Ms"), "Madame Smith,"),
        ("fr", None, (None, None), "Bonjour Bob Smith,"),
        ("fr", Formality.INFORMAL, ("Mr", "Ms"), "Bonjour Bob,"),
        ("es", None, ("Sra.", "Ms"), "Estimada Sra. Smith:"),
        ("es", None, (None, None), "Buenos días, Bob Smith:"),
        ("es", Formality.INFORMAL, ("Mr", "Ms"), "Hola, Bob:"),
        ("en", Formality.FORMAL, ("Mr", "Ms"), "Dear Mr Smith,"),
    ],
)
def test_the_greeting_by_register_and_title(
    code: str, formality: Formality | None, titles: tuple[str | None, str | None], greeting: str
) -> None:
    facts = _facts(code, formality, bob_title=titles[0], carol_title=titles[1])

    assert _thank_you(facts).body_text.splitlines()[0] == greeting


@pytest.mark.parametrize(
    ("code", "closing"),
    [("de", "Viele Grüße"), ("fr", "Bien à vous,"), ("es", "Un saludo,")],
)
def test_an_informal_letter_closes_informally(code: str, closing: str) -> None:
    assert closing in _thank_you(_facts(code, Formality.INFORMAL)).body_text.splitlines()


@pytest.mark.parametrize(
    ("code", "fmt", "phrase"),
    [
        ("de", InterviewFormat.PHONE, "ein Telefoninterview"),
        ("de", InterviewFormat.IN_PERSON, "ein persönliches Gespräch"),
        ("fr", InterviewFormat.VIDEO, "un entretien en visioconférence"),
        ("fr", InterviewFormat.IN_PERSON, "un entretien en présentiel"),
        ("es", InterviewFormat.PHONE, "una entrevista telefónica"),
        ("es", InterviewFormat.IN_PERSON, "una entrevista presencial"),
    ],
)
def test_the_follow_up_names_the_format_with_its_article(
    code: str, fmt: InterviewFormat, phrase: str
) -> None:
    facts = _facts(code, fmt=fmt)
    escalation = _messages(facts)[(StepKind.ESCALATION, Channel.EMAIL)]

    assert phrase in escalation.body_text


@pytest.mark.parametrize(
    ("code", "spoken"),
    [
        ("de", "Guten Tag Frau Díaz, hier spricht Ann Lee."),
        ("fr", "Bonjour Madame Díaz, ici Ann Lee."),
        ("es", "Buenos días, señora Díaz. Le habla Ann Lee."),
    ],
)
def test_a_voicemail_greets_as_the_language_speaks_and_says_the_number_twice(
    code: str, spoken: str
) -> None:
    script = _messages(_facts(code))[(StepKind.FOLLOW_UP, Channel.PHONE)].script or ""

    assert script.startswith(spoken)
    assert script.count("+49 30 2030 405") == 2


@pytest.mark.parametrize("code", [c for c in LANGUAGES if c != "en"])
def test_every_language_has_every_template_of_its_own(code: str) -> None:
    assert sorted(p.name for p in (TEMPLATES / code).glob("*.txt")) == template_names()


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_each_message_keeps_to_the_language_word_budget(code: str) -> None:
    lang = language(code)
    for (kind, channel), message in _messages(_facts(code)).items():
        budget = lang.voicemail_budget if channel is Channel.PHONE else lang.budgets[kind]
        assert word_count(message.body_text) <= budget


@pytest.mark.parametrize(
    ("title", "gender"),
    [("Ms", "f"), ("Frau", "f"), ("Sra.", "f"), ("Mme", "f"), ("Herr", "m"), ("M.", "m")]
    + [("Dr", None), ("Prof.", None), (None, None)],
)
def test_a_title_says_how_to_address_the_person_or_nothing(
    title: str | None, gender: str | None
) -> None:
    assert title_gender(title) == gender


@pytest.mark.parametrize(
    ("code", "formality", "named"),
    [
        ("de", None, "mit Frau Díaz in Kontakt"),
        ("fr", None, "en contact avec Mme Díaz"),
        ("es", None, "en contacto con la Sra. Díaz"),
        ("de", Formality.INFORMAL, "mit Carol Díaz in Kontakt"),
        ("en", None, "in touch with Carol Díaz"),
    ],
)
def test_a_formal_escalation_names_the_colleague_by_title_and_surname(
    code: str, formality: Formality | None, named: str
) -> None:
    escalation = _messages(_facts(code, formality))[(StepKind.ESCALATION, Channel.EMAIL)]
    assert named in escalation.body_text


@pytest.mark.parametrize("code", ["en", "de", "fr", "es"])
def test_a_company_that_ends_in_a_full_stop_ends_the_sentence_once(code: str) -> None:
    facts = replace(_facts(code), company="Naranja Digital S.L.")
    for message in _messages(facts).values():
        assert "S.L.." not in message.body_text
        assert "..." not in message.body_text
