"""PSI: zero for identical distributions, hand-computed for a known shift, worst first."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from model_training.evaluate import drift
from model_training.evaluate.report.text import describe_drift


def test_psi_of_identical_distributions_is_zero() -> None:
    shares = np.array([0.2, 0.3, 0.5])
    assert drift.psi(shares, shares) == 0.0


def test_psi_of_a_known_shift_matches_the_hand_computation() -> None:
    expected = (0.6 - 0.5) * math.log(0.6 / 0.5) + (0.4 - 0.5) * math.log(0.4 / 0.5)
    assert drift.psi(np.array([0.5, 0.5]), np.array([0.6, 0.4])) == pytest.approx(expected)
    assert expected == pytest.approx(0.0405465, abs=1e-7)


def test_psi_floors_an_empty_bin_instead_of_dividing_by_zero() -> None:
    found = drift.psi(np.array([1.0, 0.0]), np.array([0.5, 0.5]))
    floor = drift.SHARE_FLOOR
    expected = (0.5 - 1.0) * math.log(0.5 / 1.0) + (0.5 - floor) * math.log(0.5 / floor)
    assert found == pytest.approx(expected)


def test_numeric_bins_use_train_quantiles_and_a_missing_bin() -> None:
    train = np.array([1.0, 2.0, 3.0, 4.0, np.nan])
    test = np.array([1.0, 1.0, 4.0, np.nan])
    labels, train_share, test_share = drift.numeric_bins(train, test, n_bins=2)
    assert labels == ["<= 2.5", "> 2.5", "missing"]
    assert train_share.tolist() == [0.4, 0.4, 0.2]
    assert test_share.tolist() == [0.5, 0.25, 0.25]


def test_categorical_bins_align_levels_and_put_missing_last() -> None:
    train = pd.Series(["a", "a", "b", None], dtype="str")
    test = pd.Series(["b", "c", None, None], dtype="str")
    labels, train_share, test_share = drift.categorical_bins(train, test)
    assert labels == ["a", "b", "c", "missing"]
    assert train_share.tolist() == [0.5, 0.25, 0.0, 0.25]
    assert test_share.tolist() == [0.0, 0.25, 0.25, 0.5]


def test_drift_table_lists_the_most_shifted_feature_first() -> None:
    rng = np.random.default_rng(0)
    n = 2000
    is_test = np.arange(n) >= n // 2
    frame = pd.DataFrame(
        {
            "is_test": is_test,
            "STABLE": rng.normal(size=n),
            "SHIFTED": rng.normal(size=n) + np.where(is_test, 1.0, 0.0),
            # train: half x, half y; test: 70 % x, 30 % y (PSI about 0.169, moderate)
            "LEVEL": np.where(
                is_test, np.where(np.arange(n) % 10 < 7, "x", "y"), ["x", "y"] * (n // 2)
            ),
        }
    )
    found = drift.drift_table(frame, ["STABLE", "SHIFTED", "LEVEL"], ["LEVEL"], n_detailed=2)
    assert [r["feature"] for r in found["rows"]] == ["SHIFTED", "LEVEL", "STABLE"]
    assert found["rows"][-1]["reading"] == "stable"
    assert found["rows"][0]["reading"] == "significant"
    assert found["rows"][1]["psi"] == pytest.approx(0.2 * math.log(1.4) - 0.2 * math.log(0.6))
    assert list(found["bins"]) == ["SHIFTED", "LEVEL"]
    assert (found["n_train"], found["n_test"]) == (1000, 1000)


def test_without_test_clients_no_feature_is_compared_and_the_report_says_so() -> None:
    frame = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "is_test": [False] * 4})
    table = drift.drift_table(frame, ["x"], [])
    assert (table["rows"], table["n_train"], table["n_test"]) == ([], 4, 0)
    assert describe_drift(table) == (
        "No test clients (the data has no application_test): drift between train and test "
        "clients is not measured."
    )
