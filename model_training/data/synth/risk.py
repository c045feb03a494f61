"""The true probability of default: how the generator turns a client into TARGET.

The log-odds combine the latent risk (seen through EXT_SOURCE_*), the latent repayment
behaviour (seen only through the history tables) and application fields, non-linearly and
with interactions. CODE_GENDER is never used, and "Maternity leave" is neutral.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import brentq

from model_training.data.schema import PLACEHOLDER_DAYS
from model_training.data.synth.clients import Clients
from model_training.data.synth.sampling import sigmoid

TARGET_RATE = 0.080729  # share of defaults in Kaggle's application_train
RISK_WEIGHT = 0.95
BEHAVIOUR_WEIGHT = 0.95
EDUCATION_EFFECT = {
    "Lower secondary": 0.35,
    "Secondary / secondary special": 0.15,
    "Incomplete higher": 0.05,
    "Higher education": -0.25,
    "Academic degree": -0.5,
}
OCCUPATION_EFFECT = {
    "Low-skill Laborers": 0.45, "Drivers": 0.2, "Waiters/barmen staff": 0.2, "Laborers": 0.15,
    "Security staff": 0.15, "Cooking staff": 0.1, "Accountants": -0.25, "Managers": -0.15,
    "High skill tech staff": -0.15, "Core staff": -0.1, "IT staff": -0.2, "Medicine staff": -0.1,
}  # fmt: skip
INCOME_TYPE_EFFECT = {
    "Unemployed": 1.8, "Working": 0.1, "State servant": -0.2, "Pensioner": -0.1,
    "Student": -0.5, "Businessman": -0.5,
}  # fmt: skip


def _lookup(values: np.ndarray, table: dict[str, float]) -> np.ndarray:
    out = np.zeros(len(values))
    for level, effect in table.items():
        out[values == level] = effect
    return out


def risk_logit(app: dict[str, np.ndarray], clients: Clients) -> np.ndarray:
    """Return each client's log-odds of default, up to the intercept."""
    age = -app["DAYS_BIRTH"] / 365.25
    employed = app["DAYS_EMPLOYED"] != PLACEHOLDER_DAYS
    years_employed = np.where(employed, -app["DAYS_EMPLOYED"] / 365.25, np.nan)
    income = app["AMT_INCOME_TOTAL"]
    annuity = np.nan_to_num(app["AMT_ANNUITY"], nan=np.nanmedian(app["AMT_ANNUITY"]))
    goods = np.where(np.isnan(app["AMT_GOODS_PRICE"]), app["AMT_CREDIT"], app["AMT_GOODS_PRICE"])
    burden = annuity / income
    credit_to_goods = app["AMT_CREDIT"] / goods
    is_risky = clients.risk > 0.5
    with np.errstate(invalid="ignore"):
        short_job = employed & (years_employed < 1.0)
        recent_job = employed & (years_employed >= 1.0) & (years_employed < 3.0)
    logit = (
        RISK_WEIGHT * clients.risk
        + BEHAVIOUR_WEIGHT * clients.behaviour
        + 0.25 * np.maximum(clients.behaviour - 1.0, 0) * (age < 30)
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
    return logit


def solve_intercept(logit: np.ndarray, rate: float = TARGET_RATE) -> float:
    """Return the intercept that makes the mean probability equal ``rate``."""
    return brentq(lambda b: sigmoid(logit + b).mean() - rate, -30.0, 30.0)
