"""Record each score the API serves as a scoring event, off the request path.

A route hands its scored rows to ``record_scores``; the rows go to the app's event writer, the
audit trail's batching writer on the ``scoring_events`` table (``security.audit_writer``):
written within AUDIT_FLUSH_SECONDS, flushed at a clean stop, and, while the database fails,
the next scoring request answers 503 as an audited one does (no score served unrecorded).
With a challenger set (``events.shadow``), each event gets a ``pair_ref`` and the same scores
are queued to be scored again by the challenger, off the request path, as shadow events.
An event keeps no personal value: the client's keyed reference (None for a new applicant),
the score fields, and the bin of each monitored feature (``events.binning``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol
from uuid import uuid4

from flask import current_app

from scoring_api.bundle_store import ServingBundle
from scoring_api.context import SHADOW_KEY
from scoring_api.events.binning import feature_bins, monitoring_reference, stored_feature_bins
from scoring_api.events.groups import stored_fairness_groups
from scoring_api.security.audit import pseudonymise
from scoring_api.security.models import utc_now
from scoring_api.security.state import get_state
from scoring_api.services.scoring import client_row

ValueOf = Callable[[str], Any]


class Channel(StrEnum):
    """Where a score was served."""

    STORED = "stored"  # a stored client's score or file
    WHAT_IF = "what_if"  # POST score with an SK_ID_CURR
    NEW_APPLICATION = "new_application"  # POST score without one
    INVOCATIONS = "invocations"  # the MLflow-style route
    REPLAY = "replay"  # a dataset streamed as dated events (python -m scoring_api replay)


@dataclass(frozen=True)
class Scored:
    """One served score: the client (None for a new applicant), its fields, its features, its
    fairness groups (``events.groups``) and the application scored (None: a stored score)."""

    client_id: int | None
    result: Mapping[str, Any]
    value_of: ValueOf | None = None
    groups: Mapping[str, str] = field(default_factory=dict)
    application: Mapping[str, Any] | None = None
    bins: Mapping[str, int] | None = None  # the features' bins, when known (a stored client)


@dataclass(frozen=True)
class ShadowJob:
    """Served scores to score again with the challenger, each with its pair reference."""

    challenger: ServingBundle
    channel: Channel
    at: datetime
    pairs: tuple[tuple[Scored, str], ...]


class ShadowSink(Protocol):
    """What ``record_scores`` needs of the shadow scorer (``events.shadow.ShadowScorer``)."""

    def challenger_for(self, champion: ServingBundle) -> ServingBundle | None:
        """Return the challenger to score beside ``champion``, or None."""

    def submit(self, job: ShadowJob) -> bool:
        """Queue a job without waiting; return False when it was dropped."""


def new_pair_ref() -> str:
    """Return a new reference pairing a served score with its shadow (32 hex characters)."""
    return uuid4().hex


def event_row(
    bundle: ServingBundle,
    channel: Channel,
    item: Scored,
    at: datetime,
    *,
    shadow: bool = False,
    pair_ref: str | None = None,
) -> dict[str, Any]:
    """Return the ``scoring_events`` row of one score scored by ``bundle``."""
    reference = monitoring_reference(bundle)
    bins: Mapping[str, int] = {}
    if item.bins is not None:
        bins = item.bins
    elif reference and item.value_of:
        bins = feature_bins(reference, item.value_of)
    return {
        "at": at,
        "model_version": str(item.result.get("model_version", bundle.version)),
        "client_ref": None if item.client_id is None else pseudonymise(item.client_id),
        "probability": float(item.result["probability"]),
        "decision": str(item.result["decision"]),
        "score": float(item.result["score"]),
        "channel": channel.value,
        "feature_bins": dict(bins),
        "groups": dict(item.groups),
        "shadow": shadow,
        "pair_ref": pair_ref,
    }


def record_scores(
    bundle: ServingBundle,
    channel: Channel,
    scored: Iterable[Scored],
    *,
    at: datetime | None = None,
) -> None:
    """Queue one event per served score (written in batches by the app's event writer).

    With a challenger, each event gets a new ``pair_ref`` and the scores go to the shadow queue.
    """
    writer = get_state().events
    if writer is None:
        return
    when = at or utc_now()
    shadow: ShadowSink | None = current_app.extensions.get(SHADOW_KEY)
    challenger = shadow.challenger_for(bundle) if shadow is not None else None
    if shadow is None or challenger is None:
        for item in scored:
            writer.add(event_row(bundle, channel, item, when))
        return
    pairs = []
    for item in scored:
        pair_ref = new_pair_ref()
        writer.add(event_row(bundle, channel, item, when, pair_ref=pair_ref))
        pairs.append((item, pair_ref))
    if pairs:
        shadow.submit(ShadowJob(challenger, channel, when, tuple(pairs)))


def record_stored_score(bundle: ServingBundle, client_id: int, result: Mapping[str, Any]) -> None:
    """Queue the event of a stored client's score (its feature values read only when binned)."""
    bins = stored_feature_bins(bundle, client_row(bundle, client_id))
    groups = stored_fairness_groups(bundle, client_id)
    scored = Scored(client_id, result, groups=groups, bins=bins)
    record_scores(bundle, Channel.STORED, [scored])
