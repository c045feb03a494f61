"""The probability of default on a gauge, with the decision threshold marked and labelled."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from dash_app.components.formatting import format_percent
from dash_app.components.theme import (
    FONT_SIZE,
    GRANTED,
    GRANTED_TINT,
    INK,
    PAPER,
    REFERENCE,
    REFUSED,
    REFUSED_TINT,
    figure_layout,
)

TEXT = {
    "legend": {
        "fr": "<b>Trait noir : seuil de {value}</b><br>en dessous : accordé  ·  au-delà : refusé",
        "en": "<b>Black line: threshold of {value}</b><br>below: granted  ·  beyond: refused",
    },
}


def gauge_range(threshold: float) -> float:
    """Return the gauge's upper end, the same for every client: three times the threshold.

    Rounded up to 5% steps, so the threshold mark stands at the same place on every file; a
    probability beyond the end fills the bar and is written out in full under it.
    """
    upper = max(3 * threshold, 0.05)
    return min(1.0, math.ceil(round(upper * 20, 9)) / 20)


def make_gauge_figure(
    probability: float, threshold: float, *, decision: str, lang: str
) -> go.Figure:
    """Draw the probability of default on a gauge; the threshold is a labelled black line.

    The colour of the bar follows the API's decision (a referral is not a refusal); the zones
    are labelled in words, so colour is not the only carrier.
    """
    upper = gauge_range(threshold)
    colour = REFUSED if decision == "refused" else GRANTED
    figure = go.Figure(
        go.Indicator(
            mode="gauge",  # the number is an annotation: "12,5 %" written the French way
            value=min(probability, upper),  # beyond the scale: a full bar, the number says more
            gauge={
                "shape": "angular",
                "axis": {
                    "range": [0, upper],
                    "tickvals": [0, threshold, upper],
                    "ticktext": [
                        format_percent(0, lang, 0),
                        format_percent(threshold, lang),
                        format_percent(upper, lang, 0),
                    ],
                    "tickfont": {"size": FONT_SIZE},
                },
                "bar": {"color": colour, "thickness": 0.35},
                "bgcolor": PAPER,
                "borderwidth": 1,
                "bordercolor": REFERENCE,
                "steps": [
                    {"range": [0, threshold], "color": GRANTED_TINT},
                    {"range": [threshold, upper], "color": REFUSED_TINT},
                ],
                "threshold": {
                    "line": {"color": INK, "width": 4},  # the threshold mark on a gauge
                    "thickness": 1.0,
                    "value": threshold,
                },
            },
            domain={"x": [0, 1], "y": [0.0, 1]},
        )
    )
    figure.add_annotation(
        text=TEXT["legend"][lang].format(value=format_percent(threshold, lang)),
        x=0.5,
        y=-0.06,
        xref="paper",
        yref="paper",
        yanchor="top",
        showarrow=False,
        font={"size": FONT_SIZE, "color": INK},
    )
    figure.add_annotation(
        text=f"<b>{format_percent(probability, lang)}</b>",
        x=0.5,
        y=0.02,
        xref="paper",
        yref="paper",
        yanchor="bottom",
        showarrow=False,
        font={"size": 36, "color": colour},
    )
    figure.update_layout(
        **figure_layout(lang),
        height=260,
        margin={"l": 40, "r": 40, "t": 30, "b": 60},
    )
    return figure
