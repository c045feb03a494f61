"""Pure Plotly builders the model report and the dashboard share: cost curve, ROC, calibration,
importance bars.

Each takes numbers and the words to write (the report's English, the dashboard's catalogue
text), draws with the theme, and returns a figure; no I/O, no dash import. A caller adds what
only it shows (the report its title and fold curves, the dashboard its lowest-cost ring).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from model_training.presentation.theme import (
    BAND,
    GRANTED,
    INK,
    REFERENCE,
    SKY,
    THRESHOLD_LINE,
    figure_layout,
)

CURVE_LINE = {"color": GRANTED, "width": 3}  # the model's own curve
REFERENCE_LINE = {"color": REFERENCE, "dash": "dash", "width": 1}
CURVE_LEGEND = {"orientation": "h", "y": -0.3}
BAR_HEIGHT = 26  # pixels per horizontal bar


@dataclass(frozen=True)
class CurveText:
    """The words of a curve figure: the model's curve, the reference line and the axes."""

    curve: str
    reference: str
    x_axis: str
    y_axis: str


@dataclass(frozen=True)
class Mark:
    """A labelled point on a curve: its text says what it is, never its colour alone."""

    x: float
    y: float
    name: str
    label: str = ""
    colour: str = INK
    symbol: str = "diamond"
    size: int = 12


@dataclass(frozen=True)
class Band:
    """A shaded spread around a curve (one standard deviation over the folds)."""

    low: Sequence[float]
    high: Sequence[float]
    name: str


def mark_trace(mark: Mark) -> go.Scatter:
    """Return one labelled marker (text in the marker's colour, hover with x as a percent)."""
    return go.Scatter(
        x=[mark.x],
        y=[mark.y],
        mode="markers+text",
        name=mark.name,
        marker={
            "color": mark.colour,
            "size": mark.size,
            "symbol": mark.symbol,
            "line": {"width": 2},
        },
        text=[mark.label],
        textposition="top right",
        textfont={"color": mark.colour},
        hovertemplate=f"{mark.name}<br>%{{x:.1%}} : %{{y:.3f}}<extra></extra>",
    )


def band_traces(x: Sequence[float], band: Band) -> list[go.Scatter]:
    """Return two traces drawing a shaded band between ``band.low`` and ``band.high``."""
    edge = {"x": list(x), "mode": "lines", "line": {"width": 0}, "hoverinfo": "skip"}
    return [
        go.Scatter(**edge, y=list(band.high), showlegend=False, name=f"{band.name} upper"),
        go.Scatter(**edge, y=list(band.low), fill="tonexty", fillcolor=BAND, name=band.name),
    ]


def _diagonal(name: str) -> go.Scatter:
    """Return the dashed y = x reference line."""
    return go.Scatter(
        x=[0, 1], y=[0, 1], mode="lines", name=name, line=REFERENCE_LINE, hoverinfo="skip"
    )


def _axis(title: str, **extra: object) -> dict[str, object]:
    """Return an axis with its title."""
    return {"title": {"text": title}, **extra}


def make_cost_curve_figure(
    thresholds: Sequence[float],
    costs: Sequence[float],
    chosen: Mark,
    text: CurveText,
    *,
    lang: str,
    marks: Sequence[Mark] = (),
    band: Band | None = None,
) -> go.Figure:
    """Draw the expected cost per client against the threshold, the chosen one marked.

    ``marks`` are other labelled points (the lowest cost, the 0.5 threshold); ``band`` the
    spread over folds; the chosen threshold is drawn last, with the theme's threshold line.
    """
    figure = go.Figure(band_traces(thresholds, band) if band else [])
    figure.add_trace(
        go.Scatter(
            x=list(thresholds),
            y=list(costs),
            mode="lines",
            name=text.curve,
            line=CURVE_LINE,
            hovertemplate="%{x:.1%} : %{y:.3f}<extra></extra>",
        )
    )
    figure.add_traces([mark_trace(mark) for mark in (*marks, chosen)])
    figure.add_vline(x=chosen.x, line=THRESHOLD_LINE)
    figure.update_layout(
        **figure_layout(lang, height=360, legend={"orientation": "h", "y": -0.25}),
        margin={"l": 10, "r": 20, "t": 20, "b": 110},
        xaxis=_axis(text.x_axis, tickformat=".0%"),
        yaxis=_axis(text.y_axis, rangemode="tozero"),
    )
    return figure


