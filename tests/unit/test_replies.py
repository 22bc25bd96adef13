"""Replies read from their text: the outcome a careful person takes, against a corpus of
realistic replies worked by hand (``corpus/replies.yaml``)."""

from __future__ import annotations

from collections import Counter
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
