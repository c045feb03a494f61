"""bureau and bureau_balance: the client's credits at other lenders and their monthly status."""

from __future__ import annotations

import numpy as np

from model_training.data.schema import coverage, table
from model_training.data.synth.clients import Clients
from model_training.data.synth.sampling import (
    expand,
    from_normal,
    round_to,
    sample_levels,
    sample_numeric,
    sigmoid,
)

DAYS_PER_MONTH = 30.4375
SHARE_WITH_BALANCE = 0.405  # credits with monthly status rows (Kaggle: 774,354 of 1,716,428, but
# its credits are longer-lived than ours; 0.405 gives Kaggle's 27.3M rows at full size)
BAD_STATUS_LEVELS = np.array(["1", "2", "3", "4", "5"], dtype=object)
BAD_STATUS_SHARES = np.array([0.70, 0.08, 0.03, 0.02, 0.17])
TERM_MONTHS = np.array([6, 12, 18, 24, 36, 48, 60, 120, 240])
TERM_SHARES = np.array([0.12, 0.25, 0.12, 0.18, 0.15, 0.06, 0.06, 0.04, 0.02])


def credits_per_client(rng: np.random.Generator, clients: Clients, table_name: str) -> np.ndarray:
    """Draw how many rows of a history table each client has (0 for the uncovered)."""
    facts = coverage(table_name)
    share = np.where(
        clients.is_test, facts["test_pct_with_rows"] / 100, facts["train_pct_with_rows"] / 100
    )
    covered = rng.random(len(clients)) < share
    mean_extra = facts["mean_rows_per_client_with_rows"] - 1
    scale = np.exp(0.25 * clients.age) / np.exp(0.25**2 / 2)
    lam = rng.gamma(1.5, mean_extra * scale / 1.5)
    counts = 1 + np.minimum(rng.poisson(lam), facts["max_rows_per_client"] - 1)
    return np.where(covered, counts, 0)


def new_ids(rng: np.random.Generator, start: int, n: int, mean_gap: float) -> np.ndarray:
    """Return ``n`` unique increasing ids from ``start`` with random gaps (mean ``mean_gap``)."""
    if n == 0:
        return np.empty(0, dtype=np.int64)
    gaps = rng.geometric(1 / mean_gap, n)
    return (start + np.cumsum(gaps) - gaps[0]).astype(np.int64)


def shuffled_groups(rng: np.random.Generator, counts: np.ndarray) -> np.ndarray:
    """Return a row order that shuffles groups of consecutive rows but keeps each group whole."""
    starts = np.cumsum(counts) - counts
    group_order = rng.permutation(len(counts))
    parent, position = expand(counts[group_order])
    return starts[group_order][parent] + position


