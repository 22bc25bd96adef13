"""Reads what the interviewer said about the decision into a deadline (the timeline phrases of
the specification), from a phrase or from a whole recruiter e-mail.

The reader finds every date expression in the text, resolves each against the interview's day
and the hiring team's calendar, and then decides, sentence by sentence, which of them speak of
the decision (deciding, answering, getting back, hearing, next steps) and which are something
else: the interview, an e-mail header, a start date, a contract length, a work pattern, an
absence, a past duration, a date already past. Of the decision dates it takes the latest, so
a modifier never beats its day ("close of business on Friday" is Friday), and ranges and
alternatives take their later bound ("by Friday, or Monday at the latest" is Monday). A wrong
date is worse than none: following up on or before the promised day is the first mistake the
seeds warn about (000, 003; R6, R13), so every choice here leans later, never earlier.

Text no rule reads gives no deadline; the planner then warns ``timeline_unrecognized`` (R7).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as relative_weekday

from app.domain.calendar import BusinessCalendar
from app.domain.model import (
    DecisionTimeline,
    Explained,
    Month,
    SetAside,
    TimelineReading,
    TimelineSource,
    said,
)

MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "couple": 2,
    "few": 3,
    "several": 4,
    "twenty-four": 24,
    "forty-eight": 48,
    "seventy-two": 72,
}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_ANY_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_NUMBER = r"\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_UNIT = (
    r"(?P<unit>(?:business|working|biz|bus\.?)\s+days?|(?:calendar\s+)?days?|weeks?|wks?"
    r"|months?|mos|mths?)"
)
_WEEK = r"(?:work(?:ing)?\s*)?(?:week|wk)"
#: "next", and "nxt" as typed on a phone.
_NEXT = r"ne?xt"
_DAY_NAME = (
    r"(?P<weekday>monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|(?:mon|tues?|weds?|thur?s?|fri)\.?)"
)
_ABBREVIATED = {
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "weds": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "thus": 3,
    "fri": 4,
}
#: Ordinals that count something other than a day: "the 2nd round", "3rd floor".
_NOT_A_DAY = (
    r"(?!\s+(?:round|stage|interview|floor|time|candidate|place|step|person|choice|year"
    r"|quarter|applicant|century|anniversary|birthday|call|meeting|one|week|month|percentile"
    # an address: "350 5th Ave", "the 12th floor"
    r"|(?:ave(?:nue)?|st(?:reet)?|fl|blvd|rd|road|suite|precinct|district)\b))"
)

#: Explicit dates and relative phrases (a weekday right before an explicit date names that date).
EXPLICIT, RELATIVE = 2, 1


@dataclass(frozen=True, slots=True)
class _Context:
    said_on: date
    calendar: BusinessCalendar
    day_first: bool
    lang: Language


Resolution = tuple[date, Explained]
Resolver = Callable[[re.Match[str], _Context], Resolution | None]


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """A phrase: its pattern, its rank, how to resolve a match, and the words it needs.

    ``needs`` is a cheap pre-check: a rule runs only on text holding one of those words.
    ``anchored`` rules ("the following week") count from the latest date said before them.
    """

    pattern: re.Pattern[str]
    rank: int
    resolve: Resolver
    needs: tuple[str, ...]
    anchored: bool = False


@lru_cache(maxsize=4096)
def format_day(day: date) -> str:
    """A date as people write it: ``Friday, December 4, 2026``."""
    return f"{WEEKDAYS[day.weekday()].capitalize()}, {day:%B} {day.day}, {day.year}"


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _dated(year: int | None, month: int, day: int, ctx: _Context) -> date | None:
    """A calendar date; without a year, its next occurrence on or after the interview.

    A year-less date up to 60 days before the interview is the past, not next year: it is
    returned as is, and set aside later as a date already past.
    """
    try:
        if year is not None:
            return date(year + 2000 if year < 100 else year, month, day)
        found = date(ctx.said_on.year, month, day)
        if found >= ctx.said_on or (ctx.said_on - found).days <= 60:
            return found
        return date(ctx.said_on.year + 1, month, day)
    except ValueError:
        return None


def _year(match: re.Match[str]) -> int | None:
    year = match.groupdict().get("year")
    return int(year) if year else None


def _explicit(day: date | None, how: Explained) -> Resolution | None:
    return None if day is None else (day, how)


def _iso(m: re.Match[str], ctx: _Context) -> Resolution | None:
    day = _dated(int(m["year"]), int(m["month"]), int(m["day"]), ctx)
    return _explicit(day, said("an ISO date", "how.iso"))


def _month_name(m: re.Match[str], ctx: _Context) -> Resolution | None:
    month = ctx.lang.month(m["month"])
    how = (
        said("a date", "how.date")
        if _year(m)
        else said("the next such date on or after the interview", "how.next_date")
    )
    return _explicit(_dated(_year(m), month, int(m["day"]), ctx), how)


def _numeric(m: re.Match[str], ctx: _Context) -> Resolution | None:
    first, second = int(m["first"]), int(m["second"])
    day, month = (first, second) if ctx.day_first else (second, first)
    order = "day first" if ctx.day_first else "month first"
    country = ctx.calendar.spec.country
    how = said(
        f"a numeric date, {order} as {country} writes dates",
        "how.numeric_day_first" if ctx.day_first else "how.numeric_month_first",
        country=country,
    )
    return _explicit(_dated(_year(m), month, day, ctx), how)


def _dotted(m: re.Match[str], ctx: _Context) -> Resolution | None:
    day = _dated(_year(m), int(m["second"]), int(m["first"]), ctx)
    return _explicit(day, said("a dotted date, day first", "how.dotted"))


def _weekday_index(word: str) -> int:
    word = word.rstrip(".")
    return WEEKDAYS.index(word) if word in WEEKDAYS else _ABBREVIATED[word]


def _weekday(m: re.Match[str], ctx: _Context) -> Resolution:
    weekday = ctx.lang.weekday(m["weekday"])
    if m.groupdict().get("next") or m.groupdict().get("nextweek"):
        start, _ = ctx.calendar.week_of(ctx.said_on, weeks_ahead=1)
        return start + timedelta(days=(weekday - start.weekday()) % 7), said(
            "that day in the next week", "how.weekday_next_week"
        )
    day = ctx.said_on + relativedelta(days=+1, weekday=relative_weekday(weekday)(+1))
    return day, _BARE_WEEKDAY


def _following_weekday(m: re.Match[str], ctx: _Context) -> Resolution:
    weekday = ctx.lang.weekday(m["weekday"])
    start, _ = ctx.calendar.week_of(ctx.said_on, weeks_ahead=1)
    day = start + timedelta(days=(weekday - start.weekday()) % 7)
    return day, said("that day in the week after", "how.weekday_week_after")


#: The fixed readings of the phrase rules, each with its key.
_WHATS = {
    "the interview's week": "week.interview",
    "the week after the interview": "week.after_interview",
    "the second week after the interview": "week.second_after_interview",
    "the week after": "week.after",
    "the second business day of the week after the interview": "how.early_next_week",
    "the third business day of the week after the interview": "how.mid_next_week",
    "the business day after the interview": "how.next_business_day",
    "the day of the interview": "how.same_day",
    "the day after the interview": "how.next_day",
    "two days after the interview": "how.two_days",
    "a few days (3) after the interview": "how.few_days",
    "fifteen days after the interview": "how.fifteen_days",
    "eight days (a huitaine) after the interview": "how.eight_days",
    "a fortnight, 14 days after the interview": "how.fortnight",
}


def _what(text: str) -> Explained:
    if text == "the later bound, 2 business days after the interview":
        return _later_bound(_after(2, "business day"))
    return said(text, _WHATS[text])


def _week_end(weeks_ahead: int, what: Explained) -> Resolver:
    def resolve(m: re.Match[str], ctx: _Context) -> Resolution:
        first, last = ctx.calendar.week_of(ctx.said_on, weeks_ahead)
        return ctx.calendar.last_business_day_between(first, last), said(
            f"the last business day of {what} ({format_day(first)} to {format_day(last)})",
            "how.week_end",
            what=what,
            first=first,
            last=last,
        )

    return resolve


def _next_week_day(nth: int, what: Explained) -> Resolver:
    def resolve(m: re.Match[str], ctx: _Context) -> Resolution:
        first, _ = ctx.calendar.week_of(ctx.said_on, weeks_ahead=1)
        opening = ctx.calendar.business_day_on_or_after(first)
        return ctx.calendar.business_day_after(opening, nth - 1), what

    return resolve


def _span(count: int, unit: str, ctx: _Context) -> Resolution:
    kind = ctx.lang.unit(unit)
    if kind == "business":
        day = ctx.calendar.business_day_after(ctx.said_on, count)
        return day, _after(count, "business day")
    if kind == "day":
        return ctx.said_on + timedelta(days=count), _after(count, "day")
    if kind == "week":
        return ctx.said_on + timedelta(weeks=count), _after(count, "week")
    return ctx.said_on + relativedelta(months=+count), _after(count, "month")


def _after(count: int, unit: str) -> Explained:
    plural = "" if count == 1 else "s"
    return said(
        f"{count} {unit}{plural} after the interview",
        f"how.after_{unit.replace(' ', '_')}s",
        count=count,
    )


def _later_bound(how: Explained) -> Explained:
    return said(f"the later bound, {how}", "how.later_bound", how=how)


def _amount(m: re.Match[str], ctx: _Context) -> Resolution:
    return _span(ctx.lang.number(m["count"]), m["unit"], ctx)


def _amount_from(m: re.Match[str], ctx: _Context) -> Resolution:
    """ "A week from tomorrow", "two weeks from Friday", "10 days from today": the amount
    counted from the day named (a bare weekday is the next one)."""
    if m["tomorrow"]:
        anchor = ctx.said_on + timedelta(days=1)
    elif m["weekday"]:
        anchor = _weekday(m, ctx)[0]
    else:
        anchor = ctx.said_on
    day, how = _amount(m, _Context(anchor, ctx.calendar, ctx.day_first, ctx.lang))
    if anchor != ctx.said_on:
        how = said(
            f"{how}, counted from {format_day(anchor)}", "how.counted_from", how=how, anchor=anchor
        )
    return day, how


def _range(m: re.Match[str], ctx: _Context) -> Resolution:
    later = max(ctx.lang.number(m["low"]), ctx.lang.number(m["high"]))
    day, how = _span(later, m["unit"], ctx)
    return day, _later_bound(how)


def _hours(m: re.Match[str], ctx: _Context) -> Resolution:
    """Hours of a recruiter's clock are working hours: each 24 is one business day."""
    number = ctx.lang.number
    hours = max(number(m["count"]), number(m["low"]) if m["low"] else 0)
    days = max(1, -(-hours // 24))
    day = ctx.calendar.business_day_after(ctx.said_on, days)
    plural = "" if days == 1 else "s"
    return day, said(
        f"{hours} hours, counted as {days} business day{plural} after the interview",
        "how.hours",
        hours=hours,
        days=days,
    )


def _business_days(count: int, what: Explained) -> Resolver:
    def resolve(m: re.Match[str], ctx: _Context) -> Resolution:
        return ctx.calendar.business_day_after(ctx.said_on, count), what

    return resolve


def _month_part(part: str, month_start: date, ctx: _Context) -> Resolution:
    """Early (by the 10th), mid (by the 15th) or end of a month, on a business day."""
    if part in ("early", "beginning of", "start of"):
        cutoff, what, key = (
            month_start.replace(day=10),
            f"by the 10th of {month_start:%B %Y}",
            "early",
        )
    elif part in ("mid", "middle of"):
        cutoff, what, key = (
            month_start.replace(day=15),
            f"by the 15th of {month_start:%B %Y}",
            "mid",
        )
    else:
        cutoff, what, key = month_start + relativedelta(day=31), f"of {month_start:%B %Y}", "end"
    day = ctx.calendar.last_business_day_between(month_start, cutoff)
    month = Month(month_start.year, month_start.month)
    return day, said(f"the last business day {what}", f"how.month_{key}", month=month)


def _part(m: re.Match[str], ctx: _Context) -> str:
    return ctx.lang.part(" ".join(m["part"].split()).removeprefix("the "))


def _this_month_end(m: re.Match[str], ctx: _Context) -> Resolution:
    return _month_part("end of", ctx.said_on.replace(day=1), ctx)


def _next_month_part(m: re.Match[str], ctx: _Context) -> Resolution:
    part = _part(m, ctx) if m["part"] else "end of"
    return _month_part(part, ctx.said_on.replace(day=1) + relativedelta(months=+1), ctx)


def _month_start(m: re.Match[str], ctx: _Context) -> date:
    month = ctx.lang.month(m["month"])
    year = ctx.said_on.year + (1 if month < ctx.said_on.month else 0)
    return date(year, month, 1)


def _named_month_part(m: re.Match[str], ctx: _Context) -> Resolution:
    return _month_part(_part(m, ctx), _month_start(m, ctx), ctx)


def _in_month(m: re.Match[str], ctx: _Context) -> Resolution:
    return _month_part("end of", _month_start(m, ctx), ctx)


def _days_after(days: int, what: Explained) -> Resolver:
    def resolve(m: re.Match[str], ctx: _Context) -> Resolution:
        return ctx.said_on + timedelta(days=days), what

    return resolve


def _ordinal_day(m: re.Match[str], ctx: _Context) -> Resolution | None:
    """ "The 15th": the next 15th on or after the interview."""
    day = _next_day_numbered(int(m["day"]), ctx)
    if day is None:
        return None
    return day, said("the next such day of a month on or after the interview", "how.ordinal_day")


def _day_of_next_month(m: re.Match[str], ctx: _Context) -> Resolution | None:
    """ "The 1st of next month": that day of the month after the one the words were said in."""
    first = ctx.said_on.replace(day=1) + relativedelta(months=+1)
    try:
        day = first.replace(day=int(m["day"]))
    except ValueError:
        return None
    return day, said("that day of the next month", "how.day_of_next_month")


def _before_ordinal_day(m: re.Match[str], ctx: _Context) -> Resolution | None:
    """ "Before the 15th": the last business day before the next 15th."""
    day = _next_day_numbered(int(m["day"]), ctx)
    if day is None:
        return None
    before = ctx.calendar.business_day_on_or_before(day - timedelta(days=1))
    return before, said(
        f"the last business day before {format_day(day)}", "how.before_day", day=day
    )


def _next_day_numbered(wanted: int, ctx: _Context) -> date | None:
    """The next day of a month numbered ``wanted``, on or after the day the words were said."""
    month_start = ctx.said_on.replace(day=1)
    for ahead in range(3):
        first = month_start + relativedelta(months=+ahead)
        try:
            day = first.replace(day=wanted)
        except ValueError:
            continue
        if day >= ctx.said_on:
            return day
    return None


def _nth_week_of(m: re.Match[str], ctx: _Context) -> Resolution:
    """ "The first week of December": the end of the first week most of whose workdays are in
    December (the second week, the week after; the last week, the week holding its last day).

    A month that starts late in a week starts its first week on the next: "the first week of
    January" 2027, whose 1st is a Friday, is the week of the 4th, as people mean it, and the
    later reading (R6)."""
    month_start = _month_start(m, ctx)
    which = m["nth"]
    if which == "last":
        anchor = month_start + relativedelta(day=31)
    else:
        order = ("first", "second", "third", "fourth").index(which.replace("1st", "first"))
        anchor = month_start + timedelta(weeks=order)
        if not _mostly_in_month(month_start, ctx.calendar):
            anchor += timedelta(weeks=1)
    first, last = ctx.calendar.week_of(anchor)
    nth = 5 if which == "last" else order + 1
    return ctx.calendar.last_business_day_between(first, last), said(
        f"the last business day of the {which} week of {month_start:%B %Y}",
        "how.last_week_of" if which == "last" else "how.nth_week_of",
        nth=nth,
        month=Month(month_start.year, month_start.month),
    )


def _mostly_in_month(month_start: date, calendar: BusinessCalendar) -> bool:
    """Whether most workdays of the week holding a month's first day are in that month."""
    first, last = calendar.week_of(month_start)
    workdays = [
        first + timedelta(days=n)
        for n in range(7)
        if (first + timedelta(days=n)).weekday() not in calendar.weekend
    ]
    return 2 * sum(day >= month_start for day in workdays) > len(workdays)


def _week_commencing(m: re.Match[str], ctx: _Context) -> Resolution | None:
    """ "W/c 5th October", "the week of 12/7", "the week of the 14th" (the next 14th): the
    last business day of the week holding that day."""
    if m.groupdict().get("lone"):
        start = _next_day_numbered(int(m["lone"]), ctx)
    elif m.groupdict().get("month"):
        start = _dated(_year(m), ctx.lang.month(m["month"]), int(m["day"]), ctx)
    else:
        first, second = int(m["first"]), int(m["second"])
        day, month = (first, second) if ctx.day_first else (second, first)
        start = _dated(None, month, day, ctx)
    if start is None:
        return None
    first_day, last_day = ctx.calendar.week_of(start)
    return ctx.calendar.last_business_day_between(first_day, last_day), said(
        f"the last business day of the week of {format_day(start)}", "how.week_of", start=start
    )


def _quarter_end(year: int, quarter: int, ctx: _Context, part: str | None = None) -> Resolution:
    first = date(year, 3 * quarter - 2, 1)
    if part in ("early", "beginning of", "start of"):
        last = first + relativedelta(day=31)
    elif part in ("mid", "middle of"):
        last = first + relativedelta(months=+1, day=31)
    else:
        last = first + relativedelta(months=+2, day=31)
    day = ctx.calendar.last_business_day_between(first, last)
    return day, said(
        f"the last business day by {format_day(last)}, in Q{quarter} {year}",
        "how.quarter",
        last=last,
        quarter=quarter,
        year=year,
    )


def _quarter(m: re.Match[str], ctx: _Context) -> Resolution:
    current = (ctx.said_on.month - 1) // 3 + 1
    year = ctx.said_on.year
    if m["q"]:
        quarter = int(m["q"])
    elif m["ordinal"]:
        quarter = ("first", "second", "third", "fourth").index(m["ordinal"]) + 1
    else:
        quarter = current + (1 if m["which"] == "next" else 0)
        if quarter == 5:
            quarter, year = 1, year + 1
    if (quarter, year) < (current, ctx.said_on.year):
        year += 1
    if m["qyear"]:
        year = int(m["qyear"])
    part = " ".join(m["part"].split()).removeprefix("the ") if m["part"] else None
    return _quarter_end(year, quarter, ctx, part)


def _year_end(m: re.Match[str], ctx: _Context) -> Resolution:
    year = int(m["y"]) if m["y"] else ctx.said_on.year
    first, last = date(year, 1, 1), date(year, 12, 31)
    return ctx.calendar.last_business_day_between(first, last), said(
        f"the last business day of {year}", "how.year_end", year=year
    )


def _early_next_year(m: re.Match[str], ctx: _Context) -> Resolution:
    first = date(ctx.said_on.year + 1, 1, 1)
    return ctx.calendar.last_business_day_between(first, first + relativedelta(day=31)), said(
        f"the last business day of January {first.year}", "how.january", year=first.year
    )


def _rule(
    pattern: str,
    rank: int,
    resolve: Resolver,
    needs: tuple[str, ...],
    anchored: bool = False,
) -> PhraseRule:
    return PhraseRule(re.compile(pattern), rank, resolve, needs, anchored)


_DIGITS = tuple("0123456789")
_MONTH_WORDS = tuple(MONTHS)
_UNITS = ("day", "week", "wk", "month", "mo", "mth")


_PART = r"(?P<part>early|beginning\s+of|start\s+of|mid|middle\s+of|(?:the\s+)?end\s+of|late)"
_FRACTION_AFTER = (
    r"(?!\s*(?:of|days?|hours?|time|miles?|way|rd|th|split|pay|salary|weeks?|months?)\b)"
)

PHRASE_RULES: tuple[PhraseRule, ...] = (
    _rule(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b", EXPLICIT, _iso, ("-",)),
    _rule(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}\b{_YEAR}", EXPLICIT, _month_name, _MONTH_WORDS
    ),
    _rule(
        rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH}\b{_YEAR}",
        EXPLICIT,
        _month_name,
        _MONTH_WORDS,
    ),
    _rule(
        r"(?<![\d/.])(?!24/7)(?P<first>\d{1,2})/(?P<second>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?"
        rf"(?![\d/]){_FRACTION_AFTER}",
        EXPLICIT,
        _numeric,
        ("/",),
    ),
    _rule(
        r"(?<![\d/.])(?P<first>\d{1,2})\.(?P<second>\d{1,2})\.(?:(?P<year>\d{4}|\d{2})\b)?",
        EXPLICIT,
        _dotted,
        tuple(f"{digit}." for digit in range(10)),
    ),
    _rule(
        rf"\b(?:w/c|week\s+(?:commencing|beginning|starting|of))\s+(?:monday,?\s+)?(?:the\s+)?"
        rf"(?:(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH}{_YEAR}"
        r"|(?P<first>\d{1,2})/(?P<second>\d{1,2})"
        rf"|(?P<lone>[12]?\d|3[01])(?:st|nd|rd|th)(?!\s+(?:of\s+)?{_ANY_MONTH}))\b",
        EXPLICIT,
        _week_commencing,
        ("w/c", "week"),
    ),
    _rule(
        rf"\b(?:w/c|week\s+(?:commencing|beginning|starting|of))\s+(?:monday,?\s+)?"
        rf"{_MONTH}\s+(?P<day>\d{{1,2}}){_ORDINAL}\b{_YEAR}",
        EXPLICIT,
        _week_commencing,
        ("w/c", "week"),
    ),
    _rule(
        r"\b(?:the\s+)?(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)?\s+of\s+(?:next|the\s+(?:next"
        r"|following|coming))"
        r"\s+month\b",
        RELATIVE,
        _day_of_next_month,
        ("month",),
    ),
    _rule(
        rf"\bbefore\s+(?:the\s+)?(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_ANY_MONTH})"
        rf"{_NOT_A_DAY}",
        RELATIVE,
        _before_ordinal_day,
        ("before",),
    ),
    _rule(
        rf"\b(?:the\s+)?(?P<day>[12]?\d|3[01])(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?{_ANY_MONTH}){_NOT_A_DAY}",
        RELATIVE,
        _ordinal_day,
        ("1st", "2nd", "3rd", *(f"{digit}th" for digit in range(10))),
    ),
    _rule(
        rf"\b(?:(?P<next>{_NEXT})\s+|(?:this\s+)?(?:coming\s+)?){_DAY_NAME}"
        rf"(?:\s+(?:of\s+)?(?P<nextweek>{_NEXT}\s+{_WEEK}))?(?!\w)",
        RELATIVE,
        _weekday,
        ("mon", "tue", "wed", "thu", "fri", "sat", "sun"),
    ),
    _rule(
        rf"\b(?:the\s+)?following\s+{_DAY_NAME}(?!\w)",
        RELATIVE,
        _following_weekday,
        ("following",),
        anchored=True,
    ),
    _rule(
        rf"\b{_DAY_NAME}\s+(?:of\s+)?the\s+following\s+week\b",
        RELATIVE,
        _following_weekday,
        ("following",),
        anchored=True,
    ),
    _rule(
        rf"\b(?:end\s+of\s+(?:the\s+|this\s+)?{_WEEK}|(?:later\s+)?this\s+{_WEEK}"
        r"|eow|within\s+the\s+week|(?:the\s+)?week'?s\s+end|(?:before|by)\s+the\s+weekend)\b",
        RELATIVE,
        _week_end(0, _what("the interview's week")),
        ("week", "eow", "wk"),
    ),
    _rule(
        rf"\b(?:end\s+of\s+(?:the\s+)?)?{_NEXT}\s+{_WEEK}\b",
        RELATIVE,
        _week_end(1, _what("the week after the interview")),
        ("week", "wk"),
    ),
    _rule(
        r"\b(?:(?:the\s+)?end\s+of\s+)?(?:the\s+)?week\s+after\s+next\b",
        RELATIVE,
        _week_end(2, _what("the second week after the interview")),
        ("week",),
    ),
    _rule(
        r"\b(?:(?:the\s+)?end\s+of\s+)?the\s+(?:following\s+week|week\s+after(?:\s+that)?)\b",
        RELATIVE,
        _week_end(1, _what("the week after")),
        ("week",),
        anchored=True,
    ),
    _rule(
        rf"\b(?:the\s+)?(?P<nth>first|1st|second|third|fourth|last)\s+week\s+(?:of|in)\s+{_MONTH}"
        r"(?!\s*\d)",
        RELATIVE,
        _nth_week_of,
        ("week",),
    ),
    _rule(
        rf"\b(?:early|beginning\s+of|start\s+of)\s+(?:the\s+)?next\s+{_WEEK}\b",
        RELATIVE,
        _next_week_day(2, _what("the second business day of the week after the interview")),
        ("week",),
    ),
    _rule(
        rf"\b(?:mid|middle\s+of)[\s-]+(?:the\s+)?next\s+{_WEEK}\b",
        RELATIVE,
        _next_week_day(3, _what("the third business day of the week after the interview")),
        ("week",),
    ),
    _rule(
        rf"\b(?:(?:in|within|after|over)\s+(?:the\s+next\s+)?(?:about\s+)?|next\s+)"
        rf"(?P<count>{_NUMBER})\s+{_UNIT}(?!\w)",
        RELATIVE,
        _amount,
        _UNITS,
    ),
    _rule(
        rf"\b(?P<count>{_NUMBER}|couple|few)(?:\s+of)?\s+{_UNIT}\s+from\s+(?:(?P<tomorrow>tomorrow)"
        rf"|today|now|this\s+(?:morning|afternoon|evening)|{_DAY_NAME})(?!\w)",
        RELATIVE,
        _amount_from,
        ("from",),
    ),
    _rule(
        rf"\b(?P<count>{_NUMBER}|couple|few)(?:\s+of)?\s+(?:more\s+)?{_UNIT}\s+(?:later"
        r"|after\s+that|afterwards|thereafter)\b",
        RELATIVE,
        _amount,
        ("later", "after that", "afterwards", "thereafter"),
        anchored=True,
    ),
    _rule(
        rf"\b(?P<count>\d{{1,2}}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
        rf"\s*{_UNIT}(?!\w)",
        RELATIVE,
        _amount,
        _UNITS,
    ),
    _rule(
        rf"\bgive\s+(?:us|me|them|him|her)\s+(?:about\s+|another\s+)?(?P<count>{_NUMBER}|couple"
        rf"|few)(?:\s+of)?\s+(?:more\s+)?{_UNIT}(?!\w)",
        RELATIVE,
        _amount,
        ("give",),
    ),
    _rule(
        rf"\b(?:(?:in|within|after|over)\s+(?:the\s+next\s+)?|(?:the\s+)?next\s+)?"
        rf"(?:an?\s+)?(?P<count>couple|few|several)(?:\s+of)?\s+(?:more\s+)?{_UNIT}(?!\w)",
        RELATIVE,
        _amount,
        ("couple", "few", "several"),
    ),
    _rule(
        rf"\b(?P<low>{_NUMBER})\s*(?:-|to|or)\s*(?P<high>{_NUMBER})\s+{_UNIT}(?!\w)",
        RELATIVE,
        _range,
        _UNITS,
    ),
    _rule(
        rf"\b(?P<low>an?|one|\d{{1,2}})\s+{_UNIT}\s+or\s+(?P<high>{_NUMBER})\b",
        RELATIVE,
        _range,
        (" or ",),
    ),
    _rule(
        rf"\b(?P<count>an?|one|\d{{1,2}}|two|three|four|five|six)\s+(?:more\s+)?{_UNIT}"
        r"\s+or\s+so\b",
        RELATIVE,
        _amount,
        ("or so",),
    ),
    _rule(
        r"\b(?:(?:in|within|after|over)\s+|(?:the\s+)?next\s+)?(?:an?\s+|one\s+|the\s+)?fortnight\b",
        RELATIVE,
        _days_after(14, _what("a fortnight, 14 days after the interview")),
        ("fortnight",),
    ),
    _rule(
        r"\b(?:(?:in|within|after|over)\s+(?:the\s+next\s+)?|(?:the\s+)?next\s+)?"
        r"(?:(?P<low>\d{1,3})\s*(?:-|to|or)\s*)?(?P<count>\d{1,3}|twenty-four|forty-eight"
        r"|seventy-two)\s*(?:-\s*)?(?:hours?|hrs?|h)\b",
        RELATIVE,
        _hours,
        ("hour", "hr", *(f"{digit}h" for digit in range(10))),
    ),
    _rule(
        r"\b(?:the\s+)?next\s+(?:business\s+|working\s+)?day\s+or\s+(?:two|2)\b"
        r"|\b(?:a|one)\s+(?:business|working)\s+day\s+or\s+(?:two|2)\b",
        RELATIVE,
        _business_days(2, _what("the later bound, 2 business days after the interview")),
        ("day",),
    ),
    _rule(
        r"\b(?:the\s+)?next\s+(?:business|working)\s+day\b",
        RELATIVE,
        _business_days(1, _what("the business day after the interview")),
        ("day",),
    ),
    _rule(
        r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month|month[\s-]end|month'?s\s+end|eom)\b",
        RELATIVE,
        _this_month_end,
        ("month", "eom"),
    ),
    _rule(
        rf"\b(?:{_PART}[\s-]+(?:the\s+)?)?next\s+month\b", RELATIVE, _next_month_part, ("month",)
    ),
    _rule(rf"\b{_PART}[\s-]+{_MONTH}(?!\s*\d)", RELATIVE, _named_month_part, _MONTH_WORDS),
    _rule(rf"\b(?:in|during)\s+{_MONTH}(?!\s*\d)", RELATIVE, _in_month, _MONTH_WORDS),
    _rule(
        r"\b(?:(?P<part>early|beginning\s+of|start\s+of|mid|middle\s+of|(?:the\s+)?end\s+of"
        r"|close\s+of|late)[\s-]+(?:the\s+)?)?"
        r"(?:q(?P<q>[1-4])|(?P<ordinal>first|second|third|fourth)\s+quarter"
        r"|(?P<which>this|the|next)\s+quarter)(?:\s+(?:of\s+)?(?P<qyear>20\d\d))?\b",
        RELATIVE,
        _quarter,
        ("q", "quarter"),
    ),
    _rule(
        r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?(?:calendar\s+)?year|year[\s-]end|eoy"
        r"|(?:the\s+)?end\s+of\s+(?P<y>20\d\d))\b",
        RELATIVE,
        _year_end,
        ("year", "eoy", "end of 20"),
    ),
    _rule(
        r"\b(?:early|beginning\s+of|start\s+of)\s+(?:the\s+)?next\s+year\b",
        RELATIVE,
        _early_next_year,
        ("next year",),
    ),
    _rule(
        r"\btomorrow\b",
        RELATIVE,
        _days_after(1, _what("the day after the interview")),
        ("tomorrow",),
    ),
    _rule(
        r"\b(?:the\s+)?day\s+after\s+tomorrow\b",
        RELATIVE,
        _days_after(2, _what("two days after the interview")),
        ("tomorrow",),
    ),
    _rule(
        r"\b(?:today|tonight|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+|working\s+)?day"
        r"|close\s+of\s+(?:business|play)|eod|cob|eob)\b",
        RELATIVE,
        _days_after(0, _what("the day of the interview")),
        ("today", "tonight", "end of", "close of", "eod", "cob", "eob"),
    ),
)

# -- holidays by name ----------------------------------------------------------------------------

_BEFORE = r"before|by|until|till|ahead\s+of|prior\s+to|in\s+time\s+for"
_AFTER = r"after|following|over|around|past|the\s+week\s+after|the\s+week\s+following"


@dataclass(frozen=True, slots=True)
class _Holidays:
    pattern: re.Pattern[str] | None
    dates: dict[str, tuple[date, ...]]
    #: Words one of which a text must hold for the pattern to be worth running.
    needs: tuple[str, ...] = ()


def _aliases(name: str) -> set[str]:
    name = re.sub(r"\s*\(.*?\)", "", name).strip().lower().replace("\u2019", "'")
    found = {name}
    if name.endswith(" day") and len(name) - 4 >= 9:
        found.add(name[:-4])
    for alias in list(found):
        if "'s" in alias:
            found.add(alias.replace("'s", "s"))
            found.add(alias.replace("'s", ""))
    return {a for a in found if len(a) >= 5}


@lru_cache(maxsize=256)
def _holidays(calendar: BusinessCalendar, year: int, lang: Language | None = None) -> _Holidays:
    """The calendar's own holiday names for ``year`` and the next, as the reader matches them,
    with the everyday names of the language (German "Weihnachten" for "Erster Weihnachtstag")."""
    lang = lang or english()
    dates: dict[str, list[date]] = {}
    for y in (year, year + 1):
        for day, name in calendar.holidays_in(y):
            for part in name.split(";"):
                for alias in _aliases(part):
                    dates.setdefault(alias, []).append(day)
    for everyday, official in lang.holiday_names.items():
        found = {d for a, ds in list(dates.items()) if re.search(official, a) for d in ds}
        if found:
            dates.setdefault(everyday, []).extend(sorted(found))
    christmas = sorted({d for a, ds in dates.items() if _CHRISTMAS.search(a) for d in ds})
    new_year = sorted({d for a, ds in dates.items() if _NEW_YEAR.match(a) for d in ds})
    if christmas:
        # "The holidays" in a hiring e-mail are the year-end break: Christmas to New Year.
        dates["holidays"] = [d for d in christmas if d.month == 12]
        dates["holidays:after"] = new_year or christmas
    if not dates:
        return _Holidays(None, {})
    names = sorted((a for a in dates if ":" not in a), key=len, reverse=True)
    alternatives = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in names)
    pattern = re.compile(
        rf"\b(?:(?P<before>{lang.holiday_before})|(?P<after>{lang.holiday_after}))\s+"
        rf"(?:{lang.holiday_article})?(?:(?P<season>{lang.season})|(?P<name>{alternatives})"
        rf"(?:\s+(?:{lang.holiday_suffix}))?)(?!\w)"
    )
    needs = tuple(sorted({name.split()[0].rstrip("'s") for name in names} | set(lang.season_needs)))
    return _Holidays(pattern, {k: tuple(sorted(set(v))) for k, v in dates.items()}, needs)


