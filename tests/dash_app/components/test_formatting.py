"""Numbers as people read them, in French and English."""

from __future__ import annotations

import math

import pytest

from dash_app.components.formatting import (
    format_money,
    format_percent,
    format_points,
    format_years,
    years_from_days,
)


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (123456.0, "fr", "123\u202f456\u00a0€"),
        (123456.0, "en", "€123,456"),
        (None, "fr", "—"),
        (math.nan, "en", "—"),
    ],
)
def test_format_money(value: float | None, lang: str, expected: str) -> None:
    assert format_money(value, lang) == expected


@pytest.mark.parametrize(
    ("share", "lang", "expected"),
    [(0.125, "fr", "12,5\u00a0%"), (0.125, "en", "12.5%"), (0.0874, "en", "8.7%")],
)
def test_format_percent(share: float, lang: str, expected: str) -> None:
    assert format_percent(share, lang) == expected


@pytest.mark.parametrize(
    ("points", "signed", "lang", "expected"),
    [
        (543.1, False, "fr", "543\u00a0pts"),
        (-12.4, True, "fr", "−12\u00a0pts"),
        (3.6, True, "en", "+4 pts"),
    ],
)
def test_format_points(points: float, signed: bool, lang: str, expected: str) -> None:
    assert format_points(points, lang, signed=signed) == expected


def test_days_before_the_application_become_years() -> None:
    assert years_from_days(-10957.5) == pytest.approx(30.0)
    assert format_years(years_from_days(-10957.5), "fr") == "30\u00a0ans"
    assert format_years(1.0, "en") == "1\u00a0year"
    assert years_from_days(None) is None
