"""The product's one theme: AA contrast for text, plotly_white's look without its unused parts."""

from __future__ import annotations

import re
from pathlib import Path

import plotly.io as pio
import pytest

from model_training.presentation import theme

ASSETS_CSS = Path(__file__).parents[3] / "assets" / "style.css"


def relative_luminance(colour: str) -> float:
    """Return WCAG 2.1's relative luminance of a ``#rrggbb`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """Return WCAG 2.1's contrast ratio of two colours."""
    high, low = sorted((relative_luminance(foreground), relative_luminance(background)))[::-1]
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("colour", theme.TEXT_COLOURS)
def test_every_colour_used_for_text_reaches_aa_contrast_on_white(colour: str) -> None:
    assert contrast(colour, theme.PAPER) >= 4.5


@pytest.mark.parametrize("decision", ["granted", "refused", "referred"])
def test_decision_colours_are_text_colours(decision: str) -> None:
    assert theme.DECISION_COLOURS[decision] in theme.TEXT_COLOURS


def test_the_table_header_keeps_aa_contrast_for_its_text() -> None:
    assert contrast(theme.TEXT_COLOUR, theme.HEADER_FILL) >= 4.5


def test_the_band_is_the_granted_colour_see_through() -> None:
    assert theme.BAND == "rgba(0, 114, 178, 0.18)"
    assert theme.see_through(theme.GRANTED, 0.18) == theme.BAND


def test_the_stylesheet_uses_the_themes_decision_colours() -> None:
    """CSS cannot import Python: its custom properties must say what the theme says."""
    css = ASSETS_CSS.read_text(encoding="utf-8")
    declared = dict(re.findall(r"--pad-([a-z]+):\s*(#[0-9a-f]{6})", css))
    assert declared == {
        "granted": theme.GRANTED,
        "refused": theme.REFUSED,
        "referred": theme.REFERRED,
        "threshold": theme.INK,
        "focus": theme.HIGHLIGHT,
    }


@pytest.mark.parametrize(("lang", "separators"), [("fr", ",\u202f"), ("en", ".,")])
def test_figure_layout_writes_numbers_the_languages_way(lang: str, separators: str) -> None:
    layout = theme.figure_layout(lang, height=200)
    assert layout["separators"] == separators
    assert layout["template"] is theme.LIGHT_TEMPLATE
    assert layout["font"] == theme.FONT
    assert layout["height"] == 200


@pytest.mark.parametrize("key", theme.KEPT_LAYOUT)
def test_kept_layout_values_are_plotly_whites(key: str) -> None:
    white = pio.templates["plotly_white"].layout.to_plotly_json()
    assert theme.LIGHT_TEMPLATE.layout.to_plotly_json()[key] == white[key]


def test_unnamed_series_take_the_themes_colours_in_order() -> None:
    assert theme.LIGHT_TEMPLATE.layout.colorway == theme.SERIES


def test_bar_defaults_are_plotly_whites() -> None:
    white = pio.templates["plotly_white"].data.bar[0].to_plotly_json()
    assert theme.LIGHT_TEMPLATE.data.bar[0].to_plotly_json() == white


def test_unused_parts_are_left_out() -> None:
    layout = theme.LIGHT_TEMPLATE.layout.to_plotly_json()
    assert not {"polar", "ternary", "scene", "geo", "colorscale"} & set(layout)
    assert theme.LIGHT_TEMPLATE.data.scatter3d == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '<a href="https://x.example">Laborers</a>',
            '&lt;a href="https://x.example"&gt;Laborers&lt;/a&gt;',
        ),
        ("Sales & <b>staff</b>", "Sales &amp; &lt;b&gt;staff&lt;/b&gt;"),
        ("&lt;", "&amp;lt;"),  # an entity in the data is shown as typed, not decoded
        ("Laborers", "Laborers"),
        (3, "3"),
    ],
)
def test_plot_text_escapes_the_markup_plotly_would_read(text: object, expected: str) -> None:
    assert theme.plot_text(text) == expected
