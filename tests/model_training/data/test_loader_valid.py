"""The loader accepts valid data in every accepted form and writes typed Parquet copies."""

from __future__ import annotations

import fcntl
import gzip
import json
import os
import zipfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from model_training.data.loader import fast_csv, validate_data_dir
from model_training.data.schema import DATA_TABLES, DESCRIPTION_FILE, table
from tests.model_training.data.fakes import (
    description_bytes,
    header_only,
    n_lines,
    set_field,
    write_fake_dataset,
)

ARROW = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}


def test_valid_dataset_passes_without_warnings(fake_data_dir: Path) -> None:
    report = validate_data_dir(fake_data_dir)
    assert report.n_warnings == 0
    assert report.output_dir == fake_data_dir / "validated"


def test_parquet_copies_have_schema_types_and_row_counts(fake_data_dir: Path) -> None:
    report = validate_data_dir(fake_data_dir)
    for name in DATA_TABLES:
        written = pq.read_table(fake_data_dir / "validated" / f"{name}.parquet")
        expected = pa.schema([(c.name, ARROW[c.dtype]) for c in table(name).columns])
        assert written.schema.equals(expected), name
        assert written.num_rows == n_lines(fake_data_dir / f"{name}.csv") - 1
        assert report.n_rows[name] == written.num_rows


def test_copy_keeps_file_row_order(fake_data_dir: Path) -> None:
    validate_data_dir(fake_data_dir)
    written = pq.read_table(fake_data_dir / "validated" / "bureau_balance.parquet")
    lines = (fake_data_dir / "bureau_balance.csv").read_text().splitlines()[1:]
    assert written.column("SK_ID_BUREAU").to_pylist() == [int(x.split(",")[0]) for x in lines]


def test_fingerprint_names_inputs_rows_and_schema(fake_data_dir: Path) -> None:
    report = validate_data_dir(fake_data_dir)
    document = json.loads((fake_data_dir / "validated" / "fingerprint.json").read_text())
    assert document["fingerprint"] == report.fingerprint
    assert set(document) == {"fingerprint", "schema_version", "created", "tables"}
    assert document["tables"]["bureau"]["rows"] == report.n_rows["bureau"]
    assert len(document["tables"]["bureau"]["sha256"]) == 64


def test_fingerprint_is_stable_and_follows_content(fake_data_dir: Path) -> None:
    first = validate_data_dir(fake_data_dir).fingerprint
    assert validate_data_dir(fake_data_dir).fingerprint == first
    path = fake_data_dir / "bureau_balance.csv"
    path.write_bytes(path.read_bytes().replace(b",C\r\n", b",X\r\n", 1))
    assert validate_data_dir(fake_data_dir).fingerprint != first


def test_header_only_history_table_is_valid(fake_data_dir: Path) -> None:
    header_only(fake_data_dir / "credit_card_balance.csv")
    report = validate_data_dir(fake_data_dir)
    assert report.n_rows["credit_card_balance"] == 0
    written = pq.read_table(fake_data_dir / "validated" / "credit_card_balance.parquet")
    assert written.num_rows == 0
    assert written.schema.field("AMT_BALANCE").type == pa.float64()


def test_missing_application_test_is_a_warning(fake_data_dir: Path) -> None:
    (fake_data_dir / "application_test.csv").unlink()
    report = validate_data_dir(fake_data_dir)
    assert "application_test" not in report.n_rows
    assert any("only the train clients will be scored" in w for w in report.warnings)
    assert "application_test.csv not found" in report.summary()


@pytest.mark.parametrize("line_ending", ["\r\n", "\n"], ids=["crlf", "lf"])
def test_crlf_and_lf_line_endings_are_accepted(tmp_path: Path, line_ending: str) -> None:
    data_dir = write_fake_dataset(tmp_path / "data", line_ending=line_ending)
    report = validate_data_dir(data_dir)
    assert report.n_rows["application_train"] == 6


def test_gzip_and_zip_files_are_accepted(fake_data_dir: Path) -> None:
    bureau = fake_data_dir / "bureau.csv"
    (fake_data_dir / "bureau.csv.gz").write_bytes(gzip.compress(bureau.read_bytes()))
    bureau.unlink()
    train = fake_data_dir / "application_train.csv"
    with zipfile.ZipFile(fake_data_dir / "application_train.csv.zip", "w") as archive:
        archive.write(train, "application_train.csv")
    train.unlink()
    report = validate_data_dir(fake_data_dir)
    assert report.n_rows["bureau"] == 12
    assert report.n_rows["application_train"] == 6
    assert not list((fake_data_dir / "validated").glob("*.csv"))


