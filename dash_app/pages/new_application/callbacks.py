"""The new-application page's callbacks: check the form, then score it (or empty the form)."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, ctx, no_update
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.components.application_fields import errors_from_api, to_application
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
from dash_app.components.application_specs import NEW_APPLICATION_FIELDS
from dash_app.components.loan_form import configured_rate, resolve_loan
from dash_app.components.messages import error_alert
from dash_app.pages.new_application import ids
from dash_app.pages.new_application.sections import DEFAULT_VALUES, prompt, score_result
from dash_app.text import current_lang

PREFIX = ids.NEW_APPLICATION_PREFIX


def score_content(application: dict[str, Any], lang: str) -> list[Component]:
    """Score a new application; return its result, its main reasons and the history caveat."""
    response = api_client.score_applications([application], lang, explain=True)
    return score_result(response["results"][0], lang)


def score_or_clear(
    submit: int | None,
    reset: int | None,
    values: dict[str, Any],
    entered: dict[str, int | None] | None = None,
) -> dict[str, Any]:
    """Check the form, then score the application (Compute) or empty the form (Clear)."""
    lang = current_lang()
    specs = NEW_APPLICATION_FIELDS
    unchanged = {spec.name: no_update for spec in specs}
    if ctx.triggered_id == ids.NEW_APPLICATION_RESET_BUTTON:
        return {
            "values": input_values(DEFAULT_VALUES, specs),
            **form_feedback({}, specs, PREFIX, {}, lang),
            "result": prompt(lang),
        }
    values = resolve_loan(values, {}, configured_rate())
    errors = validate_fields(values, specs)
    if errors:
        messages = field_messages(errors, {}, lang)
        feedback = form_feedback(messages, specs, PREFIX, api_client.field_catalogue(lang), lang)
        return {"values": unchanged, **feedback, "result": prompt(lang)}
    try:
        result: Any = score_content(to_application(values, specs), lang)
    except ApiClientError as error:
        api_errors = errors_from_api(error.details, specs) if error.status == 422 else {}
        if api_errors:
            messages = field_messages({}, api_errors, lang)
            labels = api_client.field_catalogue(lang)
            feedback = form_feedback(messages, specs, PREFIX, labels, lang)
            return {"values": unchanged, **feedback, "result": prompt(lang)}
        result = error_alert(error, lang)
    return {"values": unchanged, **form_feedback({}, specs, PREFIX, {}, lang), "result": result}


def register_callbacks(app: dash.Dash) -> None:
    """Add the new-application page's callbacks (its own and the form's) to this app."""
    app.callback(
        output={
            "values": value_dependencies(NEW_APPLICATION_FIELDS, PREFIX, Output),
            "feedback": feedback_outputs(NEW_APPLICATION_FIELDS, PREFIX),
            "errors": Output(ids.NEW_APPLICATION_ERRORS_DIV, "children"),
            "result": Output(ids.NEW_APPLICATION_RESULT_DIV, "children"),
        },
        inputs={
            "submit": Input(ids.NEW_APPLICATION_SUBMIT_BUTTON, "n_clicks"),
            "entered": submit_dependencies(NEW_APPLICATION_FIELDS, PREFIX),  # Enter in a field
            "reset": Input(ids.NEW_APPLICATION_RESET_BUTTON, "n_clicks"),
            "values": value_dependencies(NEW_APPLICATION_FIELDS, PREFIX),
        },
        prevent_initial_call=True,
    )(score_or_clear)
    register_form_callbacks(app, PREFIX, NEW_APPLICATION_FIELDS)
