"""Fairness rates by gender and age band on a tiny table, with exact values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from model_training.evaluate import fairness
from model_training.modeling.decision import refusal_rate


@pytest.mark.parametrize(
    ("years", "band"),
    [(21, "under 30"), (29.9, "under 30"), (30, "30-40"), (45, "40-50"), (59.9, "50-60"),
     (60, "60+"), (69, "60+")],
)  # fmt: skip
def test_age_band_of_days_birth(years: float, band: str) -> None:
    days_birth = np.array([-years * fairness.DAYS_PER_YEAR])
    assert fairness.age_band(days_birth).tolist() == [band]


def test_age_band_of_a_missing_birth_date_is_missing() -> None:
    assert fairness.age_band(np.array([np.nan])).tolist() == ["missing"]


def test_group_rates_count_approvals_and_errors() -> None:
    y = np.array([1, 1, 0, 0, 0])
    refused = np.array([True, False, True, False, False])
    assert fairness.group_rates(y, refused) == {
        "n": 5,
        "n_defaulters": 2,
        "default_rate": 0.4,
        "approval_rate": 0.6,
        "true_positive_rate": 0.5,
        "false_positive_rate": pytest.approx(1 / 3),
    }


def test_rates_by_group_gives_the_approval_ratio_to_the_best_group() -> None:
    groups = np.array(["F", "F", "M", "M"], dtype=object)
    y = np.array([0, 1, 0, 1])
    refused = np.array([False, True, False, False])
    rows = fairness.rates_by_group(groups, y, refused, "gender")
    assert [(r["group"], r["approval_rate"], r["approval_ratio"]) for r in rows] == [
        ("F", 0.5, 0.5),
        ("M", 1.0, 1.0),
    ]
    assert all(r["is_small"] for r in rows)


def test_fairness_table_joins_gender_and_age_to_the_oof_decisions() -> None:
    applications = pd.DataFrame(
        {
            "SK_ID_CURR": [1, 2, 3, 4],
            "CODE_GENDER": ["F", "M", "F", "M"],
            "DAYS_BIRTH": [-25 * 365.25, -35 * 365.25, -65 * 365.25, -26 * 365.25],
        }
    )
    oof = pd.DataFrame(
        {
            "SK_ID_CURR": [4, 3, 2, 1],
            "TARGET": [1, 0, 0, 1],
            "oof_probability": [0.9, 0.1, 0.6, 0.2],
        }
    )
    rows = fairness.fairness_table(applications, oof, threshold=0.5)
    found = {(r["attribute"], r["group"]): (r["n"], r["approval_rate"]) for r in rows}
    assert found == {
        ("gender", "F"): (2, 1.0),
        ("gender", "M"): (2, 0.0),
        ("age band", "under 30"): (2, 0.5),
        ("age band", "30-40"): (1, 0.0),
        ("age band", "60+"): (1, 1.0),
    }
    assert [r["group"] for r in rows] == ["F", "M", "under 30", "30-40", "60+"]


def test_the_all_row_approves_one_minus_the_refusal_rate_of_the_same_decisions() -> None:
    oof = pd.DataFrame({"TARGET": [1, 0, 0, 1], "oof_probability": [0.9, 0.1, 0.6, 0.2]})
    row = fairness.overall_rates(oof, threshold=0.6)
    assert (row["attribute"], row["n"], row["approval_rate"]) == ("all", 4, 0.5)
    assert row["approval_rate"] == 1 - refusal_rate(oof["oof_probability"].to_numpy(), 0.6)


def test_client_groups_label_gender_and_age_band_and_say_missing() -> None:
    applications = pd.DataFrame(
        {
            "SK_ID_CURR": [1, 2, 3],
            "CODE_GENDER": ["F", None, "M"],
            "DAYS_BIRTH": [-365.25 * 35, -365.25 * 61, np.nan],
        }
    )
    groups = fairness.client_groups(applications)
    assert list(groups.columns) == ["SK_ID_CURR", *fairness.GROUP_NAMES]
    assert groups.to_dict("records") == [
        {"SK_ID_CURR": 1, "gender": "F", "age band": "30-40"},
        {"SK_ID_CURR": 2, "gender": "missing", "age band": "60+"},
        {"SK_ID_CURR": 3, "gender": "M", "age band": "missing"},
    ]
