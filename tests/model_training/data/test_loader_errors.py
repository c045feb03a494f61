"""The loader stops on broken files with messages naming the file, line, column and fix."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from model_training.cli import main
from model_training.data.loader import validate_data_dir
from model_training.data.schema import DESCRIPTION_FILE
from model_training.errors import DataValidationError, MissingInputError
from tests.model_training.data.fakes import (
    drop_column,
    fake_tables,
    header_only,
    raw_line,
    set_field,
    write_fake_dataset,
)

FIX = "Fix the value or remove the row."


def problems_of(data_dir: Path, **kwargs: int) -> DataValidationError:
    """Run the loader and return the validation error it must raise."""
    with pytest.raises(DataValidationError) as caught:
        validate_data_dir(data_dir, **kwargs)
    return caught.value


def test_missing_history_file_names_file_directory_and_header(fake_data_dir: Path) -> None:
    (fake_data_dir / "bureau.csv").unlink()
    with pytest.raises(MissingInputError) as caught:
        validate_data_dir(fake_data_dir)
    message = str(caught.value)
    assert message.startswith(f"bureau.csv not found in {fake_data_dir}.")
    assert ".csv, .csv.gz, .csv.zip or .parquet" in message
    assert "bureau.csv: SK_ID_CURR,SK_ID_BUREAU,CREDIT_ACTIVE," in message


def test_missing_data_directory_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(MissingInputError, match=r"data directory .* not found"):
        validate_data_dir(tmp_path / "absent")


def test_missing_column_is_named_with_its_place(fake_data_dir: Path) -> None:
    drop_column(fake_data_dir / "application_train.csv", "AMT_CREDIT")
    error = problems_of(fake_data_dir)
    assert error.problems == [
        "application_train.csv, line 1 (header): column AMT_CREDIT is missing (expected after "
        "AMT_INCOME_TOTAL, position 9). Add the column with its Kaggle name."
    ]


def test_columns_out_of_order_are_reported(fake_data_dir: Path) -> None:
    path = fake_data_dir / "bureau_balance.csv"
    path.write_bytes(path.read_bytes().replace(b"MONTHS_BALANCE,STATUS", b"STATUS,MONTHS_BALANCE"))
    error = problems_of(fake_data_dir)
    assert error.problems == [
        "bureau_balance.csv, line 1 (header): columns out of order: position 2 holds STATUS, "
        "expected MONTHS_BALANCE. Write the columns in the Kaggle order."
    ]


def test_unexpected_column_is_reported(fake_data_dir: Path) -> None:
    path = fake_data_dir / "bureau_balance.csv"
    path.write_bytes(path.read_bytes().replace(b"STATUS\r\n", b"STATUS,NOTE\r\n", 1))
    error = problems_of(fake_data_dir)
    assert error.problems[0].startswith(
        "bureau_balance.csv, line 1 (header): unexpected column 'NOTE' at position 4."
    )


@pytest.mark.parametrize(
    ("file_name", "line", "column", "value", "expected"),
    [
        (
            "application_train.csv",
            4,
            "AMT_CREDIT",
            "abc",
            f"application_train.csv, line 4, column AMT_CREDIT: expected a number (DOUBLE), "
            f"got 'abc'. {FIX}",
        ),
        (
            "bureau.csv",
            3,
            "DAYS_CREDIT",
            "1.5",
            f"bureau.csv, line 3, column DAYS_CREDIT: expected a whole number (BIGINT), "
            f"got '1.5'. {FIX}",
        ),
        (
            "bureau.csv",
            2,
            "DAYS_CREDIT",
            "",
            "bureau.csv, line 2, column DAYS_CREDIT: expected a whole number, not empty, got "
            f"an empty field. {FIX}",
        ),
        (
            "application_train.csv",
            3,
            "DAYS_BIRTH",
            "12000",
            "application_train.csv, line 3, column DAYS_BIRTH: expected a negative number of "
            f"days, not before -40,000, got 12000. {FIX}",
        ),
        (
            "application_train.csv",
            2,
            "TARGET",
            "2",
            f"application_train.csv, line 2, column TARGET: expected 0 or 1, got 2. {FIX}",
        ),
        (
            "previous_application.csv",
            5,
            "HOUR_APPR_PROCESS_START",
            "24",
            "previous_application.csv, line 5, column HOUR_APPR_PROCESS_START: expected an hour "
            f"from 0 to 23, got 24. {FIX}",
        ),
        (
            "application_test.csv",
            2,
            "EXT_SOURCE_2",
            "1.5",
            "application_test.csv, line 2, column EXT_SOURCE_2: expected a value between 0 and 1 "
            f"(normalized), got 1.5. {FIX}",
        ),
    ],
    ids=["not-a-number", "decimal-in-int", "empty-int", "positive-age", "target", "hour", "ext"],
)
def test_bad_value_names_file_line_column_and_value(
    fake_data_dir: Path, file_name: str, line: int, column: str, value: str, expected: str
) -> None:
    set_field(fake_data_dir / file_name, line, column, value)
    assert problems_of(fake_data_dir).problems == [expected]


def test_real_data_quirks_are_accepted(fake_data_dir: Path) -> None:
    set_field(fake_data_dir / "application_train.csv", 2, "DAYS_EMPLOYED", "365243")
    set_field(fake_data_dir / "application_test.csv", 2, "REGION_RATING_CLIENT_W_CITY", "-1")
    set_field(fake_data_dir / "credit_card_balance.csv", 2, "AMT_BALANCE", "-420250.185")
    set_field(fake_data_dir / "bureau.csv", 2, "DAYS_CREDIT_UPDATE", "372")
    set_field(fake_data_dir / "previous_application.csv", 2, "DAYS_FIRST_DRAWING", "365243.0")
    assert validate_data_dir(fake_data_dir).n_warnings == 0


def test_duplicate_key_names_value_and_both_lines(fake_data_dir: Path) -> None:
    set_field(fake_data_dir / "bureau.csv", 5, "SK_ID_BUREAU", "5000000")
    assert problems_of(fake_data_dir).problems == [
        "bureau.csv, lines 2 and 5: duplicate key SK_ID_BUREAU = 5000000; SK_ID_BUREAU must be "
        "unique. Remove one of the rows."
    ]


def test_client_in_train_and_test_is_an_error(fake_data_dir: Path) -> None:
    set_field(fake_data_dir / "application_test.csv", 3, "SK_ID_CURR", "100003")
    assert problems_of(fake_data_dir).problems == [
        "SK_ID_CURR 100003 is in application_train.csv, line 3 and in application_test.csv, "
        "line 3: a client is either a train or a test client. Remove it from one file."
    ]


def test_truncated_file_names_the_cut_line(fake_data_dir: Path) -> None:
    path = fake_data_dir / "application_train.csv"
    data = path.read_bytes()
    cut = data.index(raw_line(path, 5).encode()) + 40
    path.write_bytes(data[:cut])
    problem = problems_of(fake_data_dir).problems[0]
    assert problem.startswith("application_train.csv, line 5: ")
    assert "of 122 fields, the line stops short" in problem
    assert "Is the file truncated?" in problem


def test_bytes_that_are_not_utf8_are_reported(fake_data_dir: Path) -> None:
    path = fake_data_dir / "bureau.csv"
    set_field(path, 3, "CREDIT_TYPE", "Car loan")
    path.write_bytes(path.read_bytes().replace(b"Car loan", b"Caf\xe9 loan", 1))
    assert problems_of(fake_data_dir).problems == [
        "bureau.csv, line 3, column CREDIT_TYPE: bytes that are not UTF-8 text. Save the file "
        "as UTF-8 (Kaggle's data files are plain ASCII)."
    ]


def test_many_problems_are_reported_at_once_and_counted(fake_data_dir: Path) -> None:
    set_field(fake_data_dir / "application_train.csv", 2, "AMT_CREDIT", "abc")
    set_field(fake_data_dir / "application_train.csv", 6, "AMT_ANNUITY", "x")
    set_field(fake_data_dir / "bureau_balance.csv", 4, "MONTHS_BALANCE", "3")
    error = problems_of(fake_data_dir, max_problems=2)
    assert error.n_total == 3
    assert len(error.problems) == 2
    assert "... and 1 more problem(s)." in str(error)
    assert [p.split(":")[0] for p in problems_of(fake_data_dir).problems] == [
        "application_train.csv, line 2, column AMT_CREDIT",
        "application_train.csv, line 6, column AMT_ANNUITY",
        "bureau_balance.csv, line 4, column MONTHS_BALANCE",
    ]


def test_header_only_train_file_is_an_error(fake_data_dir: Path) -> None:
    header_only(fake_data_dir / "application_train.csv")
    assert problems_of(fake_data_dir).problems == [
        "application_train.csv holds no rows: the model needs train clients."
    ]


def test_failed_run_leaves_the_previous_copy_untouched(fake_data_dir: Path) -> None:
    validate_data_dir(fake_data_dir)
    validated = fake_data_dir / "validated"
    before = {p.name: p.read_bytes() for p in validated.iterdir()}
    set_field(fake_data_dir / "bureau.csv", 2, "AMT_ANNUITY", "abc")
    problems_of(fake_data_dir)
    assert {p.name: p.read_bytes() for p in validated.iterdir()} == before
    assert [p.name for p in fake_data_dir.iterdir() if p.name.startswith(".")] == []


def test_wrong_description_header_is_an_error(fake_data_dir: Path) -> None:
    (fake_data_dir / DESCRIPTION_FILE).write_bytes(b"Table,Row,Description\r\nx,y,z\r\n")
    assert (
        problems_of(fake_data_dir)
        .problems[0]
        .startswith("HomeCredit_columns_description.csv, line 1 (header): expected ',Table,Row,")
    )


def test_parquet_column_of_wrong_type_is_an_error(tmp_path: Path) -> None:
    data_dir = write_fake_dataset(tmp_path / "data", file_format="parquet")
    rows = fake_tables()["bureau_balance"]
    columns = {
        "SK_ID_BUREAU": pa.array([str(r["SK_ID_BUREAU"]) for r in rows]),
        "MONTHS_BALANCE": pa.array([r["MONTHS_BALANCE"] for r in rows], type=pa.int64()),
        "STATUS": pa.array([r["STATUS"] for r in rows]),
    }
    pq.write_table(pa.table(columns), data_dir / "bureau_balance.parquet")
    assert problems_of(data_dir).problems == [
        "bureau_balance.parquet, column SK_ID_BUREAU: expected whole numbers (int64), got "
        "string. Write the column with the schema's type."
    ]


def test_parquet_whole_number_column_with_decimals_is_an_error(tmp_path: Path) -> None:
    data_dir = write_fake_dataset(tmp_path / "data", file_format="parquet")
    rows = fake_tables()["bureau_balance"]
    months = [float(r["MONTHS_BALANCE"]) for r in rows]
    months[2] = -1.5
    columns = {
        "SK_ID_BUREAU": pa.array([r["SK_ID_BUREAU"] for r in rows], type=pa.int64()),
        "MONTHS_BALANCE": pa.array(months, type=pa.float64()),
        "STATUS": pa.array([r["STATUS"] for r in rows]),
    }
    pq.write_table(pa.table(columns), data_dir / "bureau_balance.parquet")
    assert problems_of(data_dir).problems == [
        "bureau_balance.parquet, row 3, column MONTHS_BALANCE: expected a whole number (BIGINT), "
        f"got -1.5. {FIX}"
    ]


def test_cli_prints_the_error_and_exits_2(
    fake_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    set_field(fake_data_dir / "application_train.csv", 4, "AMT_CREDIT", "abc")
    assert main(["validate", "--data-dir", str(fake_data_dir)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: 1 problem(s) found in the input data:\n")
    assert "application_train.csv, line 4, column AMT_CREDIT" in err
    assert "Traceback" not in err


def test_cli_prints_the_summary_and_exits_0(
    fake_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "--data-dir", str(fake_data_dir)]) == 0
    assert "Validated 8 tables" in capsys.readouterr().out
