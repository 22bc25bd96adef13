"""Scoring a corpus of texts read into decision dates against answers worked by hand."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from app.domain.model import TimelineReading

GROUPS = ("listed", "everyday", "distractors", "vague")
#: At least this share read as worked by hand, and 90 % in every group.
TARGET = 0.95


def assert_read_as_worked(
    rows: Iterable[dict[str, Any]],
    read: Callable[[dict[str, Any]], TimelineReading],
    label: Callable[[dict[str, Any]], str],
) -> None:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    misses = []
    for row in rows:
        reading = read(row)
        total[row["group"]] += 1
        if reading.deadline == row["expect"]:
            right[row["group"]] += 1
        else:
            misses.append(f"{label(row)} -> {reading.deadline} ({reading.matched!r})")
    score = sum(right.values()) / sum(total.values())
    per_group = {g: f"{right[g]}/{total[g]}" for g in GROUPS}

    assert score >= TARGET, (score, per_group, misses)
    assert all(right[g] / total[g] >= 0.9 for g in GROUPS), (per_group, misses)
