"""CatBoost's oblivious trees as shap's own tree ensemble: TreeSHAP computed by shap, not CatBoost.

``shap.TreeExplainer`` on a CatBoost model only calls CatBoost's ``ShapValues``; to check the
served values against an independent implementation, the model's trees (read from CatBoost's
JSON export) are rebuilt as full binary trees in shap's custom-model format and shap's C++
path-dependent TreeSHAP runs on them.

A split in shap's format is ``x <= threshold`` on one column, a player of the Shapley game. In
one tree, a feature may be split several times (float borders, one-hot levels, CTR borders),
and it must stay one player there, so each (tree, feature) pair gets its own column: the
pattern of that feature's split outcomes in that tree, as an integer whose bits are the
outcomes from the root down. Sorted by that code, the rows that reach a node (they share the
earlier bits) are separated by one threshold. The trees are added, so are their Shapley values:
summing a feature's columns over the trees gives its SHAP value.

Routing (which side of each split a row takes) is computed here from the raw values for float
splits (float32, NaN below every border as CatBoost's "Min") and one-hot splits (category
hashes from CatBoost's Python export of the model); CTR splits take their outcome from
CatBoost's own applier (``calc_leaf_indexes``), since the CTR value is CatBoost's.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shap
from catboost import CatBoostClassifier, Pool

from model_training.modeling.explain import Contributions
from model_training.modeling.oblivious import (
    CTR,
    EMPTY_LEAF_WEIGHT,
    FLOAT,
    ONE_HOT,
    ObliviousEnsemble,
    ObliviousTree,
    Split,
    export_model,
    read_ensemble,
)

UNKNOWN_HASH = 0x7FFFFFFF  # CatBoost's Python export: a level absent from its hash table


def category_hashes(model: CatBoostClassifier, pool: Pool) -> dict[str, int]:
    """Return CatBoost's hash of each categorical level of a Pool (from its Python export)."""
    source = export_model(model, "python", pool)
    for node in ast.parse(source).body:
        names = [getattr(t, "id", None) for t in getattr(node, "targets", [])]
        if isinstance(node, ast.Assign) and "cat_features_hashes" in names:
            return ast.literal_eval(node.value)
    return {}


def applier_outcomes(
    ensemble: ObliviousEnsemble, model: CatBoostClassifier, pool: Pool
) -> list[np.ndarray]:
    """Return each tree's split outcomes (rows x depth, bool) from CatBoost's leaf indexes."""
    leaves = np.asarray(model.calc_leaf_indexes(pool, thread_count=1), dtype=np.int64)
    return [
        ((leaves[:, t, None] >> np.arange(len(tree.splits))) & 1).astype(bool)
        for t, tree in enumerate(ensemble.trees)
    ]


def split_outcomes(
    ensemble: ObliviousEnsemble, model: CatBoostClassifier, x: pd.DataFrame, pool: Pool
) -> list[np.ndarray]:
    """Return each tree's split outcomes (rows x depth, bool), float and one-hot from values.

    Float splits compare float32 values with the border, a missing value below every border
    (CatBoost's "Min"); one-hot splits compare CatBoost's hash of the level; CTR splits, whose
    value CatBoost alone computes, take the outcome CatBoost's applier gives.
    """
    kinds = {split.kind for tree in ensemble.trees for split in tree.splits}
    hashes = category_hashes(model, pool) if ONE_HOT in kinds else {}
    applier = applier_outcomes(ensemble, model, pool) if CTR in kinds else []
    columns: dict[int, np.ndarray] = {}

    def column(split: Split) -> np.ndarray:
        if split.feature not in columns:
            raw = x.iloc[:, split.feature].to_numpy()
            columns[split.feature] = (
                np.array([hashes.get(str(v), UNKNOWN_HASH) for v in raw], dtype=np.int64)
                if split.kind == ONE_HOT
                else raw.astype(np.float32)
            )
        return columns[split.feature]

    outcomes = []
    for t, tree in enumerate(ensemble.trees):
        bits = np.zeros((len(x), len(tree.splits)), dtype=bool)
        for d, split in enumerate(tree.splits):
            if split.kind == FLOAT:
                bits[:, d] = column(split) > np.float32(split.border)  # NaN: False
            elif split.kind == ONE_HOT:
                bits[:, d] = column(split) == int(split.border)
            else:
                bits[:, d] = applier[t][:, d]
        outcomes.append(bits)
    return outcomes


@dataclass(frozen=True)
class ShapForm:
    """The ensemble in shap's custom-model format, its input, and each column's feature."""

    model: dict[str, Any]
    codes: np.ndarray  # (n_rows, n_columns): per (tree, feature) outcome pattern
    column_features: np.ndarray  # (n_columns,): the model feature each column stands for


def _tree_dict(tree: ObliviousTree, scale: float, column_of: dict[int, int]) -> dict[str, Any]:
    """Return one oblivious tree as a full binary tree in shap's format (root = last split)."""
    depth = len(tree.splits)
    n_internal, n_nodes = 2**depth - 1, 2 ** (depth + 1) - 1
    root_first = [tree.splits[depth - 1 - level] for level in range(depth)]
    levels_of: dict[int, list[int]] = {}
    for level, split in enumerate(root_first):
        levels_of.setdefault(split.feature, []).append(level)
    features = np.zeros(n_nodes, dtype=np.int64)
    thresholds = np.zeros(n_nodes, dtype=np.float64)
    for level, split in enumerate(root_first):
        levels = levels_of[split.feature]
        k, m = levels.index(level), len(levels)
        for position in range(2**level):
            node = 2**level - 1 + position
            path = [(position >> (level - 1 - j)) & 1 for j in range(level)]
            prefix = 0
            for earlier in levels[:k]:
                prefix = (prefix << 1) | path[earlier]
            features[node] = column_of[split.feature]
            thresholds[node] = (prefix << (m - k)) + (1 << (m - k - 1)) - 0.5
    weights = np.zeros(n_nodes)
    values = np.zeros(n_nodes)
    # shap's path-dependent TreeSHAP divides by node weights: an empty leaf (no training row)
    # gets shap's own stand-in for "no data", a negligible positive weight.
    weights[n_internal:] = np.where(tree.leaf_weights > 0, tree.leaf_weights, EMPTY_LEAF_WEIGHT)
    values[n_internal:] = tree.leaf_values * scale
    for node in range(n_internal - 1, -1, -1):
        left, right = 2 * node + 1, 2 * node + 2
        weights[node] = weights[left] + weights[right]
        if weights[node] > 0:
            values[node] = (weights[left] * values[left] + weights[right] * values[right]) / (
                weights[node]
            )
    internal = np.arange(n_internal)
    leaf = np.full(n_nodes - n_internal, -1)
    return {
        "children_left": np.concatenate([2 * internal + 1, leaf]),
        "children_right": np.concatenate([2 * internal + 2, leaf]),
        "children_default": np.concatenate([2 * internal + 1, leaf]),
        "features": features,
        "thresholds": thresholds,
        "values": values.reshape(-1, 1),
        "node_sample_weight": weights,
    }


def shap_form(ensemble: ObliviousEnsemble, outcomes: Sequence[np.ndarray]) -> ShapForm:
    """Return the ensemble as shap's custom model with one column per (tree, feature)."""
    trees: list[dict[str, Any]] = []
    codes: list[np.ndarray] = []
    column_features: list[int] = []
    for tree, bits in zip(ensemble.trees, outcomes, strict=True):
        depth = len(tree.splits)
        column_of: dict[int, int] = {}
        patterns: dict[int, np.ndarray] = {}
        for level in range(depth):  # root first: the first outcome is the highest bit
            d = depth - 1 - level
            feature = tree.splits[d].feature
            if feature not in column_of:
                column_of[feature] = len(codes) + len(column_of)
                patterns[feature] = np.zeros(len(bits), dtype=np.int64)
            patterns[feature] = (patterns[feature] << 1) | bits[:, d]
        codes += [patterns[f] for f in column_of]
        column_features += list(column_of)
        trees.append(_tree_dict(tree, ensemble.scale, column_of))
    model = {"trees": trees, "base_offset": ensemble.bias, "tree_output": "raw_value"}
    n_rows = len(outcomes[0]) if outcomes else 0
    matrix = np.column_stack(codes).astype(np.float64) if codes else np.zeros((n_rows, 0))
    return ShapForm(model, matrix, np.asarray(column_features, dtype=np.int64))


def tree_shap_contributions(
    model: CatBoostClassifier, x: pd.DataFrame, categorical: Sequence[str]
) -> Contributions:
    """Return the SHAP contributions (log-odds) of model input rows, computed by shap."""
    pool = Pool(x, cat_features=list(categorical))
    ensemble = read_ensemble(model)
    form = shap_form(ensemble, split_outcomes(ensemble, model, x, pool))
    explainer = shap.TreeExplainer(form.model, feature_perturbation="tree_path_dependent")
    phi = np.asarray(explainer.shap_values(form.codes), dtype=np.float64).reshape(len(x), -1)
    values = np.zeros((len(x), ensemble.n_features))
    np.add.at(values.T, form.column_features, phi.T)
    return Contributions(float(np.ravel(explainer.expected_value)[0]), values)
