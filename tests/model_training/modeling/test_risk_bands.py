"""Tests of the risk bands: edges in points, agreement with the decision rule, labels."""

from __future__ import annotations

import numpy as np
import pytest

from model_training.modeling.decision import is_refused
from model_training.modeling.points import PointsScale
from model_training.modeling.risk_bands import (
    BAND_BY_CODE,
    BAND_CODES,
    band_edges,
    risk_band_index,
    risk_bands,
)

SCALE = PointsScale()
PDO = SCALE.points_to_double_odds


def test_edges_are_one_doubling_of_odds_apart() -> None:
    np.testing.assert_allclose(band_edges(500.0, PDO), [480.0, 500.0, 520.0, 540.0])


@pytest.mark.parametrize(
    ("points", "band"),
    [
        (541.0, "A"),
        (540.0, "B"),
        (520.5, "B"),
        (520.0, "C"),
        (500.01, "C"),
        (500.0, "D"),
        (480.01, "D"),
        (480.0, "E"),
        (100.0, "E"),
    ],
)
def test_an_edge_belongs_to_the_band_below(points: float, band: str) -> None:
    assert BAND_CODES[int(risk_band_index(points, 500.0, PDO))] == band


def test_refused_clients_are_exactly_d_and_e() -> None:
    threshold = 0.12
    probability = np.concatenate([np.linspace(0.001, 0.999, 2001), [threshold]])
    bands = risk_bands(probability, threshold, SCALE)
    refused = is_refused(probability, threshold)
    assert set(bands[refused]) <= {"D", "E"}
    assert set(bands[~refused]) <= {"A", "B", "C"}
    assert bands[-1] == "D"  # at the threshold: refused, the riskier side of the edge


def test_bands_follow_the_odds() -> None:
    threshold = 0.2
    points = SCALE.score(threshold) + PDO * np.array([2.5, 1.5, 0.5, -0.5, -1.5])
    probability = 1.0 / (1.0 + np.exp((points - SCALE.offset) / SCALE.factor))
    assert list(risk_bands(probability, threshold, SCALE)) == list("ABCDE")


def test_every_band_has_a_label_in_both_languages() -> None:
    assert BAND_BY_CODE["A"].label("en") == "very low risk"
    assert BAND_BY_CODE["E"].label("fr") == "risque très élevé"
    assert all(band.label("fr") and band.label("en") for band in BAND_BY_CODE.values())
