"""``metadata.json`` through its typed model: exact round trip, typed reads, fix-it errors."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from model_training.bundle import METADATA_FILE
from model_training.bundle.metadata import BundleMetadata, Training, parse_metadata, read_metadata
from model_training.errors import BundleError
from model_training.features.catalogue import monotone_directions
from model_training.modeling.params import TrainingSettings
from model_training.modeling.points import PointsScale

WHERE = "bundle v1 in /artifacts"


def test_a_trained_bundles_metadata_is_written_back_byte_for_byte(live_folder: Path) -> None:
    text = (live_folder / METADATA_FILE).read_text(encoding="utf-8")
    assert read_metadata(live_folder).to_json() == text


def test_typed_attributes_hold_what_the_file_holds(live_folder: Path, document: dict) -> None:
    metadata = read_metadata(live_folder)
    assert metadata.version == live_folder.name
    assert metadata.threshold == document["threshold"]
    assert metadata.base_value == document["base_value"]
    assert metadata.costs.false_negative == document["costs"]["false_negative"]
    assert metadata.points.scale == PointsScale()
    assert (
        metadata.metrics.cost_per_client.threshold.mean
        == (document["metrics"]["cost_per_client"]["threshold"]["mean"])
    )
    assert metadata.training.settings.iterations == document["training"]["iterations"]
    assert metadata.created.isoformat() == document["created"]
    assert metadata.feature_names == tuple(f["name"] for f in document["features"])


def test_each_feature_carries_the_direction_it_was_trained_with(live_folder: Path) -> None:
    metadata = read_metadata(live_folder)
    assert metadata.training.settings.is_monotone
    declared = monotone_directions(list(metadata.feature_names))
    assert declared
    assert {f.name: f.direction for f in metadata.features} == {
        name: declared.get(name, 0) for name in metadata.feature_names
    }


def test_a_bundle_without_recorded_directions_loads_and_is_written_back_unchanged(
    document: dict,
) -> None:
    older = {**document, "features": [{**f} for f in document["features"]]}
    for feature in older["features"]:
        feature.pop("direction", None)
    text = json.dumps(older, indent=1)
    metadata = parse_metadata(text, WHERE)
    assert {f.direction for f in metadata.features} == {None}
    assert metadata.to_json() == text


def test_the_training_record_keeps_settings_apart_from_what_training_found() -> None:
    flat = {"n_folds": 4, "iterations": 900, "final_iterations": 321, "best_iterations": [3]}
    training = Training.model_validate(flat)
    assert (training.settings.n_folds, training.settings.iterations) == (4, 900)
    assert training.settings.depth == TrainingSettings.depth
    assert (training.final_iterations, training.best_iterations) == (321, (3,))
    assert list(training.model_dump())[-2:] == ["final_iterations", "best_iterations"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d.pop("bundle_format"),
            f"{WHERE} has format 1; this code reads format 2 (reasons grouped by family). "
            "Rebuild it: python -m model_training build.",
        ),
        (
            lambda d: d.update(calibrator="isotonic"),
            f"{WHERE}: metadata.json does not match bundle format 2 (calibrator: Extra inputs "
            "are not permitted). Rebuild the bundle (python -m model_training build) or fetch it "
            "again; do not edit metadata.json by hand.",
        ),
        (
            lambda d: d.pop("threshold"),
            f"{WHERE}: metadata.json does not match bundle format 2 (threshold: Field required). "
            "Rebuild the bundle (python -m model_training build) or fetch it again; do not edit "
            "metadata.json by hand.",
        ),
        (
            lambda d: d["costs"].update(false_positive="cheap"),
            f"{WHERE}: metadata.json does not match bundle format 2 (costs.false_positive: Input "
            "should be a valid number, unable to parse string as a number). Rebuild the bundle "
            "(python -m model_training build) or fetch it again; do not edit metadata.json by "
            "hand.",
        ),
    ],
    ids=["older-format", "unknown-key", "missing-field", "wrong-type"],
)
def test_a_bad_metadata_file_names_the_file_the_field_and_the_fix(
    document: dict, change: Callable[[dict], object], message: str
) -> None:
    broken = json.loads(json.dumps(document))
    change(broken)
    with pytest.raises(BundleError) as caught:
        parse_metadata(json.dumps(broken), WHERE)
    assert str(caught.value) == message


def test_text_that_is_not_json_is_refused_with_the_fix() -> None:
    with pytest.raises(BundleError, match=rf"^{WHERE}: metadata\.json is not JSON \(Expecting"):
        parse_metadata("{not json", WHERE)


def test_the_metadata_is_frozen(live_folder: Path) -> None:
    metadata = read_metadata(live_folder)
    assert isinstance(metadata, BundleMetadata)
    with pytest.raises(ValueError, match="frozen"):
        metadata.threshold = 0.5  # type: ignore[misc]  # the assignment under test must fail
