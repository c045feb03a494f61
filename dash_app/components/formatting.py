"""Numbers as people read them, read from the product's one formats module (Babel, CLDR)."""

from __future__ import annotations

from model_training.presentation.formats import (
    format_currency,
    format_days,
    format_months,
    format_number,
    format_percent,
    format_points,
    format_signed,
    format_years,
    is_missing,
    years_from_days,
)

__all__ = [
    "format_currency",
    "format_days",
    "format_months",
    "format_number",
    "format_percent",
    "format_points",
    "format_signed",
    "format_years",
    "is_missing",
    "years_from_days",
]
