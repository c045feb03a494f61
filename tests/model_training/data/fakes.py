"""Tiny valid Home Credit files written from the schema, for loader tests (no generator)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from model_training.data.schema import DESCRIPTION_FILE, ColumnSpec, table

Row = dict[str, object]
ARROW_TYPES = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
QUANTILES = ("p25", "p50", "p75")
# The project's own words; byte 0x85 is cp1252's ellipsis, as in Kaggle's file.
DESCRIPTION_ROWS = [
    ("1", "application_{train|test}.csv", "SK_ID_CURR", "Identifier of the application", ""),
    ("2", "application_{train|test}.csv", "TARGET", "1 = payment trouble, 0 = other", ""),
    ("5", "bureau.csv", "STATUS", "Monthly status (C closed, X unknown\u2026)", ""),
    ("6", "bureau.csv", "SK_ID_PREV ", "Previous credit id", "hashed"),
    ("7", "bureau.csv", "EXT_SOURCE_1", "Score from an outside source", "normalized "),
]


def _plain_value(column: ColumnSpec, index: int) -> object:
    """Return a plausible value of a column for row ``index``, missing now and then."""
    if column.null_fraction > 0 and index % 4 == 3:
        return None
    if column.dtype == "str":
        levels = sorted(column.levels or {"code": 1.0}, key=lambda c: -(column.levels or {})[c])
        return levels[index % len(levels)]
    stats = column.stats or {}
    value = stats.get(QUANTILES[index % 3], stats.get("min", 0))
    return round(value) if column.dtype == "int" else float(value)


def _rows(name: str, n_rows: int, fixed: list[Row]) -> list[Row]:
    """Return rows of a table: plausible values, then the given keys and codes on top."""
    spec = table(name)
    rows = []
    for i in range(n_rows):
        row = {c.name: _plain_value(c, i) for c in spec.columns}
        row.update(fixed[i])
        rows.append(row)
    return rows


def fake_tables(n_train: int = 6, n_test: int = 3) -> dict[str, list[Row]]:
    """Return consistent rows for the eight data tables (every key refers to a parent)."""
    train_ids = [100002 + i for i in range(n_train)]
    test_ids = [200001 + i for i in range(n_test)]
    clients = train_ids + test_ids
    bureau_keys = [(c, 5000000 + j) for j, c in enumerate(clients + train_ids[:3])]
    prev_keys = [(c, 1000001 + k) for k, c in enumerate(clients)]
    monthly = [(c, p, m) for c, p in prev_keys for m in (-1, -2)]
    out = {
        "application_train": _rows(
            "application_train",
            n_train,
            [{"SK_ID_CURR": c, "TARGET": i % 2} for i, c in enumerate(train_ids)],
        ),
        "application_test": _rows(
            "application_test", n_test, [{"SK_ID_CURR": c} for c in test_ids]
        ),
        "bureau": _rows(
            "bureau",
            len(bureau_keys),
            [{"SK_ID_CURR": c, "SK_ID_BUREAU": b} for c, b in bureau_keys],
        ),
        "bureau_balance": _rows(
            "bureau_balance",
            2 * len(bureau_keys),
            [{"SK_ID_BUREAU": b, "MONTHS_BALANCE": m} for _, b in bureau_keys for m in (0, -1)],
        ),
        "previous_application": _rows(
            "previous_application",
            len(prev_keys),
            [{"SK_ID_CURR": c, "SK_ID_PREV": p} for c, p in prev_keys],
        ),
        "POS_CASH_balance": _rows(
            "POS_CASH_balance",
            len(monthly),
            [{"SK_ID_CURR": c, "SK_ID_PREV": p, "MONTHS_BALANCE": m} for c, p, m in monthly],
        ),
        "installments_payments": _rows(
            "installments_payments",
            len(monthly),
            [
                {"SK_ID_CURR": c, "SK_ID_PREV": p, "NUM_INSTALMENT_NUMBER": -m}
                for c, p, m in monthly
            ],
        ),
        "credit_card_balance": _rows(
            "credit_card_balance",
            4,
            [{"SK_ID_CURR": c, "SK_ID_PREV": p, "MONTHS_BALANCE": m} for c, p, m in monthly[:4]],
        ),
    }
    return out


def _format(value: object) -> str:
    """Write a value as Kaggle does: empty when missing, floats in shortest repr."""
    if value is None:
        return ""
    return repr(value) if isinstance(value, float) else str(value)


def csv_text(name: str, rows: list[Row], line_ending: str = "\r\n") -> str:
    """Return a table as Kaggle-style CSV text (minimal quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_ending)
    columns = table(name).column_names
    writer.writerow(columns)
    writer.writerows([_format(row[c]) for c in columns] for row in rows)
    return buffer.getvalue()


