"""Benchmark the statistics of one monitoring window over synthetic scoring events.

Usage: python bench/monitoring_window.py [--events 1000000] [--features 20] [--repeats 3]
A synthetic reference (score and ``--features`` numeric features, 10 quantile bins and a
missing bin each, as a bundle stores) and ``--events`` events binned against it, every outcome
known and two group attributes: the worst case of ``window_statistics``. Prints the time to
bin the events (vectorised ``bin_values``, done once by the recorder in production) and the
best of ``--repeats`` runs of the window statistics. Target: under 2 s for 1 M events.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model_training.bundle.metadata import Costs
from model_training.bundle.reference import SCORE
from model_training.modeling.decision import decide
from model_training.modeling.points import PointsScale
from model_training.monitoring.binning import bin_values
from model_training.monitoring.reference import build_reference
from model_training.monitoring.statistics import ModelFacts, WindowEvents, window_statistics

THRESHOLD = 0.1


def main() -> None:
    """Print the binning time and the best window-statistics time, in seconds."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--features", type=int, default=20)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    names = [f"F{i}" for i in range(args.features)]
    scale = PointsScale()
    train = pd.DataFrame({name: rng.normal(size=100_000) for name in names})
    importance = pd.DataFrame({"feature": names})
    reference = build_reference(
        train, importance, (), scale.score(rng.beta(1, 11, 100_000)), "synthetic"
    )
    probability = rng.beta(1, 11, args.events)
    values = {name: rng.normal(0.1, 1.0, args.events) for name in names}  # a slight shift
    start = time.perf_counter()
    score_bin = bin_values(reference, SCORE, scale.score(probability))
    feature_bins = {name: bin_values(reference, name, v) for name, v in values.items()}
    binning = time.perf_counter() - start
    events = WindowEvents(
        probability=probability,
        decision=decide(probability, THRESHOLD),
        score_bin=np.asarray(score_bin),
        feature_bins={name: np.asarray(bins) for name, bins in feature_bins.items()},
        outcome=(rng.uniform(size=args.events) < probability).astype(float),
        groups={
            "gender": rng.choice(np.array(["F", "M"], dtype=object), args.events),
            "age band": rng.choice(
                np.array(["under 30", "30-40", "40-50"], dtype=object), args.events
            ),
        },
    )
    model = ModelFacts(THRESHOLD, scale, Costs(false_negative=10.0, false_positive=1.0), reference)
    runs = []
    for _ in range(args.repeats):
        start = time.perf_counter()
        stats = window_statistics(events, model)
        runs.append(time.perf_counter() - start)
    print(f"events: {args.events:,}, monitored features: {args.features}")
    print(f"binning (once, vectorised): {binning:.2f} s")
    listed = ", ".join(f"{r:.2f}" for r in runs)
    print(f"window statistics: best {min(runs):.2f} s of {args.repeats} ({listed})")
    outcomes = stats["outcomes"]
    print(
        f"score PSI {stats['score_drift']['psi']:.4f}, "
        f"worst feature PSI {stats['feature_drift'][0]['psi']:.4f}, "
        f"AUC {outcomes['auc']:.3f} (expected {outcomes['expected_auc']:.3f})"
    )


if __name__ == "__main__":
    main()
