"""Command line of model_training: ``python -m model_training <command> --help``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from model_training.config import DEFAULT_DATA_DIR, DEFAULT_SEED
from model_training.errors import ModelTrainingError

logger = logging.getLogger(__name__)


def _cmd_synth(args: argparse.Namespace) -> int:
    from model_training.data.synth import generate_dataset  # noqa: PLC0415 (fast --help)

    if args.applications is None and not args.full:
        raise ModelTrainingError("synth: give --applications N or --full.")
    report = generate_dataset(
        n_applications=args.applications,
        out_dir=Path(args.out),
        seed=args.seed,
        file_format=args.format,
        full=args.full,
    )
    print(report.summary())
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from model_training.data.loader import validate_data_dir  # noqa: PLC0415

    report = validate_data_dir(Path(args.data_dir), max_problems=args.max_problems)
    print(report.summary())
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with one subcommand per pipeline stage."""
    parser = argparse.ArgumentParser(
        prog="python -m model_training",
        description="Prêt à dépenser model training: data, features, model, reports.",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    synth = sub.add_parser(
        "synth",
        help="write synthetic data in the exact Kaggle Home Credit schema",
        description="Write the ten Kaggle Home Credit files with realistic, learnable signal. "
        "The true probability of default of every client goes to DIR/_truth/oracle.parquet.",
    )
    synth.add_argument("--applications", type=int, help="number of train applications (N)")
    synth.add_argument("--full", action="store_true", help="Kaggle's row counts (307,511 train)")
    synth.add_argument("--out", default=DEFAULT_DATA_DIR, help="output directory (%(default)s)")
    synth.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (%(default)s)")
    synth.add_argument("--format", choices=("csv", "parquet"), default="csv", help="file format")
    synth.set_defaults(handler=_cmd_synth)

    validate = sub.add_parser(
        "validate",
        help="check the raw tables against the schema and write typed Parquet copies",
        description="Load the Kaggle tables with explicit types, check columns, types, codes, "
        "ranges, keys and references, then write DATA_DIR/validated/ (Parquet + fingerprint).",
    )
    validate.add_argument("--data-dir", default=DEFAULT_DATA_DIR, help="raw tables (%(default)s)")
    validate.add_argument(
        "--max-problems", type=int, default=50, help="problems reported at most (%(default)s)"
    )
    validate.set_defaults(handler=_cmd_validate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; user errors print a clear message and exit 2, never a traceback."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except ModelTrainingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
