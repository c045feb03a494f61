"""Scores: stored clients read from the bundle, edited or new applications computed here.

Edited and new applications go through numpy columns, never a pandas frame: a request holds
a few rows, where pandas' per-column overhead (over about 300 columns) would cost a hundred
times the model. The stored fields and history aggregates are numpy columns kept per bundle.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np
from catboost import Pool

from model_training.bundle import APPLICATIONS
from model_training.data.schema import table
from model_training.features import application_feature_names, application_features
from model_training.features.application import application_input_columns
from model_training.features.cross_table import cross_table_features
from model_training.modeling import model_input as model_inputs
from model_training.modeling.decision import decide
from model_training.modeling.reasons import ValueOf, missing_inputs, referable_log_odds
from model_training.modeling.tree_shap import tree_shap_values
from scoring_api.bundle_store import ServingBundle
from scoring_api.errors import ApiError, not_found
from scoring_api.services.raw_data import ApplicationColumns, application_columns
from scoring_api.services.stored import stored_groups, stored_value_of

FeatureColumns = dict[str, np.ndarray]  # feature name -> one value per application


def score_result(
    bundle: ServingBundle,
    probability: float,
    groups: np.ndarray | None = None,
    value_of: ValueOf | None = None,
    lang: str = "fr",
) -> dict[str, Any]:
    """Return the score fields of one probability of default under the bundle's threshold.

    With the client's contributions by reason group (and values), a refusal that rests on
    missing inputs a person can ask for becomes ``referred`` and ``missing_inputs`` names them;
    without, no input is missing (every referable input was given).
    """
    threshold = bundle.threshold
    referable = 0.0 if groups is None else float(referable_log_odds(groups)[0])
    missing = []
    if groups is not None and value_of is not None:
        missing = missing_inputs(groups, value_of, bundle.scale, lang)
    return {
        "probability": float(probability),
        "threshold": threshold,
        "decision": str(decide(probability, threshold, referable)),
        "model_decision": str(decide(probability, threshold)),
        "margin": threshold - float(probability),
        "score": float(bundle.scale.score(probability)),
        "missing_inputs": missing,
        "model_version": bundle.version,
    }


def client_row(bundle: ServingBundle, client_id: int) -> int:
    """Return the aligned row of a stored client, or raise a 404."""
    row = bundle.position(client_id)
    if row is None:
        raise not_found("Client", {"client_id": client_id})
    return row


def score_stored_client(bundle: ServingBundle, client_id: int, lang: str = "fr") -> dict[str, Any]:
    """Return the stored score of a client (computed by the final model at build time)."""
    return stored_score(bundle, client_row(bundle, client_id), lang)


def stored_score(bundle: ServingBundle, row: int, lang: str = "fr") -> dict[str, Any]:
    """Return the score fields of a stored row, referral and missing inputs included."""
    probability = float(bundle.scores["probability"].iat[row])
    groups = stored_groups(bundle)[row] if bundle.explanations is not None else None
    return score_result(bundle, probability, groups, stored_value_of(bundle, row), lang)


@cache
def _text_columns() -> frozenset[str]:
    """Return the categorical (text) fields of an application."""
    return frozenset(c.name for c in table("application_test").columns if c.is_categorical)


def stored_applications(bundle: ServingBundle) -> ApplicationColumns:
    """Return the bundle's application fields the features read, read once per bundle."""
    return bundle.cached("applications", None, lambda: _read_applications(bundle))


def _read_applications(bundle: ServingBundle) -> ApplicationColumns:
    """Read the application fields the features read from the bundle's applications table."""
    names = application_input_columns()
    held = set(bundle.source.table_columns(APPLICATIONS))
    data = bundle.arrow_table(APPLICATIONS, ["SK_ID_CURR", *(n for n in names if n in held)])
    return application_columns(data, names, _text_columns())


def _history_defaults(bundle: ServingBundle) -> dict[str, float]:
    """Return each history feature with its value for a new applicant (0 counts, else NaN)."""
    own = set(application_feature_names())
    return {
        name: (0.0 if name in bundle.count_features else np.nan)
        for name in bundle.features
        if name not in own
    }