#: A weekday right before "after <holiday>": "the Monday after Thanksgiving".
_WEEKDAY_BEFORE = re.compile(rf"\b(?:the\s+)?{_DAY_NAME}\s+$")


def _holiday_candidates(normalized: str, ctx: _Context) -> list[_Candidate]:
    table = _holidays(ctx.calendar, ctx.said_on.year, ctx.lang)
    if table.pattern is None or not any(word in normalized for word in table.needs):
        return []
    found = []
    for m in table.pattern.finditer(normalized):
        after = m["after"] is not None
        what: str
        if m["season"]:
            key = "holidays:after" if after else "holidays"
            what = said("the year-end holidays", "holiday.year_end")
        else:
            key = " ".join(m["name"].split())
        days = [d for d in table.dates.get(key, ()) if d >= ctx.said_on]
        if not days:
            continue
        holiday = days[0]
        if not m["season"]:
            # The name as written, which holiday of which calendar it is and the language it
            # was written in: enough to say it in another.
            what = said(
                key.title(),
                "holiday.name",
                day=holiday,
                country=ctx.calendar.spec.country,
                subdivision=ctx.calendar.spec.subdivision or "",
                language=ctx.lang.code,
            )
        weekday = (
            _WEEKDAY_BEFORE.search(normalized, max(0, m.start() - 16), m.start())
            if after and ctx.lang.code == "en" and m["after"].strip() == "after"
            else None
        )
        begins = m.start()
        if weekday:
            # "the Monday after Thanksgiving": that day, the first one after the holiday
            wanted = relative_weekday(ctx.lang.weekday(weekday["weekday"]))
            day = holiday + relativedelta(days=+1, weekday=wanted(+1))
            begins = weekday.start()
            reading = f"that day after {what} ({format_day(holiday)})", "weekday_after_holiday"
        elif after:
            first, last = ctx.calendar.week_of(holiday, weeks_ahead=1)
            day = ctx.calendar.last_business_day_between(first, last)
            reading = (
                f"after {what} ({format_day(holiday)}): the last business day of the week after",
                "after_holiday",
            )
        else:
            day = ctx.calendar.business_day_on_or_before(holiday - timedelta(days=1))
            reading = (
                f"before {what} ({format_day(holiday)}): the last business day before it",
                "before_holiday",
            )
        how = said(reading[0], f"how.{reading[1]}", holiday=what, day=holiday)
        found.append(_Candidate(begins, m.end(), day, how, False))
    return found


