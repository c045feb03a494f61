"""The fields of an application form, declared as data, and their Kaggle conversions (pure).

Each field is a ``FieldSpec`` (name, label key, unit, range, step, kind); the same specs build
the inputs and validate the values (``application_form``) and convert them to and from the
Kaggle application fields the API takes (here).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PENSIONER_DAYS = 365243  # Kaggle's DAYS_EMPLOYED for people without a job (mostly pensioners)
DAYS_PER_YEAR = 365.25
NOT_GIVEN = "not-given"  # the option that empties an optional list (a select's value is text)


@dataclass(frozen=True)
class FieldSpec:
    """One input of the form: what it feeds, how it is shown and which values it accepts."""

    name: str
    kind: str  # "money", "number", "whole", "select" or "flag"
    column: str  # the Kaggle application field it feeds
    section: str
    unit_key: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    is_required: bool = True
    levels: tuple[str, ...] = ()
    help_key: str | None = None

    @property
    def label_key(self) -> str:
        """Return the catalogue key of the field's label."""
        return f"appform.field.{self.name}"


def _money(name: str, column: str, section: str, maximum: float, **kw: Any) -> FieldSpec:
    """Return an amount in euros (more than zero, to the cent)."""
    kw.setdefault("unit_key", "appform.unit.eur")
    return FieldSpec(name, "money", column, section, minimum=1, maximum=maximum, step=0.01, **kw)


FIELDS: dict[str, FieldSpec] = {
    spec.name: spec
    for spec in (
        FieldSpec(
            "contract_type",
            "select",
            "NAME_CONTRACT_TYPE",
            "loan",
            levels=("Cash loans", "Revolving loans"),
        ),
        _money("credit", "AMT_CREDIT", "loan", 10_000_000),
        _money(
            "annuity",
            "AMT_ANNUITY",
            "loan",
            1_000_000,
            unit_key="appform.unit.eur_year",
            help_key="appform.help.annuity",
        ),
        _money(
            "goods_price",
            "AMT_GOODS_PRICE",
            "loan",
            10_000_000,
            is_required=False,
            help_key="appform.help.goods_price",
        ),
        _money(
            "income", "AMT_INCOME_TOTAL", "income", 100_000_000, unit_key="appform.unit.eur_year"
        ),
        FieldSpec(
            "income_type",
            "select",
            "NAME_INCOME_TYPE",
            "income",
            levels=(
                "Working",
                "Commercial associate",
                "State servant",
                "Businessman",
                "Pensioner",
                "Student",
                "Unemployed",
            ),
        ),
        FieldSpec(
            "occupation",
            "select",
            "OCCUPATION_TYPE",
            "income",
            is_required=False,
            levels=(
                "Accountants",
                "Cleaning staff",
                "Cooking staff",
                "Core staff",
                "Drivers",
                "HR staff",
                "High skill tech staff",
                "IT staff",
                "Laborers",
                "Low-skill Laborers",
                "Managers",
                "Medicine staff",
                "Private service staff",
                "Realty agents",
                "Sales staff",
                "Secretaries",
                "Security staff",
                "Waiters/barmen staff",
            ),
        ),
        FieldSpec(
            "employed_years",
            "number",
            "DAYS_EMPLOYED",
            "income",
            unit_key="appform.unit.years",
            minimum=0,
            maximum=60,
            step=0.1,
            help_key="appform.help.employed_years",
        ),
        FieldSpec("not_employed", "flag", "DAYS_EMPLOYED", "income", is_required=False),
        FieldSpec(
            "children",
            "whole",
            "CNT_CHILDREN",
            "household",
            unit_key="appform.unit.children",
            minimum=0,
            maximum=20,
            step=1,
        ),
        FieldSpec(
            "family_members",
            "whole",
            "CNT_FAM_MEMBERS",
            "household",
            unit_key="appform.unit.people",
            minimum=1,
            maximum=25,
            step=1,
        ),
        FieldSpec(
            "family_status",
            "select",
            "NAME_FAMILY_STATUS",
            "household",
            levels=("Single / not married", "Married", "Civil marriage", "Separated", "Widow"),
        ),
        FieldSpec(
            "housing",
            "select",
            "NAME_HOUSING_TYPE",
            "household",
            levels=(
                "House / apartment",
                "Rented apartment",
                "With parents",
                "Municipal apartment",
                "Office apartment",
                "Co-op apartment",
            ),
        ),
        FieldSpec("own_car", "flag", "FLAG_OWN_CAR", "household", is_required=False),
        FieldSpec("own_realty", "flag", "FLAG_OWN_REALTY", "household", is_required=False),
        FieldSpec(
            "age",
            "whole",
            "DAYS_BIRTH",
            "profile",
            unit_key="appform.unit.years",
            minimum=18,
            maximum=100,
            step=1,
        ),
        FieldSpec(
            "education",
            "select",
            "NAME_EDUCATION_TYPE",
            "profile",
            levels=(
                "Lower secondary",
                "Secondary / secondary special",
                "Incomplete higher",
                "Higher education",
                "Academic degree",
            ),
        ),
    )
}

WHAT_IF_FIELDS: tuple[FieldSpec, ...] = tuple(
    FIELDS[name]
    for name in (
        "contract_type",
        "credit",
        "annuity",
        "goods_price",
        "income",
        "employed_years",
        "not_employed",
        "children",
        "family_members",
        "own_car",
        "own_realty",
    )
)
NEW_APPLICATION_FIELDS: tuple[FieldSpec, ...] = tuple(FIELDS.values())
SECTIONS = ("loan", "income", "household", "profile")


def as_number(value: object) -> float | None:
    """Return a form value as a finite number, or None (empty, text, NaN)."""
    if value is None or isinstance(value, bool) or value == "":
        return None
    try:
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


def form_values(application: Mapping[str, Any], specs: Sequence[FieldSpec]) -> dict[str, Any]:
    """Return the form's values of a stored application (Kaggle fields): the prefill."""
    values: dict[str, Any] = {}
    for spec in specs:
        raw = application.get(spec.column)
        number = as_number(raw)
        if spec.name == "not_employed":
            values[spec.name] = number is not None and number >= PENSIONER_DAYS
        elif spec.name == "employed_years":
            is_job = number is not None and number < PENSIONER_DAYS
            values[spec.name] = round(abs(number) / DAYS_PER_YEAR, 1) if is_job else None
        elif spec.name == "age":
            values[spec.name] = None if number is None else int(abs(number) // DAYS_PER_YEAR)
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
    """Return the names of the fields whose value differs from the original one."""
    return [s.name for s in specs if not _same(values.get(s.name), original.get(s.name))]


def to_application(values: Mapping[str, Any], specs: Iterable[FieldSpec]) -> dict[str, Any]:
    """Return the Kaggle application fields fed by these specs, from valid form values."""
    application: dict[str, Any] = {}
    for spec in specs:
        value = values.get(spec.name)
        if spec.column == "DAYS_EMPLOYED":
            years = as_number(values.get("employed_years"))
            is_jobless = bool(values.get("not_employed")) or years is None
            application[spec.column] = PENSIONER_DAYS if is_jobless else days_from_years(years)
        elif spec.column == "DAYS_BIRTH":
            application[spec.column] = days_from_years(as_number(value))
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
        by_column.setdefault(spec.column, spec.name)
    errors: dict[str, str] = {}
    for detail in details if isinstance(details, list) else []:
        loc = detail.get("loc") if isinstance(detail, dict) else None
        column = loc[-1] if isinstance(loc, list) and loc else None
        if column in by_column:
            errors.setdefault(by_column[column], str(detail.get("msg", "")))
    return errors
