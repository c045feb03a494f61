"""Stage `score`: the Kaggle submission from the live bundle, or every client of a feature table.

Without a data folder, the submission is the bundle's stored probabilities of its test clients.
With one, every client of DATA_DIR/features is scored with the live bundle's model, locally or
on Spark (``--engine spark``): the same function scores a row on both engines.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from model_training.bundle import SCORES, Bundle, open_bundle
from model_training.config import SCORE_ENGINES
from model_training.errors import ModelTrainingError
from model_training.features.store import (
    FEATURES_FILE,
    FEATURES_SUBDIR,
    load_feature_metadata,
    load_features,
)
from model_training.modeling.model_input import batch_probability

KEYS = ["SK_ID_CURR", "is_test"]


def _write_csv(frame: pd.DataFrame, out: Path, lineterminator: str = "\n") -> None:
    """Write ``frame`` as CSV into ``out`` atomically (a temporary file renamed)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    with os.fdopen(fd, "w", encoding="ascii", newline="") as handle:
        frame.to_csv(handle, index=False, lineterminator=lineterminator)
    os.replace(tmp, out)


def write_submission(artifacts_dir: Path, out: Path) -> tuple[Path, int]:
    """Write ``SK_ID_CURR,TARGET`` for every test client (probability of default)."""
    bundle = open_bundle(artifacts_dir)
    scores = bundle.table(SCORES)
    test = scores[scores["is_test"]].sort_values("SK_ID_CURR")
    if test.empty:
        raise ModelTrainingError(
            f"bundle {bundle.version} holds no test client (no application_test in its data): "
            "nothing to score."
        )
    submission = test[["SK_ID_CURR", "probability"]].rename(columns={"probability": "TARGET"})
    _write_csv(submission, out, lineterminator="\r\n")
    return out, len(submission)


def _check_inputs(bundle: Bundle, data_dir: Path) -> Path:
    """Return the feature file of ``data_dir``, or raise if it lacks one of the model's inputs."""
    stored = set(load_feature_metadata(data_dir).names)  # raises when features never ran
    missing = [name for name in bundle.features if name not in stored]
    if missing:
        raise ModelTrainingError(
            f"{data_dir}/{FEATURES_SUBDIR} lacks {len(missing)} input(s) of bundle "
            f"{bundle.version} ({', '.join(missing[:5])}): rebuild the features with this code "
            f"(python -m model_training features --data-dir {data_dir}) or train a new bundle."
        )
    return Path(data_dir) / FEATURES_SUBDIR / FEATURES_FILE


def score_clients(data_dir: Path, bundle: Bundle, engine: str = SCORE_ENGINES[0]) -> pd.DataFrame:
    """Return SK_ID_CURR, is_test and probability of every client of DATA_DIR/features."""
    if engine not in SCORE_ENGINES:
        raise ModelTrainingError(
            f"score: engine must be one of {', '.join(SCORE_ENGINES)}, got {engine!r}."
        )
    path = _check_inputs(bundle, data_dir)
    if engine == "spark":
        from model_training.spark.scoring import score_on_spark  # noqa: PLC0415 (pyspark)
        from model_training.spark.session import spark_session  # noqa: PLC0415

        blob = bundle.model_bytes()
        return score_on_spark(spark_session(), path, blob, bundle.features, bundle.categorical)
    frame = load_features(data_dir, columns=[*KEYS, *bundle.features])
    probability = batch_probability(bundle.model, frame, bundle.features, bundle.categorical)
    scores = frame[KEYS].assign(probability=probability)
    return scores.sort_values("SK_ID_CURR", ignore_index=True)


def write_client_scores(
    data_dir: Path, artifacts_dir: Path, out: Path, engine: str = SCORE_ENGINES[0]
) -> tuple[Path, int]:
    """Score every client of DATA_DIR/features with the live bundle; write CSV or Parquet."""
    scores = score_clients(data_dir, open_bundle(artifacts_dir), engine)
    if out.suffix == ".parquet":
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
        os.close(fd)
        scores.to_parquet(tmp, index=False)
        os.replace(tmp, out)
    else:
        _write_csv(scores, out)
    return out, len(scores)