# -- reading a whole text ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    day: date
    how: Explained
    explicit: bool


_DASHES = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2019": "'",
        "\u2018": "'",
        "\u00a0": " ",
    }
)

#: Words that say a sentence is about the decision or the answer to come.
_DECISION = re.compile(
    r"\b(?:decid\w*|decision\w*|let\s+(?:you|u)\s+know|get(?:ting)?\s+back|come\s+back\s+to"
    r"|back\s+to\s+you|hear(?:ing)?\s+(?:from|back)|you(?:'ll|\s+will|\s+should)\s+hear"
    r"|updates?|news|next\s+steps?|answers?|feedback|respon\w+|repl(?:y|ies)|in\s+touch"
    r"|reach\s+out|contact\s+you|circle\s+back|touch\s+base|outcomes?|results?|conclu\w+"
    r"|finali[sz]\w*|wrap(?:s|ped|ping)?\s+(?:up|things\s+up|this\s+up)|make\s+(?:a|our|the|their)\s+"
    r"(?:call|choice|selection|hire|offer|final)|choos\w+|select\w*|shortlist\w*|offers?"
    r"|verdict|(?<!please\s)(?<!you\s)confirm\w*(?=\s+(?:by|next|the\s+(?:decision|outcome)"
    r"|our\s+(?:decision|choice)"
    r"|whether|if|either|within|before|on|in|shortly|soon)\b|[\s.,!]*$)|inform\w*|notify|follow\s+up\s+with\s+you|timeline|timeframe"
    r"|know\s+more|close\s+the\s+(?:role|search|process)|debrief\w*|deliberat\w+|review(?:ing)?\s+(?:all\s+)?(?:the\s+)?(?:candidates|applications|feedback|finalists)"
    r"|assess\w*|evaluat\w+|come\s+to\s+a|sign[\s-]off|approv\w+|come\s+back|call\s+you"
    r"|ring\s+you|email\s+you|write\s+to\s+you|know\s+by|hope\s+to\s+have"
    r"|recommend\w*|get\s+a\s+call|give\s+you\s+a\s+(?:call|ring)|(?:be\s+)?in\s+contact"
    r"|at\s+the\s+(?:very\s+)?latest|no\s+later\s+than|worst\s+case|latest\s+by"
    r"|(?<!please\s)(?<!you\s)confirm\w*(?=\s+(?:[\w,]+\s+){0,6}(?:whether|if)\b)"
    r"|slip\w*\s+(?:to|until|into|past)|push\w*\s+(?:\w+\s+)?(?:back|out)\s+(?:to|until|into))\b"
)

