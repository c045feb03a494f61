"""Path-dependent TreeSHAP of CatBoost's oblivious trees, from leaf tables computed once.

Why not CatBoost's own ShapValues: under monotone constraints its values of a row change with
the other rows of the Pool they are computed in (catboost#1956, open), so a client's stored
explanation and the same client's what-if would differ. TreeSHAP's values of a row depend only
on the leaf it reaches in each tree, so each tree's values are computed once for all its leaves
(every subset of the tree's at most ``depth`` distinct features, exact Shapley weights, the
training leaf weights as covers); a row's SHAP values are then a sum of table lookups at the
leaves CatBoost's applier gives (``calc_leaf_indexes``), the same alone or in any batch.
Checked against shap's own TreeSHAP and, without constraints, CatBoost's (tests).
"""

from __future__ import annotations

from dataclasses import dataclass
from math import factorial

import numpy as np
from catboost import CatBoostClassifier, Pool

from model_training.modeling.oblivious import EMPTY_LEAF_WEIGHT, ObliviousTree, read_ensemble


@dataclass(frozen=True)
class LeafShap:
    """Each tree's SHAP values by leaf: ``tables[t][leaf, j]`` for feature ``features[t][j]``."""

    tables: tuple[np.ndarray, ...]
    features: tuple[np.ndarray, ...]
    base_value: float
    n_features: int


def _prefix_fractions(tree: ObliviousTree) -> np.ndarray:
    """Return, per leaf and split, the share of its node's cover the leaf's branch takes.

    The root is the last split (the highest bit of the leaf index): the node a leaf reaches
    after split d is the set of leaves that share its bits d and above.
    """
    depth = len(tree.splits)
    weights = np.where(tree.leaf_weights > 0, tree.leaf_weights, EMPTY_LEAF_WEIGHT)
    leaves = np.arange(len(weights))

    def cover(shift: int) -> np.ndarray:
        sums = np.bincount(leaves >> shift, weights=weights, minlength=(len(weights) >> shift))
        return sums[leaves >> shift]

    fractions = np.ones((len(weights), depth))
    for level in range(depth):
        fractions[:, level] = cover(level) / cover(level + 1)
    return fractions


def _tree_table(tree: ObliviousTree) -> tuple[np.ndarray, np.ndarray]:
    """Return one tree's SHAP values by leaf (leaves x distinct features) and those features."""
    depth = len(tree.splits)
    split_features = np.array([s.feature for s in tree.splits], dtype=np.int64)
    features = np.unique(split_features)
    m = len(features)
    n_leaves = len(tree.leaf_values)
    bits = ((np.arange(n_leaves)[:, None] >> np.arange(depth)) & 1).astype(bool)
    subsets = ((np.arange(1 << m)[:, None] >> np.arange(m)) & 1).astype(bool)  # (S, m)
    level_in = subsets[:, np.searchsorted(features, split_features)]  # (S, depth)
    fractions = _prefix_fractions(tree)
    same = bits[:, None, :] == bits[None, :, :]  # (x, leaf, depth)
    # factor[x, S, leaf, level]: follow x where the level's feature is in S, else the covers.
    factor = np.where(level_in[None, :, None, :], same[:, None, :, :], fractions[None, None])
    values = factor.prod(axis=3) @ tree.leaf_values  # v(S) for every reference leaf: (x, S)
    sizes = subsets.sum(axis=1)
    weight = np.array([factorial(s) * factorial(m - s - 1) / factorial(m) for s in range(m)])
    coefficients = np.where(
        subsets,
        weight[np.clip(sizes - 1, 0, m - 1)][:, None],
        -weight[np.clip(sizes, 0, m - 1)][:, None],
    )  # (S, m): +w(|S|-1) when i is in S, -w(|S|) when not
    coefficients[subsets.sum(axis=1) == m] *= subsets[subsets.sum(axis=1) == m]
    return values @ coefficients, features


def leaf_shap(model: CatBoostClassifier) -> LeafShap:
    """Return the model's SHAP tables by leaf and its expected value (log-odds)."""
    ensemble = read_ensemble(model)
    tables, features = [], []
    base = ensemble.bias
    for tree in ensemble.trees:
        table, names = _tree_table(tree)
        tables.append(table * ensemble.scale)
        features.append(names)
        weights = np.where(tree.leaf_weights > 0, tree.leaf_weights, EMPTY_LEAF_WEIGHT)
        base += ensemble.scale * float(weights @ tree.leaf_values / weights.sum())
    return LeafShap(tuple(tables), tuple(features), base, ensemble.n_features)


def tree_shap_values(
    model: CatBoostClassifier, pool: Pool, shap: LeafShap, thread_count: int = 1
) -> tuple[float, np.ndarray]:
    """Return (expected value, SHAP values (rows x features)) of a Pool's rows, in log-odds."""
    leaves = np.asarray(model.calc_leaf_indexes(pool, thread_count=thread_count), dtype=np.int64)
    values = np.zeros((leaves.shape[0], shap.n_features))
    for t, (table, names) in enumerate(zip(shap.tables, shap.features, strict=True)):
        values[:, names] += table[leaves[:, t]]
    return shap.base_value, values
