"""Check a file's header (or Parquet schema) against the table's columns, before any load."""

from __future__ import annotations

from model_training.data.loader.csv_reader import shown_value
from model_training.data.loader.sources import Source, read_csv_header, read_parquet_header
from model_training.data.schema import TableSpec

TYPE_WORDS = {"int": "whole numbers (int64)", "float": "numbers (float64)", "str": "text (string)"}


def check_header(source: Source, spec: TableSpec) -> list[str]:
    """Return the header problems of one file: missing, unexpected or misplaced columns."""
    if source.is_csv:
        found = read_csv_header(source)
        where = f"{source.label}, line 1 (header)"
        if not found:
            return [
                f"{source.label} is empty: expected a header row with the "
                f"{len(spec.columns)} column names of {spec.file_name}."
            ]
        if any("\ufffd" in name or "\x00" in name for name in found):
            return [
                f"{where}: bytes that are not UTF-8 text (UTF-16 or another encoding?). Save "
                "the file as UTF-8 (Kaggle's data files are plain ASCII)."
            ]
        return compare_columns(found, spec.column_names, where)
    fields = read_parquet_header(source)
    where = f"{source.label} (Parquet schema)"
    problems = compare_columns([name for name, _ in fields], spec.column_names, where)
    if not problems:
        problems = _check_parquet_types(source, spec, dict(fields))
    return problems


def compare_columns(found: list[str], expected: list[str], where: str) -> list[str]:
    """Compare column names with the expected ones, in order, and describe each difference."""
    problems: list[str] = []
    expected_set, found_set = set(expected), set(found)
    for index, name in enumerate(expected):
        if name not in found_set:
            before = expected[index - 1] if index > 0 else None
            place = f"after {before}" if before else "first"
            problems.append(
                f"{where}: column {name} is missing (expected {place}, position {index + 1}). "
                "Add the column with its Kaggle name."
            )
    seen: set[str] = set()
    for index, name in enumerate(found):
        if name not in expected_set:
            problems.append(
                f"{where}: unexpected column {shown_value(name)} at position {index + 1}. "
                "Remove it or rename it to the Kaggle name it stands for."
            )
        elif name in seen:
            problems.append(f"{where}: column {name} appears twice. Keep one.")
        seen.add(name)
    if problems:
        return problems
    for index, (got, want) in enumerate(zip(found, expected, strict=True)):
        if got != want:
            problems.append(
                f"{where}: columns out of order: position {index + 1} holds {got}, expected "
                f"{want}. Write the columns in the Kaggle order."
            )
            break
    return problems


def _check_parquet_types(source: Source, spec: TableSpec, fields: dict[str, str]) -> list[str]:
    """Check each Parquet column's type can be read losslessly as the schema's type."""
    problems = []
    for column in spec.columns:
        arrow_type = fields[column.name]
        if not _is_compatible(column.dtype, arrow_type):
            problems.append(
                f"{source.label}, column {column.name}: expected {TYPE_WORDS[column.dtype]}, "
                f"got {arrow_type}. Write the column with the schema's type."
            )
    return problems


def _is_compatible(dtype: str, arrow_type: str) -> bool:
    """Tell whether an Arrow type converts to the schema type without guessing."""
    is_int = arrow_type.startswith(("int", "uint"))
    is_float = arrow_type in {"float", "double", "halffloat", "float16", "float32", "float64"}
    is_null = arrow_type == "null"
    if dtype == "int":
        return is_int or is_float or is_null  # floats are checked for whole values later
    if dtype == "float":
        return is_int or is_float or is_null
    return arrow_type in {"string", "large_string", "string_view", "null"} or (
        arrow_type.startswith("dictionary<values=string")
        or arrow_type.startswith("dictionary<values=large_string")
    )
