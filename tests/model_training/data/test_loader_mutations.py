"""Mutated files end in a success or a clear loader error, never a traceback (seeded cases).

A tiny valid dataset is validated once; each case then breaks one file in one way (a cut at a
random byte, bad bytes, another encoding, shuffled or missing columns, a repeated header, an
empty file, a BOM, mixed line endings, a very long line) and runs the CLI's ``validate``. The
run must exit 0, or exit 2 with messages naming the file (and the line where one applies),
and a failed run must leave the previous ``validated/`` byte for byte.
"""

from __future__ import annotations

import csv
import io
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from model_training.cli import main
from model_training.data.loader import validate_data_dir
from model_training.data.schema import DESCRIPTION_FILE
from model_training.errors import DataValidationError

SEED = 20261203
N_CASES = 44
FILES = [
    "application_train.csv",
    "application_test.csv",
    "bureau.csv",
    "bureau_balance.csv",
    "previous_application.csv",
    "POS_CASH_balance.csv",
    "installments_payments.csv",
    "credit_card_balance.csv",
    DESCRIPTION_FILE,
]
# Where a message may point: the file alone, its header, a line (and column), a Parquet row.
WHERE = re.compile(r"^(?P<file>[\w.]+)(, line \d+( \(header\))?(, column \w+)?|, row \d+)?[ :]")
Mutation = Callable[[bytes, random.Random], bytes]


def _rows(data: bytes) -> list[list[str]]:
    """Return the CSV rows of a file's bytes (UTF-8, else cp1252 like Kaggle's description)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252")
    return list(csv.reader(io.StringIO(text, newline="")))


def _write_rows(rows: list[list[str]]) -> bytes:
    """Return rows as Kaggle-style CSV bytes (CRLF)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def truncate(data: bytes, rng: random.Random) -> bytes:
    """Cut the file at a random byte (mid-line, mid-field)."""
    return data[: rng.randrange(1, len(data))]


def bad_bytes(data: bytes, rng: random.Random) -> bytes:
    """Insert a few random bytes (invalid UTF-8, NUL, quotes, separators) somewhere."""
    at = rng.randrange(len(data))
    noise = bytes(rng.choice(b'\xff\xfe\x80\xc3\x00",\r\n;x9') for _ in range(rng.randrange(1, 6)))
    return data[:at] + noise + data[at:]


def utf16(data: bytes, _rng: random.Random) -> bytes:
    """Re-encode the file as UTF-16 (with its BOM)."""
    return data.decode("utf-8").encode("utf-16")


def cp1252_accents(data: bytes, rng: random.Random) -> bytes:
    """Put accented words into text fields and save the file as cp1252."""
    rows = _rows(data)
    for row in rows[1:]:
        texts = [
            i for i, value in enumerate(row) if value and not re.fullmatch(r"-?[\d.e+-]+", value)
        ]
        if texts:
            row[rng.choice(texts)] = "Propriétaire, crédit à côté"
    return _write_rows(rows).decode("utf-8").encode("cp1252")


def shuffle_columns(data: bytes, rng: random.Random) -> bytes:
    """Shuffle the columns, header and fields together (a consistent file in another order)."""
    rows = _rows(data)
    order = list(range(len(rows[0])))
    rng.shuffle(order)
    return _write_rows([[row[i] for i in order] if len(row) == len(order) else row for row in rows])


def shuffle_header(data: bytes, rng: random.Random) -> bytes:
    """Shuffle the header's names only (the fields no longer match them)."""
    header, rest = data.split(b"\n", 1)
    names = header.rstrip(b"\r").split(b",")
    rng.shuffle(names)
    return b",".join(names) + b"\r\n" + rest


def drop_column(data: bytes, rng: random.Random) -> bytes:
    """Remove one column, header and fields."""
    rows = _rows(data)
    at = rng.randrange(len(rows[0]))
    return _write_rows([row[:at] + row[at + 1 :] for row in rows])


def repeat_header(data: bytes, rng: random.Random) -> bytes:
    """Repeat the header line at a random line (files concatenated with their headers)."""
    lines = data.splitlines(keepends=True)
    lines.insert(rng.randrange(1, len(lines) + 1), lines[0])
    return b"".join(lines)


def duplicate_name(data: bytes, rng: random.Random) -> bytes:
    """Give one header column the name of another."""
    header, rest = data.split(b"\n", 1)
    names = header.rstrip(b"\r").split(b",")
    names[rng.randrange(len(names))] = names[rng.randrange(len(names))]
    return b",".join(names) + b"\r\n" + rest


def empty(_data: bytes, _rng: random.Random) -> bytes:
    """Empty the file."""
    return b""


def bom(data: bytes, _rng: random.Random) -> bytes:
    """Start the file with a UTF-8 byte order mark."""
    return b"\xef\xbb\xbf" + data


def mixed_line_endings(data: bytes, rng: random.Random) -> bytes:
    """End some lines with LF, others with CRLF, one with a lone CR."""
    lines = data.splitlines()
    endings = [rng.choice([b"\n", b"\r\n", b"\r\n", b"\r"]) for _ in lines]
    return b"".join(line + ending for line, ending in zip(lines, endings, strict=True))


