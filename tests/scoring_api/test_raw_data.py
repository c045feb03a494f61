"""Raw application fields: the per-bundle numpy columns equal the rows read from Parquet."""

from __future__ import annotations

import math
from pathlib import Path

from model_training.data.schema import table
from model_training.features.application import application_input_columns
from scoring_api.services.raw_data import (
    application_files_stamp,
    load_application_columns,
    load_applications,
)


def test_application_columns_equal_the_parquet_rows(data_dir: Path, client_ids) -> None:
    text = {c.name for c in table("application_test").columns if c.is_categorical}
    names = application_input_columns()
    stored = load_application_columns(data_dir, names, text)
    records = load_applications(data_dir, client_ids)
    rows = stored.positions(client_ids)
    assert (rows >= 0).all()
    for client_id, row in zip(client_ids, rows, strict=True):
        for name in names:
            value, expected = stored.columns[name][row], records[client_id][name]
            if name in text:
                assert value == expected, name
            elif expected is None:
                assert math.isnan(value), name
            else:
                assert value == float(expected), name


def test_unknown_or_missing_ids_have_no_row(data_dir: Path) -> None:
    stored = load_application_columns(data_dir, ["AMT_CREDIT"], set())
    assert stored.positions([None, 10**9, 0]).tolist() == [-1, -1, -1]


def test_a_data_dir_without_tables_gives_no_rows(tmp_path: Path) -> None:
    stored = load_application_columns(
        tmp_path, ["AMT_CREDIT", "NAME_TYPE_SUITE"], {"NAME_TYPE_SUITE"}
    )
    assert len(stored.client_ids) == 0
    assert stored.positions([100002]).tolist() == [-1]
    assert application_files_stamp(tmp_path) == ()


def test_the_stamp_changes_when_a_table_is_rewritten(data_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "validated"
    folder.mkdir()
    target = folder / "application_test.parquet"
    target.write_bytes((data_dir / "validated" / "application_test.parquet").read_bytes())
    before = application_files_stamp(tmp_path)
    target.write_bytes((data_dir / "validated" / "application_train.parquet").read_bytes())
    assert [entry[0] for entry in before] == [str(target.resolve())]
    assert application_files_stamp(tmp_path) != before
