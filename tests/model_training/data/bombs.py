"""Hostile input files for the loader: compression bombs, endless lines, broken archives.

Writers stream, so a bomb of gigabytes is built in a few megabytes of memory; the tests build
small ones with lowered limits, ``bench/bombs.py`` the full-size ones.
"""

from __future__ import annotations

import gzip
import struct
import zipfile
from pathlib import Path
from typing import IO

BLOCK_BYTES = 1 << 20
BUREAU_BALANCE_HEADER = b"SK_ID_BUREAU,MONTHS_BALANCE,STATUS\r\n"
BUREAU_BALANCE_ROW = b"5000000,0,C\r\n"  # a valid row (its parent is in the fake dataset)
LOCAL_HEADER, CENTRAL_HEADER = b"PK\x03\x04", b"PK\x01\x02"


def _stream(stream: IO[bytes], header: bytes, body: bytes, n_bytes: int) -> None:
    """Write the header, then ``n_bytes`` of the body repeated, one block at a time."""
    stream.write(header)
    block = body * max(BLOCK_BYTES // len(body), 1)
    left = n_bytes
    while left > 0:
        piece = block[:left]
        stream.write(piece)
        left -= len(piece)


def write_gzip(
    path: Path, body: bytes, n_bytes: int, header: bytes = BUREAU_BALANCE_HEADER
) -> Path:
    """Write a .csv.gz of the header and ``n_bytes`` of ``body`` repeated; return its path."""
    with gzip.open(path, "wb", compresslevel=9) as stream:
        _stream(stream, header, body, n_bytes)
    return path


def write_zip(path: Path, body: bytes, n_bytes: int, header: bytes = BUREAU_BALANCE_HEADER) -> Path:
    """Write a .csv.zip whose one member is the header and ``n_bytes`` of ``body``."""
    member = path.name.removesuffix(".zip")
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open(member, "w", force_zip64=True) as stream,
    ):
        _stream(stream, header, body, n_bytes)
    return path


def patch_zip(path: Path, *, flags: int | None = None, method: int | None = None) -> Path:
    """Set the general-purpose flags or the compression method of every zip member."""
    data = bytearray(path.read_bytes())
    for signature, flag_at in ((LOCAL_HEADER, 6), (CENTRAL_HEADER, 8)):
        start = data.find(signature)
        while start >= 0:
            if flags is not None:
                data[start + flag_at : start + flag_at + 2] = struct.pack("<H", flags)
            if method is not None:
                data[start + flag_at + 2 : start + flag_at + 4] = struct.pack("<H", method)
            start = data.find(signature, start + 4)
    path.write_bytes(bytes(data))
    return path


def damage(path: Path, at: float = 0.5, n_bytes: int = 64) -> Path:
    """Overwrite ``n_bytes`` of a file from ``at`` (a share of its size) with 0xFF bytes."""
    data = bytearray(path.read_bytes())
    start = int(len(data) * at)
    data[start : start + n_bytes] = b"\xff" * len(data[start : start + n_bytes])
    path.write_bytes(bytes(data))
    return path