_MEETING = "an interview or meeting"

#: Words that say a sentence is about something else, with the reason to give.
_DISTRACTORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"\b(?:out\s+of\s+(?:the\s+)?office|ooo|auto(?:matic)?[\s-]?reply|on\s+(?:annual\s+|parental\s+|sick\s+)?leave"
            r"|annual\s+leave|on\s+(?:vacation|holiday|pto)|pto|away\s+(?:from|until|till|on)"
            r"|(?:i|we|she|he|they)(?:'ll|\s+will)?\s+be\s+back|back\s+in\s+(?:the\s+)?office"
            r"|(?:i'm|i\s+am|i'll\s+be|i\s+will\s+be|she's|he's|she\s+is|he\s+is|they're)\s+"
            r"(?:out|away|off)\b"
            r"|(?:is|are|will\s+be)\s+(?:out|away|off)"
            r"(?=\s+(?:this|next|until|till|on|for|of|from)\b)"
            r"|(?:on|doing|called\s+up\s+for)\s+(?:reserve|military|jury|army)\s+duty|miluim"
            r"|returning|return\s+on|travel+ing|limited\s+access|(?:office|we)\s+(?:is|are|will"
            r"\s+be)\s+closed|off\s+(?:until|till|from))\b"
        ),
        "an absence",
    ),
    (
        re.compile(
            r"\b(?:start(?:s|ing)?\s+(?:date|on|in|from)|start\s+date|would\s+start|will\s+start"
            r"|to\s+start|could\s+start|can\s+start|earliest\s+start|join(?:s|ing)?\s+(?:us|the)"
            r"|first\s+day|onboard\w*|commence\w*|role\s+(?:starts|begins)|begins\s+on"
            r"|kick[\s-]?off|start(?:s|ing)?|in\s+(?:the\s+)?seat|on\s+board\s+by)\b"
        ),
        "a start date",
    ),
    (
        re.compile(
            r"\b(?:contract\w*|fixed[\s-]term|probation\w*|maternity\s+cover|secondment"
            r"|assignment|engagement|internship|temp(?:orary)?\s+role|notice\s+period)\b"
        ),
        "a contract or notice length",
    ),
    (
        re.compile(
            r"\b(?:hybrid|remote|on[\s-]?site\s+days|in\s+the\s+office|days\s+(?:a|per)\s+week"
            r"|(?:\d+|one|two|three|four|five)[\s-]*(?:days?|hours?|shifts?)\s+(?:a|per|each)\s+(?:week|day"
            r"|month)|work(?:ing)?\s+(?:pattern|hours|schedule)"
            r"|office\s+hours|shifts?|rota|on[\s-]call|part[\s-]time|full[\s-]time|24/7"
            r"|hours\s+(?:a|per))\b"
        ),
        "a work pattern",
    ),
    (
        re.compile(
            r"\b(?:been\s+\w+ing|took|taken|lasted|ago|so\s+far|for\s+the\s+(?:past|last)"
            r"|over\s+the\s+(?:past|last)|in\s+the\s+(?:past|last)|last\s+(?:hire|time|year|round)"
            r"|previous\w*|since|already)\b"
        ),
        "a past duration",
    ),
    (
        re.compile(
            r"\b(?:interview\w*|met|meeting|meets?|spoke|speak\w*|chat\w*|talk\w*|came\s+in"
            r"|coming\s+in|visit\w*|on[\s-]?site|panel|round|stage|screen\w*|(?:phone|video|zoom)\s+call|schedul\w*|availab\w*|slots?"
            r"|zoom|teams\s+call|presentation|assessment\s+centre|take[\s-]home|test)\b"
        ),
        _MEETING,
    ),
    (
        re.compile(
            r"\b(?:appl(?:y|ied|ication)s?|posted|posting|deadline\s+for\s+applications"
            # how long the application's data is kept
            r"|retain\w*|gdpr|data\s+protection|your\s+(?:personal\s+)?data|privacy)\b"
        ),
        "the application",
    ),
    (
        re.compile(
            r"\b(?:please\s+(?:\w+\s+)?(?:confirm|let\s+(?:me|us)\s+know|reply|respond|send"
            r"|return|sign|submit|complete|provide|share)|(?:could|can|would)\s+you\s+(?:please\s+)?(?:confirm"
            r"|let\s+(?:me|us)\s+know|send|return|sign|submit|complete))\b"
        ),
        "something asked of the candidate",
    ),
    (
        re.compile(r"\b(?:salary|salaries|pay|compensation|bonus\w*|benefits|payroll|paid)\b"),
        "pay or benefits",
    ),
)

