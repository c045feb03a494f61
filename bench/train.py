"""Benchmark training at full scale: time, AUC beside the oracle, ablation, scoring latency.

Usage: python bench/train.py [--data-dir data/full] [--artifacts-dir bench/out/artifacts]
Needs DATA_DIR/features (run `python -m model_training validate` and `features` first).
Targets (2 cores): final model under 15 minutes; AUC within 0.01 of the oracle AUC; all
tables at least 0.02 AUC above the application alone (see the evaluate stage); p50 under
5 ms for one score and under 20 ms for one full explanation, in-process.
The baseline of the same run is a tenth-size training: time ratio full / tenth.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sklearn.metrics import roc_auc_score

from model_training.bundle import SCORES, open_bundle
from model_training.feature_set import load_feature_set
from model_training.modeling.cv import fit_final
from model_training.modeling.model_input import (
    predict_probability,
    shap_values,
    to_model_input,
)
from model_training.modeling.params import TrainingSettings
from model_training.modeling.tree_shap import leaf_shap
from model_training.train import train


def _tenth_fit_seconds(data_dir: Path, iterations: int) -> float:
    features = load_feature_set(data_dir)
    rows = features.train.sample(frac=0.1, random_state=0)
    x = to_model_input(rows, features.features, features.categorical)
    started = time.perf_counter()
    fit_final(
        x,
        rows["TARGET"].to_numpy().astype(int),
        features.categorical,
        TrainingSettings(),
        iterations,
    )
    return time.perf_counter() - started


def _latencies(bundle_dir: Path, data_dir: Path, n: int = 200) -> tuple[float, float]:
    """Return p50 milliseconds of one client's score and full explanation, in-process."""
    bundle = open_bundle(bundle_dir)
    features = load_feature_set(data_dir)
    sample = features.frame.sample(n, random_state=1)
    x = to_model_input(sample, features.features, features.categorical)
    cat = features.categorical
    tables = leaf_shap(bundle.model)  # once a bundle, as a server worker does
    score_ms, explain_ms = [], []
    for i in range(n):
        row = x.iloc[[i]]
        t = time.perf_counter()
        predict_probability(bundle.model, row, cat)
        score_ms.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        shap_values(bundle.model, row, cat, tables)
        explain_ms.append((time.perf_counter() - t) * 1000)
    return statistics.median(score_ms), statistics.median(explain_ms)


def main() -> None:
    """Train at full scale and print time, AUC vs oracle, latency, with the tenth baseline."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", default="data/full")
    parser.add_argument("--artifacts-dir", default="bench/out/artifacts")
    args = parser.parse_args()
    data_dir, artifacts_dir = Path(args.data_dir), Path(args.artifacts_dir)
    started = time.perf_counter()
    report = train(data_dir, artifacts_dir, TrainingSettings.from_env())
    total = time.perf_counter() - started
    bundle = open_bundle(artifacts_dir)
    iterations = bundle.metadata.training.final_iterations
    tenth = _tenth_fit_seconds(data_dir, iterations)
    print(report.summary())
    print(f"train stage total: {total:.0f} s (CV + final model + explanations of every client)")
    print(f"final-model fit at a tenth of the rows: {tenth:.0f} s (baseline of this run)")
    oracle_path = data_dir / "_truth" / "oracle.parquet"
    if oracle_path.exists():
        oracle = pd.read_parquet(oracle_path)
        scores = bundle.table(SCORES).merge(oracle, on="SK_ID_CURR", suffixes=("", "_true"))
        test = scores[scores["is_test"]]
        model_auc = roc_auc_score(test["TARGET"], test["probability"])
        oracle_auc = roc_auc_score(test["TARGET"], test["probability_true"])
        print(
            f"test clients: model AUC {model_auc:.4f}, oracle AUC {oracle_auc:.4f}, "
            f"gap {oracle_auc - model_auc:.4f} (target < 0.01)"
        )
    score_p50, explain_p50 = _latencies(artifacts_dir, data_dir)
    print(
        f"one client in-process: score p50 {score_p50:.2f} ms, explanation p50 "
        f"{explain_p50:.2f} ms (targets 5 ms, 20 ms)"
    )


if __name__ == "__main__":
    main()