def _missing_column(name: str, n_rows: int) -> np.ndarray:
    """Return a column of missing values for a raw field."""
    if name in _text_columns():
        return np.full(n_rows, None, dtype=object)
    return np.full(n_rows, np.nan)


def _raw_columns(
    stored: ApplicationColumns, rows: np.ndarray, applications: Sequence[dict[str, Any]]
) -> FeatureColumns:
    """Return the raw fields of applications: the stored ones (row >= 0) with changes on top."""
    is_stored = rows >= 0
    out: FeatureColumns = {}
    for name in application_input_columns():
        if is_stored.all():
            out[name] = stored.columns[name][rows]
        else:
            out[name] = _missing_column(name, len(rows))
            if is_stored.any():
                out[name][is_stored] = stored.columns[name][rows[is_stored]]
    for i, application in enumerate(applications):
        for name, value in application.items():
            column = out.get(name)
            if column is not None:
                column[i] = (None if column.dtype == object else np.nan) if value is None else value
    return out


def _history_columns(bundle: ServingBundle, rows: np.ndarray) -> FeatureColumns:
    """Return the stored history aggregates of rows (row >= 0), defaults for new applicants."""
    defaults = bundle.cached("history_defaults", None, lambda: _history_defaults(bundle))
    is_stored = rows >= 0
    if is_stored.all():  # what-ifs only: one gather a column
        store = bundle.numeric_store
        return {name: store[name][rows].astype(np.float64, copy=False) for name in defaults}
    out: FeatureColumns = {}
    some_stored = rows[is_stored]
    for name, default in defaults.items():
        values = np.full(len(rows), default)
        if len(some_stored):
            values[is_stored] = bundle.numeric_store[name][some_stored]
        out[name] = values
    return out


def build_feature_rows(
    bundle: ServingBundle, applications: Sequence[dict[str, Any]]
) -> FeatureColumns:
    """Return the model features of applications: an id merges its stored file and history."""
    ids = [a.get("SK_ID_CURR") for a in applications]
    rows = np.array([-1 if i is None else client_row(bundle, i) for i in ids], dtype=np.intp)
    stored_rows = np.full(len(ids), -1, dtype=np.intp)
    stored = ApplicationColumns(np.empty(0, dtype=np.int64), {})
    if (rows >= 0).any():
        stored = stored_applications(bundle)
        stored_rows = stored.positions(ids)
        for client_id, row in zip(ids, stored_rows, strict=True):
            if client_id is not None and row < 0:
                raise ApiError(
                    409,
                    "no_application_data",
                    "The client's application fields are not available for a what-if.",
                    {"client_id": client_id},
                )
    changes = [{k: v for k, v in a.items() if k != "SK_ID_CURR"} for a in applications]
    # Extreme what-if values (a credit of 1e308) overflow to inf, as on the pandas path: no warning.
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        app = application_features(_raw_columns(stored, stored_rows, changes))
        history = _history_columns(bundle, rows)
        features = {name: app[name] if name in app else history[name] for name in bundle.features}
        features.update(cross_table_features(features))
    return features


def model_pool(bundle: ServingBundle, features: Mapping[str, np.ndarray]) -> Pool:
    """Return CatBoost's input Pool of feature columns (plain rows, categoricals declared)."""
    rows = model_inputs.to_model_rows(features, bundle.features, bundle.categorical)
    return model_inputs.pool_of_rows(rows, bundle.features, bundle.categorical)


def predict_log_odds(bundle: ServingBundle, pool: Pool) -> np.ndarray:
    """Return the model's log-odds of default for a Pool's rows (one thread)."""
    raw = bundle.model.predict(pool, prediction_type="RawFormulaVal", thread_count=1)
    return np.asarray(raw, dtype=float)


def shap_values(bundle: ServingBundle, pool: Pool) -> tuple[float, np.ndarray]:
    """Return the SHAP base value and contributions (log-odds) of a Pool's rows (TreeSHAP)."""
    return tree_shap_values(bundle.model, pool, bundle.leaf_shap)
