"""The policies (docs/policies.md): the articles' disagreements turned into named choices."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import time
from typing import Any

from app.domain.errors import InvalidFacts


@dataclass(frozen=True, slots=True)
class BusinessDayWindow:
    """A window counted in business days after an anchor date: its first and last day."""

    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Policy:
    """Every parameter the planner reads. Business days count from the day after the anchor.

    Attributes:
        name: ``standard``, ``minimal`` or ``patient``, with ``+overrides`` once overridden.
        thank_you_within_hours: the thank-you is due within this many hours of the interview's
            end (R1).
        follow_up_after_deadline: business days after a stated deadline when the status
            follow-up may go (R6): ``first=2`` is "one full business day has passed".
        follow_up_without_timeline: business days after the interview when no timeline was
            given (R7).
        final_follow_up_after: business days after the follow-up for the one final message
            (R9), or None for no final message.
        escalation: whether to offer writing to the hiring manager after two unanswered
            messages to a recruiter (R10).
        escalation_after: business days after the final message for that optional step.
        move_on_after: business days after the last message when to stop and move on (R11).
        business_hours_start: start of the recipient's business hours, local time.
        business_hours_end: end of the recipient's business hours, local time.
    """

    name: str
    thank_you_within_hours: int
    follow_up_after_deadline: BusinessDayWindow
    follow_up_without_timeline: BusinessDayWindow
    final_follow_up_after: BusinessDayWindow | None
    escalation: bool
    escalation_after: BusinessDayWindow
    move_on_after: int
    business_hours_start: time = time(9, 0)
    business_hours_end: time = time(17, 0)

    def with_overrides(self, overrides: dict[str, Any]) -> Policy:
        """This policy with some parameters replaced, checked for sense.

        Args:
            overrides: parameter name to new value; windows as ``BusinessDayWindow``.

        Returns:
            The new policy, named e.g. ``standard+overrides`` when anything changed.

        Raises:
            InvalidFacts: naming each ``policy_overrides`` field that makes no sense.
        """
        if not overrides:
            return self
        known = {f.name for f in fields(self)} - {"name"}
        problems: list[tuple[tuple[str | int, ...], str]] = [
            (("policy_overrides", key), "is not a policy parameter")
            for key in overrides
            if key not in known
        ]
        if problems:
            raise InvalidFacts(problems)
        changed = replace(self, name=f"{self.name}+overrides", **overrides)
        changed.check()
        return changed

    def check(self) -> None:
        problems: list[tuple[tuple[str | int, ...], str]] = []
        windows = {
            "follow_up_after_deadline": self.follow_up_after_deadline,
            "follow_up_without_timeline": self.follow_up_without_timeline,
            "final_follow_up_after": self.final_follow_up_after,
            "escalation_after": self.escalation_after,
        }
        for key, window in windows.items():
            if window is not None and not 1 <= window.first <= window.last <= 60:
                problems.append(
                    (("policy_overrides", key), "needs 1 <= first <= last <= 60 business days")
                )
        if not 1 <= self.thank_you_within_hours <= 168:
            problems.append(
                (("policy_overrides", "thank_you_within_hours"), "must be between 1 and 168 hours")
            )
        if not 1 <= self.move_on_after <= 60:
            problems.append(
                (("policy_overrides", "move_on_after"), "must be between 1 and 60 business days")
            )
        if self.business_hours_start >= self.business_hours_end:
            problems.append(
                (("policy_overrides", "business_hours_end"), "must be after business_hours_start")
            )
        if problems:
            raise InvalidFacts(problems)


STANDARD = Policy(
    name="standard",
    thank_you_within_hours=24,
    follow_up_after_deadline=BusinessDayWindow(2, 4),
    follow_up_without_timeline=BusinessDayWindow(5, 7),
    final_follow_up_after=BusinessDayWindow(5, 7),
    escalation=True,
    escalation_after=BusinessDayWindow(5, 7),
    move_on_after=5,
)

MINIMAL = Policy(
    name="minimal",
    thank_you_within_hours=24,
    follow_up_after_deadline=BusinessDayWindow(1, 2),
    follow_up_without_timeline=BusinessDayWindow(5, 6),
    final_follow_up_after=None,
    escalation=False,
    escalation_after=BusinessDayWindow(5, 7),
    move_on_after=5,
)

PATIENT = Policy(
    name="patient",
    thank_you_within_hours=48,
    follow_up_after_deadline=BusinessDayWindow(2, 6),
    follow_up_without_timeline=BusinessDayWindow(10, 12),
    final_follow_up_after=BusinessDayWindow(5, 7),
    escalation=False,
    escalation_after=BusinessDayWindow(5, 7),
    move_on_after=10,
)

POLICIES: dict[str, Policy] = {p.name: p for p in (STANDARD, MINIMAL, PATIENT)}

#: Why each parameter has the values it has: the rules and seeds behind it.
PARAMETER_SOURCES: dict[str, tuple[tuple[str, ...], str]] = {
    "thank_you_within_hours": (("R1",), "24 h (000); 24-48 h (004); within 48 h (001)."),
    "follow_up_after_deadline": (
        ("R6",),
        "One full business day after the deadline has passed (000); the next day (002, 003); "
        "up to a week later (002). The window runs from `first` to `last` business day.",
    ),
    "follow_up_without_timeline": (
        ("R7",),
        "About 5-7 business days (000); a week (003); a week or two (004); two weeks (001).",
    ),
    "final_follow_up_after": (
        ("R9",),
        "One final, briefer message after a week with no reply (000); two are fine (002, 004); "
        "one follow-up only (003) - null means no final message.",
    ),
    "escalation": (
        ("R10",),
        "After two unanswered messages to a recruiter, write to the hiring manager (002); "
        "stick to the primary contact (000).",
    ),
    "escalation_after": (("R10",), "Business days after the final message to the recruiter."),
    "move_on_after": (("R11",), "Stop after the last message; silence is an answer (000, 002)."),
    "business_hours_start": (("R13",), "Messages go in the recipient's business hours."),
    "business_hours_end": (("R13",), "Messages go in the recipient's business hours."),
}
