"""The report's layout: its language and one title, size and legend for every figure.

Colours, font and number formats come from the product's one theme
(model_training.presentation.theme), as on the dashboard.
"""

from __future__ import annotations

import plotly.graph_objects as go

from model_training.presentation.formats import format_number, format_percent
from model_training.presentation.theme import figure_layout

REPORT_LANG = "en"  # the model report is written in English
MISSING_TEXT = "n/a"  # what a missing number reads as in the report
HEIGHT = 420


def report_number(value: float | None, decimals: int = 0) -> str:
    """Return a number written the report's way (``12,345``; ``n/a`` when missing)."""
    return format_number(value, REPORT_LANG, decimals, missing=MISSING_TEXT)


def report_percent(share: float | None, decimals: int = 1) -> str:
    """Return a share written as the report's percentage (``12.5%``; ``n/a`` when missing)."""
    return format_percent(share, REPORT_LANG, decimals, missing=MISSING_TEXT)


def apply_layout(figure: go.Figure, title: str, x_title: str, y_title: str) -> go.Figure:
    """Apply the report's title, axes, theme and legend placement to ``figure``."""
    figure.update_layout(
        **figure_layout(REPORT_LANG),
        title=title,
        height=HEIGHT,
        xaxis_title=x_title,
        yaxis_title=y_title,
        legend={"orientation": "h", "y": -0.2},
        margin={"l": 60, "r": 20, "t": 60, "b": 80},
    )
    return figure
