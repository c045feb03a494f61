"""previous_application: the client's earlier applications at Home Credit, coherent by type."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model_training.data.schema import PLACEHOLDER_DAYS, PREVIOUS_PLACEHOLDER_COLUMNS, table
from model_training.data.synth.bureau import credits_per_client, new_ids
from model_training.data.synth.clients import Clients
from model_training.data.synth.sampling import (
    blank_where,
    expand,
    from_normal,
    round_to,
    sample_levels,
    sample_numeric,
    sigmoid,
)
from model_training.loan_terms import instalment

TERMS = np.array([6, 10, 12, 18, 24, 30, 36, 48, 60])
TERM_SHARES = np.array([0.22, 0.16, 0.26, 0.07, 0.14, 0.03, 0.07, 0.03, 0.02])
REFUSAL_BASE = -1.75  # logit of the refusal share for an average behaviour
DAYS_PER_MONTH = 30.4375


@dataclass(frozen=True)
class ApprovedLoans:
    """Approved previous loans, the parents of the monthly tables."""

    sk_id_prev: np.ndarray
    sk_id_curr: np.ndarray
    behaviour: np.ndarray
    is_card: np.ndarray
    term: np.ndarray
    first_due: np.ndarray
    credit: np.ndarray
    annuity: np.ndarray


def _by_contract(
    rng: np.random.Generator, levels: dict[str, float], contract: np.ndarray, prefixes: dict
) -> np.ndarray:
    """Draw codes whose names fit each contract type (Cash..., POS..., Card...)."""
    out = np.empty(len(contract), dtype=object)
    for kind, prefix in prefixes.items():
        rows = contract == kind
        pool = {k: v for k, v in levels.items() if k.startswith(prefix)}
        out[rows] = sample_levels(rng, pool, int(rows.sum()))
    return out


def build_previous(
    rng: np.random.Generator, clients: Clients, first_id: int
) -> tuple[dict[str, np.ndarray], ApprovedLoans, int]:
    """Return previous_application columns, its approved loans and the next free SK_ID_PREV."""
    spec = table("previous_application")
    col = spec.column
    counts = credits_per_client(rng, clients, "previous_application")
    owner, _ = expand(counts)
    n = len(owner)
    behaviour = clients.behaviour[owner]
    sk_id_prev = new_ids(rng, first_id, n, 1.1)
    next_id = int(sk_id_prev.max()) + 1 if n else first_id
    sk_id_prev = rng.permutation(sk_id_prev)

    contract = sample_levels(rng, col("NAME_CONTRACT_TYPE").level_shares(), n)
    refused = rng.random(n) < sigmoid(REFUSAL_BASE + 0.8 * behaviour)
    cash, consumer, card = (
        contract == k for k in ("Cash loans", "Consumer loans", "Revolving loans")
    )
    xna = contract == "XNA"
    draw = rng.random(n)
    cancel_share = np.select([cash, consumer, card], [0.45, 0.02, 0.1], 1.0)
    status = np.where(draw < cancel_share, "Canceled", "Approved").astype(object)
    status[consumer & (draw > 0.96)] = "Unused offer"
    status[refused & ~xna] = "Refused"
    approved, canceled = status == "Approved", status == "Canceled"
    days_decision = np.round(sample_numeric(rng, col("DAYS_DECISION"), n)).astype(np.int64)
    wealth_z = 0.5 * clients.wealth[owner] + 0.87 * rng.standard_normal(n)
    application = from_normal(wealth_z, col("AMT_GOODS_PRICE").statistics())
    application = np.where(cash, round_to(application * 1.5, 4500), round_to(application, 0.5))
    limits = table("credit_card_balance").column("AMT_CREDIT_LIMIT_ACTUAL").statistics()
    card_limit = from_normal(wealth_z, limits)
    application = np.where(card, np.maximum(round_to(card_limit, 22500), 22500), application)
    application[(canceled & (rng.random(n) < 0.6)) | xna] = 0.0
    insured = approved & ~card & (rng.random(n) < 0.45)
    credit = np.round(application * np.where(insured, rng.uniform(1.05, 1.2, n), 1.0), 3)
    has_down = consumer & (rng.random(n) < 0.52)
    rate_down = np.where(has_down, np.round(rng.beta(1.3, 9, n), 8), 0.0)
    down = np.round(application * rate_down, 3)
    credit = np.where(has_down, np.round(credit - down, 3), credit)
    no_terms = canceled | xna | (refused & cash & (rng.random(n) < 0.3))
    term = np.where(card, 0, rng.choice(TERMS, size=n, p=TERM_SHARES / TERM_SHARES.sum()))
    annual_rate = 0.10 + 0.15 * rng.random(n)
    annuity = np.where(card, credit * 0.05, instalment(credit, np.maximum(term, 1), annual_rate))
    annuity = np.round(annuity, 3)

    first_due = np.round(days_decision + rng.integers(20, 45, n)).astype(float)
    last_due_first = np.round(first_due + DAYS_PER_MONTH * np.maximum(term - 1, 0))
    first_due[card & (rng.random(n) < 0.3)] = PLACEHOLDER_DAYS
    last_due_first[card & (rng.random(n) < 0.7)] = PLACEHOLDER_DAYS
    ongoing = last_due_first > -1
    early_end = rng.random(n) < 0.25
    last_due = np.where(ongoing & (rng.random(n) < 0.45), PLACEHOLDER_DAYS, last_due_first)
    last_due = np.where(ongoing, last_due, np.minimum(last_due, -1))
    last_due = np.where(
        early_end & ~ongoing & ~card, last_due_first - rng.integers(0, 300, n), last_due
    )
    termination = np.where(
        last_due == PLACEHOLDER_DAYS, PLACEHOLDER_DAYS, last_due + rng.integers(0, 10, n)
    )
    first_drawing = np.where(
        rng.random(n) < 0.9, PLACEHOLDER_DAYS, days_decision + rng.integers(1, 30, n)
    ).astype(float)
    reject_levels = {
        k: v
        for k, v in col("CODE_REJECT_REASON").level_shares().items()
        if k not in ("XAP", "CLIENT")
    }
    reject = np.full(n, "XAP", dtype=object)
    reject[status == "Refused"] = sample_levels(
        rng, reject_levels, int((status == "Refused").sum())
    )
    reject[status == "Unused offer"] = "CLIENT"
    purpose_levels = {
        k: v for k, v in col("NAME_CASH_LOAN_PURPOSE").level_shares().items() if k != "XAP"
    }
    goods_levels = {
        k: v for k, v in col("NAME_GOODS_CATEGORY").level_shares().items() if k != "XNA"
    }
    seller_levels = {
        k: v for k, v in col("NAME_SELLER_INDUSTRY").level_shares().items() if k != "XNA"
    }
    yield_levels = {k: v for k, v in col("NAME_YIELD_GROUP").level_shares().items() if k != "XNA"}

    out: dict[str, np.ndarray] = {
        "SK_ID_PREV": sk_id_prev,
        "SK_ID_CURR": clients.sk_id_curr[owner].astype(np.int64),
        "NAME_CONTRACT_TYPE": contract,
        "AMT_ANNUITY": np.where(no_terms, np.nan, annuity),
        "AMT_APPLICATION": application,
        "AMT_CREDIT": credit,
        "AMT_DOWN_PAYMENT": np.where(consumer, down, np.nan),
        "AMT_GOODS_PRICE": np.where(no_terms, np.nan, application),
        "WEEKDAY_APPR_PROCESS_START": sample_levels(
            rng, col("WEEKDAY_APPR_PROCESS_START").level_shares(), n
        ),
        "HOUR_APPR_PROCESS_START": np.round(
            sample_numeric(rng, col("HOUR_APPR_PROCESS_START"), n)
        ).astype(np.int64),
        "FLAG_LAST_APPL_PER_CONTRACT": sample_levels(
            rng, col("FLAG_LAST_APPL_PER_CONTRACT").level_shares(), n
        ),
        "NFLAG_LAST_APPL_IN_DAY": (rng.random(n) < 0.9965).astype(np.int64),
        "RATE_DOWN_PAYMENT": np.where(consumer, rate_down, np.nan),
        "RATE_INTEREST_PRIMARY": np.where(
            rng.random(n) < 0.0036, np.round(rng.uniform(0.1, 0.2, n), 8), np.nan
        ),
        "NAME_CASH_LOAN_PURPOSE": np.where(cash, "XNA", "XAP").astype(object),
        "NAME_CONTRACT_STATUS": status,
        "DAYS_DECISION": days_decision,
        "NAME_PAYMENT_TYPE": np.where(
            no_terms | card | (refused & (rng.random(n) < 0.4)), "XNA", "Cash through the bank"
        ).astype(object),
        "CODE_REJECT_REASON": reject,
        "NAME_TYPE_SUITE": blank_where(
            rng.random(n) < 0.49, sample_levels(rng, col("NAME_TYPE_SUITE").level_shares(), n)
        ),
        "NAME_CLIENT_TYPE": sample_levels(rng, col("NAME_CLIENT_TYPE").level_shares(), n),
        "NAME_GOODS_CATEGORY": np.where(
            consumer, sample_levels(rng, goods_levels, n), "XNA"
        ).astype(object),
        "NAME_PORTFOLIO": np.select(
            [no_terms, cash, consumer, card], ["XNA", "Cash", "POS", "Cards"], "XNA"
        ).astype(object),
        "NAME_PRODUCT_TYPE": np.where(
            cash & (~canceled | (rng.random(n) < 0.45)),
            rng.choice(["x-sell", "walk-in"], n, p=[0.75, 0.25]),
            "XNA",
        ).astype(object),
        "CHANNEL_TYPE": sample_levels(rng, col("CHANNEL_TYPE").level_shares(), n),
        "SELLERPLACE_AREA": np.where(
            consumer, np.round(sample_numeric(rng, col("SELLERPLACE_AREA"), n)), -1
        ).astype(np.int64),
        "NAME_SELLER_INDUSTRY": np.where(
            consumer, sample_levels(rng, seller_levels, n), "XNA"
        ).astype(object),
        "CNT_PAYMENT": np.where(no_terms, np.nan, term.astype(float)),
        "NAME_YIELD_GROUP": np.where(
            no_terms | (refused & (rng.random(n) < 0.6)), "XNA", sample_levels(rng, yield_levels, n)
        ).astype(object),
        "PRODUCT_COMBINATION": _by_contract(
            rng,
            col("PRODUCT_COMBINATION").level_shares(),
            contract,
            {"Cash loans": "Cash", "Consumer loans": "POS", "Revolving loans": "Card"},
        ),
        "DAYS_FIRST_DRAWING": first_drawing,
        "DAYS_FIRST_DUE": first_due,
        "DAYS_LAST_DUE_1ST_VERSION": np.round(last_due_first),
        "DAYS_LAST_DUE": np.round(last_due),
        "DAYS_TERMINATION": np.round(termination),
        "NFLAG_INSURED_ON_APPROVAL": insured.astype(float),
    }
    purpose_rows = cash & (rng.random(n) < 0.08)
    out["NAME_CASH_LOAN_PURPOSE"][purpose_rows] = sample_levels(
        rng, purpose_levels, int(purpose_rows.sum())
    )
    out["RATE_INTEREST_PRIVILEGED"] = np.where(
        np.isnan(out["RATE_INTEREST_PRIMARY"]), np.nan, np.round(rng.uniform(0.64, 0.87, n), 8)
    )
    for name in (*PREVIOUS_PLACEHOLDER_COLUMNS, "NFLAG_INSURED_ON_APPROVAL"):
        out[name] = np.where(approved, out[name], np.nan)
    loans = ApprovedLoans(
        sk_id_prev=sk_id_prev[approved],
        sk_id_curr=out["SK_ID_CURR"][approved],
        behaviour=behaviour[approved],
        is_card=card[approved],
        term=term[approved],
        first_due=np.where(first_due == PLACEHOLDER_DAYS, days_decision + 30, first_due)[approved],
        credit=credit[approved],
        annuity=annuity[approved],
    )
    order = rng.permutation(n)  # the real file is not sorted
    return (
        {k: (v[order] if isinstance(v, np.ndarray) else v) for k, v in out.items()},
        loans,
        next_id,
    )
