"""Row-wise application features, written once for Ibis tables and pandas frames alike.

``application_features`` reads columns by name (``frame["AMT_CREDIT"]``) and combines them
with arithmetic and the null-safe helpers of ``ops``: given an Ibis table it returns an Ibis
table (the pipeline, run on DuckDB), given a pandas DataFrame it returns a DataFrame, given a
dict of numpy arrays it returns a dict of numpy arrays (the API's what-if: a few rows, no
DuckDB and no per-column pandas overhead). The protected attribute
(``schema.PROTECTED_ATTRIBUTE``) is never an output.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from model_training.data.schema import BUILDING_MEASURES, PLACEHOLDER_DAYS, table
from model_training.features import ops

DAYS_PER_YEAR = 365.25
EXT_SOURCES: tuple[str, ...] = ("EXT_SOURCE_1", "EXT_SOURCE_2", "EXT_SOURCE_3")
DOCUMENT_FLAGS: tuple[str, ...] = tuple(f"FLAG_DOCUMENT_{i}" for i in range(2, 22))
KEPT_DOCUMENT_FLAGS: tuple[str, ...] = tuple(f"FLAG_DOCUMENT_{i}" for i in (3, 5, 6, 8, 9, 11, 18))
ADDRESS_FLAGS: tuple[str, ...] = (
    "REG_REGION_NOT_LIVE_REGION",
    "REG_REGION_NOT_WORK_REGION",
    "LIVE_REGION_NOT_WORK_REGION",
    "REG_CITY_NOT_LIVE_CITY",
    "REG_CITY_NOT_WORK_CITY",
    "LIVE_CITY_NOT_WORK_CITY",
)
CATEGORICAL_COLUMNS: tuple[str, ...] = (
    "NAME_CONTRACT_TYPE",
    "FLAG_OWN_CAR",
    "FLAG_OWN_REALTY",
    "NAME_TYPE_SUITE",
    "NAME_INCOME_TYPE",
    "NAME_EDUCATION_TYPE",
    "NAME_FAMILY_STATUS",
    "NAME_HOUSING_TYPE",
    "OCCUPATION_TYPE",
    "WEEKDAY_APPR_PROCESS_START",
    "ORGANIZATION_TYPE",
    "FONDKAPREMONT_MODE",
    "HOUSETYPE_MODE",
    "WALLSMATERIAL_MODE",
    "EMERGENCYSTATE_MODE",
)
RAW_NUMERIC_COLUMNS: tuple[str, ...] = (
    "CNT_CHILDREN",
    "AMT_INCOME_TOTAL",
    "AMT_CREDIT",
    "AMT_ANNUITY",
    "AMT_GOODS_PRICE",
    "REGION_POPULATION_RELATIVE",
    "DAYS_REGISTRATION",
    "DAYS_ID_PUBLISH",
    "OWN_CAR_AGE",
    "FLAG_EMP_PHONE",
    "FLAG_WORK_PHONE",
    "FLAG_CONT_MOBILE",
    "FLAG_PHONE",
    "FLAG_EMAIL",
    "CNT_FAM_MEMBERS",
    "REGION_RATING_CLIENT",
    "HOUR_APPR_PROCESS_START",
    *ADDRESS_FLAGS,
    *EXT_SOURCES,
    *(f"{m}_AVG" for m in BUILDING_MEASURES),
    "TOTALAREA_MODE",
    "OBS_30_CNT_SOCIAL_CIRCLE",
    "DEF_30_CNT_SOCIAL_CIRCLE",
    "OBS_60_CNT_SOCIAL_CIRCLE",
    "DEF_60_CNT_SOCIAL_CIRCLE",
    "DAYS_LAST_PHONE_CHANGE",
    *KEPT_DOCUMENT_FLAGS,
    "AMT_REQ_CREDIT_BUREAU_HOUR",
    "AMT_REQ_CREDIT_BUREAU_DAY",
    "AMT_REQ_CREDIT_BUREAU_WEEK",
    "AMT_REQ_CREDIT_BUREAU_MON",
    "AMT_REQ_CREDIT_BUREAU_QRT",
    "AMT_REQ_CREDIT_BUREAU_YEAR",
)
NEUTRAL_INCOME_TYPE = "Working"  # "Maternity leave" (pregnancy) is folded into it
FOLDED_INCOME_TYPES: tuple[str, ...] = ("Maternity leave",)
UNKNOWN_LEVELS: dict[str, tuple[str, ...]] = {"NAME_FAMILY_STATUS": ("Unknown",)}


def _categorical_columns(frame: Any) -> dict[str, Any]:
    """Return the categorical fields with the folded and unknown levels rewritten."""
    out = {}
    for name in CATEGORICAL_COLUMNS:
        column = frame[name]
        if name == "NAME_INCOME_TYPE":
            column = ops.where(ops.is_in(column, FOLDED_INCOME_TYPES), NEUTRAL_INCOME_TYPE, column)
        for level in UNKNOWN_LEVELS.get(name, ()):
            column = ops.null_if(column, level)
        out[name] = column
    return out


def _numeric_columns(frame: Any) -> dict[str, Any]:
    """Return the kept raw numeric fields as floats, impossible codes made missing."""
    out = {name: ops.to_float(frame[name]) for name in RAW_NUMERIC_COLUMNS}
    rating = ops.to_float(frame["REGION_RATING_CLIENT_W_CITY"])
    out["REGION_RATING_CLIENT_W_CITY"] = ops.null_where(rating, rating < 1.0)
    return out


def _derived_columns(frame: Any) -> dict[str, Any]:
    """Return the engineered ratios, durations, score combinations and counts."""
    credit, annuity = frame["AMT_CREDIT"], frame["AMT_ANNUITY"]
    income, goods = frame["AMT_INCOME_TOTAL"], frame["AMT_GOODS_PRICE"]
    family = frame["CNT_FAM_MEMBERS"]
    days_employed = ops.null_if(ops.to_float(frame["DAYS_EMPLOYED"]), float(PLACEHOLDER_DAYS))
    days_birth = ops.to_float(frame["DAYS_BIRTH"])
    scores = [frame[name] for name in EXT_SOURCES]
    return {
        "AGE_YEARS": -days_birth / DAYS_PER_YEAR,
        "YEARS_EMPLOYED": -days_employed / DAYS_PER_YEAR,
        "IS_NOT_EMPLOYED": ops.indicator(frame["DAYS_EMPLOYED"] == PLACEHOLDER_DAYS),
        "EMPLOYED_TO_AGE": ops.ratio(days_employed, days_birth),
        "CREDIT_TO_INCOME": ops.ratio(credit, income),
        "ANNUITY_TO_INCOME": ops.ratio(annuity, income),
        "CREDIT_TO_GOODS": ops.ratio(credit, goods),
        "CREDIT_TERM": ops.ratio(credit, annuity),
        "GOODS_MINUS_CREDIT": ops.to_float(goods) - ops.to_float(credit),
        "INCOME_PER_PERSON": ops.ratio(income, family),
        "ANNUITY_PER_PERSON_TO_INCOME": ops.ratio(ops.ratio(annuity, family), income),
        "CHILDREN_SHARE": ops.ratio(frame["CNT_CHILDREN"], family),
        "EXT_SOURCE_MEAN": ops.row_mean(scores),
        "EXT_SOURCE_MIN": ops.row_min(scores),
        "EXT_SOURCE_MAX": ops.row_max(scores),
        "EXT_SOURCE_PROD": ops.to_float(scores[0])
        * ops.to_float(scores[1])
        * ops.to_float(scores[2]),
        "REGISTRATION_TO_AGE": ops.ratio(frame["DAYS_REGISTRATION"], days_birth),
        "ID_PUBLISH_TO_AGE": ops.ratio(frame["DAYS_ID_PUBLISH"], days_birth),
        "PHONE_CHANGE_TO_AGE": ops.ratio(frame["DAYS_LAST_PHONE_CHANGE"], days_birth),
        "DOCUMENT_COUNT": ops.row_sum([frame[name] for name in DOCUMENT_FLAGS]),
        "ADDRESS_MISMATCH_COUNT": ops.row_sum([frame[name] for name in ADDRESS_FLAGS]),
        "SOCIAL_DEFAULT_RATE_30": ops.ratio(
            frame["DEF_30_CNT_SOCIAL_CIRCLE"], frame["OBS_30_CNT_SOCIAL_CIRCLE"]
        ),
        "BUREAU_REQUESTS_YEAR_TO_QRT": ops.ratio(
            frame["AMT_REQ_CREDIT_BUREAU_YEAR"], frame["AMT_REQ_CREDIT_BUREAU_QRT"]
        ),
    }


def application_columns(frame: Any) -> dict[str, Any]:
    """Return ``{feature: column}`` for every application feature, in output order."""
    return {**_categorical_columns(frame), **_numeric_columns(frame), **_derived_columns(frame)}


@cache
def application_feature_names() -> tuple[str, ...]:
    """Return the application feature names in output order (no data needed)."""
    spec = table("application_test")
    dtypes = {"int": "int64", "float": "float64", "str": "str"}
    empty = pd.DataFrame({c.name: pd.Series([], dtype=dtypes[c.dtype]) for c in spec.columns})
    return tuple(application_columns(empty))


class _ReadColumns(dict):
    """A dict of columns that records which keys are read."""

    def __init__(self, columns: dict[str, Any]) -> None:
        super().__init__(columns)
        self.read: list[str] = []

    def __getitem__(self, key: str) -> Any:
        if key not in self.read:
            self.read.append(key)
        return super().__getitem__(key)


@cache
def application_input_columns() -> tuple[str, ...]:
    """Return the raw application columns the features read, in first-read order."""
    spec = table("application_test")
    columns = _ReadColumns(
        {
            c.name: np.empty(0, dtype=object if c.is_categorical else np.float64)
            for c in spec.columns
        }
    )
    application_columns(columns)
    return tuple(columns.read)


def application_features(frame: Any) -> Any:
    """Return the application features of an Ibis table, a DataFrame or a dict of numpy arrays.

    The output is of the input's kind and keeps ``SK_ID_CURR`` first when the input has it;
    for pandas the index is kept. A dict needs only ``application_input_columns()``: numbers
    as float64 arrays (NaN for missing), text as object arrays (None for missing).
    """
    columns = application_columns(frame)
    if isinstance(frame, Mapping):
        keys = {"SK_ID_CURR": frame["SK_ID_CURR"]} if "SK_ID_CURR" in frame else {}
        return {**keys, **columns}
    if isinstance(frame, pd.DataFrame):
        out = pd.DataFrame(columns, index=frame.index)
        if "SK_ID_CURR" in frame.columns:
            out.insert(0, "SK_ID_CURR", frame["SK_ID_CURR"])
        return out
    key_names = ["SK_ID_CURR"] if "SK_ID_CURR" in frame.columns else []
    return frame.select(*key_names, **columns)
