"""Ablation: what the history tables add, as the CV AUC of application features alone vs all.

Rule for "application-only" features: a feature is application-only when it is computed from
the application row alone, that is when the features package lists it among its application
features (``application_feature_names``: raw fields, ratios, differences) or when its name is
a column of application_train. Every other feature reads a history table (bureau, previous
applications, instalments, POS, card balances). Both runs use the same faster settings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TypedDict

import numpy as np
import pandas as pd

from model_training.bundle.metadata import Training
from model_training.data.schema import table
from model_training.modeling.cv import cross_validate
from model_training.modeling.model_input import to_model_input
from model_training.modeling.params import TrainingSettings

ABLATION_FOLDS = 3
ABLATION_MAX_ITERATIONS = 1000
ABLATION_MAX_CLIENTS = 50_000  # a stratified sample keeps the ablation within minutes


class SubsetAuc(TypedDict):
    """The cross-validated AUC of one feature subset."""

    n_features: int
    auc_mean: float
    auc_std: float
    fold_auc: list[float]


def application_feature_set() -> frozenset[str]:
    """Return the names of the features computed from the application row alone."""
    from model_training.features.application import application_feature_names  # noqa: PLC0415

    raw = {column.name for column in table("application_train").columns}
    return frozenset(raw) | frozenset(application_feature_names())


def application_only(features: Sequence[str], known: frozenset[str]) -> list[str]:
    """Return the features of ``features`` that are application-only, in their order."""
    return [name for name in features if name in known]


def default_ablation_settings(training: Training) -> TrainingSettings:
    """Return the bundle's training settings with fewer folds and at most its final iterations."""
    settings = training.settings
    iterations = max(
        1, min(training.final_iterations, settings.iterations, ABLATION_MAX_ITERATIONS)
    )
    return replace(settings, n_folds=ABLATION_FOLDS, iterations=iterations)


def sample_rows(y: np.ndarray, max_rows: int, seed: int) -> np.ndarray:
    """Return the indices of a stratified sample of at most ``max_rows`` rows (sorted)."""
    if len(y) <= max_rows:
        return np.arange(len(y))
    rng = np.random.default_rng(seed)
    keep = []
    for level in np.unique(y):
        rows = np.flatnonzero(y == level)
        n_keep = round(len(rows) * max_rows / len(y))
        keep.append(rng.choice(rows, size=n_keep, replace=False))
    return np.sort(np.concatenate(keep))


def run_ablation(
    frame: pd.DataFrame,
    y: np.ndarray,
    features: Sequence[str],
    categorical: Sequence[str],
    settings: TrainingSettings,
    known: frozenset[str],
    on_fold: Callable[[int], None] | None = None,
) -> dict:
    """Return the CV AUC (mean, spread, folds) of application features alone and of all.

    ``frame`` holds the train clients' features, ``y`` their TARGET.
    """
    rows = sample_rows(y, ABLATION_MAX_CLIENTS, settings.seed)
    frame, y = frame.iloc[rows], y[rows]
    subsets = {"application": application_only(features, known), "all": list(features)}
    results: dict[str, SubsetAuc] = {}
    for name, names in subsets.items():
        if name == "all" and names == subsets["application"]:
            results[name] = results["application"]
            continue
        if not names:
            results[name] = {"n_features": 0, "auc_mean": 0.5, "auc_std": 0.0, "fold_auc": []}
            continue
        chosen = [c for c in categorical if c in set(names)]
        cv = cross_validate(to_model_input(frame, names, chosen), y, chosen, settings, on_fold)
        results[name] = {
            "n_features": len(names),
            "auc_mean": cv.auc_mean,
            "auc_std": cv.auc_std,
            "fold_auc": cv.fold_auc,
        }
    return {
        **results,
        "auc_gain": results["all"]["auc_mean"] - results["application"]["auc_mean"],
        "n_clients": len(y),
        "settings": {
            "n_folds": settings.n_folds,
            "iterations": settings.iterations,
            "learning_rate": settings.learning_rate,
        },
        "rule": "application-only = computed from the application row alone "
        "(the features package's application features or application_train columns)",
    }
