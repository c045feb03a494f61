"""Drift of a stream against its reference: none for the same population, bands for a shift."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model_training.evaluate.drift import numeric_bins, psi
from model_training.monitoring.binning import bin_array, bin_values
from model_training.monitoring.drift import variable_drift
from model_training.monitoring.reference import build_reference, numeric_variable


def incomes(n: int, seed: int) -> np.ndarray:
    """Return ``n`` incomes (log-normal, a median near 100,000)."""
    return np.random.default_rng(seed).lognormal(11.5, 0.5, n)


def test_a_stream_equal_to_the_reference_has_zero_psi() -> None:
    train = pd.DataFrame({"INCOME": incomes(5000, 0), "CODE": ["a", "b", None, "a"] * 1250})
    importance = pd.DataFrame({"feature": ["INCOME", "CODE"]})
    reference = build_reference(train, importance, ["CODE"], incomes(5000, 1), "test")
    for name in ("INCOME", "CODE"):
        bins = bin_values(reference, name, train[name].to_numpy())
        row = variable_drift(reference.variable(name), bins)
        assert row["psi"] == pytest.approx(0.0, abs=1e-12)
        assert row["reading"] == "stable"
        assert row["p_value"] > 0.99


@pytest.mark.parametrize(
    ("factor", "band"), [(1.0, "stable"), (0.9, "stable"), (0.8, "moderate"), (0.7, "significant")]
)
def test_incomes_down_give_the_right_band(factor: float, band: str) -> None:
    reference = numeric_variable("INCOME", incomes(50_000, 0))
    stream = incomes(20_000, 1) * factor  # another sample of the same population, shifted
    row = variable_drift(reference, np.asarray(bin_values_of(reference, stream)))
    assert row["reading"] == band


def bin_values_of(variable, values: np.ndarray) -> np.ndarray:
    """Return the bins of ``values`` in ``variable`` (the vectorised path)."""
    return bin_array(variable, values)


def test_the_psi_is_the_reports_psi_on_the_same_bins() -> None:
    train, test = incomes(2000, 0), incomes(1000, 1) * 0.85
    _, train_share, test_share = numeric_bins(train, test)
    reference = numeric_variable("INCOME", train)
    row = variable_drift(reference, bin_values_of(reference, test))
    assert row["psi"] == pytest.approx(psi(train_share, test_share))
