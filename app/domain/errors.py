"""The domain's own exceptions; the web layer translates them into problem documents."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error the domain raises."""


class InvalidFacts(DomainError):
    """Facts the planner cannot work with, each problem tied to the field that causes it.

    Args:
        problems: pairs of (field path, message), the field path as a tuple of keys.
    """

    def __init__(self, problems: list[tuple[tuple[str | int, ...], str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{'.'.join(map(str, loc))}: {msg}" for loc, msg in problems))


class UnknownCalendar(InvalidFacts):
    """A country or subdivision the ``holidays`` package does not know."""
