"""The feature store: one sorted row per client, metadata, clear errors, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from ibis.backends.duckdb import Backend as DuckDBBackend

from model_training.cli import main
from model_training.errors import MissingInputError, ModelTrainingError
from model_training.features import (
    build_features,
    categorical_features,
    feature_columns,
    load_feature_metadata,
    load_features,
)
from model_training.features import pipeline as pipeline_module
from model_training.features import store as store_module


@pytest.fixture(scope="module")
def synth_table(synth_features: Path) -> pd.DataFrame:
    """Return the stored features of the generated dataset."""
    return load_features(synth_features)


def test_one_row_per_client_sorted(synth_table: pd.DataFrame) -> None:
    assert synth_table["SK_ID_CURR"].is_unique
    assert synth_table["SK_ID_CURR"].is_monotonic_increasing


def test_every_train_and_test_client_is_present(
    synth_table: pd.DataFrame, synth_features: Path
) -> None:
    validated = synth_features / "validated"
    train = pd.read_parquet(validated / "application_train.parquet", columns=["SK_ID_CURR"])
    test = pd.read_parquet(validated / "application_test.parquet", columns=["SK_ID_CURR"])
    expected = sorted([*train["SK_ID_CURR"], *test["SK_ID_CURR"]])
    assert synth_table["SK_ID_CURR"].tolist() == expected
    assert set(synth_table.loc[synth_table["is_test"], "SK_ID_CURR"]) == set(test["SK_ID_CURR"])


def test_target_is_missing_exactly_for_test_clients(synth_table: pd.DataFrame) -> None:
    assert synth_table["is_test"].dtype == bool
    assert (synth_table["TARGET"].isna() == synth_table["is_test"]).all()
    assert set(synth_table.loc[~synth_table["is_test"], "TARGET"]) == {0, 1}


def test_gender_is_not_in_the_store(synth_table: pd.DataFrame, synth_features: Path) -> None:
    assert "CODE_GENDER" not in synth_table.columns
    assert "CODE_GENDER" not in feature_columns(synth_features)


def test_days_placeholders_are_missing(synth_table: pd.DataFrame) -> None:
    days = [c for c in synth_table.columns if "DAYS" in c or c.startswith("YEARS_")]
    numbers = synth_table[days].select_dtypes("number")
    assert not (numbers == 365243).any().any()
    assert synth_table["YEARS_EMPLOYED"].isna().sum() == synth_table["IS_NOT_EMPLOYED"].sum()


def test_metadata_describes_the_stored_columns(
    synth_table: pd.DataFrame, synth_features: Path
) -> None:
    metadata = load_feature_metadata(synth_features)
    fingerprint = json.loads((synth_features / "validated" / "fingerprint.json").read_text())
    assert metadata.fingerprint == fingerprint["fingerprint"]
    assert ["SK_ID_CURR", "TARGET", "is_test", *metadata.names] == list(synth_table.columns)
    assert metadata.n_rows == len(synth_table)
    assert metadata.n_test == int(synth_table["is_test"].sum())
    assert 150 <= len(metadata.names) <= 250


def test_categoricals_are_the_text_columns(synth_table: pd.DataFrame, synth_features: Path) -> None:
    text = [c for c in feature_columns(synth_features) if synth_table[c].dtype == "str"]
    assert categorical_features(synth_features) == text
    assert "NAME_INCOME_TYPE" in text


def test_report_counts_and_summary(tiny_dir: Path) -> None:
    report = build_features(tiny_dir, show_progress=False)
    assert (report.n_rows, report.n_test, report.n_train) == (3, 1, 2)
    assert report.n_features == len(feature_columns(tiny_dir))
    assert report.path == tiny_dir / "features" / "features.parquet"
    assert "3 clients" in report.summary()


def test_missing_validated_data_asks_to_run_validate(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError, match="Run validate first"):
        build_features(tmp_path, show_progress=False)


def test_an_unknown_engine_is_refused(tiny_dir: Path) -> None:
    with pytest.raises(
        ModelTrainingError, match="engine must be one of duckdb, spark, got 'pandas'"
    ):
        build_features(tiny_dir, show_progress=False, engine="pandas")


def test_missing_validated_table_is_named(tiny_dir: Path) -> None:
    (tiny_dir / "validated" / "bureau.parquet").unlink()
    with pytest.raises(MissingInputError, match="bureau"):
        build_features(tiny_dir, show_progress=False)


def test_features_are_built_without_test_clients(tiny_dir: Path) -> None:
    (tiny_dir / "validated" / "application_test.parquet").unlink()
    report = build_features(tiny_dir, show_progress=False)
    assert (report.n_rows, report.n_test, report.n_train) == (2, 0, 2)
    assert not pd.read_parquet(report.path)["is_test"].any()


def test_loading_before_any_run_asks_to_run_features(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError, match="Run features first"):
        load_features(tmp_path)


def test_failed_run_leaves_previous_features_untouched(
    tiny_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_features(tiny_dir, show_progress=False)
    folder = tiny_dir / "features"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}

    def fail(name: str) -> str:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store_module, "family_of", fail)
    with pytest.raises(RuntimeError, match="disk full"):
        build_features(tiny_dir, show_progress=False)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert [p.name for p in tiny_dir.iterdir() if p.name.startswith(".features")] == []


@pytest.mark.parametrize("temp_dir_set", [False, True])
def test_duckdb_settings_bound_memory_and_spill_into_a_folder_removed_after(
    tiny_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temp_dir_set: bool
) -> None:
    seen: dict[str, str] = {}
    connect = pipeline_module.ibis.duckdb.connect

    def spy(**kwargs: object) -> object:
        backend = connect(**kwargs)
        query = "SELECT current_setting('memory_limit'), current_setting('temp_directory')"
        seen["memory"], seen["spill"] = backend.con.execute(query).fetchone()
        return backend

    spill_parent = tmp_path / "spill" if temp_dir_set else tiny_dir
    spill_parent.mkdir(exist_ok=True)
    monkeypatch.setenv("DUCKDB_MEMORY_LIMIT", "300MB")
    if temp_dir_set:
        monkeypatch.setenv("DUCKDB_TEMP_DIR", str(spill_parent))
    monkeypatch.setattr(pipeline_module.ibis.duckdb, "connect", spy)
    build_features(tiny_dir, show_progress=False)
    assert seen["memory"] == "286.1 MiB"  # 300 MB as DuckDB reports it
    assert Path(seen["spill"]).parent == spill_parent
    assert Path(seen["spill"]).name.startswith(".duckdb-spill-")
    assert not Path(seen["spill"]).exists()


def test_running_out_of_duckdb_memory_says_which_setting_to_raise(
    tiny_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def out_of_memory(*args: object, **kwargs: object) -> None:
        raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")

    monkeypatch.setenv("DUCKDB_MEMORY_LIMIT", "300MB")
    monkeypatch.setattr(DuckDBBackend, "to_parquet", out_of_memory)
    assert main(["features", "--data-dir", str(tiny_dir), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "memory limit (300MB)" in err
    assert "Raise DUCKDB_MEMORY_LIMIT" in err
    assert "Traceback" not in err
    assert not (tiny_dir / "features").exists()
