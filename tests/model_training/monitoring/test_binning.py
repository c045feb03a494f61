"""``bin_values``: one value or many, the same bins as the reference was counted with."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model_training.bundle.reference import SCORE
from model_training.monitoring.binning import bin_values
from model_training.monitoring.reference import build_reference


@pytest.fixture
def reference():
    """Return a reference over a numeric and a categorical feature and a score."""
    train = pd.DataFrame(
        {
            "INCOME": [10.0, 20.0, 30.0, 40.0, np.nan],
            "CODE": pd.Categorical(["M", "F", "M", None, "M"]),
        }
    )
    importance = pd.DataFrame({"feature": ["INCOME", "CODE"]})
    score = np.array([500.0, 550.0, 600.0, 650.0, 700.0])
    return build_reference(train, importance, ["CODE"], score, "test", n_features=2)


def test_values_fall_in_the_bins_the_reference_counted(reference) -> None:
    income = reference.variable("INCOME")
    # 4 known values, 10 quantile bins: edges at the deciles of 10..40, missing last.
    assert sum(income.counts) == 5
    assert income.counts[-1] == 1
    code = reference.variable("CODE")
    assert code.levels == ("M", "F")
    assert code.counts == (3, 1, 0, 1)


def test_one_value_and_many_give_the_same_bins(reference) -> None:
    values = [5.0, 10.0, 10.5, 25.0, 40.0, 99.0, None, float("nan")]
    many = bin_values(reference, "INCOME", values)
    assert many.tolist() == [bin_values(reference, "INCOME", v) for v in values]
    edges = reference.variable("INCOME").edges
    assert bin_values(reference, "INCOME", edges[0]) == 0  # an edge belongs to the bin below
    assert many[0] == 0
    assert many[5] == len(edges)
    assert many[6] == many[7] == len(edges) + 1


def test_an_unseen_level_is_other_and_none_is_missing(reference) -> None:
    assert bin_values(reference, "CODE", ["M", "F", "XNA", None]).tolist() == [0, 1, 2, 3]
    assert [bin_values(reference, "CODE", v) for v in ("M", "XNA", None)] == [0, 2, 3]


def test_the_score_is_binned_and_an_unmonitored_feature_named(reference) -> None:
    assert bin_values(reference, SCORE, 400.0) == 0
    assert bin_values(reference, SCORE, np.float64(400.0)) == 0
    assert bin_values(reference, SCORE, np.array(400.0)) == 0  # a 0-d array is one value
    assert bin_values(reference, SCORE, np.array([400.0, 800.0])).tolist()[1] > 0
    with pytest.raises(KeyError, match="'AGE' is not monitored"):
        bin_values(reference, "AGE", 1.0)
