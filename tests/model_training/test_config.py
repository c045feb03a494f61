"""DuckDB settings of validate and features: DUCKDB_MEMORY_LIMIT and DUCKDB_TEMP_DIR."""

from __future__ import annotations

from pathlib import Path

import pytest

from model_training.config import DuckDBSettings
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
