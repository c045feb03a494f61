"""``python -m scoring_api users|keys|backup ...``: accounts, API keys, database backups."""

from __future__ import annotations

import argparse
import getpass
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from scoring_api.config import Settings
from scoring_api.errors import ConfigurationError
from scoring_api.security import accounts, keys
from scoring_api.security.backup import backup_database
from scoring_api.security.database import Database
from scoring_api.security.models import PERSON_ROLES, ROLES


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of the users and keys commands."""
    parser = argparse.ArgumentParser(
        prog="python -m scoring_api",
        description="Manage the scoring API's accounts and API keys (database: DATABASE_URL).",
    )
    groups = parser.add_subparsers(dest="group", required=True)

    users = groups.add_parser("users", help="accounts of people (advisor, client, admin)")
    user_commands = users.add_subparsers(dest="command", required=True)
    create = user_commands.add_parser(
        "create", help="create an account (password from stdin when piped, else prompted twice)"
    )
    create.add_argument("username")
    create.add_argument("--role", required=True, choices=PERSON_ROLES)
    create.add_argument("--client-id", type=int, help="SK_ID_CURR a client account may see")
    user_commands.add_parser("list", help="list accounts")
    disable = user_commands.add_parser("disable", help="disable an account (sessions end)")
    disable.add_argument("username")

    api_keys = groups.add_parser("keys", help="API keys of other systems (header X-API-Key)")
    key_commands = api_keys.add_subparsers(dest="command", required=True)
    key_create = key_commands.add_parser("create", help="create a key, printed once")
    key_create.add_argument("--name", required=True)
    key_create.add_argument("--role", default="service", choices=ROLES)
    key_create.add_argument("--client-id", type=int, help="SK_ID_CURR of a client-role key")
    key_commands.add_parser("list", help="list keys (prefixes only)")
    revoke = key_commands.add_parser("revoke", help="revoke a key by name")
    revoke.add_argument("name")

    backup = groups.add_parser(
        "backup", help="copy the SQLite database (online, consistent; PostgreSQL: pg_dump)"
    )
    backup.add_argument("--out", required=True, type=Path, help="the new backup file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ConfigurationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.group == "backup":
        return _backup(settings.database_url, args.out)
    database = Database(settings.database_url)
    try:
        with database.session() as session:
            if args.group == "users":
                return _users(args, session)
            return _keys(args, session, keys.digest_secret(settings, session))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    finally:
        database.dispose()


def _users(args: argparse.Namespace, session: Session) -> int:
    """Run a users command."""
    if args.command == "create":
        password = read_password()
        account = accounts.create_account(
            session, args.username, password, args.role, args.client_id
        )
        print(f"Created {account.role} account {account.username!r} (id {account.id}).")
    elif args.command == "list":
        for account in accounts.list_accounts(session):
            state = "active" if account.is_active else "disabled"
            bound = f" client_id={account.client_id}" if account.client_id is not None else ""
            print(f"{account.id}\t{account.username}\t{account.role}\t{state}{bound}")
    elif not accounts.disable_account(session, args.username):
        raise ValueError(f"No account named {args.username!r}. See `users list`.")
    else:
        print(f"Disabled account {args.username!r}.")
    return 0


def _keys(args: argparse.Namespace, session: Session, secret: bytes) -> int:
    """Run a keys command."""
    if args.command == "create":
        new_key = keys.create_api_key(session, secret, args.name, args.role, args.client_id)
        print(f"Created {new_key.role} API key {new_key.name!r}. It is shown once; store it now:")
        print(new_key.token)
    elif args.command == "list":
        for key in keys.list_api_keys(session):
            state = "revoked" if key.revoked_at is not None else "active"
            print(f"{key.id}\t{key.name}\t{key.prefix}\t{key.role}\t{state}")
    elif not keys.revoke_api_key(session, args.name):
        raise ValueError(f"No active API key named {args.name!r}. See `keys list`.")
    else:
        print(f"Revoked API key {args.name!r}.")
    return 0


def _backup(database_url: str, out: Path) -> int:
    """Run the backup command."""
    try:
        counts = backup_database(database_url, out)
    except (ValueError, OSError, sqlite3.Error) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    rows = ", ".join(f"{table} {n}" for table, n in counts.items())
    print(f"Backed up the database to {out} ({rows}).")
    return 0


def read_password() -> str:
    """Read a new password: one line from stdin when piped, else prompted twice."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != password:
        raise ValueError("The two passwords differ. Run the command again.")
    return password
