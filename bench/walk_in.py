"""Benchmark walk-in applicants: the new-application path against the model, and the outcomes.

Usage: python bench/walk_in.py [--data-dir data/demo] [--artifacts-dir data/artifacts]
The live bundle's test clients are re-entered through the new-application path (no
SK_ID_CURR) with every application field:
- clients without any history (no bureau, previous or balance rows): the path must reproduce
  the stored probability (the largest difference is printed);
- every test client, with their bureau scores and without them (as the form before the
  bureau scores), the share of granted, referred and refused; "before" reads the same
  probabilities with the old rule (no referral: refused at or above the threshold).
Also the time of one stored explanation, one computed explanation (a what-if that changes
nothing) and one score without explanation, in-process (p50 over ``--repeats``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model_training.bundle import current_version
from model_training.config import VALIDATED_SUBDIR
from model_training.features.application import EXT_SOURCES, application_input_columns
from scoring_api.bundle_store import load_serving_bundle
from scoring_api.services.applications import score_applications
from scoring_api.services.explanation import explain_stored_client

HISTORY_TABLES = ("bureau", "previous_application", "POS_CASH_balance", "installments_payments")
BATCH = 200


def _applications(data_dir: Path) -> pd.DataFrame:
    validated = data_dir / VALIDATED_SUBDIR
    return pd.read_parquet(validated / "application_test.parquet").set_index("SK_ID_CURR")


def _with_history(data_dir: Path) -> set[int]:
    validated = data_dir / VALIDATED_SUBDIR
    ids: set[int] = set()
    for name in (*HISTORY_TABLES, "credit_card_balance"):
        ids |= set(
            pd.read_parquet(validated / f"{name}.parquet", columns=["SK_ID_CURR"]).SK_ID_CURR
        )
    return ids


def _records(rows: pd.DataFrame, drop: tuple[str, ...] = ()) -> list[dict]:
    keep = [c for c in application_input_columns() if c in rows.columns and c not in drop]
    out = []
    for record in rows[keep].to_dict(orient="records"):
        out.append({k: (None if pd.isna(v) else v) for k, v in record.items()})
    return out


def _score(bundle, records: list[dict]) -> list[dict]:
    results = []
    for start in range(0, len(records), BATCH):
        results += score_applications(bundle, records[start : start + BATCH])
    return results


def _shares(results: list[dict], key: str) -> str:
    counts = Counter(r[key] for r in results)
    return ", ".join(
        f"{name} {counts.get(name, 0) / len(results):.1%}"
        for name in ("granted", "referred", "refused")
    )


def _p50_ms(call, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    """Print the reproduction check, the outcome shares and the explanation timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("data/demo"))
    parser.add_argument("--artifacts-dir", type=Path, default=Path("data/artifacts"))
    parser.add_argument("--repeats", type=int, default=200)
    args = parser.parse_args()
    version = current_version(args.artifacts_dir)
    bundle = load_serving_bundle(args.artifacts_dir, version)
    rows = _applications(args.data_dir)
    stored = bundle.scores.set_index("SK_ID_CURR")["probability"]
    fresh = rows.index[~rows.index.isin(list(_with_history(args.data_dir)))]
    print(f"bundle {version}: {len(rows):,} test clients, {len(fresh):,} without any history")
    if len(fresh):
        results = _score(bundle, _records(rows.loc[fresh]))
        diff = np.abs(np.array([r["probability"] for r in results]) - stored.loc[fresh].to_numpy())
        print(
            f"new-application path vs stored probability, clients without history: "
            f"largest difference {diff.max():.2e}"
        )
    with_scores = _score(bundle, _records(rows))
    without = _score(bundle, _records(rows, EXT_SOURCES))
    print(
        f"walk-ins with their bureau scores: before {_shares(with_scores, 'model_decision')}; "
        f"after {_shares(with_scores, 'decision')}"
    )
    print(
        f"walk-ins without bureau scores:    before {_shares(without, 'model_decision')}; "
        f"after {_shares(without, 'decision')}"
    )
    client = int(bundle.client_ids[len(bundle.client_ids) // 2])
    timings = {
        "score only (what-if, no explanation)": lambda: score_applications(
            bundle, [{"SK_ID_CURR": client}]
        ),
        "computed explanation with reasons (what-if)": lambda: score_applications(
            bundle, [{"SK_ID_CURR": client}], explain=True
        ),
        "stored explanation with reasons": lambda: explain_stored_client(bundle, client, 10, "fr"),
    }
    base = None
    for label, call in timings.items():
        call()
        ms = _p50_ms(call, args.repeats)
        base = base or ms
        print(f"{label}: p50 {ms:.2f} ms (ratio to score only {ms / base:.2f})")


if __name__ == "__main__":
    main()
