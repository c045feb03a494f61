"""The application form: field-by-field validation, and conversions to and from Kaggle fields."""

from __future__ import annotations

from typing import Any

import pytest

from dash_app.components.application_fields import (
    NOT_GIVEN,
    changed_fields,
    days_from_years,
    errors_from_api,
    form_values,
    to_application,
)
from dash_app.components.application_form import (
    application_form,
    field_id,
    field_label,
    field_message,
    validate_fields,
)
from dash_app.components.application_specs import FIELDS, NEW_APPLICATION_FIELDS, WHAT_IF_FIELDS
from dash_app.text import catalogue
from model_training.data.schema import PLACEHOLDER_DAYS
from model_training.features.catalogue import field_catalogue


def api_labels(lang: str) -> dict[str, str]:
    """Return the field labels the API serves (GET catalogue) in ``lang``."""
    return {name: entry.label(lang) for name, entry in field_catalogue().items()}


GOOD: dict[str, Any] = {
    "contract_type": "Cash loans",
    "credit": 250_000.0,
    "knows_instalment": False,
    "term_months": 18,
    "annuity": 15_714.11,  # computed from the term (loan_form.resolve_loan)
    "goods_price": 225_000.0,
    "income": 60_000.0,
    "income_type": "Working",
    "occupation": None,
    "employed_years": 4.5,
    "not_employed": False,
    "children": 1,
    "family_members": 3,
    "family_status": "Married",
    "housing": "House / apartment",
    "own_car": False,
    "own_realty": True,
    "age": 38,
    "education": "Higher education",
}


def test_a_complete_valid_application_has_no_error() -> None:
    assert validate_fields(GOOD, NEW_APPLICATION_FIELDS) == {}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"income": -5}, {"income": "appform.error.amount"}),
        ({"income": 0}, {"income": "appform.error.amount"}),
        ({"income": None}, {"income": "appform.error.amount"}),
        ({"income": "abc"}, {"income": "appform.error.amount"}),
        ({"credit": 20_000_000}, {"credit": "appform.error.amount"}),
        ({"term_months": None}, {"term_months": "appform.error.whole"}),
        ({"term_months": 121}, {"term_months": "appform.error.whole"}),
        ({"term_months": 0}, {"term_months": "appform.error.whole"}),
        (
            {"knows_instalment": True, "credit": 10_000, "annuity": 10_000},
            {"annuity": "appform.error.annuity_below_credit"},
        ),
        (
            {"knows_instalment": True, "annuity": 2_000, "term_months": None},
            {"annuity": "appform.error.instalment_too_small"},
        ),
        (
            {"knows_instalment": True, "annuity": 2_000, "term_months": 121},
            {"annuity": "appform.error.instalment_too_small"},
        ),
        ({"knows_instalment": True, "annuity": None}, {"annuity": "appform.error.amount"}),
        ({"goods_price": -1}, {"goods_price": "appform.error.amount"}),
        ({"age": 17}, {"age": "appform.error.whole"}),
        ({"age": 101}, {"age": "appform.error.whole"}),
        ({"age": 30.5}, {"age": "appform.error.whole"}),
        ({"age": None}, {"age": "appform.error.whole"}),
        ({"children": -1}, {"children": "appform.error.whole"}),
        ({"children": 1.5}, {"children": "appform.error.whole"}),
        (
            {"children": 3, "family_members": 3},
            {"family_members": "appform.error.family_too_small"},
        ),
        ({"family_members": 0}, {"family_members": "appform.error.whole"}),
        ({"employed_years": -1}, {"employed_years": "appform.error.number"}),
        ({"employed_years": 61}, {"employed_years": "appform.error.number"}),
        ({"employed_years": None}, {"employed_years": "appform.error.number"}),
        ({"age": 20, "employed_years": 7}, {"employed_years": "appform.error.employment_too_long"}),
        ({"education": None}, {"education": "appform.error.choose"}),
        ({"education": ""}, {"education": "appform.error.choose"}),
        ({"housing": "Castle"}, {"housing": "appform.error.choose"}),
        ({"occupation": "Astronaut"}, {"occupation": "appform.error.choose"}),
        (
            {"income": -5, "age": 12, "contract_type": None},
            {
                "income": "appform.error.amount",
                "age": "appform.error.whole",
                "contract_type": "appform.error.choose",
            },
        ),
    ],
)
def test_each_wrong_value_gets_its_message_key(
    changes: dict[str, Any], expected: dict[str, str]
) -> None:
    assert validate_fields(GOOD | changes, NEW_APPLICATION_FIELDS) == expected


