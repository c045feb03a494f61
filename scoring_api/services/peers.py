"""Comparisons with other clients from the bundle's precomputed histograms (no scan)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from model_training.bundle import IMPORTANCE
from model_training.features.catalogue import feature_label
from scoring_api.bundle_store import ServingBundle
from scoring_api.errors import ApiError
from scoring_api.services.raw_data import json_value
from scoring_api.services.scoring import client_row

GROUPS = ("all", "granted", "refused", "similar")
DEFAULT_FEATURES = 5
MAX_FEATURES = 20


def default_features(bundle: ServingBundle) -> list[str]:
    """Return the most important features (global mean |SHAP|), for the default comparison."""
    if bundle.source.has_table(IMPORTANCE):
        ranked = bundle.source.table(IMPORTANCE, ["feature"])["feature"].tolist()
        return [f for f in ranked if f in bundle.features][:DEFAULT_FEATURES]
    return list(bundle.features[:DEFAULT_FEATURES])


def _distribution(part: pd.DataFrame | None) -> dict[str, Any]:
    """Return one group's histogram (numeric bins or categorical levels) and missing count."""
    if part is None:
        return {"n": 0, "missing": 0, "bins": []}
    known = part[part["bin"] >= 0]
    missing = int(part.loc[part["bin"] < 0, "count"].sum())
    if known["level"].notna().any():
        bins = [
            {"level": str(level), "count": int(count)}
            for level, count in zip(known["level"], known["count"], strict=True)
        ]
    else:
        bins = [
            {"left": float(left), "right": float(right), "count": int(count)}
            for left, right, count in zip(
                known["left"], known["right"], known["count"], strict=True
            )
        ]
    return {"n": int(part["count"].sum()), "missing": missing, "bins": bins}


def compare_with_peers(
    bundle: ServingBundle,
    client_id: int,
    features: list[str] | None,
    group: str | None,
    lang: str,
) -> dict[str, Any]:
    """Return the client's values and each group's distribution of the chosen features."""
    row = client_row(bundle, client_id)
    chosen = features or default_features(bundle)
    unknown = [f for f in chosen if f not in bundle.features]
    if unknown or len(chosen) > MAX_FEATURES:
        raise ApiError(
            422,
            "invalid_features",
            f"Choose up to {MAX_FEATURES} features of the model.",
            {"unknown": unknown},
        )
    peer_group = int(bundle.scores["peer_group"].iat[row]) if "peer_group" in bundle.scores else 0
    groups = [group] if group else list(GROUPS)
    keys = {g: (f"peer:{peer_group}" if g == "similar" else g) for g in groups}
    out = []
    for name in chosen:
        out.append(
            {
                "feature": name,
                "label": feature_label(name, lang),
                "categorical": name in bundle.categorical,
                "value": json_value(bundle.store[name].iat[row]),
                "groups": {g: _distribution(bundle.peers.get((name, k))) for g, k in keys.items()},
            }
        )
    return {"peer_group": peer_group, "model_version": bundle.version, "features": out}
