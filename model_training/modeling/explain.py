"""SHAP contributions in log-odds (TreeSHAP by leaf, ``tree_shap``), and their top-k summary."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from catboost import CatBoostClassifier, Pool

from model_training.modeling.tree_shap import leaf_shap, tree_shap_values

TOP_K_STORED = 20  # contributions kept per stored client; the rest is one remainder
GROUP_PREFIX = "group_"  # stored columns of each client's contribution by reason group
BATCH_ROWS = 20_000


@dataclass(frozen=True)
class Contributions:
    """Per-client SHAP values: base + sum(values) = the model's log-odds of default."""

    base_value: float
    values: np.ndarray  # (n_clients, n_features), log-odds

    @property
    def log_odds(self) -> np.ndarray:
        """Return each client's log-odds of default (base value plus contributions)."""
        return self.base_value + self.values.sum(axis=1)


def shap_contributions(
    model: CatBoostClassifier,
    x: pd.DataFrame,
    categorical: Sequence[str],
    on_batch: Callable[[int], None] | None = None,
) -> Contributions:
    """Return the SHAP contributions of every row, computed in batches."""
    parts = []
    tables = leaf_shap(model)
    base = tables.base_value
    for start in range(0, len(x), BATCH_ROWS):
        batch = x.iloc[start : start + BATCH_ROWS]
        pool = Pool(batch, cat_features=list(categorical))
        base, values = tree_shap_values(model, pool, tables, thread_count=-1)
        parts.append(values)
        if on_batch is not None:
            on_batch(len(batch))
    values = np.vstack(parts) if parts else np.zeros((0, x.shape[1]))
    return Contributions(base, values)


def top_contributions(values: np.ndarray, k: int = TOP_K_STORED) -> pd.DataFrame:
    """Return the k largest contributions by magnitude per row, and the remainder.

    Columns ``feature_1..k`` (feature index), ``shap_1..k`` (log-odds, largest first) and
    ``shap_other`` (the sum of all other contributions), so top-k plus other = the full sum.
    """
    k = min(k, values.shape[1])
    order = np.argsort(-np.abs(values), axis=1, kind="stable")[:, :k]
    top = np.take_along_axis(values, order, axis=1)
    out = {}
    for r in range(k):
        out[f"feature_{r + 1}"] = order[:, r].astype(np.int16)
        out[f"shap_{r + 1}"] = top[:, r]
    out["shap_other"] = values.sum(axis=1) - top.sum(axis=1)
    return pd.DataFrame(out)


def global_importance(values: np.ndarray, features: Sequence[str]) -> pd.DataFrame:
    """Return mean |SHAP| and mean SHAP per feature, most important first."""
    frame = pd.DataFrame(
        {
            "feature": list(features),
            "mean_abs_shap": np.abs(values).mean(axis=0) if len(values) else 0.0,
            "mean_shap": values.mean(axis=0) if len(values) else 0.0,
        }
    )
    return frame.sort_values("mean_abs_shap", ascending=False, ignore_index=True)
