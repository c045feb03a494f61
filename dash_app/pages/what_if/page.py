"""What if…: change an existing client's application and score it again (nothing is stored)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.access import PEOPLE_ROLES, Viewer
from dash_app.api_client import ApiClientError
from dash_app.components.application_fields import as_number, form_values
from dash_app.components.application_form import (
    application_form,
    form_beside_result,
    form_buttons,
)
from dash_app.components.application_specs import WHAT_IF_FIELDS
from dash_app.components.aria import aria
from dash_app.components.client_nav import client_nav
from dash_app.components.loan_form import configured_rate
from dash_app.components.messages import error_alert, icon, loading
from dash_app.components.offers_card import OFFER_AMOUNT, OFFER_INSTALMENT, offers_card
from dash_app.pages.what_if import callbacks, ids
from dash_app.pages.what_if.sections import prompt
from dash_app.routing import client_page_title
from dash_app.text import current_lang, t

# order: before "/clients/<client_id>", whose wildcard would also match this path
dash.register_page(
    __name__,
    path_template="/clients/<client_id>/what-if",
    title=client_page_title("whatif.title_generic", "whatif.title"),
    order=0,
    charts=True,
    roles=PEOPLE_ROLES,  # a client account: its own file only
    callbacks=callbacks.register_callbacks,
)


def with_offer(values: dict[str, Any], query: Mapping[str, object]) -> dict[str, Any]:
    """Return the form's values with a counter-offer's amount and instalment when the address
    carries one (``?offer_amount=&offer_instalment=``, from the client file's offers card)."""
    amount = as_number(query.get(OFFER_AMOUNT))
    instalment = as_number(query.get(OFFER_INSTALMENT))
    if amount is None or instalment is None or amount <= 0 or instalment <= 0:
        return values
    return {**values, "credit": amount, "annuity": instalment, "knows_instalment": True}


def _offers(client_id: int, file: Mapping[str, Any], lang: str) -> list[Component]:
    """Return the "what we can offer" card of a refused or referred client (else nothing)."""
    if file.get("decision") == "granted":
        return []
    try:
        body = api_client.client_offers(client_id, lang)
    except ApiClientError:
        return []  # the what-if works without the offers; the client file shows the error
    return [offers_card(client_id, body, lang, ids.WHAT_IF_OFFERS_CARD)]


def layout(viewer: Viewer, client_id: int, **query: object) -> Component:
    """Return the offers of a refused or referred client, the form prefilled with the
    client's current values (or an offer), and the result area."""
    lang = current_lang()
    heading = html.H1(t("client.heading", lang, client_id=client_id), className="h3")
    try:
        file = api_client.client_file(client_id)
        labels = api_client.field_catalogue(lang)
    except ApiClientError as error:
        return html.Div([heading, error_alert(error, lang, client_id=client_id)])
    original = form_values(file.get("application") or {}, WHAT_IF_FIELDS, configured_rate())
    offers = _offers(client_id, file, lang)
    return html.Div(
        [
            heading,
            client_nav(client_id, "/what-if", lang),
            html.P(t("whatif.intro", lang)),
            dbc.Alert(
                [icon("bi-info-circle-fill", "me-2"), t("whatif.notice", lang)],
                color="info",
                class_name="py-2",
            ),
            dcc.Store(id=ids.WHAT_IF_STORE, data={"client_id": client_id, "original": original}),
            form_beside_result(
                ids.WHAT_IF_FORM,
                [
                    *offers,
                    html.H2(t("whatif.form_heading", lang), className="h4 mt-3"),
                    application_form(
                        WHAT_IF_FIELDS,
                        ids.WHAT_IF_PREFIX,
                        with_offer(original, query),
                        labels,
                        lang,
                    ),
                    html.Div(id=ids.WHAT_IF_ERRORS_DIV, **aria(live="polite")),
                    form_buttons(
                        (ids.WHAT_IF_SIMULATE_BUTTON, "bi-calculator", t("whatif.simulate", lang)),
                        (
                            ids.WHAT_IF_RESET_BUTTON,
                            "bi-arrow-counterclockwise",
                            t("whatif.reset", lang),
                        ),
                    ),
                ],
                t("whatif.result_heading", lang),
                loading(
                    html.Div(prompt(lang), id=ids.WHAT_IF_RESULT_DIV, **aria(live="polite")),
                    ids.WHAT_IF_LOADING,
                ),
            ),
        ]
    )