def write_parquet(path: Path, name: str, rows: list[Row]) -> None:
    """Write a table as Parquet with the schema's types."""
    spec = table(name)
    arrays = {
        c.name: pa.array([row[c.name] for row in rows], type=ARROW_TYPES[c.dtype])
        for c in spec.columns
    }
    pq.write_table(pa.table(arrays), path)


def description_bytes(encoding: str = "cp1252") -> bytes:
    """Return a small description file with Kaggle's header, CRLF and a 0x85 byte in cp1252."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["", "Table", "Row", "Description", "Special"])
    writer.writerows(DESCRIPTION_ROWS)
    return buffer.getvalue().encode(encoding)


def write_fake_dataset(
    out_dir: Path,
    *,
    n_train: int = 6,
    n_test: int = 3,
    line_ending: str = "\r\n",
    file_format: str = "csv",
    with_description: bool = True,
) -> Path:
    """Write the eight tables (and the description file) into ``out_dir``; return it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, rows in fake_tables(n_train, n_test).items():
        if file_format == "parquet":
            write_parquet(out_dir / f"{name}.parquet", name, rows)
        else:
            text = csv_text(name, rows, line_ending)
            (out_dir / f"{name}.csv").write_bytes(text.encode("ascii"))
    if with_description:
        (out_dir / DESCRIPTION_FILE).write_bytes(description_bytes())
    return out_dir


def header_only(path: Path) -> None:
    """Keep only the header line of a CSV file."""
    first = path.read_bytes().split(b"\n", 1)[0]
    path.write_bytes(first + b"\n")


def set_field(path: Path, line: int, column: str, value: str) -> None:
    """Replace one field of a CSV file, ``line`` counted from 1 (the header)."""
    lines = path.read_bytes().decode("utf-8", errors="surrogateescape").splitlines(keepends=True)
    header = next(csv.reader([lines[0].rstrip("\r\n")]))
    body = lines[line - 1]
    ending = body[len(body.rstrip("\r\n")) :]
    fields = next(csv.reader([body.rstrip("\r\n")]))
    fields[header.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=ending).writerow(fields)
    lines[line - 1] = buffer.getvalue()
    path.write_bytes("".join(lines).encode("utf-8", errors="surrogateescape"))


def n_lines(path: Path) -> int:
    """Return the number of lines of a text file."""
    return len(path.read_bytes().splitlines())


def append_line(path: Path, line: str, line_ending: str = "\r\n") -> None:
    """Append one raw line to a CSV file."""
    path.write_bytes(path.read_bytes() + (line + line_ending).encode("utf-8"))


def drop_column(path: Path, column: str) -> None:
    """Remove one column (header and fields) from a CSV file."""
    rows = list(csv.reader(io.StringIO(path.read_text(), newline="")))
    position = rows[0].index(column)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(
        row[:position] + row[position + 1 :] for row in rows
    )
    path.write_text(buffer.getvalue(), newline="")


def raw_line(path: Path, line: int) -> str:
    """Return one line of a CSV file (from 1, the header) without its line ending."""
    return path.read_text().splitlines()[line - 1]


def write_submission(data_dir: Path, ids: list[int]) -> Path:
    """Write Kaggle's sample_submission.csv listing ``ids`` (TARGET 0.5, as Kaggle's)."""
    path = data_dir / "sample_submission.csv"
    lines = ["SK_ID_CURR,TARGET", *(f"{i},0.5" for i in ids)]
    path.write_text("\r\n".join(lines) + "\r\n")
    return path
