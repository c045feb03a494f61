"""Instalment payments on previous Home Credit loans: lateness, short payments, unpaid rows.

Each row is one payment (an instalment paid in several parts gives several rows); a row with
no payment date and amount is an instalment never paid. Late and short shares are taken over
the paid rows; the unpaid ones are counted apart. All history and the last year are computed
in one pass (the last year as filtered aggregates).
"""

from __future__ import annotations

from ibis.expr import types as ir

from model_training.features import ops

RECENT_DAYS = -365  # DAYS_INSTALMENT at or after this is "the last year"


def _payment_rows(installments: ir.Table) -> ir.Table:
    """Return the payments with their lateness, shortfall and recency computed once per row."""
    i = installments
    is_unpaid = ops.is_missing(i.AMT_PAYMENT)
    days_late = i.DAYS_ENTRY_PAYMENT - i.DAYS_INSTALMENT
    return i.select(
        "SK_ID_CURR",
        "SK_ID_PREV",
        "AMT_PAYMENT",
        is_unpaid=is_unpaid,
        is_recent=i.DAYS_INSTALMENT >= RECENT_DAYS,
        is_late_30=days_late > 30,
        late=ops.to_float(days_late > 0),  # missing on unpaid rows
        short=ops.to_float(i.AMT_PAYMENT < i.AMT_INSTALMENT),
        days_late=ops.null_where(ops.where(days_late > 0, days_late, 0.0), is_unpaid),
        days_early=ops.null_where(ops.where(days_late < 0, -days_late, 0.0), is_unpaid),
        due=ops.where(is_unpaid, 0.0, i.AMT_INSTALMENT),
    )


def _aggregates(rows: ir.Table, suffix: str, where: ir.BooleanValue | None) -> dict:
    """Return lateness and payment aggregates over the rows ``where`` selects."""
    return {
        f"INST_COUNT{suffix}": rows.count(where=where),
        f"INST_LATE_SHARE{suffix}": rows.late.mean(where=where),
        f"INST_LATE_30_COUNT{suffix}": rows.count(where=ops.both(rows.is_late_30, where)),
        f"INST_DAYS_LATE_MEAN{suffix}": rows.days_late.mean(where=where),
        f"INST_DAYS_LATE_MAX{suffix}": rows.days_late.max(where=where),
        f"INST_SHORT_SHARE{suffix}": rows.short.mean(where=where),
        f"INST_PAYMENT_RATIO{suffix}": ops.ratio(
            rows.AMT_PAYMENT.sum(where=where), rows.due.sum(where=where)
        ),
    }


def build_installments_features(installments: ir.Table) -> ir.Table:
    """Return one row per client with payment behaviour over all history and the last year."""
    rows = _payment_rows(installments)
    return rows.group_by("SK_ID_CURR").aggregate(
        **_aggregates(rows, "", None),
        INST_UNPAID_COUNT=rows.count(where=rows.is_unpaid),
        INST_DAYS_EARLY_MEAN=rows.days_early.mean(),
        INST_LOANS_COUNT=rows.SK_ID_PREV.nunique(),
        **_aggregates(rows, "_1Y", rows.is_recent),
    )
