"""CatBoost's oblivious trees read from its JSON export: splits, leaf values and weights.

Split d of a tree is bit d of CatBoost's leaf index (``calc_leaf_indexes``); a split reads one
model feature (a float border, a one-hot level or the border of a single-feature CTR).
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from catboost import CatBoostClassifier, Pool

FLOAT, ONE_HOT, CTR = "FloatFeature", "OneHotFeature", "OnlineCtr"
EMPTY_LEAF_WEIGHT = 1e-9  # an empty leaf's stand-in weight (shap uses 1e-6): effect ~1e-10


@dataclass(frozen=True)
class Split:
    """One split of an oblivious tree: its kind, the feature's column, border or level hash."""

    kind: str
    feature: int  # column in the model's feature order
    border: float  # float and CTR splits: value > border; one-hot: hash == border


@dataclass(frozen=True)
class ObliviousTree:
    """One oblivious tree: splits in CatBoost's order (split d is bit d of the leaf index)."""

    splits: tuple[Split, ...]
    leaf_values: np.ndarray
    leaf_weights: np.ndarray


@dataclass(frozen=True)
class ObliviousEnsemble:
    """A CatBoost binary classifier's trees; log-odds = bias + scale * sum of leaf values."""

    trees: tuple[ObliviousTree, ...]
    scale: float
    bias: float
    n_features: int


def export_model(model: CatBoostClassifier, fmt: str, pool: Pool | None = None) -> str:
    """Return the text of the model saved in ``fmt`` (CatBoost writes only to files)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"model.{fmt}"
        model.save_model(str(path), format=fmt, pool=pool)
        return path.read_text(encoding="utf-8")


def _ctr_columns(info: dict[str, Any], cats: dict[int, int]) -> list[int]:
    """Return the column each CTR split reads, by its split index (CTR borders come last).

    CatBoost numbers its binary features float borders first, then one-hot levels, then the
    borders of each CTR in ``features_info.ctrs`` order; a CTR split names only that index.
    """
    columns = []
    for ctr in info.get("ctrs", []):
        cat_indices = {e["cat_feature_index"] for e in ctr["elements"] if "cat_feature_index" in e}
        if len(cat_indices) != 1 or len(ctr["elements"]) != 1:
            raise ValueError(
                f"CTR {ctr['identifier']} combines several features; only single-feature "
                "CTRs (max_ctr_complexity=1) map to one SHAP player."
            )
        columns += [cats[cat_indices.pop()]] * len(ctr["borders"])
    return columns


def read_ensemble(model: CatBoostClassifier) -> ObliviousEnsemble:
    """Return the model's oblivious trees read from CatBoost's JSON export."""
    exported = json.loads(export_model(model, "json"))
    info = exported["features_info"]
    floats = {f["feature_index"]: f["flat_feature_index"] for f in info.get("float_features", [])}
    cats = {
        f["feature_index"]: f["flat_feature_index"] for f in info.get("categorical_features", [])
    }
    ctr_offset = sum(len(f["borders"]) for f in info.get("float_features", []))
    ctr_offset += sum(len(f.get("values", [])) for f in info.get("categorical_features", []))
    ctr_columns = _ctr_columns(info, cats)
    trees = []
    for tree in exported["oblivious_trees"]:
        splits = []
        for split in tree["splits"]:
            kind = split["split_type"]
            if kind == FLOAT:
                splits.append(Split(kind, floats[split["float_feature_index"]], split["border"]))
            elif kind == ONE_HOT:
                splits.append(Split(kind, cats[split["cat_feature_index"]], split["value"]))
            elif kind == CTR:
                column = ctr_columns[split["split_index"] - ctr_offset]
                splits.append(Split(kind, column, split["border"]))
            else:
                raise ValueError(f"split type {kind!r} is not supported (float, one-hot, CTR).")
        trees.append(
            ObliviousTree(
                tuple(splits),
                np.asarray(tree["leaf_values"], dtype=np.float64),
                np.asarray(tree["leaf_weights"], dtype=np.float64),
            )
        )
    scale, biases = exported["scale_and_bias"]
    return ObliviousEnsemble(tuple(trees), float(scale), float(biases[0]), len(floats) + len(cats))
