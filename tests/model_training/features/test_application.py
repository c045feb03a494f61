"""Application features: hand values, placeholders, folding, and pandas = Ibis on real-size rows."""

from __future__ import annotations

import math
import warnings
from pathlib import Path

import ibis
import numpy as np
import pandas as pd
import pytest

from model_training.data.schema import table
from model_training.features import application_feature_names, application_features
from model_training.features.application import application_input_columns
from model_training.features.catalogue import feature_catalogue
from tests.model_training.features.hand_tables import (
    APPLICATIONS,
    TEST_APPLICATIONS,
    application_rows,
    typed_frame,
)


@pytest.fixture(scope="module")
def hand_features() -> pd.DataFrame:
    """Return the pandas application features of the hand-written clients by SK_ID_CURR."""
    frame = typed_frame("application_train", application_rows("application_train", APPLICATIONS))
    return application_features(frame.to_pandas()).set_index("SK_ID_CURR")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CREDIT_TO_INCOME", 2.0), ("ANNUITY_TO_INCOME", 0.1), ("CREDIT_TO_GOODS", 1.25),
        ("CREDIT_TERM", 20.0), ("GOODS_MINUS_CREDIT", -40000.0), ("INCOME_PER_PERSON", 50000.0),
        ("CHILDREN_SHARE", 0.5), ("AGE_YEARS", 40.0), ("YEARS_EMPLOYED", 4.0),
        ("EMPLOYED_TO_AGE", 0.1), ("IS_NOT_EMPLOYED", 0), ("EXT_SOURCE_MEAN", 0.4),
        ("EXT_SOURCE_MIN", 0.2), ("EXT_SOURCE_MAX", 0.6),
        ("EXT_SOURCE_PROD", math.nan), ("DOCUMENT_COUNT", 2.0),
        ("ANNUITY_PER_PERSON_TO_INCOME", 0.05),
    ],
)  # fmt: skip
def test_application_feature_matches_hand_value(
    hand_features: pd.DataFrame, name: str, expected: float
) -> None:
    actual = hand_features.loc[100002, name]
    if math.isnan(expected):
        assert pd.isna(actual)
    else:
        assert actual == pytest.approx(expected, rel=1e-12)


def test_days_employed_placeholder_becomes_missing_with_a_flag(hand_features: pd.DataFrame) -> None:
    pensioner = hand_features.loc[100003]
    assert pd.isna(pensioner["YEARS_EMPLOYED"])
    assert pd.isna(pensioner["EMPLOYED_TO_AGE"])
    assert pensioner["IS_NOT_EMPLOYED"] == 1


def test_maternity_leave_is_folded_into_working(hand_features: pd.DataFrame) -> None:
    assert hand_features.loc[100003, "NAME_INCOME_TYPE"] == "Working"


def test_unknown_family_status_becomes_missing(hand_features: pd.DataFrame) -> None:
    assert pd.isna(hand_features.loc[100003, "NAME_FAMILY_STATUS"])
    assert hand_features.loc[100002, "NAME_FAMILY_STATUS"] == "Married"


def test_zero_denominators_give_missing_not_infinite() -> None:
    rows = application_rows("application_test", TEST_APPLICATIONS)
    features = application_features(typed_frame("application_test", rows).to_pandas())
    assert pd.isna(features.loc[0, "CREDIT_TERM"])  # AMT_ANNUITY 0
    assert features.loc[0, "CREDIT_TO_INCOME"] == 0.0
    assert pd.isna(features.loc[0, "REGION_RATING_CLIENT_W_CITY"])  # the -1 code


def test_protected_attribute_is_never_a_feature() -> None:
    assert "CODE_GENDER" not in application_feature_names()


def test_feature_names_match_the_computed_columns(hand_features: pd.DataFrame) -> None:
    assert list(hand_features.columns) == list(application_feature_names())


def test_one_row_what_if_needs_no_backend() -> None:
    row = pd.DataFrame(application_rows("application_train", APPLICATIONS[:1]))
    row.loc[0, "AMT_CREDIT"] = 300000.0
    features = application_features(row)
    assert features.loc[0, "CREDIT_TO_INCOME"] == 3.0
    assert features.loc[0, "CREDIT_TERM"] == 30.0


