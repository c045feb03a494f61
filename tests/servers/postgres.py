"""A real PostgreSQL server for the tests: a throw-away cluster on a free local port.

Debian's ``postgresql`` package (installed by ``make system``) puts the server's programs in
``/usr/lib/postgresql/<major>/bin``; they refuse to run as root, so as root the cluster belongs
to the package's ``postgres`` user. Trust authentication on 127.0.0.1 only; the cluster is
stopped and removed when the test session ends.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, make_url

from tests.processes import free_port

DATABASE = "scoring"


def server_bin() -> Path:
    """Return the folder of PostgreSQL's server programs, or fail saying how to install them."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    assert found, "PostgreSQL is missing: `make system` installs Debian's postgresql package"
    return Path(found[-1]).parent


def _as_owner(command: list[str]) -> list[str]:
    """Run as the ``postgres`` user when root (the server refuses root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(bindir: Path, program: str, *args: str) -> None:
    """Run one of the server's programs (as its owner), failing with its own words."""
    done = subprocess.run(
        _as_owner([str(bindir / program), *args]), capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{program} failed: {done.stdout}{done.stderr}"


@contextmanager
def postgres_server() -> Iterator[str]:
    """Start a cluster in a new temporary folder; yield its SQLAlchemy URL; stop and remove it.

    The folder is directly under the temporary directory: the ``postgres`` user cannot reach
    into pytest's own (private to root).
    """
    bindir = server_bin()
    folder = Path(tempfile.mkdtemp(prefix="test-postgres-"))
    data, sockets = folder / "data", folder / "sockets"
    sockets.mkdir(parents=True)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(sockets, "postgres")
    _run(bindir, "initdb", "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
    port = free_port()
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run(
        bindir,
        "pg_ctl",
        "-D",
        str(data),
        "-o",
        options,
        "-l",
        str(folder / "server.log"),
        "-w",
        "start",
    )
    try:
        _run(bindir, "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", DATABASE)
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/{DATABASE}"
    finally:
        _run(bindir, "pg_ctl", "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(folder, ignore_errors=True)


def new_database(url: str, name: str) -> str:
    """Create an empty database on the server of ``url``; return its URL."""
    server = make_url(url)
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    finally:
        engine.dispose()
    return server.set(database=name).render_as_string(hide_password=False)