#: Right after an expression: it measures something other than a wait.
_AFTER_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"\s*(?:(?:a|per|each|every)\s+(?:week|day|month)|in\s+the\s+office)\b"),
        "a work pattern",
    ),
    (
        re.compile(
            r"[\s-]*(?:fixed[\s-]term\s+|rolling\s+|initial\s+)?(?:contract|probation\w*"
            r"|fixed[\s-]term|assignment|secondment|engagement|internship|notice|maternity)\b"
        ),
        "a contract or notice length",
    ),
    (re.compile(r"\s+ago\b"), "a past duration"),
    (
        re.compile(
            r"[\s-]*(?:review|trial|program(?:me)?|onboarding|induction|training|course|exercise"
            r"|take[\s-]home|test|assessment|presentation|call|interview|meeting|onsite|visit)\b"
        ),
        "a length of something else",
    ),
    (re.compile(r"[\s-]*(?:day|hour)[\s-]*(?:work)?\s*weeks?\b"), "a work pattern"),
)

#: Right before an expression: it measures something other than a wait.
_BEFORE_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"(?:\b(?:took|taken|lasted|been\s+\w+ing(?:\s+\w+){0,3}\s+for|for\s+the\s+(?:past"
            r"|last)|over\s+the\s+(?:past|last)|in\s+the\s+(?:past|last))\s+(?:about\s+|around"
            r"\s+|roughly\s+|almost\s+|nearly\s+|over\s+|just\s+over\s+)?)$"
        ),
        "a past duration",
    ),
    (
        re.compile(
            r"\b(?:start(?:s|ing)?|start\s+date\s+(?:is|of|on)|join(?:s|ing)?\s+(?:us\s+)?"
            r"|first\s+day\s+(?:is|would\s+be|on)|begin(?:s|ning)?)\s+(?:on\s+|in\s+|from\s+"
            r"|is\s+)?(?:the\s+)?$"
        ),
        "a start date",
    ),
    (
        re.compile(
            r"\b(?:interview(?:ed|s)?|met|spoke|chat(?:ted)?)(?:\s+\w+){0,3}\s+(?:on|last)\s+$"
        ),
        "an interview or meeting",
    ),
    (
        re.compile(r"\b(?:mon(?:day)?|tue(?:s(?:day)?)?)\s*(?:-|to|through|thru)\s*$"),
        "office hours",
    ),
    (
        re.compile(r"\b(?:until|till|back\s+on|return(?:ing)?\s+(?:on\s+)?)\s*$"),
        "",
    ),
)

#: What the classifier answers for an expression in a sentence about the decision.
DECIDES = "decides"

_HEADER_LINE = re.compile(
    r"^\s*(?:>+\s*)?(?:sent|date|received|delivered|when)\s*:|^\s*(?:>+\s*)?on\b.*\bwrote:?\s*$"
    r"|^\s*-+\s*original\s+message|\bwas\s+read\s+on\b"
)
#: Where a sentence ends: a stop before a capital, or before a small letter too, as people
#: type on a phone ("thx for coming in today. will let u know"); abbreviations are kept whole.
_SENTENCE_END = re.compile(r"[.!?]+(?=\s+[A-Za-z\"'(])|[.!?]+\s*$|\n+|;")
_ABBREVIATION = re.compile(
    r"\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun"
    r"|mr|mrs|ms|dr|st|approx|etc|e\.g|i\.e|vs|no|[ap]\.m|[ap]m|inc|ltd|co|corp|jr|sr|est|pst"
    r"|cst)$",
    re.IGNORECASE,
)
_CLAUSE_BREAK = re.compile(
    r",|;|:|\s-\s|\(|\)|\b(?:and|but|so|while|whereas|although|though|because|however)\b"
)


