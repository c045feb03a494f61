"""The what-if page's callbacks: check the form, then score the changes (or restore the file)."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, State, ctx, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.components.application_fields import changed_fields, errors_from_api, to_application
from dash_app.components.application_form import validate_fields
from dash_app.components.application_form_state import (
    feedback_outputs,
    field_messages,
    form_feedback,
    input_values,
    register_form_callbacks,
    submit_dependencies,
    value_dependencies,
)
from dash_app.components.application_specs import WHAT_IF_FIELDS
from dash_app.components.loan_form import configured_rate, resolve_loan
from dash_app.components.messages import error_alert
from dash_app.pages.what_if import ids
from dash_app.pages.what_if.sections import changes_summary, prompt, simulation_result
from dash_app.text import current_lang

PREFIX = ids.WHAT_IF_PREFIX


def simulation_content(
    client_id: int, changes: dict[str, Any], changed: Component, lang: str
) -> list[Component]:
    """Score the client's changed fields; return the result compared with the current file."""
    application = {"SK_ID_CURR": client_id, **changes}  # the API merges the stored file
    response = api_client.score_applications([application], lang, explain=True)
    simulated = response["results"][0]
    original = api_client.client_score(client_id)
    original_reasons = api_client.client_explanation(client_id, lang)
    return simulation_result(original, original_reasons, simulated, changed, lang)


def simulate_or_reset(
    simulate: int | None,
    reset: int | None,
    values: dict[str, Any],
    page: dict[str, Any] | None,
    entered: dict[str, int | None] | None = None,
) -> dict[str, Any]:
    """Check the form, then score the changed fields (Simulate) or restore the file (Reset)."""
    lang = current_lang()
    page = page or {}
    original, client_id = page.get("original") or {}, page.get("client_id")
    unchanged = {spec.name: no_update for spec in WHAT_IF_FIELDS}
    if ctx.triggered_id == ids.WHAT_IF_RESET_BUTTON:
        return {
            "values": input_values(original, WHAT_IF_FIELDS),
            **form_feedback({}, WHAT_IF_FIELDS, PREFIX, {}, lang),
            "result": prompt(lang),
        }
    if not isinstance(client_id, int):
        raise PreventUpdate
    values = resolve_loan(values, original, configured_rate())
    errors = validate_fields(values, WHAT_IF_FIELDS)
    if errors:
        messages = field_messages(errors, {}, lang)
        labels = api_client.field_catalogue(lang)
        feedback = form_feedback(messages, WHAT_IF_FIELDS, PREFIX, labels, lang)
        return {"values": unchanged, **feedback, "result": prompt(lang)}
    changed = changed_fields(values, original, WHAT_IF_FIELDS)
    changes = to_application(values, [s for s in WHAT_IF_FIELDS if s.name in changed])
    try:
        labels = api_client.field_catalogue(lang)
        summary = changes_summary(changed, values, original, labels, lang)
        result: Any = simulation_content(client_id, changes, summary, lang)
    except ApiClientError as error:
        api_errors = errors_from_api(error.details, WHAT_IF_FIELDS) if error.status == 422 else {}
        if api_errors:
            messages = field_messages({}, api_errors, lang)
            labels = api_client.field_catalogue(lang)
            feedback = form_feedback(messages, WHAT_IF_FIELDS, PREFIX, labels, lang)
            return {"values": unchanged, **feedback, "result": prompt(lang)}
        result = error_alert(error, lang, client_id=client_id)
    return {
        "values": unchanged,
        **form_feedback({}, WHAT_IF_FIELDS, PREFIX, {}, lang),
        "result": result,
    }


def register_callbacks(app: dash.Dash) -> None:
    """Add the what-if page's callbacks (its own and the form's) to this app."""
    app.callback(
        output={
            "values": value_dependencies(WHAT_IF_FIELDS, PREFIX, Output),
            "feedback": feedback_outputs(WHAT_IF_FIELDS, PREFIX),
            "errors": Output(ids.WHAT_IF_ERRORS_DIV, "children"),
            "result": Output(ids.WHAT_IF_RESULT_DIV, "children"),
        },
        inputs={
            "simulate": Input(ids.WHAT_IF_SIMULATE_BUTTON, "n_clicks"),
            "entered": submit_dependencies(WHAT_IF_FIELDS, PREFIX),  # Enter in a field
            "reset": Input(ids.WHAT_IF_RESET_BUTTON, "n_clicks"),
            "values": value_dependencies(WHAT_IF_FIELDS, PREFIX),
            "page": State(ids.WHAT_IF_STORE, "data"),
        },
        prevent_initial_call=True,
    )(simulate_or_reset)
    register_form_callbacks(app, PREFIX, WHAT_IF_FIELDS, ids.WHAT_IF_STORE)
