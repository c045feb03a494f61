"""Two features across a sample of clients, coloured by decision, with this client (pure).

Plain ``go.Scatter`` (SVG), never ``scattergl``: WebGL needs ``unsafe-eval`` under the CSP.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from dash_app.components.feature_values import axis_format, plot_layout
from dash_app.components.formatting import format_number, format_percent, is_missing
from dash_app.components.theme import (
    GRANTED,
    HIGHLIGHT,
    INK,
    PAPER,
    REFERRED,
    REFUSED,
    plot_text,
)
from dash_app.text import t
from model_training.presentation.feature_values import format_feature_value

DECISION_MARKERS = {  # decision -> (colour, symbol): the shape tells them apart without colour
    "granted": (GRANTED, "circle"),
    "refused": (REFUSED, "x"),
    "referred": (REFERRED, "diamond"),
}
CLIENT_MARKER = {
    "symbol": "star",
    "size": 24,
    "color": HIGHLIGHT,
    "line": {"color": INK, "width": 2},
}
Point = Mapping[str, Any]


def _has_values(point: Point | None) -> bool:
    """Tell whether a point has both coordinates."""
    return point is not None and not is_missing(point.get("x")) and not is_missing(point.get("y"))


def make_scatter_figure(
    points: Sequence[Point],
    client_point: Point | None,
    x_label: str,
    y_label: str,
    *,
    lang: str,
    x_feature: str = "",
    y_feature: str = "",
) -> go.Figure:
    """Draw the sampled clients by decision and this client as a large outlined star.

    ``x_feature``/``y_feature`` (model input names) set the axes' tick format and hover units.
    """
    figure = go.Figure()
    for decision, (colour, symbol) in DECISION_MARKERS.items():
        chosen = [p for p in points if p["decision"] == decision and _has_values(p)]
        if not chosen and decision == "referred":  # drawn only when some clients are referred
            continue
        figure.add_trace(
            go.Scatter(
                x=[p["x"] for p in chosen],
                y=[p["y"] for p in chosen],
                mode="markers",
                name=t(f"decision.{decision}", lang),
                marker={"color": colour, "symbol": symbol, "size": 7, "opacity": 0.6},
                hovertemplate=f"%{{x}} · %{{y}}<extra>{t(f'decision.{decision}', lang)}</extra>",
            )
        )
    if _has_values(client_point):
        # _has_values(client_point) is true: not None (mypy does not follow the check)
        x, y = float(client_point["x"]), float(client_point["y"])  # type: ignore[index]
        name = t("compare.this_client", lang)
        figure.add_trace(
            go.Scatter(
                x=[x],
                y=[y],
                mode="markers",
                name=name,
                marker=CLIENT_MARKER,
                hovertemplate=f"%{{x}} · %{{y}}<extra>{name}</extra>",
            )
        )
        figure.add_annotation(
            x=x,
            y=y,
            text=name,
            showarrow=True,
            arrowhead=2,
            arrowwidth=2,
            arrowcolor=INK,
            ax=40,
            ay=-40,
            bgcolor=PAPER,
            bordercolor=INK,
            borderwidth=1,
            font={"color": INK, "size": 14},
        )
    figure.update_layout(
        **plot_layout(lang),
        height=480,
        xaxis={"title": {"text": plot_text(x_label)}, **axis_format(x_feature)},
        yaxis={"title": {"text": plot_text(y_label)}, **axis_format(y_feature)},
    )
    return figure


def _lower_first(label: str) -> str:
    """Return a label to use inside a sentence (``Revenu mensuel`` -> ``revenu mensuel``)."""
    if len(label) > 1 and label[1].isupper():  # an acronym stays as it is
        return label
    return label[:1].lower() + label[1:]


def scatter_summary(
    points: Sequence[Point],
    client_point: Point | None,
    x_feature: Mapping[str, str],
    y_feature: Mapping[str, str],
    *,
    lang: str,
) -> str:
    """Return the sentence saying where this client is and how many sampled clients are refused."""
    client = client_point or {}
    values = {}
    for axis, feature in (("x", x_feature), ("y", y_feature)):
        value = client.get(axis)
        shown = format_feature_value(feature["name"], value, lang)
        values[axis] = (
            _lower_first(feature["label"]),
            shown.lower() if is_missing(value) else shown,
        )
    refused = sum(1 for p in points if p["decision"] == "refused")
    population = t(
        "compare.scatter.population",
        lang,
        n=format_number(len(points), lang),
        refused=format_percent(refused / len(points) if points else None, lang, decimals=0),
    )
    where = t(
        "compare.scatter.client",
        lang,
        x_label=values["x"][0],
        x_value=values["x"][1],
        y_label=values["y"][0],
        y_value=values["y"][1],
    )
    if not _has_values(client_point):
        where += " " + t("compare.scatter.client_missing", lang)
    return f"{where} {population}"
