"""Kaggle's optional sample_submission file: it should list exactly the test clients."""

from __future__ import annotations

from pathlib import Path

import duckdb

from model_training.data.loader.checks import Loaded
from model_training.data.loader.csv_reader import quote_path
from model_training.data.loader.headers import check_header
from model_training.data.loader.report import Findings
from model_training.data.loader.sources import Source, readable_path, refuse_outside_links
from model_training.data.query import fetch_row
from model_training.data.schema import SUBMISSION_TABLE, table
from model_training.errors import ModelTrainingError

KEPT = "Kept: the test clients are those of {test}; the submission file is only Kaggle's template."


def _scan_sql(source: Source, path: Path) -> str:
    """Return the submission's ids with their 0-based row, any malformed id left empty."""
    if source.is_csv:
        scan = (
            f"read_csv({quote_path(path)}, columns={{'SK_ID_CURR': 'VARCHAR', 'TARGET': "
            "'VARCHAR'}, header=true, auto_detect=false, delim=',', quote='\"', escape='\"', "
            "null_padding=true, ignore_errors=true)"
        )
    else:
        scan = f"read_parquet({quote_path(path)})"
    return (
        f"SELECT TRY_CAST(SK_ID_CURR AS BIGINT) AS k, row_number() OVER () - 1 AS row FROM {scan}"
    )


def check_submission(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    path: Path,
    test: Loaded,
    findings: Findings,
) -> None:
    """Warn when the sample submission's ids differ from application_test's (never an error)."""
    kept = KEPT.format(test=test.label)
    problems = check_header(source, table(SUBMISSION_TABLE))
    if problems:
        findings.warn(f"{problems[0]} It was not compared with {test.label}. {kept}")
        return
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE submission AS {_scan_sql(source, path)}")
        n_missing, first_missing, missing_id = fetch_row(
            con,
            f"SELECT count(*), min(t.file_row_number), arg_min(t.SK_ID_CURR, t.file_row_number) "
            f"FROM {test.view} t ANTI JOIN submission s ON t.SK_ID_CURR = s.k",
        )
        n_extra, first_extra = fetch_row(
            con,
            f"SELECT count(*), min(s.row) FROM submission s ANTI JOIN {test.view} t "
            "ON s.k = t.SK_ID_CURR",
        )
    except duckdb.Error as exc:
        reason = str(exc).strip().splitlines()[0].rstrip(".")
        findings.warn(f"{source.label} cannot be read ({reason}); not compared. {kept}")
        return
    finally:
        con.execute("DROP TABLE IF EXISTS submission")
    parts = []
    if n_missing:
        parts.append(
            f"{n_missing:,} test client(s) are not in it (first SK_ID_CURR {missing_id}, "
            f"{test.at(first_missing)})"
        )
    if n_extra:
        where = f"line {first_extra + 2}" if source.is_csv else f"row {first_extra + 1}"
        parts.append(f"{n_extra:,} of its row(s) name no test client (first at {where})")
    if parts:
        findings.warn(
            f"{source.label} does not list the clients of {test.label}: {' and '.join(parts)}. "
            f"{kept}"
        )


def compare_submission(
    con: duckdb.DuckDBPyConnection,
    submission: Source,
    work: Path,
    test: Loaded,
    findings: Findings,
) -> None:
    """Compare Kaggle's sample submission with the test clients (warnings only)."""
    if refuse_outside_links([submission], submission.path.parent):
        findings.warn(f"{submission.label} is a link to a file outside the folder: not read.")
        return
    try:
        path = readable_path(submission, work)
    except ModelTrainingError as exc:
        findings.warn(f"{exc} Not compared with {test.label}.")
        return
    check_submission(con, submission, path, test, findings)
