"""The Spark session of a command: local[2] by default, a cluster or Spark Connect by setting."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from pyspark.sql import SparkSession

from model_training.config import SparkSettings

logger = logging.getLogger(__name__)

APP_NAME = "pret-a-depenser"
QUIET_LOG_LEVEL = "ERROR"
LOG_CONFIG = Path(__file__).with_name("log4j2.properties")  # the JVM logs errors only


def spark_session(
    settings: SparkSettings | None = None, options: Mapping[str, str] | None = None
) -> SparkSession:
    """Return the active Spark session, or start one from SPARK_REMOTE or SPARK_MASTER.

    ``options`` are more Spark settings of a new session (the tests' small shuffles).
    """
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    settings = settings or SparkSettings.from_env()
    builder = (
        SparkSession.builder.appName(APP_NAME)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config(map=dict(options or {}))
    )
    if settings.is_remote:
        logger.info("Spark Connect session on %s", settings.remote)
        return builder.remote(settings.remote).getOrCreate()
    logger.info("Spark session on %s", settings.master)
    builder = (
        builder.master(settings.master)
        .config("spark.driver.memory", settings.driver_memory)
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={LOG_CONFIG}")
    )
    if settings.master.startswith("local"):  # the Python workers run this interpreter
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel(QUIET_LOG_LEVEL)
    logging.getLogger("py4j").setLevel(logging.WARNING)  # its INFO lines say nothing useful
    return session
