"""Benchmark shadow scoring's effect on the champion's latency: the same routes with and without.

Usage: python bench/shadow.py [--artifacts-dir data/artifacts] [--seconds 4]
Copies the live bundle into a temporary ARTIFACTS_DIR beside a challenger (the same bundle under
another version, ``tests.reliability.server.clone_bundle``), runs the API in-process (Flask test
client, a service API key, a fresh SQLite database, events flushed every AUDIT_FLUSH_SECONDS as
in production) and times each route with the challenger on and off in the same run, in
interleaved rounds so both sides see the same machine load. Off means the app has no shadow
scorer (``record_scores`` pairs nothing); before each off round the shadow queue is emptied so
the challenger's work of an on round does not run in it. Reports p50 and p95 milliseconds, their
ratios on / off, and the shadow events written and dropped. Budget: p50 ratio <= 1.10.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from bench.inprocess import service_calls, times_ms
from model_training.bundle import CURRENT_FILE, current_version, set_challenger
from scoring_api.config import Settings
from scoring_api.context import SHADOW_KEY
from scoring_api.events.shadow import ShadowScorer
from scoring_api.factory import create_app
from scoring_api.security.models import ScoringEvent
from scoring_api.security.state import get_state
from tests.reliability.server import clone_bundle

ROUNDS = 10
CHALLENGER = "29990101T000000Z-challenger"
BUDGET = 1.10  # the champion's p50 with a challenger / without (docs/monitoring.md)
PACED_BUSY = 0.5  # the paced load: a worker busy half the time (one request every 2 x p50)


def _p95(times: list[float]) -> float:
    """Return the 95th percentile of ``times``."""
    return statistics.quantiles(times, n=20)[-1]


def _artifacts_with_challenger(source: Path, folder: Path) -> Path:
    """Copy the live bundle of ``source`` into ``folder`` and name its clone in CHALLENGER."""
    live = current_version(source)
    if live is None:
        raise SystemExit(f"no {CURRENT_FILE} in {source}: build a bundle first")
    target = folder / "artifacts"
    target.mkdir()
    shutil.copytree(source / live, target / live)
    shutil.copy(source / CURRENT_FILE, target / CURRENT_FILE)
    clone_bundle(target, CHALLENGER, threshold_shift=0.0)
    set_challenger(target, CHALLENGER)
    return target


def main(argv: list[str] | None = None) -> int:
    """Print the champion's p50 and p95 with and without a challenger, and their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts-dir", type=Path, default=Path("data/artifacts"))
    parser.add_argument("--seconds", type=float, default=4.0, help="time per case and side")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-shadow-"))
    artifacts = _artifacts_with_challenger(args.artifacts_dir, folder)
    settings = Settings.from_env(
        {
            "app_env": "test",
            "database_url": f"sqlite:///{folder / 'bench.sqlite3'}",
            "artifacts_dir": artifacts,
            "dashboard": False,
            "ratelimit_default": "100000000 per minute",
            "ratelimit_score_cost": "100000000 per minute",
        }
    )
    app = create_app(settings)
    state = get_state(app)
    scorer: ShadowScorer = app.extensions[SHADOW_KEY]
    scorer.challengers.refresh(force=True)
    client_id, call = service_calls(app)

    cases = {
        "GET clients/{id}/score (stored)": call("GET", f"/api/v1/clients/{client_id}/score"),
        "POST score, 1 what-if": call(
            "POST", "/api/v1/score", {"applications": [{"SK_ID_CURR": client_id}]}
        ),
    }
    print(f"champion {current_version(artifacts)}, challenger {CHALLENGER} (the same model)")
    print(
        "| route | load | p50 without (ms) | p50 with (ms) | p50 ratio "
        "| p95 without (ms) | p95 with (ms) | p95 ratio |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    paced_ratios = []
    for name, run in cases.items():
        warm = times_ms(run, 0.5)  # warm the caches; the route's own time sets the pace
        interval = statistics.median(warm) / PACED_BUSY
        for load, interval_ms in (("back to back", 0.0), (f"paced, {interval:.1f} ms", interval)):
            off: list[float] = []
            on: list[float] = []
            for _ in range(ROUNDS):
                scorer.wait_idle(30)  # the challenger's queued work stays in its own round
                app.extensions.pop(SHADOW_KEY)
                off += times_ms(run, args.seconds / ROUNDS, interval_ms)
                app.extensions[SHADOW_KEY] = scorer
                on += times_ms(run, args.seconds / ROUNDS, interval_ms)
            p50_off, p50_on = statistics.median(off), statistics.median(on)
            p95_off, p95_on = _p95(off), _p95(on)
            if interval_ms:
                paced_ratios.append(p50_on / p50_off)
            print(
                f"| {name} | {load} | {p50_off:.2f} | {p50_on:.2f} | {p50_on / p50_off:.3f} "
                f"| {p95_off:.2f} | {p95_on:.2f} | {p95_on / p95_off:.3f} |"
            )
    scorer.wait_idle(30)
    assert state.events is not None
    state.events.flush()
    with state.database.session() as session:
        shadow = session.scalar(select(func.count(ScoringEvent.id)).where(ScoringEvent.shadow))
        served = session.scalar(
            select(func.count(ScoringEvent.id)).where(ScoringEvent.shadow.is_(False))
        )
    dropped = sum(
        sample.value
        for metric in scorer.counters.dropped.collect()
        for sample in metric.samples
        if sample.name.endswith("_total")
    )
    print(f"{served:,} served events, {shadow:,} shadow events, {dropped:,.0f} shadow dropped")
    verdict = "met" if max(paced_ratios) <= BUDGET else "NOT met"
    print(
        f"budget p50 ratio <= {BUDGET} for a worker {PACED_BUSY:.0%} busy: {verdict} "
        f"(worst {max(paced_ratios):.3f})"
    )
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
