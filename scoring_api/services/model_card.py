"""The model card's inputs in plain words, its one refusal rate, and the direction view."""

from __future__ import annotations

import math
from typing import Any

from model_training.bundle import DIRECTIONS, IMPORTANCE, OOF
from model_training.features import families, feature_catalogue
from model_training.modeling.decision import refusal_rate
from scoring_api.bundle_store import ServingBundle


def _importance(bundle: ServingBundle) -> dict[str, float]:
    """Return each feature's mean |SHAP| over all clients (0 when the bundle has none)."""
    if not bundle.source.has_table(IMPORTANCE):
        return {}
    frame = bundle.source.table(IMPORTANCE, ["feature", "mean_abs_shap"])
    return dict(zip(frame["feature"], frame["mean_abs_shap"].astype(float), strict=True))


def _features(bundle: ServingBundle, lang: str) -> list[dict[str, Any]]:
    """Return every model input with its catalogue entry and importance."""
    catalogue = feature_catalogue()
    family_entries = families()
    importance = _importance(bundle)
    rows = []
    for name in bundle.features:
        entry = catalogue.get(name)
        family = entry.family if entry else "other"
        family_entry = family_entries.get(family)
        rows.append(
            {
                "name": name,
                "categorical": name in bundle.categorical,
                "label": entry.label(lang) if entry else name,
                "description": entry.description(lang) if entry else "",
                "family": family,
                "family_label": family_entry.label(lang) if family_entry else family,
                "importance": importance.get(name, 0.0),
            }
        )
    return rows


def model_features(bundle: ServingBundle, lang: str) -> list[dict[str, Any]]:
    """Return the model's inputs in a language (built once per bundle and language)."""
    return bundle.cached(f"model_features:{lang}", bundle.version, lambda: _features(bundle, lang))


def _refusal_rate(bundle: ServingBundle) -> float | None:
    """Return the bundle's refusal rate: stored at training, or the same rule on its OOF table.

    Bundles built before the rate was stored get it from their out-of-fold probabilities, the
    clients and rule the training now uses (``decision.refusal_rate``).
    """
    stored = bundle.metadata.metrics.refusal_rate_oof
    if stored is not None or not bundle.source.has_table(OOF):
        return stored
    frame = bundle.source.table(OOF, ["oof_probability"])
    return refusal_rate(frame["oof_probability"].to_numpy(dtype=float), bundle.metadata.threshold)


def card_metrics(bundle: ServingBundle) -> dict[str, Any]:
    """Return the card's metrics with its one refusal rate (out of fold, train clients)."""
    metrics = bundle.metadata.metrics.model_dump(exclude={"refusal_rate_train"})
    metrics["refusal_rate_oof"] = bundle.cached(
        "refusal_rate_oof", bundle.version, lambda: _refusal_rate(bundle)
    )
    return metrics


def _directions(bundle: ServingBundle, lang: str) -> dict[str, Any] | None:
    """Return the direction view's rows by input, labelled in ``lang`` (None if not stored)."""
    if not bundle.source.has_table(DIRECTIONS):
        return None
    frame = bundle.source.table(DIRECTIONS, ["feature", "quantile", "points"])
    catalogue = feature_catalogue()
    features = []
    for name, rows in frame.groupby("feature", sort=False):
        entry = catalogue.get(str(name))
        quantiles = rows["quantile"].astype(float).to_numpy()
        features.append(
            {
                "name": str(name),
                "label": entry.label(lang) if entry else str(name),
                "quantile": [None if math.isnan(q) else float(q) for q in quantiles],
                "points": rows["points"].astype(float).tolist(),
            }
        )
    n_clients = len(frame) // len(features) if features else 0
    return {"model_version": bundle.version, "n_clients": n_clients, "features": features}


def direction_view(bundle: ServingBundle, lang: str) -> dict[str, Any] | None:
    """Return the top inputs' sampled contributions in points, by value (built once a language)."""
    return bundle.cached(f"directions:{lang}", bundle.version, lambda: _directions(bundle, lang))
