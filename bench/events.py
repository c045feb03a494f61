"""Benchmark the per-request overhead of scoring events: the same routes with and without.

Usage: python bench/events.py [--artifacts-dir data/artifacts] [--seconds 3]
Runs the API in-process (Flask test client, a service API key, a fresh SQLite database in a
temporary folder, events flushed every AUDIT_FLUSH_SECONDS as in production) and times each
route with event recording on and off in the same run, interleaved in rounds so both sides see
the same machine load. Off means the app has no event writer (``record_scores`` returns at
once). Reports p50 milliseconds per request, the ratio on / off, and the events written.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from bench.inprocess import service_calls, times_ms
from scoring_api.config import Settings
from scoring_api.factory import create_app
from scoring_api.security.models import ScoringEvent
from scoring_api.security.state import get_state
from tests.scoring_api.applicants import NEW_APPLICANT

ROUNDS = 10


def main(argv: list[str] | None = None) -> int:
    """Print p50 milliseconds per request with and without events, and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--artifacts-dir", type=Path, default=Path("data/artifacts"))
    parser.add_argument("--seconds", type=float, default=3.0, help="time per case and side")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-events-"))
    settings = Settings.from_env(
        {
            "app_env": "test",
            "database_url": f"sqlite:///{folder / 'bench.sqlite3'}",
            "artifacts_dir": args.artifacts_dir,
            "dashboard": False,
            "ratelimit_default": "100000000 per minute",
            "ratelimit_score_cost": "100000000 per minute",
        }
    )
    app = create_app(settings)
    state = get_state(app)
    client_id, call = service_calls(app)

    cases = {
        "GET clients/{id}/score (stored)": call("GET", f"/api/v1/clients/{client_id}/score"),
        "POST score, 1 what-if": call(
            "POST", "/api/v1/score", {"applications": [{"SK_ID_CURR": client_id}]}
        ),
        "POST score, 1 new applicant": call(
            "POST", "/api/v1/score", {"applications": [NEW_APPLICANT]}
        ),
        "POST invocations, 1 row": call(
            "POST", "/api/v1/invocations", {"dataframe_records": [NEW_APPLICANT]}
        ),
    }
    writer = state.events
    print(f"events in {settings.database_url}, flushed every {settings.audit_flush_seconds} s")
    print("| route | without events (p50 ms) | with events (p50 ms) | ratio |")
    print("|---|---:|---:|---:|")
    for name, run in cases.items():
        run()  # warm the caches
        off: list[float] = []
        on: list[float] = []
        for _ in range(ROUNDS):
            state.events = None
            off += times_ms(run, args.seconds / ROUNDS)
            state.events = writer
            on += times_ms(run, args.seconds / ROUNDS)
        p_off, p_on = statistics.median(off), statistics.median(on)
        print(f"| {name} | {p_off:.2f} | {p_on:.2f} | {p_on / p_off:.3f} |")
    assert writer is not None
    writer.flush()
    with state.database.session() as session:
        written = session.scalar(select(func.count(ScoringEvent.id)))
    print(f"{written:,} events written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
