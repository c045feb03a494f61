"""Stage `score`: every client of a feature table scored locally and on Spark, the same."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from pyspark.sql import SparkSession

from model_training.bundle import SCORES, open_bundle
from model_training.cli import main
from model_training.errors import ModelTrainingError
from model_training.features.store import FEATURES_SUBDIR, METADATA_FILE
from model_training.score import score_clients
from tests.servers.spark import XDIST_GROUP

SCORE_COLUMNS = ["SK_ID_CURR", "is_test", "probability"]


def test_local_scores_are_the_bundles_stored_probabilities(data_dir: Path) -> None:
    bundle = open_bundle(data_dir / "artifacts")
    scores = score_clients(data_dir, bundle)
    stored = bundle.table(SCORES)
    assert scores.columns.tolist() == SCORE_COLUMNS
    assert scores["SK_ID_CURR"].tolist() == stored["SK_ID_CURR"].tolist()
    assert scores["is_test"].tolist() == stored["is_test"].tolist()
    np.testing.assert_allclose(scores["probability"], stored["probability"], rtol=1e-9)


@pytest.mark.xdist_group(XDIST_GROUP)
def test_spark_scores_equal_local_scores(data_dir: Path, spark: SparkSession) -> None:
    bundle = open_bundle(data_dir / "artifacts")
    local = score_clients(data_dir, bundle)
    on_spark = score_clients(data_dir, bundle, engine="spark")
    pd.testing.assert_frame_equal(on_spark, local, check_exact=True)


@pytest.mark.parametrize("name", ["scores.csv", "scores.parquet"])
def test_score_command_writes_every_client(data_dir: Path, tmp_path: Path, name: str) -> None:
    out = tmp_path / name
    arguments = [
        "score",
        "--data-dir",
        str(data_dir),
        "--artifacts-dir",
        str(data_dir / "artifacts"),
    ]
    assert main([*arguments, "--out", str(out)]) == 0
    written = pd.read_parquet(out) if out.suffix == ".parquet" else pd.read_csv(out)
    expected = score_clients(data_dir, open_bundle(data_dir / "artifacts"))
    assert written.columns.tolist() == SCORE_COLUMNS
    assert written["SK_ID_CURR"].tolist() == expected["SK_ID_CURR"].tolist()
    np.testing.assert_allclose(written["probability"], expected["probability"], rtol=1e-15)


def test_score_command_alone_still_writes_the_submission(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "submission.csv"
    assert main(["score", "--artifacts-dir", str(data_dir / "artifacts"), "--out", str(out)]) == 0
    assert pd.read_csv(out).columns.tolist() == ["SK_ID_CURR", "TARGET"]


def test_features_lacking_a_model_input_are_refused(data_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(data_dir / FEATURES_SUBDIR, copy / FEATURES_SUBDIR)
    metadata_path = copy / FEATURES_SUBDIR / METADATA_FILE
    metadata = json.loads(metadata_path.read_text())
    dropped = metadata["features"].pop(0)["name"]
    metadata_path.write_text(json.dumps(metadata))
    bundle = open_bundle(data_dir / "artifacts")
    with pytest.raises(ModelTrainingError, match=f"lacks 1 input.*{dropped}.*features --data-dir"):
        score_clients(copy, bundle)


def test_an_unknown_engine_is_refused(data_dir: Path) -> None:
    bundle = open_bundle(data_dir / "artifacts")
    with pytest.raises(ModelTrainingError, match="engine must be one of local, spark, got 'gpu'"):
        score_clients(data_dir, bundle, engine="gpu")
