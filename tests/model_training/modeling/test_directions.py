"""The direction view's data: top numeric inputs, one sample of clients, quantiles and points."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model_training.modeling import directions
from model_training.modeling.points import PointsScale


def test_the_sample_keeps_the_top_numeric_inputs_with_quantiles_and_points() -> None:
    n = 500
    rng = np.random.default_rng(0)
    values = pd.DataFrame(
        {
            "AMT": rng.normal(size=n),
            "KIND": pd.Categorical(rng.choice(["a", "b"], size=n)),
            "AGE": np.where(np.arange(n) % 10 == 0, np.nan, rng.uniform(20, 60, size=n)),
        }
    )
    contributions = np.column_stack([values["AMT"] * 0.1, np.zeros(n), np.full(n, -0.05)])
    importance = pd.DataFrame({"feature": ["KIND", "AMT", "AGE"]})
    scale = PointsScale()
    found = directions.direction_sample(
        values, contributions, importance, scale, categorical=["KIND"], seed=1
    )
    assert list(found.columns) == list(directions.DIRECTION_COLUMNS)
    assert list(dict.fromkeys(found["feature"])) == ["AMT", "AGE"]  # importance order
    per_feature = found.groupby("feature", sort=False).size()
    assert per_feature.tolist() == [directions.DIRECTION_SAMPLE] * 2
    amt = found[found["feature"] == "AMT"]
    assert amt["quantile"].between(0, 1).all()
    # Higher AMT raises the log-odds of default: fewer points, in step with its quantile.
    assert np.corrcoef(amt["quantile"], amt["points"])[0, 1] < -0.9
    age = found[found["feature"] == "AGE"]
    assert age["quantile"].isna().any()  # a missing value has no quantile
    assert age["points"].to_numpy() == pytest.approx(-scale.factor * -0.05, abs=0.01)


def test_a_model_without_numeric_inputs_gives_an_empty_table() -> None:
    values = pd.DataFrame({"KIND": pd.Categorical(["a", "b"])})
    found = directions.direction_sample(
        values,
        np.zeros((2, 1)),
        pd.DataFrame({"feature": ["KIND"]}),
        PointsScale(),
        categorical=["KIND"],
        seed=1,
    )
    assert found.empty
    assert list(found.columns) == list(directions.DIRECTION_COLUMNS)
