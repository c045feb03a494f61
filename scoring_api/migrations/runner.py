"""Migrate the security database, and check at start that its schema is the code's.

A new, empty database is created at the newest revision directly (tables of the models,
then stamped); an existing one is never changed behind the operator's back: when it is
behind the code, the server refuses to start and names the command that upgrades it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from scoring_api.errors import ConfigurationError
from scoring_api.security.models import Base

logger = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent
UPGRADE_COMMAND = "python -m scoring_api db upgrade"
# pg_advisory_xact_lock's key: one migration at a time across servers (any fixed 64-bit int)
POSTGRES_LOCK_KEY = 0x5072657464  # "Pretd"


class SchemaOutdatedError(ConfigurationError):
    """The database's schema is older than the code's: it must be upgraded first."""


def _config() -> Config:
    """Return an Alembic configuration of the project's migrations (no alembic.ini)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def scripts() -> ScriptDirectory:
    """Return the project's revisions (read once per process)."""
    return ScriptDirectory.from_config(_config())


def head() -> str:
    """Return the newest revision the code knows."""
    revision = scripts().get_current_head()
    assert revision is not None, "the migrations folder holds no revision"
    return revision


def current(engine: Engine) -> tuple[str, ...]:
    """Return the database's revisions (empty when it has none yet)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_heads()


@contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """Yield a connection in a transaction that no other server migrates at the same time."""
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({POSTGRES_LOCK_KEY})")
        yield connection


def _run(engine: Engine, action: str, revision: str) -> None:
    """Run ``alembic upgrade|downgrade revision`` over one locked connection."""
    config = _config()
    with _migrating(engine) as connection:
        config.attributes["connection"] = connection
        getattr(command, action)(config, revision)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database up to ``revision`` (the newest by default)."""
    _run(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str) -> None:
    """Migrate the database down to ``revision``."""
    _run(engine, "downgrade", revision)


def new_revision(engine: Engine, message: str) -> str:
    """Write a new revision file from the difference between the models and the database."""
    config = _config()
    config.set_main_option("file_template", "r%%(rev)s_%%(slug)s")
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        script = command.revision(config, message=message, autogenerate=True, rev_id=_next_id())
    if script is None or isinstance(script, list):
        raise RuntimeError("alembic wrote no single revision")
    return str(script.path)


def _next_id() -> str:
    """Return the next four-digit revision id."""
    return f"{int(head()) + 1:04d}"


def check_schema(engine: Engine) -> None:
    """Create an empty database at the newest revision, accept one at it, refuse an older one.

    A revision the code does not know is newer (a server not yet restarted after an upgrade):
    revisions only add, so it is served, with a warning.
    """
    try:
        _check(engine)
    except (IntegrityError, OperationalError, ProgrammingError):  # another server created it
        if not current(engine):
            raise
        _check(engine)


def _check(engine: Engine) -> None:
    """Check once (see check_schema)."""
    found = current(engine)
    newest = head()
    if found == (newest,):
        return
    if not found:
        _create_or_refuse(engine, newest)
        return
    known = {script.revision for script in scripts().walk_revisions()}
    unknown = [revision for revision in found if revision not in known]
    if unknown:
        logger.warning(
            "The database's schema (%s) is newer than this code's (%s)", ", ".join(found), newest
        )
        return
    raise SchemaOutdatedError(
        f"The security database's schema is at revision {', '.join(found)}; this version needs "
        f"{newest}. Upgrade it first: {UPGRADE_COMMAND} (same DATABASE_URL)."
    )


def _create_or_refuse(engine: Engine, newest: str) -> None:
    """Create every table and stamp the newest revision, unless the app's tables are there."""
    with _migrating(engine) as connection:
        if MigrationContext.configure(connection).get_current_heads():
            return  # another server did it while we waited for the lock
        tables = set(inspect(connection).get_table_names()) & set(Base.metadata.tables)
        if tables:
            raise SchemaOutdatedError(
                "The security database was made before schema versions existed "
                f"(tables {', '.join(sorted(tables))}, no revision). Upgrade it first: "
                f"{UPGRADE_COMMAND} (same DATABASE_URL); its rows are kept."
            )
        Base.metadata.create_all(connection)
        MigrationContext.configure(connection).stamp(scripts(), newest)
    logger.info("Created the security database at revision %s", newest)
