"""The drift bands: each includes its lower edge, and a PSI reads as it is shown (3 decimals)."""

from __future__ import annotations

import pytest

from model_training.evaluate import drift
from model_training.presentation.drift_bands import MODERATE, SIGNIFICANT, reading


@pytest.mark.parametrize(
    ("value", "expected"),
    [(0.0, "stable"), (0.0994, "stable"), (0.0999, "moderate"), (0.1, "moderate"),
     (0.2494, "moderate"), (0.2496, "significant"), (0.25, "significant"), (3.0, "significant")],
)  # fmt: skip
def test_reading_follows_the_bands_of_the_value_shown(value: float, expected: str) -> None:
    """0.0999 is shown 0.100: it reads moderate, as the legend says of 0.100."""
    assert reading(value) == expected


def test_the_edges_are_the_usual_ones_and_each_band_includes_its_lower_edge() -> None:
    assert (MODERATE, SIGNIFICANT) == (0.1, 0.25)
    assert reading(MODERATE) == "moderate"
    assert reading(SIGNIFICANT) == "significant"


def test_reading_uses_the_edges_it_is_given() -> None:
    assert reading(0.2, moderate=0.2, significant=0.3) == "moderate"
    assert reading(0.3, moderate=0.2, significant=0.3) == "significant"
    assert reading(0.19, moderate=0.2, significant=0.3) == "stable"


def test_the_evaluation_stores_the_same_edges_and_readings() -> None:
    import pandas as pd  # noqa: PLC0415

    frame = pd.DataFrame(
        {"x": [1.0, 2.0] * 50 + [2.0] * 100, "is_test": [False] * 100 + [True] * 100}
    )
    table = drift.drift_table(frame, ["x"], [])
    assert table["thresholds"] == {"moderate": MODERATE, "significant": SIGNIFICANT}
    row = table["rows"][0]
    assert row["reading"] == reading(row["psi"])
