"""The model card's inputs in plain words: label, description, family and global importance."""

from __future__ import annotations

from typing import Any

from model_training.bundle import IMPORTANCE
from model_training.features import families, feature_catalogue
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
