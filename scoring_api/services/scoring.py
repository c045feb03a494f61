"""Scores: stored clients read from the bundle, edited or new applications computed here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from model_training.data.schema import table
from model_training.features import application_features
from model_training.features.cross_table import cross_table_features
from model_training.modeling import model_input as model_inputs
from scoring_api.bundle_store import ServingBundle
from scoring_api.errors import ApiError, not_found
from scoring_api.services.raw_data import load_applications


def score_result(bundle: ServingBundle, probability: float) -> dict[str, Any]:
    """Return the score fields of one probability of default under the bundle's threshold."""
    threshold = bundle.threshold
    return {
        "probability": float(probability),
        "threshold": threshold,
        "decision": "refused" if probability >= threshold else "granted",
        "margin": threshold - float(probability),
        "score": float(bundle.scale.score(probability)),
        "model_version": bundle.version,
    }


def client_row(bundle: ServingBundle, client_id: int) -> int:
    """Return the aligned row of a stored client, or raise a 404."""
    row = bundle.position(client_id)
    if row is None:
        raise not_found("Client", {"client_id": client_id})
    return row


def score_stored_client(bundle: ServingBundle, client_id: int) -> dict[str, Any]:
    """Return the stored score of a client (computed by the final model at build time)."""
    row = client_row(bundle, client_id)
    return score_result(bundle, float(bundle.scores["probability"].iat[row]))


def _raw_frame(records: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """Return raw application records as a frame with every Kaggle column (missing = NaN)."""
    columns = [c.name for c in table("application_test").columns]
    frame = pd.DataFrame.from_records(list(records), columns=columns)
    for column in table("application_test").columns:
        if not column.is_categorical:
            frame[column.name] = pd.to_numeric(frame[column.name]).astype("float64")
        else:
            frame[column.name] = frame[column.name].astype(object)
    return frame


def _cross_table(features: pd.DataFrame) -> pd.DataFrame:
    """Recompute the features that mix application fields with history aggregates."""
    for name, values in cross_table_features(features).items():
        features[name] = values
    return features


def build_feature_rows(
    bundle: ServingBundle, data_dir: Path, applications: Sequence[dict[str, Any]]
) -> pd.DataFrame:
    """Return the model features of applications: an id merges its stored file and history."""
    ids = [a["SK_ID_CURR"] for a in applications if a.get("SK_ID_CURR") is not None]
    rows = {client_id: client_row(bundle, client_id) for client_id in ids}
    stored = load_applications(data_dir, sorted(set(ids))) if ids else {}
    merged: list[dict[str, Any]] = []
    for application in applications:
        changes = {k: v for k, v in application.items() if k != "SK_ID_CURR"}
        client_id = application.get("SK_ID_CURR")
        if client_id is not None and client_id not in stored:
            raise ApiError(
                409,
                "no_application_data",
                "The client's application fields are not available for a what-if.",
                {"client_id": client_id},
            )
        merged.append({**stored[client_id], **changes} if client_id is not None else changes)
    app = application_features(_raw_frame(merged))
    history = [f for f in bundle.features if f not in app.columns]
    defaults = {f: (0.0 if f in bundle.count_features else np.nan) for f in history}
    positions = [rows.get(a.get("SK_ID_CURR"), -1) for a in applications]
    past = bundle.store[history].iloc[[max(p, 0) for p in positions]].reset_index(drop=True)
    past = past.apply(pd.to_numeric).astype("float64")
    is_new = np.array([p < 0 for p in positions])
    if is_new.any():
        past.loc[is_new, history] = [defaults[f] for f in history]
    frame = pd.concat([app.reset_index(drop=True), past], axis=1)[list(bundle.features)]
    return _cross_table(frame.copy())


def model_input(bundle: ServingBundle, features: pd.DataFrame) -> pd.DataFrame:
    """Return CatBoost's input for feature rows."""
    return model_inputs.to_model_input(features, bundle.features, bundle.categorical)


def predict_log_odds(bundle: ServingBundle, x: pd.DataFrame) -> np.ndarray:
    """Return the model's log-odds of default for model-input rows (plain-row Pool, 1 thread)."""
    pool = model_inputs.to_pool(x, bundle.categorical)
    raw = bundle.model.predict(pool, prediction_type="RawFormulaVal", thread_count=1)
    return np.asarray(raw, dtype=float)


def probability_of_log_odds(log_odds: np.ndarray) -> np.ndarray:
    """Return probabilities of default from log-odds."""
    return 1.0 / (1.0 + np.exp(-np.asarray(log_odds, dtype=float)))


def shap_values(bundle: ServingBundle, x: pd.DataFrame) -> tuple[float, np.ndarray]:
    """Return CatBoost's SHAP base value and contributions (log-odds) for model-input rows."""
    return model_inputs.shap_values(bundle.model, x, bundle.categorical)
