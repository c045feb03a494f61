"""gunicorn's worker hooks: the bundle loads before the first request, a stop loses nothing."""

from __future__ import annotations

import os
import runpy
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import func, select

from scoring_api.context import STORE_KEY
from scoring_api.factory import create_app
from scoring_api.security.database import Database
from scoring_api.security.models import AuditEvent
from tests.processes import ROOT, START_SECONDS, create_key, free_port, wait_ready
from tests.scoring_api.settings import make_settings

N_REQUESTS = 60


class Worker:
    """The part of a gunicorn worker the hooks read: its WSGI app."""

    def __init__(self, wsgi: Flask) -> None:
        self.wsgi = wsgi


def test_a_new_worker_loads_the_live_bundle_before_serving(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(make_settings(tmp_path, data_dir, dashboard=False))
    store = app.extensions[STORE_KEY]
    refreshed = []
    monkeypatch.setattr(store, "refresh", lambda: refreshed.append(True))
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    hooks["post_worker_init"](Worker(app))
    assert refreshed == [True]


class Arbiter:
    """The part of gunicorn's master the hooks read: its log."""

    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []
        self.log = self

    def info(self, message: str, *args: object) -> None:
        self.lines.append(("info", message % args))

    def warning(self, message: str, *args: object) -> None:
        self.lines.append(("warning", message % args))


def test_the_master_writes_the_mapped_tables_before_the_workers_start(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARTIFACTS_DIR", str(data_dir / "artifacts"))
    monkeypatch.setenv("BUNDLE_MAP_DIR", str(tmp_path / "maps"))
    master = Arbiter()
    runpy.run_path(str(ROOT / "gunicorn.conf.py"))["when_ready"](master)
    version = (data_dir / "artifacts" / "CURRENT").read_text().strip()
    assert len(list((tmp_path / "maps" / version).glob("*.arrow"))) == 4
    assert master.lines[0][0] == "info"
    assert master.lines[0][1].startswith(f"Mapped copies of bundle {version}")


def test_a_failed_mapping_is_logged_and_the_workers_start_anyway(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARTIFACTS_DIR", str(tmp_path / "no-bundles"))
    master = Arbiter()
    runpy.run_path(str(ROOT / "gunicorn.conf.py"))["when_ready"](master)
    assert master.lines[0][0] == "warning"
    assert master.lines[0][1].startswith("map-tables failed: error:")


def test_sigterm_writes_every_buffered_audit_row_and_log_line(
    data_dir: Path, client_ids: list[int], tmp_path: Path
) -> None:
    settings = make_settings(tmp_path, data_dir, app_env="test")
    token = create_key(settings.database_url)
    database = Database(settings.database_url)
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "APP_ENV": "test",
        "LOG_LEVEL": "info",
        "AUDIT_FLUSH_SECONDS": "3600",  # nothing written before the stop but by the stop
        "DATA_DIR": str(data_dir),
        "ARTIFACTS_DIR": str(data_dir / "artifacts"),
        "DATABASE_URL": settings.database_url,
    }
    command = [sys.executable, "-m", "gunicorn", "app:server", "-c", "gunicorn.conf.py"]
    log = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        status, _ = wait_ready(
            f"http://127.0.0.1:{port}/api/v1/health/ready", process, START_SECONDS
        )
        assert status == 200
        for k in range(N_REQUESTS):
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v1/clients/{client_ids[k % 3]}/score",
                headers={"X-API-Key": token},
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 200
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.seek(0)
        output = log.read()
        log.close()
    with database.session() as session:
        rows = session.scalar(
            select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "clients.score")
        )
    database.dispose()
    assert rows == N_REQUESTS, output[-2000:]
    assert output.count("GET /api/v1/clients/<int:client_id>/score 200") == N_REQUESTS
    assert not any(f"/clients/{client_id}" in output for client_id in client_ids)  # no raw path
