"""The page shown for an unknown address (Dash finds it by its module's name)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dash_app.access import ANYONE
from dash_app.text import current_lang, t

dash.register_page(
    __name__,
    title=lambda **_: t("not_found.title", current_lang()),
    roles=ANYONE,
)


def layout(**_: object) -> Component:
    """Return the not-found message with a way home."""
    lang = current_lang()
    return html.Div(
        [
            html.H1(t("not_found.title", lang), className="h3"),
            html.P(t("not_found.body", lang)),
            dbc.Button(t("not_found.home", lang), href="/", color="primary"),
        ]
    )
