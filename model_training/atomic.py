"""Atomic file-system moves: a folder or a file is replaced whole, never half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path


def replace_dir(staging: Path, final: Path, backup_prefix: str) -> Path:
    """Replace ``final`` with ``staging``: the old folder is set aside, then deleted last."""
    backup = None
    if final.exists():
        backup = final.with_name(f"{backup_prefix}{uuid.uuid4().hex[:8]}")
        final.rename(backup)
    try:
        staging.rename(final)
    except OSError:
        if backup is not None:
            backup.rename(final)
        raise
    if backup is not None:
        shutil.rmtree(backup, ignore_errors=True)
    return final


def write_bytes_atomically(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it, then rename it over.

    ``mode`` 0o644 lets other users (the server) read it; 0o600 keeps a secret to its owner.
    """
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    Path(tmp).chmod(mode)  # mkstemp makes it private (0o600)
    os.replace(tmp, path)


def write_text_atomically(path: Path, text: str, mode: int = 0o644) -> None:
    """Write ``text`` (UTF-8) atomically, as ``write_bytes_atomically`` does."""
    write_bytes_atomically(path, text.encode("utf-8"), mode)
