"""Settings of model_training read from the environment: the Spark engine's."""

from __future__ import annotations

import pytest

from model_training.config import SparkSettings
from model_training.errors import ModelTrainingError


def test_spark_runs_locally_on_two_cores_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SPARK_MASTER", "SPARK_REMOTE", "SPARK_DRIVER_MEMORY"):
        monkeypatch.delenv(name, raising=False)
    settings = SparkSettings.from_env()
    assert settings == SparkSettings(master="local[2]", remote="", driver_memory="4g")
    assert not settings.is_remote


def test_spark_settings_name_a_cluster_or_a_connect_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SPARK_MASTER", " spark://spark-master:7077 ")
    monkeypatch.setenv("SPARK_REMOTE", "sc://spark-connect:15002")
    monkeypatch.setenv("SPARK_DRIVER_MEMORY", "512m")
    settings = SparkSettings.from_env()
    assert settings.master == "spark://spark-master:7077"
    assert settings.is_remote
    assert settings.remote == "sc://spark-connect:15002"
    assert settings.driver_memory == "512m"


@pytest.mark.parametrize("memory", ["4", "lots", "g", "4gb", "-1g"])
def test_driver_memory_must_be_a_size(monkeypatch: pytest.MonkeyPatch, memory: str) -> None:
    monkeypatch.setenv("SPARK_DRIVER_MEMORY", memory)
    with pytest.raises(ModelTrainingError, match=f"SPARK_DRIVER_MEMORY must be a size.*{memory}"):
        SparkSettings.from_env()
