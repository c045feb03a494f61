"""Baselines on the model's own folds: what each stage of the pipeline is worth on this data.

Every row is scored out of fold on the bundle's folds and gets its AUC (mean ± std over folds)
and its cost per client at its own cost-optimal threshold (chosen on its pooled out-of-fold
scores, as `train` chooses the model's):

- ``prior``: the train fold's default rate for everyone (``DummyClassifier("prior")``);
- ``external_scores``: 1 - the mean of the known EXT_SOURCE_1..3, the train fold's mean for a
  client with none known; nothing else is fitted;
- ``raw_catboost``: CatBoost with the model's settings, folds and early stopping on the raw
  application columns as validated (no engineered feature, no history table, no protected
  attribute);
- ``model_unconstrained``: the model's features, settings and folds without the monotone
  constraints (the catalogue's directions): what the directions cost, when the model has them;
- ``model``: the bundle's out-of-fold predictions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np
import pandas as pd
from sklearn.dummy import DummyClassifier
from sklearn.metrics import roc_auc_score

from model_training.bundle.metadata import Costs
from model_training.data.schema import PROTECTED_ATTRIBUTE, table
from model_training.errors import BundleError
from model_training.evaluate.ablation import sample_rows
from model_training.features.application import FOLDED_INCOME_TYPES, NEUTRAL_INCOME_TYPE
from model_training.modeling.cv import cross_validate
from model_training.modeling.decision import choose_threshold, cost_per_client
from model_training.modeling.model_input import to_model_input
from model_training.modeling.params import TrainingSettings

# Above it, a sample stratified by fold and TARGET: the raw CatBoost fits about 0.06 s an
# iteration on 80,000 rows on 2 cores, a few minutes for 5 folds.
BASELINE_MAX_CLIENTS = 100_000
EXTERNAL_SCORES: tuple[str, ...] = ("EXT_SOURCE_1", "EXT_SOURCE_2", "EXT_SOURCE_3")
EXCLUDED_COLUMNS: tuple[str, ...] = ("SK_ID_CURR", "TARGET", PROTECTED_ATTRIBUTE)
BASELINE_LABELS: dict[str, str] = {
    "prior": "prior (default rate for everyone)",
    "external_scores": "mean of the external scores",
    "raw_catboost": "CatBoost on the raw application columns",
    "model_unconstrained": "full model without monotone constraints",
    "model": "full model (all features)",
}


def raw_application_columns() -> list[str]:
    """Return the raw CatBoost's inputs: application_train's columns minus id, target, gender."""
    spec = table("application_train")
    return [name for name in spec.column_names if name not in EXCLUDED_COLUMNS]


def raw_categorical_columns(columns: list[str]) -> list[str]:
    """Return the columns of ``columns`` that application_train holds as text codes."""
    spec = table("application_train")
    return [name for name in columns if spec.column(name).is_categorical]


def prior_scores(y: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Return each client's out-of-fold prior: the default rate of its fold's training rows."""
    scores = np.zeros(len(y))
    for k in np.unique(folds):
        held_out = folds == k
        dummy = DummyClassifier(strategy="prior").fit(
            np.zeros((int((~held_out).sum()), 1)), y[~held_out]
        )
        scores[held_out] = dummy.predict_proba(np.zeros((int(held_out.sum()), 1)))[:, 1]
    return scores


def external_score_risk(external: np.ndarray, folds: np.ndarray) -> np.ndarray:
    """Return 1 - the mean of each client's known external scores (rows: clients).

    A client with no score known gets the mean over its fold's training rows (0.5, the middle
    of the scores' range, when none of them has one).
    """
    known = ~np.isnan(external)
    n_known = known.sum(axis=1)
    mean = np.where(known, external, 0.0).sum(axis=1) / np.maximum(n_known, 1)
    is_unknown = n_known == 0
    for k in np.unique(folds):
        held_out = folds == k
        training = ~held_out & ~is_unknown
        mean[held_out & is_unknown] = mean[training].mean() if training.any() else 0.5
    return 1.0 - mean


