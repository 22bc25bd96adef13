"""Which countries write numeric dates day first: from CLDR, not a hand-made list."""

from __future__ import annotations

import pytest

from app.services import locale
from app.services.locale import writes_day_first


@pytest.mark.parametrize(
    ("country", "day_first"),
    [
        ("US", False),
        ("CA", False),
        ("PH", False),
        ("JP", False),
        ("CN", False),
        ("DE", True),
        ("GB", True),
        ("FR", True),
        ("IL", True),
        ("BR", True),
        ("IN", True),
    ],
)
def test_date_order_comes_from_cldr(country: str, day_first: bool) -> None:
    assert writes_day_first(country) is day_first


def test_a_country_cldr_does_not_know_is_day_first(monkeypatch: pytest.MonkeyPatch) -> None:
    def unknown(identifier: str) -> None:
        raise ValueError(identifier)

    monkeypatch.setattr(locale.Locale, "parse", unknown)
    writes_day_first.cache_clear()
    try:
        assert writes_day_first("QQ") is True
    finally:
        writes_day_first.cache_clear()
