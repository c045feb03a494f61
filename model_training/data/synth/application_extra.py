"""Application columns around the core: flags, dates, ownership, building, social circle."""

from __future__ import annotations

import numpy as np

from model_training.data.schema import BUILDING_MEASURES, TableSpec
from model_training.data.synth.clients import Clients
from model_training.data.synth.sampling import (
    from_normal,
    null_mask,
    sample_binary,
    sample_count,
    sample_levels,
    sample_numeric,
    sigmoid,
)

BUILDING_OTHERS = (
    "FONDKAPREMONT_MODE",
    "HOUSETYPE_MODE",
    "TOTALAREA_MODE",
    "WALLSMATERIAL_MODE",
    "EMERGENCYSTATE_MODE",
)
SHARE_ALL_MISSING = 0.47  # rows with no building information at all
SHARE_COMPLETE = 0.25  # rows with every building column filled
WORK_FLAGS = (
    "REG_REGION_NOT_WORK_REGION",
    "LIVE_REGION_NOT_WORK_REGION",
    "REG_CITY_NOT_WORK_CITY",
    "LIVE_CITY_NOT_WORK_CITY",
    "FLAG_WORK_PHONE",
)
SOCIAL = (
    "OBS_30_CNT_SOCIAL_CIRCLE",
    "DEF_30_CNT_SOCIAL_CIRCLE",
    "OBS_60_CNT_SOCIAL_CIRCLE",
    "DEF_60_CNT_SOCIAL_CIRCLE",
)
REQUESTS = tuple(
    f"AMT_REQ_CREDIT_BUREAU_{p}" for p in ("HOUR", "DAY", "WEEK", "MON", "QRT", "YEAR")
)


def _share(spec: TableSpec, name: str) -> float:
    return float((spec.column(name).stats or {}).get("mean", 0.0))


def build_flags_and_dates(
    rng: np.random.Generator, spec: TableSpec, days_birth: np.ndarray, no_job: np.ndarray
) -> dict[str, np.ndarray]:
    """Return the 0/1 flags, documents, weekday/hour and registration/ID/phone dates."""
    n = len(days_birth)
    out: dict[str, np.ndarray] = {}
    for col in spec.columns:
        is_flag = col.name.startswith(("FLAG_DOCUMENT_", "REG_", "LIVE_")) or col.name in (
            "FLAG_MOBIL",
            "FLAG_WORK_PHONE",
            "FLAG_CONT_MOBILE",
            "FLAG_PHONE",
            "FLAG_EMAIL",
        )
        if is_flag and col.dtype == "int":
            out[col.name] = sample_binary(rng, _share(spec, col.name), n)
    for name in WORK_FLAGS:
        out[name][no_job] = 0
    hour = np.round(sample_numeric(rng, spec.column("HOUR_APPR_PROCESS_START"), n))
    out["HOUR_APPR_PROCESS_START"] = hour.astype(np.int64)
    out["WEEKDAY_APPR_PROCESS_START"] = sample_levels(
        rng, spec.column("WEEKDAY_APPR_PROCESS_START").level_shares(), n
    )
    registration = np.round(sample_numeric(rng, spec.column("DAYS_REGISTRATION"), n))
    out["DAYS_REGISTRATION"] = np.minimum(np.maximum(registration, days_birth), 0.0)
    id_publish = np.round(sample_numeric(rng, spec.column("DAYS_ID_PUBLISH"), n))
    out["DAYS_ID_PUBLISH"] = np.minimum(np.maximum(id_publish, days_birth + 14 * 365), 0).astype(
        np.int64
    )
    phone_col = spec.column("DAYS_LAST_PHONE_CHANGE")
    phone = np.round(sample_numeric(rng, phone_col, n))
    phone[null_mask(rng, n, phone_col.null_fraction)] = np.nan
    out["DAYS_LAST_PHONE_CHANGE"] = phone
    return out


