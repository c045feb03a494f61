"""Home: send each person to their starting page (advisors: clients; clients: their file)."""

from __future__ import annotations

import dash
from dash import dcc
from dash.development.base_component import Component

from dash_app.access import page_access
from dash_app.text import current_lang, t

dash.register_page(__name__, path="/", title=lambda **_: t("home.title", current_lang()))


def layout(**_: object) -> Component:
    """Return a redirect to the viewer's starting page."""
    lang = current_lang()
    viewer, instead = page_access(lang, "/")
    if instead is not None or viewer is None:
        return instead
    target = "/my-data" if viewer.role == "client" else "/clients"
    return dcc.Location(id="home-redirect-location", href=target)
