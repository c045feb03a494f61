"""Shared parts of the in-process API benchmarks (events, shadow): a service key's calls
through the Flask test client, and their timings."""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import Flask

from scoring_api.context import bundle_store
from scoring_api.security.keys import create_api_key
from scoring_api.security.state import get_state

Call = Callable[[], object]


def times_ms(call: Call, seconds: float, interval_ms: float = 0.0) -> list[float]:
    """Return the milliseconds of each call of ``call`` over about ``seconds`` (at least 3):
    back to back, or one call every ``interval_ms`` (a worker with idle time between them)."""
    times: list[float] = []
    deadline = time.perf_counter() + seconds
    while len(times) < 3 or time.perf_counter() < deadline:
        started = time.perf_counter()
        call()
        ended = time.perf_counter()
        times.append((ended - started) * 1000)
        if interval_ms:
            time.sleep(max(0.0, started + interval_ms / 1000 - ended))
    return times


def service_calls(app: Flask) -> tuple[int, Callable[..., Call]]:
    """Return the bundle's first stored client and a maker of calls with a service API key,
    each checked to answer 200: ``make(method, url, json=None)``."""
    state = get_state(app)
    with state.database.session() as session:
        key = create_api_key(session, state.api_key_secret(session), "bench", "service").token
    with app.test_request_context():
        client_id = int(bundle_store().get().client_ids[0])
    http = app.test_client()
    headers = {"X-API-Key": key}

    def make(method: str, url: str, json: object = None) -> Call:
        def run() -> object:
            response = http.open(url, method=method, json=json, headers=headers)
            assert response.status_code == 200, response.get_data(as_text=True)
            return response

        return run

    return client_id, make
