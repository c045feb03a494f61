"""``python app.py --host H --port P``: the development server, debugger off."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.processes import ROOT, START_SECONDS, free_port, read_page, wait_ready


def test_app_py_serves_on_the_given_host_and_port_with_the_debugger_off(
    data_dir: Path, tmp_path: Path
) -> None:
    """--host and --port win over HOST and PORT; health/ready says ready."""
    port, unused_port = free_port(), free_port()
    env = {
        **os.environ,
        "APP_ENV": "test",
        "HOST": "0.0.0.0",
        "PORT": str(unused_port),
        "DATA_DIR": str(data_dir),
        "ARTIFACTS_DIR": str(data_dir / "artifacts"),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'dev.sqlite3'}",
    }
    command = [sys.executable, "app.py", "--host", "127.0.0.1", "--port", str(port)]
    log_path = tmp_path / "app.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            status, body = wait_ready(
                f"http://127.0.0.1:{port}/api/v1/health/ready", process, START_SECONDS
            )
            home = read_page(f"http://127.0.0.1:{port}/") if status == 200 else (-1, "")
        finally:
            process.terminate()
            process.wait(timeout=15)
    output = log_path.read_text(encoding="utf-8")
    assert status == 200, output[-2000:]
    assert body == {"status": "ready", "checks": {"model": "ok", "database": "ok"}}
    assert home[0] == 200
    assert "Debug mode: off" in output
    assert "Debugger is active" not in output
    assert f"Running on http://127.0.0.1:{port}" in output
