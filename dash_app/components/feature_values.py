"""A model input's values as people read them: unit, formatted value, axis title (pure)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dash_app.components.client_fields import level_text
from dash_app.components.formatting import (
    format_currency,
    format_days,
    format_number,
    format_percent,
    format_years,
    is_missing,
)
from dash_app.components.theme import figure_layout
from dash_app.text import t

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
PERCENT_MARKERS = ("_SHARE", "DEFAULT_RATE", "UTILISATION")


def feature_unit(name: str) -> str:
    """Return a feature's unit: ``money``, ``years``, ``days``, ``percent`` or ``number``."""
    if name in MONEY_FEATURES:
        return "money"
    if name in YEAR_FEATURES:
        return "years"
    if name in PERCENT_FEATURES or any(marker in name for marker in PERCENT_MARKERS):
        return "percent"
    if any(marker in name for marker in DAY_MARKERS):
        return "days"
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
    "number": lambda number, lang: format_number(number, lang, _decimals(number)),
}


def format_feature_value(name: str, value: Any, lang: str) -> str:
    """Return a feature's value with its unit (a categorical level in words)."""
    if is_missing(value) or value == MISSING_LEVEL:
        return t("compare.level_missing", lang)
    if isinstance(value, str):
        return level_text(name, value, lang)
    return UNIT_FORMATTERS[feature_unit(name)](float(value), lang)


def axis_title(name: str, label: str, lang: str) -> str:
    """Return an axis title: the plain label and its unit (``Revenu mensuel (€)``)."""
    unit = feature_unit(name)
    if unit == "number":
        return label
    return f"{label} ({t(f'compare.unit.{unit}', lang)})"


def axis_format(name: str) -> dict[str, Any]:
    """Return the plotly axis settings a feature's unit needs (percent ticks)."""
    return {"tickformat": ".0%"} if feature_unit(name) == "percent" else {}


def plot_layout(lang: str) -> dict[str, Any]:
    """Return the layout every comparison chart shares (template, fonts, separators)."""
    return figure_layout(
        lang,
        margin={"l": 60, "r": 30, "t": 50, "b": 60},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.08, "x": 0},
    )
