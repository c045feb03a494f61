"""An application form's values to and from the Kaggle application fields the API takes (pure).

The fields themselves are declared in ``application_specs``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from dash_app.components.application_specs import FieldSpec
from dash_app.components.formatting import years_from_days
from model_training.data.schema import PLACEHOLDER_DAYS
from model_training.loan_terms import DEFAULT_ANNUAL_RATE, term_months

DAYS_PER_YEAR = 365.25
NOT_GIVEN = "not-given"  # the option that empties an optional list (a select's value is text)


def as_number(value: object) -> float | None:
    """Return a form value as a finite number, or None (empty, text, NaN)."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
        # any object: float() refuses what it cannot read (TypeError, ValueError below)
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def selected(value: object) -> str | None:
    """Return the chosen level of a list, or None when none is (empty, "not given")."""
    return None if value in (None, "", NOT_GIVEN) else str(value)


def days_from_years(years: float) -> int:
    """Return a duration in years as a Kaggle DAYS_* value (days before the application)."""
    return -round(float(years) * DAYS_PER_YEAR)


def stored_term(application: Mapping[str, Any], annual_rate: float) -> int | None:
    """Return the whole months a stored credit and its monthly instalment imply (None: unknown)."""
    credit, payment = (
        as_number(application.get("AMT_CREDIT")),
        as_number(application.get("AMT_ANNUITY")),
    )
    months = term_months(credit, payment, annual_rate) if credit and payment else None
    return None if months is None else max(1, round(months))


def form_values(
    application: Mapping[str, Any],
    specs: Sequence[FieldSpec],
    annual_rate: float = DEFAULT_ANNUAL_RATE,
) -> dict[str, Any]:
    """Return the form's values of a stored application (Kaggle fields): the prefill."""
    values: dict[str, Any] = {}
    for spec in specs:
        raw = application.get(spec.column) if spec.column else None
        number = as_number(raw)
        if spec.name == "term_months":
            values[spec.name] = stored_term(application, annual_rate)
        elif spec.kind == "switch":
            values[spec.name] = False
        elif spec.name == "not_employed":
            values[spec.name] = number is not None and number >= PLACEHOLDER_DAYS
        elif spec.name == "employed_years":
            values[spec.name] = (
                round(abs(number) / DAYS_PER_YEAR, 1)
                if number is not None and number < PLACEHOLDER_DAYS
                else None
            )
        elif spec.name == "age":
            values[spec.name] = None if number is None else int(abs(number) // DAYS_PER_YEAR)
        elif spec.column and spec.column.startswith("DAYS_"):
            years = years_from_days(number)
            values[spec.name] = None if years is None else round(years, 1)
        elif spec.kind == "flag":
            values[spec.name] = raw == "Y"
        elif spec.kind == "select":
            values[spec.name] = raw if raw in spec.levels else None
        elif spec.kind == "whole":
            values[spec.name] = None if number is None else int(number)
        else:
            values[spec.name] = None if number is None else round(number, 2)
    return values


def _same(left: object, right: object) -> bool:
    """Tell whether two form values are the same (numbers compared as numbers)."""
    left_number, right_number = as_number(left), as_number(right)
    if left_number is not None or right_number is not None:
        return left_number == right_number
    return selected(left) == selected(right)


def changed_fields(
    values: Mapping[str, Any], original: Mapping[str, Any], specs: Iterable[FieldSpec]
) -> list[str]:
    """Return the names of the fields whose value differs from the original one (switches aside)."""
    return [
        s.name
        for s in specs
        if s.kind != "switch" and not _same(values.get(s.name), original.get(s.name))
    ]


def to_application(values: Mapping[str, Any], specs: Iterable[FieldSpec]) -> dict[str, Any]:
    """Return the Kaggle application fields fed by these specs, from valid form values."""
    application: dict[str, Any] = {}
    for spec in specs:
        value = values.get(spec.name)
        if spec.column is None:
            continue  # computed into another field (the term into AMT_ANNUITY)
        if spec.column == "DAYS_EMPLOYED":
            years = as_number(values.get("employed_years"))
            is_jobless = bool(values.get("not_employed")) or years is None
            application[spec.column] = (
                PLACEHOLDER_DAYS if is_jobless or years is None else days_from_years(years)
            )
            application["FLAG_EMP_PHONE"] = 0 if is_jobless else 1  # Kaggle: 0 without a job
        elif spec.column.startswith("DAYS_"):
            years = as_number(value)
            application[spec.column] = None if years is None else days_from_years(years)
        elif spec.kind == "flag":
            application[spec.column] = "Y" if value else "N"
        elif spec.kind == "select":
            application[spec.column] = selected(value)
        elif spec.kind == "whole":
            number = as_number(value)
            application[spec.column] = None if number is None else int(number)
        else:
            application[spec.column] = as_number(value)
    return application


def errors_from_api(details: object, specs: Iterable[FieldSpec]) -> dict[str, str]:
    """Return {field: API message} for a 422's details that name a field of the form."""
    by_column: dict[str, str] = {}
    for spec in sorted(specs, key=lambda s: s.kind == "flag"):  # a number before its flag
        if spec.column is not None:
            by_column.setdefault(spec.column, spec.name)
    errors: dict[str, str] = {}
    for detail in details if isinstance(details, list) else []:
        loc = detail.get("loc") if isinstance(detail, dict) else None
        column = loc[-1] if isinstance(loc, list) and loc else None
        if column in by_column:
            errors.setdefault(by_column[column], str(detail.get("msg", "")))
    return errors