def read_timeline(
    timeline: DecisionTimeline | None,
    *,
    said_on: date,
    calendar: BusinessCalendar,
    day_first: bool,
    counted_from: str = "the interview",
    language: str = "en",
) -> TimelineReading:
    """Resolve a decision timeline to a deadline date, saying how it was read.

    Args:
        timeline: a date (``by``) or the interviewer's words (``text``); ``by`` wins if both.
            The words may be a phrase or a whole e-mail.
        said_on: the interview's local date; relative phrases count from it.
        calendar: the hiring team's calendar ("end of the week" is its last business day,
            "before Christmas" is named by it).
        day_first: whether the calendar's country writes numeric dates day first.
        counted_from: what ``said_on`` is, as the interpretation names it ("their reply").
        language: the language the words are written in (``en``, ``de``, ``fr``, ``es``);
            English words that are clearly another of these are read in that language.

    Returns:
        The reading; ``deadline`` is None when nothing was given or nothing could be read.
        It names the sentence the deadline came from and every date it set aside, and why.
    """
    if timeline is None or (timeline.by is None and not (timeline.text or "").strip()):
        return TimelineReading(None, TimelineSource.NONE)
    if timeline.by is not None:
        return TimelineReading(
            timeline.by,
            TimelineSource.DATE,
            timeline.text,
            None,
            said(
                f"Decision date given: {format_day(timeline.by)}.",
                "timeline.given",
                day=timeline.by,
            ),
        )
    text = timeline.text or ""
    lang = language_of(text, language)
    # Whoever writes German, French or Spanish writes a numeric date day first.
    day_first = day_first or lang.code != "en"
    return _read_text(text, said_on, calendar, day_first, counted_from, lang)


def _normalize(text: str) -> str:
    lowered = text.translate(_DASHES).lower()
    if len(lowered) != len(text):
        # A character whose lower case is longer would shift every offset: keep the case.
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text.translate(_DASHES))
    return lowered


