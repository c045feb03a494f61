"""Find the input files of a data directory and open them (.csv, .csv.gz, .zip, .parquet)."""

from __future__ import annotations

import csv
import gzip
import io
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Literal

import pyarrow as pa
import pyarrow.parquet as pq

from model_training.config import InputLimits
from model_training.data.loader.limits import (
    DECODING_ERRORS,
    BoundedReader,
    allowed_bytes,
    ratio_message,
    unreadable,
)
from model_training.data.schema import DATA_TABLES, SUBMISSION_TABLE, table
from model_training.errors import MissingInputError, UnreadableInputError

Kind = Literal["csv", "gz", "zip", "parquet"]
# Accepted suffixes in order of preference when a directory holds several copies of a table.
SUFFIXES: tuple[tuple[str, Kind], ...] = (
    (".csv", "csv"),
    (".csv.gz", "gz"),
    (".csv.zip", "zip"),
    (".zip", "zip"),
    (".parquet", "parquet"),
)
OPTIONAL_TABLES: frozenset[str] = frozenset({"application_test"})
ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}


@dataclass(frozen=True)
class Source:
    """One input file of one table, and the bounds on reading it."""

    table: str
    path: Path
    kind: Kind
    limits: InputLimits = field(default_factory=InputLimits)

    @property
    def label(self) -> str:
        """Return the file name used in messages."""
        return self.path.name

    @property
    def is_csv(self) -> bool:
        """Tell whether the file holds CSV text (plain or compressed)."""
        return self.kind != "parquet"


def find_sources(
    data_dir: Path, limits: InputLimits | None = None
) -> tuple[dict[str, Source], list[str]]:
    """Return the input file of every table present and notes on files skipped or absent."""
    limits = limits or InputLimits()
    if not data_dir.is_dir():
        raise MissingInputError(
            f"data directory {data_dir} not found: expected a folder holding the Kaggle Home "
            "Credit files (application_train.csv, bureau.csv, ...). Generate one with "
            "`python -m model_training synth --applications 5000 --out DIR`."
        )
    sources: dict[str, Source] = {}
    notes: list[str] = []
    missing: list[str] = []
    for name in DATA_TABLES:
        found = [(data_dir / f"{name}{suffix}", kind) for suffix, kind in SUFFIXES]
        found = [(path, kind) for path, kind in found if path.is_file()]
        if found:
            sources[name] = Source(name, found[0][0], found[0][1], limits)
            notes += [
                f"{path.name} ignored: {found[0][0].name} holds the same table."
                for path, _ in found[1:]
            ]
        elif name in OPTIONAL_TABLES:
            notes.append(
                f"{name}.csv not found in {data_dir}: only the train clients will be scored."
            )
        else:
            missing.append(name)
    if missing:
        raise MissingInputError(_missing_message(missing, data_dir))
    return sources, notes


def refuse_outside_links(sources: list[Source], data_dir: Path) -> list[str]:
    """Return one problem per file that is a link to a file outside ``data_dir`` (never read)."""
    inside = data_dir.resolve()
    return [
        f"{s.label} is a symbolic link to a file outside {data_dir}: not read. Copy or move "
        "the file into the data directory."
        for s in sources
        if s.path.is_symlink() and not s.path.resolve().is_relative_to(inside)
    ]


def find_submission(data_dir: Path, limits: InputLimits | None = None) -> Source | None:
    """Return Kaggle's optional sample_submission file of ``data_dir``, if there is one."""
    for suffix, kind in SUFFIXES:
        path = data_dir / f"{SUBMISSION_TABLE}{suffix}"
        if path.is_file():
            return Source(SUBMISSION_TABLE, path, kind, limits or InputLimits())
    return None


def _missing_message(missing: list[str], data_dir: Path) -> str:
    """Say which files are absent, what is accepted and how to declare an empty table."""
    names = ", ".join(f"{m}.csv" for m in missing)
    hint = (
        "Each table is accepted as .csv, .csv.gz, .csv.zip or .parquet with the Kaggle file "
        "name. A lender without such data (no bureau or card history) can provide a file "
        "holding only the header row"
    )
    headers = [
        f"{m}.csv: {','.join(table(m).column_names)}" for m in missing if m != "application_train"
    ]
    tail = (":\n    " + "\n    ".join(headers)) if headers else "."
    return f"{names} not found in {data_dir}. {hint}{tail}"


