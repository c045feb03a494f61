"""Feature bins of a served row: the bundle's monitoring reference and the monitoring bin rule."""

from __future__ import annotations

import math

from model_training.bundle.reference import BinnedVariable, MonitoringReference
from model_training.monitoring.binning import bin_values
from scoring_api.context import bundle_store
from scoring_api.events.binning import feature_bins, monitoring_reference, stored_feature_bins
from scoring_api.services.scoring import client_row
from scoring_api.services.stored import stored_value_of

AMOUNT = BinnedVariable("AMT_CREDIT", "numeric", (1, 1, 1, 0), edges=(0.0, 10.0))
KIND = BinnedVariable("NAME_CONTRACT_TYPE", "categorical", (2, 1, 0, 0), levels=("Cash", "Rev"))
SCORE = BinnedVariable("score", "numeric", (1, 1, 0), edges=(500.0,))


def test_each_monitored_feature_gets_its_reference_bin() -> None:
    reference = MonitoringReference(score=SCORE, features=(AMOUNT, KIND), n_clients=3)
    values = {"AMT_CREDIT": 10.0, "NAME_CONTRACT_TYPE": "Unseen", "OTHER": 1.0}
    assert feature_bins(reference, values.__getitem__) == {
        "AMT_CREDIT": 1,  # equal to an edge: the bin below it
        "NAME_CONTRACT_TYPE": 2,  # a level unseen at training: "other"
    }
    missing = {"AMT_CREDIT": math.nan, "NAME_CONTRACT_TYPE": None}
    assert feature_bins(reference, missing.__getitem__) == {
        "AMT_CREDIT": AMOUNT.missing_bin,
        "NAME_CONTRACT_TYPE": KIND.missing_bin,
    }


def test_the_serving_bundles_reference_bins_a_stored_client_as_monitoring_does(
    app, client_ids
) -> None:
    with app.test_request_context():
        bundle = bundle_store().get()
        reference = monitoring_reference(bundle)
        assert reference is not None  # the session bundle is built with its reference
        assert monitoring_reference(bundle) is reference  # read once per bundle
        value_of = stored_value_of(bundle, client_row(bundle, client_ids[0]))
        bins = feature_bins(reference, value_of)
    assert list(bins) == list(reference.feature_names)
    for name, found in bins.items():
        assert found == int(bin_values(reference, name, [value_of(name)])[0])


def test_stored_clients_binned_at_once_read_as_each_row_binned_alone(app) -> None:
    with app.test_request_context():
        bundle = bundle_store().get()
        reference = monitoring_reference(bundle)
        assert reference is not None
        for row in range(len(bundle.client_ids)):
            one_by_one = feature_bins(reference, stored_value_of(bundle, row))
            assert stored_feature_bins(bundle, row) == one_by_one, row
