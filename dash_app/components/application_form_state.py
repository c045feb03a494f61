"""The application form's moving parts: values in and out of the inputs, each field's message,
the list of fields to correct, and the live help (implied term, years without a job).

Layout helpers and callback groupings: they may import dash, never fetch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, html
from dash.development.base_component import Component

from dash_app.components.application_fields import FieldSpec, as_number, selected
from dash_app.components.application_form import field_id, field_message
from dash_app.components.formatting import format_money, format_number, format_years
from dash_app.text import current_lang, t

MONTHS_PER_YEAR = 12


def display_value(spec: FieldSpec, value: Any, lang: str) -> str:
    """Return a form value as people read it (amount, years, level name, yes/no)."""
    if spec.kind == "flag":
        return t("appform.yes" if value else "appform.no", lang)
    if spec.kind == "select":
        level = selected(value)
        return t(f"appform.level.{spec.column}.{level}", lang) if level else "—"
    number = as_number(value)
    if spec.kind == "money":
        return format_money(
            number, lang, decimals=0 if number is None or number.is_integer() else 2
        )
    if spec.unit_key == "appform.unit.years":
        return format_years(number, lang, decimals=0 if spec.kind == "whole" else 1)
    return format_number(number, lang)


def term_text(credit: object, annuity: object, lang: str) -> str:
    """Return the monthly payment and the term implied by a credit amount and its annuity."""
    credit_amount, annuity_amount = as_number(credit), as_number(annuity)
    if not credit_amount or not annuity_amount or not 0 < annuity_amount < credit_amount:
        return t("appform.help.term_unknown", lang)
    years = credit_amount / annuity_amount
    return t(
        "appform.help.term",
        lang,
        monthly=format_money(annuity_amount / MONTHS_PER_YEAR, lang),
        years=format_years(years, lang, decimals=1),
        months=format_number(round(years * MONTHS_PER_YEAR), lang),
    )


def value_dependencies(
    specs: Iterable[FieldSpec], prefix: str, kind: type = State
) -> dict[str, Any]:
    """Return {field: State (or Output) of its input's value}, a callback grouping."""
    return {spec.name: kind(field_id(prefix, spec.name), "value") for spec in specs}


def input_values(values: Mapping[str, Any], specs: Iterable[FieldSpec]) -> dict[str, Any]:
    """Return the values to put back into the inputs (empty selects as "", flags as booleans)."""
    shown = {}
    for spec in specs:
        value = values.get(spec.name)
        shown[spec.name] = (
            bool(value)
            if spec.kind == "flag"
            else ("" if value is None and spec.kind == "select" else value)
        )
    return shown


def _checked(specs: Iterable[FieldSpec]) -> list[FieldSpec]:
    """Return the fields that can show a message (all but checkboxes)."""
    return [spec for spec in specs if spec.kind != "flag"]


def feedback_outputs(specs: Iterable[FieldSpec], prefix: str) -> dict[str, Any]:
    """Return the callback outputs of the fields' invalid state and message."""
    checked = _checked(specs)
    return {
        "invalid": {s.name: Output(field_id(prefix, s.name), "invalid") for s in checked},
        "message": {
            s.name: Output(field_id(prefix, s.name, "feedback"), "children") for s in checked
        },
    }


def feedback_values(messages: Mapping[str, str], specs: Iterable[FieldSpec]) -> dict[str, Any]:
    """Return the values of ``feedback_outputs``: each field invalid or not, and its message."""
    checked = _checked(specs)
    return {
        "invalid": {s.name: s.name in messages for s in checked},
        "message": {s.name: messages.get(s.name, "") for s in checked},
    }


def field_messages(
    errors: Mapping[str, str], api_errors: Mapping[str, str], lang: str
) -> dict[str, str]:
    """Return {field: text} from message keys (form checks) and API messages (422 details)."""
    messages = {name: field_message(key, name, lang) for name, key in errors.items()}
    for name, message in api_errors.items():
        messages.setdefault(name, t("appform.error.api", lang, message=message))
    return messages


def error_summary(
    messages: Mapping[str, str], specs: Iterable[FieldSpec], prefix: str, lang: str
) -> Component | None:
    """Return the list of fields to correct, each linked to its input (None when none)."""
    wrong = [spec for spec in specs if spec.name in messages]
    if not wrong:
        return None
    items = [
        html.Li(
            html.A(
                t(
                    "appform.errors.item",
                    lang,
                    label=t(spec.label_key, lang),
                    message=messages[spec.name],
                ),
                href=f"#{field_id(prefix, spec.name)}",
            )
        )
        for spec in wrong
    ]
    return dbc.Alert(
        [
            html.P(t("appform.errors.summary", lang), className="fw-semibold mb-1"),
            html.Ul(items, className="mb-0"),
        ],
        color="warning",
        class_name="mt-3",
        id=field_id(prefix, "errors", "alert"),
    )


def register_form_callbacks(prefix: str, specs: Sequence[FieldSpec]) -> None:
    """Add the form's own callbacks: the implied term, the years disabled without a job."""
    names = {spec.name for spec in specs}

    @callback(
        Output(field_id(prefix, "term", "text"), "children"),
        Input(field_id(prefix, "credit"), "value"),
        Input(field_id(prefix, "annuity"), "value"),
    )
    def show_term(credit: object, annuity: object) -> str:
        return term_text(credit, annuity, current_lang())

    if "not_employed" in names and "employed_years" in names:

        @callback(
            Output(field_id(prefix, "employed_years"), "disabled"),
            Input(field_id(prefix, "not_employed"), "value"),
        )
        def disable_years(is_not_employed: bool | None) -> bool:
            return bool(is_not_employed)


def form_feedback(
    messages: Mapping[str, str], specs: Sequence[FieldSpec], prefix: str, lang: str
) -> dict[str, Any]:
    """Return the values of the callback group {"feedback", "errors"} for these messages."""
    return {
        "feedback": feedback_values(messages, specs),
        "errors": error_summary(messages, specs, prefix, lang),
    }
