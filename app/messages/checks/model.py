"""What a check reads (a draft and what is known about it) and what it reports (findings)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from app.domain.model import Channel, StepKind
from app.domain.rules import sources_of

Part = Literal["subject", "body"]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


#: Points a finding takes off the score of 100 (floored at 0): one error is a message not to
#: send as it is; a warning is worth fixing; a note is a matter of taste.
PENALTY = {Severity.ERROR: 25, Severity.WARNING: 10, Severity.INFO: 2}


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start`` to ``end`` (exclusive) of the draft's ``part``."""

    part: Part
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to fix in a draft.

    Attributes:
        check: the stable id of the check that found it (``C-SALARY``).
        severity: ``error`` (do not send as it is), ``warning`` or ``info``.
        message: one sentence saying what to change.
        span: where in the subject or body; None for a finding about when the message goes
            out rather than what it says.
        rules: the ids of the rules the check follows (docs/rules.md).
        sources: the seed articles (0-4) the check comes from.
    """

    check: str
    severity: Severity
    message: str
    span: Span | None
    rules: tuple[str, ...]
    sources: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Check:
    """A check's identity: what it finds, how bad that is, and where the guidance comes from."""

    id: str
    severity: Severity
    rules: tuple[str, ...]
    sources: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not self.sources:
            object.__setattr__(self, "sources", sources_of(self.rules))

    def finding(self, message: str, span: Span | None) -> Finding:
        return Finding(self.id, self.severity, message, span, self.rules, self.sources)


@dataclass(frozen=True, slots=True)
class DraftContext:
    """What is known about the interview a draft is about; every field is optional.

    ``known_words`` are further words the spelling check accepts: terms of the trade, the
    discussion points' words.
    """

    interviewer_name: str | None = None
    #: The first name the interviewer goes by, where it is not the first word of their name.
    interviewer_preferred_name: str | None = None
    job_title: str | None = None
    company: str | None = None
    interview_date: date | None = None
    candidate_name: str | None = None
    known_words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Draft:
    """A message to check: a step kind, a subject (email) and a body (or voicemail script)."""

    kind: StepKind
    body: str
    subject: str | None = None
    channel: Channel = Channel.EMAIL
    context: DraftContext = DraftContext()
    #: The language the draft is written in (en, de, fr, es): its phrase tables, letter
    #: shapes, dictionary and word budgets; None: English, or a stored interview's.
    language: str | None = None


@dataclass(frozen=True, slots=True)
class CheckResult:
    """The score (100 minus each finding's penalty, at least 0) and the findings, in order."""

    score: int
    findings: tuple[Finding, ...]
    word_count: int
    word_budget: int | None


def score(findings: tuple[Finding, ...] | list[Finding]) -> int:
    """100 minus :data:`PENALTY` per finding, floored at 0."""
    return max(0, 100 - sum(PENALTY[finding.severity] for finding in findings))
