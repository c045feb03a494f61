"""The charts' look, read from the product's one theme (model_training.presentation.theme)."""

from __future__ import annotations

from model_training.presentation.theme import (
    CONNECTOR,
    FONT_SIZE,
    GRANTED,
    GRANTED_TINT,
    HIGHLIGHT,
    INK,
    LIGHT_TEMPLATE,
    NEUTRAL,
    PAPER,
    REFERENCE,
    REFERRED,
    REFUSED,
    REFUSED_TINT,
    TEXT_COLOUR,
    THRESHOLD_LINE,
    TOTAL,
    figure_layout,
    plot_text,
)

__all__ = [
    "CONNECTOR",
    "FONT_SIZE",
    "GRANTED",
    "GRANTED_TINT",
    "HIGHLIGHT",
    "INK",
    "LIGHT_TEMPLATE",
    "NEUTRAL",
    "PAPER",
    "REFERENCE",
    "REFERRED",
    "REFUSED",
    "REFUSED_TINT",
    "TEXT_COLOUR",
    "THRESHOLD_LINE",
    "TOTAL",
    "figure_layout",
    "plot_text",
]
