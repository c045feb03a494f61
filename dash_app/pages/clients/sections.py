"""The client search's parts: the results table and the links to recent files (no fetching)."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app.components.formatting import format_percent, format_points
from dash_app.components.messages import decision_badge, icon
from dash_app.components.tables import list_table
from dash_app.pages.clients import ids
from dash_app.text import t
from model_training.modeling.decision import OUTCOMES
from model_training.modeling.risk_bands import RISK_BANDS

SORT_ORDERS: tuple[str, ...] = ("id", "probability_desc", "probability_asc")
ANY = "all"  # a filter's value that keeps every client (a native select shows no empty value)


def results_table(items: list[dict[str, Any]], lang: str) -> Component:
    """Return the found clients as a table: number (link), decision, band, probability, score."""
    header = html.Thead(
        html.Tr(
            [
                html.Th(t(f"clients.col.{name}", lang), scope="col")
                for name in ("client", "decision", "band", "probability", "score")
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
                html.Td(band_cell(item)),
                html.Td(format_percent(item["probability"], lang)),
                html.Td(format_points(item["score"], lang)),
            ]
        )
        for item in items
    ]
    return list_table(t("clients.table_caption", lang), header, rows, "clients-table")


def band_cell(item: dict[str, Any]) -> Component:
    """Return a client's risk band: its letter in a badge, then its label."""
    band = item.get("risk_band")
    if not band:
        return html.Span("")
    return html.Span(
        [
            html.Span(band, className="badge text-bg-secondary risk-band me-1"),
            item.get("risk_band_label", ""),
        ]
    )


def filter_selects(lang: str) -> Component:
    """Return the decision, risk band and order selects, side by side."""
    all_option = {"label": t("clients.filter_all", lang), "value": ANY}
    decisions = [{"label": t(f"decision.{name}", lang), "value": name} for name in OUTCOMES]
    bands = [
        {"label": f"{band.code} · {band.label(lang)}", "value": band.code} for band in RISK_BANDS
    ]
    sorts = [{"label": t(f"clients.sort.{name}", lang), "value": name} for name in SORT_ORDERS]
    selects = (
        (ids.CLIENTS_DECISION_SELECT, "clients.decision_label", [all_option, *decisions], ANY),
        (ids.CLIENTS_BAND_SELECT, "clients.band_label", [all_option, *bands], ANY),
        (ids.CLIENTS_SORT_SELECT, "clients.sort_label", sorts, SORT_ORDERS[0]),
    )
    return dbc.Row(
        [
            dbc.Col(
                [
                    dbc.Label(t(label, lang), html_for=select_id),
                    dbc.Select(id=select_id, options=options, value=value),
                ],
                md=4,
            )
            for select_id, label, options, value in selects
        ],
        className="g-2 mt-1",
    )


def empty_alert(query: str, lang: str) -> Component:
    """Return the message saying that no client matches the typed digits and the filters."""
    text = t("clients.empty", lang, query=query) if query else t("clients.empty_filtered", lang)
    return dbc.Alert(
        [icon("bi-search", "me-2"), text],
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
