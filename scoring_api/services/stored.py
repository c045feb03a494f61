"""Stored clients' explanation parts kept per bundle: reason groups and feature values."""

from __future__ import annotations

import numpy as np

from model_training.modeling.explain import GROUP_PREFIX
from model_training.modeling.reasons import ValueOf, group_names
from scoring_api.bundle_store import ServingBundle


def stored_groups(bundle: ServingBundle) -> np.ndarray:
    """Return every stored client's contributions by reason group, shape (clients, groups)."""

    def build() -> np.ndarray:
        table = bundle.explanation_table()
        return np.column_stack(
            [table[f"{GROUP_PREFIX}{name}"].to_numpy() for name in group_names()]
        )

    return bundle.cached("explanation_groups", None, build)


def stored_value_of(bundle: ServingBundle, row: int) -> ValueOf:
    """Return a function giving a stored client's feature values (from the feature store)."""
    return lambda name: store_column(bundle, name)[row]


def store_column(bundle: ServingBundle, name: str) -> np.ndarray:
    """Return a feature-store column as a numpy array (each built once per bundle)."""
    columns: dict[str, np.ndarray] = bundle.cached("store_columns", None, dict)
    column = columns.get(name)
    if column is None:
        column = columns[name] = bundle.store[name].to_numpy()
    return column
