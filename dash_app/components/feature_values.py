"""A model input's axis in the comparison charts: title with its unit, tick format (pure)."""

from __future__ import annotations

from typing import Any

from dash_app.components.theme import figure_layout
from dash_app.text import t
from model_training.presentation.feature_values import feature_unit


def axis_title(name: str, label: str, lang: str) -> str:
    """Return an axis title: the plain label and its unit (``Revenu mensuel (€)``)."""
    unit = feature_unit(name)
    if unit == "number":
        return label
    return f"{label} ({t(f'compare.unit.{unit}', lang)})"


def axis_format(name: str) -> dict[str, Any]:
    """Return the plotly axis settings a feature's unit needs (percent ticks)."""
    return {"tickformat": ".0%"} if feature_unit(name) == "percent" else {}


def plot_layout(lang: str) -> dict[str, Any]:
    """Return the layout every comparison chart shares (template, fonts, separators)."""
    return figure_layout(
        lang,
        margin={"l": 60, "r": 30, "t": 50, "b": 60},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.08, "x": 0},
    )