def make_roc_figure(
    false_positive_rates: Sequence[float],
    true_positive_rates: Sequence[float],
    text: CurveText,
    *,
    lang: str,
    folds: Sequence[tuple[str, Sequence[float]]] = (),
    band: Band | None = None,
) -> go.Figure:
    """Draw the mean ROC curve against the chance diagonal (each fold's curve and a band too)."""
    figure = go.Figure(
        [
            go.Scatter(
                x=list(false_positive_rates),
                y=list(fold_rates),
                mode="lines",
                opacity=0.5,
                line={"color": SKY, "width": 1, "dash": "dot"},
                name=name,
            )
            for name, fold_rates in folds
        ]
    )
    if band:
        figure.add_traces(band_traces(false_positive_rates, band))
    figure.add_traces(
        [
            go.Scatter(
                x=list(false_positive_rates),
                y=list(true_positive_rates),
                mode="lines",
                name=text.curve,
                line=CURVE_LINE,
                hovertemplate="%{x:.0%} → %{y:.0%}<extra></extra>",
            ),
            _diagonal(text.reference),
        ]
    )
    figure.update_layout(
        **figure_layout(lang, height=340, legend=CURVE_LEGEND),
        margin={"l": 10, "r": 20, "t": 20, "b": 110},
        xaxis=_axis(text.x_axis, tickformat=".0%"),
        yaxis=_axis(text.y_axis, tickformat=".0%"),
    )
    return figure


def make_calibration_figure(
    predicted: Sequence[float],
    observed: Sequence[float],
    counts: Sequence[int | None],
    text: CurveText,
    *,
    lang: str,
) -> go.Figure:
    """Draw the observed default rate against the mean predicted probability, per bin."""
    top = max([*predicted, *observed, 0.05]) * 1.1
    figure = go.Figure(
        [
            go.Scatter(
                x=list(predicted),
                y=list(observed),
                mode="lines+markers",
                name=text.curve,
                line=CURVE_LINE,
                marker={"size": 8},
                customdata=list(counts),
                hovertemplate="%{x:.1%} → %{y:.1%} (n = %{customdata})<extra></extra>",
            ),
            _diagonal(text.reference),
        ]
    )
    figure.update_layout(
        **figure_layout(lang, height=340, legend=CURVE_LEGEND),
        margin={"l": 10, "r": 20, "t": 20, "b": 110},
        xaxis=_axis(text.x_axis, tickformat=".0%", range=[0, top]),
        yaxis=_axis(text.y_axis, tickformat=".0%", range=[0, top]),
    )
    return figure


def make_importance_figure(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    lang: str,
    name: str,
    value_texts: Sequence[str],
    customdata: Sequence[str],
    hovertemplate: str,
) -> go.Figure:
    """Draw inputs by mean |SHAP| as horizontal bars, the first (the weightiest) on top.

    ``labels`` are drawn as given: escape data with ``theme.plot_text`` before.
    """
    figure = go.Figure(
        go.Bar(
            x=list(values),
            y=list(labels),
            orientation="h",
            marker={"color": GRANTED},
            text=list(value_texts),
            textposition="outside",
            cliponaxis=False,
            customdata=list(customdata),
            hovertemplate=hovertemplate,
            name=name,
        )
    )
    figure.update_layout(
        **figure_layout(lang, height=90 + BAR_HEIGHT * len(labels), showlegend=False),
        margin={"l": 10, "r": 20, "t": 20, "b": 50},
        xaxis=_axis(name, rangemode="tozero"),
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure
