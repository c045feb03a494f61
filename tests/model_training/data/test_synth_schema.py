"""The generator writes Kaggle's exact files: names, columns, order, types, codes, format."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from model_training.data.descriptions import description_rows
from model_training.data.schema import DATA_TABLES, table
from model_training.data.synth import generate_dataset

ALL_FILES = [f"{name}.csv" for name in (*DATA_TABLES, "sample_submission")]
PANDAS_DTYPES = {"int": "int64", "float": "float64"}


def test_writes_the_ten_kaggle_files(synth_dir: Path) -> None:
    names = sorted(p.name for p in synth_dir.iterdir() if p.is_file())
    assert names == sorted([*ALL_FILES, "HomeCredit_columns_description.csv"])


@pytest.mark.parametrize("file_name", ALL_FILES)
def test_header_has_kaggle_columns_in_kaggle_order(synth_dir: Path, file_name: str) -> None:
    header = (synth_dir / file_name).read_bytes().split(b"\r\n", 1)[0].decode("ascii")
    assert header.split(",") == table(file_name.removesuffix(".csv")).column_names


@pytest.mark.parametrize("file_name", ALL_FILES)
def test_lines_end_with_crlf_and_file_is_ascii(synth_dir: Path, file_name: str) -> None:
    raw = (synth_dir / file_name).read_bytes()
    raw.decode("ascii")
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n")


@pytest.mark.parametrize("name", DATA_TABLES)
def test_pandas_infers_kaggle_dtypes(synth_dir: Path, name: str) -> None:
    frame = pd.read_csv(synth_dir / f"{name}.csv", dtype_backend="numpy_nullable")
    spec = table(name)
    for col in spec.columns:
        inferred = str(frame[col.name].dtype).lower()
        if col.dtype == "int":
            assert inferred == "int64", col.name
        elif col.dtype == "float" and frame[col.name].notna().any():
            assert inferred in ("float64", "int64"), col.name
            path = synth_dir / f"{name}.csv"
            assert _all_floats_written_with_point(path, frame.columns.get_loc(col.name)), col.name


def _all_floats_written_with_point(path: Path, position: int) -> bool:
    """Tell whether every non-empty field of a float column is written as Python's repr."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, usecols=[position])
    values = frame.iloc[:, 0]
    written = values[values != ""]
    return bool(written.map(lambda v: repr(float(v)) == v).all())


@pytest.mark.parametrize("name", DATA_TABLES)
def test_category_codes_are_kaggle_codes(synth_dir: Path, name: str) -> None:
    frame = pd.read_csv(synth_dir / f"{name}.csv", dtype=str)
    for col in table(name).columns:
        if col.dtype == "str":
            codes = set(frame[col.name].dropna())
            assert codes <= set(col.levels or {}), (col.name, codes - set(col.levels or {}))


def test_fields_with_commas_are_quoted_others_are_not(synth_dir: Path) -> None:
    text = (synth_dir / "application_train.csv").read_text()
    assert '"Stone, brick"' in text
    assert '"Secondary / secondary special"' not in text
    assert ",Secondary / secondary special," in text


def test_sample_submission_lists_test_clients_in_order(synth_dir: Path) -> None:
    submission = pd.read_csv(synth_dir / "sample_submission.csv")
    test = pd.read_csv(synth_dir / "application_test.csv", usecols=["SK_ID_CURR"])
    assert submission["SK_ID_CURR"].tolist() == test["SK_ID_CURR"].tolist()
    assert set(submission["TARGET"]) == {0.5}


def test_description_file_has_kaggle_structure(synth_dir: Path) -> None:
    frame = pd.read_csv(synth_dir / "HomeCredit_columns_description.csv", encoding="cp1252")
    assert list(frame.columns) == ["Unnamed: 0", "Table", "Row", "Description", "Special"]
    assert len(frame) == len(description_rows()) == 219


def test_parquet_format_keeps_names_order_and_types(tmp_path: Path) -> None:
    generate_dataset(200, tmp_path, seed=3, file_format="parquet", show_progress=False)
    arrow_types = {"int": "int64", "float": "double", "str": "string"}
    for name in (*DATA_TABLES, "sample_submission"):
        schema = pq.read_schema(tmp_path / f"{name}.parquet")
        spec = table(name)
        assert schema.names == spec.column_names
        assert [str(t) for t in schema.types] == [arrow_types[c.dtype] for c in spec.columns]
