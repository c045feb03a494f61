"""A budget of scoring work per identity: rows scored per window, an explained row weighing more.

The request count of ``RATELIMIT_DEFAULT`` treats a 1,000-row explained batch (about 0.5 s of a
core) like a one-row score; eight loops of such batches slowed everyone else tenfold. Each
``POST score`` and ``POST invocations`` is charged its cost in rows, an explained row counting
``SCORE_EXPLAIN_COST`` rows, against ``RATELIMIT_SCORE_COST`` per identity (account, else API
key, else address), in the same storage as the other limits (``RATELIMIT_STORAGE_URI``: shared
by the workers with ``redis://``). Past the budget, a JSON 429 with ``Retry-After``; a refused
request costs nothing.
"""

from __future__ import annotations

import math
import time

from flask import abort, current_app, jsonify
from limits import parse

from scoring_api.config import Settings
from scoring_api.errors import ApiError
from scoring_api.security.limits import KEY_PREFIX, LIMITS_KEY, identity_key

COST_SCOPE = "score-cost"


def scoring_cost(settings: Settings, n_rows: int, *, is_explained: bool) -> int:
    """Return a request's cost in rows (an explained row counts SCORE_EXPLAIN_COST)."""
    return n_rows * (settings.score_explain_cost if is_explained else 1)


def charge_scoring(settings: Settings, n_rows: int, *, is_explained: bool) -> None:
    """Charge a scoring request to its identity's budget; refuse it (429) past the budget."""
    budget = parse(settings.ratelimit_score_cost)
    cost = scoring_cost(settings, n_rows, is_explained=is_explained)
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
    response = jsonify(
        {
            "error": {
                "code": "rate_limited",
                "message": (
                    f"Scoring budget spent ({budget} rows; this request costs {cost}). "
                    f"Retry in {retry_after} s."
                ),
                "details": {
                    "limit": str(budget),
                    "cost": cost,
                    "remaining": max(0, budget.amount - (spent - cost)),
                    "retry_after": retry_after,
                },
            }
        }
    )
    response.status_code = 429
    response.headers["Retry-After"] = str(retry_after)
    abort(response)
