"""One SQLAlchemy engine per process (safe across a gunicorn --preload fork), schema checked."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from scoring_api.migrations.runner import check_schema

logger = logging.getLogger(__name__)

# How long a SQLite statement waits for another writer's lock before it fails (503): audit
# batches hold it for milliseconds, so a longer wait is an outage, answered promptly.
SQLITE_BUSY_MS = 2000


class Database:
    """Open the engine lazily in each process and hand out ORM sessions."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._engine: Engine | None = None
        self._sessions: sessionmaker[Session] | None = None
        self._has_tables = False

    @property
    def engine(self) -> Engine:
        """Return this process's engine, opening a fresh one after a fork."""
        return self._open()[0]

    def _open(self) -> tuple[Engine, sessionmaker[Session]]:
        """Return this process's engine and session factory, opened on first use."""
        if self._engine is None or self._sessions is None or self._pid != os.getpid():
            with self._lock:
                if self._engine is None or self._pid != os.getpid():
                    if self._engine is not None:  # inherited from the parent: never reuse
                        self._engine.dispose(close=False)
                    self._engine = _make_engine(self.url)
                    self._sessions = sessionmaker(self._engine, expire_on_commit=False)
                    self._pid = os.getpid()
                    self._has_tables = False
        return self._engine, self._sessions  # type: ignore[return-value]

    def create_tables(self) -> None:
        """Create the tables of an empty database, or check its schema version (once per process).

        Raise SchemaOutdatedError, naming the upgrade command, when the schema is older.
        """
        engine = self.engine
        if not self._has_tables:
            check_schema(engine)
            self._has_tables = True

    def new_session(self) -> Session:
        """Return a new ORM session bound to this process's engine (tables ensured)."""
        self.create_tables()
        return self._open()[1]()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Yield a session, closed at the end (commit explicitly)."""
        session = self.new_session()
        try:
            yield session
        finally:
            session.close()

    def ping(self) -> None:
        """Check that the database answers (and, SQLite, grants its write lock); raise if not."""
        with self.engine.connect() as connection:
            if connection.dialect.name == "sqlite":  # a held write lock makes every write fail
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                connection.exec_driver_sql("ROLLBACK")
            else:
                connection.exec_driver_sql("SELECT 1")

    def dispose(self) -> None:
        """Close this process's pooled connections (call before forking workers)."""
        if self._engine is not None and self._pid == os.getpid():
            self._engine.dispose()


def _make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets its folder, WAL journal and a busy timeout."""
    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        try:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # reported by SQLite on first use, answered as 503
            logger.warning("Cannot create the database folder: %s", exc)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    """Use the WAL journal (readers never wait) and fast, still durable, commits."""
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.close()
