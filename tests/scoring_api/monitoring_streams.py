"""Streams of scoring events for monitoring tests: a week like training, or a shifted one."""

from __future__ import annotations

import datetime

from model_training.bundle import OOF
from model_training.modeling.decision import is_refused
from scoring_api.bundle_store import ServingBundle
from scoring_api.events.binning import feature_bins, monitoring_reference
from scoring_api.events.groups import stored_fairness_groups
from scoring_api.services.stored import stored_value_of

D = datetime.date
RISKY = 0.9  # a probability whose score is below every training client's


def event(bundle: ServingBundle, at: datetime.datetime, probability: float, **fields) -> dict:
    """Return one served event of the bundle, its score and decision from the probability."""
    refused = bool(is_refused(probability, bundle.threshold))
    return {
        "at": at,
        "model_version": bundle.version,
        "client_ref": None,
        "probability": probability,
        "decision": "refused" if refused else "granted",
        "score": float(bundle.scale.score(probability)),
        "channel": "stored",
        "feature_bins": {},
        "groups": {},
        "shadow": False,
        "pair_ref": None,
    } | fields


def training_stream(bundle: ServingBundle, start: datetime.datetime) -> tuple[list, list]:
    """Return the train clients as a week of events (their out-of-fold scores) and outcomes."""
    reference = monitoring_reference(bundle)
    assert reference is not None
    oof = bundle.source.table(OOF)
    events, outcomes = [], []
    for i, (client, p, y) in enumerate(
        zip(oof.SK_ID_CURR, oof.oof_probability, oof.TARGET, strict=True)
    ):
        row = bundle.position(int(client))
        assert row is not None
        bins = feature_bins(reference, stored_value_of(bundle, row))
        ref = f"c{client}"
        at = start + datetime.timedelta(minutes=10 * i)  # within 6 days for 800 clients
        groups = stored_fairness_groups(bundle, int(client))
        events.append(event(bundle, at, float(p), client_ref=ref, feature_bins=bins, groups=groups))
        outcomes.append({"client_ref": ref, "outcome_date": D(2027, 1, 1), "defaulted": bool(y)})
    return events, outcomes
