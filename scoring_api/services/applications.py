"""Score and explain new or edited applications (per request, TreeSHAP by leaf)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from model_training.modeling.decision import probability_of_log_odds
from model_training.modeling.reasons import ValueOf, referable_inputs
from scoring_api.bundle_store import ServingBundle
from scoring_api.services.explanation import computed_groups, explain_computed
from scoring_api.services.scoring import (
    FeatureColumns,
    build_feature_rows,
    model_pool,
    predict_log_odds,
    score_result,
    shap_values,
)


def _value_of(features: FeatureColumns, row: int) -> ValueOf:
    """Return a function giving one computed row's feature values."""
    return lambda name: features[name][row]


def _lacks_referable_input(features: FeatureColumns) -> np.ndarray:
    """Return the rows missing an input whose absence can refer the decision to a person."""
    lacking = np.zeros(len(next(iter(features.values()))), dtype=bool)
    for name in referable_inputs():
        if name in features:
            lacking |= np.isnan(np.asarray(features[name], dtype=np.float64))
    return lacking


def score_applications(
    bundle: ServingBundle,
    applications: Sequence[dict[str, Any]],
    *,
    explain: bool = False,
    top: int = 10,
    lang: str = "fr",
) -> list[dict[str, Any]]:
    """Return each application's score (and explanation), in order."""
    results, _ = score_applications_with_values(
        bundle, applications, explain=explain, top=top, lang=lang
    )
    return results


def score_applications_with_values(
    bundle: ServingBundle,
    applications: Sequence[dict[str, Any]],
    *,
    explain: bool = False,
    top: int = 10,
    lang: str = "fr",
) -> tuple[list[dict[str, Any]], list[ValueOf]]:
    """Return each application's score (and explanation) and its computed feature values.

    SHAP values are computed for every row when explaining, else only for rows that lack a
    referable input (the referral rule needs their contributions by group).
    """
    if not applications:  # an empty MLflow payload: nothing to ask the model
        return [], []
    features = build_feature_rows(bundle, applications)
    pool = model_pool(bundle, features)
    probabilities = probability_of_log_odds(predict_log_odds(bundle, pool))
    rows = (
        np.arange(len(applications))
        if explain
        else np.flatnonzero(_lacks_referable_input(features))
    )
    groups: dict[int, np.ndarray] = {}
    contributions = np.zeros((0, len(bundle.features)))
    base_value = bundle.base_value
    if len(rows):
        part = pool if len(rows) == len(applications) else pool.slice(rows.tolist())
        base_value, contributions = shap_values(bundle, part)
        chosen = {name: np.asarray(column)[rows] for name, column in features.items()}
        groups = dict(
            zip(rows.tolist(), computed_groups(bundle, chosen, contributions), strict=True)
        )
    results = []
    for i, (application, probability) in enumerate(zip(applications, probabilities, strict=True)):
        row_groups = groups.get(i)
        result = score_result(bundle, probability, row_groups, _value_of(features, i), lang)
        results.append({"client_id": application.get("SK_ID_CURR"), **result})
    if explain:
        for i, result in enumerate(results):
            result["explanation"] = explain_computed(
                bundle,
                base_value,
                contributions[i],
                groups[i],
                _value_of(features, i),
                top,
                lang,
            )
    return results, [_value_of(features, i) for i in range(len(applications))]
