"""New application: score someone who is not a client yet (advisors; nothing is stored)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.access import ADVISOR_ROLES, Viewer
from dash_app.api_client import ApiClientError
from dash_app.components.application_form import (
    application_form,
    form_beside_result,
    form_buttons,
)
from dash_app.components.application_specs import NEW_APPLICATION_FIELDS
from dash_app.components.aria import aria
from dash_app.components.messages import error_alert, icon, loading
from dash_app.pages.new_application import callbacks, ids
from dash_app.pages.new_application.sections import DEFAULT_VALUES, prompt
from dash_app.text import current_lang, t

dash.register_page(
    __name__,
    path="/new-application",
    title=lambda **_: t("newapp.title", current_lang()),
    order=2,  # the navigation's second link
    roles=ADVISOR_ROLES,
    nav="nav.new_application",
    callbacks=callbacks.register_callbacks,
)


def layout(viewer: Viewer, **_: object) -> Component:
    """Return the empty application form (advisors and admins only) and the result area."""
    lang = current_lang()
    heading = html.H1(t("newapp.title", lang), className="h3")
    try:
        labels = api_client.field_catalogue(lang)
    except ApiClientError as error:
        return html.Div([heading, error_alert(error, lang)])
    return html.Div(
        [
            heading,
            html.P(t("newapp.intro", lang)),
            dbc.Alert(
                [icon("bi-info-circle-fill", "me-2"), t("newapp.history_note", lang)],
                color="info",
                class_name="py-2",
            ),
            form_beside_result(
                ids.NEW_APPLICATION_FORM,
                [
                    application_form(
                        NEW_APPLICATION_FIELDS,
                        ids.NEW_APPLICATION_PREFIX,
                        DEFAULT_VALUES,
                        labels,
                        lang,
                    ),
                    html.Div(id=ids.NEW_APPLICATION_ERRORS_DIV, **aria(live="polite")),
                    form_buttons(
                        (
                            ids.NEW_APPLICATION_SUBMIT_BUTTON,
                            "bi-calculator",
                            t("newapp.submit", lang),
                        ),
                        (ids.NEW_APPLICATION_RESET_BUTTON, "bi-eraser", t("newapp.reset", lang)),
                    ),
                ],
                t("newapp.result_heading", lang),
                loading(
                    html.Div(
                        prompt(lang), id=ids.NEW_APPLICATION_RESULT_DIV, **aria(live="polite")
                    ),
                    ids.NEW_APPLICATION_LOADING,
                ),
            ),
        ]
    )
