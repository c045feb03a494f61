"""The pandas baseline of bench/features.py: the same aggregations, written as a notebook would."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
from measure import cpu_seconds, peak_mb

from model_training.data.schema import PLACEHOLDER_DAYS, PREVIOUS_PLACEHOLDER_COLUMNS

Reader = Callable[[str], pd.DataFrame]


def _share(flag: pd.Series) -> pd.Series:
    """Return a float copy of a boolean Series, to average into a share."""
    return flag.astype("float64")


def _bureau(read: Reader) -> list[pd.DataFrame]:
    """Return bureau and bureau_balance aggregates per client, as pandas."""
    b = read("bureau")
    active = b.CREDIT_ACTIVE == "Active"
    card = b.CREDIT_TYPE == "Credit card"
    b = b.assign(
        active=active,
        closed=b.CREDIT_ACTIVE == "Closed",
        bad=b.CREDIT_ACTIVE.isin(["Sold", "Bad debt"]),
        overdue=b.CREDIT_DAY_OVERDUE > 0,
        active_debt=b.AMT_CREDIT_SUM_DEBT.where(active),
        active_credit=b.AMT_CREDIT_SUM.where(active),
        card_debt=b.AMT_CREDIT_SUM_DEBT.where(active & card),
        card_limit=b.AMT_CREDIT_SUM.where(active & card),
        active_annuity=b.AMT_ANNUITY.where(active),
        card=_share(card),
        consumer=_share(b.CREDIT_TYPE == "Consumer credit"),
        micro=b.CREDIT_TYPE == "Microloan",
        secured=b.CREDIT_TYPE.isin(["Car loan", "Mortgage"]),
    )
    out = b.groupby("SK_ID_CURR").agg(
        BUREAU_COUNT=("SK_ID_BUREAU", "size"),
        BUREAU_ACTIVE_COUNT=("active", "sum"),
        BUREAU_CLOSED_COUNT=("closed", "sum"),
        BUREAU_BAD_DEBT_COUNT=("bad", "sum"),
        BUREAU_OVERDUE_COUNT=("overdue", "sum"),
        BUREAU_DAY_OVERDUE_MAX=("CREDIT_DAY_OVERDUE", "max"),
        BUREAU_AMT_OVERDUE_SUM=("AMT_CREDIT_SUM_OVERDUE", "sum"),
        BUREAU_MAX_OVERDUE_MAX=("AMT_CREDIT_MAX_OVERDUE", "max"),
        BUREAU_PROLONG_SUM=("CNT_CREDIT_PROLONG", "sum"),
        BUREAU_CREDIT_SUM=("AMT_CREDIT_SUM", "sum"),
        BUREAU_DEBT_SUM=("AMT_CREDIT_SUM_DEBT", "sum"),
        BUREAU_ACTIVE_CREDIT_SUM=("active_credit", "sum"),
        BUREAU_ACTIVE_DEBT_SUM=("active_debt", "sum"),
        card_debt=("card_debt", "sum"),
        card_limit=("card_limit", "sum"),
        BUREAU_ACTIVE_ANNUITY_SUM=("active_annuity", "sum"),
        BUREAU_DAYS_CREDIT_MAX=("DAYS_CREDIT", "max"),
        BUREAU_DAYS_CREDIT_MIN=("DAYS_CREDIT", "min"),
        BUREAU_DAYS_CREDIT_MEAN=("DAYS_CREDIT", "mean"),
        BUREAU_ENDDATE_MAX=("DAYS_CREDIT_ENDDATE", "max"),
        BUREAU_DAYS_UPDATE_MAX=("DAYS_CREDIT_UPDATE", "max"),
        BUREAU_CARD_SHARE=("card", "mean"),
        BUREAU_CONSUMER_SHARE=("consumer", "mean"),
        BUREAU_MICROLOAN_COUNT=("micro", "sum"),
        BUREAU_SECURED_COUNT=("secured", "sum"),
    )
    out["BUREAU_ACTIVE_SHARE"] = out.BUREAU_ACTIVE_COUNT / out.BUREAU_COUNT
    out["BUREAU_DEBT_RATIO"] = out.BUREAU_DEBT_SUM / out.BUREAU_CREDIT_SUM.replace(0, np.nan)
    out["BUREAU_ACTIVE_DEBT_RATIO"] = (
        out.BUREAU_ACTIVE_DEBT_SUM / out.BUREAU_ACTIVE_CREDIT_SUM.replace(0, np.nan)
    )
    out["BUREAU_CARD_LIMIT_USE"] = out.pop("card_debt") / out.pop("card_limit").replace(0, np.nan)
    bb = read("bureau_balance").merge(b[["SK_ID_BUREAU", "SK_ID_CURR"]], on="SK_ID_BUREAU")
    is_bad = bb.STATUS.isin(list("12345"))
    recent = bb.MONTHS_BALANCE >= -12
    bb = bb.assign(
        bad=is_bad,
        level=bb.STATUS.where(is_bad, "0").astype("int64"),
        recent=recent,
        recent_bad=recent & is_bad,
        unknown=_share(bb.STATUS == "X"),
        bad_share=_share(is_bad),
    )
    months = bb.groupby("SK_ID_CURR").agg(
        BB_MONTHS_COUNT=("STATUS", "size"),
        BB_BAD_MONTHS_COUNT=("bad", "sum"),
        BB_BAD_SHARE=("bad_share", "mean"),
        BB_WORST_STATUS=("level", "max"),
        BB_MONTHS_12M=("recent", "sum"),
        BB_BAD_MONTHS_12M=("recent_bad", "sum"),
        BB_UNKNOWN_SHARE=("unknown", "mean"),
        BB_CREDITS_COUNT=("SK_ID_BUREAU", "nunique"),
    )
    return [out, months]


def _previous(read: Reader) -> list[pd.DataFrame]:
    """Return previous_application aggregates per client, as pandas."""
    p = read("previous_application")
    running = (p.NAME_CONTRACT_STATUS == "Approved") & (p.DAYS_LAST_DUE == PLACEHOLDER_DAYS)
    for name in PREVIOUS_PLACEHOLDER_COLUMNS:
        p[name] = p[name].mask(p[name] == PLACEHOLDER_DAYS)
    refused = p.NAME_CONTRACT_STATUS == "Refused"
    p = p.assign(
        approved=p.NAME_CONTRACT_STATUS == "Approved",
        refused=refused,
        canceled=p.NAME_CONTRACT_STATUS == "Canceled",
        refused_1y=refused & (p.DAYS_DECISION >= -365),
        running=running,
        refused_share=_share(refused),
        approved_share=_share(p.NAME_CONTRACT_STATUS == "Approved"),
        asked=p.AMT_APPLICATION / p.AMT_CREDIT.replace(0, np.nan),
        refused_amount=p.AMT_APPLICATION.where(refused),
        refusal_day=p.DAYS_DECISION.where(refused),
        cash=_share(p.NAME_CONTRACT_TYPE == "Cash loans"),
        consumer=_share(p.NAME_CONTRACT_TYPE == "Consumer loans"),
        revolving=_share(p.NAME_CONTRACT_TYPE == "Revolving loans"),
        high=_share(p.NAME_YIELD_GROUP == "high"),
        running_annuity=p.AMT_ANNUITY.where(running, 0.0),
    )
    return [
        p.groupby("SK_ID_CURR").agg(
            PREV_COUNT=("SK_ID_PREV", "size"),
            PREV_APPROVED_COUNT=("approved", "sum"),
            PREV_REFUSED_COUNT=("refused", "sum"),
            PREV_CANCELED_COUNT=("canceled", "sum"),
            PREV_REFUSED_1Y_COUNT=("refused_1y", "sum"),
            PREV_RUNNING_COUNT=("running", "sum"),
            PREV_REFUSED_SHARE=("refused_share", "mean"),
            PREV_APPROVED_SHARE=("approved_share", "mean"),
            PREV_ASKED_TO_GRANTED_MEAN=("asked", "mean"),
            PREV_ASKED_TO_GRANTED_MAX=("asked", "max"),
            PREV_REFUSED_AMOUNT_MEAN=("refused_amount", "mean"),
            PREV_CREDIT_MEAN=("AMT_CREDIT", "mean"),
            PREV_ANNUITY_MEAN=("AMT_ANNUITY", "mean"),
            PREV_CNT_PAYMENT_MEAN=("CNT_PAYMENT", "mean"),
            PREV_DOWN_PAYMENT_RATE_MEAN=("RATE_DOWN_PAYMENT", "mean"),
            PREV_LAST_DECISION_DAYS=("DAYS_DECISION", "max"),
            PREV_LAST_REFUSAL_DAYS=("refusal_day", "max"),
            PREV_FIRST_DECISION_DAYS=("DAYS_DECISION", "min"),
            PREV_LAST_DUE_MAX=("DAYS_LAST_DUE_1ST_VERSION", "max"),
            PREV_CASH_SHARE=("cash", "mean"),
            PREV_CONSUMER_SHARE=("consumer", "mean"),
            PREV_REVOLVING_SHARE=("revolving", "mean"),
            PREV_HIGH_YIELD_SHARE=("high", "mean"),
            PREV_INSURED_SHARE=("NFLAG_INSURED_ON_APPROVAL", "mean"),
            PREV_RUNNING_ANNUITY_SUM=("running_annuity", "sum"),
        )
    ]


def _pos(read: Reader) -> list[pd.DataFrame]:
    """Return POS_CASH_balance aggregates per client (all history and last 12 months)."""
    pos = read("POS_CASH_balance")
    pos = pos.assign(
        dpd=_share(pos.SK_DPD > 0),
        dpd_def=_share(pos.SK_DPD_DEF > 0),
        completed=_share(pos.NAME_CONTRACT_STATUS == "Completed"),
    )
    loans = pos.groupby(["SK_ID_CURR", "SK_ID_PREV"]).agg(
        remaining=("CNT_INSTALMENT_FUTURE", "min"),
        term=("CNT_INSTALMENT", "max"),
        completed=("completed", "max"),
    )
    loans["running"] = loans.remaining > 0
    per_loan = loans.groupby("SK_ID_CURR").agg(
        POS_LOANS_COUNT=("term", "size"),
        POS_REMAINING_INSTALMENTS=("remaining", "sum"),
        POS_RUNNING_LOANS=("running", "sum"),
        POS_COMPLETED_SHARE=("completed", "mean"),
        POS_TERM_MEAN=("term", "mean"),
    )
    frames = [per_loan]
    for suffix, rows in (("", pos), ("_12M", pos[pos.MONTHS_BALANCE >= -12])):
        frames.append(
            rows.groupby("SK_ID_CURR").agg(
                **{
                    f"POS_MONTHS{suffix}": ("SK_DPD", "size"),
                    f"POS_DPD_SHARE{suffix}": ("dpd", "mean"),
                    f"POS_DPD_MAX{suffix}": ("SK_DPD", "max"),
                    f"POS_DPD_DEF_SHARE{suffix}": ("dpd_def", "mean"),
                }
            )
        )
    return frames


def _installments(read: Reader) -> list[pd.DataFrame]:
    """Return installments_payments aggregates per client (all history and last year)."""
    i = read("installments_payments")
    late = i.DAYS_ENTRY_PAYMENT - i.DAYS_INSTALMENT
    paid = i.AMT_PAYMENT.notna()
    i = i.assign(
        late=_share(late > 0).where(paid),
        late30=late > 30,
        days_late=late.clip(lower=0),
        short=_share(i.AMT_PAYMENT < i.AMT_INSTALMENT).where(paid),
        paid_instalment=i.AMT_INSTALMENT.where(paid, 0.0),
        unpaid=~paid,
        early=(-late).clip(lower=0),
    )
    frames = []
    for suffix, rows in (("", i), ("_1Y", i[i.DAYS_INSTALMENT >= -365])):
        agg = rows.groupby("SK_ID_CURR").agg(
            **{
                f"INST_COUNT{suffix}": ("late", "size"),
                f"INST_LATE_SHARE{suffix}": ("late", "mean"),
                f"INST_LATE_30_COUNT{suffix}": ("late30", "sum"),
                f"INST_DAYS_LATE_MEAN{suffix}": ("days_late", "mean"),
                f"INST_DAYS_LATE_MAX{suffix}": ("days_late", "max"),
                f"INST_SHORT_SHARE{suffix}": ("short", "mean"),
                "paid": ("AMT_PAYMENT", "sum"),
                "due": ("paid_instalment", "sum"),
            }
        )
        agg[f"INST_PAYMENT_RATIO{suffix}"] = agg.pop("paid") / agg.pop("due").replace(0, np.nan)
        frames.append(agg)
    frames.append(
        i.groupby("SK_ID_CURR").agg(
            INST_UNPAID_COUNT=("unpaid", "sum"),
            INST_DAYS_EARLY_MEAN=("early", "mean"),
            INST_LOANS_COUNT=("SK_ID_PREV", "nunique"),
        )
    )
    return frames


def _cards(read: Reader) -> list[pd.DataFrame]:
    """Return credit_card_balance aggregates per client (all history and last 12 months)."""
    c = read("credit_card_balance")
    has_min = c.AMT_INST_MIN_REGULARITY > 0
    c = c.assign(
        use=c.AMT_BALANCE / c.AMT_CREDIT_LIMIT_ACTUAL.replace(0, np.nan),
        dpd=c.SK_DPD > 0,
        dpd_def=c.SK_DPD_DEF > 0,
        below=_share(c.AMT_PAYMENT_TOTAL_CURRENT < c.AMT_INST_MIN_REGULARITY).where(has_min),
    )
    frames = []
    for suffix, rows in (("", c), ("_12M", c[c.MONTHS_BALANCE >= -12])):
        frames.append(
            rows.groupby("SK_ID_CURR").agg(
                **{
                    f"CC_MONTHS{suffix}": ("use", "size"),
                    f"CC_UTILISATION_MEAN{suffix}": ("use", "mean"),
                    f"CC_UTILISATION_MAX{suffix}": ("use", "max"),
                    f"CC_DPD_MONTHS{suffix}": ("dpd", "sum"),
                    f"CC_DRAWINGS_SUM{suffix}": ("AMT_DRAWINGS_CURRENT", "sum"),
                    f"CC_DRAWINGS_COUNT{suffix}": ("CNT_DRAWINGS_CURRENT", "sum"),
                }
            )
        )
    rest = c.groupby("SK_ID_CURR").agg(
        CC_DPD_MAX=("SK_DPD", "max"),
        CC_DPD_DEF_MONTHS=("dpd_def", "sum"),
        CC_LIMIT_MAX=("AMT_CREDIT_LIMIT_ACTUAL", "max"),
        CC_BALANCE_MEAN=("AMT_BALANCE", "mean"),
        CC_ATM_DRAWINGS_SUM=("AMT_DRAWINGS_ATM_CURRENT", "sum"),
        CC_ATM_DRAWINGS_COUNT=("CNT_DRAWINGS_ATM_CURRENT", "sum"),
        paid=("AMT_PAYMENT_TOTAL_CURRENT", "sum"),
        minimum=("AMT_INST_MIN_REGULARITY", "sum"),
        CC_BELOW_MINIMUM_SHARE=("below", "mean"),
    )
    rest["CC_PAYMENT_TO_MINIMUM"] = rest.pop("paid") / rest.pop("minimum").replace(0, np.nan)
    return [*frames, rest]


def run_pandas(data_dir: Path) -> dict:
    """Compute the same features with pandas groupby/agg; return rows, seconds, peak MB."""
    from model_training.features import application_features  # noqa: PLC0415

    validated = data_dir / "validated"
    started = time.perf_counter()

    def read(name: str) -> pd.DataFrame:
        """Read one validated table."""
        return pd.read_parquet(validated / f"{name}.parquet")

    train, test = read("application_train"), read("application_test")
    test["TARGET"] = pd.NA
    apps = pd.concat([train.assign(is_test=False), test.assign(is_test=True)], ignore_index=True)
    del train, test
    features = pd.concat(
        [
            apps[["SK_ID_CURR", "TARGET", "is_test"]],
            application_features(apps).drop(columns="SK_ID_CURR"),
        ],
        axis=1,
    ).set_index("SK_ID_CURR")
    del apps
    for build in (_bureau, _previous, _pos, _installments, _cards):
        for frame in build(read):
            features = features.join(frame, how="left")
    income = features.AMT_INCOME_TOTAL.replace(0, np.nan)
    features["BUREAU_ACTIVE_DEBT_TO_INCOME"] = features.BUREAU_ACTIVE_DEBT_SUM / income
    burden = features.AMT_ANNUITY + features.PREV_RUNNING_ANNUITY_SUM.fillna(0.0)
    features["TOTAL_ANNUITY_TO_INCOME"] = burden / income
    features = features.sort_index().reset_index()
    with tempfile.TemporaryDirectory() as folder:
        features.to_parquet(Path(folder) / "features.parquet", index=False)
    seconds = time.perf_counter() - started
    return {
        "rows": len(features),
        "features": features.shape[1] - 3,
        "seconds": seconds,
        "peak_mb": peak_mb(),
        "cpu": cpu_seconds(),
    }
