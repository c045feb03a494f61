"""A budget of scoring work per identity: rows scored per window, an explained row weighing more.

The request count of ``RATELIMIT_DEFAULT`` treats a 1,000-row explained batch (about 0.5 s of a
core) like a one-row score; eight loops of such batches slowed everyone else tenfold. Each
``POST score`` and ``POST invocations`` is charged its cost in rows, an explained row counting
``SCORE_EXPLAIN_COST`` rows, against ``RATELIMIT_SCORE_COST`` per identity (account, else API
key, else address), in the same storage as the other limits (``RATELIMIT_STORAGE_URI``: shared
by the workers with ``redis://``). Past the budget, a JSON 429 with ``Retry-After``; a refused
request costs nothing. Budgets per identity do not stop several identities at once: a request
costing ``SCORE_HEAVY_COST`` rows or more is heavy, and the server (all its workers on this
machine, through lock files) runs at most ``SCORE_HEAVY_SLOTS`` heavy requests at a time
(others get a 429 with ``Retry-After: 1``), so the other cores stay free for everyone else.
"""

from __future__ import annotations

import fcntl
import math
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, NoReturn

from flask import abort, current_app
from limits import parse

from scoring_api.config import Settings
from scoring_api.errors import ApiError, error_response
from scoring_api.observability.metrics_multiprocess import MULTIPROC_ENV
from scoring_api.security.limits import KEY_PREFIX, LIMITS_KEY, identity_key

COST_SCOPE = "score-cost"
SLOT_FILE_PREFIX = "heavy-slot-"
HEAVY_RETRY_SECONDS = 1


def scoring_cost(settings: Settings, n_rows: int, *, is_explained: bool) -> int:
    """Return a request's cost in rows (an explained row counts SCORE_EXPLAIN_COST)."""
    return n_rows * (settings.score_explain_cost if is_explained else 1)


def charge_scoring(settings: Settings, cost: int) -> None:
    """Charge a request's cost (``scoring_cost``) to its identity's budget; 429 past it."""
    budget = parse(settings.ratelimit_score_cost)
    if cost > budget.amount:
        raise ApiError(
            422,
            "batch_too_costly",
            f"This request costs {cost} rows of scoring work, more than the whole budget of "
            f"{budget}. Send fewer rows, or fewer with explanations.",
            {"cost": cost, "budget": str(budget)},
        )
    storage = current_app.extensions[LIMITS_KEY].storage
    key = budget.key_for(KEY_PREFIX, COST_SCOPE, identity_key())
    spent = storage.incr(key, budget.get_expiry(), amount=cost)
    if spent <= budget.amount:
        return
    storage.incr(key, budget.get_expiry(), amount=-cost)  # a refused request costs nothing
    retry_after = max(1, math.ceil(storage.get_expiry(key) - time.time()))
    message = f"Scoring budget spent ({budget} rows; this request costs {cost})."
    details = {"limit": str(budget), "cost": cost, "remaining": budget.amount - (spent - cost)}
    refuse("rate_limited", message, details, retry_after)


@contextmanager
def heavy_slot(settings: Settings, cost: int) -> Iterator[None]:
    """Hold one of the server's heavy-request slots while a costly request runs (else 429)."""
    if cost < settings.score_heavy_cost:
        yield
        return
    held = _take_slot(settings.score_heavy_slots)
    if held is None:
        message = f"The server is busy with other large requests (this one costs {cost} rows)."
        refuse("busy", message, {"cost": cost}, HEAVY_RETRY_SECONDS)
    try:
        yield
    finally:
        held.close()  # closing the file releases its lock


def slot_dir() -> Path:
    """Return the folder whose lock files are the server's heavy slots, shared by its workers.

    Under gunicorn it is the master's per-run metrics folder (``PROMETHEUS_MULTIPROC_DIR``, in
    every worker's environment); a server without it keeps its own folder.
    """
    shared = os.environ.get(MULTIPROC_ENV)
    if shared:
        return Path(shared)
    return Path(tempfile.gettempdir()) / f"scoring-heavy-slots-{os.getpid()}"


def _take_slot(n_slots: int) -> BinaryIO | None:
    """Return an open lock file of a free slot (locked), or None when all are taken."""
    folder = slot_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_slots):
        handle = (folder / f"{SLOT_FILE_PREFIX}{i}.lock").open("ab")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # each open is its own holder
        except BlockingIOError:
            handle.close()
            continue
        return handle
    return None


def refuse(code: str, message: str, details: dict[str, object], retry_after: int) -> NoReturn:
    """Abort with a JSON 429 carrying Retry-After."""
    error = ApiError(
        429, code, f"{message} Retry in {retry_after} s.", {**details, "retry_after": retry_after}
    )
    abort(error_response(error, {"Retry-After": str(retry_after)}))
