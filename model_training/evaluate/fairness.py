"""Fairness as measured, never as input: decision and error rates by gender and by age band.

The protected attribute (sex, ``schema.PROTECTED_ATTRIBUTE``) is not a model input; it is
read from the validated application table only to measure whether decisions and errors
differ between groups. Rates use the train clients' out-of-fold decisions
(``decision.is_refused``), so errors are honest.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from model_training.data.schema import PROTECTED_ATTRIBUTE
from model_training.modeling.decision import is_refused

DAYS_PER_YEAR = 365.25
AGE_BAND_EDGES: tuple[float, ...] = (30.0, 40.0, 50.0, 60.0)
AGE_BAND_LABELS: tuple[str, ...] = ("under 30", "30-40", "40-50", "50-60", "60+")
MIN_GROUP_SIZE = 30  # rates of smaller groups are reported but flagged as unreliable
ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("gender", PROTECTED_ATTRIBUTE),
    ("age band", "age_band"),
)
GROUP_NAMES: tuple[str, ...] = tuple(name for name, _ in ATTRIBUTES)  # "gender", "age band"
# What the fairness table reads from the validated train applications.
FAIRNESS_INPUT_COLUMNS: tuple[str, ...] = ("SK_ID_CURR", PROTECTED_ATTRIBUTE, "DAYS_BIRTH")


def age_band(days_birth: np.ndarray) -> np.ndarray:
    """Return each client's age band label from DAYS_BIRTH (negative days before application)."""
    years = -np.asarray(days_birth, dtype=float) / DAYS_PER_YEAR
    index = np.searchsorted(np.array(AGE_BAND_EDGES), years, side="right")
    bands = np.array(AGE_BAND_LABELS, dtype=object)[index]
    bands[np.isnan(years)] = "missing"
    return bands


def client_groups(applications: pd.DataFrame) -> pd.DataFrame:
    """Return each client's group of every fairness attribute: SK_ID_CURR, gender, age band.

    ``applications`` has the ``FAIRNESS_INPUT_COLUMNS``; a missing gender reads "missing".
    """
    gender = applications[PROTECTED_ATTRIBUTE].astype(object)
    days_birth = applications["DAYS_BIRTH"].to_numpy(dtype=float, na_value=np.nan)
    return pd.DataFrame(
        {
            "SK_ID_CURR": applications["SK_ID_CURR"].to_numpy(),
            GROUP_NAMES[0]: gender.where(gender.notna(), "missing").astype(str).to_numpy(),
            GROUP_NAMES[1]: age_band(days_birth).astype(str),
        }
    )


def _rate(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else float("nan")


def group_rates(y: np.ndarray, refused: np.ndarray) -> dict:
    """Return count, default rate, approval rate, true and false positive rates of one group.

    True positive rate: share of defaulters refused. False positive rate: share of clients
    who repaid but were refused.
    """
    is_default = y == 1
    n, n_defaulters = len(y), int(is_default.sum())
    return {
        "n": n,
        "n_defaulters": n_defaulters,
        "default_rate": _rate(n_defaulters, n),
        "approval_rate": _rate(int((~refused).sum()), n),
        "true_positive_rate": _rate(int((refused & is_default).sum()), n_defaulters),
        "false_positive_rate": _rate(int((refused & ~is_default).sum()), n - n_defaulters),
    }


def rates_by_group(
    groups: np.ndarray, y: np.ndarray, refused: np.ndarray, attribute: str
) -> list[dict]:
    """Return one row of rates per level of ``groups`` (sorted), with the approval ratio.

    ``approval_ratio`` is the group's approval rate over the highest one of the attribute
    (the "four-fifths" reading: below 0.8 deserves a look).
    """
    labels = pd.Series(groups, dtype=object).fillna("missing").to_numpy()
    rows = []
    for level in sorted(set(labels)):
        mask = labels == level
        rows.append(
            {
                "attribute": attribute,
                "group": str(level),
                **group_rates(y[mask], refused[mask]),
                "is_small": int(mask.sum()) < MIN_GROUP_SIZE,
            }
        )
    best = max((r["approval_rate"] for r in rows if r["n"]), default=float("nan"))
    for row in rows:
        row["approval_ratio"] = _rate(row["approval_rate"], best) if best else float("nan")
    return rows


def fairness_table(applications: pd.DataFrame, oof: pd.DataFrame, threshold: float) -> list[dict]:
    """Return the rates by gender and by age band of the train clients.

    ``applications`` has the ``FAIRNESS_INPUT_COLUMNS``; ``oof`` has SK_ID_CURR, TARGET and
    oof_probability.
    """
    frame = oof.merge(applications[list(FAIRNESS_INPUT_COLUMNS)], on="SK_ID_CURR", how="left")
    frame["age_band"] = age_band(frame["DAYS_BIRTH"].to_numpy(dtype=float, na_value=np.nan))
    y = frame["TARGET"].to_numpy().astype(np.int64)
    refused = is_refused(frame["oof_probability"].to_numpy(), threshold)
    rows: list[dict] = []
    for attribute, column in ATTRIBUTES:
        rows += rates_by_group(frame[column].to_numpy(dtype=object), y, refused, attribute)
    return _ordered(rows, AGE_BAND_LABELS)


def overall_rates(oof: pd.DataFrame, threshold: float) -> dict:
    """Return the rates of every train client together: the fairness table's "all" row.

    Its approval rate is one minus the bundle's refusal rate (``decision.refusal_rate`` of
    the same out-of-fold probabilities at the same threshold).
    """
    y = oof["TARGET"].to_numpy().astype(np.int64)
    refused = is_refused(oof["oof_probability"].to_numpy(), threshold)
    return {"attribute": "all", "group": "all", **group_rates(y, refused), "is_small": False}


def _ordered(rows: Sequence[dict], band_order: Sequence[str]) -> list[dict]:
    """Return the rows with age bands in age order (other attributes keep theirs)."""
    rank = {label: i for i, label in enumerate(band_order)}
    return sorted(
        rows,
        key=lambda r: (
            [a for a, _ in ATTRIBUTES].index(r["attribute"]),
            rank.get(r["group"], len(rank)) if r["attribute"] == "age band" else 0,
        ),
    )
