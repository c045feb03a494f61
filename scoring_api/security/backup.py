"""``python -m scoring_api backup --out FILE``: a consistent copy of the SQLite database.

SQLite's online backup API copies the database page by page while the server keeps serving
(each step under a short read lock), so the copy is a consistent snapshot of accounts, keys,
revoked sessions and the audit trail. The copy is written beside its final name, checked
(``PRAGMA integrity_check``), then renamed: a failed backup never leaves a half file. For
PostgreSQL use ``pg_dump`` (docs/operations.md#backups-and-retention).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path

from sqlalchemy.engine import make_url

PAGES_PER_STEP = 256  # pages copied under each read lock: the server's writers wait at most that


def sqlite_path(database_url: str) -> Path:
    """Return the file of a SQLite DATABASE_URL, or raise ValueError for another database."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite":
        raise ValueError(
            f"backup copies SQLite databases only; DATABASE_URL is {url.get_backend_name()}. "
            "For PostgreSQL run pg_dump (docs/operations.md#backups-and-retention)."
        )
    if not url.database or url.database == ":memory:":
        raise ValueError("DATABASE_URL names an in-memory SQLite database: nothing to back up.")
    path = Path(url.database)
    if not path.is_file():
        raise ValueError(f"No database file at {path} (DATABASE_URL). Check the path.")
    return path


def backup_database(database_url: str, out: Path) -> dict[str, int]:
    """Copy the database to ``out`` (online, checked, renamed into place); return row counts."""
    source = sqlite_path(database_url)
    if out.exists():
        raise ValueError(f"{out} exists already. Choose a new file name.")
    if out.resolve() == source.resolve():
        raise ValueError("The backup file must differ from the database file.")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        with (
            closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as src,
            closing(sqlite3.connect(tmp)) as dst,
        ):
            src.backup(dst, pages=PAGES_PER_STEP)
            check = dst.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise ValueError(f"The copy failed SQLite's integrity check: {check}.")
            tables = [
                row[0]
                for row in dst.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                )
            ]
            counts = {
                table: dst.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                for table in tables
            }
        tmp.chmod(0o600)  # accounts, key digests and the audit trail: owner only
        tmp.rename(out)
    finally:
        tmp.unlink(missing_ok=True)
    return counts
