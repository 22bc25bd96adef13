"""Reads what the interviewer said about the decision (SPEC.md section 4) into a deadline.

Each phrase rule is a pattern and a resolver; every rule runs over the text and the best match
wins: an explicit date over a relative phrase, then the longest match, then the earliest.
Text no rule reads gives no deadline; the planner then warns ``timeline_unrecognized``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from dateutil.relativedelta import relativedelta
from dateutil.relativedelta import weekday as relative_weekday

from app.domain.calendar import BusinessCalendar
from app.domain.model import DecisionTimeline, TimelineReading, TimelineSource

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
}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>\d{4}))?"
_NUMBER = r"\d{1,2}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
_UNIT = r"(?P<unit>(?:business|working)\s+days?|days?|weeks?|months?)"
_WEEK = r"(?:work\s*)?week"

#: Explicit dates outrank relative phrases when both appear.
EXPLICIT, RELATIVE = 2, 1


@dataclass(frozen=True, slots=True)
class _Context:
    said_on: date
    calendar: BusinessCalendar
    day_first: bool


Resolution = tuple[date, str]
Resolver = Callable[[re.Match[str], _Context], Resolution | None]


@dataclass(frozen=True, slots=True)
class PhraseRule:
    """A phrase: its pattern, its rank, how to resolve a match, and the words it needs.

    ``needs`` is a cheap pre-check: a rule runs only on text holding one of those words.
    """

    pattern: re.Pattern[str]
    rank: int
    resolve: Resolver
    needs: tuple[str, ...]


@lru_cache(maxsize=4096)
def format_day(day: date) -> str:
    """A date as people write it: ``Friday, December 4, 2026``."""
    return f"{WEEKDAYS[day.weekday()].capitalize()}, {day:%B} {day.day}, {day.year}"


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def _dated(year: int | None, month: int, day: int, ctx: _Context) -> date | None:
    """A calendar date; without a year, its next occurrence on or after the interview."""
    try:
        if year is not None:
            return date(year + 2000 if year < 100 else year, month, day)
        found = date(ctx.said_on.year, month, day)
        return found if found >= ctx.said_on else date(ctx.said_on.year + 1, month, day)
    except ValueError:
        return None


def _year(match: re.Match[str]) -> int | None:
    year = match.groupdict().get("year")
    return int(year) if year else None


def _explicit(day: date | None, how: str) -> Resolution | None:
    return None if day is None else (day, how)


def _iso(m: re.Match[str], ctx: _Context) -> Resolution | None:
    day = _dated(int(m["year"]), int(m["month"]), int(m["day"]), ctx)
    return _explicit(day, "an ISO date")


def _month_name(m: re.Match[str], ctx: _Context) -> Resolution | None:
    month = MONTHS[m["month"][:3]]
    how = "a date" if _year(m) else "the next such date on or after the interview"
    return _explicit(_dated(_year(m), month, int(m["day"]), ctx), how)


def _numeric(m: re.Match[str], ctx: _Context) -> Resolution | None:
    first, second = int(m["first"]), int(m["second"])
    day, month = (first, second) if ctx.day_first else (second, first)
    order = "day first" if ctx.day_first else "month first"
    how = f"a numeric date, {order} as {ctx.calendar.spec.country} writes dates"
    return _explicit(_dated(_year(m), month, day, ctx), how)


def _dotted(m: re.Match[str], ctx: _Context) -> Resolution | None:
    day = _dated(_year(m), int(m["second"]), int(m["first"]), ctx)
    return _explicit(day, "a dotted date, day first")


def _weekday(m: re.Match[str], ctx: _Context) -> Resolution:
    weekday = WEEKDAYS.index(m["weekday"])
    if m["next"]:
        start, _ = ctx.calendar.week_of(ctx.said_on, weeks_ahead=1)
        return start + timedelta(days=(weekday - start.weekday()) % 7), "that day in the next week"
    day = ctx.said_on + relativedelta(days=+1, weekday=relative_weekday(weekday)(+1))
    return day, "the first such day after the interview"


def _week_end(weeks_ahead: int, what: str) -> Resolver:
    def resolve(m: re.Match[str], ctx: _Context) -> Resolution:
        first, last = ctx.calendar.week_of(ctx.said_on, weeks_ahead)
        return ctx.calendar.last_business_day_between(first, last), (
            f"the last business day of {what} ({format_day(first)} to {format_day(last)})"
        )

    return resolve


def _next_week_day(nth: int, what: str) -> Resolver:
    def resolve(m: re.Match[str], ctx: _Context) -> Resolution:
        first, _ = ctx.calendar.week_of(ctx.said_on, weeks_ahead=1)
        opening = ctx.calendar.business_day_on_or_after(first)
        return ctx.calendar.business_day_after(opening, nth - 1), what

    return resolve


def _span(count: int, unit: str, ctx: _Context) -> Resolution:
    plural = "" if count == 1 else "s"
    if unit.startswith(("business", "working")):
        day = ctx.calendar.business_day_after(ctx.said_on, count)
        return day, f"{count} business day{plural} after the interview"
    if unit.startswith("day"):
        return ctx.said_on + timedelta(days=count), f"{count} day{plural} after the interview"
    if unit.startswith("week"):
        return ctx.said_on + timedelta(weeks=count), f"{count} week{plural} after the interview"
    return ctx.said_on + relativedelta(months=+count), f"{count} month{plural} after the interview"


def _amount(m: re.Match[str], ctx: _Context) -> Resolution:
    return _span(_number(m["count"]), m["unit"], ctx)


def _range(m: re.Match[str], ctx: _Context) -> Resolution:
    later = max(_number(m["low"]), _number(m["high"]))
    day, how = _span(later, m["unit"], ctx)
    return day, f"the later bound, {how}"


def _month_part(part: str, month_start: date, ctx: _Context) -> Resolution:
    """Early (by the 10th), mid (by the 15th) or end of a month, on a business day."""
    if part in ("early", "beginning of", "start of"):
        cutoff, what = month_start.replace(day=10), f"by the 10th of {month_start:%B %Y}"
    elif part in ("mid", "middle of"):
        cutoff, what = month_start.replace(day=15), f"by the 15th of {month_start:%B %Y}"
    else:
        cutoff, what = month_start + relativedelta(day=31), f"of {month_start:%B %Y}"
    day = ctx.calendar.last_business_day_between(month_start, cutoff)
    return day, f"the last business day {what}"


def _part(m: re.Match[str]) -> str:
    return " ".join(m["part"].split()).removeprefix("the ")


def _this_month_end(m: re.Match[str], ctx: _Context) -> Resolution:
    return _month_part("end of", ctx.said_on.replace(day=1), ctx)


def _next_month_part(m: re.Match[str], ctx: _Context) -> Resolution:
    part = _part(m) if m["part"] else "end of"
    return _month_part(part, ctx.said_on.replace(day=1) + relativedelta(months=+1), ctx)


def _named_month_part(m: re.Match[str], ctx: _Context) -> Resolution:
    month = MONTHS[m["month"][:3]]
    year = ctx.said_on.year + (1 if month < ctx.said_on.month else 0)
    return _month_part(_part(m), date(year, month, 1), ctx)


def _days_after(days: int, what: str) -> Resolver:
    def resolve(m: re.Match[str], ctx: _Context) -> Resolution:
        return ctx.said_on + timedelta(days=days), what

    return resolve


def _rule(pattern: str, rank: int, resolve: Resolver, needs: tuple[str, ...]) -> PhraseRule:
    return PhraseRule(re.compile(pattern), rank, resolve, needs)


_DIGITS = tuple("0123456789")
_MONTH_WORDS = tuple(MONTHS)
_UNITS = ("day", "week", "month")


_PART = r"(?P<part>early|beginning\s+of|start\s+of|mid|middle\s+of|(?:the\s+)?end\s+of|late)"

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
        r"(?<![\d/.])(?P<first>\d{1,2})/(?P<second>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?(?![\d/])",
        EXPLICIT,
        _numeric,
        ("/",),
    ),
    _rule(
        r"(?<![\d/.])(?P<first>\d{1,2})\.(?P<second>\d{1,2})\.(?:(?P<year>\d{4}|\d{2})\b)?",
        EXPLICIT,
        _dotted,
        (".",),
    ),
    _rule(
        rf"\b(?:(?P<next>next)\s+|(?:this\s+)?(?:coming\s+)?)(?P<weekday>{'|'.join(WEEKDAYS)})\b",
        RELATIVE,
        _weekday,
        ("day",),
    ),
    _rule(
        rf"\bend\s+of\s+(?:the\s+|this\s+)?{_WEEK}\b|\b(?:later\s+)?this\s+{_WEEK}\b",
        RELATIVE,
        _week_end(0, "the interview's week"),
        ("week",),
    ),
    _rule(
        rf"\b(?:end\s+of\s+(?:the\s+)?)?next\s+{_WEEK}\b",
        RELATIVE,
        _week_end(1, "the week after the interview"),
        ("week",),
    ),
    _rule(
        rf"\b(?:early|beginning\s+of|start\s+of)\s+(?:the\s+)?next\s+{_WEEK}\b",
        RELATIVE,
        _next_week_day(2, "the second business day of the week after the interview"),
        ("week",),
    ),
    _rule(
        rf"\b(?:mid|middle\s+of)[\s-]+(?:the\s+)?next\s+{_WEEK}\b",
        RELATIVE,
        _next_week_day(3, "the third business day of the week after the interview"),
        ("week",),
    ),
    _rule(
        rf"\b(?:(?:in|within|after|over)\s+(?:the\s+next\s+)?|next\s+)(?P<count>{_NUMBER})\s+{_UNIT}\b",
        RELATIVE,
        _amount,
        _UNITS,
    ),
    _rule(
        rf"\b(?P<count>\d{{1,2}}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
        rf"\s+{_UNIT}\b",
        RELATIVE,
        _amount,
        _UNITS,
    ),
    _rule(
        rf"\b(?:(?:in|within|after|over)\s+(?:the\s+next\s+)?|(?:the\s+)?next\s+)?"
        rf"(?:an?\s+)?(?P<count>couple|few)(?:\s+of)?\s+(?:more\s+)?{_UNIT}\b",
        RELATIVE,
        _amount,
        ("couple", "few"),
    ),
    _rule(
        rf"\b(?P<low>{_NUMBER})\s*(?:-|to|or)\s*(?P<high>{_NUMBER})\s+{_UNIT}\b",
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
        r"\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+)?month|month[\s-]end)\b",
        RELATIVE,
        _this_month_end,
        ("month",),
    ),
    _rule(
        rf"\b(?:{_PART}[\s-]+(?:the\s+)?)?next\s+month\b", RELATIVE, _next_month_part, ("month",)
    ),
    _rule(rf"\b{_PART}[\s-]+{_MONTH}(?!\s*\d)", RELATIVE, _named_month_part, _MONTH_WORDS),
    _rule(r"\btomorrow\b", RELATIVE, _days_after(1, "the day after the interview"), ("tomorrow",)),
    _rule(
        r"\b(?:the\s+)?day\s+after\s+tomorrow\b",
        RELATIVE,
        _days_after(2, "two days after the interview"),
        ("tomorrow",),
    ),
    _rule(
        r"\b(?:today|(?:the\s+)?end\s+of\s+(?:the\s+)?day|close\s+of\s+business)\b",
        RELATIVE,
        _days_after(0, "the day of the interview"),
        ("today", "day", "business"),
    ),
)

_DASHES = str.maketrans(
    {
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\u2019": "'",
    }
)


def read_timeline(
    timeline: DecisionTimeline | None,
    *,
    said_on: date,
    calendar: BusinessCalendar,
    day_first: bool,
) -> TimelineReading:
    """Resolve a decision timeline to a deadline date, saying how it was read.

    Args:
        timeline: a date (``by``) or the interviewer's words (``text``); ``by`` wins if both.
        said_on: the interview's local date; relative phrases count from it.
        calendar: the hiring team's calendar ("end of the week" is its last business day).
        day_first: whether the calendar's country writes numeric dates day first.

    Returns:
        The reading; ``deadline`` is None when nothing was given or nothing could be read.
    """
    if timeline is None or (timeline.by is None and not (timeline.text or "").strip()):
        return TimelineReading(None, TimelineSource.NONE)
    if timeline.by is not None:
        return TimelineReading(
            timeline.by,
            TimelineSource.DATE,
            timeline.text,
            None,
            f"Decision date given: {format_day(timeline.by)}.",
        )
    return _read_text(timeline.text or "", said_on, calendar, day_first)


@lru_cache(maxsize=4096)
def _read_text(
    text: str, said_on: date, calendar: BusinessCalendar, day_first: bool
) -> TimelineReading:
    normalized = text.lower().translate(_DASHES)
    ctx = _Context(said_on, calendar, day_first)
    best: tuple[tuple[int, int, int], re.Match[str], Resolution] | None = None
    for rule in PHRASE_RULES:
        if not any(word in normalized for word in rule.needs):
            continue
        for match in rule.pattern.finditer(normalized):
            resolution = rule.resolve(match, ctx)
            if resolution is None:
                continue
            key = (rule.rank, match.end() - match.start(), -match.start())
            if best is None or key > best[0]:
                best = (key, match, resolution)
    if best is None:
        return TimelineReading(None, TimelineSource.TEXT, text)
    _, match, (deadline, how) = best
    matched = text[match.start() : match.end()]
    return TimelineReading(
        deadline,
        TimelineSource.TEXT,
        text,
        matched,
        f'Read "{matched}" as {how}: {format_day(deadline)}.',
    )
