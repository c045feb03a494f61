"""The builders the report and the dashboard share: curves, marks, bands and bars."""

from __future__ import annotations

import pytest

from model_training.presentation import figures
from model_training.presentation.theme import BAND, GRANTED, INK, REFERENCE, THRESHOLD_LINE

TEXT = figures.CurveText("model", "reference", "x axis", "y axis")


def test_the_cost_curve_draws_band_curve_marks_then_the_chosen_threshold() -> None:
    half = figures.Mark(0.5, 0.7, "half", "0.5", colour=REFERENCE, symbol="square")
    chosen = figures.Mark(0.2, 0.4, "chosen", "20%")
    band = figures.Band([0.8, 0.3, 0.6], [1.0, 0.5, 0.8], "spread")
    figure = figures.make_cost_curve_figure(
        [0.0, 0.2, 0.5], [0.9, 0.4, 0.7], chosen, TEXT, lang="en", marks=[half], band=band
    )
    upper, lower, curve, drawn_half, drawn_chosen = figure.data
    assert (list(upper.y), list(lower.y), lower.fillcolor) == (
        [1.0, 0.5, 0.8],
        [0.8, 0.3, 0.6],
        BAND,
    )
    assert (list(curve.y), curve.line.color, curve.name) == ([0.9, 0.4, 0.7], GRANTED, "model")
    assert (drawn_half.x, drawn_half.marker.symbol) == ((0.5,), "square")
    assert (drawn_chosen.x, drawn_chosen.y, drawn_chosen.text) == ((0.2,), (0.4,), ("20%",))
    assert drawn_chosen.marker.color == drawn_chosen.textfont.color == INK
    (line,) = figure.layout.shapes
    assert line.x0 == 0.2
    assert line.line.to_plotly_json() == THRESHOLD_LINE


def test_the_roc_figure_draws_folds_under_the_mean_and_the_chance_diagonal() -> None:
    figure = figures.make_roc_figure(
        [0.0, 0.5, 1.0], [0.0, 0.8, 1.0], TEXT, lang="fr", folds=[("fold 0", [0.0, 0.7, 1.0])]
    )
    fold, curve, chance = figure.data
    assert (fold.name, fold.line.dash) == ("fold 0", "dot")
    assert (list(curve.y), curve.name) == ([0.0, 0.8, 1.0], "model")
    assert (list(chance.x), list(chance.y), chance.name) == ([0, 1], [0, 1], "reference")
    assert figure.layout.separators == ",\u202f"
    assert figure.layout.xaxis.title.text == "x axis"


def test_the_calibration_figure_fits_both_axes_to_the_bins() -> None:
    figure = figures.make_calibration_figure([0.02, 0.3], [0.03, 0.38], [500, 500], TEXT, lang="en")
    curve, diagonal = figure.data
    assert (list(curve.x), list(curve.y), list(curve.customdata)) == (
        [0.02, 0.3],
        [0.03, 0.38],
        [500, 500],
    )
    assert diagonal.name == "reference"
    assert figure.layout.xaxis.range == figure.layout.yaxis.range == pytest.approx((0, 0.418))


def test_importance_bars_keep_the_given_order_the_first_on_top() -> None:
    figure = figures.make_importance_figure(
        ["Score", "Age"],
        [0.4, 0.1],
        lang="en",
        name="mean |SHAP|",
        value_texts=["0.400", "0.100"],
        customdata=["EXT_SOURCE_3", "AGE_YEARS"],
        hovertemplate="%{customdata}<extra></extra>",
    )
    (bars,) = figure.data
    assert (list(bars.y), list(bars.x), list(bars.text)) == (
        ["Score", "Age"],
        [0.4, 0.1],
        ["0.400", "0.100"],
    )
    assert (bars.marker.color, bars.orientation) == (GRANTED, "h")
    assert figure.layout.yaxis.autorange == "reversed"
    assert figure.layout.xaxis.title.text == "mean |SHAP|"
