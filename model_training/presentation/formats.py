"""Numbers as people read them, in French and English, from Babel's CLDR data (pure).

One owner for number, percent, euro and unit formats and for plural rules: the model report and
the dashboard both read it. French groups thousands with a narrow no-break space and writes a
decimal comma (``12 345,5``, ``12,5 %``, ``12 345 €``); English ``12,345.5``, ``12.5%``,
``€12,345``. A number and its unit are joined by a no-break space so they never wrap apart.
"""

from __future__ import annotations

import copy
import datetime
import math
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import NumberPattern, get_decimal_symbol, get_group_symbol, parse_pattern
from babel.units import format_unit

LANGUAGES = ("fr", "en")  # the languages the product speaks
FALLBACK_LANGUAGE = "en"  # numbers of any other language are written the English way
CURRENCY = "EUR"
MISSING = "—"  # what a missing number reads as
NBSP = "\u00a0"
MINUS = "\u2212"  # the sign of a signed change (``−12 pts``); plain numbers keep CLDR's
POINTS_UNITS = {"one": "pt", "other": "pts"}  # by the CLDR plural category of the number


@cache
def locale_of(lang: str) -> Locale:
    """Return Babel's locale for a language code (English for an unknown one)."""
    return Locale.parse(lang if lang in LANGUAGES else FALLBACK_LANGUAGE)


def is_missing(value: object) -> bool:
    """Tell whether a value is absent (None or NaN)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def years_from_days(days: float | None) -> float | None:
    """Return a Kaggle DAYS_* value (days before the application, negative) in years."""
    if days is None or is_missing(days):
        return None
    return abs(float(days)) / 365.25


def _present(value: float | None) -> float | None:
    """Return a value as a float, or None when it is missing."""
    return None if value is None or is_missing(value) else float(value)


@cache
def _pattern(kind: str, lang: str, decimals: int) -> NumberPattern:
    """Return the language's CLDR pattern of a kind (decimal, percent, currency), fixed decimals."""
    locale = locale_of(lang)
    formats = {
        "decimal": locale.decimal_formats,
        "percent": locale.percent_formats,
        "currency": locale.currency_formats,
    }[kind]
    pattern = copy.copy(parse_pattern(formats[None if kind != "currency" else "standard"]))
    pattern.frac_prec = (decimals, decimals)
    return pattern


def _shown(value: float, decimals: int) -> Decimal:
    """Return a number as it is shown with ``decimals`` (plural rules read the shown digits)."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals))


def _without_negative_zero(value: float, decimals: int, scale: float = 1.0) -> float:
    """Return 0.0 for a value that rounds to zero as shown (no ``-0``), else the value."""
    return 0.0 if round(value * scale, decimals) == 0 else value


def number_separators(lang: str) -> str:
    """Return the decimal mark then the thousands separator (Plotly's ``separators``)."""
    locale = locale_of(lang)
    return get_decimal_symbol(locale) + get_group_symbol(locale)


def plural_category(number: float, lang: str, decimals: int = 0) -> str:
    """Return the CLDR plural category (``one``, ``many``, ``other``) of a number as shown."""
    return str(locale_of(lang).plural_form(abs(_shown(float(number), decimals))))


def format_number(
    value: float | None, lang: str, decimals: int = 0, *, missing: str = MISSING
) -> str:
    """Return a plain number (``12 345,5`` / ``12,345.5``), or ``missing`` when absent."""
    number = _present(value)
    if number is None:
        return missing
    number = _without_negative_zero(number, decimals)
    return str(_pattern("decimal", lang, decimals).apply(number, locale_of(lang)))


def format_percent(
    share: float | None, lang: str, decimals: int = 1, *, missing: str = MISSING
) -> str:
    """Return a share (0.125) as a percentage (``12,5 %`` / ``12.5%``)."""
    number = _present(share)
    if number is None:
        return missing
    number = _without_negative_zero(number, decimals, scale=100.0)
    return str(_pattern("percent", lang, decimals).apply(number, locale_of(lang)))


def format_currency(amount: float | None, lang: str, decimals: int = 0) -> str:
    """Return an amount in euros (``12 345 €`` / ``€12,345``)."""
    number = _present(amount)
    if number is None:
        return MISSING
    pattern = _pattern("currency", lang, decimals)
    number = _without_negative_zero(number, decimals)
    return str(pattern.apply(number, locale_of(lang), currency=CURRENCY, currency_digits=False))


def format_signed(value: float, lang: str, decimals: int = 0) -> str:
    """Return a change with its sign (``+0,6`` / ``−0.6``); one that rounds to zero unsigned."""
    value = _without_negative_zero(float(value), decimals)
    sign = "+" if value > 0 else MINUS if value < 0 else ""
    return sign + format_number(abs(value), lang, decimals)


def format_points(points: float | None, lang: str, signed: bool = False, decimals: int = 0) -> str:
    """Return a score or a contribution in points (``+12 pts``, ``−1 pt`` when signed).

    The unit follows the number's plural category as shown (``1 pt``, ``2 pts``); a value that
    rounds to zero has no sign (``0 pt``, never ``-0`` or ``+0``).
    """
    value = _present(points)
    if value is None:
        return MISSING
    value = _without_negative_zero(value, decimals)
    number = (
        format_signed(value, lang, decimals) if signed else format_number(value, lang, decimals)
    )
    unit = POINTS_UNITS.get(plural_category(value, lang, decimals), POINTS_UNITS["other"])
    return f"{number}{NBSP}{unit}"


def _format_duration(value: float, unit: str, lang: str, decimals: int) -> str:
    """Return a duration with CLDR's unit name in the plural form of the number as shown."""
    text = format_unit(
        _shown(value, decimals),
        unit,
        length="long",
        # Babel's parse_pattern takes a NumberPattern as it takes a pattern string
        format=_pattern("decimal", lang, decimals),  # type: ignore[arg-type]
        locale=locale_of(lang),
    )
    return str(text).replace(" ", NBSP)


def format_years(years: float | None, lang: str, decimals: int = 0) -> str:
    """Return a duration in years (``34 ans`` / ``34 years``, ``1 an`` / ``1 year``)."""
    number = _present(years)
    return MISSING if number is None else _format_duration(number, "duration-year", lang, decimals)


def format_months(months: float | None, lang: str) -> str:
    """Return a loan term in months (``24 mois`` / ``24 months``)."""
    number = _present(months)
    return MISSING if number is None else _format_duration(number, "duration-month", lang, 0)


def format_days(days: float | None, lang: str) -> str:
    """Return a number of days (``-1 234 jours`` / ``-1,234 days``)."""
    number = _present(days)
    return MISSING if number is None else _format_duration(number, "duration-day", lang, 0)


def format_date(day: datetime.date, lang: str) -> str:
    """Return a date in words (``5 décembre 2026`` / ``December 5, 2026``)."""
    return str(babel_format_date(day, format="long", locale=locale_of(lang)))


def format_timestamp_day(stamp: str, lang: str) -> str:
    """Return the day of an ISO 8601 timestamp in words, in UTC (a stamp naming no zone is UTC)."""
    moment = datetime.datetime.fromisoformat(stamp)
    if moment.tzinfo:
        moment = moment.astimezone(datetime.UTC)
    return format_date(moment.date(), lang)
