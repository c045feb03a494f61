"""Settings of model_training read from the environment: DuckDB's (validate, features) and
the Spark engine's."""

from __future__ import annotations

from pathlib import Path

import pytest

from model_training.config import DuckDBSettings, SparkSettings
from model_training.errors import ModelTrainingError


def test_unset_settings_keep_each_command_default(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("DUCKDB_MEMORY_LIMIT", raising=False)
    monkeypatch.delenv("DUCKDB_TEMP_DIR", raising=False)
    settings = DuckDBSettings.from_env()
    assert settings.memory_for("4GB") == "4GB"
    assert settings.spill_parent(tmp_path) == tmp_path


@pytest.mark.parametrize("value", ["8GB", "512MB", "7.5GiB", "10 gb"])
def test_memory_limit_takes_duckdb_amounts(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("DUCKDB_MEMORY_LIMIT", value)
    assert DuckDBSettings.from_env().memory_for("4GB") == value


@pytest.mark.parametrize("value", ["8", "lots", "-1GB", "8GB; SET threads=1"])
def test_memory_limit_refuses_other_text(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("DUCKDB_MEMORY_LIMIT", value)
    with pytest.raises(ModelTrainingError, match="DUCKDB_MEMORY_LIMIT"):
        DuckDBSettings.from_env()


def test_temp_dir_must_be_a_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DUCKDB_TEMP_DIR", str(tmp_path / "absent"))
    with pytest.raises(ModelTrainingError, match="DUCKDB_TEMP_DIR"):
        DuckDBSettings.from_env()
    monkeypatch.setenv("DUCKDB_TEMP_DIR", str(tmp_path))
    assert DuckDBSettings.from_env().spill_parent(Path("elsewhere")) == tmp_path


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
