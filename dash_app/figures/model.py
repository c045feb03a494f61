"""Pure figure builders of the model page: importance, cost curve, ROC, calibration."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from dash_app.components.formatting import format_number, format_percent
from dash_app.components.theme import LIGHT_TEMPLATE, plot_text
from dash_app.text import t

LINE_COLOUR = "#0072b2"  # the granted blue: the model's own curves
CHOSEN_COLOUR = "#222222"  # the decision threshold, as on the client pages
MINIMUM_COLOUR = "#a64a00"  # dark vermillion: the curve's lowest cost
REFERENCE_COLOUR = "#6c757d"  # reference lines (chance, perfect calibration)
FONT = {"size": 13, "family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"}
SEPARATORS = {"fr": ", ", "en": ".,"}  # decimal mark then thousands separator


def _layout(lang: str, **extra: Any) -> dict[str, Any]:
    """Return the layout shared by the page's figures (white, readable, language's numbers)."""
    return {
        "template": LIGHT_TEMPLATE,
        "font": FONT,
        "separators": SEPARATORS.get(lang, SEPARATORS["en"]),
        "margin": {"l": 10, "r": 20, "t": 20, "b": 50},
        "hoverlabel": {"font": FONT},
        **extra,
    }


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
    figure = go.Figure(
        go.Bar(
            x=values,
            y=_unique_labels(rows),
            orientation="h",
            marker={"color": LINE_COLOUR},
            text=[format_number(value, lang, decimals) for value in values],
            textposition="outside",
            cliponaxis=False,
            customdata=[plot_text(row.get("family_label") or "") for row in rows],
            hovertemplate=(
                "<b>%{y}</b><br>"
                + t("model.figure.family", lang)
                + " : %{customdata}<br>"
                + t(axis_key, lang)
                + " : %{text}<extra></extra>"
            ),
            name=t(axis_key, lang),
        )
    )
    figure.update_layout(
        **_layout(lang, height=90 + 26 * len(rows), showlegend=False),
        xaxis={"title": {"text": t(axis_key, lang)}, "rangemode": "tozero"},
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure


def _interpolate(xs: Sequence[float], ys: Sequence[float], x: float) -> float:
    """Return the value at ``x`` of the piecewise-linear curve through (xs, ys) (xs sorted)."""
    if x <= xs[0]:
        return float(ys[0])
    for i in range(1, len(xs)):
        x0, x1, y0, y1 = xs[i - 1], xs[i], ys[i - 1], ys[i]
        if x <= x1:
            return float(y0) if x1 == x0 else float(y0 + (y1 - y0) * (x - x0) / (x1 - x0))
    return float(ys[-1])


def _point(
    x: float, y: float, name: str, colour: str, symbol: str, label: str, size: int = 12
) -> go.Scatter:
    """Return one labelled marker (its text says what it is: never colour alone)."""
    return go.Scatter(
        x=[x],
        y=[y],
        mode="markers+text",
        name=name,
        marker={"color": colour, "size": size, "symbol": symbol, "line": {"width": 2}},
        text=[label],
        textposition="top right",
        textfont={"color": colour},
        hovertemplate=f"{name}<br>%{{x:.1%}} : %{{y:.3f}}<extra></extra>",
    )


def make_cost_curve_figure(
    thresholds: Sequence[float], costs: Sequence[float], chosen: float, *, lang: str
) -> go.Figure:
    """Draw the expected cost per client against the threshold, the chosen one marked."""
    chosen_cost = _interpolate(thresholds, costs, chosen)
    lowest = min(range(len(costs)), key=lambda i: costs[i])
    chosen_name = t("model.figure.chosen_threshold", lang)
    minimum_name = t("model.figure.minimum_cost", lang)
    figure = go.Figure(
        [
            go.Scatter(
                x=list(thresholds),
                y=list(costs),
                mode="lines",
                name=t("model.figure.expected_cost", lang),
                line={"color": LINE_COLOUR, "width": 3},
                hovertemplate="%{x:.1%} : %{y:.3f}<extra></extra>",
            ),
            _point(
                thresholds[lowest],
                costs[lowest],
                minimum_name,
                MINIMUM_COLOUR,
                "circle-open",
                "",
                size=22,  # a ring around the chosen threshold's marker when they coincide
            ),
            _point(
                chosen,
                chosen_cost,
                chosen_name,
                CHOSEN_COLOUR,
                "diamond",
                f"{chosen_name} ({format_percent(chosen, lang)})",
            ),
        ]
    )
    figure.add_vline(x=chosen, line={"color": CHOSEN_COLOUR, "dash": "dash", "width": 1})
    figure.update_layout(
        **_layout(lang, height=360, legend={"orientation": "h", "y": -0.25}),
        xaxis={"title": {"text": t("model.figure.threshold_axis", lang)}, "tickformat": ".0%"},
        yaxis={"title": {"text": t("model.figure.cost_axis", lang)}, "rangemode": "tozero"},
    )
    figure.update_layout(margin={"b": 110})
    return figure


def _diagonal(name: str) -> go.Scatter:
    """Return the dashed y = x reference line."""
    return go.Scatter(
        x=[0, 1],
        y=[0, 1],
        mode="lines",
        name=name,
        line={"color": REFERENCE_COLOUR, "dash": "dash", "width": 1},
        hoverinfo="skip",
    )


def make_roc_figure(
    false_positive_rates: Sequence[float], true_positive_rates: Sequence[float], *, lang: str
) -> go.Figure:
    """Draw the mean cross-validated ROC curve against the chance diagonal."""
    figure = go.Figure(
        [
            go.Scatter(
                x=list(false_positive_rates),
                y=list(true_positive_rates),
                mode="lines",
                name=t("model.figure.roc_curve", lang),
                line={"color": LINE_COLOUR, "width": 3},
                hovertemplate="%{x:.0%} → %{y:.0%}<extra></extra>",
            ),
            _diagonal(t("model.figure.chance", lang)),
        ]
    )
    figure.update_layout(
        **_layout(lang, height=340, legend={"orientation": "h", "y": -0.3}),
        xaxis={"title": {"text": t("model.figure.fpr_axis", lang)}, "tickformat": ".0%"},
        yaxis={"title": {"text": t("model.figure.tpr_axis", lang)}, "tickformat": ".0%"},
    )
    figure.update_layout(margin={"b": 110})
    return figure


def make_calibration_figure(bins: Sequence[Mapping[str, Any]], *, lang: str) -> go.Figure:
    """Draw the observed default rate against the mean predicted probability, per bin."""
    predicted = [float(row["mean_predicted"]) for row in bins]
    observed = [float(row["observed_rate"]) for row in bins]
    top = max([*predicted, *observed, 0.05]) * 1.1
    figure = go.Figure(
        [
            go.Scatter(
                x=predicted,
                y=observed,
                mode="lines+markers",
                name=t("model.figure.calibration_curve", lang),
                line={"color": LINE_COLOUR, "width": 3},
                marker={"size": 8},
                customdata=[row.get("n") for row in bins],
                hovertemplate="%{x:.1%} → %{y:.1%} (n = %{customdata})<extra></extra>",
            ),
            _diagonal(t("model.figure.perfect_calibration", lang)),
        ]
    )
    figure.update_layout(
        **_layout(lang, height=340, legend={"orientation": "h", "y": -0.3}),
        xaxis={
            "title": {"text": t("model.figure.predicted_axis", lang)},
            "tickformat": ".0%",
            "range": [0, top],
        },
        yaxis={
            "title": {"text": t("model.figure.observed_axis", lang)},
            "tickformat": ".0%",
            "range": [0, top],
        },
    )
    figure.update_layout(margin={"b": 110})
    return figure
