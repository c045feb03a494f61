"""Figure builders of the model page: importance, direction, cost curve, ROC, calibration (pure).

They draw with the builders the model report uses too (model_training.presentation.figures),
in the page's language and words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from dash_app.components.formatting import format_number, format_percent, format_points
from dash_app.components.theme import INK, NEUTRAL, REFUSED, figure_layout, plot_text
from dash_app.text import t
from model_training.presentation import figures as shared
from model_training.presentation.theme import PURPLE, SKY

SWARM_BINS = 24  # bins along the points axis in which dots are stacked
SWARM_HALF_HEIGHT = 0.3  # a row's dots spread this far above and below its line
DIRECTION_ROW_HEIGHT = 64  # pixels a row
DIRECTION_SCALE = [[0.0, SKY], [1.0, PURPLE]]  # the input's value: low (light blue) to high


def _unique_labels(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    """Return each row's label, made unique with its name where two labels are the same."""
    labels = [str(row.get("label") or row["name"]) for row in rows]
    return [
        plot_text(f"{label} ({row['name']})" if labels.count(label) > 1 else label)
        for label, row in zip(labels, rows, strict=True)
    ]


def make_importance_figure(
    features: Sequence[Mapping[str, Any]],
    *,
    lang: str,
    top: int = 15,
    factor: float | None = None,
) -> go.Figure:
    """Draw the ``top`` inputs by mean |SHAP| as horizontal bars, the weightiest on top.

    ``features`` are the card's inputs (name, label, family_label, importance); with
    ``factor`` (points per log-odds) the bars show score points moved on average.
    """
    rows = sorted(features, key=lambda row: -float(row["importance"]))[:top]
    scale = factor if factor else 1.0
    values = [float(row["importance"]) * scale for row in rows]
    decimals = 1 if factor else 3
    axis_key = "model.figure.importance_points" if factor else "model.figure.importance_shap"
    return shared.make_importance_figure(
        _unique_labels(rows),
        values,
        lang=lang,
        name=t(axis_key, lang),
        value_texts=[format_number(value, lang, decimals) for value in values],
        customdata=[plot_text(row.get("family_label") or "") for row in rows],
        hovertemplate=(
            "<b>%{y}</b><br>"
            + t("model.figure.family", lang)
            + " : %{customdata}<br>"
            + t(axis_key, lang)
            + " : %{text}<extra></extra>"
        ),
    )


def _interpolate(xs: Sequence[float], ys: Sequence[float], x: float) -> float:
    """Return the value at ``x`` of the piecewise-linear curve through (xs, ys) (xs sorted)."""
    if x <= xs[0]:
        return float(ys[0])
    for i in range(1, len(xs)):
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        if x <= x1:
            return float(y0) if x1 == x0 else float(y0 + (y1 - y0) * (x - x0) / (x1 - x0))
    return float(ys[-1])


def make_cost_curve_figure(
    thresholds: Sequence[float], costs: Sequence[float], chosen: float, *, lang: str
) -> go.Figure:
    """Draw the expected cost per client against the threshold, the chosen one marked."""
    lowest = min(range(len(costs)), key=lambda i: costs[i])
    chosen_name = t("model.figure.chosen_threshold", lang)
    lowest_mark = shared.Mark(
        thresholds[lowest],
        costs[lowest],
        t("model.figure.minimum_cost", lang),
        colour=REFUSED,
        symbol="circle-open",
        size=22,  # a ring around the chosen threshold's marker when they coincide
    )
    chosen_mark = shared.Mark(
        chosen,
        _interpolate(thresholds, costs, chosen),
        chosen_name,
        f"{chosen_name} ({format_percent(chosen, lang)})",
        colour=INK,
    )
    text = shared.CurveText(
        t("model.figure.expected_cost", lang),
        "",
        t("model.figure.threshold_axis", lang),
        t("model.figure.cost_axis", lang),
    )
    return shared.make_cost_curve_figure(
        thresholds, costs, chosen_mark, text, lang=lang, marks=[lowest_mark]
    )


def make_roc_figure(
    false_positive_rates: Sequence[float], true_positive_rates: Sequence[float], *, lang: str
) -> go.Figure:
    """Draw the mean cross-validated ROC curve against the chance diagonal."""
    text = shared.CurveText(
        t("model.figure.roc_curve", lang),
        t("model.figure.chance", lang),
        t("model.figure.fpr_axis", lang),
        t("model.figure.tpr_axis", lang),
    )
    return shared.make_roc_figure(false_positive_rates, true_positive_rates, text, lang=lang)


def make_calibration_figure(bins: Sequence[Mapping[str, Any]], *, lang: str) -> go.Figure:
    """Draw the observed default rate against the mean predicted probability, per bin."""
    text = shared.CurveText(
        t("model.figure.calibration_curve", lang),
        t("model.figure.perfect_calibration", lang),
        t("model.figure.predicted_axis", lang),
        t("model.figure.observed_axis", lang),
    )
    return shared.make_calibration_figure(
        [float(row["mean_predicted"]) for row in bins],
        [float(row["observed_rate"]) for row in bins],
        [row.get("n") for row in bins],
        text,
        lang=lang,
    )


