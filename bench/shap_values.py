"""Benchmark SHAP values: the served TreeSHAP by leaf, CatBoost's ShapValues and shap's, one run.

Named shap_values.py: a script bench/shap.py would hide the shap package from itself.

Usage: python bench/shap_values.py [--artifacts-dir data/artifacts] [--batch 1000] [--seconds 3]
On the live bundle's stored clients, per row (a one-row call, as a what-if is served) and per
batch (``--batch`` rows in one call), the median time of:
- the served TreeSHAP by leaf (``tree_shap``: table lookups at CatBoost's leaf indexes; the
  tables are built once per bundle, reported apart);
- CatBoost's ShapValues, one thread (``catboost_shap_values``; not served: under monotone
  constraints its values of a row depend on the other rows of the Pool, catboost#1956);
- ``shap.TreeExplainer(model)`` on the CatBoost model (shap hands the work to CatBoost);
- shap's own C++ TreeSHAP on the rebuilt trees (``shap_trees``): routing the rows (values
  against borders, one-hot hashes) plus TreeSHAP, and TreeSHAP alone; rebuilding the trees
  is a one-time cost, reported apart.
The largest difference between CatBoost's and shap's values is printed as a check.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pandas as pd
import shap
from catboost import Pool

from model_training.bundle import FEATURES, open_bundle
from model_training.modeling.model_input import catboost_shap_values, to_model_input
from model_training.modeling.shap_trees import read_ensemble, shap_form, split_outcomes
from model_training.modeling.tree_shap import leaf_shap, tree_shap_values


def _p50_ms(call: Callable[[], object], seconds: float) -> float:
    """Return the median milliseconds of ``call`` over about ``seconds`` (at least 3 runs)."""
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while len(times) < 3 or time.perf_counter() < deadline:
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _sum_by_feature(phi: np.ndarray, columns: np.ndarray, n_features: int) -> np.ndarray:
    """Return per-feature SHAP values from the per-(tree, feature) columns."""
    values = np.zeros((len(phi), n_features))
    np.add.at(values.T, columns, np.asarray(phi).T)
    return values


def main(argv: list[str] | None = None) -> int:
    """Time both implementations per row and per batch and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts-dir", type=Path, default=Path("data/artifacts"))
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args(argv)

    bundle = open_bundle(args.artifacts_dir)
    names, categorical = list(bundle.features), list(bundle.categorical)
    x_all = to_model_input(bundle.table(FEATURES).head(args.batch), names, categorical)
    model = bundle.model

    started = time.perf_counter()
    ensemble = read_ensemble(model)
    rebuilt_ms = (time.perf_counter() - started) * 1000
    by_catboost = shap.TreeExplainer(model)
    started = time.perf_counter()
    tables = leaf_shap(model)
    tables_ms = (time.perf_counter() - started) * 1000

    def served_path(x: pd.DataFrame) -> Callable[[], object]:
        pool = Pool(x, cat_features=categorical)
        return lambda: tree_shap_values(model, pool, tables)

    def catboost_own(x: pd.DataFrame) -> Callable[[], object]:
        pool = Pool(x, cat_features=categorical)
        return lambda: catboost_shap_values(model, pool)

    def shap_on_catboost(x: pd.DataFrame) -> Callable[[], object]:
        pool = Pool(x, cat_features=categorical)
        return lambda: by_catboost.shap_values(pool)

    def shap_own(x: pd.DataFrame, *, with_routing: bool) -> Callable[[], object]:
        pool = Pool(x, cat_features=categorical)
        form = shap_form(ensemble, split_outcomes(ensemble, model, x, pool))
        explainer = shap.TreeExplainer(form.model)

        def call() -> object:
            codes = form.codes
            if with_routing:
                codes = shap_form(ensemble, split_outcomes(ensemble, model, x, pool)).codes
            return explainer.shap_values(codes, check_additivity=False)

        return call

    x_row = x_all.head(1)
    rows = {
        "TreeSHAP by leaf (served)": (served_path(x_row), served_path(x_all)),
        "CatBoost ShapValues (1 thread)": (catboost_own(x_row), catboost_own(x_all)),
        "shap.TreeExplainer(CatBoost model)": (shap_on_catboost(x_row), shap_on_catboost(x_all)),
        "shap TreeSHAP on rebuilt trees, routing included": (
            shap_own(x_row, with_routing=True),
            shap_own(x_all, with_routing=True),
        ),
        "shap TreeSHAP on rebuilt trees, TreeSHAP alone": (
            shap_own(x_row, with_routing=False),
            shap_own(x_all, with_routing=False),
        ),
    }
    results = {
        label: (_p50_ms(one, args.seconds), _p50_ms(batch, args.seconds))
        for label, (one, batch) in rows.items()
    }

    form = shap_form(
        ensemble, split_outcomes(ensemble, model, x_all, Pool(x_all, cat_features=categorical))
    )
    independent = _sum_by_feature(
        shap.TreeExplainer(form.model).shap_values(form.codes), form.column_features, len(names)
    )
    _, served = tree_shap_values(model, Pool(x_all, cat_features=categorical), tables)
    _, by_catboost_own = catboost_shap_values(model, Pool(x_all, cat_features=categorical))
    n_trees, n_columns = len(ensemble.trees), form.codes.shape[1]
    print(f"bundle {bundle.version}: {n_trees} trees, {len(names)} features, {n_columns} columns")
    print(f"rebuilding the trees for shap (one time): {rebuilt_ms:.0f} ms")
    print(f"building the served leaf tables (one time a bundle): {tables_ms:.0f} ms")
    largest = np.abs(served - independent).max()
    print(f"largest |served - shap| over {len(x_all)} rows: {largest:.1e} (log-odds)")
    largest = np.abs(by_catboost_own - independent).max()
    print(f"largest |CatBoost - shap| over {len(x_all)} rows: {largest:.1e} (log-odds)")
    base_row, base_batch = results["CatBoost ShapValues (1 thread)"]
    head = (
        f"| | 1 row | {len(x_all)} rows | per row in the batch | ratio to CatBoost (row / batch) |"
    )
    print("\n" + head)
    print("|---|---:|---:|---:|---:|")
    for label, (one, batch) in results.items():
        print(
            f"| {label} | {one:.2f} ms | {batch:.1f} ms | {batch / len(x_all) * 1000:.0f} µs "
            f"| {one / base_row:.1f}x / {batch / base_batch:.1f}x |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
