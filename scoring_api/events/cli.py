"""The ``outcomes``, ``purge-events`` and ``replay`` commands of ``python -m scoring_api``.

They live in the API's command line, not ``python -m model_training``: the training package is
upstream of the API and never imports it (one-direction flow), and these commands write the
API's database with its own tables, pseudonyms and settings.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from scoring_api.config import Settings
from scoring_api.events.outcomes import OutcomeFileError, read_outcomes_csv, record_outcomes
from scoring_api.events.replay_cli import add_replay_command
from scoring_api.events.retention import purge_events
from scoring_api.security.cli import Commands
from scoring_api.security.database import Database


def add_event_commands(commands: Commands[argparse.ArgumentParser]) -> None:
    """Add ``outcomes``, ``purge-events`` and ``replay``."""
    outcomes = commands.add_parser(
        "outcomes",
        help="record observed defaults from a CSV (SK_ID_CURR, outcome_date, defaulted)",
        description="Record observed outcomes in DATABASE_URL, pseudonymised with PSEUDONYM_KEY "
        "(the server's, so they join with scoring events). The whole file is checked first: a "
        "bad row is named by file, line and column and nothing is written. Idempotent per "
        "client and date; a changed value replaces the stored one.",
    )
    outcomes.add_argument("--file", type=Path, required=True, help="CSV file of outcomes")
    outcomes.set_defaults(run=run_outcomes)
    purge = commands.add_parser(
        "purge-events",
        help="delete scoring events older than EVENTS_RETENTION_DAYS",
        description="Delete the scoring events older than the retention (EVENTS_RETENTION_DAYS, "
        "or --days) from DATABASE_URL; print how many.",
    )
    purge.add_argument("--days", type=int, help="retention in days (default: the setting)")
    purge.set_defaults(run=run_purge_events)
    add_replay_command(commands)


def run_outcomes(args: argparse.Namespace) -> int:
    """Record a CSV file of outcomes; print the counts (1 when the file has bad rows)."""
    if not os.environ.get("PSEUDONYM_KEY", "").strip():
        print(
            "error: PSEUDONYM_KEY must be set (the server's): outcomes are stored under the "
            "clients' keyed references and a random key would never join with the events.",
            file=sys.stderr,
        )
        return 2
    settings = Settings.from_env()
    try:
        outcomes = read_outcomes_csv(args.file)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: cannot read {args.file}: {exc}", file=sys.stderr)
        return 1
    except OutcomeFileError as exc:
        print(f"error: {len(exc.problems)} problem(s), nothing recorded:\n{exc}", file=sys.stderr)
        return 1
    counts = record_outcomes(Database(settings.database_url), settings.pseudonym_key, outcomes)
    print(
        f"{len(outcomes)} rows read: {counts.inserted} inserted, {counts.updated} updated "
        f"(changed value), {counts.unchanged} unchanged."
    )
    return 0


def run_purge_events(args: argparse.Namespace) -> int:
    """Delete the scoring events past the retention; print how many."""
    settings = Settings.from_env()
    days = settings.events_retention_days if args.days is None else args.days
    if days < 1:
        print(f"error: --days must be at least 1, got {days}.", file=sys.stderr)
        return 2
    deleted = purge_events(Database(settings.database_url), days)
    print(f"{deleted} scoring events older than {days} days deleted.")
    return 0
