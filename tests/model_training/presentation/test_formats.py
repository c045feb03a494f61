"""Numbers as people read them, in French and English (Babel's CLDR data)."""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable

import pytest

from model_training.presentation.formats import (
    format_currency,
    format_date,
    format_days,
    format_months,
    format_number,
    format_percent,
    format_points,
    format_timestamp_day,
    format_years,
    is_missing,
    number_separators,
    plural_category,
)


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "expected"),
    [
        (1234567.891, "fr", 0, "1\u202f234\u202f568"),
        (1234567.891, "en", 0, "1,234,568"),
        (12345.5, "fr", 1, "12\u202f345,5"),
        (12345.5, "en", 1, "12,345.5"),
        (0.25, "fr", 3, "0,250"),
        (-1234.0, "fr", 0, "-1\u202f234"),
        (-1234.0, "en", 0, "-1,234"),
        (42.0, "de", 0, "42"),  # a language the product does not speak: English numbers
    ],
)
def test_format_number(value: float, lang: str, decimals: int, expected: str) -> None:
    assert format_number(value, lang, decimals) == expected


@pytest.mark.parametrize(
    ("share", "lang", "decimals", "expected"),
    [
        (0.125, "fr", 1, "12,5\u00a0%"),
        (0.125, "en", 1, "12.5%"),
        (0.0874, "en", 1, "8.7%"),
        (0.0874, "fr", 1, "8,7\u00a0%"),
        (0.4, "fr", 0, "40\u00a0%"),
        (0.1234, "en", 2, "12.34%"),
        (1.0, "en", 0, "100%"),
    ],
)
def test_format_percent(share: float, lang: str, decimals: int, expected: str) -> None:
    assert format_percent(share, lang, decimals) == expected


@pytest.mark.parametrize(
    ("amount", "lang", "decimals", "expected"),
    [
        (123456.0, "fr", 0, "123\u202f456\u00a0€"),
        (123456.0, "en", 0, "€123,456"),
        (888.4878, "fr", 2, "888,49\u00a0€"),
        (888.4878, "en", 2, "€888.49"),
        (1.0, "fr", 0, "1\u00a0€"),
        (10_000_000.0, "fr", 0, "10\u202f000\u202f000\u00a0€"),
    ],
)
def test_format_currency_in_euros(amount: float, lang: str, decimals: int, expected: str) -> None:
    assert format_currency(amount, lang, decimals) == expected


@pytest.mark.parametrize(
    ("points", "signed", "lang", "expected"),
    [
        (543.1, False, "fr", "543\u00a0pts"),
        (543.1, False, "en", "543\u00a0pts"),
        (-12.4, True, "fr", "−12\u00a0pts"),
        (3.6, True, "en", "+4\u00a0pts"),
        (0.0, True, "en", "0\u00a0pts"),  # no sign on zero
        (-0.4, True, "fr", "0\u00a0pt"),  # never "-0"; French 0 is singular (CLDR)
        (-0.4, False, "en", "0\u00a0pts"),
        (1.2, True, "en", "+1\u00a0pt"),  # one point
        (-1.0, True, "fr", "−1\u00a0pt"),
        (1234.0, False, "fr", "1\u202f234\u00a0pts"),
    ],
)
def test_format_points(points: float, signed: bool, lang: str, expected: str) -> None:
    assert format_points(points, lang, signed=signed) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (-0.0004, "fr", "0,0\u00a0%"),
        (-0.00004, "en", "0.0%"),
        (-0.004, "en", "-0.4%"),
    ],
)
def test_a_share_that_rounds_to_zero_has_no_minus(value: float, lang: str, expected: str) -> None:
    assert format_percent(value, lang) == expected


@pytest.mark.parametrize(
    ("years", "lang", "decimals", "expected"),
    [
        (1.0, "fr", 0, "1\u00a0an"),
        (1.0, "en", 0, "1\u00a0year"),
        (1.5, "fr", 1, "1,5\u00a0an"),  # French: the integer part 0 or 1 is singular
        (1.5, "en", 1, "1.5\u00a0years"),
        (1.0, "en", 1, "1.0\u00a0years"),  # English: shown decimals make it plural
        (30.0, "fr", 0, "30\u00a0ans"),
        (3.3, "en", 1, "3.3\u00a0years"),
    ],
)
def test_format_years_uses_cldr_unit_names_and_plurals(
    years: float, lang: str, decimals: int, expected: str
) -> None:
    assert format_years(years, lang, decimals) == expected


