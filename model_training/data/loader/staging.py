"""The staging folder a run writes into, swapped in atomically; leftovers of killed runs."""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import tempfile
from pathlib import Path

from model_training.atomic import replace_dir

logger = logging.getLogger(__name__)

STAGING_PREFIX = ".validated.tmp-"
BACKUP_PREFIX = ".validated.old-"


def open_staging(data_dir: Path) -> tuple[Path, int]:
    """Create a staging folder and lock it (the lock dies with the process); return both."""
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=data_dir))
    staging.chmod(0o755)  # mkdtemp makes it private; the copy is read by the other stages
    lock = os.open(staging, os.O_RDONLY)
    fcntl.flock(lock, fcntl.LOCK_EX)
    return staging, lock


def remove_stale(data_dir: Path, before: float) -> list[str]:
    """Delete staging and backup folders of runs killed before ``before``; return their names."""
    removed = []
    for path in sorted(data_dir.glob(".validated.*-*")):
        if not path.name.startswith((STAGING_PREFIX, BACKUP_PREFIX)) or not path.is_dir():
            continue
        try:
            if path.stat().st_mtime >= before or _is_locked(path):
                continue
        except OSError:
            continue  # removed meanwhile by its own run
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path.name)
    if removed:
        logger.info("removed %d folder(s) left by interrupted runs", len(removed))
    return removed


def _is_locked(path: Path) -> bool:
    """Tell whether a live run holds the folder's lock."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing releases the lock taken just now
    return False


def swap_in(staging: Path, final: Path) -> Path:
    """Replace ``final`` with ``staging``: the old copy is set aside, then deleted last."""
    replace_dir(staging, final, BACKUP_PREFIX)
    logger.debug("validated tables written to %s", final)
    return final
