"""History aggregates match values computed by hand on three hand-written clients."""

from __future__ import annotations

import math

import pandas as pd
import pytest

WITH_HISTORY, CARD_ONLY, NO_HISTORY = 100002, 100003, 100001


def _assert_values(features: pd.DataFrame, client: int, expected: dict[str, float]) -> None:
    """Assert a client's features equal the expected values (NaN for missing)."""
    for name, value in expected.items():
        actual = features.loc[client, name]
        if isinstance(value, float) and math.isnan(value):
            assert pd.isna(actual), f"{name}: expected missing, got {actual}"
        else:
            assert actual == pytest.approx(value, rel=1e-12), name


def test_bureau_aggregates_match_hand_values(tiny_features: pd.DataFrame) -> None:
    _assert_values(tiny_features, WITH_HISTORY, {
        "BUREAU_COUNT": 3, "BUREAU_ACTIVE_COUNT": 2, "BUREAU_CLOSED_COUNT": 1,
        "BUREAU_BAD_DEBT_COUNT": 0, "BUREAU_OVERDUE_COUNT": 1, "BUREAU_DAY_OVERDUE_MAX": 10.0,
        "BUREAU_AMT_OVERDUE_SUM": 50.0, "BUREAU_MAX_OVERDUE_MAX": 70.0,
        "BUREAU_PROLONG_SUM": 1.0, "BUREAU_CREDIT_SUM": 3500.0, "BUREAU_DEBT_SUM": 650.0,
        "BUREAU_DEBT_RATIO": 650 / 3500, "BUREAU_ACTIVE_DEBT_SUM": 650.0,
        "BUREAU_ACTIVE_DEBT_RATIO": 650 / 1500, "BUREAU_CARD_LIMIT_USE": 0.5,
        "BUREAU_DAYS_CREDIT_MAX": -100.0, "BUREAU_DAYS_CREDIT_MIN": -500.0,
        "BUREAU_DAYS_CREDIT_MEAN": -300.0, "BUREAU_CARD_SHARE": 2 / 3,
        "BUREAU_ACTIVE_SHARE": 2 / 3, "BUREAU_ACTIVE_ANNUITY_SUM": 20.0,
        "BUREAU_ACTIVE_DEBT_TO_INCOME": 650 / 100000,
    })  # fmt: skip


def test_bureau_balance_joins_inner_and_counts_bad_months(tiny_features: pd.DataFrame) -> None:
    _assert_values(tiny_features, WITH_HISTORY, {
        "BB_MONTHS_COUNT": 5, "BB_BAD_MONTHS_COUNT": 2, "BB_BAD_SHARE": 0.4,
        "BB_WORST_STATUS": 3.0, "BB_MONTHS_12M": 3, "BB_BAD_MONTHS_12M": 1,
        "BB_UNKNOWN_SHARE": 0.2, "BB_CREDITS_COUNT": 2,
    })  # fmt: skip


def test_previous_applications_match_hand_values(tiny_features: pd.DataFrame) -> None:
    _assert_values(tiny_features, WITH_HISTORY, {
        "PREV_COUNT": 3, "PREV_APPROVED_COUNT": 1, "PREV_REFUSED_COUNT": 1,
        "PREV_CANCELED_COUNT": 1, "PREV_REFUSED_SHARE": 1 / 3, "PREV_REFUSED_1Y_COUNT": 0,
        "PREV_ASKED_TO_GRANTED_MEAN": 1.25, "PREV_LAST_DECISION_DAYS": -50.0,
        "PREV_LAST_REFUSAL_DAYS": -400.0, "PREV_RUNNING_COUNT": 1,
        "PREV_RUNNING_ANNUITY_SUM": 90.0, "PREV_CNT_PAYMENT_MEAN": 9.0,
        "PREV_CASH_SHARE": 1 / 3, "PREV_REVOLVING_SHARE": 1 / 3, "PREV_HIGH_YIELD_SHARE": 1 / 3,
        "TOTAL_ANNUITY_TO_INCOME": 10090 / 100000,
    })  # fmt: skip


def test_previous_placeholder_days_are_missing(tiny_features: pd.DataFrame) -> None:
    assert tiny_features.loc[WITH_HISTORY, "PREV_LAST_DUE_MAX"] == -10.0


