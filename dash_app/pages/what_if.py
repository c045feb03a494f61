"""What if…: change an existing client's application and score it again (nothing is stored)."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, ctx, dcc, html, no_update
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dash_app import api_client, ids
from dash_app.access import client_page_access, client_page_title
from dash_app.api_client import ApiClientError
from dash_app.components.application_fields import (
    changed_fields,
    errors_from_api,
    form_values,
    to_application,
)
from dash_app.components.application_form import (
    application_form,
    form_buttons,
    validate_fields,
)
from dash_app.components.application_form_state import (
    display_value,
    feedback_outputs,
    field_messages,
    form_feedback,
    input_values,
    register_form_callbacks,
    value_dependencies,
)
from dash_app.components.application_specs import FIELDS, WHAT_IF_FIELDS
from dash_app.components.client_nav import client_nav
from dash_app.components.loan_form import configured_rate, resolve_loan
from dash_app.components.messages import error_alert, icon, loading
from dash_app.components.simulation_result import (
    comparison_summary,
    comparison_table,
    reasons_list,
    referral_panel,
)
from dash_app.figures.comparison import make_comparison_figure
from dash_app.text import current_lang, t

PREFIX = ids.WHAT_IF_PREFIX
EXPLANATION_TOP = 10


_title = client_page_title("whatif.title_generic", "whatif.title")


# order: before "/clients/<client_id>", whose wildcard would also match this path
dash.register_page(
    __name__, path_template="/clients/<client_id>/what-if", title=_title, order=0, charts=True
)


def _prompt(lang: str) -> Component:
    """Return what the result area says before a simulation."""
    return html.P(t("whatif.prompt", lang), className="text-body-secondary")


def layout(client_id: str | None = None, **_: object) -> Component:
    """Return the form prefilled with the client's current values, and the result area."""
    lang = current_lang()
    viewer, number, instead = client_page_access(lang, client_id, "/what-if")
    if instead is not None or viewer is None or number is None:
        return instead
    heading = html.H1(t("client.heading", lang, client_id=number), className="h3")
    try:
        file = api_client.client_file(number)
    except ApiClientError as error:
        return html.Div([heading, error_alert(error, lang, client_id=number)])
    original = form_values(file.get("application") or {}, WHAT_IF_FIELDS, configured_rate())
    return html.Div(
        [
            heading,
            client_nav(number, "/what-if", lang),
            html.P(t("whatif.intro", lang)),
            dbc.Alert(
                [icon("bi-info-circle-fill", "me-2"), t("whatif.notice", lang)],
                color="info",
                class_name="py-2",
            ),
            dcc.Store(id=ids.WHAT_IF_STORE, data={"client_id": number, "original": original}),
            html.H2(t("whatif.form_heading", lang), className="h4 mt-3"),
            application_form(WHAT_IF_FIELDS, PREFIX, original, lang),
            html.Div(id=ids.WHAT_IF_ERRORS_DIV, **{"aria-live": "polite"}),
            form_buttons(
                (ids.WHAT_IF_SIMULATE_BUTTON, "bi-calculator", t("whatif.simulate", lang)),
                (ids.WHAT_IF_RESET_BUTTON, "bi-arrow-counterclockwise", t("whatif.reset", lang)),
            ),
            html.H2(t("whatif.result_heading", lang), className="h4 mt-4"),
            loading(html.Div(_prompt(lang), id=ids.WHAT_IF_RESULT_DIV), ids.WHAT_IF_LOADING),
        ]
    )


def _changed_text(
    changed: list[str], values: dict[str, Any], original: dict[str, Any], lang: str
) -> Component:
    """Return which values the simulation changed, from what to what (or that none was)."""
    if not changed:
        return html.P(t("whatif.no_change", lang))
    items = [
        html.Li(
            t(
                "whatif.change_item",
                lang,
                label=t(FIELDS[name].label_key, lang),
                before=display_value(FIELDS[name], original.get(name), lang),
                after=display_value(FIELDS[name], values.get(name), lang),
            )
        )
        for name in changed
    ]
    return html.Div([html.P(t("whatif.changed", lang), className="mb-1"), html.Ul(items)])