@pytest.mark.parametrize(
    ("months", "lang", "expected"),
    [
        (24, "fr", "24\u00a0mois"),
        (1, "fr", "1\u00a0mois"),
        (1, "en", "1\u00a0month"),
        (120, "en", "120\u00a0months"),
    ],
)
def test_format_months(months: int, lang: str, expected: str) -> None:
    assert format_months(months, lang) == expected


@pytest.mark.parametrize(
    ("days", "lang", "expected"),
    [
        (-1234.0, "fr", "-1\u202f234\u00a0jours"),
        (-1234.0, "en", "-1,234\u00a0days"),
        (1.0, "fr", "1\u00a0jour"),
        (1.0, "en", "1\u00a0day"),
    ],
)
def test_format_days(days: float, lang: str, expected: str) -> None:
    assert format_days(days, lang) == expected


@pytest.mark.parametrize(
    "formatter",
    [format_number, format_percent, format_currency, format_points, format_years, format_days],
)
@pytest.mark.parametrize("value", [None, math.nan])
def test_a_missing_number_reads_as_an_em_dash(
    formatter: Callable[[float | None, str], str], value: float | None
) -> None:
    assert formatter(value, "fr") == "—"


def test_the_caller_may_name_what_a_missing_number_reads_as() -> None:
    assert format_percent(None, "en", missing="n/a") == "n/a"
    assert format_number(math.nan, "en", 3, missing="n/a") == "n/a"


@pytest.mark.parametrize(("value", "expected"), [(None, True), (math.nan, True), (0.0, False)])
def test_is_missing(value: float | None, expected: bool) -> None:
    assert is_missing(value) is expected


@pytest.mark.parametrize(
    ("number", "lang", "decimals", "expected"),
    [
        (0, "fr", 0, "one"),
        (1, "fr", 0, "one"),
        (1.5, "fr", 1, "one"),
        (1.9, "fr", 1, "one"),
        (2, "fr", 0, "other"),
        (1_000_000, "fr", 0, "many"),
        (-1, "fr", 0, "one"),
        (0, "en", 0, "other"),
        (1, "en", 0, "one"),
        (1.0, "en", 1, "other"),  # "1.0 percentage points"
        (0.96, "en", 1, "other"),  # shown as "1.0"
        (1.04, "en", 0, "one"),  # shown as "1"
        (-1, "en", 0, "one"),
    ],
)
def test_plural_category_follows_cldr_for_the_number_as_shown(
    number: float, lang: str, decimals: int, expected: str
) -> None:
    assert plural_category(number, lang, decimals) == expected


@pytest.mark.parametrize(("lang", "expected"), [("fr", ",\u202f"), ("en", ".,")])
def test_number_separators_are_the_decimal_mark_then_the_group_separator(
    lang: str, expected: str
) -> None:
    assert number_separators(lang) == expected


@pytest.mark.parametrize(
    ("lang", "expected"), [("fr", "5 décembre 2026"), ("en", "December 5, 2026")]
)
def test_a_date_is_written_in_words(lang, expected) -> None:
    assert format_date(datetime.date(2026, 12, 5), lang) == expected


def test_points_take_decimals_when_asked() -> None:
    assert format_points(553.44, "fr", decimals=1) == "553,4\u00a0pts"


@pytest.mark.parametrize(
    ("stamp", "lang", "expected"),
    [
        ("2026-12-05T09:30:00+00:00", "fr", "5 décembre 2026"),
        ("2026-12-05T09:30:00", "en", "December 5, 2026"),  # no zone: UTC
        ("2026-12-06T00:30:00+02:00", "en", "December 5, 2026"),  # the day in UTC
    ],
)
def test_a_timestamps_day_reads_as_a_date_in_utc(stamp: str, lang: str, expected: str) -> None:
    assert format_timestamp_day(stamp, lang) == expected
