"""The planning service's start-up work."""

from __future__ import annotations

from datetime import date

from app.domain.calendar import CalendarSpec, calendar_for
from app.services.planning import warm_calendars


def test_warm_calendars_builds_every_subdivision_of_the_country() -> None:
    built = warm_calendars("de", date(2026, 11, 24))

    assert built == 1 + 17  # Germany and its subdivisions as holidays knows them
    assert calendar_for(CalendarSpec("DE", "BY")).is_business_day(date(2027, 1, 6)) is False
