"""Bounds on an input file: uncompressed bytes, compression ratio and line length.

A compressed file is read through ``BoundedReader``, which stops past the smaller of
LOADER_MAX_INPUT_BYTES and LOADER_MAX_COMPRESSION_RATIO times its compressed size; decoding
errors become ``UnreadableInputError`` naming the file, never a traceback.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Protocol

import numpy as np

from model_training.config import InputLimits
from model_training.errors import UnreadableInputError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

RATIO_FLOOR_BYTES = 16 << 20  # a small file may expand this far whatever its ratio
SCAN_BYTES = 8 << 20  # bytes read at once when scanning lines
DECODING_ERRORS = (
    OSError,
    EOFError,
    zlib.error,
    zipfile.BadZipFile,
    lzma.LZMAError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)
RAISE_IT = "Check the file, or raise the setting if the file is genuine."


def allowed_bytes(label: str, compressed: int | None, limits: InputLimits) -> tuple[int, str]:
    """Return how many uncompressed bytes a file may hold and the message past that."""
    by_size = limits.max_input_bytes
    size_message = (
        f"{label}: more than {by_size:,} bytes uncompressed (LOADER_MAX_INPUT_BYTES). {RAISE_IT}"
    )
    if compressed is None:
        return by_size, size_message
    by_ratio = max(limits.max_compression_ratio * compressed, RATIO_FLOOR_BYTES)
    if by_ratio >= by_size:
        return by_size, size_message
    return by_ratio, ratio_message(label, compressed, limits)


def ratio_message(label: str, compressed: int, limits: InputLimits) -> str:
    """Return the message of a file expanding past LOADER_MAX_COMPRESSION_RATIO."""
    return (
        f"{label}: expands more than {limits.max_compression_ratio} times its compressed size "
        f"({compressed:,} bytes; LOADER_MAX_COMPRESSION_RATIO), as a compression bomb does. "
        f"{RAISE_IT}"
    )


def unreadable(label: str, exc: BaseException) -> UnreadableInputError:
    """Return the error saying a file cannot be decoded, with the decoder's first line."""
    reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0].rstrip(".")
    return UnreadableInputError(
        f"{label} cannot be read ({reason}). Is it complete and not corrupt? Download or "
        "compress it again."
    )


class ByteStream(Protocol):
    """What a BoundedReader reads: a file, a zip member or a gzip stream."""

    def read(self, size: int = -1, /) -> bytes:
        """Read at most ``size`` bytes (all when negative)."""

    def close(self) -> None:
        """Close the stream."""


class BoundedReader(io.RawIOBase):
    """Read a decompressing stream, stopping past ``limit`` bytes with a clear error.

    With ``ratio`` (the limit and a function returning the compressed bytes consumed so far),
    a bomb is stopped once the first RATIO_FLOOR_BYTES expand past it, not at ``limit``.
    """

    def __init__(
        self,
        stream: ByteStream,
        label: str,
        limit: int,
        message: str,
        ratio: tuple[int, Callable[[], int], str] | None = None,
    ) -> None:
        self._stream = stream
        self._label = label
        self._limit = limit
        self._message = message
        self._ratio = ratio
        self.n_read = 0

    def readable(self) -> bool:
        """Tell io that this stream reads."""
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        """Fill ``buffer`` from the stream, counting bytes against the limit."""
        view = memoryview(buffer)
        try:
            data = self._stream.read(len(view))
        except DECODING_ERRORS as exc:
            raise unreadable(self._label, exc) from exc
        self.n_read += len(data)
        if self.n_read > self._limit:
            raise UnreadableInputError(self._message)
        if self._ratio is not None and self.n_read > RATIO_FLOOR_BYTES:
            max_ratio, consumed, message = self._ratio
            if self.n_read > max_ratio * consumed():
                raise UnreadableInputError(message)
        view[: len(data)] = data
        return len(data)

    def close(self) -> None:
        """Close the underlying stream too."""
        if not self.closed:
            self._stream.close()
        super().close()


def longest_line(chunk: bytes, start: int = 0) -> tuple[int, int]:
    """Return ``(index, length)`` of the longest line of ``chunk`` (CR, LF both end lines).

    ``start`` is the length of the chunk's first line already read before it; ``index``
    counts line feeds before that line.
    """
    data = np.frombuffer(chunk, dtype=np.uint8)
    breaks = np.flatnonzero((data == 10) | (data == 13))
    ends = np.concatenate(([-1 - start], breaks, [len(data)]))
    lengths = np.diff(ends) - 1
    worst = int(np.argmax(lengths))
    is_feed = data[breaks[:worst]] == 10
    return int(is_feed.sum()), int(lengths[worst])


def check_lines(stream: IO[bytes], label: str, limits: InputLimits) -> int:
    """Read a whole CSV stream; raise naming the first line past LOADER_MAX_LINE_BYTES.

    Return the number of line feeds read. Memory holds one block whatever the file.
    """
    n_feeds = 0
    carry = 0  # length of the unfinished line at the end of the blocks read so far
    for block in _blocks(stream):
        index, length = longest_line(block, carry)
        if length > limits.max_line_bytes:
            raise UnreadableInputError(
                f"{label}, line {n_feeds + index + 1}: longer than {limits.max_line_bytes:,} "
                "bytes (LOADER_MAX_LINE_BYTES). A record of this table takes a few hundred "
                f"bytes: is the file CSV with one record a line? {RAISE_IT}"
            )
        n_feeds += block.count(b"\n")
        last = max(block.rfind(b"\n"), block.rfind(b"\r"))
        carry = carry + len(block) if last < 0 else len(block) - last - 1
    return n_feeds


def _blocks(stream: IO[bytes]) -> Iterator[bytes]:
    """Yield a stream's bytes in blocks of SCAN_BYTES."""
    while block := stream.read(SCAN_BYTES):
        yield block