def _windows(text: str, needs: tuple[str, ...]) -> list[tuple[int, int]]:
    """The stretches of ``text`` around each word a rule needs: a rule scans only those, as a
    whole e-mail is mostly words no rule reads."""
    spans = []
    for word in needs:
        at = text.find(word)
        while at >= 0:
            spans.append((max(0, at - _BEFORE_NEED), min(len(text), at + len(word) + _AFTER_NEED)))
            at = text.find(word, at + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


#: How far an expression reaches before and after the word its rule needs.
_BEFORE_NEED, _AFTER_NEED = 100, 60


def _candidates(normalized: str, ctx: _Context) -> list[_Candidate]:
    found: list[_Candidate] = []
    anchored: list[tuple[PhraseRule, re.Match[str]]] = []
    for rule in ctx.lang.rules:
        matches = (
            match
            for start, end in _windows(normalized, rule.needs)
            for match in rule.pattern.finditer(normalized, start, end)
        )
        for match in matches:
            if rule.anchored:
                anchored.append((rule, match))
                continue
            resolution = rule.resolve(match, ctx)
            if resolution is not None:
                found.append(
                    _Candidate(match.start(), match.end(), *resolution, rule.rank == EXPLICIT)
                )
    found.extend(_holiday_candidates(normalized, ctx))
    for rule, match in anchored:
        before = [c.day for c in found if c.end <= match.start() and c.day > ctx.said_on]
        anchor = max(before, default=ctx.said_on)
        resolution = rule.resolve(match, _Context(anchor, ctx.calendar, ctx.day_first, ctx.lang))
        if resolution is not None:
            day, how = resolution
            if anchor != ctx.said_on:
                how = said(
                    f"{how}, counted from {format_day(anchor)}",
                    "how.counted_from",
                    how=how,
                    anchor=anchor,
                )
            found.append(_Candidate(match.start(), match.end(), day, how, False))
    # Where expressions overlap, the longest is the one meant ("end of the week after next").
    found.sort(key=lambda c: (-(c.end - c.start), not c.explicit, c.start))
    kept: list[_Candidate] = []
    for candidate in found:
        if all(candidate.end <= k.start or candidate.start >= k.end for k in kept):
            kept.append(candidate)
    kept.sort(key=lambda c: c.start)
    # A weekday right before a date names that date ("Friday, December 4", "Friday the 4th").
    merged = []
    for index, candidate in enumerate(kept):
        following = kept[index + 1] if index + 1 < len(kept) else None
        if (
            following is not None
            and re.fullmatch(r"[\s,]*(?:the\s+)?", normalized[candidate.end : following.start])
            and ctx.lang.weekday_tail.search(normalized[candidate.start : candidate.end])
            and (following.explicit or "month" in following.how)
        ):
            kept[index + 1] = replace(following, start=candidate.start)
            continue
        merged.append(candidate)
    return merged


def _spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans, begin = [], start
    for m in pattern.finditer(text, start, end):
        if m.start() > begin:
            spans.append((begin, m.start()))
        begin = m.end()
    if begin < end:
        spans.append((begin, end))
    return spans


@lru_cache(maxsize=1024)
def _clauses(
    text: str, start: int, end: int, lang: Language | None = None
) -> list[tuple[int, int]]:
    return _spans((lang or english()).clause_break, text, start, end)


def _sentence_spans(original: str, lang: Language | None = None) -> list[tuple[int, int]]:
    lang = lang or english()
    spans, begin = [], 0
    for m in lang.sentence_end.finditer(original):
        if m.group().startswith(".") and lang.abbreviation.search(
            original, max(0, m.start() - 8), m.start()
        ):
            continue  # "Fri. Dec. 4": an abbreviation, not the end of a sentence
        if m.start() > begin:
            spans.append((begin, m.start()))
        begin = m.end()
    if begin < len(original):
        spans.append((begin, len(original)))
    return spans


@lru_cache(maxsize=1024)
def _cues(
    text: str, start: int, end: int, lang: Language | None = None
) -> list[tuple[int, int, str]]:
    """Cue words in ``text[start:end]``: (start, end, why), why ``DECIDES`` for a decision."""
    lang = lang or english()
    found = [(m.start(), m.end(), DECIDES) for m in lang.decision.finditer(text, start, end)]
    for pattern, why in lang.distractors:
        found.extend((m.start(), m.end(), why) for m in pattern.finditer(text, start, end))
    return found


def _nearest(cues: list[tuple[int, int, str]], c: _Candidate) -> str | None:
    """What the cue nearest to a candidate says (a decision wins a tie); None if no cue."""
    best: tuple[int, int, str] | None = None
    for start, end, why in cues:
        if start < c.end and end > c.start:
            continue  # a cue inside the expression itself ("the following week")
        key = (_gap((start, end, why), c), 0 if why is DECIDES else 1)
        if best is None or key < best[:2]:
            best = (*key, why)
    return None if best is None else best[2]


def _gap(cue: tuple[int, int, str], c: _Candidate) -> int:
    return c.start - cue[1] if cue[1] <= c.start else cue[0] - c.end


def _classify(
    normalized: str,
    c: _Candidate,
    sentence: tuple[int, int],
    said_on: date,
    lang: Language,
    others: tuple[_Candidate, ...] = (),
) -> str | None:
    """Why a candidate is not the decision; ``DECIDES`` when a decision cue is nearest;
    None when nothing in its sentence says either way. ``others`` are the sentence's other
    dates: a decision word nearer one of them is that date's, not this one's."""
    line_start = normalized.rfind("\n", 0, c.start) + 1
    line_end = normalized.find("\n", c.end)
    line = normalized[line_start : len(normalized) if line_end < 0 else line_end]
    if lang.header_line.search(line):
        return "an e-mail header"
    quoted = line.lstrip().startswith(">")
    clause = next(
        (span for span in _clauses(normalized, *sentence, lang) if span[0] <= c.start < span[1]),
        sentence,
    )
    after = normalized[c.end : min(c.end + 40, sentence[1])]
    for pattern, why in lang.after_patterns:
        if pattern.match(after):
            return why
    before = normalized[max(clause[0], c.start - 60) : c.start]
    for pattern, why in lang.before_patterns:
        if pattern.search(before):
            if why:
                return why
            # "until Monday", "back on the 3rd": an absence if the sentence says so.
            cues = [cue for cue in _cues(normalized, *clause, lang) if cue[2] == "an absence"]
            if cues:
                return "an absence"
    if c.day < said_on:
        return "a date already past"
    if quoted and not any(cue[2] is DECIDES for cue in _cues(normalized, *sentence, lang)):
        # "> See you Monday!": the other side's words under the reply, about no decision.
        return "an earlier message, quoted"
    for span in (clause, sentence):
        cues = _cues(normalized, *span, lang)
        nearest = _nearest(cues, c)
        if nearest == _MEETING and any(
            cue[2] is DECIDES
            and all(_gap(cue, o) >= _gap(cue, c) for o in others if span[0] <= o.start < span[1])
            for cue in cues
        ):
            # "the final decision comes after the board meeting on the 10th", "we'll let you
            # know about a second interview by Friday": a meeting word beside a decision word
            # does not make the date something else; reading it is never too soon (R6). But
            # "we'll let you know by Friday whether you move on to the onsite, on December 8":
            # the decision has its own date, and December 8 is the onsite.
            return DECIDES
        if nearest is not None:
            return nearest
    return None


_BARE_WEEKDAY = said("the first such day after the interview", "how.weekday_bare")


def _carry_week(
    found: list[tuple[_Candidate, tuple[int, int]]], calendar: BusinessCalendar
) -> list[tuple[_Candidate, tuple[int, int]]]:
    """A bare weekday after a later date of its sentence falls in that date's week or after:
    "Thursday next week, Friday at the latest" is next week's Friday."""
    carried = []
    for candidate, sentence in found:
        if candidate.how == _BARE_WEEKDAY:
            earlier = [
                c.day
                for c, s in found
                if s == sentence and c.end <= candidate.start and c.day > candidate.day
            ]
            if earlier:
                after = max(earlier)
                first, _ = calendar.week_of(after)
                day = first + timedelta(days=(candidate.day.weekday() - first.weekday()) % 7)
                if day < after:
                    day += timedelta(weeks=1)
                how = said(
                    f"that day in the week of {format_day(after)}",
                    "how.weekday_week_of",
                    after=after,
                )
                candidate = replace(candidate, day=day, how=how)
        carried.append((candidate, sentence))
    return carried


@lru_cache(maxsize=4096)
def _read_text(
    text: str,
    said_on: date,
    calendar: BusinessCalendar,
    day_first: bool,
    counted_from: str = "the interview",
    lang: Language | None = None,
) -> TimelineReading:
    lang = lang or english()
    normalized = _normalize(text)
    ctx = _Context(said_on, calendar, day_first, lang)
    candidates = _candidates(normalized, ctx)
    sentences = _sentence_spans(text.translate(_DASHES), lang)
    decisions: list[tuple[_Candidate, tuple[int, int]]] = []
    neutral: list[tuple[_Candidate, tuple[int, int]]] = []
    set_aside: list[SetAside] = []
    for candidate in candidates:
        sentence = next(
            (s for s in sentences if s[0] <= candidate.start < s[1]), (0, len(normalized))
        )
        others = tuple(
            o for o in candidates if o is not candidate and sentence[0] <= o.start < sentence[1]
        )
        why = _classify(normalized, candidate, sentence, said_on, lang, others)
        if why is DECIDES:
            decisions.append((candidate, sentence))
        elif why is not None:
            set_aside.append(SetAside(text[candidate.start : candidate.end], _why(why)))
        elif candidate.day == said_on and not candidate.explicit:
            # "Thanks for your time today": the interview day, with nothing about a decision.
            set_aside.append(
                SetAside(text[candidate.start : candidate.end], _why("the interview day"))
            )
        else:
            neutral.append((candidate, sentence))
    chosen_from = _carry_week(decisions, calendar) or _carry_week(neutral, calendar)
    if not chosen_from:
        return TimelineReading(None, TimelineSource.TEXT, text, set_aside=tuple(set_aside))
    # The latest decision date stated: a modifier, an earlier alternative or a range's lower
    # bound never makes the follow-up come too soon (R6).
    best, sentence = max(chosen_from, key=lambda pair: (pair[0].day, -pair[0].start))
    for other, _ in chosen_from:
        if other is not best:
            set_aside.append(
                SetAside(
                    text[other.start : other.end],
                    _why(
                        "an earlier date than the latest one given for the decision"
                        if other.day < best.day
                        else "the same decision date said again"
                    ),
                )
            )
    matched = text[best.start : best.end]
    return TimelineReading(
        best.day,
        TimelineSource.TEXT,
        text,
        matched,
        said(
            f'Read "{matched}" as {best.how.replace("the interview", counted_from)}: '
            f"{format_day(best.day)}.",
            "timeline.read",
            matched=matched,
            how=best.how,
            day=best.day,
            since=_since(counted_from),
        ),
        " ".join(text[sentence[0] : sentence[1]].split()),
        tuple(set_aside),
    )


#: Why a date is not the decision, as the reader and each language's tables say it, by key.
_WHY_KEYS = {
    "an e-mail header": "email_header",
    "an earlier message, quoted": "quoted",
    "something asked of the candidate": "candidate_task",
    "an absence": "absence",
    "a start date": "start_date",
    "a contract or notice length": "contract",
    "a work pattern": "work_pattern",
    "a past duration": "past_duration",
    "an interview or meeting": "meeting",
    "the application": "application",
    "pay or benefits": "pay",
    "a length of something else": "other_length",
    "office hours": "office_hours",
    "a date already past": "past_date",
    "the interview day": "interview_day",
    "an earlier date than the latest one given for the decision": "earlier_date",
    "the same decision date said again": "same_date",
}


def _why(why: str) -> Explained:
    """A reason to set a date aside, with its key (none for a reason not in the table)."""
    key = _WHY_KEYS.get(why)
    return said(why, f"set_aside.{key}") if key else Explained(why)


#: What the reader counts from, as the interpretation names it.
_SINCE_KEYS = {"the interview": "since.interview", "their reply": "since.reply"}


def _since(counted_from: str) -> Explained:
    key = _SINCE_KEYS.get(counted_from)
    return said(counted_from, key) if key else Explained(counted_from)


@dataclass(frozen=True, slots=True)
class DateExpression:
    """A date expression found in a text: its words, the day it names, and the words before and
    after it on its line (lower case, up to 60 and 40 characters), for a caller that decides
    what the date is about."""

    text: str
    day: date
    before: str
    after: str = ""


def date_expressions(
    text: str, *, said_on: date, calendar: BusinessCalendar, day_first: bool, language: str = "en"
) -> tuple[DateExpression, ...]:
    """Every date expression in ``text``, resolved against ``said_on`` and the calendar.

    Args:
        text: any text, e.g. an out-of-office notice.
        said_on: the day the text was written; relative words count from it.
        calendar: the calendar that knows business days and holiday names.
        day_first: whether numeric dates are written day first.
        language: the language of the text, as ``read_timeline`` takes it.

    Returns:
        The expressions in text order.
    """
    lang = language_of(text, language)
    normalized = _normalize(text)
    found = []
    ctx = _Context(said_on, calendar, day_first or lang.code != "en", lang)
    for c in _candidates(normalized, ctx):
        begin = max(normalized.rfind("\n", 0, c.start) + 1, c.start - 60)
        line_end = normalized.find("\n", c.end)
        end = min(c.end + 40, len(normalized) if line_end < 0 else line_end)
        found.append(
            DateExpression(
                text[c.start : c.end], c.day, normalized[begin : c.start], normalized[c.end : end]
            )
        )
    return tuple(found)


# -- languages -----------------------------------------------------------------------------------

_CHRISTMAS = re.compile(r"christmas|weihnacht|noël|noel|navidad|natividad")
_NEW_YEAR = re.compile(r"new\s+year|neujahr|jour\s+de\s+l'an|nouvel\s+an|año\s+nuevo")


@dataclass(frozen=True, slots=True, eq=False)
class Language:
    """What the reader needs to know of one language: its phrase rules, its names of months,
    weekdays, numbers and units, and the words that make a date a decision or something else.

    English is written out in this module; German, French and Spanish are data in
    ``app.domain.languages`` and built by :func:`language`. A language hashes by identity.
    """

    code: str
    rules: tuple[PhraseRule, ...]
    month: Callable[[str], int]
    weekday: Callable[[str], int]
    number: Callable[[str], int]
    #: An early/mid/end word of the language as the English one ("early", "mid", "end of").
    part: Callable[[str], str]
    #: A unit word as its kind: "business", "day", "week" or "month".
    unit: Callable[[str], str]
    decision: re.Pattern[str]
    distractors: tuple[tuple[re.Pattern[str], str], ...]
    after_patterns: tuple[tuple[re.Pattern[str], str], ...]
    before_patterns: tuple[tuple[re.Pattern[str], str], ...]
    header_line: re.Pattern[str]
    sentence_end: re.Pattern[str]
    abbreviation: re.Pattern[str]
    clause_break: re.Pattern[str]
    #: A weekday name at the end of an expression: it names the date right after it.
    weekday_tail: re.Pattern[str]
    holiday_before: str
    holiday_after: str
    holiday_article: str
    holiday_suffix: str
    season: str
    season_needs: tuple[str, ...]
    #: Everyday holiday names and a pattern of the calendar's names they stand for.
    holiday_names: dict[str, str]
    #: Words only this language uses often: enough of them and English text is this language.
    marks: re.Pattern[str] | None = None


def _english_unit(unit: str) -> str:
    if unit.startswith(("business", "working", "biz", "bus")):
        return "business"
    if unit.startswith(("day", "calendar")):
        return "day"
    return "week" if unit.startswith("w") else "month"


#: Words common in English and rare in German, French and Spanish.
_ENGLISH_MARKS = re.compile(
    r"\b(?:the|and|you|we|will|with|thanks?|your|our|regards|next|week|this|to|for|of|is|are"
    r"|be|have|has|us|back|by|hi|dear|best|please|would|let|get|know|from|that|it)\b"
)


@lru_cache(maxsize=1)
def english() -> Language:
    """English, as this module writes it."""
    return Language(
        code="en",
        rules=PHRASE_RULES,
        month=lambda word: MONTHS[word[:3]],
        weekday=_weekday_index,
        number=_number,
        part=lambda word: word,
        unit=_english_unit,
        decision=_DECISION,
        distractors=_DISTRACTORS,
        after_patterns=_AFTER_PATTERNS,
        before_patterns=_BEFORE_PATTERNS,
        header_line=_HEADER_LINE,
        sentence_end=_SENTENCE_END,
        abbreviation=_ABBREVIATION,
        clause_break=_CLAUSE_BREAK,
        weekday_tail=re.compile(r"(?:day|mon|tues?|weds?|thu\w*|fri)\.?$"),
        holiday_before=_BEFORE,
        holiday_after=_AFTER,
        holiday_article=r"the\s+",
        holiday_suffix=r"day|holiday|break|weekend",
        season=(
            r"(?:the\s+)?(?:holidays|holiday\s+(?:season|break|period)|festive\s+(?:season|break"
            r"|period)|christmas\s+(?:break|holidays?|period)|year[\s-]end\s+(?:break|holidays?))"
        ),
        season_needs=("holiday", "festive", "break"),
        holiday_names={},
        marks=_ENGLISH_MARKS,
    )


def _calendar_week(m: re.Match[str], ctx: _Context) -> Resolution | None:
    """ "KW 50", "semaine 50": the last business day of that ISO week, this year or the next."""
    week, year = int(m["kw"]), ctx.said_on.year
    if week < ctx.said_on.isocalendar().week:
        year += 1
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        return None
    first, last = ctx.calendar.week_of(monday)
    return ctx.calendar.last_business_day_between(first, last), said(
        f"the last business day of calendar week {week} "
        f"({format_day(first)} to {format_day(last)})",
        "how.calendar_week",
        week=week,
        first=first,
        last=last,
    )


_RESOLVERS: dict[str, Resolver] = {
    "calendar_week": _calendar_week,
    #: "eine Woche später", "une semaine plus tard": counted from the latest date said before.
    "following_amount": _amount,
    "iso": _iso,
    "month_name": _month_name,
    "numeric": _numeric,
    "dotted": _dotted,
    "ordinal_day": _ordinal_day,
    "weekday": _weekday,
    "following_weekday": _following_weekday,
    "this_week_end": _week_end(0, _what("the interview's week")),
    "next_week_end": _week_end(1, _what("the week after the interview")),
    "week_after_next_end": _week_end(2, _what("the second week after the interview")),
    "following_week_end": _week_end(1, _what("the week after")),
    "early_next_week": _next_week_day(
        2, _what("the second business day of the week after the interview")
    ),
    "mid_next_week": _next_week_day(
        3, _what("the third business day of the week after the interview")
    ),
    "amount": _amount,
    "range": _range,
    "hours": _hours,
    "next_business_day": _business_days(1, _what("the business day after the interview")),
    "business_day_or_two": _business_days(
        2, _what("the later bound, 2 business days after the interview")
    ),
    "this_month_end": _this_month_end,
    "next_month_part": _next_month_part,
    "named_month_part": _named_month_part,
    "in_month": _in_month,
    "year_end": _year_end,
    "early_next_year": _early_next_year,
    "today": _days_after(0, _what("the day of the interview")),
    "tomorrow": _days_after(1, _what("the day after the interview")),
    "day_after_tomorrow": _days_after(2, _what("two days after the interview")),
    "few_days": _days_after(3, _what("a few days (3) after the interview")),
    "fifteen_days": _days_after(15, _what("fifteen days after the interview")),
    "eight_days": _days_after(8, _what("eight days (a huitaine) after the interview")),
    "week_commencing": _week_commencing,
}


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True)
    )


