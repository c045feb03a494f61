"""The ``users``, ``keys`` and ``backup`` commands of ``python -m scoring_api`` (DATABASE_URL)."""

from __future__ import annotations

import argparse
import getpass
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from scoring_api.config import Settings
from scoring_api.security import accounts, keys
from scoring_api.security.backup import backup_database
from scoring_api.security.database import Database
from scoring_api.security.roles import PERSON_ROLES, ROLES, Role

Commands = argparse._SubParsersAction  # argparse's type of ``add_subparsers()``
_Command = Callable[[argparse.Namespace, Session, Settings], None]


def add_commands(commands: Commands[argparse.ArgumentParser]) -> None:
    """Add the users, keys and backup commands to the CLI's parser."""
    users = commands.add_parser(
        "users",
        help="accounts of people: create, list, disable",
        description="Manage the accounts of people in DATABASE_URL.",
    )
    users.set_defaults(run=run_users)
    user_actions = users.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = user_actions.add_parser(
        "create", help="create an account (password from stdin when piped, else prompted twice)"
    )
    create.add_argument("username")
    create.add_argument("--role", required=True, choices=PERSON_ROLES)
    create.add_argument("--client-id", type=int, help="SK_ID_CURR a client account may see")
    user_actions.add_parser("list", help="list accounts")
    disable = user_actions.add_parser("disable", help="disable an account (sessions end)")
    disable.add_argument("username")

    api_keys = commands.add_parser(
        "keys",
        help="API keys of other systems (X-API-Key): create, list, revoke",
        description="Manage the API keys of other systems in DATABASE_URL.",
    )
    api_keys.set_defaults(run=run_keys)
    key_actions = api_keys.add_subparsers(dest="action", required=True, metavar="ACTION")
    key_create = key_actions.add_parser("create", help="create a key, printed once")
    key_create.add_argument("--name", required=True)
    key_create.add_argument("--role", default=Role.SERVICE.value, choices=ROLES)
    key_create.add_argument("--client-id", type=int, help="SK_ID_CURR of a client-role key")
    key_actions.add_parser("list", help="list keys (prefixes only)")
    revoke = key_actions.add_parser("revoke", help="revoke a key by name")
    revoke.add_argument("name")

    backup = commands.add_parser(
        "backup",
        help="copy the SQLite database while serving (PostgreSQL: pg_dump)",
        description="Copy the SQLite database of DATABASE_URL while the server runs.",
    )
    backup.add_argument("--out", required=True, type=Path, help="the new backup file")
    backup.set_defaults(run=run_backup)


def run_users(args: argparse.Namespace) -> int:
    """Run a users command; return the exit status."""
    return _in_session(args, _users)


def run_keys(args: argparse.Namespace) -> int:
    """Run a keys command; return the exit status."""
    return _in_session(args, _keys)


def _in_session(args: argparse.Namespace, command: _Command) -> int:
    """Run a command in a session of DATABASE_URL; a ValueError is its error (status 1)."""
    settings = Settings.from_env()
    database = Database(settings.database_url)
    try:
        with database.session() as session:
            command(args, session, settings)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        database.dispose()
    return 0


def _users(args: argparse.Namespace, session: Session, _settings: Settings) -> None:
    """Run a users action."""
    if args.action == "create":
        password = read_password()
        account = accounts.create_account(
            session, args.username, password, args.role, args.client_id
        )
        print(f"Created {account.role} account {account.username!r} (id {account.id}).")
    elif args.action == "list":
        for account in accounts.list_accounts(session):
            state = "active" if account.is_active else "disabled"
            bound = f" client_id={account.client_id}" if account.client_id is not None else ""
            print(f"{account.id}\t{account.username}\t{account.role}\t{state}{bound}")
    elif not accounts.disable_account(session, args.username):
        raise ValueError(f"No account named {args.username!r}. See `users list`.")
    else:
        print(f"Disabled account {args.username!r}.")


def _keys(args: argparse.Namespace, session: Session, settings: Settings) -> None:
    """Run a keys action."""
    secret = keys.digest_secret(settings, session)
    if args.action == "create":
        new_key = keys.create_api_key(session, secret, args.name, args.role, args.client_id)
        print(f"Created {new_key.role} API key {new_key.name!r}. It is shown once; store it now:")
        print(new_key.token)
    elif args.action == "list":
        for key in keys.list_api_keys(session):
            state = "revoked" if key.revoked_at is not None else "active"
            print(f"{key.id}\t{key.name}\t{key.prefix}\t{key.role}\t{state}")
    elif not keys.revoke_api_key(session, args.name):
        raise ValueError(f"No active API key named {args.name!r}. See `keys list`.")
    else:
        print(f"Revoked API key {args.name!r}.")


def run_backup(args: argparse.Namespace) -> int:
    """Run the backup command; return the exit status."""
    settings = Settings.from_env()
    try:
        counts = backup_database(settings.database_url, args.out)
    except (ValueError, OSError, sqlite3.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    rows = ", ".join(f"{table} {n}" for table, n in counts.items())
    print(f"Backed up the database to {args.out} ({rows}).")
    return 0


def read_password() -> str:
    """Read a new password: one line from stdin when piped, else prompted twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != password:
        raise ValueError("The two passwords differ. Run the command again.")
    return password
