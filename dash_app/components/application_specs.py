"""The fields of an application form declared as data: name, kind, Kaggle field, unit, range.

The same specs build the inputs and validate the values (``application_form``) and convert them
to and from the Kaggle application fields the API takes (``application_fields``). Amounts follow
``model_training.loan_terms``: the instalment (AMT_ANNUITY) and the income (AMT_INCOME_TOTAL)
are monthly. A field asked as the client file shows it (``shares_label``) takes the API's label
of its Kaggle field; a field asked otherwise (a term in months, years at an address, a score
without its range) has its own label in the form's catalogue (``appform.field.<name>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

TYPED_KINDS = frozenset({"money", "number", "whole"})  # drawn as number inputs


@dataclass(frozen=True)
class FieldSpec:
    """One input of the form: what it feeds, how it is shown and which values it accepts."""

    name: str
    kind: str  # "money", "number", "whole", "select", "flag" or "switch" (how to fill, no value)
    column: str | None  # the Kaggle application field it feeds (None: computed into another)
    section: str
    unit_key: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    step: float | None = None
    is_required: bool = True
    levels: tuple[str, ...] = ()
    help_key: str | None = None
    shares_label: bool = False  # labelled by the API's field catalogue (its ``column``)

    @property
    def is_typed(self) -> bool:
        """Tell whether the field is typed into (a number input: Enter in it sends the form)."""
        return self.kind in TYPED_KINDS

    @property
    def label_key(self) -> str | None:
        """Return the form catalogue's key of the field's label (None: the API labels it)."""
        return None if self.shares_label else f"appform.field.{self.name}"


def _money(name: str, column: str, section: str, maximum: float, **kw: Any) -> FieldSpec:
    """Return an amount in euros (more than zero, to the cent)."""
    kw.setdefault("unit_key", "appform.unit.eur")
    kw.setdefault("shares_label", True)
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
            "goods_price",
            "AMT_GOODS_PRICE",
            "loan",
            10_000_000,
            is_required=False,
            help_key="appform.help.goods_price",
        ),
        FieldSpec("knows_instalment", "switch", None, "loan", is_required=False),
        FieldSpec(
            "term_months",
            "whole",
            None,  # becomes AMT_ANNUITY (loan_form)
            "loan",
            unit_key="appform.unit.months",
            minimum=1,
            maximum=120,
            step=1,
            help_key="appform.help.term_months",
        ),
        _money(
            "annuity",
            "AMT_ANNUITY",
            "loan",
            1_000_000,
            unit_key="appform.unit.eur_month",
            help_key="appform.help.annuity",
        ),
        _money(
            "income",
            "AMT_INCOME_TOTAL",
            "income",
            10_000_000,
            unit_key="appform.unit.eur_month",
            help_key="appform.help.income",
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
            shares_label=True,
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
            shares_label=True,
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
            shares_label=True,
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
        FieldSpec(
            "own_car", "flag", "FLAG_OWN_CAR", "household", is_required=False, shares_label=True
        ),
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
            shares_label=True,
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
        *(
            FieldSpec(
                f"ext_source_{k}",
                "number",
                f"EXT_SOURCE_{k}",
                "bureau",
                minimum=0,
                maximum=1,
                step=0.001,
                is_required=False,
                help_key="appform.help.ext_source",
            )
            for k in (1, 2, 3)
        ),
        *(
            FieldSpec(
                name,
                "number",
                column,
                "stability",
                unit_key="appform.unit.years",
                minimum=0,
                maximum=100,
                step=0.1,
                is_required=False,
            )
            for name, column in (
                ("registration_years", "DAYS_REGISTRATION"),
                ("id_years", "DAYS_ID_PUBLISH"),
                ("phone_years", "DAYS_LAST_PHONE_CHANGE"),
            )
        ),
        FieldSpec(
            "companion",
            "select",
            "NAME_TYPE_SUITE",
            "stability",
            is_required=False,
            levels=(
                "Unaccompanied",
                "Family",
                "Spouse, partner",
                "Children",
                "Other_A",
                "Other_B",
                "Group of people",
            ),
            shares_label=True,
        ),
    )
}

WHAT_IF_FIELDS: tuple[FieldSpec, ...] = tuple(
    FIELDS[name]
    for name in (
        "contract_type",
        "credit",
        "goods_price",
        "knows_instalment",
        "term_months",
        "annuity",
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
SECTIONS = ("loan", "income", "household", "profile", "bureau", "stability")