def raw_model_input(applications: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Return CatBoost's input of the raw columns, "Maternity leave" folded as for the model."""
    frame = applications[columns].copy()
    if "NAME_INCOME_TYPE" in frame:
        folded = frame["NAME_INCOME_TYPE"].isin(FOLDED_INCOME_TYPES)
        frame["NAME_INCOME_TYPE"] = frame["NAME_INCOME_TYPE"].mask(folded, NEUTRAL_INCOME_TYPE)
    return to_model_input(frame, columns, raw_categorical_columns(columns))


def score_row(
    y: np.ndarray, score: np.ndarray, folds: np.ndarray, cost_fn: float, cost_fp: float
) -> dict:
    """Return AUC and cost per client (mean, std, folds) at the score's own optimal threshold."""
    threshold = choose_threshold(y, score, cost_fn, cost_fp)
    aucs, costs = [], []
    for k in np.unique(folds):
        rows = folds == k
        aucs.append(float(roc_auc_score(y[rows], score[rows])))
        costs.append(cost_per_client(y[rows], score[rows], threshold, cost_fn, cost_fp))
    return {
        "auc_mean": float(np.mean(aucs)),
        "auc_std": float(np.std(aucs)),
        "fold_auc": aucs,
        "threshold": threshold,
        "cost_mean": float(np.mean(costs)),
        "cost_std": float(np.std(costs)),
        "fold_cost": costs,
    }


def _clients(
    oof: pd.DataFrame, applications: pd.DataFrame, max_clients: int, seed: int
) -> pd.DataFrame:
    """Return the evaluated clients (all in the oof order, or a sample) with their raw columns."""
    rows = oof[["SK_ID_CURR", "TARGET", "fold", "oof_probability"]].merge(
        applications, on="SK_ID_CURR", how="left", validate="one_to_one", indicator=True
    )
    n_missing = int((rows.pop("_merge") == "left_only").sum())
    if n_missing:
        raise BundleError(
            f"{n_missing:,} of the bundle's {len(oof):,} train clients are not in the validated "
            "application_train: evaluate the bundle with the data directory it was trained on "
            "(--data-dir)."
        )
    key = rows["fold"].to_numpy(dtype=np.int64) * 2 + rows["TARGET"].to_numpy(dtype=np.int64)
    return rows.iloc[sample_rows(key, max_clients, seed)].reset_index(drop=True)


def run_baselines(
    oof: pd.DataFrame,
    applications: pd.DataFrame,
    settings: TrainingSettings,
    costs: Costs,
    on_fold: Callable[[int], None] | None = None,
    max_clients: int = BASELINE_MAX_CLIENTS,
    store: pd.DataFrame | None = None,
    features: Sequence[str] = (),
    categorical: Sequence[str] = (),
) -> dict:
    """Return the baseline rows measured on the bundle's folds.

    ``oof`` is the bundle's oof table (SK_ID_CURR, TARGET, fold, oof_probability),
    ``applications`` the validated application_train rows (TARGET left out), ``settings``
    the model's training settings and ``costs`` the bundle's (false_negative, false_positive).
    With the bundle's feature ``store`` (and its ``features`` and ``categorical`` names) and a
    model trained with monotone constraints, the same model without them is a row too.
    """
    cost_fn, cost_fp = costs.false_negative, costs.false_positive
    clients = _clients(oof, applications, max_clients, settings.seed)
    y = clients["TARGET"].to_numpy(dtype=np.int64)
    folds = clients["fold"].to_numpy(dtype=np.int64)
    columns = raw_application_columns()
    raw_categorical = raw_categorical_columns(columns)
    free = replace(settings, is_monotone=False)
    raw = cross_validate(
        raw_model_input(clients, columns), y, raw_categorical, free, on_fold, folds=folds
    )
    scores = {
        "prior": prior_scores(y, folds),
        "external_scores": external_score_risk(
            clients[list(EXTERNAL_SCORES)].to_numpy(dtype=float, na_value=np.nan), folds
        ),
        "raw_catboost": raw.oof_probability,
    }
    if store is not None and settings.is_monotone:
        rows = clients[["SK_ID_CURR"]].merge(store, on="SK_ID_CURR", how="left")
        x = to_model_input(rows, list(features), list(categorical))
        unconstrained = cross_validate(x, y, list(categorical), free, on_fold, folds=folds)
        scores["model_unconstrained"] = unconstrained.oof_probability
    scores["model"] = clients["oof_probability"].to_numpy(dtype=float)
    return {
        "rows": [
            {"name": name, "label": BASELINE_LABELS[name]}
            | score_row(y, score, folds, cost_fn, cost_fp)
            for name, score in scores.items()
        ],
        "n_clients": len(y),
        "n_train_clients": len(oof),
        "is_sample": len(y) < len(oof),
        "max_clients": max_clients,
        "n_folds": int(folds.max()) + 1,
        "raw_features": columns,
        "raw_categorical": raw_categorical,
        "costs": {"false_negative": cost_fn, "false_positive": cost_fp},
        "raw_settings": {
            "iterations": settings.iterations,
            "learning_rate": settings.learning_rate,
            "depth": settings.depth,
            "early_stopping_rounds": settings.early_stopping_rounds,
            "best_iterations": raw.best_iterations,
        },
    }
