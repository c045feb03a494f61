"""The parts of "my data": the decision explained in plain words, the rights (no fetching)."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dash_app.components.aria import aria
from dash_app.components.formatting import format_percent
from dash_app.components.messages import icon
from dash_app.pages.my_data import ids
from dash_app.text import t


def explanation_card(file: dict[str, Any], explanation: dict[str, Any], lang: str) -> Component:
    """Return the decision explained in plain words (the logic applied, what weighed most)."""
    reasons = [reason["label"] for reason in explanation.get("reasons") or []]
    weighed = (
        t("my_data.explanation.reasons", lang, reasons=", ".join(reasons))
        if reasons
        else t("my_data.explanation.no_reason", lang)
    )
    paragraphs = [
        html.P(html.Strong(t(f"my_data.explanation.{file['decision']}", lang))),
        html.P(
            t(
                "my_data.explanation.logic",
                lang,
                probability=format_percent(file["probability"], lang),
                threshold=format_percent(file["threshold"], lang),
            )
        ),
        html.P(weighed),
        html.P(t("my_data.explanation.details", lang), className="mb-0"),
    ]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("my_data.explanation.heading", lang), className="h5 card-title"),
                *paragraphs,
            ]
        ),
        id=ids.MY_DATA_EXPLANATION_DIV,
        className="h-100",
    )


def rights_card(lang: str) -> Component:
    """Return the rights note (human review, access, portability) with the download buttons."""
    buttons = [
        dbc.Button(
            [icon("bi-filetype-json", "me-1"), t("my_data.download.json", lang)],
            id=ids.MY_DATA_JSON_BUTTON,
            color="primary",
        ),
        dbc.Button(
            [icon("bi-filetype-csv", "me-1"), t("my_data.download.csv", lang)],
            id=ids.MY_DATA_CSV_BUTTON,
            color="primary",
            outline=True,
        ),
        dbc.Button(
            [icon("bi-filetype-html", "me-1"), t("my_data.download.html", lang)],
            id=ids.MY_DATA_HTML_BUTTON,
            color="primary",
            outline=True,
        ),
        dbc.Button(
            [icon("bi-filetype-pdf", "me-1"), t("my_data.download.letter", lang)],
            id=ids.MY_DATA_LETTER_BUTTON,
            color="primary",
            outline=True,
        ),
    ]
    return dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("my_data.rights.heading", lang), className="h5 card-title"),
                html.P(t("my_data.rights.review", lang)),
                html.P(t("my_data.rights.access", lang)),
                html.Div(buttons, className="d-flex flex-wrap gap-2"),
                html.Div(
                    id=ids.MY_DATA_DOWNLOAD_STATUS_DIV,
                    className="mt-2 small",
                    **aria(live="polite"),
                ),
            ]
        ),
        className="h-100",
    )