def swarm_offsets(values: Sequence[float], bins: int = SWARM_BINS) -> np.ndarray:
    """Return each dot's vertical offset in a beeswarm: stacked 0, +1, -1, +2... in its bin.

    The offsets are scaled so the fullest bin spans ``SWARM_HALF_HEIGHT`` each side.
    """
    x = np.asarray(values, dtype=float)
    if not len(x):
        return np.zeros(0)
    low, high = float(x.min()), float(x.max())
    index = (
        np.zeros(len(x), dtype=int)
        if high == low
        else np.minimum(((x - low) / (high - low) * bins).astype(int), bins - 1)
    )
    rank = np.zeros(len(x), dtype=int)
    seen: dict[int, int] = {}
    for i in range(len(x)):  # in the sample's order: no pattern tied to the value
        rank[i] = seen.get(int(index[i]), 0)
        seen[int(index[i])] = rank[i] + 1
    slots = np.where(rank % 2 == 1, (rank + 1) // 2, -(rank // 2))  # 0, +1, -1, +2, -2...
    widest = max(1, max(seen.values()) // 2)
    return slots * (SWARM_HALF_HEIGHT / widest)


def direction_reading(quantiles: Sequence[float | None], points: Sequence[float]) -> int:
    """Return which way higher values push: 1 more points, -1 fewer, 0 neither (|r| < 0.3)."""
    pairs = [(q, p) for q, p in zip(quantiles, points, strict=True) if q is not None]
    if len(pairs) < 3:
        return 0
    q, p = np.array(pairs, dtype=float).T
    if q.std() == 0 or p.std() == 0:
        return 0
    r = float(np.corrcoef(q, p)[0, 1])
    return 0 if abs(r) < 0.3 else (1 if r > 0 else -1)


def _value_text(quantile: float | None, lang: str) -> str:
    """Return where a client's value stands among the train clients, in words."""
    if quantile is None:
        return t("model.direction.hover_missing", lang)
    return t("model.direction.hover_value", lang, share=format_percent(quantile, lang, 0))


def make_direction_figure(features: Sequence[Mapping[str, Any]], *, lang: str) -> go.Figure:
    """Draw a beeswarm: one row an input, a dot a client at its points, coloured by its value.

    ``features`` are the API's direction view (name, label, quantile, points), most important
    first; a missing value is drawn as a grey ring.
    """
    labels = _unique_labels(features)
    known: dict[str, list[Any]] = {"x": [], "y": [], "colour": [], "text": []}
    missing: dict[str, list[Any]] = {"x": [], "y": [], "text": []}
    for row, (feature, label) in enumerate(zip(features, labels, strict=True)):
        offsets = swarm_offsets(feature["points"])
        for value, quantile, offset in zip(
            feature["points"], feature["quantile"], offsets, strict=True
        ):
            points = format_points(value, lang, signed=True, decimals=1)
            target = missing if quantile is None else known
            target["x"].append(value)
            target["y"].append(row + float(offset))
            target["text"].append(f"<b>{label}</b><br>{points}<br>" + _value_text(quantile, lang))
            if quantile is not None:
                known["colour"].append(quantile)
    figure = go.Figure(
        [
            go.Scatter(
                x=known["x"],
                y=known["y"],
                mode="markers",
                name=t("model.direction.known", lang),
                marker={
                    "color": known["colour"],
                    "colorscale": DIRECTION_SCALE,
                    "cmin": 0,
                    "cmax": 1,
                    "size": 6,
                    "opacity": 0.85,
                    "colorbar": {
                        "orientation": "h",
                        "yref": "container",
                        "y": 0.0,
                        "yanchor": "bottom",
                        "len": 0.7,
                        "thickness": 10,
                        "tickvals": [0, 1],
                        "ticktext": [
                            t("model.direction.low", lang),
                            t("model.direction.high", lang),
                        ],
                        "title": {"text": t("model.direction.colour", lang), "side": "top"},
                    },
                },
                hovertext=known["text"],
                hoverinfo="text",
            ),
            go.Scatter(
                x=missing["x"],
                y=missing["y"],
                mode="markers",
                name=t("model.direction.missing", lang),
                marker={"color": NEUTRAL, "symbol": "circle-open", "size": 6},
                hovertext=missing["text"],
                hoverinfo="text",
            ),
        ]
    )
    figure.add_vline(x=0, line={"color": INK, "width": 1})
    for row, label in enumerate(labels):
        figure.add_annotation(
            x=0,
            xref="paper",
            y=row - 0.5,
            yanchor="top",
            xanchor="left",
            text=label,
            showarrow=False,
        )
    figure.update_layout(
        **figure_layout(lang, height=180 + DIRECTION_ROW_HEIGHT * len(labels), showlegend=False),
        margin={"l": 10, "r": 10, "t": 10, "b": 140},
        xaxis={"title": {"text": t("model.direction.axis", lang)}, "zeroline": False},
        yaxis={
            "autorange": "reversed",
            "showticklabels": False,
            "showgrid": False,
            "zeroline": False,
            "range": [len(labels) - 0.5 + SWARM_HALF_HEIGHT, -0.55],
        },
    )
    return figure