def open_binary(source: Source) -> IO[bytes]:
    """Open a CSV source as a stream of its uncompressed bytes, within the source's limits.

    Raises ``UnreadableInputError`` for a corrupt, encrypted or oversized file, before reading
    when the sizes are known (plain files, zip members), else as soon as a bound is passed.
    """
    size = source.path.stat().st_size
    if source.kind == "csv":
        limit, message = allowed_bytes(source.label, None, source.limits)
        if size > limit:
            raise UnreadableInputError(message)
        return source.path.open("rb")
    if source.kind == "zip":
        stream, limit, message = _open_zip_member(source)
        return io.BufferedReader(BoundedReader(stream, source.label, limit, message), 1 << 20)
    limit, message = allowed_bytes(source.label, size, source.limits)
    raw = source.path.open("rb")
    ratio = (
        source.limits.max_compression_ratio,
        raw.tell,
        ratio_message(source.label, size, source.limits),
    )
    decompressed = gzip.GzipFile(fileobj=raw, mode="rb")
    reader = BoundedReader(_Closing(decompressed, raw), source.label, limit, message, ratio)
    return io.BufferedReader(reader, 1 << 20)


class _Closing(io.RawIOBase):
    """A gzip stream that closes its file too (GzipFile leaves a given file open)."""

    def __init__(self, stream: gzip.GzipFile, raw: IO[bytes]) -> None:
        self._stream, self._raw = stream, raw

    def read(self, size: int = -1) -> bytes:
        """Read decompressed bytes."""
        return self._stream.read(size)

    def close(self) -> None:
        """Close the gzip stream and its file."""
        self._stream.close()
        self._raw.close()
        super().close()


def _open_zip_member(source: Source) -> tuple[IO[bytes], int, str]:
    """Open the zip member holding the table, refusing what its directory already betrays."""
    try:
        archive = zipfile.ZipFile(source.path)
    except DECODING_ERRORS as exc:
        raise unreadable(source.label, exc) from exc
    info = archive.getinfo(_zip_member(archive, source))
    member = info.filename[:80]
    limit, message = allowed_bytes(source.label, info.compress_size, source.limits)
    problem = None
    if info.flag_bits & 0x1:
        problem = f"{source.label}: member {member!r} is encrypted. Give the file unencrypted."
    elif info.compress_type not in ZIP_METHODS:
        problem = (
            f"{source.label}: member {member!r} uses compression method {info.compress_type} "
            "(9 is Deflate64), which is not read. Compress it again with standard Deflate "
            "(zip -Z deflate) or gzip."
        )
    elif info.file_size > limit:
        problem = message
    if problem is not None:
        archive.close()
        raise UnreadableInputError(problem)
    try:
        return archive.open(info), limit, message
    except DECODING_ERRORS as exc:
        archive.close()
        raise unreadable(source.label, exc) from exc


def _zip_member(archive: zipfile.ZipFile, source: Source) -> str:
    """Return the archive member holding the table's CSV."""
    members = [n for n in archive.namelist() if n.endswith(".csv")]
    wanted = [n for n in members if Path(n).name == f"{source.table}.csv"]
    if wanted:
        return wanted[0]
    if len(members) == 1:
        return members[0]
    raise MissingInputError(
        f"{source.label} holds no {source.table}.csv ({len(members)} CSV members: "
        f"{', '.join(repr(m[:80]) for m in members[:5]) or 'none'}{', ...' * (len(members) > 5)})."
    )


def read_csv_header(source: Source) -> list[str]:
    """Return the column names of a CSV file's first line (UTF-8, an optional BOM skipped).

    Bytes that are not UTF-8 come back as U+FFFD; a lone CR ends the line, as in the data.
    """
    max_bytes = source.limits.max_line_bytes
    with open_binary(source) as stream:
        first = stream.readline(max_bytes + 1)
    breaks = [i for i in (first.find(b"\r"), first.find(b"\n")) if i >= 0]
    if min(breaks, default=len(first)) > max_bytes:
        raise UnreadableInputError(
            f"{source.label}, line 1 (header): longer than {max_bytes:,} bytes "
            "(LOADER_MAX_LINE_BYTES). Is it a CSV file?"
        )
    text = first.decode("utf-8-sig", errors="replace").rstrip("\r\n")
    if not text:
        return []
    try:
        return next(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise UnreadableInputError(f"{source.label}, line 1 (header): {exc}.") from exc


def read_parquet_header(source: Source) -> list[tuple[str, str]]:
    """Return ``(name, Arrow type)`` of each column of a Parquet file, in file order."""
    try:
        schema = pq.read_schema(source.path)
    except (pa.ArrowException, OSError) as exc:
        raise unreadable(source.label, exc) from exc
    return [(f.name, str(f.type)) for f in schema]


def ends_with_newline(source: Source) -> bool:
    """Tell whether a plain CSV file ends with a line break (compressed files: assume yes)."""
    if source.kind != "csv":
        return True
    with source.path.open("rb") as stream:
        stream.seek(0, 2)
        if stream.tell() == 0:
            return True
        stream.seek(-1, 2)
        return stream.read(1) == b"\n"


def readable_path(source: Source, work_dir: Path) -> Path:
    """Return a path DuckDB can read: the file itself, or the CSV extracted from a zip."""
    if source.kind != "zip":
        return source.path
    target = work_dir / f"{source.table}.csv"
    with open_binary(source) as src, target.open("wb") as dst:
        shutil.copyfileobj(src, dst, length=1 << 22)
    return target
