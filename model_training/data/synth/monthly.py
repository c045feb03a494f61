"""Monthly tables of approved previous loans: POS_CASH_balance, installments, credit cards."""

from __future__ import annotations

import numpy as np

from model_training.data.synth.previous import DAYS_PER_MONTH, ApprovedLoans
from model_training.data.synth.sampling import expand, sigmoid

OLDEST_MONTH = -96


def _months(loans: ApprovedLoans, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return (first month, last month) of each selected loan's monthly rows (both <= -1)."""
    first = np.floor(loans.first_due[rows] / DAYS_PER_MONTH).astype(np.int64) - 1
    span = np.where(loans.is_card[rows], 10_000, loans.term[rows])
    last = np.minimum(first + span, -1)
    return np.clip(first, OLDEST_MONTH, -1), last


def days_past_due(
    rng: np.random.Generator,
    behaviour: np.ndarray,
    loan: np.ndarray,
    position: np.ndarray,
    base: float,
) -> np.ndarray:
    """Days past due per monthly row: arrears start on some loans and then pile up monthly."""
    n_loans = len(behaviour)
    in_arrears = rng.random(n_loans) < sigmoid(base + 1.3 * behaviour)
    start = rng.integers(0, 24, n_loans)
    months_late = position - start[loan]
    cured = rng.random(n_loans) < 0.3
    months_late = np.where(
        cured[loan], np.minimum(months_late, rng.integers(1, 4, len(loan))), months_late
    )
    late = in_arrears[loan] & (months_late >= 0)
    days = 30 * months_late + rng.integers(1, 30, len(loan))
    return np.where(late, days, 0).astype(np.int64)


def build_pos_cash(rng: np.random.Generator, loans: ApprovedLoans) -> dict[str, np.ndarray]:
    """Monthly snapshots of cash and consumer loans: instalments left, status, days past due."""
    rows = np.flatnonzero(~loans.is_card & (rng.random(len(loans.sk_id_prev)) < 0.92))
    first, last = _months(loans, rows)
    counts = np.maximum(last - first + 1, 0)
    loan_idx, position = expand(counts)
    loan = rows[loan_idx]
    month = first[loan_idx] + position
    n = len(month)
    term = loans.term[loan].astype(float)
    elapsed = month - first[loan_idx]
    future = np.maximum(term - elapsed, 0)
    status = np.full(n, "Active", dtype=object)
    status[future == 0] = "Completed"
    status[(position == 0) & (rng.random(n) < 0.12)] = "Signed"
    rare = rng.random(n) < 0.002
    status[rare] = rng.choice(
        ["Demand", "Returned to the store", "Approved", "Amortized debt"], int(rare.sum())
    )
    dpd = days_past_due(rng, loans.behaviour, loan, position, -3.6)
    dpd_def = np.where((dpd > 0) & (rng.random(n) < 0.08), dpd, 0).astype(np.int64)
    no_count = rng.random(n) < 0.0026
    out = {
        "SK_ID_PREV": loans.sk_id_prev[loan],
        "SK_ID_CURR": loans.sk_id_curr[loan],
        "MONTHS_BALANCE": month,
        "CNT_INSTALMENT": np.where(no_count, np.nan, term),
        "CNT_INSTALMENT_FUTURE": np.where(no_count, np.nan, future),
        "NAME_CONTRACT_STATUS": status,
        "SK_DPD": dpd,
        "SK_DPD_DEF": dpd_def,
    }
    order = rng.permutation(n)
    return {k: v[order] for k, v in out.items()}


def build_installments(rng: np.random.Generator, loans: ApprovedLoans) -> dict[str, np.ndarray]:
    """One row per payment: due day, paid day, amount due and paid (late and short payments)."""
    n_loans = len(loans.sk_id_prev)
    months_due = np.floor((-1 - loans.first_due) / DAYS_PER_MONTH).astype(np.int64) + 1
    cap = np.where(loans.is_card, 96, loans.term)
    counts = np.clip(np.minimum(months_due, cap), 0, None)
    counts[rng.random(n_loans) < 0.05] = 0
    loan, position = expand(counts)
    n = len(loan)
    behaviour = loans.behaviour[loan]
    number = position + 1
    due = np.round(loans.first_due[loan] + position * DAYS_PER_MONTH)
    keep = due >= -2922
    late_rate = sigmoid(-2.9 + 1.1 * behaviour)
    is_late = rng.random(n) < late_rate
    delay = np.where(
        is_late, rng.geometric(1 / (4 + 12 * sigmoid(behaviour)), n), -rng.integers(0, 15, n)
    )
    paid_day = np.minimum(due + delay, -1).astype(float)
    amount = np.round(
        loans.annuity[loan] * np.where(loans.is_card[loan], rng.uniform(0.5, 1.5, n), 1), 3
    )
    is_short = rng.random(n) < sigmoid(-3.8 + 1.0 * behaviour)
    paid = np.where(is_short, np.round(amount * rng.uniform(0.1, 0.9, n), 3), amount)
    unpaid = rng.random(n) < 0.0002
    paid_day[unpaid] = np.nan
    paid[unpaid] = np.nan
    version = np.where(loans.is_card[loan], 0.0, np.where(rng.random(n) < 0.06, 2.0, 1.0))
    split = (rng.random(n) < 0.04) & ~unpaid
    repeat = np.where(split, 2, 1)
    row, part = expand(repeat * keep)
    share = np.where(repeat[row] == 2, np.where(part == 0, 0.5, 0.5), 1.0)
    out = {
        "SK_ID_PREV": loans.sk_id_prev[loan][row],
        "SK_ID_CURR": loans.sk_id_curr[loan][row],
        "NUM_INSTALMENT_VERSION": version[row],
        "NUM_INSTALMENT_NUMBER": number[row].astype(np.int64),
        "DAYS_INSTALMENT": due[row],
        "DAYS_ENTRY_PAYMENT": paid_day[row] - part * rng.integers(0, 5, len(row)),
        "AMT_INSTALMENT": amount[row],
        "AMT_PAYMENT": np.round(paid[row] * share, 3),
    }
    order = rng.permutation(len(row))
    return {k: v[order] for k, v in out.items()}


def build_credit_cards(rng: np.random.Generator, loans: ApprovedLoans) -> dict[str, np.ndarray]:
    """Monthly card statements: limit, balance (utilisation), drawings, payments, arrears."""
    rows = np.flatnonzero(loans.is_card & (rng.random(len(loans.sk_id_prev)) < 0.89))
    first, last = _months(loans, rows)
    counts = np.maximum(last - first + 1, 0)
    loan_idx, position = expand(counts)
    loan = rows[loan_idx]
    n = len(loan)
    behaviour = loans.behaviour[loan]
    limit = np.maximum(np.round(loans.credit[loan] / 22500) * 22500, 0).astype(np.int64)
    limit[(position == 0) & (rng.random(n) < 0.5)] = 0
    card_used = (rng.random(len(rows)) < 0.3 + 0.4 * sigmoid(loans.behaviour[rows]))[loan_idx]
    target_use = sigmoid(0.3 + 1.1 * behaviour + rng.normal(0, 0.5, n))
    use = np.where(card_used, np.clip(target_use + rng.normal(0, 0.08, n), 0, 1.15), 0.0)
    balance = np.round(limit * use, 3)
    draws = card_used & (rng.random(n) < 0.45)
    atm = np.where(
        draws & (rng.random(n) < 0.6), np.round(limit * rng.uniform(0.02, 0.5, n) / 450) * 450, 0.0
    )
    pos = np.where(
        draws & (rng.random(n) < 0.5), np.round(limit * rng.uniform(0.01, 0.3, n), 3), 0.0
    )
    other = np.where(
        draws & (rng.random(n) < 0.02), np.round(limit * rng.uniform(0.01, 0.1, n), 3), 0.0
    )
    n_atm = np.where(atm > 0, rng.integers(1, 5, n), 0).astype(float)
    n_pos = np.where(pos > 0, rng.integers(1, 8, n), 0).astype(float)
    n_other = np.where(other > 0, 1, 0).astype(float)
    parts_missing = rng.random(n) < 0.195
    min_regular = np.round(balance * 0.05, 3)
    dpd = np.where(card_used, days_past_due(rng, loans.behaviour, loan, position, -3.8), 0)
    payment = np.where(
        dpd > 0, 0.0, np.round(np.maximum(min_regular, balance * rng.uniform(0.02, 0.4, n)), 3)
    )
    payment_missing = rng.random(n) < 0.2
    mature_missing = rng.random(n) < 0.08
    nan = np.nan
    out = {
        "SK_ID_PREV": loans.sk_id_prev[loan],
        "SK_ID_CURR": loans.sk_id_curr[loan],
        "MONTHS_BALANCE": first[loan_idx] + position,
        "AMT_BALANCE": balance,
        "AMT_CREDIT_LIMIT_ACTUAL": limit,
        "AMT_DRAWINGS_ATM_CURRENT": np.where(parts_missing, nan, atm),
        "AMT_DRAWINGS_CURRENT": np.round(atm + pos + other, 3),
        "AMT_DRAWINGS_OTHER_CURRENT": np.where(parts_missing, nan, other),
        "AMT_DRAWINGS_POS_CURRENT": np.where(parts_missing, nan, pos),
        "AMT_INST_MIN_REGULARITY": np.where(mature_missing, nan, min_regular),
        "AMT_PAYMENT_CURRENT": np.where(payment_missing, nan, payment),
        "AMT_PAYMENT_TOTAL_CURRENT": np.where(payment_missing, 0.0, payment),
        "AMT_RECEIVABLE_PRINCIPAL": np.round(balance * 0.96, 3),
        "AMT_RECIVABLE": balance,
        "AMT_TOTAL_RECEIVABLE": balance,
        "CNT_DRAWINGS_ATM_CURRENT": np.where(parts_missing, nan, n_atm),
        "CNT_DRAWINGS_CURRENT": (n_atm + n_pos + n_other).astype(np.int64),
        "CNT_DRAWINGS_OTHER_CURRENT": np.where(parts_missing, nan, n_other),
        "CNT_DRAWINGS_POS_CURRENT": np.where(parts_missing, nan, n_pos),
        "CNT_INSTALMENT_MATURE_CUM": np.where(mature_missing, nan, position.astype(float)),
        "NAME_CONTRACT_STATUS": np.where(rng.random(n) < 0.035, "Completed", "Active").astype(
            object
        ),
        "SK_DPD": dpd,
        "SK_DPD_DEF": np.where((dpd > 0) & (rng.random(n) < 0.05), dpd, 0).astype(np.int64),
    }
    order = rng.permutation(n)
    return {k: v[order] for k, v in out.items()}
