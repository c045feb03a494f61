"""TreeSHAP by leaf: exact path-dependent TreeSHAP, the same for a row alone or in any batch.

Without constraints CatBoost's own ShapValues are right, and ours equal them (float, missing,
one-hot and CTR splits); with monotone constraints CatBoost's values of a row change with the
other rows of the Pool (catboost#1956) while ours do not (and equal shap's own TreeSHAP:
test_shap_trees).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from catboost import CatBoostClassifier, Pool

from model_training.modeling.oblivious import CTR, FLOAT, ONE_HOT, read_ensemble
from model_training.modeling.tree_shap import leaf_shap, tree_shap_values

N_ROWS = 3000


def _frame() -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(rng.normal(size=(N_ROWS, 4)), columns=["a", "b", "c", "d"])
    frame.loc[rng.random(N_ROWS) < 0.2, "c"] = np.nan
    frame["few"] = rng.choice(["x", "y", "z"], N_ROWS)  # one-hot
    frame["many"] = rng.choice([f"level{i}" for i in range(40)], N_ROWS)  # CTR
    logit = frame.a - 0.8 * frame.b * frame.d + (frame.few == "x") + (frame.many < "level1")
    y = (logit + rng.normal(size=N_ROWS) > 1).astype(int).to_numpy()
    return frame, y


CATEGORICAL = ["few", "many"]


def _model(**params: object) -> tuple[CatBoostClassifier, pd.DataFrame]:
    frame, y = _frame()
    model = CatBoostClassifier(
        iterations=60, depth=5, one_hot_max_size=4, max_ctr_complexity=1, verbose=0, **params
    )
    model.fit(frame, y, cat_features=CATEGORICAL)
    return model, frame


def test_without_constraints_it_equals_catboosts_shap_values() -> None:
    model, frame = _model()
    kinds = {split.kind for tree in read_ensemble(model).trees for split in tree.splits}
    assert kinds == {FLOAT, ONE_HOT, CTR}
    pool = Pool(frame.head(400), cat_features=CATEGORICAL)
    base, values = tree_shap_values(model, pool, leaf_shap(model))
    catboost = model.get_feature_importance(pool, type="ShapValues")
    assert np.abs(values - catboost[:, :-1]).max() < 1e-9
    assert base == pytest.approx(catboost[0, -1], abs=1e-9)


def test_with_constraints_a_row_gets_the_same_values_alone_and_in_a_batch() -> None:
    model, frame = _model(monotone_constraints={"a": 1, "d": -1})
    tables = leaf_shap(model)
    batch = tree_shap_values(model, Pool(frame.head(500), cat_features=CATEGORICAL), tables)[1]
    for row in (0, 7, 499):
        alone = tree_shap_values(model, Pool(frame.iloc[[row]], cat_features=CATEGORICAL), tables)
        assert np.array_equal(alone[1][0], batch[row])
    catboost = [
        model.get_feature_importance(Pool(frame.head(n), cat_features=CATEGORICAL), "ShapValues")
        for n in (1, 500)
    ]
    assert np.abs(catboost[0][0] - catboost[1][0]).max() > 1e-6  # why CatBoost's are not served


def test_values_add_up_to_the_models_log_odds() -> None:
    model, frame = _model(monotone_constraints={"a": 1})
    pool = Pool(frame.head(300), cat_features=CATEGORICAL)
    base, values = tree_shap_values(model, pool, leaf_shap(model))
    raw = model.predict(pool, prediction_type="RawFormulaVal")
    assert np.abs(base + values.sum(axis=1) - raw).max() < 1e-9
    assert values[:, 4:].any()  # the categoricals take their share
