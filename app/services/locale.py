"""How a country writes numeric dates, from CLDR (via Babel), for reading "12/4"."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format


@lru_cache(maxsize=512)
def writes_day_first(country: str) -> bool:
    """Whether ``country`` writes the day before the month in its short date format.

    The country's most likely locale (CLDR likely subtags: ``und_DE`` is ``de_DE``) gives its
    short date pattern: ``M/d/yy`` in the US, ``dd.MM.yy`` in Germany, ``y/MM/dd`` in Japan.

    Args:
        country: ISO 3166-1 alpha-2 code.

    Returns:
        True where the day comes first; False where the month does (US, CA, JP, CN, ...).
        Countries CLDR does not know are taken as day first, as most of the world writes.
    """
    try:
        pattern = get_date_format("short", locale=Locale.parse(f"und_{country}")).pattern
    except (UnknownLocaleError, ValueError):
        return True
    day, month = pattern.find("d"), pattern.find("M")
    return day < month if day >= 0 and month >= 0 else True
