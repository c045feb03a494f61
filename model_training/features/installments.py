"""Instalment payments on previous Home Credit loans: lateness, short payments, unpaid rows.

Each row is one payment (an instalment paid in several parts gives several rows); a row with
no payment date and amount is an instalment never paid. Late and short shares are taken over
the paid rows; the unpaid ones are counted apart.
"""

from __future__ import annotations

from ibis.expr import types as ir

from model_training.features import ops

RECENT_DAYS = -365  # DAYS_INSTALMENT at or after this is "the last year"


def _aggregates(rows: ir.Table, suffix: str) -> dict[str, ir.Scalar]:
    """Return lateness and payment aggregates over ``rows``, names ending with ``suffix``."""
    is_paid = ~ops.is_missing(rows.AMT_PAYMENT)
    days_late = rows.DAYS_ENTRY_PAYMENT - rows.DAYS_INSTALMENT
    positive_late = ops.where(days_late > 0, days_late, 0.0)
    is_late = ops.to_float(days_late > 0)  # missing on unpaid rows
    is_short = ops.to_float(rows.AMT_PAYMENT < rows.AMT_INSTALMENT)
    paid_instalment = ops.where(is_paid, rows.AMT_INSTALMENT, 0.0)
    return {
        f"INST_COUNT{suffix}": rows.count(),
        f"INST_LATE_SHARE{suffix}": is_late.mean(),
        f"INST_LATE_30_COUNT{suffix}": rows.count(where=days_late > 30),
        f"INST_DAYS_LATE_MEAN{suffix}": ops.null_where(positive_late, ~is_paid).mean(),
        f"INST_DAYS_LATE_MAX{suffix}": ops.null_where(positive_late, ~is_paid).max(),
        f"INST_SHORT_SHARE{suffix}": is_short.mean(),
        f"INST_PAYMENT_RATIO{suffix}": ops.ratio(rows.AMT_PAYMENT.sum(), paid_instalment.sum()),
    }


def build_installments_features(installments: ir.Table) -> ir.Table:
    """Return one row per client with payment behaviour over all history and the last year."""
    i = installments
    is_recent = i.DAYS_INSTALMENT >= RECENT_DAYS
    recent = i.filter(is_recent)
    days_early = i.DAYS_INSTALMENT - i.DAYS_ENTRY_PAYMENT
    days_early = ops.where(days_early > 0, days_early, 0.0)
    everything = i.group_by("SK_ID_CURR").aggregate(
        **_aggregates(i, ""),
        INST_UNPAID_COUNT=i.count(where=ops.is_missing(i.AMT_PAYMENT)),
        INST_DAYS_EARLY_MEAN=ops.null_where(
            days_early, ops.is_missing(i.DAYS_ENTRY_PAYMENT)
        ).mean(),
        INST_LOANS_COUNT=i.SK_ID_PREV.nunique(),
    )
    last_year = recent.group_by("SK_ID_CURR").aggregate(**_aggregates(recent, "_1Y"))
    return ops.join_clients(everything, last_year)
