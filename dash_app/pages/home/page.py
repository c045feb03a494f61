"""Home: send each person to their starting page (advisors: clients; clients: their file)."""

from __future__ import annotations

import dash
from dash import dcc
from dash.development.base_component import Component

from dash_app.access import PEOPLE_ROLES, Viewer
from dash_app.pages.home import ids
from dash_app.text import current_lang, t
from scoring_api.security.roles import Role

dash.register_page(
    __name__,
    path="/",
    title=lambda **_: t("home.title", current_lang()),
    roles=PEOPLE_ROLES,
)


def layout(viewer: Viewer, **_: object) -> Component:
    """Return a redirect to the viewer's starting page."""
    target = "/my-data" if viewer.role == Role.CLIENT else "/clients"
    return dcc.Location(id=ids.HOME_REDIRECT_LOCATION, href=target)