def test_parquet_inputs_are_accepted(tmp_path: Path) -> None:
    data_dir = write_fake_dataset(tmp_path / "data", file_format="parquet")
    report = validate_data_dir(data_dir)
    assert report.n_rows["installments_payments"] == 18
    assert report.tables[0].source == "application_train.parquet"


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8"])
def test_description_file_is_accepted_in_cp1252_and_utf8(
    fake_data_dir: Path, encoding: str
) -> None:
    (fake_data_dir / DESCRIPTION_FILE).write_bytes(description_bytes(encoding))
    report = validate_data_dir(fake_data_dir)
    assert report.has_description
    written = pq.read_table(fake_data_dir / "validated" / "HomeCredit_columns_description.parquet")
    assert written.column_names == ["index", "Table", "Row", "Description", "Special"]
    assert "\u2026" in written.column("Description").to_pylist()[2]


def test_description_file_is_optional(fake_data_dir: Path) -> None:
    (fake_data_dir / DESCRIPTION_FILE).unlink()
    assert not validate_data_dir(fake_data_dir).has_description


def test_summary_says_rows_and_where_it_wrote(fake_data_dir: Path) -> None:
    summary = validate_data_dir(fake_data_dir).summary()
    assert "bureau_balance.csv" in summary
    assert "24 rows" in summary
    assert f"Wrote {fake_data_dir / 'validated'}/" in summary


def test_rerun_replaces_the_previous_copy_and_leaves_no_temp_dir(fake_data_dir: Path) -> None:
    validate_data_dir(fake_data_dir)
    header_only(fake_data_dir / "credit_card_balance.csv")
    validate_data_dir(fake_data_dir)
    written = pq.read_table(fake_data_dir / "validated" / "credit_card_balance.parquet")
    assert written.num_rows == 0
    assert sorted(p.name for p in fake_data_dir.iterdir() if p.name.startswith(".")) == []


def test_small_chunks_keep_every_row_in_file_order(
    fake_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fast_csv, "CHUNK_BYTES", 100)
    validate_data_dir(fake_data_dir)
    written = pq.read_table(fake_data_dir / "validated" / "bureau_balance.parquet")
    lines = (fake_data_dir / "bureau_balance.csv").read_text().splitlines()[1:]
    assert written.column("SK_ID_BUREAU").to_pylist() == [int(x.split(",")[0]) for x in lines]
    assert written.column("STATUS").to_pylist() == [x.split(",")[2] or None for x in lines]


def test_whole_number_written_with_decimals_is_accepted(fake_data_dir: Path) -> None:
    set_field(fake_data_dir / "bureau.csv", 2, "DAYS_CREDIT", "-500.0")
    report = validate_data_dir(fake_data_dir)
    assert report.n_warnings == 0
    written = pq.read_table(fake_data_dir / "validated" / "bureau.parquet")
    assert written.column("DAYS_CREDIT")[0].as_py() == -500
    assert written.schema.field("DAYS_CREDIT").type == pa.int64()


def test_quoted_values_with_commas_are_read(fake_data_dir: Path) -> None:
    set_field(fake_data_dir / "application_train.csv", 2, "NAME_TYPE_SUITE", "Spouse, partner")
    validate_data_dir(fake_data_dir)
    written = pq.read_table(fake_data_dir / "validated" / "application_train.parquet")
    assert written.column("NAME_TYPE_SUITE")[0].as_py() == "Spouse, partner"


def test_folders_of_killed_runs_are_removed(fake_data_dir: Path) -> None:
    stale = [fake_data_dir / ".validated.tmp-dead1234", fake_data_dir / ".validated.old-dead"]
    for folder in stale:
        folder.mkdir()
        (folder / "bureau.parquet").write_bytes(b"partial")
        os.utime(folder, (1_000_000_000, 1_000_000_000))
    validate_data_dir(fake_data_dir)
    assert sorted(p.name for p in fake_data_dir.iterdir() if p.name.startswith(".")) == []


def test_folder_of_a_live_run_is_kept(fake_data_dir: Path) -> None:
    live = fake_data_dir / ".validated.tmp-live1234"
    live.mkdir()
    os.utime(live, (1_000_000_000, 1_000_000_000))
    lock = os.open(live, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        validate_data_dir(fake_data_dir)
        assert live.is_dir()
    finally:
        os.close(lock)
