"""prometheus_client's multiprocess mode under gunicorn: one metrics folder shared by the workers.

Each worker writes its counters to memory-mapped files in ``PROMETHEUS_MULTIPROC_DIR``; the
worker that answers ``/metrics`` adds up every worker's files. prometheus_client chooses the
mode when it is first imported, and gunicorn's ``--preload`` imports the app (and
prometheus_client) in the master before any server hook runs, so the variable is handed to
gunicorn's ``raw_env`` (applied before the preload) when it is unset: a fresh folder name under
the temporary directory. ``on_starting`` creates that folder (or empties a folder given by the
operator) and removes the folders of masters that died without ``on_exit`` (SIGKILL),
``child_exit`` drops a dead worker's live gauges, ``on_exit`` removes a folder this module
named. Nothing here imports prometheus_client at module level.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from pathlib import Path

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
DIR_PREFIX = "scoring-metrics-"
MASTER_PID_FILE = "master.pid"  # in a folder gunicorn.conf.py named: the master that owns it
_named: dict[str, str] = {}  # the folder this process named, kept across config reloads


def multiprocess_env() -> list[str]:
    """Return gunicorn ``raw_env`` entries naming a fresh metrics folder when none is set."""
    current = os.environ.get(MULTIPROC_ENV)
    if current and current != _named.get("dir"):
        return []  # the operator's folder
    if "dir" not in _named:
        _named["dir"] = str(Path(tempfile.gettempdir()) / f"{DIR_PREFIX}{secrets.token_hex(8)}")
    return [f"{MULTIPROC_ENV}={_named['dir']}"]


def remove_stale_dirs(root: Path) -> list[Path]:
    """Remove the metrics folders of masters that died without ``on_exit`` (SIGKILL)."""
    removed = []
    for path in root.glob(f"{DIR_PREFIX}*"):
        try:
            pid = (path / MASTER_PID_FILE).read_text(encoding="utf-8").strip()
            is_mine = path.stat().st_uid == os.getuid()
        except OSError:
            continue  # not a folder of ours, or its master is still writing the file
        if is_mine and pid.isdigit() and not _is_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _is_alive(pid: int) -> bool:
    """Tell whether a process with this pid exists (perhaps another user's)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def prepare_multiprocess_dir() -> Path | None:
    """Create the metrics folder (or empty the operator's of old files); return it."""
    current = os.environ.get(MULTIPROC_ENV)
    if not current:
        return None
    path = Path(current)
    if current == _named.get("dir"):
        remove_stale_dirs(path.parent)
        path.mkdir(mode=0o700)  # a fresh name: refuse one that already exists
        (path / MASTER_PID_FILE).write_text(str(os.getpid()), encoding="utf-8")
        return path
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    for stale in path.glob("*.db"):  # counters of a previous run
        stale.unlink()
    return path


def mark_worker_dead(pid: int) -> None:
    """Drop the live gauges (model version) of a worker that exited."""
    if os.environ.get(MULTIPROC_ENV):
        from prometheus_client import multiprocess  # noqa: PLC0415 (after the mode is chosen)

        multiprocess.mark_process_dead(pid)


def remove_named_dir() -> None:
    """Remove the metrics folder this module named (at the master's exit)."""
    named = _named.get("dir")
    if named and os.environ.get(MULTIPROC_ENV) == named:
        shutil.rmtree(named, ignore_errors=True)
