"""The charts' light template: plotly_white's look without its unused parts."""

from __future__ import annotations

import json

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dash_app.components.theme import KEPT_LAYOUT, LIGHT_TEMPLATE, plot_text
from dash_app.figures.gauge import make_gauge_figure


@pytest.mark.parametrize("key", KEPT_LAYOUT)
def test_kept_layout_values_are_plotly_whites(key: str) -> None:
    white = pio.templates["plotly_white"].layout.to_plotly_json()
    assert LIGHT_TEMPLATE.layout.to_plotly_json()[key] == white[key]


def test_bar_defaults_are_plotly_whites() -> None:
    white = pio.templates["plotly_white"].data.bar[0].to_plotly_json()
    assert LIGHT_TEMPLATE.data.bar[0].to_plotly_json() == white


def test_unused_parts_are_left_out() -> None:
    layout = LIGHT_TEMPLATE.layout.to_plotly_json()
    assert not {"polar", "ternary", "scene", "geo", "colorscale"} & set(layout)
    assert LIGHT_TEMPLATE.data.scatter3d == ()


def test_a_figure_carries_a_small_template() -> None:
    figure = make_gauge_figure(0.2, 0.1, decision="refused", lang="fr")
    template = json.dumps(figure.to_plotly_json()["layout"]["template"])
    full = json.dumps(
        go.Figure(layout={"template": "plotly_white"}).layout.template.to_plotly_json()
    )
    assert len(template) < len(full) / 3


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
    assert plot_text(text) == expected
