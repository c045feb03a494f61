"""``python -m scoring_api <command>``: the server's commands; ``--help`` lists every one.

Settings come from the environment (DATABASE_URL, ARTIFACTS_DIR, APP_ENV...), as for the server.
The account commands start in a fraction of a second: the model stack and the HTTP client are
imported by the commands that use them only.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from model_training.atomic import write_text_atomically
from scoring_api.config import Settings
from scoring_api.errors import ApiError, ConfigurationError
from scoring_api.events.cli import add_event_commands
from scoring_api.migrations.cli import add_db_commands
from scoring_api.security.cli import Commands, add_commands
from scoring_api.security.demo import ensure_demo_accounts

# fetch-bundle parses its own options (bundle_fetch.build_parser): this parser reads none of them.
NO_OPTIONS = "\0"


def build_parser() -> argparse.ArgumentParser:
    """Return the parser of every command."""
    parser = argparse.ArgumentParser(
        prog="python -m scoring_api",
        description="Commands of the scoring server. Settings come from the environment "
        "(DATABASE_URL, ARTIFACTS_DIR, APP_ENV...), as for the server.",
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", title="commands"
    )
    add_commands(commands)
    add_demo_accounts(commands)
    add_fetch_bundle(commands)
    add_map_tables(commands)
    add_event_commands(commands)
    add_db_commands(commands)
    return parser


def add_demo_accounts(commands: Commands[argparse.ArgumentParser]) -> None:
    """Add ``demo-accounts``."""
    demo = commands.add_parser(
        "demo-accounts",
        help="create or reset the demo accounts, print their passwords",
        description="Create or reset demo-advisor, demo-admin and demo-client (bound to the live "
        "bundle's first client) with fresh passwords, printed once (and written to "
        "--passwords-file when given). Nothing in production.",
    )
    demo.add_argument(
        "--passwords-file",
        type=Path,
        help="also write the accounts and passwords to this file, readable by you only (0600)",
    )
    demo.set_defaults(run=run_demo_accounts)


def add_fetch_bundle(commands: Commands[argparse.ArgumentParser]) -> None:
    """Add ``fetch-bundle``, whose options and help are its own module's."""
    fetch = commands.add_parser(
        "fetch-bundle",
        help="download a bundle archive, check it and make it live",
        add_help=False,
        prefix_chars=NO_OPTIONS,
    )
    fetch.add_argument("arguments", nargs=argparse.REMAINDER)
    fetch.set_defaults(run=run_fetch_bundle)


def add_map_tables(commands: Commands[argparse.ArgumentParser]) -> None:
    """Add ``map-tables``."""
    mapping = commands.add_parser(
        "map-tables",
        help="write the live bundle's mapped table copies the workers share",
        description="Write the Arrow copies of the live bundle's large tables that every worker "
        "maps (BUNDLE_MAP_DIR, by default ARTIFACTS_DIR/.mapped), unless they exist. The "
        "server writes them at its first load otherwise; gunicorn runs this before its workers.",
    )
    mapping.set_defaults(run=run_map_tables)


def run_map_tables(args: argparse.Namespace) -> int:
    """Write the live bundle's mapped copies (nothing when BUNDLE_MAPPED_TABLES is off)."""
    from model_training.bundle import open_bundle  # noqa: PLC0415 (the model stack: seconds)
    from model_training.errors import BundleError  # noqa: PLC0415
    from scoring_api.mapped_tables import ensure_mapped  # noqa: PLC0415

    settings = Settings.from_env()
    if settings.map_dir is None:
        print("BUNDLE_MAPPED_TABLES is off: nothing to write.")
        return 0
    try:
        bundle = open_bundle(settings.artifacts_dir)
        paths = ensure_mapped(settings.map_dir, bundle)
    except (BundleError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Mapped copies of bundle {bundle.version} in {settings.map_dir / bundle.version}:")
    for name, path in paths.items():
        print(
            f"  {name} {path.stat().st_size / 2**20:.0f} MiB;"
        )  # not the file names: their sizes read as ids to the log redaction
    return 0


def run_demo_accounts(args: argparse.Namespace) -> int:
    """Create or reset the demo accounts (the live bundle's first client); print passwords."""
    from scoring_api.bundle_store import BundleStore  # noqa: PLC0415 (the model stack: seconds)

    settings = Settings.from_env()
    if settings.is_production:
        print("Production mode: no demo account is created.")
        return 0
    try:
        client_id = int(BundleStore(settings.artifacts_dir).get().client_ids[0])
    except ApiError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    passwords = ensure_demo_accounts(settings, client_id)
    print(f"Demo accounts in {settings.database_url} (passwords shown once, new at each start):")
    for username, password in passwords.items():
        print(f"  {username:<14} {password}")
    print(f"demo-client may see client {client_id} only.")
    if args.passwords_file is not None and passwords:
        lines = [f"{username} {password}" for username, password in passwords.items()]
        write_text_atomically(args.passwords_file, "\n".join(lines) + "\n", mode=0o600)
        print(f"Passwords also in {args.passwords_file} (readable by you only).")
    return 0


def run_fetch_bundle(args: argparse.Namespace) -> int:
    """Run ``fetch-bundle`` with its own arguments."""
    from scoring_api import bundle_fetch  # noqa: PLC0415 (requests: only this command downloads)

    return bundle_fetch.main(args.arguments)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status (2 for a configuration error)."""
    args = build_parser().parse_args(argv)
    try:
        status: int = args.run(args)
    except ConfigurationError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return status
