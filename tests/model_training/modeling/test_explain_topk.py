"""Top-k contributions keep the sum: top-k plus the remainder equals every contribution."""

from __future__ import annotations

import numpy as np

from model_training.modeling.explain import global_importance, top_contributions


def test_top_k_are_the_largest_by_magnitude_and_sum_is_kept() -> None:
    values = np.array([[0.1, -0.5, 0.2, 0.05], [0.0, 0.3, -0.1, 0.4]])
    top = top_contributions(values, k=2)
    assert top[["feature_1", "feature_2"]].to_numpy().tolist() == [[1, 2], [3, 1]]
    assert top[["shap_1", "shap_2"]].to_numpy().tolist() == [[-0.5, 0.2], [0.4, 0.3]]
    np.testing.assert_allclose(top["shap_other"], [0.15, -0.1])
    np.testing.assert_allclose(top["shap_1"] + top["shap_2"] + top["shap_other"], values.sum(1))


def test_global_importance_orders_by_mean_absolute_contribution() -> None:
    values = np.array([[0.1, -0.5], [-0.1, 0.3]])
    frame = global_importance(values, ["a", "b"])
    assert frame["feature"].tolist() == ["b", "a"]
    np.testing.assert_allclose(frame["mean_abs_shap"], [0.4, 0.1])
    np.testing.assert_allclose(frame["mean_shap"], [-0.1, 0.0])
