"""The fast pass: parse a CSV in parallel chunks with the schema's types, stream it to Parquet.

It accepts only clean files (one record a line, every field of its type) and gives up at the
first problem; the caller then reads the file again with DuckDB's rejects to name every bad
line. Chunks end at a line break, are parsed on ``n_threads`` threads and written in file
order as one row group each, so memory holds a few chunks whatever the file's size.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from model_training.data.loader.key_order import KeyOrder, KeySet
from model_training.data.loader.limits import longest_line
from model_training.data.loader.sources import Source, open_binary
from model_training.data.schema import ForeignKey, TableSpec
from model_training.errors import UnreadableInputError

logger = logging.getLogger(__name__)

ARROW_TYPES = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
CHUNK_BYTES = 8 << 20  # CSV bytes parsed at once: one row group of the Parquet copy
PARQUET_COMPRESSION = "snappy"


class NotCleanError(Exception):
    """The fast pass met something it does not handle: the file needs the careful read."""


def arrow_schema(spec: TableSpec) -> pa.Schema:
    """Return the Arrow schema of a table: int64, float64 and string columns in file order."""
    return pa.schema([(c.name, ARROW_TYPES[c.dtype]) for c in spec.columns])


def _options(schema: pa.Schema) -> tuple:
    """Return pyarrow's read, parse and convert options: strict types, only '' is missing."""
    read = pa_csv.ReadOptions(column_names=schema.names, use_threads=False, block_size=4 << 20)
    parse = pa_csv.ParseOptions(
        delimiter=",",
        quote_char='"',
        double_quote=True,
        escape_char=False,
        newlines_in_values=False,
        ignore_empty_lines=False,
    )
    convert = pa_csv.ConvertOptions(
        column_types=schema,
        null_values=[""],
        strings_can_be_null=True,
        quoted_strings_can_be_null=True,
        check_utf8=True,
    )
    return read, parse, convert


def _parse(
    chunk: bytes, options: tuple, references: list[tuple[str, KeySet]], max_line_bytes: int
) -> Parsed:
    """Parse one chunk of whole lines; refuse it unless every line gave exactly one row."""
    if longest_line(chunk)[1] > max_line_bytes:
        raise NotCleanError("a line is longer than LOADER_MAX_LINE_BYTES")
    n_lines = chunk.count(b"\n") + (0 if chunk.endswith(b"\n") else 1)
    read, parse, convert = options
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(chunk), read_options=read, parse_options=parse, convert_options=convert
        )
    except pa.ArrowException as exc:
        raise NotCleanError(str(exc).splitlines()[0]) from exc
    if table.num_rows != n_lines:
        # A quoted line break or a lone CR: line numbers would no longer match rows.
        raise NotCleanError(f"{n_lines} lines gave {table.num_rows} rows")
    missing = [
        key_set.count_missing(pc.drop_null(table.column(column)).to_numpy())
        for column, key_set in references
    ]
    return Parsed(table, missing)


def _chunks(stream: IO[bytes], max_line_bytes: int) -> Iterator[bytes]:
    """Yield the file's data lines (header skipped) in chunks ending at a line break.

    An unfinished line longer than ``max_line_bytes`` stops the pass (the careful read names
    it), so memory holds at most a chunk and a line.
    """
    stream.readline(max_line_bytes + 1)
    carry = b""
    while block := stream.read(CHUNK_BYTES):
        data = carry + block if carry else block
        cut = data.rfind(b"\n") + 1
        carry = data[cut:]
        if len(carry) > max_line_bytes:
            raise NotCleanError("a line is longer than LOADER_MAX_LINE_BYTES")
        if cut:
            yield data[:cut]
    if carry:
        yield carry


@dataclass(frozen=True)
class Parsed:
    """One parsed chunk and, per reference, how many of its ids have no parent row."""

    table: pa.Table
    missing: list[int]


@dataclass(frozen=True)
class Streamed:
    """A clean CSV written to Parquet: rows, whether its key was proved unique, orphans."""

    n_rows: int
    has_unique_key: bool
    orphans: dict[ForeignKey, int]


def stream_csv(
    source: Source,
    spec: TableSpec,
    out_path: Path,
    n_threads: int,
    parent_keys: dict[ForeignKey, KeySet] | None = None,
    on_progress: Callable[[float], None] | None = None,
) -> Streamed | None:
    """Write a clean CSV to Parquet; return what was written, or None when it is not clean.

    ``parent_keys`` holds the parent ids of the table's references, whose orphans are counted
    on the way; ``on_progress`` receives the share of a plain CSV file read so far (0 to 1).
    """
    foreign_keys = list(parent_keys or {})
    references = [(fk.column, (parent_keys or {})[fk]) for fk in foreign_keys]
    missing = [0] * len(references)
    size = source.path.stat().st_size if source.kind == "csv" else 0
    schema = arrow_schema(spec)
    options = _options(schema)
    key = spec.primary_key
    order = KeyOrder(*key) if key is not None and len(key) == 2 else None
    max_line = source.limits.max_line_bytes
    n_rows = 0
    pending: deque[Future[Parsed]] = deque()
    try:
        with (
            open_binary(source) as stream,
            ThreadPoolExecutor(max_workers=n_threads) as pool,
            pq.ParquetWriter(
                out_path,
                schema,
                compression=PARQUET_COMPRESSION,
                use_dictionary=[f.name for f in schema if f.type == pa.string()],
            ) as writer,
        ):
            try:
                for chunk in _chunks(stream, max_line):
                    pending.append(pool.submit(_parse, chunk, options, references, max_line))
                    if on_progress is not None and size:
                        on_progress(min(stream.tell() / size, 1.0))
                    if len(pending) > n_threads:
                        n_rows += _write(writer, pending.popleft(), order, missing)
                while pending:
                    n_rows += _write(writer, pending.popleft(), order, missing)
            finally:
                for future in pending:
                    future.cancel()
    except NotCleanError as exc:
        logger.debug("%s needs the careful read: %s", source.label, exc)
        out_path.unlink(missing_ok=True)
        return None
    except UnreadableInputError:
        out_path.unlink(missing_ok=True)
        raise
    orphans = dict(zip(foreign_keys, missing, strict=True))
    return Streamed(n_rows, order is not None and order.is_unique, orphans)


def _write(
    writer: pq.ParquetWriter, future: Future[Parsed], order: KeyOrder | None, missing: list[int]
) -> int:
    """Write one parsed chunk as a row group, adding up its facts; return its rows."""
    parsed = future.result()
    table = parsed.table
    writer.write_table(table, row_group_size=max(table.num_rows, 1))
    if order is not None:
        order.add(table)
    for index, n_missing in enumerate(parsed.missing):
        missing[index] += n_missing
    return table.num_rows
