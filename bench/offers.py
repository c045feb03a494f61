"""Benchmark counter-offers in-process: the service behind GET offers, against one what-if.

Usage: python bench/offers.py [--artifacts-dir data/artifacts] [--runs 200]
Picks the refused client nearest the threshold that has an offer (the search then runs every
rule it can), and times ``application_offers`` (what the route calls) and one what-if
(``score_applications`` of one record, what POST score calls) alternately in the same run:
p50 and p99 milliseconds of each. Settings are the defaults (OFFER_*, docs/operations.md).
Target (issue 18): offers p50 under 50 ms at full scale.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from scoring_api.bundle_store import BundleStore, ServingBundle
from scoring_api.config import Settings
from scoring_api.services.applications import score_applications
from scoring_api.services.offers import application_offers
from scoring_api.services.scoring import stored_score

CANDIDATES = 200  # refused clients tried, nearest the threshold first


def refused_with_offers(
    bundle: ServingBundle, settings: Settings
) -> tuple[int, dict[str, Any], dict[str, Any]]:
    """Return a refused client nearest the threshold that has an offer, its score and offers."""
    probability = bundle.scores["probability"].to_numpy()
    order = np.argsort(probability)
    rows = [int(r) for r in order if probability[r] >= bundle.threshold][:CANDIDATES]
    for row in rows:
        client_id = int(bundle.client_ids[row])
        result = stored_score(bundle, row)
        body = application_offers(bundle, settings, {"SK_ID_CURR": client_id}, result)
        if body["offers"]:
            return client_id, result, body
    raise SystemExit(f"none of the {len(rows)} refused clients nearest the threshold has an offer")


def main(argv: list[str] | None = None) -> int:
    """Print p50 and p99 milliseconds of the offers of one client and of one what-if."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts-dir", type=Path, default=Path("data/artifacts"))
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args(argv)
    bundle, settings = BundleStore(args.artifacts_dir).get(), Settings()
    client_id, result, body = refused_with_offers(bundle, settings)
    application = {"SK_ID_CURR": client_id}
    what_if = [{"SK_ID_CURR": client_id, "AMT_CREDIT": body["offers"][0]["amount"]}]
    times: dict[str, list[float]] = {"offers": [], "what-if": []}
    for _ in range(args.runs):
        started = time.perf_counter()
        application_offers(bundle, settings, application, result)
        times["offers"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        score_applications(bundle, what_if)
        times["what-if"].append((time.perf_counter() - started) * 1000)
    print(f"bundle {bundle.version}, {len(bundle.client_ids):,} clients; client {client_id}")
    print(
        "offers: "
        + ", ".join(
            f"{o['rule']} {o['amount']:,.0f} over {o['term_months']:.1f}" for o in body["offers"]
        )
    )
    for name, values in times.items():
        p50, p99 = np.percentile(values, [50, 99])
        print(f"{name:8} p50 {p50:7.2f} ms   p99 {p99:7.2f} ms   ({args.runs} runs)")
    ratio = np.median(times["offers"]) / np.median(times["what-if"])
    print(f"offers / what-if (p50): {ratio:.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
