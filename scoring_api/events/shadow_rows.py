"""The challenger's shadow events of served scores (``events.shadow`` writes them).

A stored client gets the challenger's stored probability, decision (referrals included) and
points, read vectorised; an application (what-if, new applicant, invocation) is scored by the
challenger's ``score_applications_with_values``, all the applications of a batch in one call.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from model_training.modeling.decision import decide
from model_training.modeling.reasons import referable_log_odds
from scoring_api.bundle_store import ServingBundle
from scoring_api.events.binning import stored_feature_bins
from scoring_api.events.recorder import Scored, ShadowJob, event_row
from scoring_api.services.applications import score_applications_with_values
from scoring_api.services.stored import stored_groups

STORED_RESULTS_SLOT = "shadow_stored_results"


def stored_results(challenger: ServingBundle, rows: list[int]) -> list[dict[str, Any]]:
    """Return the challenger's stored probability, decision and score of rows, vectorised.

    The decision is the one ``stored_score`` serves (referrals included), without its
    explanation parts: a shadow event keeps the score fields only.
    """
    probability, decisions, points = challenger.cached(
        STORED_RESULTS_SLOT, None, lambda: _all_stored_results(challenger)
    )
    return [
        {
            "probability": float(probability[row]),
            "decision": str(decisions[row]),
            "score": float(points[row]),
            "model_version": challenger.version,
        }
        for row in rows
    ]


def _all_stored_results(challenger: ServingBundle) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return every stored client's probability, decision and points (once per challenger)."""
    probability = challenger.scores["probability"].to_numpy(dtype=float)
    referable: np.ndarray | float = 0.0
    if challenger.explanations is not None:
        referable = referable_log_odds(stored_groups(challenger))
    decisions = decide(probability, challenger.threshold, referable)
    return probability, np.asarray(decisions), np.asarray(challenger.scale.score(probability))


def shadow_rows(jobs: list[ShadowJob]) -> list[dict[str, Any]]:
    """Return the challenger's shadow events of jobs (in the app's context), in their order.

    A stored client gets the challenger's stored score (none when it does not know the
    client); the applications are scored in one call a challenger.
    """
    stored: dict[str, list[tuple[int, ShadowJob, Scored, str, int]]] = {}
    applications: dict[str, list[tuple[int, ShadowJob, Scored, str]]] = {}
    served = [(job, item, ref) for job in jobs for item, ref in job.pairs]
    for place, (job, item, ref) in enumerate(served):
        challenger = job.challenger
        if item.application is not None:
            applications.setdefault(challenger.version, []).append((place, job, item, ref))
            continue
        row = None if item.client_id is None else challenger.position(item.client_id)
        if row is not None:  # else the challenger does not know this client: nothing to compare
            stored.setdefault(challenger.version, []).append((place, job, item, ref, row))
    scored: list[tuple[int, ShadowJob, Scored, str]] = []
    for entries in stored.values():
        challenger = entries[0][1].challenger
        results = stored_results(challenger, [row for *_, row in entries])
        for (place, job, item, ref, row), result in zip(entries, results, strict=True):
            bins = stored_feature_bins(challenger, row)
            twin = Scored(item.client_id, result, groups=item.groups, bins=bins)
            scored.append((place, job, twin, ref))
    for asked in applications.values():
        challenger = asked[0][1].challenger
        records = [dict(item.application or {}) for _, _, item, _ in asked]
        results, values = score_applications_with_values(challenger, records)
        for (place, job, item, ref), result, value_of in zip(asked, results, values, strict=True):
            scored.append((place, job, Scored(item.client_id, result, value_of, item.groups), ref))
    return [
        event_row(job.challenger, job.channel, item, job.at, shadow=True, pair_ref=ref)
        for _, job, item, ref in sorted(scored, key=lambda entry: entry[0])
    ]
