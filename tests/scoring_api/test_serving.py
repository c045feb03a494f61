"""Serving: gunicorn starts the app from gunicorn.conf.py and answers health/ready."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from scoring_api.security.demo import ensure_demo_accounts
from tests.processes import ROOT, START_SECONDS, free_port, read_page, stop_process, wait_ready
from tests.scoring_api.settings import make_settings


def procfile_web_command() -> list[str]:
    """Return the Procfile's web command, run with this interpreter's gunicorn."""
    for line in (ROOT / "Procfile").read_text(encoding="utf-8").splitlines():
        kind, _, command = line.partition(":")
        if kind.strip() == "web":
            words = shlex.split(command)
            if words[0] == "gunicorn":
                return [sys.executable, "-m", "gunicorn", *words[1:]]
            return words
    raise AssertionError("the Procfile has no web process")


def test_procfile_web_command_serves_api_and_dashboard(data_dir: Path, tmp_path: Path) -> None:
    """The Procfile's web process, with PORT set as a platform would, answers health/ready
    (a status only: anonymous) and serves the dashboard's first page."""
    port = free_port()
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "APP_ENV": "test",
        "DATA_DIR": str(data_dir),
        "ARTIFACTS_DIR": str(data_dir / "artifacts"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serving.sqlite3'}",
    }
    command = procfile_web_command()
    log = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
    try:
        status, body = wait_ready(
            f"http://127.0.0.1:{port}/api/v1/health/ready", process, START_SECONDS
        )
        home = read_page(f"http://127.0.0.1:{port}/") if status == 200 else (-1, "")
        sign_in = read_page(f"http://127.0.0.1:{port}/sign-in") if status == 200 else (-1, "")
    finally:
        stop_process(process)
        log.seek(0)
        output = log.read()
        log.close()
    assert status == 200, output[-2000:]
    assert body == {"status": "ready", "checks": {"model": "ok", "database": "ok"}}
    assert "GET /api/v1/health/ready 200" in output
    assert home[0] == 200
    assert '<html lang="fr" ' in home[1]
    assert "_dash-renderer" in home[1]
    assert sign_in[0] == 200


def test_demo_accounts_get_fresh_passwords(data_dir: Path, tmp_path: Path) -> None:
    """Demo mode creates the three demo accounts, each with a password of its own."""
    settings = make_settings(tmp_path, data_dir, app_env="demo")
    passwords = ensure_demo_accounts(settings, 100001)
    assert sorted(passwords) == ["demo-admin", "demo-advisor", "demo-client"]
    assert len(set(passwords.values())) == 3


@pytest.mark.parametrize("app_env", ["production"])
def test_no_demo_account_in_production(app_env: str, data_dir: Path, tmp_path: Path) -> None:
    """Production mode creates no demo account."""
    secrets = {"secret_key": "s" * 40, "pseudonym_key": "p" * 40}
    settings = make_settings(tmp_path, data_dir, app_env=app_env, **secrets)
    assert ensure_demo_accounts(settings, 100001) == {}
