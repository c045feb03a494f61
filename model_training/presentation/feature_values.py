"""A model input's value as people read it: its unit and the value formatted with it (pure).

Read by the dashboard (reasons, comparison charts) and by the API's readable export.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from model_training.presentation.application_fields import level_text
from model_training.presentation.formats import (
    format_currency,
    format_days,
    format_number,
    format_percent,
    format_years,
    is_missing,
)
from model_training.presentation.history_fields import days_ago_text
from model_training.presentation.value_text import value_text

MISSING_LEVEL = "__missing__"  # the peers route's level for a missing categorical value
MONEY_FEATURES = frozenset(
    {
        "AMT_INCOME_TOTAL",
        "AMT_CREDIT",
        "AMT_ANNUITY",
        "AMT_GOODS_PRICE",
        "GOODS_MINUS_CREDIT",
        "INCOME_PER_PERSON",
        "BUREAU_AMT_OVERDUE_SUM",
        "BUREAU_MAX_OVERDUE_MAX",
        "BUREAU_CREDIT_SUM",
        "BUREAU_DEBT_SUM",
        "BUREAU_ACTIVE_CREDIT_SUM",
        "BUREAU_ACTIVE_DEBT_SUM",
        "BUREAU_ACTIVE_ANNUITY_SUM",
        "PREV_REFUSED_AMOUNT_MEAN",
        "PREV_CREDIT_MEAN",
        "PREV_ANNUITY_MEAN",
        "PREV_RUNNING_ANNUITY_SUM",
        "CC_DRAWINGS_SUM",
        "CC_DRAWINGS_SUM_12M",
        "CC_ATM_DRAWINGS_SUM",
        "CC_LIMIT_MAX",
        "CC_BALANCE_MEAN",
    }
)
YEAR_FEATURES = frozenset({"AGE_YEARS", "YEARS_EMPLOYED", "OWN_CAR_AGE"})
PERCENT_FEATURES = frozenset({"EMPLOYED_TO_AGE", "PREV_DOWN_PAYMENT_RATE_MEAN"})
DAY_MARKERS = ("DAYS", "DAY_OVERDUE", "DPD_MAX", "ENDDATE", "LAST_DUE")
# Of those, the lengths of a delay; the others are moments, in days from the application.
DURATION_MARKERS = ("DAY_OVERDUE", "DPD_MAX", "DAYS_LATE", "DAYS_EARLY")
PERCENT_MARKERS = ("_SHARE", "DEFAULT_RATE", "UTILISATION")


def feature_unit(name: str) -> str:
    """Return a feature's unit: ``money``, ``years``, ``days`` (a delay's length), ``moment``
    (days from the application, negative before it), ``percent`` or ``number``."""
    if name in MONEY_FEATURES:
        return "money"
    if name in YEAR_FEATURES:
        return "years"
    if name in PERCENT_FEATURES or any(marker in name for marker in PERCENT_MARKERS):
        return "percent"
    if any(marker in name for marker in DAY_MARKERS):
        return "days" if any(marker in name for marker in DURATION_MARKERS) else "moment"
    return "number"


def _decimals(value: float) -> int:
    """Return how many decimals a plain number needs (none for whole numbers)."""
    if float(value).is_integer() or abs(value) >= 100:
        return 0
    return 2


UNIT_FORMATTERS: dict[str, Callable[[float, str], str]] = {
    "money": format_currency,
    "years": lambda number, lang: format_years(number, lang, 0 if abs(number) >= 10 else 1),
    "percent": lambda number, lang: format_percent(number, lang, decimals=0),
    "days": format_days,
    "moment": days_ago_text,
    "number": lambda number, lang: format_number(number, lang, _decimals(number)),
}


def format_feature_value(name: str, value: Any, lang: str) -> str:
    """Return a feature's value with its unit (a categorical level in words)."""
    if is_missing(value) or value == MISSING_LEVEL:
        return value_text("value.missing", lang)
    if isinstance(value, str):
        return level_text(name, value, lang)
    return UNIT_FORMATTERS[feature_unit(name)](float(value), lang)
