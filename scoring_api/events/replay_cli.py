"""``python -m scoring_api replay``: a dataset's clients scored as dated events (DATABASE_URL).

The arguments are checked before anything is loaded: a bad one is named and the command
exits 2, as for a data folder that cannot be replayed or no live model.
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from scoring_api.config import Settings
from scoring_api.errors import ApiError
from scoring_api.events.replay_plan import Shift
from scoring_api.security.cli import Commands


def iso_day(text: str) -> datetime.date:
    """Return a YYYY-MM-DD date (argparse names the argument when it is not one)."""
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def add_replay_command(commands: Commands[argparse.ArgumentParser]) -> None:
    """Add ``replay``."""
    replay = commands.add_parser(
        "replay",
        help="score a dataset's clients as dated scoring events (optional shift and outcomes)",
        description="Draw --per-day clients a day (seeded) from DATA_DIR's validated "
        "application tables, score them with the live bundle (a stored client as a what-if of "
        "its own file, another as a new application) and write the events, channel 'replay', "
        "dated from --start, to DATABASE_URL; with a CHALLENGER set (and SHADOW_SCORING on), "
        "each score is also scored by it in shadow, as the API does. Optionally shift incomes "
        "and external scores "
        "from --shift-from, and record the known outcomes (train clients) --outcomes-after "
        "days after each event, up to --as-of.",
    )
    replay.add_argument("--data-dir", type=Path, help="data folder (default: DATA_DIR)")
    replay.add_argument("--start", type=iso_day, help="first day (default: --days before --as-of)")
    replay.add_argument("--days", type=int, default=30, help="days replayed (%(default)s)")
    replay.add_argument("--per-day", type=int, default=200, help="events a day (%(default)s)")
    replay.add_argument("--seed", type=int, default=0, help="seed of the draws (%(default)s)")
    replay.add_argument("--shift-from", type=iso_day, help="first shifted day (default: none)")
    replay.add_argument(
        "--income-factor", type=float, default=1.0, help="shift: incomes x this (%(default)s)"
    )
    replay.add_argument(
        "--missing-ext-share",
        type=float,
        default=0.0,
        help="shift: share of clients losing EXT_SOURCE_1..3 (%(default)s)",
    )
    replay.add_argument(
        "--outcomes-after", type=int, help="record outcomes this many days after each event"
    )
    replay.add_argument("--as-of", type=iso_day, help="no outcome after this day (default: today)")
    replay.set_defaults(run=run_replay)


def argument_problem(args: argparse.Namespace) -> str | None:
    """Return what is wrong with the replay's arguments (naming the argument), else None."""
    is_shifting = args.income_factor != 1 or args.missing_ext_share > 0
    problems = (
        (args.days < 1, f"--days must be at least 1, got {args.days}."),
        (args.per_day < 1, f"--per-day must be at least 1, got {args.per_day}."),
        (
            not args.income_factor > 0,
            f"--income-factor must be above 0, got {args.income_factor}.",
        ),
        (
            not 0 <= args.missing_ext_share <= 1,
            f"--missing-ext-share must be between 0 and 1, got {args.missing_ext_share}.",
        ),
        (
            is_shifting and args.shift_from is None,
            "--income-factor and --missing-ext-share need --shift-from (the first day).",
        ),
        (
            args.outcomes_after is not None and args.outcomes_after < 0,
            f"--outcomes-after must be 0 or more, got {args.outcomes_after}.",
        ),
    )
    return next((message for is_wrong, message in problems if is_wrong), None)


def run_replay(args: argparse.Namespace) -> int:
    """Replay the clients day by day; print a line a day and the totals (2 on a bad input)."""
    # The model stack and the app: seconds to import, for this command only.
    from scoring_api.context import bundle_store  # noqa: PLC0415
    from scoring_api.events.challenger import shadow_challenger_now  # noqa: PLC0415
    from scoring_api.events.replay import (  # noqa: PLC0415
        ReplayDataError,
        ReplayOptions,
        load_clients,
        replay,
    )
    from scoring_api.factory import create_app  # noqa: PLC0415
    from scoring_api.security.state import get_state  # noqa: PLC0415

    problem = argument_problem(args)
    if problem is not None:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    settings = Settings.from_env()
    as_of = args.as_of or datetime.datetime.now(datetime.UTC).date()
    start = args.start or as_of - datetime.timedelta(days=args.days)
    data_dir = args.data_dir or settings.data_dir
    if not data_dir.is_dir():
        print(f"error: --data-dir {data_dir} is not a folder.", file=sys.stderr)
        return 2
    try:
        clients = load_clients(data_dir)
    except ReplayDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    shift = None
    if args.shift_from is not None:
        shift = Shift(args.shift_from, args.income_factor, args.missing_ext_share)
    options = ReplayOptions(
        start, args.days, args.per_day, as_of, args.seed, shift, args.outcomes_after
    )
    app = create_app(settings)
    with app.app_context():
        try:
            bundle = bundle_store().get()
        except ApiError as exc:
            print(f"error: no live model in {settings.artifacts_dir}: {exc}", file=sys.stderr)
            return 2
        state = get_state()
        totals = [0, 0, 0]
        challenger = shadow_challenger_now(settings, bundle.version)
        if challenger is not None:
            print(f"Challenger {challenger.version} scored in shadow (CHALLENGER).")
        days = replay(
            bundle, state.database, state.settings.pseudonym_key, clients, options, challenger
        )
        try:
            for day in days:
                print(
                    f"{day.day}: {day.events} events ({day.shifted} shifted), "
                    f"{day.outcomes} outcomes"
                )
                totals = [totals[0] + day.events, totals[1] + day.shifted, totals[2] + day.outcomes]
        except ApiError as exc:  # a client the bundle cannot score: the days before are kept
            print(f"error: {exc} {exc.details or ''} ({totals[0]} events written)", file=sys.stderr)
            return 2
    print(
        f"Replayed {args.days} days on model {bundle.version}: {totals[0]} events written "
        f"({totals[1]} shifted), {totals[2]} outcomes recorded."
    )
    return 0
