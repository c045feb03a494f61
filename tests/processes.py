"""Helpers of the tests that run the server as a process: ports, readiness, pages, stopping."""

from __future__ import annotations

import json
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from scoring_api.config import Settings
from scoring_api.security.database import Database
from scoring_api.security.keys import create_api_key, digest_secret

ROOT = Path(__file__).resolve().parents[1]
START_SECONDS = 60


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_ready(url: str, process: subprocess.Popen, seconds: float) -> tuple[int, dict]:
    """Poll url until it answers 200 (or the server exits, or time is up)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, json.loads(response.read())
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    return -1, {}


def read_page(url: str) -> tuple[int, str]:
    """Return the status and text of a page."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def create_key(database_url: str, role: str = "advisor", name: str = "test-server") -> str:
    """Create an API key in a database (test mode: digest secret stored there); return it."""
    settings = Settings.from_env({"app_env": "test", "database_url": database_url}, environ={})
    database = Database(database_url)
    with database.session() as session:
        token = create_api_key(session, digest_secret(settings, session), name, role)
    database.dispose()
    return token.token


def stop_process(process: subprocess.Popen, grace_seconds: float = 15) -> None:
    """Stop a server gracefully (SIGTERM: workers flush what they hold), kill it after a grace."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace_seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)
