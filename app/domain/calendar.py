"""The hiring team's business calendar, over the ``holidays`` package's working-day API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

import holidays
from holidays.holiday_base import HolidayBase

from app.domain.errors import UnknownCalendar

EXTRA_CLOSED = "Closed (extra date)"
_MEMO_LIMIT = 20_000


@dataclass(frozen=True, slots=True)
class CalendarSpec:
    """Which calendar: a country and optional subdivision as ``holidays`` names them.

    Args:
        country: ISO 3166-1 alpha-2 code, e.g. ``US``.
        subdivision: a subdivision code ``holidays`` knows for that country, e.g. ``NY``.
        extra_closed: further dates the hiring team does not work.
    """

    country: str
    subdivision: str | None = None
    extra_closed: tuple[date, ...] = ()


class BusinessCalendar:
    """Business days of one country (and subdivision), with that country's own weekend.

    Every question is answered by the ``holidays`` object: ``is_working_day`` and
    ``get_nth_working_day`` know the weekend, the holidays and any weekend working days.
    """

    __slots__ = ("spec", "_holidays", "weekend", "week_start", "_open", "_moves")

    def __init__(self, spec: CalendarSpec, calendar: HolidayBase) -> None:
        self.spec = spec
        self._holidays = calendar
        self.weekend: frozenset[int] = frozenset(calendar.weekend)
        self.week_start = _week_start(self.weekend)
        # Memos of the library's answers: a plan asks about the same few weeks many times.
        self._open: dict[date, bool] = {}
        self._moves: dict[tuple[date, int], date] = {}

    def is_business_day(self, day: date) -> bool:
        try:
            return self._open[day]
        except KeyError:
            if len(self._open) >= _MEMO_LIMIT:
                self._open.clear()
            answer = self._open[day] = bool(self._holidays.is_working_day(day))
            return answer

    def business_day_after(self, day: date, n: int) -> date:
        """The n-th business day after ``day`` (``day`` itself not counted).

        Args:
            day: the starting date.
            n: how many business days to move; negative moves back.

        Returns:
            The date reached.
        """
        if n == 0:
            return day
        return self._move(day, n)

    def business_day_on_or_after(self, day: date) -> date:
        return self._move(day, 0)

    def _move(self, day: date, n: int) -> date:
        try:
            return self._moves[day, n]
        except KeyError:
            if len(self._moves) >= _MEMO_LIMIT:
                self._moves.clear()
            result: date = self._holidays.get_nth_working_day(day, n)
            self._moves[day, n] = result
            return result

    def business_day_on_or_before(self, day: date) -> date:
        return day if self.is_business_day(day) else self.business_day_after(day, -1)

    def closure(self, day: date) -> str | None:
        """Why ``day`` is not a business day (a holiday's name, or "weekend"), or None."""
        if self.is_business_day(day):
            return None
        name = self._holidays.get(day)
        return str(name) if name else "weekend"

    def holidays_in(self, year: int) -> tuple[tuple[date, str], ...]:
        """The holidays of ``year`` as the ``holidays`` package names them, in date order."""
        # Asking about a date makes the library populate that year.
        _ = date(year, 1, 1) in self._holidays
        return tuple(sorted((d, str(n)) for d, n in self._holidays.items() if d.year == year))

    def week_of(self, day: date, weeks_ahead: int = 0) -> tuple[date, date]:
        """First and last calendar day of the week holding ``day``, in this country's week.

        A week starts on the first day after the weekend: Monday where the weekend is
        Saturday-Sunday, Sunday where it is Friday-Saturday.
        """
        start = day - timedelta(days=(day.weekday() - self.week_start) % 7)
        start += timedelta(weeks=weeks_ahead)
        return start, start + timedelta(days=6)

    def last_business_day_between(self, first: date, last: date) -> date:
        """The last business day in ``[first, last]``; ``last`` itself if none is open."""
        day = self.business_day_on_or_before(last)
        return day if day >= first else last


def _week_start(weekend: frozenset[int]) -> int:
    for day in range(7):
        if day not in weekend and (day - 1) % 7 in weekend:
            return day
    return 0


@lru_cache(maxsize=32)
def _supported() -> dict[str, list[str]]:
    supported: dict[str, list[str]] = holidays.list_supported_countries()
    return supported


@lru_cache(maxsize=512)
def _subdivisions(country: str) -> dict[str, str]:
    return {code.upper(): code for code in _supported()[country]}


def supported_subdivisions(country: str) -> tuple[str, ...]:
    """The subdivision codes ``holidays`` knows for a (known) country."""
    return tuple(_supported()[country])


def known_country(country: str) -> str:
    """The country code in canonical case, if the ``holidays`` package knows it.

    Raises:
        UnknownCalendar: naming ``calendar.country``.
    """
    code = country.strip().upper()
    if code not in _supported():
        raise UnknownCalendar(
            [
                (
                    ("calendar", "country"),
                    f"'{country}' is not a country the holidays package "
                    "knows (ISO 3166-1 alpha-2, e.g. US, DE, IL)",
                )
            ]
        )
    return code


def known_subdivision(country: str, subdivision: str) -> str:
    """The subdivision code in canonical case, if ``holidays`` knows it for that country.

    Raises:
        UnknownCalendar: naming ``calendar.subdivision``.
    """
    code = known_country(country)
    try:
        return _subdivisions(code)[subdivision.strip().upper()]
    except KeyError:
        known = _supported()[code]
        listed = ", ".join(code for code in known if len(code) <= 4) or "none"
        raise UnknownCalendar(
            [
                (
                    ("calendar", "subdivision"),
                    f"'{subdivision}' is not a subdivision of "
                    f"{country.upper()} the holidays package knows; it knows: {listed}",
                )
            ]
        ) from None


def normalize_spec(spec: CalendarSpec) -> CalendarSpec:
    """Check a calendar spec against ``holidays`` and put its codes in canonical case.

    Raises:
        UnknownCalendar: naming ``calendar.country`` or ``calendar.subdivision``.
    """
    country = known_country(spec.country)
    subdivision = None if spec.subdivision is None else known_subdivision(country, spec.subdivision)
    return CalendarSpec(country, subdivision, tuple(sorted(set(spec.extra_closed))))


@lru_cache(maxsize=256)
def _calendar(spec: CalendarSpec) -> BusinessCalendar:
    base = holidays.country_holidays(spec.country, subdiv=spec.subdivision)
    for day in spec.extra_closed:
        base[day] = EXTRA_CLOSED
    return BusinessCalendar(spec, base)


@lru_cache(maxsize=1024)
def calendar_for(spec: CalendarSpec) -> BusinessCalendar:
    """The (cached) business calendar for a spec.

    Raises:
        UnknownCalendar: if ``holidays`` does not know the country or subdivision.
    """
    return _calendar(normalize_spec(spec))
