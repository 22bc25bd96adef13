"""The business calendar: the ``holidays`` package's working days, weekends and week, wrapped.

Dates checked against ``holidays`` 0.109 directly (see the calendars in test_rules.py):
US-NY closes Thanksgiving Thu 2026-11-26, Christmas Fri 2026-12-25, New Year Fri 2027-01-01
and Fri 2026-07-03 (Independence Day observed); DE-BY closes Epiphany Wed 2027-01-06 and DE-BE
Women's Day Mon 2027-03-08; Israel's weekend is Friday-Saturday and its week starts on Sunday.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.domain.calendar import (
    EXTRA_CLOSED,
    CalendarSpec,
    calendar_for,
    known_country,
    known_subdivision,
)
from app.domain.errors import InvalidFacts, UnknownCalendar

US_NY = CalendarSpec("US", "NY")
DE_BY = CalendarSpec("DE", "BY")
DE_BE = CalendarSpec("DE", "BE")
IL = CalendarSpec("IL")
US_NY_BRIDGE = CalendarSpec("US", "NY", (date(2026, 11, 27),))  # the Friday after Thanksgiving


def d(text: str) -> date:
    return date.fromisoformat(text)


def row(case: str, *values: object) -> object:
    return pytest.param(*values, id=case)


# fmt: off
OPEN_OR_CLOSED = [
    #   calendar      day           closure (None: a business day)
    row("US Thanksgiving",                 US_NY, "2026-11-26", "Thanksgiving Day"),
    row("US the Friday after: open",       US_NY, "2026-11-27", None),
    row("US Saturday",                     US_NY, "2026-11-28", "weekend"),
    row("US Sunday",                       US_NY, "2026-11-29", "weekend"),
    row("US Monday",                       US_NY, "2026-11-30", None),
    row("US Christmas Eve: open",          US_NY, "2026-12-24", None),
    row("US Christmas",                    US_NY, "2026-12-25", "Christmas Day"),
    row("US New Year",                     US_NY, "2027-01-01", "New Year's Day"),
    row("US July 3, observed",             US_NY, "2026-07-03", "Independence Day (observed)"),
    row("US July 4 on a Saturday",         US_NY, "2026-07-04", "Independence Day"),
    row("DE-BY Epiphany",                  DE_BY, "2027-01-06", "Epiphany"),
    row("DE-BE Epiphany: open",            DE_BE, "2027-01-06", None),
    row("DE-BE Women's Day",               DE_BE, "2027-03-08", "Women's Day"),
    row("DE-BY Women's Day: open",         DE_BY, "2027-03-08", None),
    row("DE Christmas",                    DE_BY, "2026-12-25", "Christmas Day"),
    row("IL Thursday: open",               IL,    "2026-11-26", None),
    row("IL Friday",                       IL,    "2026-11-27", "weekend"),
    row("IL Saturday",                     IL,    "2026-11-28", "weekend"),
    row("IL Sunday: open",                 IL,    "2026-11-29", None),
    row("IL Rosh Hashanah on a Sunday",    IL,    "2026-09-13", "Rosh Hashanah"),
    row("IL Yom Kippur",                   IL,    "2026-09-21", "Yom Kippur"),
    row("US extra closed date",            US_NY_BRIDGE, "2026-11-27", EXTRA_CLOSED),
    row("US extra closed: Monday open",    US_NY_BRIDGE, "2026-11-30", None),
]
# fmt: on


@pytest.mark.parametrize(("spec", "day", "closure"), OPEN_OR_CLOSED)
def test_business_days_and_why_a_day_is_closed(spec, day, closure) -> None:
    calendar = calendar_for(spec)

    assert calendar.is_business_day(d(day)) is (closure is None)
    assert calendar.closure(d(day)) == closure


# fmt: off
MOVES = [
    #   calendar      from          n   to
    row("US over Thanksgiving",          US_NY, "2026-11-25",  1, "2026-11-27"),
    row("US Friday to Monday",           US_NY, "2026-12-04",  1, "2026-12-07"),
    row("US Friday, second: Tuesday",    US_NY, "2026-12-04",  2, "2026-12-08"),
    row("US over Christmas",             US_NY, "2026-12-24",  1, "2026-12-28"),
    row("US over New Year",              US_NY, "2026-12-31",  1, "2027-01-04"),
    row("US from a Saturday",            US_NY, "2026-11-28",  1, "2026-11-30"),
    row("US a whole week",               US_NY, "2026-11-24",  5, "2026-12-02"),
    row("US back over Thanksgiving",     US_NY, "2026-11-27", -1, "2026-11-25"),
    row("US back over Christmas",        US_NY, "2026-12-28", -1, "2026-12-24"),
    row("US back from a Saturday",       US_NY, "2026-11-28", -1, "2026-11-27"),
    row("zero stays put, open or not",   US_NY, "2026-11-28",  0, "2026-11-28"),
    row("DE-BY over Epiphany",           DE_BY, "2027-01-05",  1, "2027-01-07"),
    row("DE-BE Epiphany is open",        DE_BE, "2027-01-05",  1, "2027-01-06"),
    row("IL Thursday to Sunday",         IL,    "2026-11-26",  1, "2026-11-29"),
    row("IL Sunday back to Thursday",    IL,    "2026-11-29", -1, "2026-11-26"),
    row("IL over Rosh Hashanah",         IL,    "2026-09-10",  1, "2026-09-14"),
    row("US extra closed Friday",        US_NY_BRIDGE, "2026-11-25", 1, "2026-11-30"),
]
# fmt: on


@pytest.mark.parametrize(("spec", "start", "n", "end"), MOVES)
def test_business_day_after_counts_business_days_from_the_next_day(spec, start, n, end) -> None:
    assert calendar_for(spec).business_day_after(d(start), n) == d(end)


# fmt: off
NEAREST = [
    #   calendar      day           on or after   on or before
    row("US open day",         US_NY, "2026-11-30", "2026-11-30", "2026-11-30"),
    row("US Thanksgiving",     US_NY, "2026-11-26", "2026-11-27", "2026-11-25"),
    row("US Saturday",         US_NY, "2026-11-28", "2026-11-30", "2026-11-27"),
    row("US Christmas",        US_NY, "2026-12-25", "2026-12-28", "2026-12-24"),
    row("DE-BY Epiphany",      DE_BY, "2027-01-06", "2027-01-07", "2027-01-05"),
    row("IL Friday",           IL,    "2026-11-27", "2026-11-29", "2026-11-26"),
]
# fmt: on


@pytest.mark.parametrize(("spec", "day", "on_or_after", "on_or_before"), NEAREST)
def test_nearest_business_day_either_way(spec, day, on_or_after, on_or_before) -> None:
    calendar = calendar_for(spec)

    assert calendar.business_day_on_or_after(d(day)) == d(on_or_after)
    assert calendar.business_day_on_or_before(d(day)) == d(on_or_before)


# fmt: off
WEEKS = [
    #   calendar  day           weeks ahead  first day     last day
    row("US Tuesday",            US_NY, "2026-11-24",  0, "2026-11-23", "2026-11-29"),
    row("US Monday",             US_NY, "2026-11-23",  0, "2026-11-23", "2026-11-29"),
    row("US Sunday ends it",     US_NY, "2026-11-29",  0, "2026-11-23", "2026-11-29"),
    row("US next week",          US_NY, "2026-11-24",  1, "2026-11-30", "2026-12-06"),
    row("US last week",          US_NY, "2026-11-24", -1, "2026-11-16", "2026-11-22"),
    row("US over New Year",      US_NY, "2026-12-30",  1, "2027-01-04", "2027-01-10"),
    row("DE Monday to Sunday",   DE_BY, "2027-01-06",  0, "2027-01-04", "2027-01-10"),
    row("IL Tuesday",            IL,    "2026-11-24",  0, "2026-11-22", "2026-11-28"),
    row("IL Sunday starts it",   IL,    "2026-11-22",  0, "2026-11-22", "2026-11-28"),
    row("IL Saturday ends it",   IL,    "2026-11-28",  0, "2026-11-22", "2026-11-28"),
    row("IL next week",          IL,    "2026-11-26",  1, "2026-11-29", "2026-12-05"),
]
# fmt: on


@pytest.mark.parametrize(("spec", "day", "weeks_ahead", "first", "last"), WEEKS)
def test_week_of_starts_the_day_after_the_countrys_weekend(
    spec, day, weeks_ahead, first, last
) -> None:
    assert calendar_for(spec).week_of(d(day), weeks_ahead) == (d(first), d(last))


@pytest.mark.parametrize(
    ("spec", "weekend", "week_start"),
    [
        row("US Saturday-Sunday, Monday first", US_NY, {5, 6}, 0),
        row("DE Saturday-Sunday, Monday first", DE_BE, {5, 6}, 0),
        row("IL Friday-Saturday, Sunday first", IL, {4, 5}, 6),
    ],
)
def test_each_country_has_its_own_weekend(spec, weekend, week_start) -> None:
    calendar = calendar_for(spec)

    assert calendar.weekend == frozenset(weekend)
    assert calendar.week_start == week_start


# fmt: off
LAST_OPEN = [
    #   calendar  from          to            last business day in between
    row("US Thanksgiving week ends Friday",  US_NY, "2026-11-23", "2026-11-29", "2026-11-27"),
    row("US Christmas week ends Thursday",   US_NY, "2026-12-21", "2026-12-27", "2026-12-24"),
    row("US July 3 week ends Thursday",      US_NY, "2026-06-29", "2026-07-05", "2026-07-02"),
    row("IL week ends Thursday",             IL,    "2026-11-22", "2026-11-28", "2026-11-26"),
    row("US nothing open: the last day",     US_NY, "2026-11-28", "2026-11-29", "2026-11-29"),
    row("US a closed day alone: itself",     US_NY, "2026-11-26", "2026-11-26", "2026-11-26"),
]
# fmt: on


@pytest.mark.parametrize(("spec", "first", "last", "expected"), LAST_OPEN)
def test_last_business_day_between(spec, first, last, expected) -> None:
    assert calendar_for(spec).last_business_day_between(d(first), d(last)) == d(expected)


def test_extra_closed_dates_do_not_leak_into_the_plain_calendar() -> None:
    bridged = calendar_for(US_NY_BRIDGE)
    plain = calendar_for(US_NY)

    assert bridged is not plain
    assert not bridged.is_business_day(d("2026-11-27"))
    assert plain.is_business_day(d("2026-11-27"))
    assert calendar_for(CalendarSpec("US", "NY")).is_business_day(d("2026-11-27"))


def test_extra_closed_dates_in_another_year_are_closed_too() -> None:
    calendar = calendar_for(CalendarSpec("US", "NY", (d("2029-06-01"),)))

    assert calendar.closure(d("2029-06-01")) == EXTRA_CLOSED
    assert calendar.business_day_after(d("2029-05-31"), 1) == d("2029-06-04")


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        row("lower case", CalendarSpec("us", "ny"), US_NY),
        row("spaces", CalendarSpec(" US ", " NY "), US_NY),
        row(
            "extra dates in any order, repeated",
            CalendarSpec("US", "NY", (d("2026-12-31"), d("2026-11-27"), d("2026-12-31"))),
            CalendarSpec("US", "NY", (d("2026-11-27"), d("2026-12-31"))),
        ),
        row(
            "mixed-case subdivision names",
            CalendarSpec("fr", "zone a"),
            CalendarSpec("FR", "Zone A"),
        ),
    ],
)
def test_calendars_are_cached_per_canonical_spec(variant, canonical) -> None:
    calendar = calendar_for(variant)

    assert calendar is calendar_for(canonical)
    assert calendar.spec == canonical


# fmt: off
UNKNOWN = [
    #   spec                      field named                 words in the message
    row("unknown country",
        CalendarSpec("XX"),       ("calendar", "country"),     "'XX'"),
    row("empty country",
        CalendarSpec(""),         ("calendar", "country"),     "ISO 3166"),
    row("unknown subdivision",
        CalendarSpec("US", "ZZ"), ("calendar", "subdivision"), "NY"),
    row("another country's state",
        CalendarSpec("DE", "NY"), ("calendar", "subdivision"), "BY"),
    row("subdivision of an unknown country",
        CalendarSpec("XX", "NY"), ("calendar", "country"),     "'XX'"),
]
# fmt: on


@pytest.mark.parametrize(("spec", "field", "words"), UNKNOWN)
def test_unknown_country_or_subdivision_names_the_field(spec, field, words) -> None:
    with pytest.raises(UnknownCalendar) as raised:
        calendar_for(spec)

    assert isinstance(raised.value, InvalidFacts)
    ((loc, message),) = raised.value.problems
    assert loc == field
    assert words in message


@pytest.mark.parametrize(
    ("country", "subdivision", "canonical"),
    [
        ("us", None, "US"),
        (" il ", None, "IL"),
        ("de", "by", "BY"),
        ("GB", "eng", "ENG"),
        ("FR", "ZONE A", "Zone A"),
    ],
)
def test_known_country_and_subdivision_give_the_canonical_code(
    country, subdivision, canonical
) -> None:
    if subdivision is None:
        assert known_country(country) == canonical
    else:
        assert known_subdivision(country, subdivision) == canonical
