"""The current file's and the simulation's probability of default side by side (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import plotly.graph_objects as go

from dash_app.components.formatting import format_percent
from dash_app.components.theme import (
    FONT_SIZE,
    GRANTED,
    INK,
    PAPER,
    REFERRED,
    REFUSED,
    TEXT_COLOUR,
    THRESHOLD_LINE,
    figure_layout,
)
from dash_app.text import t

DECISION_LOOK = {  # colour + pattern: the decision is never carried by colour alone
    "granted": (GRANTED, ""),
    "refused": (REFUSED, "/"),
    "referred": (REFERRED, "."),  # a person decides (the badge's violet)
}


def comparison_range(probabilities: list[float], threshold: float) -> float:
    """Return the axis's upper end: room for both bars, their labels and the threshold."""
    return min(1.0, max([*probabilities, threshold]) * 1.45 + 0.01)


def make_comparison_figure(
    original: Mapping[str, Any], simulated: Mapping[str, Any], threshold: float, *, lang: str
) -> go.Figure:
    """Draw two horizontal bars (current file, simulation) and the threshold as a line.

    ``original`` and ``simulated`` are score results (``probability``, ``decision``); each bar
    is coloured and patterned by its decision and labelled with its value and decision.
    """
    rows = [("whatif.chart.current", original), ("whatif.chart.simulated", simulated)]
    names = [t(key, lang) for key, _ in rows]
    probabilities = [float(result["probability"]) for _, result in rows]
    decisions = [str(result["decision"]) for _, result in rows]
    looks = [DECISION_LOOK[decision] for decision in decisions]
    labels = [
        f"{format_percent(p, lang)} · {t('decision.' + decision, lang)}"
        for p, decision in zip(probabilities, decisions, strict=True)
    ]
    figure = go.Figure(
        go.Bar(
            x=probabilities,
            y=names,
            orientation="h",
            marker={
                "color": [colour for colour, _ in looks],
                "pattern": {"shape": [shape for _, shape in looks], "fgcolor": PAPER},
                "line": {"color": INK, "width": 1},
            },
            text=labels,
            textposition="outside",
            textfont={"size": FONT_SIZE, "color": TEXT_COLOUR},
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.1%}<extra></extra>",
            name=t("appform.result.probability", lang),
        )
    )
    figure.add_shape(
        type="line",
        x0=threshold,
        x1=threshold,
        y0=0,
        y1=1,
        yref="paper",
        line=THRESHOLD_LINE,
    )
    figure.add_annotation(
        x=threshold,
        y=1,
        yref="paper",
        yanchor="bottom",
        text=t("whatif.chart.threshold", lang, value=format_percent(threshold, lang)),
        showarrow=False,
        font={"size": FONT_SIZE, "color": INK},
    )
    figure.update_layout(
        **figure_layout(lang),
        height=200,
        margin={"l": 10, "r": 20, "t": 40, "b": 40},
        showlegend=False,
        bargap=0.45,
        xaxis={
            "range": [0, comparison_range(probabilities, threshold)],
            "tickformat": ".0%",
            "title": {"text": t("appform.result.probability", lang)},
        },
        yaxis={"autorange": "reversed", "automargin": True},
    )
    return figure
