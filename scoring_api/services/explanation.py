"""Explanations: SHAP contributions (log-odds) as a top-k table plus the rest, and reasons."""

from __future__ import annotations

from typing import Any

import numpy as np

from model_training.features import families, feature_catalogue, feature_entry
from scoring_api.bundle_store import ServingBundle
from scoring_api.errors import ApiError
from scoring_api.services.raw_data import json_value
from scoring_api.services.scoring import client_row

MAX_REASONS = 4
PROTECTED = frozenset({"CODE_GENDER"})
OTHER_FEATURES = "other_features"
OTHER_LABELS = {"fr": "Autres caractéristiques", "en": "Other features"}


def _label(name: str, lang: str) -> str:
    """Return a feature's plain label, or its name when it is not catalogued."""
    try:
        return feature_entry(name).label(lang)
    except KeyError:
        return name


def _reasons(
    bundle: ServingBundle, pairs: list[tuple[str, float]], lang: str
) -> list[dict[str, Any]]:
    """Return at most four reasons towards refusal: the families that cost the most points."""
    by_family: dict[str, tuple[float, list[str]]] = {}
    entries = feature_catalogue()
    for name, contribution in pairs:
        if contribution <= 0 or name in PROTECTED or name not in entries:
            continue
        family = entries[name].family
        total, names = by_family.get(family, (0.0, []))
        by_family[family] = (total + contribution, [*names, name])
    ranked = sorted(by_family.items(), key=lambda item: -item[1][0])[:MAX_REASONS]
    catalogue = families()
    reasons = []
    for family, (total, names) in ranked:
        entry = catalogue.get(family)
        reasons.append(
            {
                "family": family,
                "label": entry.label(lang) if entry else family,
                "improve": entry.improve(lang) if entry else "",
                "features": names,
                "points": float(bundle.scale.contribution_points(total)),
            }
        )
    return reasons


def make_explanation(
    bundle: ServingBundle,
    base_value: float,
    pairs: list[tuple[str, float]],
    rest: float,
    values: dict[str, Any],
    top: int,
    lang: str,
) -> dict[str, Any]:
    """Return the explanation body from (feature, contribution) pairs sorted by magnitude."""
    shown, hidden = pairs[:top], pairs[top:]
    other = rest + sum(c for _, c in hidden)
    rows = [
        {
            "feature": name,
            "label": _label(name, lang),
            "value": json_value(values.get(name)),
            "contribution": float(contribution),
            "points": float(bundle.scale.contribution_points(contribution)),
        }
        for name, contribution in shown
    ]
    rows.append(
        {
            "feature": OTHER_FEATURES,
            "label": OTHER_LABELS.get(lang, OTHER_LABELS["en"]),
            "value": None,
            "contribution": float(other),
            "points": float(bundle.scale.contribution_points(other)),
        }
    )
    output = base_value + sum(c for _, c in pairs) + rest
    return {
        "base_value": base_value,
        "output": float(output),
        "contributions": rows,
        "reasons": _reasons(bundle, pairs, lang),
        "model_version": bundle.version,
    }


def explain_stored_client(
    bundle: ServingBundle, client_id: int, top: int, lang: str
) -> dict[str, Any]:
    """Return a stored client's explanation, read from the bundle (no SHAP computed)."""
    row = client_row(bundle, client_id)
    table = bundle.explanations
    if table is None:
        raise ApiError(503, "no_explanations", "This model bundle holds no explanations.")
    columns = table.columns
    k = sum(1 for c in columns if c.startswith("shap_") and c != "shap_other")
    record = table.iloc[row].to_numpy()  # the row read once: a column lookup per rank costs 2 ms
    pairs = [
        (
            bundle.features[int(record[columns.get_loc(f"feature_{r}")])],
            float(record[columns.get_loc(f"shap_{r}")]),
        )
        for r in range(1, k + 1)
    ]
    store = bundle.store
    values = {name: store.iat[row, store.columns.get_loc(name)] for name, _ in pairs[:top]}
    rest = float(record[columns.get_loc("shap_other")])
    return make_explanation(bundle, bundle.base_value, pairs, rest, values, top, lang)


def explain_computed(
    bundle: ServingBundle,
    base_value: float,
    contributions: np.ndarray,
    feature_values: dict[str, Any],
    top: int,
    lang: str,
) -> dict[str, Any]:
    """Return the explanation of one computed row of SHAP contributions."""
    order = np.argsort(-np.abs(contributions), kind="stable")
    names = [bundle.features[i] for i in order.tolist()]
    pairs = list(zip(names, contributions[order].tolist(), strict=True))
    return make_explanation(bundle, base_value, pairs, 0.0, feature_values, top, lang)