def _as_comparable(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the frame sorted by client with numbers as floats and text as objects."""
    frame = frame.sort_values("SK_ID_CURR").reset_index(drop=True)
    out = {}
    for name in frame.columns:
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column):
            out[name] = column.astype("float64")
        else:
            out[name] = column.astype(object).where(column.notna(), None)
    return pd.DataFrame(out)


@pytest.mark.parametrize("table_name", ["application_train", "application_test"])
def test_pandas_and_ibis_paths_agree_on_generated_data(
    synth_validated: Path, table_name: str
) -> None:
    path = synth_validated / "validated" / f"{table_name}.parquet"
    by_pandas = _as_comparable(application_features(pd.read_parquet(path)))
    con = ibis.duckdb.connect()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r".* is deprecated, use .* instead", DeprecationWarning)
        by_ibis = _as_comparable(
            application_features(con.read_parquet(path)).to_pyarrow().to_pandas()
        )
    assert list(by_pandas.columns) == list(by_ibis.columns)
    for name in by_pandas.columns:
        left, right = by_pandas[name], by_ibis[name]
        if left.dtype == "float64":
            np.testing.assert_allclose(left, right, rtol=1e-12, atol=0, err_msg=name)
        else:
            assert left.tolist() == right.tolist(), name


def test_every_application_feature_is_catalogued() -> None:
    missing = set(application_feature_names()) - set(feature_catalogue())
    assert missing == set()


def test_json_like_records_give_the_same_values_as_typed_columns(
    hand_features: pd.DataFrame,
) -> None:
    records = application_rows("application_train", APPLICATIONS)
    features = application_features(pd.DataFrame.from_records(records)).set_index("SK_ID_CURR")
    numeric = [c for c in features.columns if pd.api.types.is_numeric_dtype(hand_features[c])]
    pd.testing.assert_frame_equal(
        features[numeric].astype("float64"), hand_features[numeric].astype("float64")
    )
    assert features.loc[100003, "NAME_INCOME_TYPE"] == "Working"


def _numpy_columns(frame: pd.DataFrame) -> dict[str, np.ndarray]:
    """Return the columns the features read as numpy: float64 numbers, object text (None)."""
    out = {}
    for name in application_input_columns():
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column):
            out[name] = column.to_numpy(dtype=np.float64, na_value=np.nan)
        else:
            out[name] = np.array([None if pd.isna(v) else v for v in column], dtype=object)
    return out


@pytest.mark.parametrize("table_name", ["application_train", "application_test"])
def test_numpy_and_pandas_paths_give_identical_values(
    synth_validated: Path, table_name: str
) -> None:
    frame = pd.read_parquet(synth_validated / "validated" / f"{table_name}.parquet")
    by_pandas = application_features(frame)
    by_numpy = application_features(_numpy_columns(frame))
    assert list(by_numpy) == list(application_feature_names())
    for name, values in by_numpy.items():
        expected = by_pandas[name]
        if pd.api.types.is_numeric_dtype(expected):
            assert values.dtype == expected.dtype, name
            np.testing.assert_array_equal(values, expected.to_numpy(), err_msg=name)
        else:
            assert [None if pd.isna(v) else v for v in values] == [
                None if pd.isna(v) else v for v in expected
            ], name


def test_numpy_path_folds_and_blanks_levels_like_pandas() -> None:
    text = {c.name for c in table("application_test").columns if c.is_categorical}
    columns = {
        name: np.full(3, None, dtype=object) if name in text else np.full(3, np.nan)
        for name in application_input_columns()
    }
    columns["NAME_INCOME_TYPE"] = np.array(["Maternity leave", None, "Pensioner"], dtype=object)
    columns["NAME_FAMILY_STATUS"] = np.array(["Unknown", "Married", None], dtype=object)
    features = application_features(columns)
    assert features["NAME_INCOME_TYPE"].tolist() == ["Working", None, "Pensioner"]
    assert features["NAME_FAMILY_STATUS"].tolist() == [None, "Married", None]
    assert np.isnan(features["EXT_SOURCE_MEAN"]).all()
