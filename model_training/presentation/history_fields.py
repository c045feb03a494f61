"""The credit history's columns as people read them: titles, labels, values in words (pure).

``history_fields.csv`` beside this module owns the label (French, English) and the unit of every
column of the six history tables (``model_training.data.schema.HISTORY_TABLES``); a unit says
how a value reads: ``money`` in euros, ``days_ago``/``months_ago`` relative to the application
(Kaggle's ``DAYS_*``, ``MONTHS_BALANCE``), ``days`` a delay, ``level`` a category in words.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from model_training.data.schema import PLACEHOLDER_DAYS
from model_training.presentation.application_fields import field_text, level_text
from model_training.presentation.formats import (
    format_currency,
    format_days,
    format_months,
    format_number,
    format_percent,
    format_years,
    is_missing,
)
from model_training.presentation.value_text import value_text

LABELS_FILE = "history_fields.csv"
UNITS = frozenset(
    {"id", "money", "days_ago", "months_ago", "days", "count", "number", "level", "rate", "hour"}
    | {"yes_no"}
)
DAYS_IN_YEAR = 365.25
TABLE_TITLES = {  # the history tables in people's words, French then English
    "bureau": (
        "Crédits déclarés au bureau de crédit",
        "Credits reported to the credit bureau",
    ),
    "bureau_balance": (
        "Situation mois par mois des crédits déclarés au bureau de crédit",
        "Month-by-month status of the credits reported to the credit bureau",
    ),
    "previous_application": (
        "Demandes de crédit précédentes chez nous",
        "Previous credit applications with us",
    ),
    "POS_CASH_balance": (
        "Situation mois par mois des prêts précédents",
        "Month-by-month status of previous loans",
    ),
    "installments_payments": (
        "Échéances et paiements des crédits précédents",
        "Instalments and payments of previous credits",
    ),
    "credit_card_balance": (
        "Situation mois par mois des cartes de crédit",
        "Month-by-month status of credit cards",
    ),
}
RELATIVE = {  # a moment relative to the application
    "before": {"fr": "{span} avant la demande", "en": "{span} before the application"},
    "after": {"fr": "{span} après la demande", "en": "{span} after the application"},
    "same_day": {"fr": "Le jour de la demande", "en": "On the day of the application"},
    "same_month": {"fr": "Le mois de la demande", "en": "The month of the application"},
    "not_applicable": {"fr": "Sans objet", "en": "Not applicable"},
    "hour": {"fr": "{hour} h", "en": "{hour}:00"},
}


@dataclass(frozen=True)
class HistoryColumn:
    """A history column's unit and its labels."""

    unit: str
    label_fr: str
    label_en: str

    def label(self, lang: str) -> str:
        """Return the label in ``lang`` (French for a language the product does not speak)."""
        return self.label_en if lang == "en" else self.label_fr


@cache
def history_columns() -> dict[str, dict[str, HistoryColumn]]:
    """Return every labelled history column, by table then column name (file order)."""
    text = resources.files("model_training.presentation").joinpath(LABELS_FILE).read_text("utf-8")
    out: dict[str, dict[str, HistoryColumn]] = {}
    for row in csv.DictReader(text.splitlines()):
        if row["unit"] not in UNITS:
            raise ValueError(f"{LABELS_FILE}: unknown unit {row['unit']!r} of {row['column']}")
        column = HistoryColumn(row["unit"], row["label_fr"], row["label_en"])
        out.setdefault(row["table"], {})[row["column"]] = column
    return out


def table_title(table: str, lang: str) -> str:
    """Return a history table's title in words (its name when it has none)."""
    titles = TABLE_TITLES.get(table)
    return (titles[1] if lang == "en" else titles[0]) if titles else table


def column_label(table: str, column: str, lang: str) -> str:
    """Return a history column's label (its name when it is not labelled)."""
    entry = history_columns().get(table, {}).get(column)
    return entry.label(lang) if entry else column


def _words(key: str, lang: str, **values: Any) -> str:
    """Return one of the relative-moment texts."""
    texts = RELATIVE[key]
    return texts.get(lang, texts["fr"]).format(**values)


def _span_of_days(days: float, lang: str) -> str:
    """Return a number of days in days under a year, else in years."""
    if days < DAYS_IN_YEAR:
        return format_days(days, lang)
    return format_years(days / DAYS_IN_YEAR, lang, decimals=1)


def _relative(number: float, span: str, lang: str, same: str) -> str:
    """Return a moment before, after or at the application."""
    if number == 0:
        return _words(same, lang)
    return _words("before" if number < 0 else "after", lang, span=span)


def _number(value: float, lang: str) -> str:
    """Return a plain number, with two decimals only when it has some."""
    return format_number(value, lang, 0 if float(value).is_integer() else 2)


def days_ago_text(days: float, lang: str) -> str:
    """Return a DAYS_* value relative to the application (Kaggle's placeholder: not applicable)."""
    if days == PLACEHOLDER_DAYS:
        return _words("not_applicable", lang)
    return _relative(days, _span_of_days(abs(days), lang), lang, "same_day")


NUMBER_FORMATTERS: dict[str, Callable[[float, str], str]] = {
    "id": lambda number, lang: str(int(number)) if number.is_integer() else str(number),
    "money": lambda number, lang: format_currency(number, lang, 0 if number.is_integer() else 2),
    "days_ago": days_ago_text,
    "months_ago": lambda number, lang: _relative(
        number, format_months(abs(number), lang), lang, "same_month"
    ),
    "days": format_days,
    "rate": lambda number, lang: format_percent(number, lang, decimals=1),
    "hour": lambda number, lang: _words("hour", lang, hour=int(number)),
}


def history_value(table: str, column: str, value: Any, lang: str) -> str:
    """Return one history value in words (an unlabelled column's value as a level)."""
    if is_missing(value):
        return value_text("value.missing", lang)
    entry = history_columns().get(table, {}).get(column)
    unit = entry.unit if entry else "level"
    if unit == "yes_no":
        return field_text(column, "yes_no", value, lang)
    if unit == "level" or isinstance(value, str):
        return level_text(column, str(value), lang)
    return NUMBER_FORMATTERS.get(unit, _number)(float(value), lang)
