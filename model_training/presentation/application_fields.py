"""A client's raw application fields as people read them: cards, years, euros, yes/no (pure).

The fields' labels are the feature catalogue's; the cards that group them and the wording of
their values are this module's (their words in ``value_text``), read by the dashboard's client
file and by the API's readable export.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from model_training.data.schema import PLACEHOLDER_DAYS
from model_training.presentation.formats import (
    format_currency,
    format_number,
    format_years,
    is_missing,
    years_from_days,
)
from model_training.presentation.value_text import TEXT, value_text

NUMBERED_LEVEL = re.compile(r"^(?P<kind>.+?):? [Tt]ype (?P<n>\d+)$")
CARDS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (  # (card, ((field, kind), ...))
    (
        "identity",
        (
            ("DAYS_BIRTH", "age"),
            ("NAME_FAMILY_STATUS", "level"),
            ("CNT_CHILDREN", "count"),
            ("CNT_FAM_MEMBERS", "count"),
            ("NAME_EDUCATION_TYPE", "level"),
            ("NAME_TYPE_SUITE", "level"),
            ("DAYS_ID_PUBLISH", "ago"),
            ("FLAG_OWN_CAR", "yes_no"),
            ("OWN_CAR_AGE", "years"),
        ),
    ),
    (
        "employment",
        (
            ("NAME_INCOME_TYPE", "level"),
            ("OCCUPATION_TYPE", "level"),
            ("ORGANIZATION_TYPE", "level"),
            ("DAYS_EMPLOYED", "employed"),
            ("AMT_INCOME_TOTAL", "money"),
            ("REG_CITY_NOT_WORK_CITY", "yes_no"),
        ),
    ),
    (
        "credit",
        (
            ("NAME_CONTRACT_TYPE", "level"),
            ("AMT_CREDIT", "money"),
            ("AMT_ANNUITY", "money"),
            ("AMT_GOODS_PRICE", "money"),
            ("WEEKDAY_APPR_PROCESS_START", "level"),
        ),
    ),
    (
        "housing",
        (
            ("NAME_HOUSING_TYPE", "level"),
            ("FLAG_OWN_REALTY", "yes_no"),
            ("REGION_RATING_CLIENT", "count"),
            ("DAYS_REGISTRATION", "ago"),
            ("REG_CITY_NOT_LIVE_CITY", "yes_no"),
            ("HOUSETYPE_MODE", "level"),
            ("WALLSMATERIAL_MODE", "level"),
            ("EMERGENCYSTATE_MODE", "yes_no"),
        ),
    ),
    (
        "outside",
        (
            ("EXT_SOURCE_1", "share"),
            ("EXT_SOURCE_2", "share"),
            ("EXT_SOURCE_3", "share"),
            ("AMT_REQ_CREDIT_BUREAU_YEAR", "count"),
            ("DEF_30_CNT_SOCIAL_CIRCLE", "count"),
            ("DAYS_LAST_PHONE_CHANGE", "ago"),
        ),
    ),
)
YES = frozenset({"Y", "Yes"})


def level_text(field: str, level: str, lang: str) -> str:
    """Return a category level in words (numbered kinds read "Industry (type 3)")."""
    key = f"level.{field}.{level}"
    if key in TEXT:
        return value_text(key, lang)
    numbered = NUMBERED_LEVEL.match(level)
    if numbered:
        key = f"level.{field}.{numbered['kind']}"
        if key in TEXT:
            return value_text(key, lang, n=numbered["n"])
    return level


def _employed_text(days: float, lang: str) -> str:
    """Return the time in the current job, or "not in employment" for Kaggle's placeholder."""
    if days >= 0 or days == PLACEHOLDER_DAYS:
        return value_text("value.not_employed", lang)
    return format_years(years_from_days(days), lang, decimals=1)


def _yes_no_text(value: Any, lang: str) -> str:
    """Return a flag (1/0, Y/N, Yes/No) as yes or no."""
    is_yes = value == 1 if isinstance(value, (int, float)) else str(value) in YES
    return value_text("value.yes" if is_yes else "value.no", lang)


FORMATTERS: dict[str, Callable[[Any, str], str]] = {
    "age": lambda days, lang: format_years(years_from_days(days), lang),
    "ago": lambda days, lang: value_text(
        "value.ago", lang, years=format_years(years_from_days(days), lang, 1)
    ),
    "employed": _employed_text,
    "years": lambda years, lang: format_years(float(years), lang),
    "money": format_currency,
    "count": format_number,
    "share": lambda share, lang: format_number(share, lang, decimals=2),
    "yes_no": _yes_no_text,
}


def field_text(field: str, kind: str, value: Any, lang: str) -> str:
    """Return one application field's value in words ("level" kinds are translated)."""
    if is_missing(value):
        return value_text("value.missing", lang)
    formatter = FORMATTERS.get(kind)
    return formatter(value, lang) if formatter else level_text(field, str(value), lang)


def describe_application(
    application: Mapping[str, Any] | None, labels: Mapping[str, str], lang: str
) -> list[tuple[str, list[tuple[str, str]]]]:
    """Return the shown fields by card: [(card title, [(label, value in words), ...]), ...].

    ``labels`` are the catalogue's field labels by name (a field it does not label shows its name).
    """
    application = application or {}
    return [
        (
            value_text(f"card.{card}", lang),
            [
                (
                    labels.get(field, field),
                    field_text(field, kind, application.get(field), lang),
                )
                for field, kind in fields
            ],
        )
        for card, fields in CARDS
    ]
