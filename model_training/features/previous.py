"""Previous Home Credit applications: decisions, refusals, amounts asked and granted, recency.

The five DAYS_* columns that use the placeholder (``PLACEHOLDER_DAYS``) for "not happened /
still open" have it made missing; an approved credit whose last due date is the placeholder is
counted as still running.
"""

from __future__ import annotations

import ibis
from ibis.expr import types as ir

from model_training.data.schema import PLACEHOLDER_DAYS, PREVIOUS_PLACEHOLDER_COLUMNS
from model_training.features import ops

PLACEHOLDER_COLUMNS = PREVIOUS_PLACEHOLDER_COLUMNS
RECENT_DAYS = -365  # DAYS_DECISION at or after this is "the last year"


def _when(condition: ir.BooleanValue, value: ir.Value) -> ir.Value:
    """Return the value where the condition holds, missing elsewhere."""
    return ops.where(condition, ops.to_float(value), ibis.null("float64"))


def build_previous_features(previous: ir.Table) -> ir.Table:
    """Return one row per client with their previous applications' aggregates."""
    p = previous.mutate(
        is_open=previous.DAYS_LAST_DUE == PLACEHOLDER_DAYS,
        **{
            name: ops.null_if(previous[name], float(PLACEHOLDER_DAYS))
            for name in PLACEHOLDER_COLUMNS
        },
    )
    status = p.NAME_CONTRACT_STATUS
    is_approved = status == "Approved"
    is_refused = status == "Refused"
    kind = p.NAME_CONTRACT_TYPE
    is_running = is_approved & p.is_open
    asked_to_granted = ops.ratio(p.AMT_APPLICATION, p.AMT_CREDIT)
    return p.group_by("SK_ID_CURR").aggregate(
        PREV_COUNT=p.count(),
        PREV_APPROVED_COUNT=p.count(where=is_approved),
        PREV_REFUSED_COUNT=p.count(where=is_refused),
        PREV_CANCELED_COUNT=p.count(where=status == "Canceled"),
        PREV_REFUSED_1Y_COUNT=p.count(where=is_refused & (p.DAYS_DECISION >= RECENT_DAYS)),
        PREV_RUNNING_COUNT=p.count(where=is_running),
        PREV_REFUSED_SHARE=ops.indicator(is_refused).mean(),
        PREV_APPROVED_SHARE=ops.indicator(is_approved).mean(),
        PREV_ASKED_TO_GRANTED_MEAN=asked_to_granted.mean(),
        PREV_ASKED_TO_GRANTED_MAX=asked_to_granted.max(),
        PREV_REFUSED_AMOUNT_MEAN=_when(is_refused, p.AMT_APPLICATION).mean(),
        PREV_CREDIT_MEAN=p.AMT_CREDIT.mean(),
        PREV_ANNUITY_MEAN=p.AMT_ANNUITY.mean(),
        PREV_CNT_PAYMENT_MEAN=p.CNT_PAYMENT.mean(),
        PREV_DOWN_PAYMENT_RATE_MEAN=p.RATE_DOWN_PAYMENT.mean(),
        PREV_LAST_DECISION_DAYS=ops.to_float(p.DAYS_DECISION.max()),
        PREV_LAST_REFUSAL_DAYS=_when(is_refused, p.DAYS_DECISION).max(),
        PREV_FIRST_DECISION_DAYS=ops.to_float(p.DAYS_DECISION.min()),
        PREV_LAST_DUE_MAX=p.DAYS_LAST_DUE_1ST_VERSION.max(),
        PREV_CASH_SHARE=ops.indicator(kind == "Cash loans").mean(),
        PREV_CONSUMER_SHARE=ops.indicator(kind == "Consumer loans").mean(),
        PREV_REVOLVING_SHARE=ops.indicator(kind == "Revolving loans").mean(),
        PREV_HIGH_YIELD_SHARE=ops.indicator(p.NAME_YIELD_GROUP == "high").mean(),
        PREV_INSURED_SHARE=p.NFLAG_INSURED_ON_APPROVAL.mean(),
        PREV_RUNNING_ANNUITY_SUM=ops.where(is_running, p.AMT_ANNUITY, 0.0).sum(),
    )
