"""The column description file, Kaggle's structure with the project's own wording.

Kaggle ships ``HomeCredit_columns_description.csv`` (cp1252, CRLF, an unnamed index column,
219 rows indexed 1..221 without 3 and 4). The synthetic generator writes a file with the same
tables, column names, quirks and Special values; the descriptions are written for this project
and live in ``descriptions_en.csv`` beside this module (UTF-8).
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

DESCRIPTION_ENCODING = "cp1252"
DESCRIPTION_HEADER: tuple[str, ...] = ("", "Table", "Row", "Description", "Special")
APPLICATION_TABLE = "application_{train|test}.csv"
# Kaggle's names in the description file that differ from the data files' column names.
ROW_ALIASES: dict[str, str] = {"SK_BUREAU_ID": "SK_ID_BUREAU"}


class DescriptionRow(NamedTuple):
    """One row of the description file: number, table, column, description, special note."""

    number: int  # the file's unnamed first column (not ``index``: a tuple method)
    table: str
    row: str
    description: str
    special: str


@cache
def description_rows() -> tuple[DescriptionRow, ...]:
    """Return the 219 rows of the description file in Kaggle's order."""
    text = (
        resources.files("model_training.data")
        .joinpath("descriptions_en.csv")
        .read_text(encoding="utf-8")
    )
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader)
    return tuple(
        DescriptionRow(int(number), table, row, description, special)
        for number, table, row, description, special in reader
    )


def write_description_file(path: Path) -> None:
    """Write HomeCredit_columns_description.csv as Kaggle does: cp1252, CRLF, minimal quoting."""
    with path.open("w", encoding=DESCRIPTION_ENCODING, newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(DESCRIPTION_HEADER)
        writer.writerows(description_rows())


def _file_table(table: str) -> str:
    """Return the description file's Table value for a data table name."""
    name = table.removesuffix(".csv")
    if name in ("application_train", "application_test"):
        return APPLICATION_TABLE
    return f"{name}.csv"


@cache
def _descriptions_by_column() -> dict[tuple[str, str], str]:
    """Return ``{(Table value, data column name): description}``."""
    out: dict[tuple[str, str], str] = {}
    for entry in description_rows():
        column = entry.row.strip()
        out[(entry.table, ROW_ALIASES.get(column, column))] = entry.description
    return out


def column_description(table: str, column: str) -> str:
    """Return the project's description of one data column (``"bureau"``, ``"SK_ID_BUREAU"``)."""
    key = (_file_table(table), column)
    try:
        return _descriptions_by_column()[key]
    except KeyError:
        raise KeyError(
            f"No description for column {column!r} of table {table!r}: the description file "
            f"covers the Kaggle data tables only. Check the table and column names."
        ) from None
