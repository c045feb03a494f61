"""Benchmark the client list in-process: filters, counts and sorts, against one stored score.

Usage: python bench/clients_list.py [--artifacts-dir data/artifacts] [--runs 200]
Times ``list_clients`` (what GET clients calls, without HTTP, auth or audit) for the page
shapes the dashboard asks for, alternated with one stored client's score (``stored_score``,
what GET clients/<id>/score reads) in the same run; the index (decisions, risk bands, orders)
is built once per bundle and timed apart. Prints p50 / p99 milliseconds and the ratios.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from scoring_api.bundle_store import BundleStore
from scoring_api.schemas import ClientsQuery
from scoring_api.services.client_index import client_index
from scoring_api.services.clients import list_clients
from scoring_api.services.scoring import stored_score

PAGES = {  # name: the query of one page of 20
    "first page": {},
    "refused, band E, riskiest first": {
        "decision": "refused",
        "risk_band": "E",
        "sort": "probability_desc",
    },
    "granted, safest first": {"decision": "granted", "sort": "probability_asc"},
    "id prefix 1000": {"query": "1000"},
}


def main(argv: list[str] | None = None) -> int:
    """Print the index build time and p50 / p99 of each page shape and of one stored score."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts-dir", type=Path, default=Path("data/artifacts"))
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    bundle = BundleStore(args.artifacts_dir).get()
    started = time.perf_counter()
    client_index(bundle)
    built = (time.perf_counter() - started) * 1000
    print(f"bundle {bundle.version}, {len(bundle.client_ids):,} clients; index {built:.0f} ms")
    queries = {name: ClientsQuery(**query) for name, query in PAGES.items()}
    times: dict[str, list[float]] = {name: [] for name in [*PAGES, "stored score"]}
    middle = len(bundle.client_ids) // 2
    for _ in range(args.runs):
        for name, query in queries.items():
            started = time.perf_counter()
            list_clients(bundle, query, "fr")
            times[name].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        stored_score(bundle, middle)
        times["stored score"].append((time.perf_counter() - started) * 1000)
    baseline = float(np.median(times["stored score"]))
    for name, values in times.items():
        p50, p99 = np.percentile(values, [50, 99])
        total = list_clients(bundle, queries[name], "fr")["total"] if name in queries else None
        shown = f"   total {total:,}" if total is not None else ""
        print(f"{name:34} p50 {p50:7.2f} ms  p99 {p99:7.2f} ms  x{p50 / baseline:5.1f}{shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
