"""A client's score as a horizontal waterfall in points: base, each feature, the rest, total."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from dash_app.components.formatting import format_points
from dash_app.components.theme import (
    CONNECTOR,
    FONT_SIZE,
    GRANTED,
    INK,
    PAPER,
    REFUSED,
    THRESHOLD_LINE,
    TOTAL,
    figure_layout,
    plot_text,
)
from model_training.modeling.explanation_names import OTHER_FEATURES

ROW_HEIGHT = 38
LABEL_WIDTH = 24  # characters on a label's line: the label column stays narrow
TEXT = {
    "base": {"fr": "Point de départ (client moyen)", "en": "Starting point (average client)"},
    "total": {"fr": "Score du client", "en": "Client's score"},
    "axis": {
        "fr": "Score en points (plus haut = risque plus faible)",
        "en": "Score in points (higher = lower risk)",
    },
    "threshold": {"fr": "Seuil : {points}", "en": "Threshold: {points}"},
}


def ordered_contributions(contributions: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Return the contributions in the API's order with the "other features" row last."""
    named = [row for row in contributions if row["feature"] != OTHER_FEATURES]
    rest = [row for row in contributions if row["feature"] == OTHER_FEATURES]
    return [*named, *rest]


def wrapped(label: str) -> str:
    """Return a label as drawn: markup shown as text, long ones on several lines (phones)."""
    return "<br>".join(
        plot_text(line)
        for line in textwrap.wrap(label, LABEL_WIDTH, break_long_words=False) or [""]
    )


def _unique(labels: list[str]) -> list[str]:
    """Return labels made unique (plotly merges equal categories), numbering repeats."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def make_waterfall_figure(
    contributions: Sequence[Mapping[str, Any]],
    base_points: float,
    *,
    lang: str,
    threshold_points: float | None = None,
) -> go.Figure:
    """Draw the score from the average client's points, feature by feature, to the client's.

    ``contributions`` are the API's rows (label, points; an "other features" row) and
    ``base_points`` the average client's score, as the API's explanation gives them. The bars
    sum exactly: base + points = score. ``threshold_points`` (the explanation's threshold in
    points) is drawn as a labelled vertical line.
    """
    rows = ordered_contributions(contributions)
    base = float(base_points)
    points = [float(row["points"]) for row in rows]
    score = base + sum(points)
    labels = _unique(
        [
            wrapped(TEXT["base"][lang]),
            *(wrapped(row["label"]) for row in rows),
            TEXT["total"][lang],
        ]
    )
    texts = [
        format_points(base, lang),
        *(format_points(p, lang, signed=True) for p in points),
        format_points(score, lang),
    ]
    figure = go.Figure(
        go.Waterfall(
            orientation="h",
            y=labels,
            x=[base, *points, 0.0],
            measure=["absolute", *(["relative"] * len(points)), "total"],
            text=texts,
            textposition="outside",
            textfont={"size": FONT_SIZE},
            hovertemplate="%{y}: %{text}<extra></extra>",
            increasing={"marker": {"color": GRANTED}},  # points gained: lower risk,
            decreasing={"marker": {"color": REFUSED}},
            totals={"marker": {"color": TOTAL}},
            connector={"line": {"color": CONNECTOR, "width": 1}},
            cliponaxis=False,
        )
    )
    running = [base]
    for value in points:
        running.append(running[-1] + value)
    marks = [*running]
    if threshold_points is not None:
        line = float(threshold_points)
        marks.append(line)
        figure.add_vline(
            x=line,
            line=THRESHOLD_LINE,
            annotation={
                "text": TEXT["threshold"][lang].format(points=format_points(line, lang)),
                "font": {"size": FONT_SIZE, "color": INK},
                "bgcolor": PAPER,
            },
            annotation_position="top",
        )
    low, high = min(marks), max(marks)
    pad = max(6.0, 0.25 * (high - low))
    figure.update_layout(
        **figure_layout(lang),
        height=ROW_HEIGHT * len(labels) + 110,
        margin={"l": 10, "r": 30, "t": 40, "b": 60},
        showlegend=False,
        xaxis={"title": {"text": TEXT["axis"][lang]}, "range": [low - pad, high + pad]},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure
