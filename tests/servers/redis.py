"""A real Redis server for the tests: one on a free local port, nothing saved to disk.

Debian's ``redis-server`` package (installed by ``make system``); the server is stopped when
the test session ends.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from tests.processes import free_port

START_SECONDS = 10.0


def _ping(port: int) -> bool:
    """Tell whether the server answers PING."""
    try:
        return bool(redis.Redis(port=port, socket_connect_timeout=0.2).ping())
    except redis.exceptions.ConnectionError:
        return False


@contextmanager
def redis_server() -> Iterator[str]:
    """Start a server; yield its URL (``redis://127.0.0.1:<port>/0``); stop it at the end."""
    program = shutil.which("redis-server")
    assert program, "Redis is missing: `make system` installs Debian's redis-server package"
    folder = Path(tempfile.mkdtemp(prefix="test-redis-"))
    port = free_port()
    arguments = ["--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    arguments += ["--dir", str(folder)]
    with open(folder / "server.log", "wb") as log:
        server = subprocess.Popen([program, *arguments], stdout=log, stderr=subprocess.STDOUT)
    try:
        started = time.monotonic()
        while not _ping(port):
            assert server.poll() is None, (folder / "server.log").read_text()
            assert time.monotonic() - started < START_SECONDS, "redis-server did not answer"
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(folder, ignore_errors=True)
