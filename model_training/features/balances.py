"""Monthly balances of previous Home Credit loans: POS and cash loans, and credit cards."""

from __future__ import annotations

from ibis.expr import types as ir

from model_training.features import ops

RECENT_MONTHS = -12  # MONTHS_BALANCE at or after this is "the last 12 months"


def _pos_aggregates(rows: ir.Table, suffix: str, where: ir.BooleanValue | None) -> dict:
    """Return POS days-past-due aggregates over the rows ``where`` selects."""
    return {
        f"POS_MONTHS{suffix}": rows.count(where=where),
        f"POS_DPD_SHARE{suffix}": ops.indicator(rows.SK_DPD > 0).mean(where=where),
        f"POS_DPD_MAX{suffix}": ops.to_float(rows.SK_DPD.max(where=where)),
        f"POS_DPD_DEF_SHARE{suffix}": ops.indicator(rows.SK_DPD_DEF > 0).mean(where=where),
    }


def build_pos_features(pos: ir.Table) -> ir.Table:
    """Return one row per client with POS/cash loan months, arrears and remaining instalments."""
    loans = pos.group_by("SK_ID_CURR", "SK_ID_PREV").aggregate(
        remaining=pos.CNT_INSTALMENT_FUTURE.min(),
        term=pos.CNT_INSTALMENT.max(),
        is_completed=ops.indicator(pos.NAME_CONTRACT_STATUS == "Completed").max(),
    )
    per_loan = loans.group_by("SK_ID_CURR").aggregate(
        POS_LOANS_COUNT=loans.count(),
        POS_REMAINING_INSTALMENTS=loans.remaining.sum(),
        POS_RUNNING_LOANS=loans.count(where=loans.remaining > 0),
        POS_COMPLETED_SHARE=loans.is_completed.mean(),
        POS_TERM_MEAN=loans.term.mean(),
    )
    months = pos.group_by("SK_ID_CURR").aggregate(
        **_pos_aggregates(pos, "", None),
        **_pos_aggregates(pos, "_12M", pos.MONTHS_BALANCE >= RECENT_MONTHS),
    )
    return ops.join_clients(months, per_loan)


def _card_aggregates(rows: ir.Table, suffix: str, where: ir.BooleanValue | None) -> dict:
    """Return credit-card use and arrears aggregates over the rows ``where`` selects."""
    utilisation = ops.ratio(rows.AMT_BALANCE, rows.AMT_CREDIT_LIMIT_ACTUAL)
    return {
        f"CC_MONTHS{suffix}": rows.count(where=where),
        f"CC_UTILISATION_MEAN{suffix}": utilisation.mean(where=where),
        f"CC_UTILISATION_MAX{suffix}": utilisation.max(where=where),
        f"CC_DPD_MONTHS{suffix}": rows.count(where=ops.both(rows.SK_DPD > 0, where)),
        f"CC_DRAWINGS_SUM{suffix}": rows.AMT_DRAWINGS_CURRENT.sum(where=where),
        f"CC_DRAWINGS_COUNT{suffix}": ops.to_float(rows.CNT_DRAWINGS_CURRENT.sum(where=where)),
    }


def build_card_features(card: ir.Table) -> ir.Table:
    """Return one row per client with credit-card utilisation, drawings, payments, arrears."""
    c = card
    has_minimum = c.AMT_INST_MIN_REGULARITY > 0
    return c.group_by("SK_ID_CURR").aggregate(
        **_card_aggregates(c, "", None),
        CC_DPD_MAX=ops.to_float(c.SK_DPD.max()),
        CC_DPD_DEF_MONTHS=c.count(where=c.SK_DPD_DEF > 0),
        CC_LIMIT_MAX=ops.to_float(c.AMT_CREDIT_LIMIT_ACTUAL.max()),
        CC_BALANCE_MEAN=c.AMT_BALANCE.mean(),
        CC_ATM_DRAWINGS_SUM=c.AMT_DRAWINGS_ATM_CURRENT.sum(),
        CC_ATM_DRAWINGS_COUNT=c.CNT_DRAWINGS_ATM_CURRENT.sum(),
        CC_PAYMENT_TO_MINIMUM=ops.ratio(
            c.AMT_PAYMENT_TOTAL_CURRENT.sum(), c.AMT_INST_MIN_REGULARITY.sum()
        ),
        CC_BELOW_MINIMUM_SHARE=ops.null_where(
            ops.to_float(c.AMT_PAYMENT_TOTAL_CURRENT < c.AMT_INST_MIN_REGULARITY), ~has_minimum
        ).mean(),
        **_card_aggregates(c, "_12M", c.MONTHS_BALANCE >= RECENT_MONTHS),
    )
