"""The application form's moving parts: values in and out of the inputs, each field's message,
the list of fields to correct, and the live parts (the loan's term or instalment, years
without a job).

Layout helpers and callback groupings: they may import dash, never fetch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, html, no_update
from dash.development.base_component import Component

from dash_app.components.application_fields import as_number, selected
from dash_app.components.application_form import field_id, field_label, field_message
from dash_app.components.application_specs import FieldSpec
from dash_app.components.formatting import (
    format_currency,
    format_months,
    format_number,
    format_years,
)
from dash_app.components.loan_form import (
    CREDIT,
    INSTALMENT,
    KNOWS_INSTALMENT,
    TERM,
    configured_rate,
    loan_text,
    resolve_loan,
)
from dash_app.text import current_lang, t


def display_value(spec: FieldSpec, value: Any, lang: str) -> str:
    """Return a form value as people read it (amount, years, level name, yes/no)."""
    if spec.kind == "flag":
        return t("appform.yes" if value else "appform.no", lang)
    if spec.kind == "select":
        level = selected(value)
        return t(f"appform.level.{spec.column}.{level}", lang) if level else "—"
    number = as_number(value)
    if spec.kind == "money":
        return format_currency(
            number, lang, decimals=0 if number is None or number.is_integer() else 2
        )
    if spec.unit_key == "appform.unit.years":
        return format_years(number, lang, decimals=0 if spec.kind == "whole" else 1)
    if spec.unit_key == "appform.unit.months":
        return format_months(number, lang)
    return format_number(number, lang, decimals=0 if number is None or number.is_integer() else 3)


def value_dependencies(
    specs: Iterable[FieldSpec], prefix: str, kind: type = State
) -> dict[str, Any]:
    """Return {field: State (or Output) of its input's value}, a callback grouping."""
    return {spec.name: kind(field_id(prefix, spec.name), "value") for spec in specs}


def submit_dependencies(specs: Iterable[FieldSpec], prefix: str) -> dict[str, Any]:
    """Return {field: Input of its Enter count} for the typed fields: Enter sends the form."""
    return {s.name: Input(field_id(prefix, s.name), "n_submit") for s in specs if s.is_typed}


def input_values(values: Mapping[str, Any], specs: Iterable[FieldSpec]) -> dict[str, Any]:
    """Return the values to put back into the inputs (empty selects as "", flags as booleans)."""
    shown = {}
    for spec in specs:
        value = values.get(spec.name)
        shown[spec.name] = (
            bool(value)
            if spec.kind in ("flag", "switch")
            else ("" if value is None and spec.kind == "select" else value)
        )
    return shown


def _checked(specs: Iterable[FieldSpec]) -> list[FieldSpec]:
    """Return the fields that can show a message (all but checkboxes and switches)."""
    return [spec for spec in specs if spec.kind not in ("flag", "switch")]


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
    messages: Mapping[str, str],
    specs: Iterable[FieldSpec],
    prefix: str,
    labels: Mapping[str, str],
    lang: str,
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
                    label=field_label(spec, labels, lang),
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


def _register_loan_callback(app: dash.Dash, prefix: str, store_id: str | None) -> None:
    """Add the callback keeping amount, term and instalment coherent as the advisor types."""
    loan = {name: field_id(prefix, name) for name in (CREDIT, TERM, INSTALMENT, KNOWS_INSTALMENT)}
    original = {"page": State(store_id, "data")} if store_id else {}

    @app.callback(
        output={
            "term": Output(loan[TERM], "value", allow_duplicate=True),
            "instalment": Output(loan[INSTALMENT], "value", allow_duplicate=True),
            "term_locked": Output(loan[TERM], "disabled"),
            "instalment_locked": Output(loan[INSTALMENT], "disabled"),
            "text": Output(field_id(prefix, "loan", "text"), "children"),
        },
        inputs={"values": {name: Input(i, "value") for name, i in loan.items()}, **original},
        prevent_initial_call="initial_duplicate",
    )
    def follow_loan(values: dict[str, Any], page: dict[str, Any] | None = None) -> dict[str, Any]:
        rate, stored = configured_rate(), (page or {}).get("original") or {}
        resolved = resolve_loan(values, stored, rate)
        is_typed = bool(values.get(KNOWS_INSTALMENT))
        return {
            "term": resolved[TERM] if is_typed else no_update,
            "instalment": no_update if is_typed else resolved[INSTALMENT],
            "term_locked": is_typed,
            "instalment_locked": not is_typed,
            "text": loan_text(resolved, stored, rate, current_lang()),
        }


def register_form_callbacks(
    app: dash.Dash, prefix: str, specs: Sequence[FieldSpec], store_id: str | None = None
) -> None:
    """Add the form's callbacks to this app: the loan's term or instalment, years without a job.

    ``store_id`` names the page's store holding the stored file (``{"original": values}``).
    """
    names = {spec.name for spec in specs}
    _register_loan_callback(app, prefix, store_id)

    if "not_employed" in names and "employed_years" in names:

        @app.callback(
            Output(field_id(prefix, "employed_years"), "disabled"),
            Input(field_id(prefix, "not_employed"), "value"),
        )
        def disable_years(is_not_employed: bool | None) -> bool:
            return bool(is_not_employed)


def form_feedback(
    messages: Mapping[str, str],
    specs: Sequence[FieldSpec],
    prefix: str,
    labels: Mapping[str, str],
    lang: str,
) -> dict[str, Any]:
    """Return the values of the callback group {"feedback", "errors"} for these messages.

    ``labels`` are the API's field labels by name (only read when there are messages).
    """
    return {
        "feedback": feedback_values(messages, specs),
        "errors": error_summary(messages, specs, prefix, labels, lang),
    }
