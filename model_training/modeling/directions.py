"""The direction view's data: a sample of train clients' contributions of the top inputs.

The importance says how much an input moves scores; this says which way. For each of the
most important numeric inputs it keeps, for the same sample of train clients, the client's
value as a quantile among the train clients (0 lowest, 1 highest, missing left empty) and
the input's contribution in score points (positive towards granting). Categorical inputs are
left out: their levels have no low-to-high order to colour by.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from model_training.modeling.points import PointsScale

DIRECTION_FEATURES = 8  # the most important numeric inputs drawn
DIRECTION_SAMPLE = 200  # train clients a feature (the same clients for every feature)
DIRECTION_COLUMNS = ("feature", "quantile", "points")


def direction_sample(
    values: pd.DataFrame,
    contributions: np.ndarray,
    importance: pd.DataFrame,
    scale: PointsScale,
    *,
    categorical: Sequence[str],
    seed: int,
) -> pd.DataFrame:
    """Return one row per (top input, sampled client): feature, value quantile, points.

    ``values`` holds the train clients' inputs in the model's column order, ``contributions``
    their SHAP values (log-odds of default, one column per input, same order) and
    ``importance`` the inputs most important first.
    """
    columns = list(values.columns)
    skipped = set(categorical)
    top = [name for name in importance["feature"] if name not in skipped][:DIRECTION_FEATURES]
    n = len(values)
    rng = np.random.default_rng(seed)
    rows = np.sort(rng.choice(n, size=min(DIRECTION_SAMPLE, n), replace=False))
    parts = []
    for name in top:
        column = pd.to_numeric(values[name], errors="coerce")
        quantile = column.rank(pct=True, method="average").to_numpy(dtype=float)[rows]
        points = scale.contribution_points(contributions[rows, columns.index(name)])
        parts.append(
            pd.DataFrame(
                {
                    "feature": name,
                    "quantile": np.round(quantile, 3),
                    "points": np.round(points, 2),
                }
            )
        )
    if not parts:
        return pd.DataFrame({name: pd.Series(dtype=kind) for name, kind in _DTYPES.items()})
    return pd.concat(parts, ignore_index=True)


_DTYPES = {"feature": "object", "quantile": "float64", "points": "float64"}
