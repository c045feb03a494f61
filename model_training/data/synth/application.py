"""Application rows (application_train / application_test) for one chunk of clients."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import numpy as np
from scipy.special import ndtri

from model_training.data.schema import PLACEHOLDER_DAYS, PROTECTED_ATTRIBUTE, TableSpec, table
from model_training.data.synth import application_extra as extra
from model_training.data.synth.clients import Clients
from model_training.data.synth.regions import Regions
from model_training.data.synth.sampling import (
    from_normal,
    null_mask,
    round_to,
    sample_count,
    sample_levels,
    with_nulls,
)
from model_training.loan_terms import instalment

DAYS_PER_YEAR = 365.25
CASH_TERMS = np.array([6, 10, 12, 18, 24, 30, 36, 48, 60])
CASH_TERM_SHARES = np.array([0.03, 0.05, 0.15, 0.12, 0.20, 0.10, 0.17, 0.10, 0.08])
CARD_LIMITS = np.array([67500, 135000, 180000, 225000, 270000, 315000, 450000, 675000])
EMPLOYED_DAYS = {  # days employed among the employed (placeholder rows excluded)
    "min": -17912,
    "p1": -11500,
    "p5": -7600,
    "p25": -3300,
    "p50": -1650,
    "p75": -750,
    "p95": -190,
    "p99": -60,
    "max": -1,
}


TAIL_QUANTILES = ("p1", "p5", "p95", "p99")


@cache
def generation_spec(name: str) -> TableSpec:
    """Return the spec to sample an application file from.

    Kaggle's facts give the test file quartiles but no 1/5/95/99% quantiles; sampling its
    tails from min/max alone would invent train/test shifts Kaggle does not have, so the test
    spec borrows the train file's tail quantiles where it lacks its own.
    """
    spec = table(name)
    if name != "application_test":
        return spec
    train = table("application_train")
    columns = []
    for col in spec.columns:
        train_stats = train.column(col.name).stats or {}
        tails = {k: v for k, v in train_stats.items() if k in TAIL_QUANTILES}
        is_borrowing = bool(col.stats) and col.dtype == "float"
        columns.append(replace(col, stats={**tails, **col.statistics()}) if is_borrowing else col)
    return replace(spec, columns=tuple(columns))


def _person(rng: np.random.Generator, spec: TableSpec, c: Clients) -> dict[str, np.ndarray]:
    """Age, income type, employment, occupation, family."""
    n = len(c)
    days_birth = np.round(from_normal(-c.age, spec.column("DAYS_BIRTH").statistics()))
    income_levels = spec.column("NAME_INCOME_TYPE").level_shares()
    pension_share = income_levels.get("Pensioner", 0.18)
    score = c.age + 0.5 * rng.standard_normal(n)
    is_pensioner = score > np.sqrt(1.25) * ndtri(1 - pension_share)
    is_unemployed = ~is_pensioner & (rng.random(n) < income_levels.get("Unemployed", 0.0))
    income_type = sample_levels(rng, income_levels, n, exclude=("Pensioner", "Unemployed"))
    income_type[is_pensioner] = "Pensioner"
    income_type[is_unemployed] = "Unemployed"
    no_job = is_pensioner | is_unemployed
    employed_z = 0.5 * c.age + 0.3 * c.wealth + 0.8 * rng.standard_normal(n)
    days_employed = np.round(from_normal(-employed_z, EMPLOYED_DAYS))
    adult_days = days_birth + 18 * DAYS_PER_YEAR
    days_employed = np.minimum(np.maximum(days_employed, np.round(adult_days)), -1)
    days_employed = np.where(no_job, PLACEHOLDER_DAYS, days_employed).astype(np.int64)
    org = sample_levels(rng, spec.column("ORGANIZATION_TYPE").level_shares(), n, exclude=("XNA",))
    org[no_job] = "XNA"
    occupation_null = (spec.column("OCCUPATION_TYPE").null_fraction - no_job.mean()) / max(
        1e-9, 1 - no_job.mean()
    )
    occupation = sample_levels(rng, spec.column("OCCUPATION_TYPE").level_shares(), n).astype(object)
    occupation[no_job | null_mask(rng, n, max(0.0, occupation_null))] = None
    family = sample_levels(rng, spec.column("NAME_FAMILY_STATUS").level_shares(), n)
    children = sample_count(rng, spec.column("CNT_CHILDREN").statistics(), n).astype(np.int64)
    children[-days_birth / DAYS_PER_YEAR > 60] = 0
    couple = np.isin(family, ["Married", "Civil marriage"])
    fam_members = (children + np.where(couple, 2, 1)).astype(float)
    fam_members[null_mask(rng, n, spec.column("CNT_FAM_MEMBERS").null_fraction)] = np.nan
    education = sample_levels(rng, spec.column("NAME_EDUCATION_TYPE").level_shares(), n)
    return {
        PROTECTED_ATTRIBUTE: sample_levels(rng, spec.column(PROTECTED_ATTRIBUTE).level_shares(), n),
        "CNT_CHILDREN": children,
        "NAME_INCOME_TYPE": income_type,
        "NAME_EDUCATION_TYPE": education,
        "NAME_FAMILY_STATUS": family,
        "DAYS_BIRTH": days_birth.astype(np.int64),
        "DAYS_EMPLOYED": days_employed,
        "FLAG_EMP_PHONE": (~no_job).astype(np.int64),
        "OCCUPATION_TYPE": occupation,
        "CNT_FAM_MEMBERS": fam_members,
        "ORGANIZATION_TYPE": org,
    }


def _contract(
    rng: np.random.Generator, spec: TableSpec, c: Clients, education: np.ndarray
) -> dict[str, np.ndarray]:
    """Contract type, income, credit, annuity and goods price, consistent with each other."""
    n = len(c)
    edu_boost = np.select(
        [education == "Higher education", education == "Academic degree"], [0.5, 0.8], 0.0
    )
    income_z = 0.8 * c.wealth + 0.6 * rng.standard_normal(n) + edu_boost
    income = from_normal(
        income_z / np.sqrt(1.0 + 0.25), spec.column("AMT_INCOME_TOTAL").statistics()
    )
    income = np.where(rng.random(n) < 0.7, round_to(income, 4500), round_to(income, 0.5))
    income = np.maximum(income, 25650.0)
    contract = sample_levels(rng, spec.column("NAME_CONTRACT_TYPE").level_shares(), n)
    revolving = contract == "Revolving loans"
    goods_z = 0.6 * income_z / np.sqrt(1.25) + 0.8 * rng.standard_normal(n)
    goods = from_normal(goods_z, spec.column("AMT_GOODS_PRICE").statistics())
    goods = np.maximum(
        np.where(rng.random(n) < 0.8, round_to(goods, 4500), round_to(goods, 0.5)), 40500
    )
    insured = rng.random(n) < 0.65
    credit = round_to(goods * np.where(insured, rng.uniform(1.05, 1.25, n), 1.0), 0.5)
    credit = np.clip(credit, 45000, 4050000)
    term = rng.choice(CASH_TERMS, size=n, p=CASH_TERM_SHARES / CASH_TERM_SHARES.sum())
    annual_rate = 0.09 + 0.12 * rng.random(n) + 0.03 * np.clip(c.risk, 0, None)
    annuity = instalment(credit, term, annual_rate)  # monthly, interest included
    limit = CARD_LIMITS[
        np.clip(np.searchsorted(CARD_LIMITS, income * 1.2), 0, len(CARD_LIMITS) - 1)
    ]
    credit = np.where(revolving, limit, credit).astype(float)
    goods = np.where(revolving, credit, goods)
    annuity = np.where(revolving, credit * rng.choice([0.05, 0.1], n, p=[0.8, 0.2]), annuity)
    annuity = np.clip(round_to(annuity, 0.5), 1615.5, 258025.5)
    goods_null = spec.column("AMT_GOODS_PRICE").null_fraction / max(revolving.mean(), 1e-9)
    goods[revolving & null_mask(rng, n, goods_null)] = np.nan
    annuity_null = spec.column("AMT_ANNUITY").null_fraction
    annuity[~revolving & null_mask(rng, n, annuity_null)] = np.nan
    return {
        "NAME_CONTRACT_TYPE": contract,
        "AMT_INCOME_TOTAL": income,
        "AMT_CREDIT": credit,
        "AMT_ANNUITY": annuity,
        "AMT_GOODS_PRICE": goods,
    }


def _ext_sources(rng: np.random.Generator, spec: TableSpec, c: Clients) -> dict[str, np.ndarray]:
    """EXT_SOURCE_1..3: external scores, noisy views of the latent risk (1 also tracks age)."""
    n = len(c)
    noise = rng.standard_normal((3, n))
    latent = (
        0.55 * c.age - 0.50 * c.risk + 0.67 * noise[0],
        -0.55 * c.risk + 0.835 * noise[1],
        0.15 * c.age - 0.62 * c.risk + 0.77 * noise[2],
    )
    out = {}
    for k, z in enumerate(latent, start=1):
        col = spec.column(f"EXT_SOURCE_{k}")
        out[col.name] = with_nulls(rng, from_normal(z, col.statistics()), col.null_fraction)
    return out


def build_applications(
    rng: np.random.Generator, spec: TableSpec, clients: Clients, regions: Regions
) -> dict[str, np.ndarray]:
    """Return every column of the application file (TARGET left to the caller), in order."""
    n = len(clients)
    cols: dict[str, np.ndarray] = {"SK_ID_CURR": clients.sk_id_curr.astype(np.int64)}
    cols.update(_person(rng, spec, clients))
    cols.update(_contract(rng, spec, clients, cols["NAME_EDUCATION_TYPE"]))
    cols.update(_ext_sources(rng, spec, clients))
    cols.update(regions.assign(rng, n, spec))
    no_job = cols["DAYS_EMPLOYED"] == PLACEHOLDER_DAYS
    cols.update(extra.build_flags_and_dates(rng, spec, cols["DAYS_BIRTH"], no_job))
    cols.update(extra.build_ownership(rng, spec, clients))
    cols.update(extra.build_building_block(rng, spec, n))
    cols.update(extra.build_social_and_requests(rng, spec, clients))
    for name in spec.column_names:
        if name not in cols and name != "TARGET":
            levels = spec.column(name).level_shares()
            cols[name] = sample_levels(rng, levels, n)  # remaining plain categoricals
    return cols
