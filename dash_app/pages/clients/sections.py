"""The client search's parts: the results table and the links to recent files (no fetching)."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app.components.formatting import format_percent, format_points
from dash_app.components.messages import decision_badge, icon
from dash_app.pages.clients import ids
from dash_app.text import t


def results_table(items: list[dict[str, Any]], lang: str) -> Component:
    """Return the found clients as a table: number (link), decision, probability, score."""
    header = html.Thead(
        html.Tr(
            [
                html.Th(t(f"clients.col.{name}", lang), scope="col")
                for name in ("client", "decision", "probability", "score")
            ]
        )
    )
    rows = [
        html.Tr(
            [
                html.Th(
                    dcc.Link(
                        str(item["client_id"]),
                        href=f"/clients/{item['client_id']}",
                        title=t("clients.open", lang, client_id=item["client_id"]),
                    ),
                    scope="row",
                ),
                html.Td(decision_badge(item["decision"], lang)),
                html.Td(format_percent(item["probability"], lang)),
                html.Td(format_points(item["score"], lang)),
            ]
        )
        for item in items
    ]
    return dbc.Table(
        [
            html.Caption(t("clients.table_caption", lang), className="visually-hidden"),
            header,
            html.Tbody(rows),
        ],
        hover=True,
        responsive=True,
        className="clients-table align-middle",
    )


def empty_alert(query: str, lang: str) -> Component:
    """Return the message saying that no client number starts with the typed digits."""
    return dbc.Alert(
        [icon("bi-search", "me-2"), t("clients.empty", lang, query=query)],
        color="info",
        id=ids.CLIENTS_EMPTY_ALERT,
    )


def recent_links(numbers: list[int], lang: str) -> Component:
    """Return links to the recently opened files (or a line saying there is none)."""
    if not numbers:
        return html.P(t("clients.recent_none", lang), className="text-body-secondary")
    return html.Ul(
        [
            html.Li(
                dcc.Link(
                    [icon("bi-person", "me-1"), str(number)],
                    href=f"/clients/{number}",
                    className="btn btn-outline-primary btn-sm",
                    title=t("clients.open", lang, client_id=number),
                )
            )
            for number in numbers
        ],
        className="list-unstyled d-flex flex-wrap gap-2 mb-0",
    )
