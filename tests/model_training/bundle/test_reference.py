"""The monitoring reference: stored with the bundle, validated when present, optional."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model_training.bundle import MONITORING_REFERENCE_FILE, validate
from model_training.bundle.reference import (
    CATEGORICAL,
    NUMERIC,
    SCORE,
    BinnedVariable,
    MonitoringReference,
)
from model_training.errors import BundleError
from model_training.monitoring.reference import MONITORED_FEATURES


def test_the_session_bundle_holds_a_reference_of_its_top_features(live_folder: Path) -> None:
    bundle = validate(live_folder)
    reference = bundle.monitoring_reference()
    assert reference is not None
    importance = bundle.table("importance")["feature"].tolist()
    expected = importance[: min(MONITORED_FEATURES, len(importance))]
    assert list(reference.feature_names) == expected
    assert sum(reference.score.counts) == reference.n_clients == bundle.metadata.n_clients.train
    for feature in reference.features:
        assert sum(feature.counts) == reference.n_clients
        assert (feature.kind == CATEGORICAL) == (feature.name in bundle.categorical)


def test_a_bundle_without_a_reference_is_accepted(artifacts: Path) -> None:
    folder = next(p for p in artifacts.iterdir() if p.is_dir())
    (folder / MONITORING_REFERENCE_FILE).unlink()
    assert validate(folder).monitoring_reference() is None


def test_an_unreadable_reference_is_refused_with_the_fix(artifacts: Path) -> None:
    folder = next(p for p in artifacts.iterdir() if p.is_dir())
    (folder / MONITORING_REFERENCE_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(BundleError, match=r"monitoring_reference\.json is unreadable.*Rebuild"):
        validate(folder)


def test_a_reference_naming_a_feature_the_model_lacks_is_refused(artifacts: Path) -> None:
    folder = next(p for p in artifacts.iterdir() if p.is_dir())
    path = folder / MONITORING_REFERENCE_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["name"] = "NOT_A_FEATURE"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(BundleError, match="NOT_A_FEATURE"):
        validate(folder)


def test_a_reference_survives_its_json() -> None:
    reference = MonitoringReference(
        score=BinnedVariable(SCORE, NUMERIC, (1, 2, 3, 0), edges=(500.0, 600.0)),
        features=(BinnedVariable("CODE", CATEGORICAL, (4, 1, 0, 1), levels=("M", "F")),),
        n_clients=6,
        source="test",
    )
    assert MonitoringReference.from_json(reference.to_json()) == reference
    assert reference.score.labels == ["<= 500", "(500, 600]", "> 600", "missing"]
    assert reference.variable("CODE").labels == ["M", "F", "other", "missing"]


@pytest.mark.parametrize(
    "change",
    [
        {"counts": [1, 2]},  # fewer counts than bins
        {"edges": [600.0, 500.0]},  # edges not increasing
        {"kind": "ordinal"},
    ],
)
def test_an_inconsistent_variable_is_not_a_reference(change: dict) -> None:
    score = {"name": SCORE, "kind": NUMERIC, "edges": [500.0, 600.0], "counts": [1, 2, 3, 0]}
    text = json.dumps(
        {"reference_format": 1, "n_clients": 6, "score": score | change, "features": []}
    )
    with pytest.raises(ValueError, match=r"counts|edges|kind"):
        MonitoringReference.from_json(text)
