"""Specification of the column description file: Kaggle's structure, the project's words."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from model_training.data.descriptions import (
    column_description,
    description_rows,
    write_description_file,
)
from model_training.data.schema import DATA_TABLES, DESCRIPTION_FILE, table

REFERENCE_DIR = Path(__file__).resolve().parents[3] / ".." / "shared" / "reference"
HEADER = b",Table,Row,Description,Special\r\n"
N_ROWS = 219


@pytest.fixture(scope="module")
def description_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Write the description file once for the module."""
    path = tmp_path_factory.mktemp("descriptions") / DESCRIPTION_FILE
    write_description_file(path)
    return path


@pytest.fixture(scope="module")
def kaggle_reference() -> pd.DataFrame:
    """Read Kaggle's own description file, or skip when the reference folder is absent."""
    path = REFERENCE_DIR / DESCRIPTION_FILE
    if not path.is_file():
        pytest.skip(f"../shared/reference absent: {path} is needed to compare with Kaggle's file")
    return pd.read_csv(path, encoding="cp1252", index_col=0, keep_default_na=False)


@pytest.fixture(scope="module")
def written(description_file: Path) -> pd.DataFrame:
    """Read the written file back with pandas as a user of Kaggle's file would."""
    return pd.read_csv(description_file, encoding="cp1252", index_col=0, keep_default_na=False)


def test_file_decodes_as_cp1252(description_file: Path) -> None:
    text = description_file.read_bytes().decode("cp1252")
    assert text.count("\u2026") == 4


def test_file_does_not_decode_as_utf8(description_file: Path) -> None:
    with pytest.raises(UnicodeDecodeError):
        description_file.read_bytes().decode("utf-8")


def test_file_holds_four_ellipsis_bytes(description_file: Path) -> None:
    assert description_file.read_bytes().count(b"\x85") == 4


def test_every_line_ends_with_crlf(description_file: Path) -> None:
    raw = description_file.read_bytes()
    assert raw.endswith(b"\r\n")
    assert raw.count(b"\n") == raw.count(b"\r\n") == N_ROWS + 1


def test_header_is_kaggles(description_file: Path) -> None:
    assert description_file.read_bytes().startswith(HEADER)


def test_file_has_219_rows(written: pd.DataFrame) -> None:
    assert len(written) == N_ROWS


def test_index_runs_from_1_to_221_without_3_and_4(written: pd.DataFrame) -> None:
    assert written.index.tolist() == [i for i in range(1, 222) if i not in (3, 4)]


@pytest.mark.parametrize(
    ("table_value", "n_rows"),
    [
        ("application_{train|test}.csv", 122),
        ("previous_application.csv", 38),
        ("credit_card_balance.csv", 23),
        ("bureau.csv", 17),
        ("POS_CASH_balance.csv", 8),
        ("installments_payments.csv", 8),
        ("bureau_balance.csv", 3),
    ],
)
def test_table_has_kaggles_row_count(written: pd.DataFrame, table_value: str, n_rows: int) -> None:
    assert (written["Table"] == table_value).sum() == n_rows


@pytest.mark.parametrize(
    ("special", "n_rows"),
    [
        ("normalized", 53),
        ("normalized ", 1),
        ("time only relative to the application", 19),
        ("hashed", 9),
        ("rounded", 2),
        ("recoded", 1),
        ("grouped", 1),
        ("", 133),
    ],
)
def test_special_value_has_kaggles_count(written: pd.DataFrame, special: str, n_rows: int) -> None:
    assert (written["Special"] == special).sum() == n_rows


def test_file_reads_back_to_the_same_rows(written: pd.DataFrame) -> None:
    read_back = list(written.reset_index().itertuples(index=False, name=None))
    assert read_back == [tuple(row) for row in description_rows()]


@pytest.mark.parametrize(
    ("row", "n_rows"),
    [("SK_BUREAU_ID", 2), ("SK_ID_PREV ", 4), ("SK_ID_PREV", 0), ("NFLAG_MICRO_CASH", 1)],
)
def test_kaggle_row_quirks_are_kept(written: pd.DataFrame, row: str, n_rows: int) -> None:
    assert (written["Row"] == row).sum() == n_rows


def test_target_is_listed_once_for_the_application_files(written: pd.DataFrame) -> None:
    assert written.loc[written["Row"] == "TARGET", "Table"].tolist() == [
        "application_{train|test}.csv"
    ]


def test_only_fields_with_a_comma_are_quoted(description_file: Path) -> None:
    text = description_file.read_bytes().decode("cp1252")
    fields = [field for record in csv.reader(io.StringIO(text, newline="")) for field in record]
    assert not any('"' in field for field in fields)
    assert text.count('"') == 2 * sum("," in field for field in fields)


def test_descriptions_are_ascii_but_four_ellipses() -> None:
    texts = [row.description for row in description_rows()]
    assert sum(text.count("\u2026") for text in texts) == 4
    assert sum("\u2026" in text for text in texts) == 4
    assert all(text.replace("\u2026", "").isascii() for text in texts)


@pytest.mark.parametrize("table_name", DATA_TABLES)
def test_every_data_column_has_a_description(table_name: str) -> None:
    missing = [
        column
        for column in table(table_name).column_names
        if not column_description(table_name, column).strip()
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("table_name", "column", "expected"),
    [
        ("application_train", "AMT_CREDIT", "Amount of credit granted for this loan."),
        ("application_test", "AMT_CREDIT", "Amount of credit granted for this loan."),
        (
            "bureau_balance",
            "SK_ID_BUREAU",
            "Recoded identifier of the bureau credit; joins this table to bureau.csv.",
        ),
        (
            "installments_payments",
            "SK_ID_PREV",
            "Identifier of the earlier Home Credit credit this payment belongs to.",
        ),
    ],
)
def test_column_description_maps_data_names_to_file_rows(
    table_name: str, column: str, expected: str
) -> None:
    assert column_description(table_name, column) == expected


def test_train_and_test_share_the_application_rows() -> None:
    assert column_description("application_train.csv", "TARGET") == column_description(
        "application_test", "TARGET"
    )


def test_unknown_column_raises_a_key_error_naming_it() -> None:
    with pytest.raises(KeyError, match="NOT_A_COLUMN"):
        column_description("bureau", "NOT_A_COLUMN")


def test_structure_matches_kaggles_file(
    written: pd.DataFrame, kaggle_reference: pd.DataFrame
) -> None:
    columns = ["Table", "Row", "Special"]
    pd.testing.assert_frame_equal(written[columns], kaggle_reference[columns])


def test_descriptions_are_the_projects_own_words(
    written: pd.DataFrame, kaggle_reference: pd.DataFrame
) -> None:
    ours = written["Description"].str.strip().str.lower()
    kaggles = kaggle_reference["Description"].str.strip().str.lower()
    copied = written.index[ours == kaggles].tolist()
    assert copied == []
