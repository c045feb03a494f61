"""Command line of model_training: ``python -m model_training <command> --help``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from model_training.config import (
    DEFAULT_ARTIFACTS_DIR,
    DEFAULT_DATA_DIR,
    DEFAULT_SEED,
    FEATURE_ENGINES,
    SCORE_ENGINES,
)
from model_training.errors import ModelTrainingError

if TYPE_CHECKING:  # imported when a command runs, so that --help stays fast
    from model_training.modeling.params import TrainingSettings

logger = logging.getLogger(__name__)


def _cmd_synth(args: argparse.Namespace) -> int:
    from model_training.data.synth import (  # noqa: PLC0415 (fast --help)
        applications_for_scale,
        generate_dataset,
    )

    if args.applications is None and args.scale is None and not args.full:
        raise ModelTrainingError("synth: give --applications N, --scale X or --full.")
    applications = args.applications
    if args.scale is not None:
        applications = applications_for_scale(args.scale)
    report = generate_dataset(
        n_applications=applications,
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


def _cmd_features(args: argparse.Namespace) -> int:
    from model_training.features import build_features  # noqa: PLC0415

    report = build_features(Path(args.data_dir), show_progress=not args.quiet, engine=args.engine)
    print(report.summary())
    return 0


def _cmd_promote(args: argparse.Namespace) -> int:
    from model_training.bundle import (  # noqa: PLC0415
        current_version,
        list_versions,
        promote,
        rollback,
        set_challenger,
    )

    artifacts_dir = Path(args.artifacts_dir)
    if args.list:
        live = current_version(artifacts_dir)
        for version in list_versions(artifacts_dir):
            print(f"{version}{'  (live)' if version == live else ''}")
        return 0
    champion, challenger = _registry_aliases()
    if args.rollback:
        replaced, live = rollback(artifacts_dir, champion)
        print(f"Live bundle: {live} (was {replaced}), rolled back.")
        return 0
    if not args.version:
        raise ModelTrainingError(
            "promote: give --version V, or --rollback (--list shows the versions)."
        )
    if args.challenger:
        previous = set_challenger(artifacts_dir, args.version, challenger)
        print(f"Challenger bundle: {args.version} (was {previous or 'none'}).")
        return 0
    previous = promote(artifacts_dir, args.version, champion)
    print(
        f"Live bundle: {args.version} (was {previous or 'none'}). Each server worker picks it "
        "up within BUNDLE_CHECK_SECONDS; roll back with promote --rollback."
    )
    return 0


def _registry_aliases() -> tuple[Callable[[str], None] | None, Callable[[str], None] | None]:
    """Return the champion and challenger alias setters, or None twice without tracking."""
    from model_training.config import TrackingSettings  # noqa: PLC0415

    tracking = TrackingSettings.from_env()
    if not tracking.is_enabled:
        return None, None
    from model_training.tracking import CHALLENGER, CHAMPION, alias_setter  # noqa: PLC0415

    return alias_setter(tracking, CHAMPION), alias_setter(tracking, CHALLENGER)


def _cmd_check(args: argparse.Namespace) -> int:
    from model_training.bundle import open_bundle  # noqa: PLC0415

    bundle = open_bundle(Path(args.artifacts_dir))
    print(f"Live bundle {bundle.version}: loads and matches this code.")
    return 0


def _settings(args: argparse.Namespace) -> TrainingSettings:
    from model_training.modeling.params import TrainingSettings  # noqa: PLC0415

    try:
        return TrainingSettings.from_env(
            iterations=args.iterations, n_folds=args.folds, seed=args.seed
        )
    except ValueError as exc:
        raise ModelTrainingError(str(exc)) from exc


def _cmd_train(args: argparse.Namespace) -> int:
    from model_training.train import train  # noqa: PLC0415

    report = train(
        Path(args.data_dir), Path(args.artifacts_dir), _settings(args), show_progress=not args.quiet
    )
    print(report.summary())
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from model_training.evaluate import evaluate  # noqa: PLC0415

    report = evaluate(Path(args.data_dir), Path(args.artifacts_dir), show_progress=not args.quiet)
    print(report.summary())
    return 0


def _cmd_score(args: argparse.Namespace) -> int:
    from model_training.score import write_client_scores, write_submission  # noqa: PLC0415

    if args.data_dir is None and args.engine is None:
        path, n_rows = write_submission(Path(args.artifacts_dir), Path(args.out))
        print(f"Wrote {n_rows:,} test clients to {path} (Kaggle sample_submission format).")
        return 0
    data_dir = Path(args.data_dir or DEFAULT_DATA_DIR)
    engine = args.engine or SCORE_ENGINES[0]
    path, n_rows = write_client_scores(data_dir, Path(args.artifacts_dir), Path(args.out), engine)
    print(f"Scored {n_rows:,} clients of {data_dir} on {engine}: wrote {path}.")
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from model_training.pipeline import build  # noqa: PLC0415

    report = build(
        Path(args.data_dir), Path(args.artifacts_dir), _settings(args), show_progress=not args.quiet
    )
    print(report.summary())
    return 0


def _add_data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default=DEFAULT_DATA_DIR, help="data folder (%(default)s)")


def _add_artifacts_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--artifacts-dir", default=DEFAULT_ARTIFACTS_DIR, help="model bundles (%(default)s)"
    )


def _add_training(parser: argparse.ArgumentParser) -> None:
    settings = "modeling/params.py TrainingSettings"  # the defaults live there, once
    parser.add_argument(
        "--iterations", type=int, help=f"CatBoost iterations at most (TRAIN_ITERATIONS, {settings})"
    )
    parser.add_argument(
        "--folds", type=int, help=f"cross-validation folds (TRAIN_FOLDS, {settings})"
    )
    parser.add_argument("--seed", type=int, help=f"random seed ({settings})")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bars")


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
    size = synth.add_mutually_exclusive_group()
    size.add_argument("--applications", type=int, help="number of train applications (N)")
    size.add_argument("--full", action="store_true", help="Kaggle's row counts (307,511 train)")
    size.add_argument(
        "--scale",
        type=float,
        metavar="X",
        help="X times Kaggle's row counts, history tables in proportion (0 < X <= 10; 1 = "
        "--full, 10 = 3,075,110 train applications and about 600 M history rows: use "
        "--format parquet, see docs/training.md#scaling)",
    )
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

    features = sub.add_parser(
        "features",
        help="compute one row of features per client from the validated tables",
        description="Aggregate the seven validated tables into DATA_DIR/features/ (Parquet).",
    )
    _add_data_dir(features)
    features.add_argument(
        "--engine",
        choices=FEATURE_ENGINES,
        default=FEATURE_ENGINES[0],
        help="run the feature expressions on embedded DuckDB or on Spark (SPARK_MASTER, "
        "SPARK_REMOTE; docs/spark.md) (%(default)s)",
    )
    features.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    features.set_defaults(handler=_cmd_features)

    train = sub.add_parser(
        "train",
        help="cross-validate and fit CatBoost, choose the cost threshold, write a live bundle",
        description="Train on DATA_DIR/features and write ARTIFACTS_DIR/<version>/, then make "
        "it live (CURRENT). Costs come from COST_FN and COST_FP (10 and 1).",
    )
    _add_data_dir(train)
    _add_artifacts_dir(train)
    _add_training(train)
    train.set_defaults(handler=_cmd_train)

    evaluate = sub.add_parser(
        "evaluate",
        help="write the model report (HTML) and evaluation data into the live bundle",
        description="Metrics with CV spread, cost curve, calibration, fairness by gender and "
        "age band, train/test drift, ablation, baselines on the model's folds (prior, "
        "external scores, CatBoost on the raw application columns), and the oracle AUC on "
        "generated data.",
    )
    _add_data_dir(evaluate)
    _add_artifacts_dir(evaluate)
    evaluate.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    evaluate.set_defaults(handler=_cmd_evaluate)

    score = sub.add_parser(
        "score",
        help="write the test clients' probabilities in Kaggle's submission format, or score "
        "every client of a feature table (--data-dir, --engine)",
        description="Read the live bundle (CURRENT) and write SK_ID_CURR,TARGET (its stored "
        "test scores). With --data-dir or --engine: score every client of DATA_DIR/features "
        "with the bundle's model and write SK_ID_CURR,is_test,probability (Parquet when OUT "
        "ends in .parquet, else CSV).",
    )
    _add_artifacts_dir(score)
    score.add_argument("--data-dir", help="score every client of DATA_DIR/features")
    score.add_argument(
        "--engine",
        choices=SCORE_ENGINES,
        help=f"score in this process or on Spark ({SCORE_ENGINES[0]} with --data-dir alone)",
    )
    score.add_argument("--out", default="submission.csv", help="output file (%(default)s)")
    score.set_defaults(handler=_cmd_score)

    build = sub.add_parser(
        "build",
        help="validate + features + train + evaluate in one go",
        description="Run every stage on DATA_DIR and make the new bundle live.",
    )
    _add_data_dir(build)
    _add_artifacts_dir(build)
    _add_training(build)
    build.set_defaults(handler=_cmd_build)

    promote = sub.add_parser(
        "promote",
        help="check a built bundle and make it live (rotation), or the previous one (rollback)",
        description="Load and check ARTIFACTS_DIR/<version>, then switch CURRENT to it "
        "atomically; the server picks it up within BUNDLE_CHECK_SECONDS. With "
        "MLFLOW_TRACKING_URI set, the registry's champion (or challenger) alias moves first: "
        "when it cannot, CURRENT is not changed.",
    )
    _add_artifacts_dir(promote)
    promote.add_argument("--version", help="the bundle version (a folder of ARTIFACTS_DIR)")
    promote.add_argument("--list", action="store_true", help="list the bundles, mark the live one")
    promote.add_argument(
        "--rollback",
        action="store_true",
        help="make the newest bundle older than the live one live again",
    )
    promote.add_argument(
        "--challenger",
        action="store_true",
        help="name --version in CHALLENGER (scored in shadow) instead of CURRENT",
    )
    promote.set_defaults(handler=_cmd_promote)

    check = sub.add_parser(
        "check",
        help="check that the live bundle loads with this code (exit 2 saying why not)",
        description="Load the live bundle of ARTIFACTS_DIR as the server would read it.",
    )
    _add_artifacts_dir(check)
    check.set_defaults(handler=_cmd_check)
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
