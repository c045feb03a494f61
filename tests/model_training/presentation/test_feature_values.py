"""A model input's value with its unit: euros, years, percent, days, levels in words."""

from __future__ import annotations

import pytest

from model_training.presentation.feature_values import (
    MISSING_LEVEL,
    feature_unit,
    format_feature_value,
)


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("AMT_CREDIT", "money"),
        ("AGE_YEARS", "years"),
        ("EMPLOYED_TO_AGE", "percent"),
        ("BUREAU_DEFAULT_RATE", "percent"),
        ("BUREAU_DAYS_CREDIT_MIN", "moment"),
        ("BUREAU_ENDDATE_MAX", "moment"),
        ("DAYS_REGISTRATION", "moment"),
        ("INST_DAYS_LATE_MAX", "days"),
        ("BUREAU_DAY_OVERDUE_MAX", "days"),
        ("POS_DPD_MAX_12M", "days"),
        ("CNT_CHILDREN", "number"),
    ],
)
def test_a_feature_has_a_unit(name: str, unit: str) -> None:
    assert feature_unit(name) == unit


@pytest.mark.parametrize(
    ("name", "value", "lang", "expected"),
    [
        ("AMT_CREDIT", 1234.4, "en", "€1,234"),
        ("AGE_YEARS", 34.2, "fr", "34\u00a0ans"),
        ("EMPLOYED_TO_AGE", 0.25, "en", "25%"),
        ("CNT_CHILDREN", 2.0, "en", "2"),
        ("BUREAU_DAYS_CREDIT_MAX", -133.0, "en", "133\u00a0days before the application"),
        ("BUREAU_ENDDATE_MAX", 400.0, "fr", "1,1\u00a0an après la demande"),
        ("INST_DAYS_LATE_MAX", 12.0, "en", "12\u00a0days"),
        ("EXT_SOURCE_2", 0.512, "en", "0.51"),
        ("NAME_FAMILY_STATUS", "Married", "fr", "Marié(e)"),
        ("OCCUPATION_TYPE", MISSING_LEVEL, "en", "Not given"),
        ("OCCUPATION_TYPE", None, "fr", "Non renseigné"),
    ],
)
def test_a_feature_value_reads_with_its_unit(
    name: str, value: object, lang: str, expected: str
) -> None:
    assert format_feature_value(name, value, lang) == expected
