"""Message checks, one row per check: a draft it flags, one it lets pass.

Every row starts from a draft that passes every check (``GOOD``), changes the one thing the
row is about, and names the text the finding must point at.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pytest

from app.domain.model import Channel, StepKind
from app.domain.rules import RULES
from app.messages.checks import (
    PENALTY,
    Draft,
    DraftContext,
    Finding,
    Severity,
    check_message,
    preload,
    score,
    with_findings,
)
from app.messages.checks.phrases import MAX_PER_CHECK, ROWS, _compiled
from app.messages.checks.spelling import spell_checker
from app.messages.render import VOICEMAIL_BUDGET, WORD_BUDGETS

CONTEXT = DraftContext(
    interviewer_name="Carol Diaz",
    job_title="Data Engineer",
    company="Acme Corp",
    interview_date=date(2026, 11, 24),
    candidate_name="Ann Lee",
)

GOOD: dict[StepKind, tuple[str, str]] = {
    StepKind.THANK_YOU: (
        "Thank you for the Data Engineer interview",
        "Hi Carol,\n\n"
        "Thank you for taking the time to speak with me on Tuesday, November 24 about the "
        "Data Engineer role at Acme Corp. I especially enjoyed our conversation about moving "
        "their batch jobs to streaming.\n\n"
        "Our conversation confirmed my interest in the role and in joining the team.\n\n"
        "I am excited about the opportunity and look forward to staying in touch.\n\n"
        "Best regards,\nAnn Lee\nann.lee@example.com\n+1 555 010 2030",
    ),
    StepKind.FOLLOW_UP: (
        "Follow-up regarding Data Engineer interview",
        "Hi Carol,\n\n"
        "I hope you are well. This is Ann Lee; I had a video interview for the Data Engineer "
        "position at Acme Corp on Tuesday, November 24, and I am writing to ask whether there "
        "is any update on your decision.\n\n"
        "I remain very interested in the role. Please let me know if I can provide any "
        "additional information.\n\n"
        "Thank you again for your time and consideration.\n\n"
        "Best regards,\nAnn Lee\nann.lee@example.com",
    ),
    StepKind.FINAL_FOLLOW_UP: (
        "Re: Follow-up regarding Data Engineer interview",
        "Hi Carol,\n\n"
        "I wanted to follow up once more on my Data Engineer interview on Tuesday, "
        "November 24. I remain very interested in the role and am happy to provide any "
        "further information you might need.\n\n"
        "Thank you for your time.\n\nBest regards,\nAnn Lee",
    ),
    StepKind.ESCALATION: (
        "Data Engineer interview on Tuesday, November 24",
        "Hi Carol,\n\n"
        "I hope you are well. I had a video interview for the Data Engineer position at Acme "
        "Corp on Tuesday, November 24. I have been in touch with Bob Smith and wanted to "
        "check with you directly on where the process stands.\n\n"
        "I remain very interested in the role and would be glad to provide any further "
        "information.\n\nThank you for your time.\n\nBest regards,\nAnn Lee",
    ),
}
VOICEMAIL = (
    "Hello Carol, this is Ann Lee, following up on my video interview for the Data "
    "Engineer position on Tuesday, November 24, to see if there are any updates. Thank you "
    "again for your time. My number is +1 555 010 2030. That number again is "
    "+1 555 010 2030. I hope to hear from you soon. Goodbye."
)


def draft(
    kind: StepKind = StepKind.FOLLOW_UP,
    *,
    swap: tuple[str, str] | None = None,
    add: str | None = None,
    subject: str | None = "",
    context: DraftContext = CONTEXT,
    channel: Channel = Channel.EMAIL,
) -> Draft:
    """The good draft of ``kind``, with ``swap`` (old, new) replaced and ``add`` put at the
    end of its first paragraph after the greeting; ``subject`` "" keeps the good one."""
    good_subject, body = GOOD[kind] if kind in GOOD else GOOD[StepKind.FOLLOW_UP]
    if channel is Channel.PHONE:
        good_subject, body = "", VOICEMAIL
    if swap is not None:
        assert swap[0] in body, swap
        body = body.replace(swap[0], swap[1], 1)
    if add is not None:
        head, _, rest = body.partition("\n\n")
        first, _, tail = rest.partition("\n\n")
        body = f"{head}\n\n{first} {add}\n\n{tail}"
    return Draft(
        kind,
        body,
        good_subject if subject == "" else subject,
        channel,
        context,
    )


@dataclass(frozen=True)
class Row:
    id: str
    check: str
    flagged: Draft
    clean: Draft
    #: The text the finding's span covers in the flagged draft.
    span: str


ROW_TABLE = [
    Row(
        "salary",
        "C-SALARY",
        draft(add="Could you also tell me the salary range?"),
        draft(add="I was glad to hear about the team's plans for the data platform."),
        "salary",
    ),
    Row(
        "benefits",
        "C-SALARY",
        draft(StepKind.THANK_YOU, add="What does the benefits package include?"),
        draft(StepKind.THANK_YOU, add="I see the benefits of streaming for the team."),
        "benefits package",
    ),
    Row(
        "reproach-never-got-back",
        "C-REPROACH",
        draft(add="You never got back to me after the interview."),
        draft(add="I would be glad to get back to you with more details."),
        "You never got back to me",
    ),
    Row(
        "reproach-still-not-heard",
        "C-REPROACH",
        draft(StepKind.FINAL_FOLLOW_UP, add="I still haven't heard anything from you."),
        draft(StepKind.FINAL_FOLLOW_UP, add="I hope to hear from you soon."),
        "I still haven't heard anything",
    ),
    Row(
        "demanding-asap",
        "C-DEMANDING",
        draft(add="Please reply ASAP."),
        draft(add="Please reply whenever it suits you."),
        "ASAP",
    ),
    Row(
        "demanding-need-an-answer",
        "C-DEMANDING",
        draft(add="I need an answer by Friday."),
        draft(add="I would appreciate any update you can share."),
        "I need an answer",
    ),
    Row(
        "demanding-soon-as-possible",
        "C-DEMANDING",
        draft(add="Let me know as soon as possible."),
        draft(add="Let me know if I can help."),
        "as soon as possible",
    ),
    Row(
        "desperate",
        "C-DESPERATE",
        draft(add="I really need this job."),
        draft(add="I would welcome the chance to join the team."),
        "I really need this job",
    ),
    Row(
        "desperate-begging",
        "C-DESPERATE",
        draft(add="I am begging you to consider me."),
        draft(add="I hope you will consider me."),
        "begging",
    ),
    Row(
        "casual-hey",
        "C-CASUAL",
        draft(swap=("Hi Carol,", "Hey Carol,")),
        draft(swap=("Hi Carol,", "Hi Carol,")),
        "Hey",
    ),
    Row(
        "casual-slang",
        "C-CASUAL",
        draft(add="I'm gonna be around all week."),
        draft(add="I am available all week."),
        "gonna",
    ),
    Row(
        "casual-exclamations",
        "C-CASUAL",
        draft(add="I loved the team!!!"),
        draft(add="I loved the team!"),
        "!!!",
    ),
    Row(
        "casual-emoji",
        "C-CASUAL",
        draft(add="Have a great week \N{SLIGHTLY SMILING FACE}"),
        draft(add="Have a great week."),
        "\N{SLIGHTLY SMILING FACE}",
    ),
    Row(
        "casual-emoticon",
        "C-CASUAL",
        draft(add="Have a great week :)"),
        draft(add="Have a great week (and weekend)."),
        ":)",
    ),
    Row(
        "thank-you-asks-the-timeline",
        "C-TIMELINE-QUESTION",
        draft(StepKind.THANK_YOU, add="When can I expect to hear back?"),
        draft(StepKind.FOLLOW_UP, add="When can I expect to hear back?"),  # R6/R8: may ask
        "When can I expect to hear",
    ),
    Row(
        "thank-you-asks-next-steps",
        "C-TIMELINE-QUESTION",
        draft(StepKind.THANK_YOU, add="What are the next steps?"),
        draft(StepKind.THANK_YOU, add="I look forward to the next steps."),
        "What are the next steps",
    ),
    Row(
        "no-specific-point",
        "C-NO-SPECIFIC-POINT",
        draft(
            StepKind.THANK_YOU,
            swap=(
                "I especially enjoyed our conversation about moving their batch jobs to streaming.",
                "It was a pleasure.",
            ),
        ),
        draft(
            StepKind.THANK_YOU,
            swap=(
                "I especially enjoyed our conversation about",
                "It was insightful to hear about",
            ),
        ),
        "Thank you for taking the time to speak with me on Tuesday, November 24 about the "
        "Data Engineer role at Acme Corp. It was a pleasure.",
    ),
    Row(
        "no-interviewer-name",
        "C-NO-NAME",
        draft(swap=("Hi Carol,", "Dear Dana,")),
        draft(swap=("Hi Carol,", "Dear Ms. Diaz,")),
        "Dear Dana,",
    ),
    Row(
        "no-name-without-context",
        "C-NO-NAME",
        draft(swap=("Hi Carol,\n\n", ""), context=DraftContext()),
        draft(swap=("Hi Carol,", "Carol,"), context=DraftContext()),
        "I hope you are well. This is Ann Lee; I had a video interview for the Data Engineer "
        "position at Acme Corp on Tuesday, November 24, and I am writing to ask whether there "
        "is any update on your decision.",
    ),
    Row(
        "generic-greeting",
        "C-GENERIC-GREETING",
        draft(swap=("Hi Carol,", "To whom it may concern,")),
        draft(swap=("Hi Carol,", "Good morning Carol,")),
        "To whom it may concern,",
    ),
    Row(
        "generic-greeting-hiring-manager",
        "C-GENERIC-GREETING",
        draft(swap=("Hi Carol,", "Dear Hiring Manager,"), context=DraftContext()),
        draft(swap=("Hi Carol,", "Dear Dr. Diaz,"), context=DraftContext()),
        "Dear Hiring Manager,",
    ),
    Row(
        "no-job-title",
        "C-NO-JOB-TITLE",
        draft(
            swap=("for the Data Engineer position", "for the position"),
            subject="Follow-up regarding my interview",
        ),
        draft(subject="Follow-up regarding my interview"),  # the body names it
        "I hope you are well. This is Ann Lee; I had a video interview for the position at "
        "Acme Corp on Tuesday, November 24, and I am writing to ask whether there is any update "
        "on your decision.",
    ),
    Row(
        "no-interview-date",
        "C-NO-INTERVIEW-DATE",
        draft(swap=(" on Tuesday, November 24,", ",")),
        draft(swap=("on Tuesday, November 24", "on 11/24")),
        "I hope you are well. This is Ann Lee; I had a video interview for the Data Engineer "
        "position at Acme Corp, and I am writing to ask whether there is any update on your "
        "decision.",
    ),
    Row(
        "signature-first-name-only",
        "C-SIGNATURE",
        draft(swap=("Best regards,\nAnn Lee\nann.lee@example.com", "Best regards,\nAnn")),
        draft(swap=("Best regards,\nAnn Lee", "Kind regards,\nAnn Lee")),
        "Best regards,\nAnn",
    ),
    Row(
        "signature-without-context",
        "C-SIGNATURE",
        draft(
            swap=("Best regards,\nAnn Lee\nann.lee@example.com", "Best,\nAnn"),
            context=DraftContext(),
        ),
        draft(context=DraftContext()),
        "Ann",
    ),
    Row(
        "signature-no-closing",
        "C-SIGNATURE",
        draft(swap=("\n\nBest regards,\nAnn Lee\nann.lee@example.com", ""), context=DraftContext()),
        draft(swap=("Best regards,", "Sincerely,"), context=DraftContext()),
        "Thank you again for your time and consideration.",
    ),
    Row(
        "over-the-word-budget",
        "C-WORD-BUDGET",
        draft(
            StepKind.FINAL_FOLLOW_UP,
            add="I am still very keen. We would work well together. " * 5 + "Truly.",
        ),
        draft(StepKind.FINAL_FOLLOW_UP, add="I am still very keen."),
        "your time.\n\nBest regards,\nAnn Lee",  # from the 91st word on
    ),
    Row(
        "subject-missing",
        "C-SUBJECT-MISSING",
        draft(subject=None),
        draft(subject="Re: Data Engineer interview"),
        "",
    ),
    Row(
        "subject-too-long",
        "C-SUBJECT-LONG",
        draft(subject="Follow-up regarding Data Engineer interview " + "x" * 40),
        draft(subject="Follow-up regarding Data Engineer interview " + "x" * 34),
        "xxxxxx",
    ),
    Row(
        "spelling",
        "C-SPELLING",
        draft(add="I look forward to recieving your news."),
        draft(add="I look forward to receiving your news."),
        "recieving",
    ),
    Row(
        "spelling-at-a-sentence-start",
        "C-SPELLING",
        draft(StepKind.THANK_YOU, swap=("Thank you for taking", "Thnak you for taking")),
        draft(StepKind.THANK_YOU, swap=("Thank you for taking", "Thank you, Carol, for taking")),
        "Thnak",
    ),
    Row(
        "repeated-word",
        "C-REPEATED-WORD",
        draft(add="I enjoyed meeting the the team."),
        draft(add="I said that that team impressed me."),
        "the",
    ),
    Row(
        "voicemail-number-once",
        "C-VOICEMAIL-NUMBER",
        draft(
            channel=Channel.PHONE, swap=(" That number again is +1 555 010 2030.", ""), subject=None
        ),
        draft(channel=Channel.PHONE, subject=None),
        "+1 555 010 2030",
    ),
    Row(
        "voicemail-name",
        "C-VOICEMAIL-NAME",
        draft(channel=Channel.PHONE, swap=("this is Ann Lee", "this is me"), subject=None),
        draft(channel=Channel.PHONE, subject=None),
        VOICEMAIL.replace("this is Ann Lee", "this is me"),
    ),
    Row(
        "nothing-to-send-after-the-last-message",
        "C-NOTHING-TO-SEND",
        draft(StepKind.MOVE_ON),
        draft(StepKind.FINAL_FOLLOW_UP),
        GOOD[StepKind.FOLLOW_UP][1],
    ),
]


def _texts(d: Draft) -> dict[str, str]:
    return {"subject": d.subject or "", "body": d.body}


def _of(check: str, findings: tuple[Finding, ...]) -> list[Finding]:
    return [f for f in findings if f.check == check]


class TestGoodDrafts:
    @pytest.mark.parametrize("kind", list(GOOD))
    def test_a_good_draft_of_each_kind_scores_100(self, kind: StepKind) -> None:
        result = check_message(draft(kind))

        assert result.findings == ()
        assert result.score == 100
        assert result.word_budget == WORD_BUDGETS[kind]

    def test_a_good_voicemail_scores_100(self) -> None:
        result = check_message(draft(channel=Channel.PHONE, subject=None))

        assert result.findings == ()
        assert result.word_budget == VOICEMAIL_BUDGET


@pytest.mark.parametrize("row", ROW_TABLE, ids=[row.id for row in ROW_TABLE])
class TestEachCheck:
    def test_flags_the_draft_and_points_at_the_text(self, row: Row) -> None:
        found = _of(row.check, check_message(row.flagged).findings)

        assert found, f"{row.check} not found"
        texts = _texts(row.flagged)
        spans = [texts[f.span.part][f.span.start : f.span.end] for f in found if f.span is not None]
        assert row.span in spans
        for finding in found:
            assert finding.message and finding.message.endswith((".", ")"))
            assert set(finding.rules) <= RULES.keys()
            assert finding.sources and set(finding.sources) <= {0, 1, 2, 3, 4}

    def test_lets_the_near_miss_pass(self, row: Row) -> None:
        assert _of(row.check, check_message(row.clean).findings) == []


class TestSeverity:
    @pytest.mark.parametrize(
        ("check", "severity"),
        [
            ("C-SALARY", Severity.ERROR),
            ("C-REPROACH", Severity.ERROR),
            ("C-NOTHING-TO-SEND", Severity.ERROR),
            ("C-DEMANDING", Severity.WARNING),
            ("C-SPELLING", Severity.WARNING),
            ("C-NO-INTERVIEW-DATE", Severity.INFO),
        ],
    )
    def test_each_check_has_its_severity(self, check: str, severity: Severity) -> None:
        row = next(r for r in ROW_TABLE if r.check == check)

        assert {f.severity for f in _of(check, check_message(row.flagged).findings)} == {severity}

    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("How many days of PTO come with it?", ["PTO"]),
            ("I wrote the pto tool.", []),
            ("Thank u for your time.", ["u"]),
            ("I moved to the U.S. last year.", []),
            ("Please send it EOD.", ["EOD"]),
            ("Please answer by EOD.", ["answer by EOD"]),
        ],
    )
    def test_words_whose_case_matters_are_matched_as_written(
        self, text: str, found: list[str]
    ) -> None:
        body = draft(add=text).body

        result = check_message(Draft(StepKind.FOLLOW_UP, body, "Follow-up", context=CONTEXT))

        phrase_checks = {row.check.id for row in ROWS}
        spans = [
            body[f.span.start : f.span.end]
            for f in result.findings
            if f.check in phrase_checks and f.span is not None
        ]
        assert spans == found

    def test_a_pattern_with_capitals_is_refused(self) -> None:
        row = replace(ROWS[0], patterns=(r"\bASAP\b",))

        with pytest.raises(ValueError, match="lower case"):
            _compiled(row)

    def test_every_phrase_row_cites_rules_and_seeds(self) -> None:
        for row in ROWS:
            assert set(row.check.rules) <= RULES.keys()
            assert set(row.check.sources) <= {0, 1, 2, 3, 4} and row.check.sources


class TestScore:
    def test_each_finding_takes_its_penalty_off(self) -> None:
        result = check_message(draft(add="What is the salary? Please reply ASAP."))

        severities = sorted(f.severity for f in result.findings)
        assert severities == [Severity.ERROR, Severity.WARNING]
        assert result.score == 100 - PENALTY[Severity.ERROR] - PENALTY[Severity.WARNING] == 65

    def test_the_score_stops_at_zero(self) -> None:
        result = check_message(draft(add="What is the salary? And the salary? " * 3))

        assert len(result.findings) == 6
        assert result.score == 0 == score(result.findings)

    def test_errors_come_first_then_the_order_of_the_text(self) -> None:
        result = check_message(
            draft(add="Reply ASAP. You never got back to me.", subject="Re: ASAP")
        )

        assert [(f.check, f.span and f.span.part) for f in result.findings] == [
            ("C-REPROACH", "body"),
            ("C-DEMANDING", "subject"),
            ("C-DEMANDING", "body"),
        ]

    def test_a_row_reports_a_few_findings_at_most(self) -> None:
        result = check_message(draft(add="Great!! " * 50))

        assert len(_of("C-CASUAL", result.findings)) == MAX_PER_CHECK


class TestSpellingTolerance:
    def test_names_company_addresses_acronyms_and_numbers_are_not_misspellings(self) -> None:
        context = DraftContext(
            interviewer_name="Siobhan Nguyen-Okafor",
            job_title="Site Reliability Engineer",
            company="Zyxwv Labs",
            candidate_name="Xochitl Brzezinski",
        )
        body = (
            "Dear Siobhan Nguyen-Okafor,\n\n"
            "Thank you for our talk about the SRE rotation at Zyxwv Labs on the 24th. I "
            "especially enjoyed our conversation about Kubernetes and GCP, and the zyxwv "
            "on-call notes at https://zyxwv.example/runbooks and wiki.zyxwv.io/sre. My "
            "notes are on @xochitl_b and #zyxwv; my B2B work is in the README. I remain "
            "very interested in the Site Reliability Engineer role.\n\n"
            "Best regards,\nXochitl Brzezinski\nxochitl.brzezinski@qwfp.example\n"
            "+48 600 123 456"
        )

        result = check_message(Draft(StepKind.THANK_YOU, body, "Thank you", context=context))

        assert _of("C-SPELLING", result.findings) == []

    def test_an_abbreviation_is_not_a_misspelling(self) -> None:
        found = check_message(draft(add="Call me at 555-0100 ext. 12, or approx. any time."))

        assert _of("C-SPELLING", found.findings) == []

    def test_known_words_and_british_spellings_are_accepted(self) -> None:
        body = draft(
            add="I enjoyed the colour of the programme and our onboarding talk, organised well."
        ).body
        context = replace(CONTEXT, known_words=("onboarding",))

        found = check_message(Draft(StepKind.FOLLOW_UP, body, "Follow-up", context=context))

        assert _of("C-SPELLING", found.findings) == []

    def test_a_misspelling_comes_with_a_suggestion(self) -> None:
        (finding,) = _of("C-SPELLING", check_message(draft(add="I recieved it.")).findings)

        assert "did you mean “received”" in finding.message

    def test_a_word_with_no_suggestion_says_so(self) -> None:
        (finding,) = _of("C-SPELLING", check_message(draft(add="It was qzxqzxqz.")).findings)

        assert "not in the dictionary" in finding.message


class TestEdges:
    def test_a_blank_body_is_reported_without_failing(self) -> None:
        result = check_message(Draft(StepKind.THANK_YOU, "   \n ", "Thank you", context=CONTEXT))

        assert {f.check for f in result.findings} == {"C-NO-SPECIFIC-POINT", "C-NO-JOB-TITLE"}
        assert result.word_count == 0

    def test_a_blank_voicemail_says_to_leave_the_number(self) -> None:
        result = check_message(Draft(StepKind.FOLLOW_UP, " ", channel=Channel.PHONE))

        assert [f.check for f in result.findings] == ["C-VOICEMAIL-NUMBER"]

    def test_a_job_title_of_no_words_asks_for_nothing(self) -> None:
        context = replace(CONTEXT, job_title="--")

        assert _of("C-NO-JOB-TITLE", check_message(draft(context=context)).findings) == []

    @pytest.mark.parametrize(
        "signature", ["Best regards,\nann lee", "Best regards,\nAnn and her cat", "Best regards,"]
    )
    def test_a_closing_without_a_full_name_under_it(self, signature: str) -> None:
        body = draft(swap=("Best regards,\nAnn Lee\nann.lee@example.com", signature)).body

        found = check_message(Draft(StepKind.FOLLOW_UP, body, "Follow-up"))

        assert [f.message for f in _of("C-SIGNATURE", found.findings)] == [
            "Add your full name under the closing (R8)."
        ]

    def test_a_name_with_particles_is_a_full_name(self) -> None:
        body = draft(swap=("Ann Lee\nann", "Ana de la Cruz\nann")).body

        assert _of("C-SIGNATURE", check_message(Draft(StepKind.FOLLOW_UP, body)).findings) == []

    def test_that_that_is_not_a_repeated_word(self) -> None:
        found = check_message(draft(add="I said that that team impressed me. " + "the the " * 12))

        assert len(_of("C-REPEATED-WORD", found.findings)) == MAX_PER_CHECK

    def test_a_possessive_of_a_known_word_is_known(self) -> None:
        found = check_message(draft(add="I admired the startup's design."))

        assert _of("C-SPELLING", found.findings) == []

    def test_move_on_is_not_asked_for_the_interview_date(self) -> None:
        found = check_message(Draft(StepKind.MOVE_ON, "Hi Carol,", channel=Channel.PHONE))

        assert [f.check for f in found.findings] == ["C-NOTHING-TO-SEND"]

    def test_spelling_findings_stop_at_a_few(self) -> None:
        found = check_message(draft(add="qzxqzxqz " * 15))

        assert len(_of("C-SPELLING", found.findings)) == MAX_PER_CHECK


class TestWithFindings:
    def test_timing_findings_merge_in_order_and_lower_the_score(self) -> None:
        result = check_message(draft(add="Reply ASAP."))
        late = Finding("C-TOO-SOON", Severity.ERROR, "Too soon.", None, ("R13",), (0,))

        merged = with_findings(result, [late])

        assert [f.check for f in merged.findings] == ["C-TOO-SOON", "C-DEMANDING"]
        assert merged.score == 100 - 25 - 10
        assert with_findings(result, []) is result

    def test_preload_builds_the_dictionary_once(self) -> None:
        preload()

        assert spell_checker() is spell_checker()
