"""The Spark session of a command: local[2] by default, a cluster or Spark Connect by setting."""

from __future__ import annotations

import logging
import os
import sys

from pyspark.sql import SparkSession

from model_training.config import SparkSettings

logger = logging.getLogger(__name__)

APP_NAME = "pret-a-depenser"
QUIET_LOG_LEVEL = "ERROR"


def spark_session(settings: SparkSettings | None = None) -> SparkSession:
    """Return the active Spark session, or start one from SPARK_REMOTE or SPARK_MASTER."""
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    settings = settings or SparkSettings.from_env()
    builder = (
        SparkSession.builder.appName(APP_NAME)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
    )
    if settings.is_remote:
        logger.info("Spark Connect session on %s", settings.remote)
        return builder.remote(settings.remote).getOrCreate()
    logger.info("Spark session on %s", settings.master)
    builder = builder.master(settings.master).config("spark.driver.memory", settings.driver_memory)
    if settings.master.startswith("local"):  # the Python workers run this interpreter
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel(QUIET_LOG_LEVEL)
    logging.getLogger("py4j").setLevel(logging.WARNING)  # its INFO lines say nothing useful
    return session
