"""The model page's direction view (advisors): which way the main inputs push the score."""

from __future__ import annotations

from typing import Any

from dash import html
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.components.formatting import format_number
from dash_app.components.messages import error_alert
from dash_app.figures.model import direction_reading, make_direction_figure
from dash_app.pages.model import ids
from dash_app.pages.model.card_sections import chart, section
from dash_app.text import t

READING_KEYS = {1: "model.direction.up", -1: "model.direction.down", 0: "model.direction.mixed"}


def direction_summary(features: list[dict[str, Any]], lang: str) -> str:
    """Say, input by input, which way a higher value moves the score (the chart in words)."""
    parts = [
        t(
            "model.direction.part",
            lang,
            label=feature["label"],
            reading=t(
                READING_KEYS[direction_reading(feature["quantile"], feature["points"])], lang
            ),
        )
        for feature in features
    ]
    return t("model.direction.summary", lang, parts="; ".join(parts))


def direction_body(view: dict[str, Any] | None, lang: str) -> list[Component]:
    """Return the view's intro, beeswarm and summary, or why it is unavailable."""
    features = (view or {}).get("features") or []
    if not features:
        return [html.P(t("model.direction.unavailable", lang), className="chart-summary")]
    n = format_number(view["n_clients"] if view else 0, lang)
    return [
        html.P(t("model.direction.intro", lang, n=n)),
        chart(
            make_direction_figure(features, lang=lang),
            ids.MODEL_DIRECTION_GRAPH,
            direction_summary(features, lang),
            ids.MODEL_DIRECTION_SUMMARY,
        ),
    ]


def direction_section(lang: str) -> Component:
    """Fetch the direction view and return its section (unavailable for older bundles)."""
    try:
        view: dict[str, Any] | None = api_client.model_directions(lang)
    except ApiClientError as error:
        if error.status != 404:  # 404: a bundle built before the view existed
            return section(
                t("model.direction.heading", lang),
                [error_alert(error, lang)],
                ids.MODEL_DIRECTION_SECTION,
            )
        view = None
    return section(
        t("model.direction.heading", lang), direction_body(view, lang), ids.MODEL_DIRECTION_SECTION
    )
