"""CatBoost's input: categoricals as str objects with a sentinel, numbers as float64."""

from __future__ import annotations

import numpy as np
import pandas as pd

from model_training.modeling.model_input import MISSING_LEVEL, to_model_input, to_model_rows


def test_pandas_strings_become_object_str_and_missing_a_sentinel() -> None:
    frame = pd.DataFrame(
        {"code": pd.array(["a", None, "b"], dtype="str"), "x": [1, None, 3], "n": [1, 2, 3]}
    )
    out = to_model_input(frame, ["x", "code"], ["code"])
    assert list(out.columns) == ["x", "code"]
    assert out["code"].dtype == object
    assert out["code"].tolist() == ["a", MISSING_LEVEL, "b"]
    assert all(type(v) is str for v in out["code"])
    assert out["x"].dtype == np.float64
    assert np.isnan(out["x"].iloc[1])


def test_catboost_takes_the_named_columns_as_categorical() -> None:
    from catboost import CatBoostClassifier  # noqa: PLC0415 (slow import, one test)

    rng = np.random.default_rng(0)
    codes = pd.array(rng.choice(["low", "high", None], 300).tolist(), dtype="str")
    frame = pd.DataFrame({"code": codes, "x": rng.random(300)})
    y = (frame["code"] == "high").astype(int).to_numpy()
    x = to_model_input(frame, ["code", "x"], ["code"])
    model = CatBoostClassifier(iterations=20, verbose=0, allow_writing_files=False)
    model.fit(x, y, cat_features=["code"])
    assert model.get_cat_feature_indices() == [0]
    probability = model.predict_proba(x)[:, 1]
    is_high = (x["code"] == "high").to_numpy()
    assert probability[is_high].min() > probability[~is_high].max()


def test_plain_rows_from_numpy_columns_match_the_frame_path() -> None:
    columns = {
        "code": np.array(["a", None, "b"], dtype=object),
        "x": np.array([1.5, np.nan, 3.0]),
        "n": np.array([1, 2, 3]),
    }
    frame = pd.DataFrame({**columns, "code": pd.array(["a", None, "b"], dtype="str")})
    expected = to_model_input(frame, ["x", "code", "n"], ["code"]).to_numpy(dtype=object)
    rows = to_model_rows(columns, ["x", "code", "n"], ["code"]).tolist()
    assert rows[0] == [1.5, "a", 1.0]
    assert rows[1][1:] == [MISSING_LEVEL, 2.0]
    assert np.isnan(rows[1][0])
    assert [type(v) for v in rows[2]] == [float, str, float]
    assert [r[1:] for r in rows] == [list(r[1:]) for r in expected]
