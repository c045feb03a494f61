"""Explanations: SHAP contributions (log-odds) as a top-k table plus the rest, and reasons."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from model_training.features.catalogue import feature_label
from model_training.modeling.decision import log_odds_of_probability
from model_training.modeling.explanation_names import OTHER_FEATURES
from model_training.modeling.reasons import (
    ValueOf,
    group_contributions,
    group_rows,
    state_reasons,
)
from scoring_api.bundle_store import ServingBundle
from scoring_api.errors import ApiError
from scoring_api.services.raw_data import json_value
from scoring_api.services.scoring import client_row
from scoring_api.services.stored import stored_groups, stored_value_of

OTHER_LABELS = {"fr": "Autres caractéristiques", "en": "Other features"}


def make_explanation(
    bundle: ServingBundle,
    base_value: float,
    pairs: list[tuple[str, float]],
    rest: float,
    groups: np.ndarray,
    value_of: ValueOf,
    top: int,
    lang: str,
) -> dict[str, Any]:
    """Return the explanation body: top contributions, groups and the reasons they support.

    ``pairs`` are (feature, contribution) sorted by magnitude, ``rest`` what they leave out,
    ``groups`` the contributions by reason group and ``value_of`` the client's feature values.
    """
    shown, hidden = pairs[:top], pairs[top:]
    other = rest + sum(c for _, c in hidden)
    scale = bundle.scale  # a property that builds the scale: once, not once per row
    rows = [
        {
            "feature": name,
            "label": feature_label(name, lang),
            "value": json_value(value_of(name)),
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
    reasons = state_reasons(groups, value_of, scale, lang)
    for reason in reasons:
        for item in reason["evidence"]:
            item["value"] = json_value(item["value"])
    return {
        "base_value": base_value,
        "output": float(output),
        "base_points": float(scale.points_of_log_odds(base_value)),
        "threshold_points": float(
            scale.points_of_log_odds(log_odds_of_probability(bundle.threshold))
        ),
        "contributions": rows,
        "groups": group_rows(groups, scale, lang),
        "reasons": reasons,
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
    return make_explanation(
        bundle,
        bundle.base_value,
        pairs,
        float(rest[row]),
        stored_groups(bundle)[row],
        stored_value_of(bundle, row),
        top,
        lang,
    )


def _explanation_columns(
    bundle: ServingBundle,
) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """Return the ranked feature and contribution columns and the rest, as numpy arrays.

    Kept per bundle: a pandas lookup per rank and request cost about 1 ms an explanation.
    """

    def build() -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
        table = bundle.explanation_table()
        k = sum(c.startswith("shap_") and c != "shap_other" for c in table.columns)
        ranks = range(1, k + 1)
        return (
            [table[f"feature_{r}"].to_numpy() for r in ranks],
            [table[f"shap_{r}"].to_numpy() for r in ranks],
            table["shap_other"].to_numpy(),
        )

    return bundle.cached("explanation_columns", None, build)


def computed_groups(
    bundle: ServingBundle, features: Mapping[str, np.ndarray], contributions: np.ndarray
) -> np.ndarray:
    """Return computed rows' contributions by reason group, the rule the bundle stores."""
    return group_contributions(features, bundle.features, contributions)


def explain_computed(
    bundle: ServingBundle,
    base_value: float,
    contributions: np.ndarray,
    groups: np.ndarray,
    value_of: ValueOf,
    top: int,
    lang: str,
) -> dict[str, Any]:
    """Return the explanation of one computed row of SHAP contributions and its groups."""
    order = np.argsort(-np.abs(contributions), kind="stable")
    names = [bundle.features[i] for i in order.tolist()]
    pairs = list(zip(names, contributions[order].tolist(), strict=True))
    return make_explanation(bundle, base_value, pairs, 0.0, groups, value_of, top, lang)
