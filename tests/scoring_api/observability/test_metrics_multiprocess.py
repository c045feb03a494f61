"""The metrics folder of gunicorn's workers: named once, created fresh, cleaned after a crash."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from scoring_api.observability import metrics_multiprocess as mp


@pytest.fixture
def tmp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the temporary directory at tmp_path, with no metrics folder named or set."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(mp, "_named", {})
    monkeypatch.delenv(mp.MULTIPROC_ENV, raising=False)
    return tmp_path


def dead_pid() -> int:
    """Return the pid of a process that has exited."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_fresh_folder_is_named_once_and_kept_across_config_reloads(
    tmp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = mp.multiprocess_env()
    assert len(entries) == 1
    name, _, folder = entries[0].partition("=")
    assert name == "PROMETHEUS_MULTIPROC_DIR"
    assert Path(folder).parent == tmp_root
    assert Path(folder).name.startswith("scoring-metrics-")
    assert not Path(folder).exists()  # loading the config creates nothing
    monkeypatch.setenv(mp.MULTIPROC_ENV, folder)  # as gunicorn's raw_env does
    assert mp.multiprocess_env() == entries  # a SIGHUP reload keeps the folder


def test_the_operators_folder_is_used_and_emptied_of_old_counters(
    tmp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_root / "metrics"
    folder.mkdir()
    (folder / "counter_123.db").write_bytes(b"old")
    (folder / "notes.txt").write_text("kept", encoding="utf-8")
    monkeypatch.setenv(mp.MULTIPROC_ENV, str(folder))
    assert mp.multiprocess_env() == []
    assert mp.prepare_multiprocess_dir() == folder
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]
    mp.remove_named_dir()
    assert folder.exists()  # never removed: not named here


def test_the_named_folder_is_created_private_and_removed_at_exit(
    tmp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Path(mp.multiprocess_env()[0].partition("=")[2])
    monkeypatch.setenv(mp.MULTIPROC_ENV, str(folder))
    assert mp.prepare_multiprocess_dir() == folder
    assert folder.stat().st_mode & 0o777 == 0o700
    assert (folder / mp.MASTER_PID_FILE).read_text(encoding="utf-8") == str(os.getpid())
    mp.remove_named_dir()
    assert not folder.exists()


def test_folders_of_dead_masters_are_removed_at_start(tmp_root: Path) -> None:
    owners = {"dead": dead_pid(), "alive": os.getpid(), "writing": None}
    for name, pid in owners.items():
        folder = tmp_root / f"scoring-metrics-{name}"
        folder.mkdir()
        if pid is not None:
            (folder / mp.MASTER_PID_FILE).write_text(str(pid), encoding="utf-8")
    assert mp.remove_stale_dirs(tmp_root) == [tmp_root / "scoring-metrics-dead"]
    assert sorted(p.name for p in tmp_root.iterdir()) == [
        "scoring-metrics-alive",
        "scoring-metrics-writing",
    ]


def test_a_dead_workers_live_gauges_are_dropped_not_its_counters(
    tmp_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mp.mark_worker_dead(4242)  # no folder set: nothing to do
    folder = tmp_root / "metrics"
    folder.mkdir()
    for name in ("gauge_livemax_4242.db", "counter_4242.db", "gauge_livemax_4243.db"):
        (folder / name).write_bytes(b"")
    monkeypatch.setenv(mp.MULTIPROC_ENV, str(folder))
    mp.mark_worker_dead(4242)
    assert sorted(p.name for p in folder.iterdir()) == ["counter_4242.db", "gauge_livemax_4243.db"]