def build_ownership(rng: np.random.Generator, spec: TableSpec, c: Clients) -> dict[str, np.ndarray]:
    """Return car and realty ownership; OWN_CAR_AGE is missing exactly when there is no car."""
    n = len(c)
    car_share = (spec.column("FLAG_OWN_CAR").levels or {}).get("Y", 0.34)
    car_score = 0.6 * c.wealth + 0.8 * rng.standard_normal(n)
    has_car = car_score > np.quantile(car_score, 1 - car_share) if n else car_score > 0
    car_age = np.round(sample_numeric(rng, spec.column("OWN_CAR_AGE"), n))
    return {
        "FLAG_OWN_CAR": np.where(has_car, "Y", "N").astype(object),
        "FLAG_OWN_REALTY": sample_levels(rng, spec.column("FLAG_OWN_REALTY").level_shares(), n),
        "OWN_CAR_AGE": np.where(has_car, car_age, np.nan),
    }


def build_building_block(
    rng: np.random.Generator, spec: TableSpec, n: int
) -> dict[str, np.ndarray]:
    """Return the 47 building columns with Kaggle's grouped missingness (AVG/MODE/MEDI alike)."""
    kind = rng.random(n)
    all_missing = kind < SHARE_ALL_MISSING
    partial = kind >= SHARE_ALL_MISSING + SHARE_COMPLETE
    n_partial = 1 - SHARE_ALL_MISSING - SHARE_COMPLETE

    def missing(null_fraction: float) -> np.ndarray:
        p = np.clip((null_fraction - SHARE_ALL_MISSING) / n_partial, 0, 1)
        return all_missing | (partial & (rng.random(n) < p))

    out: dict[str, np.ndarray] = {}
    size_z = rng.standard_normal(n)
    for measure in BUILDING_MEASURES:
        avg = spec.column(f"{measure}_AVG")
        z = 0.6 * size_z + 0.8 * rng.standard_normal(n)
        base = from_normal(z, avg.statistics())
        gone = missing(avg.null_fraction)
        for suffix, noise in (("AVG", 0.0), ("MODE", 0.02), ("MEDI", 0.005)):
            values = np.clip(np.round(base + rng.normal(0, noise, n) * (base > 0), 4), 0, 1)
            out[f"{measure}_{suffix}"] = np.where(gone, np.nan, values)
    total = spec.column("TOTALAREA_MODE")
    area = np.round(from_normal(0.6 * size_z + 0.8 * rng.standard_normal(n), total.statistics()), 4)
    out["TOTALAREA_MODE"] = np.where(missing(total.null_fraction), np.nan, area)
    for name in (
        "FONDKAPREMONT_MODE",
        "HOUSETYPE_MODE",
        "WALLSMATERIAL_MODE",
        "EMERGENCYSTATE_MODE",
    ):
        col = spec.column(name)
        codes = sample_levels(rng, col.level_shares(), n).astype(object)
        codes[missing(col.null_fraction)] = None
        out[name] = codes
    return out


def build_social_and_requests(
    rng: np.random.Generator, spec: TableSpec, c: Clients
) -> dict[str, np.ndarray]:
    """Return social-circle defaults and credit-bureau enquiries (each group null together)."""
    n = len(c)
    out: dict[str, np.ndarray] = {}
    obs30 = sample_count(rng, spec.column("OBS_30_CNT_SOCIAL_CIRCLE").statistics(), n)
    def30 = rng.binomial(obs30.astype(np.int64), sigmoid(-2.4 + 0.35 * c.risk)).astype(float)
    obs60 = np.maximum(obs30 - (rng.random(n) < 0.02), 0)
    def60 = rng.binomial(def30.astype(np.int64), 0.7).astype(float)
    gone = null_mask(rng, n, spec.column(SOCIAL[0]).null_fraction)
    for name, values in zip(SOCIAL, (obs30, def30, obs60, def60), strict=True):
        out[name] = np.where(gone, np.nan, values.astype(float))
    gone = null_mask(rng, n, spec.column(REQUESTS[0]).null_fraction)
    for name in REQUESTS:
        values = sample_count(rng, spec.column(name).statistics(), n).astype(float)
        out[name] = np.where(gone, np.nan, values)
    return out
