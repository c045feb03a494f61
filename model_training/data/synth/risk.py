"""The true probability of default: how the generator turns a client into TARGET.

The log-odds are a function of what the files show, so a model can reach them: application
fields (EXT_SOURCE_* first) and per-client summaries of the history rows (late and short
instalments, refusals, overdue bureau credits, bad monthly statuses, card use and arrears,
POS arrears), non-linear and with interactions. The latent traits of ``clients`` shape those
rows but never enter the log-odds directly. The protected attribute
(``schema.PROTECTED_ATTRIBUTE``) is never used; "Maternity leave" is neutral.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq

from model_training.data.schema import PLACEHOLDER_DAYS
from model_training.data.synth.history_summary import HistorySummary
from model_training.data.synth.sampling import sigmoid

TARGET_RATE = 0.080729  # share of defaults in Kaggle's application_train
EXT_WEIGHT = -3.5  # per unit of the mean of the known EXT_SOURCE_* values
HISTORY_WEIGHT = 0.5  # scales the history part: all tables ~0.05 AUC above the application
EDUCATION_EFFECT = {
    "Lower secondary": 0.35,
    "Secondary / secondary special": 0.15,
    "Incomplete higher": 0.05,
    "Higher education": -0.25,
    "Academic degree": -0.5,
}
OCCUPATION_EFFECT = {
    "Low-skill Laborers": 0.45,
    "Drivers": 0.2,
    "Waiters/barmen staff": 0.2,
    "Laborers": 0.15,
    "Security staff": 0.15,
    "Cooking staff": 0.1,
    "Accountants": -0.25,
    "Managers": -0.15,
    "High skill tech staff": -0.15,
    "Core staff": -0.1,
    "IT staff": -0.2,
    "Medicine staff": -0.1,
}
INCOME_TYPE_EFFECT = {
    "Unemployed": 1.8,
    "Working": 0.1,
    "State servant": -0.2,
    "Pensioner": -0.1,
    "Student": -0.5,
    "Businessman": -0.5,
}


def _lookup(values: np.ndarray, table: dict[str, float]) -> np.ndarray:
    out = np.zeros(len(values))
    for level, effect in table.items():
        out[values == level] = effect
    return out


def application_logit(app: dict[str, np.ndarray]) -> np.ndarray:
    """Return the application part of the log-odds of default, from observable fields only."""
    age = -app["DAYS_BIRTH"] / 365.25
    employed = app["DAYS_EMPLOYED"] != PLACEHOLDER_DAYS
    years_employed = np.where(employed, -app["DAYS_EMPLOYED"] / 365.25, np.nan)
    income = app["AMT_INCOME_TOTAL"]
    annuity = np.nan_to_num(app["AMT_ANNUITY"], nan=np.nanmedian(app["AMT_ANNUITY"]))
    goods = np.where(np.isnan(app["AMT_GOODS_PRICE"]), app["AMT_CREDIT"], app["AMT_GOODS_PRICE"])
    burden = annuity / income
    credit_to_goods = app["AMT_CREDIT"] / goods
    ext = np.vstack([app[f"EXT_SOURCE_{k}"] for k in (1, 2, 3)])
    n_known = np.sum(~np.isnan(ext), axis=0)
    ext_mean = np.where(n_known > 0, np.nansum(ext, axis=0) / np.maximum(n_known, 1), 0.5)
    ext_min = np.where(n_known > 0, np.nanmin(np.where(np.isnan(ext), 1.0, ext), axis=0), 0.5)
    is_risky = ext_mean < 0.4
    with np.errstate(invalid="ignore"):
        short_job = employed & (years_employed < 1.0)
        recent_job = employed & (years_employed >= 1.0) & (years_employed < 3.0)
    return (
        EXT_WEIGHT * (ext_mean - 0.5)
        + 2.5 * np.maximum(0.25 - ext_min, 0)
        - 0.022 * (age - 40)
        + 0.35 * short_job
        + 0.15 * recent_job
        + 2.0 * np.maximum(burden - 0.2, 0) * (1 + 1.0 * is_risky)
        + 0.3 * (credit_to_goods > 1.15)
        + _lookup(app["NAME_EDUCATION_TYPE"], EDUCATION_EFFECT)
        + _lookup(app["OCCUPATION_TYPE"], OCCUPATION_EFFECT)
        + _lookup(app["NAME_INCOME_TYPE"], INCOME_TYPE_EFFECT)
        + 0.18 * (np.clip(app["REGION_RATING_CLIENT_W_CITY"], 1, 3) - 2)
        + 0.12 * app["REG_CITY_NOT_WORK_CITY"]
        - 0.1 * (app["FLAG_OWN_CAR"] == "Y")
        - 0.2 * (app["NAME_CONTRACT_TYPE"] == "Revolving loans")
    )


def _centered(values: np.ndarray, center: float) -> np.ndarray:
    return np.nan_to_num(values - center, nan=0.0)


def history_logit(history: HistorySummary, days_birth: np.ndarray) -> np.ndarray:
    """Return the history part of the log-odds, from observable per-client summaries only."""
    young = -days_birth / 365.25 < 30
    late = _centered(history.late_share, 0.08)
    return HISTORY_WEIGHT * (
        5.0 * late * (1 + 0.6 * young)
        + 4.0 * np.maximum(late - 0.15, 0)
        + 0.03 * _centered(np.minimum(history.mean_days_late, 30), 1.5)
        + 4.0 * _centered(history.short_share, 0.06)
        + 1.6 * _centered(history.refused_share, 0.17)
        + 0.6 * (history.bureau_overdue > 0)
        + 8.0 * _centered(history.bureau_bad_months, 0.01)
        + 1.0 * _centered(history.card_use, 0.4)
        + 2.0 * _centered(history.card_late_months, 0.02)
        + 2.5 * _centered(history.pos_late_months, 0.02)
        + 0.1 * ~history.has_bureau
        + 0.15 * ~history.has_previous
    )


def solve_intercept(logit: np.ndarray, rate: float = TARGET_RATE) -> float:
    """Return the intercept that makes the mean probability equal ``rate``."""
    return brentq(lambda b: sigmoid(logit + b).mean() - rate, -30.0, 30.0)
