"""The probability of default on a gauge, with the decision threshold marked and labelled."""

from __future__ import annotations

import math

import plotly.graph_objects as go

from dash_app.components.formatting import format_percent
from dash_app.components.theme import LIGHT_TEMPLATE

GRANTED_COLOUR = "#0072b2"
REFUSED_COLOUR = "#a64a00"
THRESHOLD_COLOUR = "#222222"
GRANTED_ZONE = "#d6eaf5"  # light tints of the two decision colours
REFUSED_ZONE = "#f6e0cf"
FONT_SIZE = 14
SEPARATORS = {"fr": ", ", "en": ".,"}  # plotly: decimal mark then thousands separator
TEXT = {
    "legend": {
        "fr": "<b>Trait noir : seuil de {value}</b><br>en dessous : accordé  ·  au-delà : refusé",
        "en": "<b>Black line: threshold of {value}</b><br>below: granted  ·  beyond: refused",
    },
}


def gauge_range(probability: float, threshold: float) -> float:
    """Return the gauge's upper end: room for the threshold and the client, by 5% steps."""
    upper = max(3 * threshold, 1.2 * probability, 0.05)
    return min(1.0, math.ceil(round(upper * 20, 9)) / 20)


def make_gauge_figure(
    probability: float, threshold: float, *, decision: str, lang: str
) -> go.Figure:
    """Draw the probability of default on a gauge; the threshold is a labelled black line.

    The colour of the bar follows the API's decision (a referral is not a refusal); the zones
    are labelled in words, so colour is not the only carrier.
    """
    upper = gauge_range(probability, threshold)
    colour = REFUSED_COLOUR if decision == "refused" else GRANTED_COLOUR
    figure = go.Figure(
        go.Indicator(
            mode="gauge",  # the number is an annotation: "12,5 %" written the French way
            value=probability,
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
                "bgcolor": "white",
                "borderwidth": 1,
                "bordercolor": "#6c757d",
                "steps": [
                    {"range": [0, threshold], "color": GRANTED_ZONE},
                    {"range": [threshold, upper], "color": REFUSED_ZONE},
                ],
                "threshold": {
                    "line": {"color": THRESHOLD_COLOUR, "width": 4},
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
        font={"size": FONT_SIZE, "color": THRESHOLD_COLOUR},
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
        template=LIGHT_TEMPLATE,
        separators=SEPARATORS.get(lang, SEPARATORS["en"]),
        font={"size": FONT_SIZE},
        height=260,
        margin={"l": 40, "r": 40, "t": 30, "b": 60},
    )
    return figure
