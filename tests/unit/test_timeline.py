"""Reading what the interviewer said (docs/time.md): one row per phrase, worked by hand.

Said on Tue 2026-11-24 (the example interview) unless a row says otherwise. US-NY: Thanksgiving
Thu 11-26, Christmas Fri 12-25, Independence Day observed Fri 2026-07-03, New Year's Day 2028
observed Fri 2027-12-31. Israel's week runs Sunday to Thursday (weekend Friday-Saturday).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from app.domain.calendar import CalendarSpec, calendar_for
from app.domain.model import DecisionTimeline, StepKind, TimelineSource
from app.domain.timeline import read_timeline

US_NY = calendar_for(CalendarSpec("US", "NY"))
DE_BY = calendar_for(CalendarSpec("DE", "BY"))
IL = calendar_for(CalendarSpec("IL"))
TUESDAY = "2026-11-24"


def d(text: str) -> date:
    return date.fromisoformat(text)


def row(case: str, *values: object) -> object:
    return pytest.param(*values, id=case)


def read(text: str, said_on: str = TUESDAY, calendar=US_NY, day_first: bool = False):
    return read_timeline(
        DecisionTimeline(text=text), said_on=d(said_on), calendar=calendar, day_first=day_first
    )


# fmt: off
PHRASES = [
    #   words                                    said on      deadline      part read
    # The seeds' own phrases.
    row("000: by the end of next week",
        "We will make a decision by the end of next week", TUESDAY, "2026-12-04",
        "end of next week"),
    row("001: in a couple of weeks",
        "We will get back to you in a couple of weeks", TUESDAY, "2026-12-08",
        "in a couple of weeks"),
    row("003: by Friday",
        "We will let you know by Friday",        TUESDAY,     "2026-11-27", "Friday"),
    # Explicit dates.
    row("by December 4",          "by December 4",          TUESDAY, "2026-12-04", "December 4"),
    row("by Dec. 4",              "by Dec. 4",              TUESDAY, "2026-12-04", "Dec. 4"),
    row("December 4th, 2026",     "December 4th, 2026",     TUESDAY, "2026-12-04",
        "December 4th, 2026"),
    row("by 4 December",          "by 4 December",          TUESDAY, "2026-12-04", "4 December"),
    row("the 4th of December",    "by the 4th of December", TUESDAY, "2026-12-04",
        "4th of December"),
    row("ISO date",               "by 2026-12-04",          TUESDAY, "2026-12-04", "2026-12-04"),
    row("12/4 month first (US)",  "by 12/4",                TUESDAY, "2026-12-04", "12/4"),
    row("12/4/2026",              "by 12/4/2026",           TUESDAY, "2026-12-04", "12/4/2026"),
    row("12/31",                  "by 12/31",               TUESDAY, "2026-12-31", "12/31"),
    row("the next January 8",     "by January 8",           "2026-12-30", "2027-01-08",
        "January 8"),
    row("1/8 in the new year",    "by 1/8",                 "2026-12-30", "2027-01-08", "1/8"),
    row("a weekday names its date", "by Friday, December 4", TUESDAY, "2026-12-04",
        "Friday, December 4"),
    # Weekdays.
    row("by Friday said Friday: the next one",
        "by Friday",                                        "2026-11-27", "2026-12-04", "Friday"),
    row("Monday",                 "We'll call you Monday",  TUESDAY, "2026-11-30", "Monday"),
    row("this coming Friday",     "this coming Friday",     TUESDAY, "2026-11-27",
        "this coming Friday"),
    row("next Tuesday: in the next week", "next Tuesday",   TUESDAY, "2026-12-01",
        "next Tuesday"),
    row("next Tuesday said Sunday", "next Tuesday",         "2026-11-22", "2026-11-24",
        "next Tuesday"),
    row("next Friday",            "next Friday",            TUESDAY, "2026-12-04", "next Friday"),
    # End of (the|this|next) week: its last business day.
    row("end of the week",        "by the end of the week", TUESDAY, "2026-11-27",
        "end of the week"),
    row("end of this week",       "end of this week",       TUESDAY, "2026-11-27",
        "end of this week"),
    row("later this week",        "later this week",        TUESDAY, "2026-11-27",
        "later this week"),
    row("end of next week",       "end of next week",       TUESDAY, "2026-12-04",
        "end of next week"),
    row("upper case",             "By END OF NEXT WEEK",    TUESDAY, "2026-12-04",
        "END OF NEXT WEEK"),
    row("end of the week: Christmas Friday, so Thursday",
        "end of the week",                                  "2026-12-21", "2026-12-24",
        "end of the week"),
    row("end of the week: July 3 observed, so Thursday",
        "end of the week",                                  "2026-06-29", "2026-07-02",
        "end of the week"),
    row("end of next week: Christmas week",
        "end of next week",                                 "2026-12-18", "2026-12-24",
        "end of next week"),
    row("next week: its last business day",
        "next week",                                        TUESDAY, "2026-12-04", "next week"),
    # In / within N days, business days, weeks.
    row("in 10 days",             "in 10 days",             TUESDAY, "2026-12-04", "in 10 days"),
    row("within 3 days",          "within 3 days",          TUESDAY, "2026-11-27",
        "within 3 days"),
    row("within 5 business days: Thanksgiving skipped",
        "within 5 business days",                           TUESDAY, "2026-12-02",
        "within 5 business days"),
    row("in 3 working days",      "in 3 working days",      TUESDAY, "2026-11-30",
        "in 3 working days"),
    row("within the next 10 business days",
        "within the next 10 business days",                 TUESDAY, "2026-12-09",
        "within the next 10 business days"),
    row("in 1 week",              "in 1 week",              TUESDAY, "2026-12-01", "in 1 week"),
    row("within a week",          "within a week",          TUESDAY, "2026-12-01",
        "within a week"),
    row("within two weeks",       "within two weeks",       TUESDAY, "2026-12-08",
        "within two weeks"),
    row("in the next two weeks",  "in the next two weeks",  TUESDAY, "2026-12-08",
        "in the next two weeks"),
    # A few, a couple, a week or two, ranges (the later bound).
    row("a few days",             "in a few days",          TUESDAY, "2026-11-27",
        "in a few days"),
    row("a couple of days",       "a couple of days",       TUESDAY, "2026-11-26",
        "a couple of days"),
    row("a couple of weeks",      "a couple of weeks",      TUESDAY, "2026-12-08",
        "a couple of weeks"),
    row("a couple of business days",
        "in a couple of business days",                     TUESDAY, "2026-11-27",
        "in a couple of business days"),
    row("a week or two",          "a week or two",          TUESDAY, "2026-12-08",
        "a week or two"),
    row("in a week or two",       "in a week or two",       TUESDAY, "2026-12-08",
        "a week or two"),
    row("one or two weeks",       "one or two weeks",       TUESDAY, "2026-12-08",
        "one or two weeks"),
    row("2-3 weeks",              "2-3 weeks",              TUESDAY, "2026-12-15", "2-3 weeks"),
    row("2-3 weeks with an en dash", "2\u20133 weeks",        TUESDAY, "2026-12-15",
        "2\u20133 weeks"),
    row("two to three weeks",     "within two to three weeks", TUESDAY, "2026-12-15",
        "two to three weeks"),
    # Months.
    row("end of the month",       "by the end of the month", TUESDAY, "2026-11-30",
        "the end of the month"),
    row("end of the month: New Year observed on the 31st",
        "end of the month",                                 "2027-12-06", "2027-12-30",
        "end of the month"),
    row("early next month: by the 10th",
        "early next month",                                 TUESDAY, "2026-12-10",
        "early next month"),
    row("mid next month: by the 15th",
        "mid next month",                                   TUESDAY, "2026-12-15",
        "mid next month"),
    row("end of next month",      "by the end of next month", TUESDAY, "2026-12-31",
        "the end of next month"),
    row("early next month: the 10th is a Sunday",
        "early next month",                                 "2026-12-02", "2027-01-08",
        "early next month"),
    row("mid next month in the new year",
        "mid next month",                                   "2026-12-02", "2027-01-15",
        "mid next month"),
    row("end of next month: the 31st is a Sunday",
        "end of next month",                                "2026-12-02", "2027-01-29",
        "end of next month"),
    # Tomorrow.
    row("tomorrow",               "tomorrow",               TUESDAY, "2026-11-25", "tomorrow"),
    row("the day after tomorrow", "the day after tomorrow", TUESDAY, "2026-11-26",
        "the day after tomorrow"),
]
# fmt: on


@pytest.mark.parametrize(("text", "said_on", "deadline", "matched"), PHRASES)
def test_every_phrase_of_spec_section_4_is_read(text, said_on, deadline, matched) -> None:
    reading = read(text, said_on)

    assert reading.deadline == d(deadline)
    assert reading.source is TimelineSource.TEXT
    assert (reading.text, reading.matched) == (text, matched)
    assert reading.interpretation is not None
    assert f'"{matched}"' in reading.interpretation
    assert f"{d(deadline):%B} {d(deadline).day}, {d(deadline).year}" in reading.interpretation


# fmt: off
COUNTRY_PHRASES = [
    #   words                  said on       calendar  day first  deadline
    row("DE 12/4 is the 12th of April, next year",
        "by 12/4",             TUESDAY,      DE_BY,    True,      "2027-04-12"),
    row("DE 4/12 is the 4th of December",
        "by 4/12/2026",        TUESDAY,      DE_BY,    True,      "2026-12-04"),
    row("DE 8/1 across the new year",
        "by 8/1",              "2026-12-30", DE_BY,    True,      "2027-01-08"),
    row("dotted dates are day first anywhere",
        "by 04.12.",           TUESDAY,      US_NY,    False,     "2026-12-04"),
    row("DE dotted date",
        "bis 8.1.",            "2026-12-30", DE_BY,    True,      "2027-01-08"),
    row("DE-BY end of next week over Epiphany",
        "end of next week",    "2026-12-30", DE_BY,    True,      "2027-01-08"),
    row("IL end of the week is Thursday",
        "by the end of the week", "2026-11-22", IL,    True,      "2026-11-26"),
    row("IL end of the week said on Tuesday",
        "end of the week",     TUESDAY,      IL,       True,      "2026-11-26"),
    row("IL next week ends Thursday",
        "next week",           "2026-11-26", IL,       True,      "2026-12-03"),
    row("IL end of next week",
        "end of next week",    "2026-11-22", IL,       True,      "2026-12-03"),
    row("IL next Tuesday from a Thursday",
        "next Tuesday",        "2026-11-26", IL,       True,      "2026-12-01"),
    row("IL business days skip Friday and Saturday",
        "within 5 business days", "2026-11-22", IL,    True,      "2026-11-29"),
    row("IL by Friday is the weekend Friday",
        "by Friday",           TUESDAY,      IL,       True,      "2026-11-27"),
    row("R6: a month starting on a Friday has its first week after (Jan 1, 2027)",
        "the first week of January", TUESDAY, US_NY,   False,     "2027-01-08"),
    row("R6: ... its second week the one after that",
        "in the second week of January", TUESDAY, US_NY, False,   "2027-01-15"),
    row("R6: a month starting on a Tuesday has its first week in it",
        "the first week of December", TUESDAY, US_NY,  False,     "2026-12-04"),
    row("R6: a month starting on a Thursday: two of five workdays, the next week",
        "the first week of April", TUESDAY, US_NY,     False,     "2027-04-09"),
    row("R6: IL's week runs Sunday to Thursday: Jan 1, 2027 is its weekend",
        "first week of January", "2026-11-22", IL,     True,      "2027-01-07"),
    row("R6: the week of the 14th is the next 14th's week, read to its end",
        "likely the week of the 14th", TUESDAY, US_NY, False,     "2026-12-18"),
    row("R6: w/c the 7th",
        "w/c the 7th",         TUESDAY,      US_NY,    False,     "2026-12-11"),
    row("R6: the week of the 30th, this month's",
        "the week of the 30th", TUESDAY,     US_NY,    False,     "2026-12-04"),
    row("R6: a week from tomorrow counts from tomorrow, not tomorrow itself",
        "We'll decide a week from tomorrow.", TUESDAY, US_NY, False, "2026-12-02"),
    row("R6: two weeks from Friday",
        "two weeks from Friday", TUESDAY,    US_NY,    False,     "2026-12-11"),
    row("typed on a phone: 'fri next wk', not this Friday",
        "final decision fri next wk, will call", TUESDAY, US_NY, False, "2026-12-04"),
    row("typed on a phone: 'end of nxt week'",
        "we'll get back to u by end of nxt week", TUESDAY, US_NY, False, "2026-12-04"),
    row("a stop before a small letter ends a sentence: today is the interview's",
        "thx for coming in today. will let u know by fri", TUESDAY, US_NY, False, "2026-11-27"),
    row("the decision's own date, not the onsite's that follows it",
        "We'll let you know by Friday whether you move on to the onsite, which would be on "
        "Tuesday, December 8.", TUESDAY, US_NY, False,                    "2026-11-27"),
    row("a colleague out this week is an absence, not the decision",
        "The hiring manager is out this week; we'll get back to you by Wednesday the 2nd.",
        TUESDAY,               US_NY,        False,                       "2026-12-02"),
    row("an address in a signature is no date",
        "We'll decide by Friday.\n--\n350 5th Ave, Suite 1200",
        TUESDAY,               US_NY,        False,                       "2026-11-27"),
    row("'could slip to' moves the decision later",
        "We hope to decide by Friday, but it could slip to Tuesday the 8th depending on "
        "everyone's schedules.", TUESDAY, US_NY, False,                    "2026-12-08"),
    row("the other side's words quoted under the reply are set aside",
        "We'll decide by Friday.\n\nOn Mon, Nov 23 Ann wrote:\n> See you on Monday the 30th!",
        TUESDAY,               US_NY,        False,                       "2026-11-27"),
    row("the Monday after Thanksgiving is that Monday, not the week after's end",
        "you'll hear from me the Monday after Thanksgiving.", TUESDAY, US_NY, False,
        "2026-11-30"),
    row("by month's end",
        "The panel will decide by month's end.", TUESDAY, US_NY, False,   "2026-11-30"),
    row("N calendar days are days",
        "Selections are made within 30 calendar days of the interview.", TUESDAY, US_NY, False,
        "2026-12-24"),
    row("R6: before the 15th is the last business day before it",
        "We intend to decide before the 15th.", TUESDAY, US_NY, False,    "2026-12-14"),
    row("the 1st of next month is that day, not the month's end",
        "I hope to have feedback by the 1st of next month.", TUESDAY, US_NY, False,
        "2026-12-01"),
    row("what the candidate is asked to do by a day is not the decision",
        "Please confirm by Friday whether that time works. We'll decide within 2 weeks.",
        TUESDAY,               US_NY,        False,                       "2026-12-08"),
    row("'Monday or Tuesday at the latest whether': the later day",
        "She'll confirm Monday or Tuesday at the latest whether you're through.", TUESDAY,
        US_NY,                 False,                                     "2026-12-01"),
    row("DE typed without umlauts: 'naechster Woche'",
        "Vielen Dank fuer das Gespraech, Sie bekommen von uns eine Rueckmeldung bis Ende "
        "naechster Woche.", TUESDAY, DE_BY, True,
        "2026-12-04"),
]
# fmt: on


@pytest.mark.parametrize(("text", "said_on", "calendar", "day_first", "deadline"), COUNTRY_PHRASES)
def test_dates_and_weeks_as_the_calendars_country_has_them(
    text, said_on, calendar, day_first, deadline
) -> None:
    assert read(text, said_on, calendar, day_first).deadline == d(deadline)


@pytest.mark.parametrize(
    "text",
    [
        "We will be in touch soon",
        "We'll let you know",
        "ASAP",
        "by 31/12",  # month first in the US: no 31st month
        "February 30",
        "sometime after the board meets",
    ],
)
def test_unreadable_words_give_no_deadline_but_keep_the_text(text) -> None:
    reading = read(text)

    assert reading.deadline is None
    assert reading.source is TimelineSource.TEXT
    assert (reading.text, reading.matched, reading.interpretation) == (text, None, None)


def test_a_date_is_taken_as_given_and_wins_over_words() -> None:
    reading = read_timeline(
        DecisionTimeline(by=d("2026-12-04"), text="in a couple of weeks"),
        said_on=d(TUESDAY),
        calendar=US_NY,
        day_first=False,
    )

    assert (reading.deadline, reading.source) == (d("2026-12-04"), TimelineSource.DATE)
    assert reading.interpretation is not None
    assert "Friday, December 4, 2026" in reading.interpretation


@pytest.mark.parametrize(
    "timeline",
    [None, DecisionTimeline(), DecisionTimeline(text=""), DecisionTimeline(text="   ")],
    ids=["none", "empty", "empty-text", "blank-text"],
)
def test_no_timeline_reads_as_none(timeline) -> None:
    reading = read_timeline(timeline, said_on=d(TUESDAY), calendar=US_NY, day_first=False)

    assert (reading.deadline, reading.source) == (None, TimelineSource.NONE)


@pytest.mark.parametrize("text", ["We will be in touch soon", "sometime after the board meets"])
def test_unreadable_words_plan_as_if_no_timeline_was_given_and_warn(
    build, spec_example, text
) -> None:
    plan = build.plan(replace(spec_example, timeline=DecisionTimeline(text=text)))

    assert plan.timeline.deadline is None
    assert plan.timeline.text == text
    (warning,) = [w for w in plan.warnings if w.code == "timeline_unrecognized"]
    assert f'"{text}"' in warning.message
    follow_up = build.step(plan, StepKind.FOLLOW_UP)
    # R7 from Tue 11-24: five to seven business days, Thanksgiving closed.
    assert (follow_up.window.earliest.date(), follow_up.window.latest.date()) == (
        d("2026-12-02"),
        d("2026-12-04"),
    )
    assert "R7" in follow_up.rules


def test_the_plan_reads_relative_words_from_the_interviews_local_date(build) -> None:
    """23:30 in New York on Mon 11-23 is already Tuesday in UTC; "tomorrow" is still Tuesday."""
    ny = ZoneInfo("America/New_York")
    facts = build.facts(
        starts_at=datetime(2026, 11, 23, 23, 30, tzinfo=ny).astimezone(ZoneInfo("UTC")),
        timeline=DecisionTimeline(text="tomorrow"),
    )

    assert build.plan(facts).timeline.deadline == d("2026-11-24")


def test_a_date_just_past_is_set_aside_not_moved_to_next_year() -> None:
    """Said on Dec 5, "by 12/4" is a slip or a stale e-mail; a year later is a wrong date."""
    reading = read("We will let you know by 12/4", "2026-12-05")

    assert reading.deadline is None
    assert [(s.text, s.why) for s in reading.set_aside] == [("12/4", "a date already past")]
