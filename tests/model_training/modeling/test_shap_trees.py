"""shap's own TreeSHAP on the rebuilt trees equals the served values (TreeSHAP by leaf).

Tolerance: 1e-6 in log-odds (3e-5 points). The two implementations differ only by the weight
shap needs on a leaf no training row reached (EMPTY_LEAF_WEIGHT, 1e-9: an effect of about
1e-10, proportional to it) and by float rounding over the trees (about 1e-13). A misrouted
split or a feature split into two players moves values by 1e-3 or more (tested below).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shap
from catboost import CatBoostClassifier, Pool

from model_training.bundle import FEATURES, Bundle, open_bundle
from model_training.modeling.explain import shap_contributions
from model_training.modeling.model_input import to_model_input
from model_training.modeling.shap_trees import (
    CTR,
    ONE_HOT,
    applier_outcomes,
    read_ensemble,
    shap_form,
    split_outcomes,
    tree_shap_contributions,
)

TOLERANCE = 1e-6  # log-odds; see the module docstring


@pytest.fixture(scope="module")
def bundle(data_dir: Path) -> Bundle:
    """Return the session's live bundle (model trained on the small generated data)."""
    return open_bundle(data_dir / "artifacts")


def _stored_input(bundle: Bundle) -> tuple[pd.DataFrame, list[str]]:
    """Return every stored client's model input and the categorical features."""
    names, categorical = list(bundle.features), list(bundle.categorical)
    return to_model_input(bundle.table(FEATURES), names, categorical), categorical


def _ctr_model() -> tuple[CatBoostClassifier, pd.DataFrame, list[str]]:
    """Return a small model whose trees split on CTRs, one-hot levels and floats with NaN."""
    rng = np.random.default_rng(3)
    n = 1500
    level = rng.integers(0, 40, n)
    amount = rng.normal(size=n)
    amount[rng.random(n) < 0.15] = np.nan
    logit = level / 10 - 2 + np.nan_to_num(amount) + (rng.random(n) < 0.3)
    target = (rng.random(n) < 1 / (1 + np.exp(-logit))).astype(int)
    frame = pd.DataFrame(
        {
            "occupation": [f"L{v}" for v in level],
            "amount": amount,
            "housing": rng.choice(["own", "rent", "parents"], n),
        }
    )
    model = CatBoostClassifier(
        iterations=40,
        depth=4,
        one_hot_max_size=10,
        max_ctr_complexity=1,
        random_seed=0,
        verbose=0,
        allow_writing_files=False,
        thread_count=1,
    )
    model.fit(frame, target, cat_features=["occupation", "housing"])
    return model, frame, ["occupation", "housing"]


def test_shap_tree_explainer_on_catboost_only_calls_catboost() -> None:
    """shap.TreeExplainer(CatBoost model) returns CatBoost's ShapValues: no independent check."""
    model, frame, categorical = _ctr_model()
    pool = Pool(frame, cat_features=categorical)
    by_shap = shap.TreeExplainer(model).shap_values(pool)
    by_catboost = model.get_feature_importance(pool, type="ShapValues")[:, :-1]
    assert np.array_equal(by_shap, by_catboost)


def test_routing_from_values_matches_catboosts_applier(bundle: Bundle) -> None:
    """Float and one-hot outcomes computed from the values are CatBoost's leaf indexes' bits."""
    x, categorical = _stored_input(bundle)
    x.loc[x.index[:20], "AMT_ANNUITY"] = np.nan  # missing below every border
    pool = Pool(x, cat_features=categorical)
    ensemble = read_ensemble(bundle.model)
    ours = split_outcomes(ensemble, bundle.model, x, pool)
    catboosts = applier_outcomes(ensemble, bundle.model, pool)
    assert [np.array_equal(a, b) for a, b in zip(ours, catboosts, strict=True)] == [True] * len(
        ours
    )
    assert any(s.kind == ONE_HOT for t in ensemble.trees for s in t.splits)


def test_stored_clients_served_values_equal_shaps_tree_shap(bundle: Bundle) -> None:
    """Every stored client: the values the bundle was built from equal shap's TreeSHAP."""
    x, categorical = _stored_input(bundle)
    served = shap_contributions(bundle.model, x, categorical)
    independent = tree_shap_contributions(bundle.model, x, categorical)
    assert np.abs(served.values - independent.values).max() < TOLERANCE
    assert abs(served.base_value - independent.base_value) < TOLERANCE
    assert abs(served.base_value - bundle.metadata.base_value) < TOLERANCE


def test_ctr_and_unseen_levels_match_catboost() -> None:
    """A model with CTR splits: CatBoost's values equal shap's, unseen levels included."""
    model, frame, categorical = _ctr_model()
    assert any(s.kind == CTR for t in read_ensemble(model).trees for s in t.splits)
    rows = pd.concat([frame.head(300), frame.head(3).assign(occupation="never seen")])
    rows = rows.astype({"amount": "float64"}).reset_index(drop=True)
    served = model.get_feature_importance(Pool(rows, cat_features=categorical), type="ShapValues")
    independent = tree_shap_contributions(model, rows, categorical)
    assert np.abs(served[:, :-1] - independent.values).max() < TOLERANCE
    assert abs(served[0, -1] - independent.base_value) < TOLERANCE


def test_a_misrouted_split_is_caught(bundle: Bundle) -> None:
    """Flipping one split's outcome in one tree moves the values well beyond the tolerance."""
    x, categorical = _stored_input(bundle)
    x = x.head(50)
    ensemble = read_ensemble(bundle.model)
    outcomes = split_outcomes(ensemble, bundle.model, x, Pool(x, cat_features=categorical))
    outcomes[0][:, 0] = ~outcomes[0][:, 0]
    form = shap_form(ensemble, outcomes)
    phi = shap.TreeExplainer(form.model).shap_values(form.codes)
    served = shap_contributions(bundle.model, x, categorical)
    values = np.zeros_like(served.values)
    np.add.at(values.T, form.column_features, phi.T)
    assert np.abs(served.values - values).max() > 1e-3


def test_ctr_split_of_a_combination_is_refused() -> None:
    """A CTR over two features has no single SHAP player: reading the model raises."""
    _, frame, categorical = _ctr_model()
    combined = CatBoostClassifier(
        iterations=20, depth=3, max_ctr_complexity=2, one_hot_max_size=1, random_seed=0
    )
    combined.set_params(verbose=0, allow_writing_files=False, thread_count=1)
    combined.fit(frame, (frame["amount"].fillna(0) > 0).astype(int), cat_features=categorical)
    with pytest.raises(ValueError, match="combines several features"):
        read_ensemble(combined)