def build_bureau(
    rng: np.random.Generator, clients: Clients, first_id: int
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], int]:
    """Return bureau columns, bureau_balance columns and the next free SK_ID_BUREAU."""
    spec = table("bureau")
    counts = credits_per_client(rng, clients, "bureau")
    owner, _ = expand(counts)
    n = len(owner)
    behaviour = clients.behaviour[owner]
    sk_id_bureau = new_ids(rng, first_id, n, 1.07)
    next_id = int(sk_id_bureau.max()) + 1 if n else first_id

    days_credit = np.round(sample_numeric(rng, spec.column("DAYS_CREDIT"), n)).astype(np.int64)
    credit_type = sample_levels(rng, spec.column("CREDIT_TYPE").level_shares(), n)
    is_card = credit_type == "Credit card"
    active = rng.random(n) < sigmoid(1.2 + 0.0015 * days_credit)
    sold = rng.random(n) < 0.0038 * np.exp(0.8 * behaviour)
    status = np.where(active, "Active", "Closed").astype(object)
    status[sold] = "Sold"
    status[sold & (rng.random(n) < 0.004)] = "Bad debt"
    term = rng.choice(TERM_MONTHS, size=n, p=TERM_SHARES)
    term = np.where(is_card & active, rng.integers(24, 240, n), term)
    end_date = np.round(days_credit + term * DAYS_PER_MONTH + rng.normal(0, 5, n))
    end_date[(rng.random(n) < 0.06)] = np.nan
    closed = ~active
    planned_end = np.nan_to_num(end_date, nan=0)
    fact = np.round(
        np.minimum(days_credit + (planned_end - days_credit) * rng.uniform(0.3, 1.05, n), -1)
    )
    fact = np.clip(fact, days_credit, 0).astype(float)
    fact[active] = np.nan

    amount = from_normal(
        0.5 * clients.wealth[owner] + 0.87 * rng.standard_normal(n),
        spec.column("AMT_CREDIT_SUM").statistics(),
    )
    amount = np.where(rng.random(n) < 0.6, round_to(amount, 4500), round_to(amount, 0.005))
    elapsed = np.clip(-days_credit / np.maximum(term * DAYS_PER_MONTH, 1), 0, 1)
    debt = np.where(
        active, np.round(amount * np.maximum(1 - elapsed, rng.uniform(0.3, 1.0, n)), 3), 0.0
    )
    debt[is_card & active] = np.round(
        amount[is_card & active] * rng.beta(1.5, 2, (is_card & active).sum()), 3
    )
    debt[rng.random(n) < 0.15] = np.nan
    limit = np.where(is_card & active, np.round(amount - np.nan_to_num(debt), 3), 0.0)
    limit[rng.random(n) < 0.345] = np.nan

    overdue_now = active & (rng.random(n) < sigmoid(-4.6 + 1.3 * behaviour))
    day_overdue = np.where(overdue_now, 1 + rng.geometric(1 / 40, n), 0).astype(np.int64)
    sum_overdue = np.where(overdue_now, np.round(amount * rng.uniform(0.001, 0.05, n), 3), 0.0)
    past_overdue = rng.random(n) < sigmoid(-2.0 + 1.1 * behaviour)
    max_overdue = np.where(past_overdue, np.round(amount * rng.uniform(0.01, 0.15, n), 3), 0.0)
    max_overdue = np.maximum(max_overdue, sum_overdue)
    max_overdue[rng.random(n) < 0.655] = np.nan
    prolong = rng.poisson(0.0064 * np.exp(0.5 * behaviour)).astype(np.int64)
    update = np.where(
        active, -rng.integers(0, 60, n), np.nan_to_num(fact, nan=0) + rng.integers(0, 40, n)
    )
    update = np.clip(np.maximum(update, days_credit), None, 0).astype(np.int64)
    annuity = np.where(~is_card & (rng.random(n) < 0.6), np.round(amount / term, 3), 0.0)
    annuity[rng.random(n) < 0.715] = np.nan

    bureau = {
        "SK_ID_CURR": clients.sk_id_curr[owner].astype(np.int64),
        "SK_ID_BUREAU": sk_id_bureau,
        "CREDIT_ACTIVE": status,
        "CREDIT_CURRENCY": sample_levels(rng, spec.column("CREDIT_CURRENCY").level_shares(), n),
        "DAYS_CREDIT": days_credit,
        "CREDIT_DAY_OVERDUE": day_overdue,
        "DAYS_CREDIT_ENDDATE": end_date,
        "DAYS_ENDDATE_FACT": fact,
        "AMT_CREDIT_MAX_OVERDUE": max_overdue,
        "CNT_CREDIT_PROLONG": prolong,
        "AMT_CREDIT_SUM": amount,
        "AMT_CREDIT_SUM_DEBT": debt,
        "AMT_CREDIT_SUM_LIMIT": limit,
        "AMT_CREDIT_SUM_OVERDUE": sum_overdue,
        "CREDIT_TYPE": credit_type,
        "DAYS_CREDIT_UPDATE": update,
        "AMT_ANNUITY": annuity,
    }
    balance = _build_balance(rng, sk_id_bureau, days_credit, fact, closed, behaviour)
    order = shuffled_groups(rng, counts)  # grouped by client, clients not sorted
    return {k: v[order] for k, v in bureau.items()}, balance, next_id


def _build_balance(
    rng: np.random.Generator,
    sk_id_bureau: np.ndarray,
    days_credit: np.ndarray,
    fact: np.ndarray,
    closed: np.ndarray,
    behaviour: np.ndarray,
) -> dict[str, np.ndarray]:
    """Monthly statuses from month 0 back to the opening month, without gaps."""
    has_rows = rng.random(len(sk_id_bureau)) < SHARE_WITH_BALANCE
    open_month = np.maximum(np.floor(days_credit / DAYS_PER_MONTH), -96).astype(np.int64)
    n_months = np.where(has_rows, 1 - open_month, 0)
    credit, position = expand(n_months)
    month = -position
    close_month = np.floor(np.nan_to_num(fact, nan=0) / DAYS_PER_MONTH)[credit]
    is_closed = closed[credit] & (month >= close_month)
    n = len(month)
    bad = rng.random(n) < sigmoid(-4.6 + 1.3 * behaviour[credit])
    status = np.full(n, "0", dtype=object)
    status[bad] = rng.choice(BAD_STATUS_LEVELS, size=int(bad.sum()), p=BAD_STATUS_SHARES)
    status[rng.random(n) < 0.3] = "X"
    status[is_closed] = "C"
    return {"SK_ID_BUREAU": sk_id_bureau[credit], "MONTHS_BALANCE": month, "STATUS": status}
