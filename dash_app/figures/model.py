"""Figure builders of the model page: importance, cost curve, ROC, calibration (pure).

They draw with the builders the model report uses too (model_training.presentation.figures),
in the page's language and words.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from dash_app.components.formatting import format_number, format_percent
from dash_app.components.theme import INK, REFUSED, plot_text
from dash_app.text import t
from model_training.presentation import figures as shared


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
