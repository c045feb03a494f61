"""New application: score someone who is not a client yet (advisors; nothing is stored)."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, callback, ctx, html, no_update
from dash.development.base_component import Component

from dash_app import api_client, ids
from dash_app.access import ADVISOR_ROLES, page_access
from dash_app.api_client import ApiClientError
from dash_app.components.application_fields import errors_from_api, to_application
from dash_app.components.application_form import (
    application_form,
    form_buttons,
    validate_fields,
)
from dash_app.components.application_form_state import (
    feedback_outputs,
    field_messages,
    form_feedback,
    input_values,
    register_form_callbacks,
    value_dependencies,
)
from dash_app.components.application_specs import NEW_APPLICATION_FIELDS
from dash_app.components.loan_form import configured_rate, resolve_loan
from dash_app.components.messages import error_alert, icon, loading
from dash_app.components.simulation_result import reasons_list, referral_panel, score_card
from dash_app.text import current_lang, t

PREFIX = ids.NEW_APPLICATION_PREFIX
EXPLANATION_TOP = 10
DEFAULT_VALUES = {  # what an empty form starts with (the rest is left blank)
    "contract_type": "Cash loans",
    "knows_instalment": False,
    "children": 0,
    "family_members": 1,
    "not_employed": False,
    "own_car": False,
    "own_realty": False,
}

dash.register_page(
    __name__, path="/new-application", title=lambda **_: t("newapp.title", current_lang())
)


def _prompt(lang: str) -> Component:
    """Return what the result area says before scoring."""
    return html.P(t("newapp.prompt", lang), className="text-body-secondary")


def layout(**_: object) -> Component:
    """Return the empty application form (advisors and admins only) and the result area."""
    lang = current_lang()
    viewer, instead = page_access(lang, "/new-application", ADVISOR_ROLES)
    if instead is not None or viewer is None:
        return instead
    return html.Div(
        [
            html.H1(t("newapp.title", lang), className="h3"),
            html.P(t("newapp.intro", lang)),
            dbc.Alert(
                [icon("bi-info-circle-fill", "me-2"), t("newapp.history_note", lang)],
                color="info",
                class_name="py-2",
            ),
            application_form(NEW_APPLICATION_FIELDS, PREFIX, DEFAULT_VALUES, lang),
            html.Div(id=ids.NEW_APPLICATION_ERRORS_DIV, **{"aria-live": "polite"}),
            form_buttons(
                (ids.NEW_APPLICATION_SUBMIT_BUTTON, "bi-calculator", t("newapp.submit", lang)),
                (ids.NEW_APPLICATION_RESET_BUTTON, "bi-eraser", t("newapp.reset", lang)),
            ),
            html.H2(t("newapp.result_heading", lang), className="h4 mt-4"),
            loading(
                html.Div(_prompt(lang), id=ids.NEW_APPLICATION_RESULT_DIV),
                ids.NEW_APPLICATION_LOADING,
            ),
        ]
    )


def score_content(application: dict[str, Any], lang: str) -> list[Component]:
    """Score a new application; return its result, its main reasons and the history caveat."""
    response = api_client.score_applications([application], lang, explain=True, top=EXPLANATION_TOP)
    result = response["results"][0]
    return [
        dbc.Row(
            [
                dbc.Col(
                    [
                        score_card(result, lang, ids.NEW_APPLICATION_SCORE),
                        referral_panel(result, lang, ids.NEW_APPLICATION_REFERRAL),
                    ],
                    lg=6,
                ),
                dbc.Col(
                    [
                        html.H3(t("appform.result.reasons", lang), className="h5"),
                        reasons_list(
                            result["explanation"]["reasons"], lang, ids.NEW_APPLICATION_REASONS
                        ),
                    ],
                    lg=6,
                ),
            ]
        ),
        html.P(
            [icon("bi-info-circle", "me-1"), t("newapp.history_note", lang)],
            className="small mt-3",
        ),
    ]


@callback(
    output={
        "values": value_dependencies(NEW_APPLICATION_FIELDS, PREFIX, Output),
        "feedback": feedback_outputs(NEW_APPLICATION_FIELDS, PREFIX),
        "errors": Output(ids.NEW_APPLICATION_ERRORS_DIV, "children"),
        "result": Output(ids.NEW_APPLICATION_RESULT_DIV, "children"),
    },
    inputs={
        "submit": Input(ids.NEW_APPLICATION_SUBMIT_BUTTON, "n_clicks"),
        "reset": Input(ids.NEW_APPLICATION_RESET_BUTTON, "n_clicks"),
        "values": value_dependencies(NEW_APPLICATION_FIELDS, PREFIX),
    },
    prevent_initial_call=True,
)
def score_or_clear(submit: int | None, reset: int | None, values: dict[str, Any]) -> dict[str, Any]:
    """Check the form, then score the application (Compute) or empty the form (Clear)."""
    lang = current_lang()
    specs = NEW_APPLICATION_FIELDS
    unchanged = {spec.name: no_update for spec in specs}
    if ctx.triggered_id == ids.NEW_APPLICATION_RESET_BUTTON:
        return {
            "values": input_values(DEFAULT_VALUES, specs),
            **form_feedback({}, specs, PREFIX, lang),
            "result": _prompt(lang),
        }
    values = resolve_loan(values, {}, configured_rate())
    errors = validate_fields(values, specs)
    if errors:
        feedback = form_feedback(field_messages(errors, {}, lang), specs, PREFIX, lang)
        return {"values": unchanged, **feedback, "result": _prompt(lang)}
    try:
        result: Any = score_content(to_application(values, specs), lang)
    except ApiClientError as error:
        api_errors = errors_from_api(error.details, specs) if error.status == 422 else {}
        if api_errors:
            feedback = form_feedback(field_messages({}, api_errors, lang), specs, PREFIX, lang)
            return {"values": unchanged, **feedback, "result": _prompt(lang)}
        result = error_alert(error, lang)
    return {"values": unchanged, **form_feedback({}, specs, PREFIX, lang), "result": result}


register_form_callbacks(PREFIX, NEW_APPLICATION_FIELDS)
