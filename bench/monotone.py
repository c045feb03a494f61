"""Benchmark the monotone directions: CV AUC and fit time with and without them, same folds.

Usage: python bench/monotone.py --data-dir data/full [--folds 3] [--max-clients N]
Needs DATA_DIR/features (run `python -m model_training validate` and `features` first).
Both runs use the model's settings and the same stratified folds; the unconstrained run is the
baseline of the same process. Budget: at most 0.003 AUC lost at full scale.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model_training.evaluate.ablation import sample_rows
from model_training.feature_set import load_feature_set
from model_training.features.catalogue import monotone_directions
from model_training.modeling.cv import cross_validate, stratified_folds
from model_training.modeling.model_input import to_model_input
from model_training.modeling.params import TrainingSettings


def main() -> None:
    """Print CV AUC and seconds, constrained and free, and their differences."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=Path("data/full"))
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--max-clients", type=int, default=0, help="0: every train client")
    args = parser.parse_args()
    features = load_feature_set(args.data_dir)
    train = features.train.reset_index(drop=True)
    y = train["TARGET"].to_numpy().astype(np.int64)
    if args.max_clients:
        rows = sample_rows(y, args.max_clients, 0)
        train, y = train.iloc[rows].reset_index(drop=True), y[rows]
    x = to_model_input(train, features.features, features.categorical)
    settings = TrainingSettings.from_env(n_folds=args.folds)
    folds = stratified_folds(y, settings)
    n_constrained = len(monotone_directions(features.features))
    print(
        f"{len(y):,} train clients, {len(features.features)} features, "
        f"{n_constrained} constrained, {args.folds} folds"
    )
    results = {}
    for name, is_monotone in (("free", False), ("constrained", True)):
        started = time.perf_counter()
        cv = cross_validate(
            x, y, features.categorical, replace(settings, is_monotone=is_monotone), folds=folds
        )
        seconds = time.perf_counter() - started
        results[name] = (cv.auc_mean, cv.auc_std, seconds, cv.best_iterations)
        print(
            f"{name:12s} CV AUC {cv.auc_mean:.4f} ± {cv.auc_std:.4f} in {seconds:.0f} s "
            f"(best iterations {cv.best_iterations})"
        )
    free, constrained = results["free"], results["constrained"]
    print(
        f"AUC cost of the directions: {free[0] - constrained[0]:+.4f} "
        f"(budget 0.003); time ratio constrained / free: {constrained[2] / free[2]:.2f}"
    )


if __name__ == "__main__":
    main()