def simulation_content(
    client_id: int, changes: dict[str, Any], changed_text: Component, lang: str
) -> list[Component]:
    """Score the client's changed fields; return the result compared with the current file."""
    application = {"SK_ID_CURR": client_id, **changes}  # the API merges the stored file
    response = api_client.score_applications([application], lang, explain=True, top=EXPLANATION_TOP)
    simulated = response["results"][0]
    original = api_client.client_score(client_id)
    original_reasons = api_client.client_explanation(client_id, lang, top=EXPLANATION_TOP)
    figure = make_comparison_figure(original, simulated, simulated["threshold"], lang=lang)
    return [
        html.P(t("whatif.notice", lang), className="fw-semibold"),
        changed_text,
        comparison_table(original, simulated, lang, ids.WHAT_IF_TABLE),
        referral_panel(simulated, lang, ids.WHAT_IF_REFERRAL),
        dcc.Graph(
            id=ids.WHAT_IF_GRAPH,
            figure=figure,
            config={"displayModeBar": False},
            responsive=True,
            style={"height": f"{figure.layout.height}px"},
        ),
        html.P(
            comparison_summary(original, simulated, lang),
            id=ids.WHAT_IF_SUMMARY_P,
            className="chart-summary",
        ),
        dbc.Row(
            [
                dbc.Col(
                    [
                        html.H3(t("whatif.reasons_current", lang), className="h5"),
                        reasons_list(
                            original_reasons["reasons"], lang, ids.WHAT_IF_REASONS_CURRENT
                        ),
                    ],
                    md=6,
                ),
                dbc.Col(
                    [
                        html.H3(t("whatif.reasons_simulated", lang), className="h5"),
                        reasons_list(
                            simulated["explanation"]["reasons"],
                            lang,
                            ids.WHAT_IF_REASONS_SIMULATED,
                        ),
                    ],
                    md=6,
                ),
            ]
        ),
    ]


@callback(
    output={
        "values": value_dependencies(WHAT_IF_FIELDS, PREFIX, Output),
        "feedback": feedback_outputs(WHAT_IF_FIELDS, PREFIX),
        "errors": Output(ids.WHAT_IF_ERRORS_DIV, "children"),
        "result": Output(ids.WHAT_IF_RESULT_DIV, "children"),
    },
    inputs={
        "simulate": Input(ids.WHAT_IF_SIMULATE_BUTTON, "n_clicks"),
        "reset": Input(ids.WHAT_IF_RESET_BUTTON, "n_clicks"),
        "values": value_dependencies(WHAT_IF_FIELDS, PREFIX),
        "page": State(ids.WHAT_IF_STORE, "data"),
    },
    prevent_initial_call=True,
)
def simulate_or_reset(
    simulate: int | None, reset: int | None, values: dict[str, Any], page: dict[str, Any] | None
) -> dict[str, Any]:
    """Check the form, then score the changed fields (Simulate) or restore the file (Reset)."""
    lang = current_lang()
    page = page or {}
    original, client_id = page.get("original") or {}, page.get("client_id")
    unchanged = {spec.name: no_update for spec in WHAT_IF_FIELDS}
    if ctx.triggered_id == ids.WHAT_IF_RESET_BUTTON:
        return {
            "values": input_values(original, WHAT_IF_FIELDS),
            **form_feedback({}, WHAT_IF_FIELDS, PREFIX, lang),
            "result": _prompt(lang),
        }
    if not isinstance(client_id, int):
        raise PreventUpdate
    values = resolve_loan(values, original, configured_rate())
    errors = validate_fields(values, WHAT_IF_FIELDS)
    if errors:
        messages = field_messages(errors, {}, lang)
        feedback = form_feedback(messages, WHAT_IF_FIELDS, PREFIX, lang)
        return {"values": unchanged, **feedback, "result": _prompt(lang)}
    changed = changed_fields(values, original, WHAT_IF_FIELDS)
    changes = to_application(values, [s for s in WHAT_IF_FIELDS if s.name in changed])
    try:
        changed_text = _changed_text(changed, values, original, lang)
        result: Any = simulation_content(client_id, changes, changed_text, lang)
    except ApiClientError as error:
        api_errors = errors_from_api(error.details, WHAT_IF_FIELDS) if error.status == 422 else {}
        if api_errors:
            messages = field_messages({}, api_errors, lang)
            feedback = form_feedback(messages, WHAT_IF_FIELDS, PREFIX, lang)
            return {"values": unchanged, **feedback, "result": _prompt(lang)}
        result = error_alert(error, lang, client_id=client_id)
    return {
        "values": unchanged,
        **form_feedback({}, WHAT_IF_FIELDS, PREFIX, lang),
        "result": result,
    }


register_form_callbacks(PREFIX, WHAT_IF_FIELDS, ids.WHAT_IF_STORE)
