"""Reference statistics for comparisons: each feature's distribution by group, and peer groups.

"Similar clients" are the clients of the same peer group: k-means clusters on a few
standardised key fields (age, income, credit, annuity, employment, external scores), so the
API compares a client with similar clients from precomputed histograms, with no scan.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn.cluster import MiniBatchKMeans

N_BINS = 30
MAX_PEER_GROUPS = 50
CLIENTS_PER_GROUP = 400  # at least this many clients per peer group on small data
PEER_KEYS = (
    "DAYS_BIRTH",
    "AMT_INCOME_TOTAL",
    "AMT_CREDIT",
    "AMT_ANNUITY",
    "DAYS_EMPLOYED",
    "EXT_SOURCE_1",
    "EXT_SOURCE_2",
    "EXT_SOURCE_3",
)
LOG_KEYS = ("AMT_INCOME_TOTAL", "AMT_CREDIT", "AMT_ANNUITY")


def peer_definition(frame: pd.DataFrame, seed: int = 0) -> dict:
    """Fit the peer groups; return their definition (keys, centring, scale, centroids)."""
    keys = [k for k in PEER_KEYS if k in frame.columns]
    raw = _key_matrix(frame, keys)
    center = np.nanmedian(raw, axis=0)
    scale = np.nanstd(raw, axis=0)
    scale = np.where(scale > 0, scale, 1.0)
    z = np.nan_to_num((raw - center) / scale, nan=0.0)
    n_groups = int(np.clip(len(frame) // CLIENTS_PER_GROUP, 1, MAX_PEER_GROUPS))
    model = MiniBatchKMeans(n_clusters=n_groups, random_state=seed, n_init=3, batch_size=4096)
    model.fit(z)
    return {
        "keys": keys,
        "log_keys": [k for k in keys if k in LOG_KEYS],
        "center": center.tolist(),
        "scale": scale.tolist(),
        "centroids": model.cluster_centers_.tolist(),
    }


def _key_matrix(frame: pd.DataFrame, keys: Sequence[str]) -> np.ndarray:
    columns = []
    for key in keys:
        values = pd.to_numeric(frame[key], errors="coerce").to_numpy(dtype=float)
        if key == "DAYS_EMPLOYED":
            values = np.where(values > 0, np.nan, values)
        if key in LOG_KEYS:
            values = np.log1p(np.clip(values, 0, None))
        columns.append(values)
    return np.column_stack(columns)


def assign_peer_group(frame: pd.DataFrame, definition: dict) -> np.ndarray:
    """Return the peer group of each row (nearest centroid in the standardised key space)."""
    raw = _key_matrix(frame, definition["keys"])
    z = np.nan_to_num((raw - np.array(definition["center"])) / np.array(definition["scale"]))
    centroids = np.array(definition["centroids"])
    distances = ((z[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    return distances.argmin(axis=1).astype(np.int16)


def _numeric_rows(name: str, values: np.ndarray, groups: dict[str, np.ndarray]) -> list[dict]:
    known = values[~np.isnan(values)]
    if len(known) == 0:
        return []
    edges = np.unique(np.quantile(known, np.linspace(0, 1, N_BINS + 1)))
    if len(edges) == 1:
        edges = np.array([edges[0], edges[0] + 1e-9])
    rows = []
    for group, mask in groups.items():
        selected = values[mask]
        counts, _ = np.histogram(selected[~np.isnan(selected)], bins=edges)
        rows += [
            {
                "feature": name,
                "group": group,
                "bin": i,
                "left": edges[i],
                "right": edges[i + 1],
                "level": None,
                "count": int(c),
            }
            for i, c in enumerate(counts)
        ]
        rows.append(
            {
                "feature": name,
                "group": group,
                "bin": -1,
                "left": np.nan,
                "right": np.nan,
                "level": None,
                "count": int(np.isnan(selected).sum()),
            }
        )
    return rows


def _categorical_rows(name: str, values: pd.Series, groups: dict[str, np.ndarray]) -> list[dict]:
    rows = []
    for group, mask in groups.items():
        counts = values[mask].fillna("__missing__").value_counts()
        rows += [
            {
                "feature": name,
                "group": group,
                "bin": i,
                "left": np.nan,
                "right": np.nan,
                "level": str(level),
                "count": int(c),
            }
            for i, (level, c) in enumerate(counts.items())
        ]
    return rows


def build_peer_reference(
    frame: pd.DataFrame,
    features: Sequence[str],
    categorical: Sequence[str],
    refused: np.ndarray,
    seed: int = 0,
) -> tuple[pd.DataFrame, np.ndarray, dict]:
    """Return (histograms of every feature by group, each client's peer group, definition).

    Groups: ``all``, ``granted``, ``refused`` and ``peer:<k>`` for each peer group.
    """
    definition = peer_definition(frame, seed)
    clusters = assign_peer_group(frame, definition)
    groups = {"all": np.ones(len(frame), dtype=bool), "granted": ~refused, "refused": refused}
    for k in range(len(definition["centroids"])):
        groups[f"peer:{k}"] = clusters == k
    categorical_set = set(categorical)
    rows: list[dict] = []
    for name in features:
        if name in categorical_set:
            rows += _categorical_rows(name, frame[name], groups)
        else:
            values = pd.to_numeric(frame[name], errors="coerce").to_numpy(dtype=float)
            rows += _numeric_rows(name, values, groups)
    return pd.DataFrame(rows), clusters, definition
