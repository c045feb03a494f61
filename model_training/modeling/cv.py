"""Stratified K-fold cross-validation of CatBoost, and the final model on all train clients."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from catboost import CatBoostClassifier, Pool
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold, train_test_split

from model_training.modeling.params import TrainingSettings

EARLY_STOPPING_SHARE = 0.1  # of each fold's training rows, set aside to stop boosting


@dataclass(frozen=True)
class CrossValidation:
    """Out-of-fold predictions for every train client, and each fold's figures."""

    oof_probability: np.ndarray
    fold_of_row: np.ndarray
    fold_auc: list[float]
    best_iterations: list[int]

    @property
    def auc_mean(self) -> float:
        """Return the mean AUC over folds."""
        return float(np.mean(self.fold_auc))

    @property
    def auc_std(self) -> float:
        """Return the standard deviation of the fold AUCs."""
        return float(np.std(self.fold_auc))


def stratified_folds(y: np.ndarray, settings: TrainingSettings) -> np.ndarray:
    """Return each row's fold of the model's stratified, shuffled K-fold split."""
    splitter = StratifiedKFold(n_splits=settings.n_folds, shuffle=True, random_state=settings.seed)
    folds = np.zeros(len(y), dtype=np.int64)
    for k, (_, eval_rows) in enumerate(splitter.split(np.zeros(len(y)), y)):
        folds[eval_rows] = k
    return folds


def cross_validate(
    x: pd.DataFrame,
    y: np.ndarray,
    categorical: Sequence[str],
    settings: TrainingSettings,
    on_fold: Callable[[int], None] | None = None,
    folds: np.ndarray | None = None,
) -> CrossValidation:
    """Fit one model per fold (early stopping on part of its training rows); predict out of fold.

    ``folds`` gives each row's fold (0 to K-1) to reuse another run's folds; by default the
    rows are split by ``stratified_folds``.
    """
    folds = stratified_folds(y, settings) if folds is None else folds
    oof = np.zeros(len(y))
    fold_of_row = np.zeros(len(y), dtype=np.int64)
    aucs, best = [], []
    params = settings.catboost_params(list(x.columns))
    for k in range(int(folds.max()) + 1):
        train_rows, eval_rows = np.flatnonzero(folds != k), np.flatnonzero(folds == k)
        # Early stopping watches a slice of the fold's training rows, never the held-out
        # rows: their out-of-fold predictions stay honest (they choose the threshold).
        fit_rows, stop_rows = train_test_split(
            train_rows,
            test_size=EARLY_STOPPING_SHARE,
            stratify=y[train_rows],
            random_state=settings.seed + k,
        )
        model = CatBoostClassifier(**params, early_stopping_rounds=settings.early_stopping_rounds)
        fit_pool = Pool(x.iloc[fit_rows], y[fit_rows], cat_features=list(categorical))
        stop_pool = Pool(x.iloc[stop_rows], y[stop_rows], cat_features=list(categorical))
        model.fit(fit_pool, eval_set=stop_pool, use_best_model=True)
        eval_pool = Pool(x.iloc[eval_rows], cat_features=list(categorical))
        oof[eval_rows] = model.predict_proba(eval_pool)[:, 1]
        fold_of_row[eval_rows] = k
        aucs.append(float(roc_auc_score(y[eval_rows], oof[eval_rows])))
        best.append(int(model.get_best_iteration()) + 1)
        if on_fold is not None:
            on_fold(k)
    return CrossValidation(oof, fold_of_row, aucs, best)


def final_iterations(cv: CrossValidation, n_folds: int) -> int:
    """Return the final model's iterations: the folds' mean best, scaled up for more data."""
    return max(1, round(float(np.mean(cv.best_iterations)) * (1 + 1 / n_folds)))


def fit_final(
    x: pd.DataFrame,
    y: np.ndarray,
    categorical: Sequence[str],
    settings: TrainingSettings,
    iterations: int,
) -> CatBoostClassifier:
    """Fit the served model on every train client (no early stopping: no held-out data)."""
    params = {**settings.catboost_params(list(x.columns)), "iterations": iterations}
    model = CatBoostClassifier(**params)
    model.fit(Pool(x, y, cat_features=list(categorical)))
    return model
