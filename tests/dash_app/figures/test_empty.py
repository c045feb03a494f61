"""The blank chart shown beside an error message."""

from __future__ import annotations

from dash_app.components.theme import LIGHT_TEMPLATE
from dash_app.figures.empty import make_empty_figure


def test_the_blank_chart_has_no_trace_and_no_axis() -> None:
    figure = make_empty_figure()
    assert figure.data == ()
    assert (figure.layout.xaxis.visible, figure.layout.yaxis.visible) == (False, False)
    assert figure.layout.height == 120
    assert figure.layout.template == LIGHT_TEMPLATE
