"""The optional column description file: Kaggle's cp1252 CSV (UTF-8 accepted), kept as Parquet."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from model_training.data.loader.report import Findings

HEADER = ["", "Table", "Row", "Description", "Special"]
OUTPUT_COLUMNS = ["index", "Table", "Row", "Description", "Special"]


def decode_description(raw: bytes) -> str:
    """Decode the file as UTF-8 when it is, else as cp1252 (Kaggle's encoding); never fail."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def load_description(path: Path, out_path: Path, findings: Findings) -> int | None:
    """Check the description file's header and fields, write it as Parquet; return its rows."""
    reader = csv.reader(io.StringIO(decode_description(path.read_bytes()), newline=""))
    header = next(reader, [])
    if header != HEADER:
        findings.error(
            f"{path.name}, line 1 (header): expected {','.join(HEADER)!r}, got "
            f"{','.join(header)!r}. Restore Kaggle's header (its first column has no name)."
        )
        return None
    rows: list[list[str]] = []
    for fields in reader:
        if not fields:
            continue
        if len(fields) != len(HEADER):
            findings.error(
                f"{path.name}, line {reader.line_num}: {len(fields)} fields, expected "
                f"{len(HEADER)}. Quote descriptions that hold a comma."
            )
            continue
        rows.append(fields)
    columns = {
        name: pa.array([row[i] or None for row in rows], type=pa.string())
        for i, name in enumerate(OUTPUT_COLUMNS)
    }
    pq.write_table(pa.table(columns), out_path, compression="zstd")
    return len(rows)
