"""The application form shared by the what-if and new-application pages: inputs built from
field specs, validation field by field (pure), messages and the implied term of the loan.

Layout helpers: they may import dash, never fetch.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dash_app.components.application_fields import NOT_GIVEN, as_number, selected
from dash_app.components.application_specs import FIELDS, FieldSpec
from dash_app.components.aria import aria
from dash_app.components.formatting import (
    format_currency,
    format_months,
    format_number,
    format_years,
)
from dash_app.components.loan_form import INSTALMENT, TERM, is_instalment_typed, loan_errors
from dash_app.components.messages import icon
from dash_app.text import t

MIN_WORKING_AGE = 14
LABELLED_UNITS = (
    "appform.unit.eur",
    "appform.unit.eur_month",
    "appform.unit.years",
    "appform.unit.months",
)


def _range_error(spec: FieldSpec, value: object) -> str | None:
    """Return the message key of a number outside its field's range (None when fine)."""
    number = as_number(value)
    key = {"money": "appform.error.amount", "whole": "appform.error.whole"}.get(
        spec.kind, "appform.error.number"
    )
    if number is None:
        return key if spec.is_required or value not in (None, "") else None
    if spec.kind == "whole" and not number.is_integer():
        return key
    if (spec.minimum is not None and number < spec.minimum) or (
        spec.maximum is not None and number > spec.maximum
    ):
        return key
    return None


def _field_error(spec: FieldSpec, value: object) -> str | None:
    """Return the message key of one field judged alone (None when fine)."""
    if spec.kind in ("flag", "switch"):
        return None
    if spec.kind == "select":
        if selected(value) is None:
            return "appform.error.choose" if spec.is_required else None
        return None if value in spec.levels else "appform.error.choose"
    return _range_error(spec, value)


def validate_fields(values: Mapping[str, Any], specs: Iterable[FieldSpec]) -> dict[str, str]:
    """Return {field: message key} for every wrong value (an empty dict when all are fine).

    The loan's values are resolved first (``loan_form.resolve_loan``): the field computed from
    the others (the instalment, or the term) is not judged, the typed one is.
    """
    specs = list(specs)
    computed = TERM if is_instalment_typed(values) else INSTALMENT
    errors: dict[str, str] = {}
    for spec in specs:
        if spec.name == "employed_years" and values.get("not_employed"):
            continue  # no job: the years are not asked
        if spec.name == computed:
            continue
        key = _field_error(spec, values.get(spec.name))
        if key is not None:
            errors[spec.name] = key
    is_loan_asked = any(spec.name == INSTALMENT for spec in specs)
    if is_loan_asked and INSTALMENT not in errors and "credit" not in errors:
        errors.update(loan_errors(values))
    number = {s.name: as_number(values.get(s.name)) for s in specs if s.name not in errors}
    children, members = number.get("children"), number.get("family_members")
    if children is not None and members is not None and members < children + 1:
        errors["family_members"] = "appform.error.family_too_small"
    employed, age = number.get("employed_years"), number.get("age")
    is_jobless = bool(values.get("not_employed"))
    if (
        employed is not None
        and age is not None
        and not is_jobless
        and employed > age - MIN_WORKING_AGE
    ):
        errors["employed_years"] = "appform.error.employment_too_long"
    return errors


def field_id(prefix: str, name: str, kind: str = "input") -> str:
    """Return the component id of a field's input (or its ``feedback``/``help``)."""
    return f"{prefix}-{name.replace('_', '-')}-{kind}"


def _bound_text(spec: FieldSpec, bound: float | None, lang: str) -> str:
    """Return one end of a field's range with its unit."""
    if spec.kind == "money":
        return format_currency(bound, lang)
    if spec.unit_key == "appform.unit.years":
        return format_years(bound, lang)
    if spec.unit_key == "appform.unit.months":
        return format_months(bound, lang)
    return format_number(bound, lang)  # a count or a score: its unit is in the label


def range_text(spec: FieldSpec, lang: str) -> str:
    """Return the accepted range of a number field (``De 1 € à 10 000 000 €.``)."""
    if spec.minimum is None or spec.maximum is None:
        return ""
    low, high = _bound_text(spec, spec.minimum, lang), _bound_text(spec, spec.maximum, lang)
    return t("appform.help.range", lang, min=low, max=high)


def field_message(key: str, name: str, lang: str) -> str:
    """Return the text of a field's message key (ranges filled in from the field's spec)."""
    spec = FIELDS[name]
    if key == "appform.error.instalment_too_small":
        return t(key, lang, max=_bound_text(FIELDS[TERM], FIELDS[TERM].maximum, lang))
    if key in ("appform.error.amount", "appform.error.number", "appform.error.whole"):
        return t(
            key,
            lang,
            min=_bound_text(spec, spec.minimum, lang),
            max=_bound_text(spec, spec.maximum, lang),
        )
    return t(key, lang)


