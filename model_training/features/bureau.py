"""Credit bureau features: other lenders' credits (bureau) and their monthly status history.

bureau_balance is joined to bureau with an inner join: the real data holds months of credits
that are not in bureau (orphans), which belong to no known client.
"""

from __future__ import annotations

import ibis
from ibis.expr import types as ir

from model_training.features import ops

BAD_DEBT_STATES: tuple[str, ...] = ("Sold", "Bad debt")
BAD_STATUSES: tuple[str, ...] = ("1", "2", "3", "4", "5")
RECENT_MONTHS = -12  # MONTHS_BALANCE at or after this is "the last 12 months"


def _share(condition: ir.BooleanValue) -> ir.FloatingScalar:
    """Return the share of rows where the condition holds (a missing condition counts as no)."""
    return ops.indicator(condition).mean()


def build_bureau_features(bureau: ir.Table) -> ir.Table:
    """Return one row per client with bureau counts, overdue amounts, debt and recency."""
    b = bureau
    is_active = b.CREDIT_ACTIVE == "Active"
    is_card = b.CREDIT_TYPE == "Credit card"
    active_debt = ops.where(is_active, b.AMT_CREDIT_SUM_DEBT, ibis.null("float64"))
    active_credit = ops.where(is_active, b.AMT_CREDIT_SUM, ibis.null("float64"))
    card_debt = ops.where(is_active & is_card, b.AMT_CREDIT_SUM_DEBT, ibis.null("float64"))
    card_limit = ops.where(is_active & is_card, b.AMT_CREDIT_SUM, ibis.null("float64"))
    sums = b.group_by("SK_ID_CURR").aggregate(
        BUREAU_COUNT=b.count(),
        BUREAU_ACTIVE_COUNT=b.count(where=is_active),
        BUREAU_CLOSED_COUNT=b.count(where=b.CREDIT_ACTIVE == "Closed"),
        BUREAU_BAD_DEBT_COUNT=b.count(where=b.CREDIT_ACTIVE.isin(BAD_DEBT_STATES)),
        BUREAU_OVERDUE_COUNT=b.count(where=b.CREDIT_DAY_OVERDUE > 0),
        BUREAU_DAY_OVERDUE_MAX=ops.to_float(b.CREDIT_DAY_OVERDUE.max()),
        BUREAU_AMT_OVERDUE_SUM=b.AMT_CREDIT_SUM_OVERDUE.sum(),
        BUREAU_MAX_OVERDUE_MAX=b.AMT_CREDIT_MAX_OVERDUE.max(),
        BUREAU_PROLONG_SUM=ops.to_float(b.CNT_CREDIT_PROLONG.sum()),
        BUREAU_CREDIT_SUM=b.AMT_CREDIT_SUM.sum(),
        BUREAU_DEBT_SUM=b.AMT_CREDIT_SUM_DEBT.sum(),
        BUREAU_ACTIVE_CREDIT_SUM=active_credit.sum(),
        BUREAU_ACTIVE_DEBT_SUM=active_debt.sum(),
        card_debt=card_debt.sum(),
        card_limit=card_limit.sum(),
        BUREAU_ACTIVE_ANNUITY_SUM=ops.where(is_active, b.AMT_ANNUITY, ibis.null("float64")).sum(),
        BUREAU_DAYS_CREDIT_MAX=ops.to_float(b.DAYS_CREDIT.max()),
        BUREAU_DAYS_CREDIT_MIN=ops.to_float(b.DAYS_CREDIT.min()),
        BUREAU_DAYS_CREDIT_MEAN=b.DAYS_CREDIT.mean(),
        BUREAU_ENDDATE_MAX=b.DAYS_CREDIT_ENDDATE.max(),
        BUREAU_DAYS_UPDATE_MAX=ops.to_float(b.DAYS_CREDIT_UPDATE.max()),
        BUREAU_CARD_SHARE=_share(is_card),
        BUREAU_CONSUMER_SHARE=_share(b.CREDIT_TYPE == "Consumer credit"),
        BUREAU_MICROLOAN_COUNT=b.count(where=b.CREDIT_TYPE == "Microloan"),
        BUREAU_SECURED_COUNT=b.count(where=b.CREDIT_TYPE.isin(("Car loan", "Mortgage"))),
    )
    return sums.select(
        *[c for c in sums.columns if c not in ("card_debt", "card_limit")],
        BUREAU_ACTIVE_SHARE=ops.ratio(sums.BUREAU_ACTIVE_COUNT, sums.BUREAU_COUNT),
        BUREAU_DEBT_RATIO=ops.ratio(sums.BUREAU_DEBT_SUM, sums.BUREAU_CREDIT_SUM),
        BUREAU_ACTIVE_DEBT_RATIO=ops.ratio(
            sums.BUREAU_ACTIVE_DEBT_SUM, sums.BUREAU_ACTIVE_CREDIT_SUM
        ),
        BUREAU_CARD_LIMIT_USE=ops.ratio(sums.card_debt, sums.card_limit),
    )


def build_bureau_balance_features(bureau: ir.Table, bureau_balance: ir.Table) -> ir.Table:
    """Return one row per client with the monthly statuses of their bureau credits.

    Months are first summed per credit, then the credits joined to their owners (inner join:
    orphan credits drop out) and summed per client.
    """
    bb = bureau_balance
    status = bb.STATUS
    is_bad = status.isin(BAD_STATUSES)
    is_recent = bb.MONTHS_BALANCE >= RECENT_MONTHS
    level = ibis.cases(*((status == s, int(s)) for s in BAD_STATUSES), else_=0)
    credits = bb.group_by("SK_ID_BUREAU").aggregate(
        months=bb.count(),
        bad=bb.count(where=is_bad),
        worst=level.max(),
        recent=bb.count(where=is_recent),
        recent_bad=bb.count(where=is_recent & is_bad),
        unknown=bb.count(where=status == "X"),
    )
    owners = bureau.select("SK_ID_BUREAU", "SK_ID_CURR")
    c = credits.join(owners, "SK_ID_BUREAU", how="inner")
    sums = c.group_by("SK_ID_CURR").aggregate(
        BB_MONTHS_COUNT=c.months.sum(),
        BB_BAD_MONTHS_COUNT=c.bad.sum(),
        BB_WORST_STATUS=ops.to_float(c.worst.max()),
        BB_MONTHS_12M=c.recent.sum(),
        BB_BAD_MONTHS_12M=c.recent_bad.sum(),
        unknown=c.unknown.sum(),
        BB_CREDITS_COUNT=c.count(),
    )
    return sums.select(
        *[name for name in sums.columns if name != "unknown"],
        BB_BAD_SHARE=ops.ratio(sums.BB_BAD_MONTHS_COUNT, sums.BB_MONTHS_COUNT),
        BB_UNKNOWN_SHARE=ops.ratio(sums.unknown, sums.BB_MONTHS_COUNT),
    )
