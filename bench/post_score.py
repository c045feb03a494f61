"""Benchmark POST score in-process: the service behind the route, without HTTP or auth.

Usage: python bench/post_score.py [--artifacts-dir data/artifacts]
Times ``score_applications`` (what the route calls) for a one-record what-if, one new
applicant and 100 what-if records, with and without explanations; the first call of the
process (which builds the per-bundle caches) is reported apart. The baseline of the same run
is the model alone: CatBoost's prediction of one stored row from a plain-row Pool.
Targets (2 cores): one-record what-if well under 20 ms, 100 records well under 200 ms.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pandas as pd
from catboost import Pool

from model_training.modeling.model_input import MISSING_LEVEL
from scoring_api.bundle_store import BundleStore, ServingBundle
from scoring_api.services.applications import score_applications


def _p50_ms(call: Callable[[], object], seconds: float, max_runs: int) -> tuple[float, int]:
    """Return the median milliseconds of ``call`` over about ``seconds`` (at least 3 runs)."""
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while len(times) < 3 or (time.perf_counter() < deadline and len(times) < max_runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), len(times)


def _peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _model_alone(bundle: ServingBundle) -> Callable[[], object]:
    """Return a call that predicts one stored row with the model alone (the baseline)."""
    row = []
    for name in bundle.features:
        value = bundle.store[name].iat[0]
        if name in bundle.categorical:
            row.append(MISSING_LEVEL if pd.isna(value) else str(value))
        else:
            row.append(float(value))
    cat = [i for i, name in enumerate(bundle.features) if name in bundle.categorical]

    def call() -> object:
        pool = Pool([row], cat_features=cat, feature_names=list(bundle.features))
        return bundle.model.predict(pool, prediction_type="RawFormulaVal", thread_count=1)

    return call


def main(argv: list[str] | None = None) -> int:
    """Print p50 milliseconds per request of each case and its ratio to the model alone."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts-dir", type=Path, default=Path("data/artifacts"))
    parser.add_argument("--seconds", type=float, default=3.0, help="time per case")
    args = parser.parse_args(argv)
    bundle = BundleStore(args.artifacts_dir).get()
    ids = [int(i) for i in bundle.client_ids[:100]]
    what_if = [{"SK_ID_CURR": i, "AMT_CREDIT": 300000.0} for i in ids]
    new = [{"AMT_CREDIT": 300000.0, "AMT_ANNUITY": 15000.0, "AMT_INCOME_TOTAL": 150000.0}]
    cases = {
        "1 record, what-if": what_if[:1],
        "1 record, new applicant": new,
        "100 records, what-if": what_if,
    }
    print(f"bundle {bundle.version}, {len(bundle.client_ids):,} clients")
    print(f"peak RSS with the bundle loaded: {_peak_mb():,.0f} MB")
    started = time.perf_counter()
    score_applications(bundle, what_if[:1])
    first_ms = (time.perf_counter() - started) * 1000
    print(f"first call of the process (builds caches): {first_ms:.1f} ms")
    print(f"peak RSS after it: {_peak_mb():,.0f} MB")
    baseline, _ = _p50_ms(_model_alone(bundle), args.seconds, 5000)
    print(f"{'case':<34} {'p50 ms':>9} {'runs':>6} {'x model':>9}")
    print(f"{'baseline: model alone, 1 row':<34} {baseline:>9.2f} {'':>6} {1.0:>9.1f}")
    for explain in (False, True):
        for name, records in cases.items():
            label = f"{name}{', explain' if explain else ''}"

            def call(records: list[dict] = records, explain: bool = explain) -> object:
                return score_applications(bundle, records, explain=explain)

            ms, runs = _p50_ms(call, args.seconds, 2000)
            print(f"{label:<34} {ms:>9.2f} {runs:>6} {ms / baseline:>9.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