def _control(spec: FieldSpec, prefix: str, value: Any, lang: str) -> Component:
    """Return the input of one field (select, checkbox or number with its unit)."""
    input_id = field_id(prefix, spec.name)
    feedback = dbc.FormFeedback(id=field_id(prefix, spec.name, "feedback"), type="invalid")
    if spec.kind == "select":
        options = [
            {"label": t(f"appform.level.{spec.column}.{level}", lang), "value": level}
            for level in spec.levels
        ]
        if not spec.is_required:  # a way back to "not given" once a level was chosen
            options.insert(0, {"label": t("appform.not_given", lang), "value": NOT_GIVEN})
        select = dbc.Select(
            id=input_id,
            options=options,
            value=selected(value) or "",
            placeholder=t("appform.choose" if spec.is_required else "appform.not_given", lang),
            required=spec.is_required,
        )
        return html.Div([select, feedback])
    control = dbc.Input(
        id=input_id,
        type="number",
        value=value,
        min=spec.minimum,
        max=spec.maximum,
        step=spec.step,
        required=spec.is_required,
        inputmode="numeric" if spec.kind == "whole" else "decimal",
    )
    units = [dbc.InputGroupText(t(spec.unit_key, lang))] if spec.unit_key else []
    return dbc.InputGroup([control, *units, feedback], class_name="has-validation")


def field_label(spec: FieldSpec, labels: Mapping[str, str], lang: str) -> str:
    """Return a field's label: the API's label of its Kaggle field, else the form's own."""
    if spec.label_key is None:
        return labels.get(spec.column or spec.name, spec.name)
    return t(spec.label_key, lang)


def _label(spec: FieldSpec, prefix: str, labels: Mapping[str, str], lang: str) -> Component:
    """Return a field's label: name, unit in words, and a required marker."""
    unit = f" ({t(spec.unit_key, lang)})" if spec.unit_key in LABELLED_UNITS else ""
    star = [html.Span(" *", className="text-danger", **aria(hidden="true"))]
    return dbc.Label(
        [field_label(spec, labels, lang) + unit, *(star if spec.is_required else [])],
        html_for=field_id(prefix, spec.name),
        class_name="fw-semibold",
    )


def form_field(
    spec: FieldSpec, prefix: str, value: Any, labels: Mapping[str, str], lang: str
) -> Component:
    """Return one labelled field with its unit, range, help text and error message slot."""
    if spec.kind in ("flag", "switch"):
        kind = dbc.Switch if spec.kind == "switch" else dbc.Checkbox
        label = field_label(spec, labels, lang)
        checkbox = kind(id=field_id(prefix, spec.name), label=label, value=bool(value))
        return html.Div(checkbox, className="mb-3")
    helps = [range_text(spec, lang), t(spec.help_key, lang) if spec.help_key else ""]
    children = [
        _label(spec, prefix, labels, lang),
        _control(spec, prefix, value, lang),
        dbc.FormText(" ".join(h for h in helps if h), id=field_id(prefix, spec.name, "help")),
    ]
    if spec.name == INSTALMENT:
        children.append(
            html.Div(
                id=field_id(prefix, "loan", "text"),
                className="form-text appform-term",
                **aria(live="polite"),
            )
        )
    return html.Div(children, className="mb-3")


def application_form(
    specs: Sequence[FieldSpec],
    prefix: str,
    values: Mapping[str, Any],
    labels: Mapping[str, str],
    lang: str,
) -> Component:
    """Return the form's fields grouped by section (a fieldset each).

    ``labels`` are the API's field labels by name (``api_client.field_catalogue``).
    """
    sections = dict.fromkeys(spec.section for spec in specs)
    return html.Div(
        [html.P(t("appform.required_note", lang), className="small")]
        + [
            html.Fieldset(
                [
                    html.Legend(t(f"appform.section.{section}", lang), className="h5"),
                    dbc.Row(
                        [
                            dbc.Col(
                                form_field(spec, prefix, values.get(spec.name), labels, lang),
                                md=6,
                            )
                            for spec in specs
                            if spec.section == section
                        ]
                    ),
                ],
                className="appform-section mb-2",
            )
            for section in sections
        ]
    )


def form_buttons(submit: tuple[str, str, str], reset: tuple[str, str, str]) -> Component:
    """Return the form's submit and reset buttons, each given as (id, icon, text).

    Enter in a typed field sends the form too (``application_form_state.submit_dependencies``).
    """
    submit_id, submit_icon, submit_text = submit
    reset_id, reset_icon, reset_text = reset
    return html.Div(
        [
            dbc.Button(
                [icon(submit_icon, "me-1"), submit_text],
                id=submit_id,
                color="primary",
                type="button",
            ),
            dbc.Button(
                [icon(reset_icon, "me-1"), reset_text],
                id=reset_id,
                color="secondary",
                outline=True,
                type="button",
            ),
        ],
        className="d-flex gap-2 my-3",
    )


def form_beside_result(
    form_id: str, form: list[Component], heading: str, result: Component
) -> Component:
    """Return the form with its result beside it on wide screens.

    The result column stays in view while the form scrolls; ``result`` should announce its
    changes (``aria-live``).
    """
    return dbc.Row(
        [
            dbc.Col(html.Div(form, id=form_id), lg=7),
            dbc.Col(
                html.Div(
                    [html.H2(heading, className="h4"), result], className="sticky-lg-top pt-2"
                ),
                lg=5,
            ),
        ],
        className="g-4",
    )
