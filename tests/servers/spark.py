"""One local Spark session for the test process: local[2], small shuffles, quiet, no UI.

pyspark from requirements-spark.txt and Debian's JDK (``make system``). Every test that uses
it is in the ``spark`` xdist group (``--dist loadgroup``), so one JVM starts in the suite.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pyspark.sql import SparkSession

from model_training.config import SparkSettings
from model_training.spark.session import spark_session

XDIST_GROUP = "spark"
TEST_SETTINGS = SparkSettings(master="local[2]", driver_memory="1g")
TEST_OPTIONS = {
    "spark.sql.shuffle.partitions": "4",  # tiny tables: 200 partitions cost seconds a query
    "spark.default.parallelism": "2",
    "spark.sql.session.timeZone": "UTC",
}


@contextmanager
def spark_test_session() -> Iterator[SparkSession]:
    """Start the local session; yield it; stop it (and its JVM) at the end."""
    session = spark_session(TEST_SETTINGS, TEST_OPTIONS)
    try:
        yield session
    finally:
        session.stop()