def long_line(data: bytes, rng: random.Random) -> bytes:
    """Append a 3 MB line (one field of 'x', or 100,000 fields)."""
    line = b"x" * 3_000_000 if rng.random() < 0.5 else b"1," * 100_000 + b"1"
    return data + line + b"\r\n"


MUTATIONS: list[Mutation] = [
    truncate,
    bad_bytes,
    utf16,
    cp1252_accents,
    shuffle_columns,
    shuffle_header,
    drop_column,
    repeat_header,
    duplicate_name,
    empty,
    bom,
    mixed_line_endings,
    long_line,
]


def make_case(index: int) -> tuple[str, Mutation, int]:
    """Return case ``index``: a file, a mutation (each in turn) and the case's own seed."""
    rng = random.Random(SEED + index)
    return rng.choice(FILES), MUTATIONS[index % len(MUTATIONS)], SEED + index


CASES = [make_case(i) for i in range(N_CASES)]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file of a folder by name, with its bytes."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def validated_template(
    tmp_path_factory: pytest.TempPathFactory, fake_dataset_template: Path
) -> Path:
    """Return a copy of the tiny dataset validated once (``validated/``: the previous copy)."""
    data_dir = tmp_path_factory.mktemp("mutations") / "data"
    shutil.copytree(fake_dataset_template, data_dir)
    assert main(["validate", "--data-dir", str(data_dir)]) == 0
    return data_dir


@pytest.mark.parametrize(
    ("file_name", "mutation", "seed"),
    CASES,
    ids=[f"{i}-{c[1].__name__}-{c[0]}" for i, c in enumerate(CASES)],
)
def test_a_mutated_file_gives_a_clear_error_or_a_success(
    validated_template: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    file_name: str,
    mutation: Mutation,
    seed: int,
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(validated_template, data_dir)
    before = snapshot(data_dir / "validated")
    path = data_dir / file_name
    path.write_bytes(mutation(path.read_bytes(), random.Random(seed)))
    capsys.readouterr()

    exit_code = main(["validate", "--data-dir", str(data_dir)])

    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    if exit_code == 0:
        assert out.startswith("Validated 8 tables")
        return
    assert exit_code == 2
    assert snapshot(data_dir / "validated") == before
    assert [p.name for p in data_dir.iterdir() if p.name.startswith(".")] == []
    assert err.startswith("error: ")
    problems = [line.removeprefix("  - ") for line in err.splitlines() if line.startswith("  - ")]
    assert problems, err
    for problem in problems:
        where = WHERE.match(problem)
        assert where is not None, problem
        assert where["file"] in FILES, problem
        assert len(problem) < 400, problem[:400]  # a bad value is quoted, not pasted whole


def test_the_cli_prints_no_traceback_for_a_cut_file(
    validated_template: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    shutil.copytree(validated_template, data_dir)
    path = data_dir / "bureau.csv"
    path.write_bytes(path.read_bytes()[:-25])
    run = subprocess.run(
        [sys.executable, "-m", "model_training", "validate", "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert re.search(r"^  - bureau\.csv, line \d+: ", run.stderr, re.MULTILINE), run.stderr


def problems_after(validated_template: Path, tmp_path: Path, name: str, data: bytes) -> list[str]:
    """Replace one file of a copy of the dataset; return the problems ``validate`` lists."""
    data_dir = tmp_path / "data"
    shutil.copytree(validated_template, data_dir)
    (data_dir / name).write_bytes(data)
    with pytest.raises(DataValidationError) as caught:
        validate_data_dir(data_dir)
    return caught.value.problems


def test_a_utf16_file_is_named_at_its_header(validated_template: Path, tmp_path: Path) -> None:
    text = (validated_template / "bureau.csv").read_text()
    assert problems_after(validated_template, tmp_path, "bureau.csv", text.encode("utf-16")) == [
        "bureau.csv, line 1 (header): bytes that are not UTF-8 text (UTF-16 or another "
        "encoding?). Save the file as UTF-8 (Kaggle's data files are plain ASCII)."
    ]


def test_a_header_ending_with_a_lone_cr_is_read_as_one_line(
    validated_template: Path, tmp_path: Path
) -> None:
    data = (validated_template / "bureau_balance.csv").read_bytes()
    header, rest = data.split(b"\r\n", 1)
    cut = b"SK_ID_BUREAU,MONTHS_BALANCE\rSTATUS\r\n" + rest
    assert problems_after(validated_template, tmp_path, "bureau_balance.csv", cut)[0] == (
        "bureau_balance.csv, line 1 (header): column STATUS is missing (expected after "
        "MONTHS_BALANCE, position 3). Add the column with its Kaggle name."
    )
    assert header == b"SK_ID_BUREAU,MONTHS_BALANCE,STATUS"


def test_a_long_bad_value_is_quoted_cut(validated_template: Path, tmp_path: Path) -> None:
    data = (
        (validated_template / "bureau_balance.csv").read_bytes() + b"1," + b"x" * 5000 + b",C\r\n"
    )
    assert problems_after(validated_template, tmp_path, "bureau_balance.csv", data) == [
        f"bureau_balance.csv, line 26, column MONTHS_BALANCE: expected a whole number (BIGINT), "
        f"got {'x' * 40!r}... (cut at 40 characters). Fix the value or remove the row."
    ]
