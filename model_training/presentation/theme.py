"""The product's look, one owner for the model report and the dashboard: colours, font, layout.

Colours are Okabe-Ito's colour-blind-safe set; the decision colours and every colour used for
text are darkened to at least 4.5:1 on white (WCAG 2.1 AA, 1.4.3). The green, purple and sky
series colours reach only 2.3-3.4:1, so they fill bars and draw lines, never text. Figures import
these names: no colour literal is written in a figure module.

The light template keeps the parts of Plotly's "plotly_white" these 2-D charts use: a figure given
``template="plotly_white"`` copies and validates Plotly's whole template (polar, ternary, 3-D,
geo and every trace type), about 45 ms a figure on the server and 7 KB more JSON for the browser.
"""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from model_training.presentation.formats import number_separators

# the decisions (granted: lower risk, points gained; refused: higher risk, points lost)
GRANTED = "#0072b2"  # blue, 5.2:1 on white
REFUSED = "#a64a00"  # dark vermillion, 5.8:1
REFERRED = "#5b4a86"  # muted violet, neither side (a person decides), 7.6:1
DECISION_COLOURS = {"granted": GRANTED, "refused": REFUSED, "referred": REFERRED}
GRANTED_TINT = "#d6eaf5"  # light tints of the two decision colours (zones behind a gauge)
REFUSED_TINT = "#f6e0cf"
# ink and greys
INK = "#222222"  # the threshold, outlines and labels drawn on a chart, 15.9:1
TEXT_COLOUR = "#212529"  # body text (Bootstrap's), 15.4:1
NEUTRAL = "#5a6470"  # groups and series that are not a decision: slate grey, 6.0:1
TOTAL = "#495057"  # a total bar, a secondary line of text, 8.2:1
REFERENCE = "#6c757d"  # reference lines (chance, perfect calibration) and borders, 4.7:1
CONNECTOR = "#adb5bd"  # thin connectors and table rules (graphics only)
HEADER_FILL = "#eef2f7"  # a table header's background
PAPER = "#ffffff"
HIGHLIGHT = "#ffbf47"  # this client's marker, as the keyboard focus ring (never text)
# further series (graphics only: below 4.5:1 on white)
GREEN = "#009e73"
PURPLE = "#cc79a7"
SKY = "#56b4e9"
SERIES = (GRANTED, REFUSED, GREEN, PURPLE, SKY, NEUTRAL)  # default order of unnamed series
TEXT_COLOURS = (GRANTED, REFUSED, REFERRED, INK, TEXT_COLOUR, NEUTRAL, TOTAL, REFERENCE)

THRESHOLD_LINE = {"color": INK, "width": 2, "dash": "dash"}  # the decision threshold, everywhere
FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
FONT_SIZE = 14
FONT = {"family": FONT_FAMILY, "size": FONT_SIZE, "color": TEXT_COLOUR}

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
        layout={**{key: layout[key] for key in KEPT_LAYOUT if key in layout}, "colorway": SERIES},
        data={kind: data[kind] for kind in KEPT_TRACES if kind in data},
    )


LIGHT_TEMPLATE = make_light_template()


def see_through(colour: str, opacity: float) -> str:
    """Return a ``#rrggbb`` colour as Plotly's ``rgba(...)`` with an opacity."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {opacity:g})"


BAND = see_through(GRANTED, 0.18)  # the spread around a curve (over cross-validation folds)


def figure_layout(lang: str, **extra: Any) -> dict[str, Any]:
    """Return the layout every figure starts from: template, font, the language's numbers."""
    return {
        "template": LIGHT_TEMPLATE,
        "font": FONT,
        "separators": number_separators(lang),
        "hoverlabel": {"font": {"family": FONT_FAMILY, "size": FONT_SIZE}},
        **extra,
    }


def plot_text(text: object) -> str:
    """Return a text from data as Plotly draws it, as written: ``<``, ``>`` and ``&`` escaped.

    Plotly reads a subset of HTML in tick labels, legends, hover texts and annotations (an
    ``<a href>`` becomes a live link); it shows the entities as the characters they stand for.
    """
    return html.escape(str(text), quote=False)