@pytest.mark.parametrize(
    "changes",
    [
        {"goods_price": None},  # optional
        {"occupation": None},
        {"occupation": ""},
        {"occupation": NOT_GIVEN},
        {"occupation": "IT staff"},
        {"not_employed": True, "employed_years": None},  # no job: no years asked
        {"not_employed": True, "employed_years": -3},
        {"children": 0, "family_members": 1},
        {"credit": 1.5, "annuity": 1.0, "goods_price": None},
        {"annuity": None},  # computed from the term: not judged
        {"knows_instalment": True, "term_months": 17, "annuity": 16_000},  # term computed
        {"ext_source_2": 0.62, "ext_source_3": None, "companion": "Family"},
        {"registration_years": 12.5, "id_years": None},
    ],
)
def test_optional_or_consistent_values_are_accepted(changes: dict[str, Any]) -> None:
    assert validate_fields(GOOD | changes, NEW_APPLICATION_FIELDS) == {}


def test_only_the_given_fields_are_checked() -> None:
    assert validate_fields({"credit": 100_000, "annuity": 9_000}, [FIELDS["credit"]]) == {}
    assert validate_fields({}, [FIELDS["goods_price"], FIELDS["own_car"]]) == {}


def test_messages_name_the_accepted_range() -> None:
    assert field_message("appform.error.amount", "income", "fr") == (
        "Saisissez un montant de 1\u00a0€ à 10\u202f000\u202f000\u00a0€."
    )
    assert field_message("appform.error.instalment_too_small", "annuity", "en") == (
        "This instalment does not repay the credit within 120\u00a0months: raise it or lower "
        "the amount."
    )
    assert field_message("appform.error.whole", "age", "en") == (
        "Enter a whole number from 18\u00a0years to 100\u00a0years."
    )
    assert field_message("appform.error.choose", "housing", "en") == "Choose a value from the list."


@pytest.mark.parametrize(
    ("years", "days"), [(0, 0), (1, -365), (2, -730), (4.5, -1644), (38, -13880), (100, -36525)]
)
def test_years_become_kaggle_days_before_the_application(years: float, days: int) -> None:
    assert days_from_years(years) == days


def test_a_new_application_becomes_kaggle_fields() -> None:
    assert to_application(GOOD, NEW_APPLICATION_FIELDS) == {
        "NAME_CONTRACT_TYPE": "Cash loans",
        "AMT_CREDIT": 250_000.0,
        "AMT_ANNUITY": 15_714.11,
        "AMT_GOODS_PRICE": 225_000.0,
        "AMT_INCOME_TOTAL": 60_000.0,
        "NAME_INCOME_TYPE": "Working",
        "OCCUPATION_TYPE": None,
        "DAYS_EMPLOYED": -1644,
        "FLAG_EMP_PHONE": 1,
        "CNT_CHILDREN": 1,
        "CNT_FAM_MEMBERS": 3,
        "NAME_FAMILY_STATUS": "Married",
        "NAME_HOUSING_TYPE": "House / apartment",
        "FLAG_OWN_CAR": "N",
        "FLAG_OWN_REALTY": "Y",
        "DAYS_BIRTH": -13880,
        "NAME_EDUCATION_TYPE": "Higher education",
        "EXT_SOURCE_1": None,
        "EXT_SOURCE_2": None,
        "EXT_SOURCE_3": None,
        "DAYS_REGISTRATION": None,
        "DAYS_ID_PUBLISH": None,
        "DAYS_LAST_PHONE_CHANGE": None,
        "NAME_TYPE_SUITE": None,
    }


def test_walk_in_scores_and_durations_become_kaggle_fields() -> None:
    values = {"ext_source_2": 0.615, "registration_years": 12.5, "companion": "Family"}
    specs = [FIELDS[name] for name in values]
    assert to_application(values, specs) == {
        "EXT_SOURCE_2": 0.615,
        "DAYS_REGISTRATION": -4566,
        "NAME_TYPE_SUITE": "Family",
    }


def test_an_optional_list_left_not_given_sends_a_missing_value() -> None:
    values = GOOD | {"occupation": NOT_GIVEN}
    assert to_application(values, [FIELDS["occupation"]]) == {"OCCUPATION_TYPE": None}
    assert changed_fields(values, GOOD, [FIELDS["occupation"]]) == []


def test_no_job_is_kaggles_placeholder_days() -> None:
    values = GOOD | {"not_employed": True, "employed_years": 3}
    jobless = {"DAYS_EMPLOYED": PLACEHOLDER_DAYS, "FLAG_EMP_PHONE": 0}
    assert to_application(values, [FIELDS["employed_years"]]) == jobless
    assert to_application(values, [FIELDS["not_employed"]]) == jobless


STORED = {
    "SK_ID_CURR": 100001,
    "NAME_CONTRACT_TYPE": "Cash loans",
    "FLAG_OWN_CAR": "N",
    "FLAG_OWN_REALTY": "Y",
    "CNT_CHILDREN": 0,
    "AMT_INCOME_TOTAL": 72531.5,
    "AMT_CREDIT": 139500.0,
    "AMT_ANNUITY": 8974.5,
    "AMT_GOODS_PRICE": None,
    "DAYS_EMPLOYED": -1195,
    "CNT_FAM_MEMBERS": 2.0,
    "DAYS_BIRTH": -18312,
}


