"""The charts' look: the parts of Plotly's "plotly_white" template these 2-D charts use (pure).

A figure given ``template="plotly_white"`` copies and validates Plotly's whole template (polar,
ternary, 3-D, geo and every trace type): about 45 ms a figure on the server and 7 KB more JSON
for the browser to send and apply. This template keeps only the cartesian layout and the bar
and histogram defaults, with plotly_white's values, and is built once.
"""

from __future__ import annotations

import html

import plotly.graph_objects as go
import plotly.io as pio

KEPT_LAYOUT = (
    "autotypenumbers",
    "font",
    "hovermode",
    "hoverlabel",
    "paper_bgcolor",
    "plot_bgcolor",
    "xaxis",
    "yaxis",
    "shapedefaults",
    "annotationdefaults",
    "title",
)
KEPT_TRACES = ("bar", "histogram")


def make_light_template() -> go.layout.Template:
    """Return plotly_white cut down to the cartesian layout and the bar/histogram defaults."""
    white = pio.templates["plotly_white"]
    layout = white.layout.to_plotly_json()
    data = white.data.to_plotly_json()
    return go.layout.Template(
        layout={key: layout[key] for key in KEPT_LAYOUT if key in layout},
        data={kind: data[kind] for kind in KEPT_TRACES if kind in data},
    )


LIGHT_TEMPLATE = make_light_template()


def plot_text(text: object) -> str:
    """Return a text from data as Plotly draws it, as written: ``<``, ``>`` and ``&`` escaped.

    Plotly reads a subset of HTML in tick labels, legends, hover texts and annotations (an
    ``<a href>`` becomes a live link); it shows the entities as the characters they stand for.
    """
    return html.escape(str(text), quote=False)
