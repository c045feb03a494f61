"""Cross-validation: the model's stratified folds, or folds given by another run."""

from __future__ import annotations

import numpy as np
import pandas as pd

from model_training.modeling.cv import cross_validate, stratified_folds
from model_training.modeling.params import TrainingSettings

TINY = TrainingSettings(n_folds=3, iterations=5, depth=2, seed=3)


def _data() -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(0)
    x = pd.DataFrame({"a": rng.normal(size=120), "b": rng.normal(size=120)})
    return x, (x["a"] + rng.normal(size=120) > 0.8).to_numpy(dtype=np.int64)


def test_stratified_folds_keep_the_default_rate_in_every_fold() -> None:
    _, y = _data()
    folds = stratified_folds(y, TINY)
    assert sorted(np.unique(folds).tolist()) == [0, 1, 2]
    counts = [int(y[folds == k].sum()) for k in range(3)]
    assert max(counts) - min(counts) <= 1


def test_given_folds_are_the_ones_used() -> None:
    x, y = _data()
    folds = np.arange(len(y)) % 3
    assert cross_validate(x, y, [], TINY, folds=folds).fold_of_row.tolist() == folds.tolist()


def test_default_folds_are_stratified_folds() -> None:
    x, y = _data()
    default = cross_validate(x, y, [], TINY)
    given = cross_validate(x, y, [], TINY, folds=stratified_folds(y, TINY))
    assert default.fold_of_row.tolist() == stratified_folds(y, TINY).tolist()
    assert np.array_equal(default.oof_probability, given.oof_probability)