def test_pos_cash_months_arrears_and_remaining(tiny_features: pd.DataFrame) -> None:
    _assert_values(tiny_features, WITH_HISTORY, {
        "POS_MONTHS": 4, "POS_DPD_SHARE": 0.5, "POS_DPD_MAX": 40.0, "POS_DPD_DEF_SHARE": 0.25,
        "POS_LOANS_COUNT": 2, "POS_REMAINING_INSTALMENTS": 2.0, "POS_RUNNING_LOANS": 1,
        "POS_COMPLETED_SHARE": 0.5, "POS_TERM_MEAN": 9.0, "POS_MONTHS_12M": 2,
        "POS_DPD_SHARE_12M": 0.5, "POS_DPD_MAX_12M": 5.0, "POS_DPD_DEF_SHARE_12M": 0.0,
    })  # fmt: skip


def test_installments_lateness_short_and_unpaid(tiny_features: pd.DataFrame) -> None:
    _assert_values(tiny_features, WITH_HISTORY, {
        "INST_COUNT": 4, "INST_LATE_SHARE": 2 / 3, "INST_LATE_30_COUNT": 1,
        "INST_DAYS_LATE_MEAN": 15.0, "INST_DAYS_LATE_MAX": 40.0, "INST_SHORT_SHARE": 1 / 3,
        "INST_PAYMENT_RATIO": 0.875, "INST_UNPAID_COUNT": 1, "INST_DAYS_EARLY_MEAN": 10 / 3,
        "INST_LOANS_COUNT": 2, "INST_COUNT_1Y": 3, "INST_LATE_SHARE_1Y": 0.5,
        "INST_LATE_30_COUNT_1Y": 0, "INST_DAYS_LATE_MEAN_1Y": 2.5, "INST_DAYS_LATE_MAX_1Y": 5.0,
        "INST_SHORT_SHARE_1Y": 0.5, "INST_PAYMENT_RATIO_1Y": 0.75,
    })  # fmt: skip


def test_credit_card_use_payments_and_arrears(tiny_features: pd.DataFrame) -> None:
    _assert_values(tiny_features, CARD_ONLY, {
        "CC_MONTHS": 3, "CC_UTILISATION_MEAN": 0.75, "CC_UTILISATION_MAX": 1.0,
        "CC_DPD_MONTHS": 1, "CC_DRAWINGS_SUM": 300.0, "CC_DRAWINGS_COUNT": 3.0,
        "CC_DPD_MAX": 3.0, "CC_DPD_DEF_MONTHS": 1, "CC_LIMIT_MAX": 1000.0,
        "CC_BALANCE_MEAN": 500.0, "CC_ATM_DRAWINGS_SUM": 250.0, "CC_ATM_DRAWINGS_COUNT": 2.0,
        "CC_PAYMENT_TO_MINIMUM": 1.3, "CC_BELOW_MINIMUM_SHARE": 0.5, "CC_MONTHS_12M": 2,
        "CC_UTILISATION_MEAN_12M": 0.75, "CC_DPD_MONTHS_12M": 1, "CC_DRAWINGS_SUM_12M": 100.0,
        "CC_DRAWINGS_COUNT_12M": 2.0,
    })  # fmt: skip


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("BUREAU_COUNT", 0), ("BB_MONTHS_COUNT", 0), ("PREV_COUNT", 0), ("POS_MONTHS", 0),
        ("INST_COUNT", 0), ("INST_COUNT_1Y", 0), ("CC_MONTHS", 0), ("CC_MONTHS_12M", 0),
        ("BUREAU_DAY_OVERDUE_MAX", math.nan), ("BB_WORST_STATUS", math.nan),
        ("PREV_REFUSED_SHARE", math.nan), ("POS_DPD_MAX", math.nan),
        ("INST_LATE_SHARE", math.nan), ("CC_UTILISATION_MEAN", math.nan),
    ],
)  # fmt: skip
def test_client_without_history_has_zero_counts_and_missing_aggregates(
    tiny_features: pd.DataFrame, name: str, expected: float
) -> None:
    _assert_values(tiny_features, NO_HISTORY, {name: expected})
