"""Replies read from their text: the outcome a careful person takes, against a corpus of
realistic replies worked by hand (``corpus/replies.yaml``)."""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from app.domain.calendar import CalendarSpec, calendar_for
from app.domain.model import ReplyOutcome
from app.domain.replies import read_reply

CORPUS = Path(__file__).parent / "corpus" / "replies.yaml"


@cache
def corpus() -> tuple[dict[str, Any], ...]:
    data = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    return tuple(
        {**data["contexts"][row["context"]], **row, "index": i}
        for i, row in enumerate(data["rows"])
    )


def _label(row: dict[str, Any]) -> str:
    return f"{row['index']:03d}-{row['outcome']}: {row['why']}"


def read(row: dict[str, Any]):
    country = row["country"]
    return read_reply(
        row["text"],
        received_on=row["received_on"],
        calendar=calendar_for(CalendarSpec(country, row["subdivision"])),
        day_first=country != "US",
    )


def test_the_corpus_covers_every_outcome() -> None:
    counts = Counter(row["outcome"] for row in corpus())

    assert len(corpus()) >= 120
    assert set(counts) == {o.value for o in ReplyOutcome}, counts


@pytest.mark.parametrize("row", corpus(), ids=_label)
def test_a_reply_reads_as_worked_by_hand(row: dict[str, Any]) -> None:
    reading = read(row)

    assert reading.outcome == ReplyOutcome(row["outcome"]), reading.interpretation
    assert reading.new_deadline == row.get("deadline")
    assert reading.return_date == row.get("back")
    assert reading.recognized == row.get("recognized", True)
    assert reading.interpretation
    assert not reading.given


@pytest.mark.parametrize(
    "text",
    [
        "Congratulations on completing the loop!",
        "Congratulations on completing the loop! We'll be in touch.",
        "Great job today, the team loved your presentation.",
    ],
)
def test_praise_is_not_an_offer(text: str) -> None:
    reading = read_reply(
        text,
        received_on=corpus()[0]["received_on"],
        calendar=calendar_for(CalendarSpec("US", "NY")),
        day_first=False,
    )

    assert reading.outcome is not ReplyOutcome.OFFER


def _read_en(text: str):
    return read_reply(
        text,
        received_on=corpus()[0]["received_on"],
        calendar=calendar_for(CalendarSpec("US", "NY")),
        day_first=False,
    )


@pytest.mark.parametrize(
    ("text", "outcome"),
    [
        # the role went to someone else
        ("We extended an offer to another candidate, who has accepted.", "rejection"),
        ("The team has decided to offer the role to another candidate.", "rejection"),
        ("heard back from the team and they've decided to pass. Sorry!", "rejection"),
        ("you were great, but we've found our person for this one.", "rejection"),
        ("We've decided to appoint someone else to the role.", "rejection"),
        (
            "After reviewing the feedback, we won't be moving you on to the final round.",
            "rejection",
        ),
        # offers said as people say them
        ("Offer letter attached! Please sign and return by Friday.", "offer"),
        ("We would love to have you join us as our new Marketing Coordinator!", "offer"),
        ("so happy to tell you we want to bring you on board :)", "offer"),
        ("Good news - they've come back with an offer!", "offer"),
        # next rounds
        (
            "Please use this link to book a 45-minute conversation with the hiring manager.",
            "next_round",
        ),
        (
            "As the next part of our process, we'd like you to complete a take-home exercise.",
            "next_round",
        ),
        ("We'd like to bring you in to meet the rest of the team.", "next_round"),
        # the team's own interviews are not an invitation
        (
            "We're wrapping up our last interviews and will decide by the end of next week.",
            "update",
        ),
        ("We just finished our last interview! You should hear from us in 24-48 hours.", "update"),
    ],
)
def test_what_the_reply_says_as_people_say_it(text: str, outcome: str) -> None:
    assert _read_en(text).outcome == ReplyOutcome(outcome)


def test_a_colleague_away_is_an_update_not_an_out_of_office_notice() -> None:
    reading = _read_en(
        "Dave is out of the office until 12/7. You should hear from me by Wednesday, December 9."
    )

    assert reading.outcome is ReplyOutcome.UPDATE
    assert reading.new_deadline == date(2026, 12, 9)
    assert reading.return_date is None


def test_the_candidates_own_message_quoted_under_the_reply_is_not_read() -> None:
    reading = _read_en(
        "Still waiting on the panel. You'll hear from us by EOW.\n\nThanks,\nJill\n\n"
        "On Tue, Nov 24, 2026 at 5:41 PM Ann <ann@example.com> wrote:\n"
        "> Thank you for the interview! I'd love to move forward to the final round.\n"
    )

    assert reading.outcome is ReplyOutcome.UPDATE
    assert reading.new_deadline == date(2026, 12, 4)


def test_a_mailing_to_many_is_not_an_answer() -> None:
    reading = _read_en(
        "Careers newsletter - December\n\nJoin our virtual career fair on December 9! "
        "You are receiving this because you signed up. Unsubscribe"
    )

    assert not reading.recognized
