"""Per-client summaries of the generated history rows: what the true risk reads from them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BAD_STATUSES = ("1", "2", "3", "4", "5")


@dataclass(frozen=True)
class HistorySummary:
    """Observable per-client behaviour in the history tables (NaN where a table has no rows)."""

    late_share: np.ndarray  # instalments paid after the due day
    short_share: np.ndarray  # instalment rows paid below the amount due
    mean_days_late: np.ndarray  # days after the due day, 0 when on time
    refused_share: np.ndarray  # previous applications refused
    bureau_overdue: np.ndarray  # bureau credits overdue now (count)
    bureau_bad_months: np.ndarray  # bureau_balance months with a days-past-due status
    card_use: np.ndarray  # card balance / limit
    card_late_months: np.ndarray  # card months with days past due
    pos_late_months: np.ndarray  # POS months with days past due
    has_bureau: np.ndarray
    has_previous: np.ndarray


def _mean_by(index: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    counts = np.bincount(index, minlength=n)
    sums = np.bincount(index, weights=values.astype(float), minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / counts, np.nan)


def summarize_history(
    first_id: int, n: int, tables: dict[str, dict[str, np.ndarray]]
) -> HistorySummary:
    """Summarise the chunk's history rows per client (ids run from ``first_id`` without gaps)."""
    inst = tables["installments_payments"]
    i_pos = inst["SK_ID_CURR"] - first_id
    paid = ~np.isnan(inst["AMT_PAYMENT"])
    delay = np.nan_to_num(inst["DAYS_ENTRY_PAYMENT"] - inst["DAYS_INSTALMENT"], nan=0.0)
    bureau = tables["bureau"]
    b_pos = bureau["SK_ID_CURR"] - first_id
    balance = tables["bureau_balance"]
    order = np.argsort(bureau["SK_ID_BUREAU"])
    owner = b_pos[order][np.searchsorted(bureau["SK_ID_BUREAU"][order], balance["SK_ID_BUREAU"])]
    prev = tables["previous_application"]
    p_pos = prev["SK_ID_CURR"] - first_id
    card = tables["credit_card_balance"]
    c_pos = card["SK_ID_CURR"] - first_id
    limit = card["AMT_CREDIT_LIMIT_ACTUAL"].astype(float)
    use = np.where(limit > 0, card["AMT_BALANCE"] / np.where(limit > 0, limit, 1.0), 0.0)
    pos_cash = tables["POS_CASH_balance"]
    return HistorySummary(
        late_share=_mean_by(i_pos, delay > 0, n),
        short_share=_mean_by(
            i_pos, paid & (inst["AMT_PAYMENT"] < inst["AMT_INSTALMENT"] * 0.95), n
        ),
        mean_days_late=_mean_by(i_pos, np.maximum(delay, 0), n),
        refused_share=_mean_by(p_pos, prev["NAME_CONTRACT_STATUS"] == "Refused", n),
        bureau_overdue=np.bincount(b_pos, weights=bureau["CREDIT_DAY_OVERDUE"] > 0, minlength=n),
        bureau_bad_months=_mean_by(owner, np.isin(balance["STATUS"], BAD_STATUSES), n),
        card_use=_mean_by(c_pos, use, n),
        card_late_months=_mean_by(c_pos, card["SK_DPD"] > 0, n),
        pos_late_months=_mean_by(pos_cash["SK_ID_CURR"] - first_id, pos_cash["SK_DPD"] > 0, n),
        has_bureau=np.bincount(b_pos, minlength=n) > 0,
        has_previous=np.bincount(p_pos, minlength=n) > 0,
    )
