"""Model metrics as plain data: ROC with its spread over folds, PR, calibration, errors, cost.

Every function takes arrays (the train clients' TARGET, their out-of-fold probability of
default and fold) and returns dicts of lists ready for JSON. A client is refused when the
probability of default is at or above the threshold.
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import (
    average_precision_score,
    precision_recall_curve,
    roc_auc_score,
    roc_curve,
)

from model_training.modeling.decision import is_refused

ROC_GRID_POINTS = 101  # false positive rates 0, 0.01, ..., 1 shared by every fold
PR_MAX_POINTS = 200
CALIBRATION_BINS = 10
COST_GRID_POINTS = 201  # thresholds 0, 0.005, ..., 1


def _grid(n_points: int) -> np.ndarray:
    return np.linspace(0.0, 1.0, n_points)


def roc_by_fold(y: np.ndarray, probability: np.ndarray, fold: np.ndarray) -> dict:
    """Return each fold's ROC on a common false positive rate grid, their mean and spread."""
    fpr_grid = _grid(ROC_GRID_POINTS)
    folds = []
    for k in np.unique(fold):
        rows = fold == k
        fpr, tpr, _ = roc_curve(y[rows], probability[rows])
        tpr_on_grid = np.interp(fpr_grid, fpr, tpr)
        tpr_on_grid[0] = 0.0
        auc = float(roc_auc_score(y[rows], probability[rows]))
        folds.append({"fold": int(k), "auc": auc, "tpr": tpr_on_grid.tolist()})
    tprs = np.array([f["tpr"] for f in folds])
    aucs = [f["auc"] for f in folds]
    return {
        "fpr": fpr_grid.tolist(),
        "tpr_mean": tprs.mean(axis=0).tolist(),
        "tpr_std": tprs.std(axis=0).tolist(),
        "folds": folds,
        "auc_mean": float(np.mean(aucs)),
        "auc_std": float(np.std(aucs)),
        "oof_auc": float(roc_auc_score(y, probability)),
    }


def _thin(n: int, max_points: int) -> np.ndarray:
    """Return at most ``max_points`` evenly spread indices of 0..n-1, the ends included."""
    if n <= max_points:
        return np.arange(n)
    return np.unique(np.linspace(0, n - 1, max_points).round().astype(int))


def precision_recall(y: np.ndarray, probability: np.ndarray) -> dict:
    """Return the precision-recall curve (thinned), its average precision and the base rate."""
    precision, recall, _ = precision_recall_curve(y, probability)
    keep = _thin(len(recall), PR_MAX_POINTS)
    return {
        "recall": recall[keep].tolist(),
        "precision": precision[keep].tolist(),
        "average_precision": float(average_precision_score(y, probability)),
        "base_rate": float(np.mean(y)),
    }


def brier_score(y: np.ndarray, probability: np.ndarray) -> float:
    """Return the mean squared error of the probabilities (the Brier score)."""
    return float(np.mean((probability - y) ** 2))


def calibration(y: np.ndarray, probability: np.ndarray, n_bins: int = CALIBRATION_BINS) -> dict:
    """Return equal-count bins of predicted probability with the observed default rate.

    ``brier_reference`` is the Brier score of predicting the base rate for everyone: a model
    worth having scores below it.
    """
    order = np.argsort(probability, kind="stable")
    bins = []
    for rows in np.array_split(order, min(n_bins, len(order))):
        bins.append(
            {
                "mean_predicted": float(probability[rows].mean()),
                "observed_rate": float(y[rows].mean()),
                "n": len(rows),
            }
        )
    base_rate = float(np.mean(y))
    return {
        "bins": bins,
        "brier": brier_score(y, probability),
        "brier_reference": brier_score(y, np.full(len(y), base_rate)),
    }


def confusion_at(y: np.ndarray, probability: np.ndarray, threshold: float) -> dict:
    """Return the confusion matrix of the decisions at ``threshold``, and its rates.

    Positive = defaulter. ``tp``: defaulter refused, ``fn``: defaulter granted, ``fp``: good
    client refused, ``tn``: good client granted.
    """
    refused = is_refused(probability, threshold)
    is_default = y == 1
    tp = int(np.sum(refused & is_default))
    fn = int(np.sum(~refused & is_default))
    fp = int(np.sum(refused & ~is_default))
    tn = int(np.sum(~refused & ~is_default))
    n = tp + fn + fp + tn
    return {
        "threshold": float(threshold),
        "tn": tn,
        "fp": fp,
        "fn": fn,
        "tp": tp,
        "n": n,
        "refusal_rate": (tp + fp) / n if n else float("nan"),
        "true_positive_rate": tp / (tp + fn) if tp + fn else float("nan"),
        "false_positive_rate": fp / (fp + tn) if fp + tn else float("nan"),
        "precision": tp / (tp + fp) if tp + fp else float("nan"),
    }


def costs_on_grid(
    y: np.ndarray, probability: np.ndarray, thresholds: np.ndarray, cost_fn: float, cost_fp: float
) -> np.ndarray:
    """Return the cost per client of refusing at ``probability >= t`` for each threshold t."""
    order = np.argsort(probability, kind="stable")
    p, target = probability[order], y[order].astype(np.int64)
    first_refused = np.searchsorted(p, thresholds, side="left")
    defaulters_below = np.concatenate([[0], np.cumsum(target)])[first_refused]
    n, n_defaulters = len(target), int(target.sum())
    false_positives = (n - first_refused) - (n_defaulters - defaulters_below)
    return (cost_fn * defaulters_below + cost_fp * false_positives) / n


def cost_by_threshold(
    y: np.ndarray,
    probability: np.ndarray,
    fold: np.ndarray,
    threshold: float,
    cost_fn: float,
    cost_fp: float,
) -> dict:
    """Return cost per client against the threshold (all OOF and spread over folds).

    The grid holds 0, 0.005, ..., 1 plus the chosen threshold; ``chosen`` and ``half`` give
    the cost at the chosen threshold and at 0.5.
    """
    grid = np.unique(np.concatenate([_grid(COST_GRID_POINTS), [threshold]]))
    overall = costs_on_grid(y, probability, grid, cost_fn, cost_fp)
    by_fold = np.array(
        [
            costs_on_grid(y[fold == k], probability[fold == k], grid, cost_fn, cost_fp)
            for k in np.unique(fold)
        ]
    )
    at = {
        name: float(costs_on_grid(y, probability, np.array([t]), cost_fn, cost_fp)[0])
        for name, t in (("chosen", threshold), ("half", 0.5))
    }
    return {
        "thresholds": grid.tolist(),
        "cost_per_client": overall.tolist(),
        "cost_fold_std": by_fold.std(axis=0).tolist(),
        "chosen": {"threshold": float(threshold), "cost_per_client": at["chosen"]},
        "half": {"threshold": 0.5, "cost_per_client": at["half"]},
        "costs": {"false_negative": float(cost_fn), "false_positive": float(cost_fp)},
    }
