"""Batch scoring on Spark: the model shipped once to the executors, rows scored by mapInPandas.

Each executor loads the bundle's model from the shipped bytes once per task and scores its
Arrow batches with ``batch_probability``, the local path's function: the same probabilities.
The executors import ``model_training``: locally they run from the project's folder; on a
cluster, install the project on the workers (or ship it: ``spark-submit --py-files``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from pyspark.sql import SparkSession

from model_training.config import SparkSettings

ID_COLUMN = "SK_ID_CURR"
TEST_COLUMN = "is_test"
SCORE_SCHEMA = f"{ID_COLUMN} long, {TEST_COLUMN} boolean, probability double"
ARROW_SCHEMA = pa.schema(
    [(ID_COLUMN, pa.int64()), (TEST_COLUMN, pa.bool_()), ("probability", pa.float64())]
)
STAGING_PREFIX = ".scores.tmp-"


def _shipped(session: SparkSession, blob: bytes, settings: SparkSettings) -> Callable[[], bytes]:
    """Return a getter of ``blob`` on the executors: a broadcast, or the closure (Connect)."""
    if settings.is_remote:  # Spark Connect has no broadcast variables: the UDF carries it
        return lambda: blob
    broadcast = session.sparkContext.broadcast(blob)
    return lambda: broadcast.value


def score_on_spark(
    session: SparkSession,
    features_file: Path,
    model_blob: bytes,
    features: Sequence[str],
    categorical: Sequence[str],
    settings: SparkSettings | None = None,
) -> pd.DataFrame:
    """Return SK_ID_CURR, is_test and probability of every row of a feature file, by client."""
    model_bytes = _shipped(session, model_blob, settings or SparkSettings.from_env())
    names, categories = list(features), list(categorical)

    def score_batches(batches: Iterable[pd.DataFrame]) -> Iterable[pd.DataFrame]:
        """Load the model once, then score each Arrow batch of the partition."""
        from catboost import CatBoostClassifier  # noqa: PLC0415 (on the executor)

        from model_training.modeling.model_input import batch_probability  # noqa: PLC0415

        model = CatBoostClassifier()
        model.load_model(blob=model_bytes())
        for batch in batches:
            yield pd.DataFrame(
                {
                    ID_COLUMN: batch[ID_COLUMN].to_numpy(),
                    TEST_COLUMN: batch[TEST_COLUMN].to_numpy(),
                    "probability": batch_probability(
                        model, batch, names, categories, thread_count=1
                    ),
                }
            )

    rows = session.read.parquet(str(features_file)).select(ID_COLUMN, TEST_COLUMN, *names)
    scored = rows.mapInPandas(score_batches, SCORE_SCHEMA).orderBy(ID_COLUMN)
    # Spark writes the sorted parts beside the features (a folder its executors reach) and the
    # driver reads them in order: nothing is collected through pyspark's socket.
    with tempfile.TemporaryDirectory(prefix=STAGING_PREFIX, dir=features_file.parent) as tmp:
        parts = Path(tmp) / "scores"
        scored.write.parquet(str(parts))
        files = sorted(parts.glob("part-*.parquet"))
        table = pa.concat_tables([pq.read_table(f, schema=ARROW_SCHEMA) for f in files])
    return table.to_pandas()
