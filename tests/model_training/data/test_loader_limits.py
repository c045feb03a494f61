"""Hostile files end in one clear error naming the file (and line), never a traceback or a drop."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pytest

from model_training.cli import main
from model_training.config import InputLimits
from model_training.data.loader import validate_data_dir
from model_training.errors import DataValidationError, ModelTrainingError
from tests.model_training.data.bombs import (
    BUREAU_BALANCE_ROW,
    damage,
    patch_zip,
    write_gzip,
    write_zip,
)
from tests.model_training.data.fakes import (
    fake_tables,
    raw_line,
    write_fake_dataset,
    write_parquet,
)

SMALL = InputLimits(max_input_bytes=4 << 20, max_compression_ratio=100, max_line_bytes=64 << 10)


def problems_of(data_dir: Path, limits: InputLimits = SMALL) -> list[str]:
    """Run the loader and return the problems of the error it must raise."""
    with pytest.raises(DataValidationError) as caught:
        validate_data_dir(data_dir, limits=limits)
    return caught.value.problems


def replace_bureau_balance(data_dir: Path, suffix: str) -> Path:
    """Remove bureau_balance.csv and return the path of its compressed stand-in."""
    (data_dir / "bureau_balance.csv").unlink()
    return data_dir / f"bureau_balance{suffix}"


def test_zip_member_past_the_size_limit_is_refused_from_its_directory(
    fake_data_dir: Path,
) -> None:
    path = write_zip(replace_bureau_balance(fake_data_dir, ".csv.zip"), BUREAU_BALANCE_ROW, 5 << 20)
    assert problems_of(fake_data_dir) == [
        "bureau_balance.csv.zip: more than 4,194,304 bytes uncompressed (LOADER_MAX_INPUT_BYTES)."
        " Check the file, or raise the setting if the file is genuine."
    ]
    assert path.stat().st_size < 64 << 10
    assert not list(fake_data_dir.rglob("bureau_balance.csv"))  # nothing extracted


def test_gzip_bomb_stops_at_the_compression_ratio(fake_data_dir: Path) -> None:
    path = write_gzip(
        replace_bureau_balance(fake_data_dir, ".csv.gz"), BUREAU_BALANCE_ROW, 24 << 20
    )
    limits = InputLimits(max_input_bytes=1 << 30, max_compression_ratio=100, max_line_bytes=4096)
    [problem] = problems_of(fake_data_dir, limits)
    assert problem == (
        "bureau_balance.csv.gz: expands more than 100 times its compressed size "
        f"({path.stat().st_size:,} bytes; LOADER_MAX_COMPRESSION_RATIO), as a compression bomb "
        "does. Check the file, or raise the setting if the file is genuine."
    )


@pytest.mark.parametrize(("suffix", "write"), [(".csv.gz", write_gzip), (".csv.zip", write_zip)])
def test_member_without_line_breaks_is_named_at_its_line(
    fake_data_dir: Path, suffix: str, write
) -> None:
    write(replace_bureau_balance(fake_data_dir, suffix), b"x", 3 << 20)
    [problem] = problems_of(fake_data_dir)
    assert problem.startswith(
        f"bureau_balance{suffix}, line 2: longer than 65,536 bytes (LOADER_MAX_LINE_BYTES). "
    )


def test_a_line_of_32_mib_is_an_error_not_a_dropped_row(fake_data_dir: Path) -> None:
    path = fake_data_dir / "bureau_balance.csv"
    header, rest = path.read_bytes().split(b"\r\n", 1)
    rows = rest.split(b"\r\n")[:-1]
    rows.insert(10, rows[0] + b"X" * (32 << 20))
    path.write_bytes(b"\r\n".join([header, *rows, b""]))
    with pytest.raises(DataValidationError) as caught:
        validate_data_dir(fake_data_dir)
    assert caught.value.problems[0].startswith(
        "bureau_balance.csv, line 12: longer than 131,072 bytes (LOADER_MAX_LINE_BYTES). "
    )


def test_a_line_past_the_limit_is_an_error_in_a_clean_file(fake_data_dir: Path) -> None:
    path = fake_data_dir / "bureau_balance.csv"
    path.write_bytes(path.read_bytes() + b"5000000,-9,C" + b"C" * (100 << 10) + b"\r\n")
    [problem] = problems_of(fake_data_dir)
    assert problem.startswith("bureau_balance.csv, line 26: longer than 65,536 bytes")


def test_a_short_line_is_told_once_with_the_missing_count(fake_data_dir: Path) -> None:
    path = fake_data_dir / "application_train.csv"
    line = raw_line(path, 4)
    path.write_bytes(
        path.read_bytes().replace(line.encode(), ",".join(line.split(",")[:49]).encode())
    )
    assert problems_of(fake_data_dir) == [
        "application_train.csv, line 4: 48 of 122 fields, the line stops short (after column "
        "YEARS_BUILD_AVG; 74 column(s) missing). Is the file truncated? Complete the line or "
        "remove it."
    ]


def test_a_link_to_a_file_outside_is_refused_without_quoting_it(
    fake_data_dir: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:secret first line\n")
    (fake_data_dir / "bureau.csv").unlink()
    (fake_data_dir / "bureau.csv").symlink_to(secret)
    problems = problems_of(fake_data_dir)
    assert problems == [
        f"bureau.csv is a symbolic link to a file outside {fake_data_dir}: not read. Copy or "
        "move the file into the data directory."
    ]


def test_a_link_inside_the_data_directory_is_read(fake_data_dir: Path) -> None:
    (fake_data_dir / "bureau.csv").rename(fake_data_dir / "bureau-2026.csv")
    (fake_data_dir / "bureau.csv").symlink_to(fake_data_dir / "bureau-2026.csv")
    assert validate_data_dir(fake_data_dir, limits=SMALL).n_rows["bureau"] == 12


def _corrupt_zip(data_dir: Path) -> str:
    path = write_zip(replace_bureau_balance(data_dir, ".csv.zip"), BUREAU_BALANCE_ROW, 1 << 20)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path.name


def _encrypted_zip(data_dir: Path) -> str:
    path = write_zip(replace_bureau_balance(data_dir, ".csv.zip"), BUREAU_BALANCE_ROW, 1 << 20)
    return patch_zip(path, flags=0x1).name


def _deflate64_zip(data_dir: Path) -> str:
    path = write_zip(replace_bureau_balance(data_dir, ".csv.zip"), BUREAU_BALANCE_ROW, 1 << 20)
    return patch_zip(path, method=9).name


def _corrupt_gzip(data_dir: Path) -> str:
    path = write_gzip(replace_bureau_balance(data_dir, ".csv.gz"), BUREAU_BALANCE_ROW, 1 << 20)
    return damage(path).name


def _bureau_parquet(data_dir: Path) -> Path:
    (data_dir / "bureau.csv").unlink()
    write_parquet(data_dir / "bureau.parquet", "bureau", fake_tables()["bureau"])
    return data_dir / "bureau.parquet"


def _corrupt_parquet_footer(data_dir: Path) -> str:
    path = _bureau_parquet(data_dir)
    path.write_bytes(path.read_bytes()[:-40])
    return path.name


def _corrupt_parquet_pages(data_dir: Path) -> str:
    return damage(_bureau_parquet(data_dir), at=0.02, n_bytes=400).name


def _long_field(data_dir: Path) -> str:
    path = data_dir / "bureau_balance.csv"
    path.write_bytes(path.read_bytes() + b"5000000," + b"7" * 140_000 + b",C\r\n")
    return path.name


def _long_header_field(data_dir: Path) -> str:
    path = data_dir / "bureau.csv"
    path.write_bytes(b"SK_ID_CURR," + b"Y" * 140_000 + b"\r\n" + path.read_bytes())
    return path.name


@pytest.mark.parametrize(
    "breaker",
    [
        _corrupt_zip,
        _encrypted_zip,
        _deflate64_zip,
        _corrupt_gzip,
        _corrupt_parquet_footer,
        _corrupt_parquet_pages,
        _long_field,
        _long_header_field,
    ],
)
def test_a_broken_file_exits_2_with_a_message_naming_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    breaker,
) -> None:
    data_dir = write_fake_dataset(tmp_path / "data")
    name = breaker(data_dir)
    monkeypatch.setenv("LOADER_MAX_LINE_BYTES", str(1 << 20))  # fields past csv's 131,072
    assert main(["validate", "--data-dir", str(data_dir)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert re.search(rf"^  - {re.escape(name)}[,: ]", err, re.MULTILINE), err


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("LOADER_MAX_LINE_BYTES", "0", "at least 1 and at most 16,777,216, got '0'"),
        ("LOADER_MAX_LINE_BYTES", str(32 << 20), "at most 16,777,216, got '33554432'"),
        ("LOADER_MAX_INPUT_BYTES", "2GB", "at least 1, got '2GB'"),
    ],
)
def test_limits_come_from_the_environment_and_are_checked(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, message: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ModelTrainingError, match=re.escape(message)):
        InputLimits.from_env()


def test_default_limits_fit_the_kaggle_files(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LOADER_MAX_INPUT_BYTES", "LOADER_MAX_COMPRESSION_RATIO", "LOADER_MAX_LINE_BYTES"):
        monkeypatch.delenv(name, raising=False)
    limits = InputLimits.from_env()
    assert limits.max_input_bytes > 700_000_000 * 2  # installments_payments.csv, with room
    assert limits.max_line_bytes == 131_072  # Kaggle's longest line is about 2 KB


@pytest.mark.parametrize("temp_dir_set", [False, True])
def test_duckdb_memory_and_spill_folder_come_from_the_settings(
    fake_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, temp_dir_set: bool
) -> None:
    configs: list[dict] = []
    connect = duckdb.connect

    def spy(*args: Any, **kwargs: Any) -> duckdb.DuckDBPyConnection:
        config = kwargs.get("config") or {}
        if "temp_directory" in config:
            configs.append(dict(config))
        return connect(*args, **kwargs)

    monkeypatch.setenv("DUCKDB_MEMORY_LIMIT", "700MB")
    if temp_dir_set:
        monkeypatch.setenv("DUCKDB_TEMP_DIR", str(tmp_path))
    monkeypatch.setattr(duckdb, "connect", spy)
    validate_data_dir(fake_data_dir, show_progress=False)
    assert [c["memory_limit"] for c in configs] == ["700MB"]
    spill = Path(str(configs[0]["temp_directory"]))
    assert spill.name.startswith(".duckdb-spill-")
    assert not spill.exists()
    if temp_dir_set:
        assert spill.parent == tmp_path
    else:  # inside the staging folder of validated/
        assert fake_data_dir in spill.parents