def test_a_stored_application_prefills_the_what_if_form() -> None:
    assert form_values(STORED, WHAT_IF_FIELDS) == {
        "contract_type": "Cash loans",
        "credit": 139500.0,
        "goods_price": None,
        "knows_instalment": False,
        "term_months": 18,  # 139,500 repaid by 8,974.50 a month at 16 % a year: 17.5 months
        "annuity": 8974.5,
        "income": 72531.5,
        "employed_years": 3.3,
        "not_employed": False,
        "children": 0,
        "family_members": 2,
        "own_car": False,
        "own_realty": True,
    }
    assert form_values(STORED, [FIELDS["age"]]) == {"age": 50}


def test_a_pensioner_is_prefilled_as_not_employed() -> None:
    values = form_values({"DAYS_EMPLOYED": PLACEHOLDER_DAYS}, WHAT_IF_FIELDS)
    assert (values["not_employed"], values["employed_years"]) == (True, None)


def test_only_changed_fields_are_found() -> None:
    original = form_values(STORED, WHAT_IF_FIELDS)
    edited = original | {"credit": 418500, "goods_price": None, "own_car": True, "children": 0.0}
    assert changed_fields(edited, original, WHAT_IF_FIELDS) == ["credit", "own_car"]
    assert changed_fields(original, original, WHAT_IF_FIELDS) == []
    changed = [s for s in WHAT_IF_FIELDS if s.name in ("credit", "own_car")]
    assert to_application(edited, changed) == {"AMT_CREDIT": 418500.0, "FLAG_OWN_CAR": "Y"}


def test_api_validation_details_map_back_to_fields() -> None:
    details = [
        {"loc": ["applications", 0, "AMT_INCOME_TOTAL"], "msg": "Input should be > 0"},
        {"loc": ["applications", 0, "DAYS_EMPLOYED"], "msg": "too long"},
        {"loc": ["applications", 0, "FOO"], "msg": "Extra inputs are not permitted"},
        {"loc": ["lang"], "msg": "bad"},
    ]
    assert errors_from_api(details, WHAT_IF_FIELDS) == {
        "income": "Input should be > 0",
        "employed_years": "too long",
    }
    assert errors_from_api(None, WHAT_IF_FIELDS) == {}


def test_every_field_has_labels_and_every_level_a_readable_name() -> None:
    texts = catalogue()
    for spec in FIELDS.values():
        if spec.shares_label:
            assert spec.label_key is None
            assert spec.column in field_catalogue(), spec.name
        else:
            assert spec.label_key in texts, spec.name
        for level in spec.levels:
            assert f"appform.level.{spec.column}.{level}" in texts


def _walk(component: Any) -> list[Any]:
    """Return a component and all its descendants."""
    children = getattr(component, "children", None)
    if children is None:
        kids: list[Any] = []
    elif isinstance(children, list | tuple):
        kids = list(children)
    else:
        kids = [children]
    return [component, *(c for kid in kids if hasattr(kid, "to_plotly_json") for c in _walk(kid))]


@pytest.mark.parametrize("specs", [WHAT_IF_FIELDS, NEW_APPLICATION_FIELDS])
def test_the_form_labels_every_input_and_states_its_range(specs: tuple[Any, ...]) -> None:
    form = application_form(specs, "t", {}, api_labels("fr"), "fr")
    components = _walk(form)
    labelled = {c.html_for for c in components if type(c).__name__ == "Label"}
    inputs = {c.id for c in components if type(c).__name__ in ("Input", "Select")}
    checkboxes = [c for c in components if type(c).__name__ in ("Checkbox", "Switch")]
    assert inputs == {field_id("t", s.name) for s in specs if s.kind not in ("flag", "switch")}
    assert labelled == inputs
    assert all(c.label for c in checkboxes)
    numbers = [c for c in components if type(c).__name__ == "Input"]
    assert all(None not in (c.min, c.max, c.step) for c in numbers)
    credit = next(c for c in components if getattr(c, "id", None) == "t-credit-help")
    assert credit.children == "De 1\u00a0€ à 10\u202f000\u202f000\u00a0€."


@pytest.mark.parametrize(
    ("name", "lang", "label"),
    [
        ("credit", "fr", "Montant du crédit"),  # the API's label of AMT_CREDIT
        ("companion", "en", "Who came with the applicant"),
        ("age", "fr", "Âge"),
        ("term_months", "en", "Term of the credit"),  # asked unlike any Kaggle field: the form's
        ("id_years", "fr", "Pièce d'identité délivrée il y a"),
    ],
)
def test_a_field_asked_as_the_file_shows_it_takes_the_apis_label(
    name: str, lang: str, label: str
) -> None:
    assert field_label(FIELDS[name], api_labels(lang), lang) == label
