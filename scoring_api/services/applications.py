"""Score and explain new or edited applications (per request, CatBoost ShapValues)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scoring_api.bundle_store import ServingBundle
from scoring_api.services.explanation import explain_computed
from scoring_api.services.scoring import (
    build_feature_rows,
    model_pool,
    predict_log_odds,
    probability_of_log_odds,
    score_result,
    shap_values,
)


def score_applications(
    bundle: ServingBundle,
    data_dir: Path,
    applications: Sequence[dict[str, Any]],
    *,
    explain: bool = False,
    top: int = 10,
    lang: str = "fr",
) -> list[dict[str, Any]]:
    """Return each application's score (and explanation), in order."""
    if not applications:  # an empty MLflow payload: nothing to ask the model
        return []
    features = build_feature_rows(bundle, data_dir, applications)
    pool = model_pool(bundle, features)
    probabilities = probability_of_log_odds(predict_log_odds(bundle, pool))
    results = []
    for application, probability in zip(applications, probabilities, strict=True):
        results.append(
            {"client_id": application.get("SK_ID_CURR"), **score_result(bundle, probability)}
        )
    if explain:
        base_value, contributions = shap_values(bundle, pool)
        for i, result in enumerate(results):
            values = {name: column[i] for name, column in features.items()}
            result["explanation"] = explain_computed(
                bundle, base_value, contributions[i], values, top, lang
            )
    return results
