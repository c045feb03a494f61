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
    scale = bundle.scale
    reasons = []
    for family, (total, names) in ranked:
        entry = catalogue.get(family)
        reasons.append(
            {
                "family": family,
                "label": entry.label(lang) if entry else family,
                "improve": entry.improve(lang) if entry else "",
                "features": names,
                "points": float(scale.contribution_points(total)),
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
    scale = bundle.scale  # a property that builds the scale: once, not once per row
    rows = [
        {
            "feature": name,
            "label": _label(name, lang),
            "value": json_value(values.get(name)),
            "contribution": float(contribution),
            "points": float(scale.contribution_points(contribution)),
        }
        for name, contribution in shown
    ]
    rows.append(
        {
            "feature": OTHER_FEATURES,
            "label": OTHER_LABELS.get(lang, OTHER_LABELS["en"]),
            "value": None,
            "contribution": float(other),
            "points": float(scale.contribution_points(other)),
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
    if bundle.explanations is None:
        raise ApiError(503, "no_explanations", "This model bundle holds no explanations.")
    features, contributions, rest = _explanation_columns(bundle)
    pairs = [
        (bundle.features[int(feature[row])], float(contribution[row]))
        for feature, contribution in zip(features, contributions, strict=True)
    ]
    values = {name: _store_column(bundle, name)[row] for name, _ in pairs[:top]}
    return make_explanation(bundle, bundle.base_value, pairs, float(rest[row]), values, top, lang)


def _explanation_columns(
    bundle: ServingBundle,
) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """Return the ranked feature and contribution columns and the rest, as numpy arrays.

    Kept per bundle: a pandas lookup per rank and request cost about 1 ms an explanation.
    """

    def build() -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
        table = bundle.explanations
        k = sum(1 for c in table.columns if c.startswith("shap_") and c != "shap_other")
        ranks = range(1, k + 1)
        return (
            [table[f"feature_{r}"].to_numpy() for r in ranks],
            [table[f"shap_{r}"].to_numpy() for r in ranks],
            table["shap_other"].to_numpy(),
        )

    return bundle.cached("explanation_columns", None, build)


def _store_column(bundle: ServingBundle, name: str) -> np.ndarray:
    """Return a feature-store column as a numpy array (each built once per bundle)."""
    columns: dict[str, np.ndarray] = bundle.cached("store_columns", None, dict)
    column = columns.get(name)
    if column is None:
        column = columns[name] = bundle.store[name].to_numpy()
    return column


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
