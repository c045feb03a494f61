"""``python -m scoring_api db upgrade|current|downgrade|revision``: the database's schema."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from alembic.util import CommandError
from sqlalchemy.exc import DBAPIError

from scoring_api.config import Settings
from scoring_api.migrations import runner
from scoring_api.security.cli import Commands
from scoring_api.security.database import Database


def add_db_commands(commands: Commands[argparse.ArgumentParser]) -> None:
    """Add ``db`` and its sub-commands."""
    db = commands.add_parser(
        "db",
        help="upgrade the security database's schema, or show its revision",
        description="The schema of DATABASE_URL (accounts, keys, audit, reviews, events) and "
        "its Alembic revisions. Run `db upgrade` after installing a new version, before "
        "starting it (Heroku's release phase does).",
    )
    actions = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    upgrade = actions.add_parser(
        "upgrade",
        help="migrate to the newest revision (or --revision); rows are kept",
        description="Migrate the database to the newest revision (or --revision). A database "
        "made before revisions existed is completed, its rows kept. Safe to run on every "
        "release: at the newest revision it does nothing; servers wait for one another.",
    )
    upgrade.add_argument("--revision", default="head", help="target revision (default: head)")
    upgrade.set_defaults(run=_reported(run_upgrade))
    show = actions.add_parser("current", help="print the database's revision and the code's")
    show.set_defaults(run=_reported(run_current))
    down = actions.add_parser(
        "downgrade",
        help="migrate down to a revision (to undo a release)",
        description="Migrate down to REVISION: columns a later revision added are dropped.",
    )
    down.add_argument("revision", help="target revision, e.g. 0002")
    down.set_defaults(run=_reported(run_downgrade))
    revision = actions.add_parser(
        "revision",
        help="write a new revision from the models' difference (developers)",
        description="Compare the models with the database (at the newest revision) and write "
        "the difference as a new file in scoring_api/migrations/versions/, to review.",
    )
    revision.add_argument("-m", "--message", required=True, help="what the revision changes")
    revision.set_defaults(run=_reported(run_revision))


def _reported(action: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Return ``action`` printing a database or revision error in one line (exit 1)."""

    def run(args: argparse.Namespace) -> int:
        try:
            return action(args)
        except (DBAPIError, CommandError) as exc:
            print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
            return 1

    return run


def _database() -> Database:
    """Return the database of DATABASE_URL."""
    return Database(Settings.from_env().database_url)


def run_upgrade(args: argparse.Namespace) -> int:
    """Upgrade; print the revision before and after."""
    database = _database()
    before = runner.current(database.engine)
    runner.upgrade(database.engine, args.revision)
    after = runner.current(database.engine)
    print(f"Database schema: {_names(before)} -> {_names(after)} (code: {runner.head()}).")
    return 0


def run_current(_args: argparse.Namespace) -> int:
    """Print the database's revision and the code's; 1 when they differ."""
    found = runner.current(_database().engine)
    print(f"Database schema: {_names(found)}; code: {runner.head()}.")
    return 0 if found == (runner.head(),) else 1


def run_downgrade(args: argparse.Namespace) -> int:
    """Downgrade; print the revision after."""
    database = _database()
    runner.downgrade(database.engine, args.revision)
    print(f"Database schema: {_names(runner.current(database.engine))}.")
    return 0


def run_revision(args: argparse.Namespace) -> int:
    """Write a new revision file; print its path."""
    print(f"New revision, to review: {runner.new_revision(_database().engine, args.message)}")
    return 0


def _names(revisions: tuple[str, ...]) -> str:
    """Return revisions as text ("none" for a database without one)."""
    return ", ".join(revisions) or "none"
