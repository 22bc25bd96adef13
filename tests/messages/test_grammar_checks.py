"""The checks that catch what a composer gets wrong with free text, and workplace spelling."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.model import Channel, StepKind
from app.messages.checks import Draft, DraftContext, Severity, check_message

CONTEXT = DraftContext(
    interviewer_name="Bob Smith",
    job_title="Data Engineer",
    company="Acme Corp",
    interview_date=date(2026, 11, 24),
    candidate_name="Ann Lee",
)

#: The thank-you of the trial, as the composer wrote it before free text was read for its form.
BROKEN = (
    "Dear Bob Smith,\n\n"
    "Thank you for taking the time to speak with me on Tuesday, November 24 about the Data "
    "Engineer role at Acme Corp. I especially enjoyed our conversation about moving batch jobs "
    "to streaming.\n\n"
    "Our conversation confirmed my interest in the role, and I am confident that my led the "
    "redesign of a banking app used by 2 million people and I speak fluent Hindi would let me "
    "contribute quickly.\n\n"
    "I also wanted to come back to I have not worked in a regulated industry: I would be glad "
    "to say more about how I would approach it.\n\n"
    "I had a in-person interview and I am excited about the opportunity.\n\n"
    "Best regards,\nAnn Lee\nann.lee@example.com"
)


def _check(body: str, kind: StepKind = StepKind.THANK_YOU) -> list[tuple[str, Severity, str]]:
    result = check_message(Draft(kind, body, "Thank you", context=CONTEXT))
    return [
        (f.check, f.severity, body[f.span.start : f.span.end] if f.span else "")
        for f in result.findings
    ]


def test_the_broken_note_scores_below_60_with_an_error_on_each_fault() -> None:
    result = check_message(Draft(StepKind.THANK_YOU, BROKEN, "Thank you", context=CONTEXT))
    found = _check(BROKEN)

    assert result.score < 60
    errors = [(check, text) for check, severity, text in found if severity is Severity.ERROR]
    assert errors == [
        ("C-CLAUSE-AS-NOUN", "my led the"),
        ("C-CLAUSE-AS-NOUN", "I speak fluent Hindi would let me"),
        ("C-CLAUSE-AS-NOUN", "to I"),
        ("C-ARTICLE", "a in-person"),
    ]
    assert ("C-FULL-NAME-GREETING", Severity.INFO, "Dear Bob Smith") in found


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("I am confident that my I speak Hindi helps.", "my I"),
        ("I would bring my speak fluent Hindi.", "my speak"),
        ("I also wanted to come back to we have no budget.", "to we"),
        ("Our shipped the new app last year.", "Our shipped the"),
        ("I believe my has five years of Kafka.", "my has"),
    ],
)
def test_a_clause_or_verb_where_a_noun_belongs_is_an_error(sentence: str, flagged: str) -> None:
    found = _check(f"Hi Bob,\n\n{sentence}\n\nBest regards,\nAnn Lee")

    assert ("C-CLAUSE-AS-NOUN", Severity.ERROR, flagged) in found


@pytest.mark.parametrize(
    "sentence",
    [
        "I told her I would send the slides.",
        "It went better than I expected.",
        "I believe my experience would help me contribute quickly.",
        "I think five years of Kafka would let me contribute quickly.",
        "Our limited budget meant we shipped less.",
        "Please let me know about I/O limits on my know-how.",
    ],
)
def test_grammatical_sentences_are_left_alone(sentence: str) -> None:
    found = _check(f"Hi Bob,\n\n{sentence}\n\nBest regards,\nAnn Lee")

    assert [f for f in found if f[0] == "C-CLAUSE-AS-NOUN"] == []


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("I had a in-person interview.", "a in-person"),
        ("It took an year.", "an year"),
        ("I waited a hour.", "a hour"),
        ("I hold a MBA.", None),  # acronyms: left alone
        ("It was an university project.", "an university"),
        ("An great chat.", "An great"),
        ("I led a 8-person team.", "a 8-person"),
    ],
)
def test_a_or_an_by_the_sound_of_the_next_word(text: str, flagged: str | None) -> None:
    found = [
        f for f in _check(f"Hi Bob,\n\n{text}\n\nBest regards,\nAnn Lee") if f[0] == "C-ARTICLE"
    ]

    assert found == ([("C-ARTICLE", Severity.ERROR, flagged)] if flagged else [])


def test_right_articles_and_a_letter_are_not_flagged() -> None:
    body = (
        "Hi Bob,\n\nIt was an honour to have an in-person interview, a one-off chance, an hour "
        "long, a university friend said; plan A and an 11-person team.\n\nBest regards,\nAnn Lee"
    )

    assert [f for f in _check(body) if f[0] == "C-ARTICLE"] == []


def test_a_sentence_opening_like_the_one_before_is_a_warning() -> None:
    body = (
        "Hi Bob,\n\nI also wanted to come back to Go. I also wanted to come back to Rust. "
        "I also enjoyed lunch.\n\nBest regards,\nAnn Lee"
    )

    found = [f for f in _check(body) if f[0] == "C-REPEATED-OPENING"]

    assert found == [
        ("C-REPEATED-OPENING", Severity.WARNING, "I also wanted to come back to Rust.")
    ]


@pytest.mark.parametrize(
    ("greeting", "flagged"),
    [
        ("Dear Bob Smith,", True),
        ("Hi Bob Smith,", True),
        ("Hi Bob,", False),
        ("Dear Mr Smith,", False),
    ],
)
def test_a_full_name_greeting_is_a_note(greeting: str, flagged: bool) -> None:
    found = _check(f"{greeting}\n\nThank you.\n\nBest regards,\nAnn Lee")

    assert any(f[0] == "C-FULL-NAME-GREETING" for f in found) is flagged


def test_a_voicemail_greeting_by_full_name_is_a_note_too() -> None:
    body = (
        "Hello Bob Smith, this is Ann Lee. My number is +1 555 010 2030. That number again is "
        "+1 555 010 2030."
    )
    result = check_message(
        Draft(StepKind.FOLLOW_UP, body, None, channel=Channel.PHONE, context=CONTEXT)
    )

    assert [f.check for f in result.findings if f.severity is Severity.INFO] == [
        "C-FULL-NAME-GREETING",
        "C-NO-INTERVIEW-DATE",
    ]


def test_workplace_words_are_spelt_right_and_chat_words_are_casual() -> None:
    body = (
        "Hi Bob,\n\nThe app, its onboarding and Kubernetes came up; kubernetes, a standup, the "
        "backend and a webhook too. Thx for the chat, btw.\n\nBest regards,\nAnn Lee"
    )

    found = _check(body)

    assert [f for f in found if f[0] == "C-SPELLING"] == []
    assert [(f[0], f[2]) for f in found if f[0] == "C-CASUAL"] == [
        ("C-CASUAL", "Thx"),
        ("C-CASUAL", "btw"),
    ]


def test_a_voicemail_may_give_the_first_name_one_goes_by_with_the_surname() -> None:
    script = (
        "Hello Bob, this is Annie Lee, following up on my Data Engineer interview on Tuesday, "
        "November 24. My number is +1 555 010 2030. That number again is +1 555 010 2030."
    )
    nameless = script.replace("this is Annie Lee, ", "")

    def checks(body: str) -> list[str]:
        draft = Draft(StepKind.FOLLOW_UP, body, None, channel=Channel.PHONE, context=CONTEXT)
        return [f.check for f in check_message(draft).findings]

    assert "C-VOICEMAIL-NAME" not in checks(script)
    assert "C-VOICEMAIL-NAME" in checks(nameless)
