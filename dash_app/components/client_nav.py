"""The tabs of a client's file: decision, comparison, what-if (advisors and the client)."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash.development.base_component import Component

from dash_app.text import t

CLIENT_TABS = (  # (text key, path suffix)
    ("client_nav.file", ""),
    ("client_nav.compare", "/compare"),
    ("client_nav.what_if", "/what-if"),
)


def client_nav(client_id: int, active_suffix: str, lang: str, base: str = "/clients") -> Component:
    """Return the tabs linking the pages of one client's file (the active one marked)."""
    return dbc.Nav(
        [
            dbc.NavItem(
                dbc.NavLink(
                    t(key, lang),
                    href=f"{base}/{client_id}{suffix}",
                    active=suffix == active_suffix,
                )
            )
            for key, suffix in CLIENT_TABS
        ],
        pills=True,
        className="mb-3",
    )
