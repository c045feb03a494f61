"""Numbers as people read them: euros, percentages, years, points (French or English)."""

from __future__ import annotations

import math

NARROW_NBSP = "\u202f"  # French thousands separator
NBSP = "\u00a0"


def _group(value: float, decimals: int, lang: str) -> str:
    """Return a number with thousands grouped and the decimal mark of the language."""
    text = f"{value:,.{decimals}f}"
    if lang == "fr":
        return text.replace(",", NARROW_NBSP).replace(".", ",")
    return text


def is_missing(value: object) -> bool:
    """Tell whether a value is absent (None or NaN)."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float | None, lang: str, decimals: int = 0) -> str:
    """Return a plain number, or an em dash when missing."""
    return "—" if is_missing(value) else _group(float(value), decimals, lang)


def format_money(value: float | None, lang: str, decimals: int = 0) -> str:
    """Return an amount in euros (``12 345 €`` / ``€12,345``)."""
    if is_missing(value):
        return "—"
    number = _group(float(value), decimals, lang)
    return f"{number}{NBSP}€" if lang == "fr" else f"€{number}"


def format_percent(share: float | None, lang: str, decimals: int = 1) -> str:
    """Return a share (0.125) as a percentage (``12,5 %`` / ``12.5%``)."""
    if is_missing(share):
        return "—"
    number = _group(100 * float(share), decimals, lang)
    return f"{number}{NBSP}%" if lang == "fr" else f"{number}%"


def format_points(points: float | None, lang: str, signed: bool = False) -> str:
    """Return a score or a contribution in points (``+12 pts`` when signed)."""
    if is_missing(points):
        return "—"
    number = _group(abs(float(points)) if signed else float(points), 0, lang)
    sign = ("+" if points >= 0 else "−") if signed else ""
    return f"{sign}{number}{NBSP}pts" if lang == "fr" else f"{sign}{number} pts"


def years_from_days(days: float | None) -> float | None:
    """Return a Kaggle DAYS_* value (days before the application, negative) in years."""
    if is_missing(days):
        return None
    return abs(float(days)) / 365.25


def format_years(years: float | None, lang: str, decimals: int = 0) -> str:
    """Return a duration in years (``34 ans`` / ``34 years``)."""
    if is_missing(years):
        return "—"
    number = _group(float(years), decimals, lang)
    unit = (
        ("an" if float(years) < 2 else "ans")
        if lang == "fr"
        else ("year" if float(years) == 1 else "years")
    )
    return f"{number}{NBSP}{unit}"


def format_months(months: float | None, lang: str) -> str:
    """Return a loan term in months (``24 mois`` / ``24 months``)."""
    if is_missing(months):
        return "—"
    unit = "mois" if lang == "fr" else ("month" if float(months) == 1 else "months")
    return f"{_group(float(months), 0, lang)}{NBSP}{unit}"
