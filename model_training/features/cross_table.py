"""Features that mix application fields with history aggregates, for Ibis and pandas alike."""

from __future__ import annotations

from typing import Any

from model_training.features import ops

CROSS_TABLE_FEATURES: tuple[str, ...] = ("BUREAU_ACTIVE_DEBT_TO_INCOME", "TOTAL_ANNUITY_TO_INCOME")


def cross_table_features(frame: Any) -> dict[str, Any]:
    """Return the cross-table features of an Ibis table or a pandas DataFrame, by name.

    The pipeline computes them once the aggregates are joined; the API recomputes them for a
    what-if from the edited application and the client's stored aggregates.
    """
    income = frame["AMT_INCOME_TOTAL"]
    running = ops.fill_missing(frame["PREV_RUNNING_ANNUITY_SUM"], 0.0)
    return {
        "BUREAU_ACTIVE_DEBT_TO_INCOME": ops.ratio(frame["BUREAU_ACTIVE_DEBT_SUM"], income),
        "TOTAL_ANNUITY_TO_INCOME": ops.ratio(frame["AMT_ANNUITY"] + running, income),
    }
