"""A blank chart, shown while an error message says why there is none (pure)."""

from __future__ import annotations

import plotly.graph_objects as go

from dash_app.components.theme import LIGHT_TEMPLATE


def make_empty_figure() -> go.Figure:
    """Return a blank chart (shown while an error message explains why)."""
    figure = go.Figure()
    figure.update_layout(
        template=LIGHT_TEMPLATE,
        height=120,
        xaxis={"visible": False},
        yaxis={"visible": False},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
    )
    return figure
