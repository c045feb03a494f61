"""A real gunicorn server on 127.0.0.1 with its own bundles and SQLite file (tests, bench).

``start_server`` runs ``python -m gunicorn app:server -c gunicorn.conf.py`` on a free port with
its own copy of a bundle folder and its own SQLite file; ``clone_bundle`` writes a new bundle
to switch to.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psutil
import requests

from tests.processes import ROOT, START_SECONDS, create_key, free_port, stop_process


@dataclass
class Server:
    """A running gunicorn master with its port, log file, database and artifacts folder."""

    process: subprocess.Popen
    port: int
    log_path: Path
    database_path: Path
    artifacts_dir: Path
    api_key: str
    admin_key: str = ""  # an admin's key: health/ready's versions and reasons

    def url(self, path: str) -> str:
        """Return the absolute URL of an API path (``health/ready``)."""
        return f"http://127.0.0.1:{self.port}/api/v1/{path}"

    def workers(self) -> list[psutil.Process]:
        """Return the live worker processes (children of the master)."""
        return [p for p in psutil.Process(self.process.pid).children() if p.is_running()]

    def log_text(self) -> str:
        """Return what the server wrote so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> None:
        """Stop gracefully (SIGTERM: workers flush their audit rows), kill after 20 s."""
        stop_process(self.process, grace_seconds=20)


def copy_artifacts(source: Path, target: Path) -> Path:
    """Copy a bundle folder (with CURRENT) so a server may switch bundles in its own copy."""
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".tmp-*"))
    return target


def start_server(
    data_dir: Path,
    artifacts_dir: Path,
    workdir: Path,
    env: Mapping[str, str] | None = None,
    workers: int = 2,
    database_path: Path | None = None,
) -> Server:
    """Start gunicorn on a free port and wait until every worker answers (or raise).

    With the default database (``workdir/reliability.sqlite3``) an advisor and an admin API key
    are created first and the wait is for health/ready 200; with another ``database_path`` (one
    that may be unreachable) no key is made and the wait is for health/live.
    """
    is_own_database = database_path is None
    database_path = database_path or workdir / "reliability.sqlite3"
    database_url = f"sqlite:///{database_path}"
    api_key = create_key(database_url) if is_own_database else ""
    admin_key = create_key(database_url, "admin", "test-admin") if is_own_database else ""
    port = free_port()
    full_env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        "APP_ENV": "test",
        "PSEUDONYM_KEY": "r" * 40,
        "DATA_DIR": str(data_dir),
        "ARTIFACTS_DIR": str(artifacts_dir),
        "DATABASE_URL": database_url,
        "RATELIMIT_DEFAULT": "100000000 per minute",
        "RATELIMIT_SCORE_COST": "1000000000 per minute",
        "BUNDLE_CHECK_SECONDS": "0.2",
        "LOG_LEVEL": "warning",
        **(env or {}),
    }
    log_path = workdir / "gunicorn.log"
    command = [sys.executable, "-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py"]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=full_env, stdout=log, stderr=log)
    server = Server(process, port, log_path, database_path, artifacts_dir, api_key, admin_key)
    probe = "health/ready" if is_own_database else "health/live"
    if not wait_until(lambda: _answers(server, probe, workers), START_SECONDS, server):
        server.stop()
        raise RuntimeError(f"gunicorn did not get ready:\n{server.log_text()[-3000:]}")
    return server


@contextmanager
def serve(
    data_dir: Path,
    workdir: Path,
    env: Mapping[str, str] | None = None,
    workers: int = 2,
    artifacts_dir: Path | None = None,
) -> Iterator[Server]:
    """Run a server on a copy of the bundles (``data_dir/artifacts`` by default), then stop it.

    The copy lets a caller switch bundles freely without touching the original folder.
    """
    source = artifacts_dir or data_dir / "artifacts"
    artifacts = copy_artifacts(source, workdir / "artifacts")
    server = start_server(data_dir, artifacts, workdir, env, workers)
    try:
        yield server
    finally:
        server.stop()


def _answers(server: Server, path: str, workers: int) -> bool:
    """Tell whether ``path`` answers 200 and every worker runs."""
    try:
        is_ok = requests.get(server.url(path), timeout=2).status_code == 200
    except requests.RequestException:
        return False
    return is_ok and len(server.workers()) == workers


def wait_until(condition: Callable[[], bool], seconds: float, server: Server | None = None) -> bool:
    """Poll a condition every 0.1 s until it holds (True) or time is up or the server died."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server is not None and server.process.poll() is not None:
            return False
        if condition():
            return True
        time.sleep(0.1)
    return False


def clone_bundle(artifacts_dir: Path, version: str, threshold_shift: float = 0.01) -> Path:
    """Write a new bundle: a copy of the live one with its own version and threshold.

    The copy is made in a temporary folder and renamed into place (as ``write_bundle`` does);
    CURRENT is not switched. A different threshold lets a test see which bundle answered.
    """
    live = (artifacts_dir / "CURRENT").read_text(encoding="utf-8").strip()
    work = artifacts_dir / f".tmp-{version}"
    shutil.copytree(artifacts_dir / live, work)
    metadata = json.loads((work / "metadata.json").read_text(encoding="utf-8"))
    metadata["version"] = version
    metadata["threshold"] = round(float(metadata["threshold"]) + threshold_shift, 6)
    (work / "metadata.json").write_text(json.dumps(metadata, indent=1), encoding="utf-8")
    os.replace(work, artifacts_dir / version)
    return artifacts_dir / version


def bundle_threshold(artifacts_dir: Path, version: str) -> float:
    """Return the decision threshold a bundle's metadata holds."""
    metadata = json.loads((artifacts_dir / version / "metadata.json").read_text(encoding="utf-8"))
    return float(metadata["threshold"])
