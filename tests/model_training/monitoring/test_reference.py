"""``build_reference``: the top features by importance, bins and counts fixed at training."""

from __future__ import annotations

import numpy as np
import pandas as pd

from model_training.monitoring import reference as module
from model_training.monitoring.reference import build_reference


def test_only_the_most_important_features_are_kept_in_importance_order() -> None:
    train = pd.DataFrame({name: np.arange(50.0) for name in ("A", "B", "C")})
    importance = pd.DataFrame({"feature": ["C", "A", "B"]})
    reference = build_reference(train, importance, (), np.arange(50.0), "test", n_features=2)
    assert reference.feature_names == ("C", "A")
    assert reference.n_clients == 50
    assert len(reference.score.edges) == 9  # 10 decile bins
    assert reference.score.counts == (5,) * 10 + (0,)  # and an empty missing bin


def test_rare_levels_count_as_other(monkeypatch) -> None:
    monkeypatch.setattr(module, "MAX_LEVELS", 2)
    train = pd.DataFrame({"CODE": ["a"] * 5 + ["b"] * 3 + ["c", None]})
    importance = pd.DataFrame({"feature": ["CODE"]})
    reference = build_reference(train, importance, ["CODE"], np.zeros(10), "test")
    code = reference.variable("CODE")
    assert code.levels == ("a", "b")
    assert code.counts == (5, 3, 1, 1)  # a, b, other (c), missing
