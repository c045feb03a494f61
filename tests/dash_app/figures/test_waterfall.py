"""The points waterfall: base + contributions = score, "other features" last, labels shown."""

from __future__ import annotations

import math

import pytest

from dash_app.figures.waterfall import make_waterfall_figure

FACTOR = 20 / math.log(2)
BASE_POINTS = 599.4  # the API's explanation gives the average client's score in points
THRESHOLD_POINTS = 550.2
CONTRIBUTIONS = [  # the API's rows: "other features" not last on purpose
    {"feature": "other_features", "label": "Other features", "contribution": -0.1},
    {"feature": "EXT_SOURCE_MIN", "label": "Lowest external score", "contribution": -0.3},
    {"feature": "AMT_INCOME_TOTAL", "label": "Monthly income", "contribution": 0.2},
    {"feature": "AGE_YEARS", "label": "Age", "contribution": -0.05},
]
for row in CONTRIBUTIONS:
    row["points"] = -FACTOR * row["contribution"]
SCORE = BASE_POINTS + sum(row["points"] for row in CONTRIBUTIONS)


def test_the_bars_sum_from_the_base_to_the_clients_score() -> None:
    bars = make_waterfall_figure(CONTRIBUTIONS, BASE_POINTS, lang="en").data[0]
    assert list(bars.measure) == [
        "absolute",
        "relative",
        "relative",
        "relative",
        "relative",
        "total",
    ]
    assert bars.x[0] == BASE_POINTS
    assert bars.x[0] + sum(bars.x[1:-1]) == pytest.approx(SCORE, abs=1e-9)
    assert bars.text[-1] == f"{SCORE:.0f}\u00a0pts"


def test_other_features_come_last_just_before_the_total() -> None:
    bars = make_waterfall_figure(CONTRIBUTIONS, BASE_POINTS, lang="en").data[0]
    assert list(bars.y) == [
        "Starting point (average<br>client)",  # long labels wrap (narrow screens)
        "Lowest external score",
        "Monthly income",
        "Age",
        "Other features",
        "Client's score",
    ]


def test_bars_carry_signed_points_and_labels_not_codes() -> None:
    bars = make_waterfall_figure(CONTRIBUTIONS, BASE_POINTS, lang="fr").data[0]
    assert list(bars.text[1:-1]) == ["+9\u00a0pts", "−6\u00a0pts", "+1\u00a0pt", "+3\u00a0pts"]
    assert not {"EXT_SOURCE_MIN", "AMT_INCOME_TOTAL", "AGE_YEARS"} & set(bars.y)
    assert bars.y[0] == "Point de départ (client<br>moyen)"


def test_the_threshold_is_a_labelled_line_at_its_points() -> None:
    figure = make_waterfall_figure(
        CONTRIBUTIONS, BASE_POINTS, lang="en", threshold_points=THRESHOLD_POINTS
    )
    assert figure.layout.shapes[0].x0 == THRESHOLD_POINTS
    assert figure.layout.annotations[0].text == "Threshold: 550\u00a0pts"


def test_equal_labels_stay_separate_bars() -> None:
    rows = [dict(CONTRIBUTIONS[1]), {**CONTRIBUTIONS[2], "label": "Lowest external score"}]
    bars = make_waterfall_figure(rows, BASE_POINTS, lang="en").data[0]
    assert list(bars.y[1:3]) == ["Lowest external score", "Lowest external score (2)"]


def test_a_label_holding_markup_is_drawn_as_text() -> None:
    rows = [{**CONTRIBUTIONS[1], "label": '<a href="https://evil.example">Score</a>'}]
    bars = make_waterfall_figure(rows, BASE_POINTS, lang="en").data[0]
    assert bars.y[1].replace("<br>", " ") == '&lt;a href="https://evil.example"&gt;Score&lt;/a&gt;'
