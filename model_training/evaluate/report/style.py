"""The report's shared look: colour-blind-safe colours and one layout for every figure."""

from __future__ import annotations

import plotly.graph_objects as go

# Okabe-Ito colours: distinguishable with colour-vision deficiencies
BLUE = "#0072B2"
ORANGE = "#D55E00"
GREEN = "#009E73"
GREY = "#595959"
PURPLE = "#CC79A7"
SKY = "#56B4E9"
BAND = "rgba(0, 114, 178, 0.18)"
TEMPLATE = "plotly_white"
HEIGHT = 420


def apply_layout(figure: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
    """Apply the report's title, axes, template and legend placement to ``figure``."""
    figure.update_layout(
        title=title,
        template=TEMPLATE,
        height=HEIGHT,
        xaxis_title=x_title,
        yaxis_title=y_title,
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 60, "r": 20, "t": 60, "b": 80},
    )
    return figure
