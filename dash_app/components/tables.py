"""A list of records as a table: hidden caption for screen readers, header row, body (pure)."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component


def list_table(caption: str, header: Component, rows: Sequence[Component], name: str) -> Component:
    """Return a hoverable, responsive table of records; ``name`` is its CSS class."""
    return dbc.Table(
        [html.Caption(caption, className="visually-hidden"), header, html.Tbody(list(rows))],
        hover=True,
        responsive=True,
        className=f"{name} align-middle",
    )
