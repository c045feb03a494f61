"""The feature expression run on Spark: the validated Parquet read by Spark, one file out.

Spark writes the sorted result as part files (one per range of SK_ID_CURR, in order) into the
staging folder; the driver then streams them, in order, into the one features.parquet that
DuckDB writes, with the expression's column types, so the store is the same on both engines.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import ibis
import pyarrow as pa
import pyarrow.parquet as pq

from model_training.data.loader.progress import make_progress
from model_training.features.expression import build_feature_table, read_tables
from model_training.features.store import FEATURES_FILE, KEY_COLUMNS, write_feature_store
from model_training.spark.session import spark_session

PARTS_SUBDIR = ".spark-parts"


def _merge_parts(parts: Path, out: Path, schema: pa.Schema) -> None:
    """Stream Spark's part files, in partition order, into one Parquet file of ``schema``."""
    with pq.ParquetWriter(out, schema) as writer:
        for part in sorted(parts.glob("part-*.parquet")):
            for batch in pq.ParquetFile(part).iter_batches():
                writer.write_batch(batch.select(schema.names).cast(schema))


def run_on_spark(
    data_dir: Path, fingerprint: str, show_progress: bool
) -> tuple[Path, int, int, int]:
    """Run the feature expression on Spark, write the store; return path, rows, tests, features."""
    session = spark_session()
    con = ibis.pyspark.connect(session)
    expression = build_feature_table(read_tables(con, data_dir))
    schema = expression.schema().to_pyarrow()

    def write(staging: Path) -> None:
        """Let Spark write the sorted parts, then merge them into the staging Parquet file."""
        parts = staging / PARTS_SUBDIR
        progress = make_progress(show_progress)
        with progress:
            task = progress.add_task("features: aggregate and write (Spark)", total=2)
            session.sql(con.compile(expression)).write.parquet(str(parts))
            progress.advance(task)
            _merge_parts(parts, staging / FEATURES_FILE, schema)
            shutil.rmtree(parts)
            progress.advance(task)

    feature_dtypes = {
        name: dtype for name, dtype in expression.schema().items() if name not in KEY_COLUMNS
    }
    output, n_rows, n_test = write_feature_store(data_dir, write, feature_dtypes, fingerprint)
    return output, n_rows, n_test, len(feature_dtypes)