def _month_names(months: dict[str, int]) -> str:
    """Month names, an abbreviation ("dez", "sept") with its optional full stop."""
    names = sorted(months, key=len, reverse=True)
    return "|".join(
        re.escape(name) + (r"\.?" if any(o != name and o.startswith(name) for o in names) else "")
        for name in names
    )


def _lookup(table: dict[str, Any], what: str) -> Callable[[str], Any]:
    def look(word: str) -> Any:
        key = " ".join(word.strip(" .").split())
        if key in table:
            return table[key]
        return int(key) if key.isdigit() else table[key.rstrip("s")]

    look.__name__ = f"{what}_of"
    return look


def _kinds(units: tuple[tuple[str, str], ...]) -> Callable[[str], str]:
    compiled = tuple((re.compile(pattern), kind) for pattern, kind in units)

    def kind_of(unit: str) -> str:
        unit = " ".join(unit.split())
        return next(kind for pattern, kind in compiled if pattern.fullmatch(unit))

    return kind_of


def also_plain(pattern: str, spellings: dict[str, str]) -> str:
    """``pattern`` also matching words typed without a language's letters: German "naechste"
    for "nächste", "Gruesse" for "Grüße", as people type on a keyboard without them. Letters
    inside a character class are left alone."""
    if not spellings:
        return pattern
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class:
            out.append(char)
            in_class = char != "]"
        elif char == "[":
            out.append(char)
            in_class = True
        elif char in spellings:
            out.append(f"(?:{char}|{spellings[char]})")
        else:
            out.append(char)
    return "".join(out)


def _plain_word(word: str, spellings: dict[str, str]) -> str:
    return "".join(spellings.get(char, char) for char in word)


def _built(data: Any) -> Language:
    """A language from its data module (see ``app.domain.languages``)."""
    months: dict[str, int] = data.MONTHS
    weekdays: dict[str, int] = data.WEEKDAYS
    numbers: dict[str, int] = data.NUMBERS
    slots = {
        "<MONTH>": rf"(?P<month>{_month_names(months)})",
        "<ANY_MONTH>": rf"(?:{_alternatives(months)})\b",
        "<DAY_NAME>": rf"(?P<weekday>{_alternatives(weekdays)})",
        "<NUM>": rf"(?:\d{{1,3}}|{_alternatives(numbers)})",
        "<UNIT>": rf"(?P<unit>{'|'.join(f'(?:{p})' for p, _ in data.UNITS)})",
        "<YEAR>": r"(?:,?\s+(?P<year>\d{4}))?",
    }

    spellings: dict[str, str] = getattr(data, "PLAIN_SPELLINGS", {})

    def filled(pattern: str) -> str:
        for slot, value in slots.items():
            pattern = pattern.replace(slot, value)
        return also_plain(pattern, spellings)

    def needed(words: Iterable[str]) -> tuple[str, ...]:
        words = tuple(words)
        plain = tuple(_plain_word(word, spellings) for word in words)
        return tuple(dict.fromkeys(words + plain))

    def compiled(pairs: Iterable[tuple[str, str]]) -> tuple[tuple[re.Pattern[str], str], ...]:
        return tuple((re.compile(filled(pattern)), why) for pattern, why in pairs)

    rules = tuple(
        PhraseRule(
            re.compile(filled(row[0])),
            EXPLICIT if row[1] in ("iso", "month_name", "numeric", "dotted") else RELATIVE,
            _RESOLVERS[row[1]],
            needed(row[2]),
            row[1].startswith("following"),
        )
        for row in data.RULES
    )
    return Language(
        code=data.CODE,
        rules=rules,
        month=_lookup(months, "month"),
        weekday=_lookup(weekdays, "weekday"),
        number=_lookup(numbers, "number"),
        part=_lookup(data.PARTS, "part"),
        unit=_kinds(data.UNITS),
        decision=re.compile(filled(data.DECISION)),
        distractors=compiled(data.DISTRACTORS),
        after_patterns=compiled(data.AFTER),
        before_patterns=compiled(data.BEFORE),
        header_line=re.compile(data.HEADER_LINE),
        sentence_end=re.compile(r"[.!?]+(?=\s+[A-Za-zÀ-ÖØ-öø-ÿ\"'(¿¡«])|[.!?]+\s*$|\n+|;"),
        abbreviation=re.compile(data.ABBREVIATION, re.IGNORECASE),
        clause_break=re.compile(data.CLAUSE_BREAK),
        weekday_tail=re.compile(rf"(?:{_alternatives(weekdays)})\.?$"),
        holiday_before=data.HOLIDAY_BEFORE,
        holiday_after=data.HOLIDAY_AFTER,
        holiday_article=data.HOLIDAY_ARTICLE,
        holiday_suffix=data.HOLIDAY_SUFFIX,
        season=data.SEASON,
        season_needs=tuple(data.SEASON_NEEDS),
        holiday_names=dict(data.HOLIDAY_NAMES),
        marks=re.compile(data.MARKS),
    )


#: The languages the reader knows, by code.
LANGUAGES = ("en", "de", "fr", "es")


@lru_cache(maxsize=8)
def language(code: str) -> Language:
    """The reader's tables for a language code; an unknown code reads as English."""
    if code == "en" or code not in LANGUAGES:
        return english()
    module = importlib.import_module(f"app.domain.languages.{code}")
    return _built(module)


@lru_cache(maxsize=8)
def _marks(code: str) -> re.Pattern[str]:
    """A language's common words, without building its whole tables."""
    if code == "en":
        return _ENGLISH_MARKS
    return re.compile(importlib.import_module(f"app.domain.languages.{code}").MARKS)


@lru_cache(maxsize=4096)
def language_of(text: str, given: str = "en") -> Language:
    """The language to read ``text`` in: the one given, unless the words clearly are another
    of the four (at least four of its common words, and more than twice as many as the given
    language's): a German e-mail sent without a language, or an English reply to an interview
    held in German, is read in the language it is written in."""
    sample = text[:2000].lower()
    given = given if given in LANGUAGES else "en"
    scores = {code: len(_marks(code).findall(sample)) for code in LANGUAGES}
    best = max(scores, key=lambda code: (scores[code], code == given))
    if best != given and scores[best] >= 4 and scores[best] > 2 * scores[given]:
        return language(best)
    return language(given)
