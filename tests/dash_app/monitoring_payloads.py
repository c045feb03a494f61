"""GET /api/v1/monitoring answers built to the issue-19 contract, for the page's tests."""

from __future__ import annotations

from typing import Any

INDICATORS = (  # name, value, status, warn, alert (the contract's order and defaults)
    ("score_psi", 0.031, "ok", 0.10, 0.25),
    ("feature_psi_max", 0.27, "alert", 0.10, 0.25),
    ("approval_rate_shift", 0.062, "warn", 0.05, 0.10),
    ("expected_cost_ratio", 1.02, "ok", 1.10, 1.25),
    ("gini_drop", None, "unknown", 0.05, 0.10),
    ("calibration_gap", None, "unknown", 0.02, 0.05),
    ("approval_ratio_drop", 0.02, "ok", 0.05, 0.10),
)
FEATURES = (  # catalogued inputs and the PSI of each in a window (12: more than the table shows)
    "EXT_SOURCE_MEAN",
    "EXT_SOURCE_MIN",
    "AGE_YEARS",
    "CREDIT_TERM",
    "AMT_ANNUITY",
    "AMT_CREDIT",
    "AMT_GOODS_PRICE",
    "AMT_INCOME_TOTAL",
    "DAYS_ID_PUBLISH",
    "CREDIT_TO_GOODS",
    "ANNUITY_TO_INCOME",
    "DAYS_REGISTRATION",
)
FEATURE_PSI = (0.004, 0.27, 0.12, 0.0996, 0.02, 0.05, 0.01, None, 0.3, 0.001, 0.08, 0.002)


def statistics(n: int, approval: float, psi: float, gini: float | None = None) -> dict[str, Any]:
    """Return one window's statistics as window_statistics writes them (NaN as null)."""
    outcomes = None
    if gini is not None:
        outcomes = {
            "n_with_outcome": n // 2,
            "default_rate": 0.08,
            "mean_predicted": 0.075,
            "auc": (gini + 1) / 2,
            "expected_auc": 0.76,
            "gini": gini,
            "expected_gini": 0.52,
            "by_band": [],
            "calibration": [],
            "realised_cost": 0.5,
        }
    return {
        "n": n,
        "approval_rate": approval,
        "refusal_rate": 1 - approval - 0.05,
        "referral_rate": 0.05,
        "expected_fn_cost": 0.3,
        "expected_fp_cost": 0.2,
        "expected_cost": 0.5,
        "score_drift": {"feature": "score", "n": n, "psi": psi, "reading": "stable"},
        "feature_drift": [
            {"feature": name, "n": n, "psi": value, "reading": None}
            for name, value in zip(FEATURES, FEATURE_PSI, strict=True)
        ],
        "outcomes": outcomes,
        "fairness": [],
    }


def indicators() -> list[dict[str, Any]]:
    """Return the latest window's indicators."""
    return [
        {"name": name, "value": value, "status": status, "warn": warn, "alert": alert}
        for name, value, status, warn, alert in INDICATORS
    ]


def monitoring_payload(
    *, windows: int = 3, outcomes: bool = False, challenger: bool = False, reference: bool = True
) -> dict[str, Any]:
    """Return a GET monitoring answer: weekly windows, with outcomes or a challenger if asked."""
    starts = ["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23"][:windows]
    ends = ["2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"][:windows]
    rows = [
        {
            "start": start,
            "end": end,
            "statistics": statistics(
                120 + 10 * i, 0.7 - 0.01 * i, 0.02 * (i + 1), 0.5 if outcomes and i else None
            ),
            "indicators": indicators(),
        }
        for i, (start, end) in enumerate(zip(starts, ends, strict=True))
    ]
    if not reference:
        rows = []
    thresholds = {
        name: {"warn": warn, "alert": alert, "direction": "below" if warn > alert else "above"}
        for name, _, _, warn, alert in INDICATORS
    }
    return {
        "model_version": "20261101T000000Z",
        "window": "week",
        "from": "2026-09-07",
        "to": "2026-12-05",
        "has_reference": reference,
        "thresholds": thresholds,
        "windows": rows,
        "latest": rows[-1] if rows else None,
        "challenger": (
            {
                "model_version": "20261120T000000Z",
                "windows": [
                    {
                        "start": row["start"],
                        "end": row["end"],
                        "n": 100,
                        "approval_rate": 0.68,
                        "expected_cost": 0.48,
                        "score_psi": 0.04,
                        "agreement": 0.93,
                        "mean_probability_gap": -0.004,
                        "auc": None,
                        "champion_auc": None,
                    }
                    for row in rows
                ],
            }
            if challenger
            else None
        ),
    }
