"""What real data has and the loader keeps: unknown codes, orphans, repeated monthly keys."""

from __future__ import annotations

from pathlib import Path

from model_training.data.loader import validate_data_dir
from tests.model_training.data.fakes import (
    append_line,
    fake_tables,
    raw_line,
    set_field,
    write_submission,
)

ORPHANS_KEPT = (
    "Kept: Kaggle's own files have such orphans; the features join on the ids that match."
)


def test_unknown_category_code_is_a_counted_warning(fake_data_dir: Path) -> None:
    set_field(fake_data_dir / "bureau.csv", 3, "CREDIT_ACTIVE", "Frozen")
    set_field(fake_data_dir / "bureau.csv", 6, "CREDIT_ACTIVE", "Frozen")
    report = validate_data_dir(fake_data_dir)
    assert report.warnings == [
        "bureau.csv, column CREDIT_ACTIVE: 2 row(s) hold 'Frozen', not one of its 4 known codes "
        "(first at line 3). Kept as a code of its own; fix the spelling if it means a known one."
    ]
    assert report.n_rows["bureau"] == 12


def test_orphan_bureau_balance_rows_are_counted_warnings(fake_data_dir: Path) -> None:
    path = fake_data_dir / "bureau_balance.csv"
    append_line(path, "9999999,0,C")
    append_line(path, "9999999,-1,X")
    report = validate_data_dir(fake_data_dir)
    assert report.warnings == [
        "bureau_balance.csv, column SK_ID_BUREAU: 2 row(s) (1 distinct ids) match no "
        f"SK_ID_BUREAU in bureau.csv (first at line 26). {ORPHANS_KEPT}"
    ]
    assert report.n_rows["bureau_balance"] == 26


def test_orphan_previous_and_client_ids_are_counted_warnings(fake_data_dir: Path) -> None:
    path = fake_data_dir / "POS_CASH_balance.csv"
    set_field(path, 2, "SK_ID_PREV", "2999999")
    set_field(path, 4, "SK_ID_CURR", "999999")
    warnings = validate_data_dir(fake_data_dir).warnings
    assert warnings == [
        "POS_CASH_balance.csv, column SK_ID_CURR: 1 row(s) (1 distinct ids) match no SK_ID_CURR "
        f"in application_train.csv or application_test.csv (first at line 4). {ORPHANS_KEPT}",
        "POS_CASH_balance.csv, column SK_ID_PREV: 1 row(s) (1 distinct ids) match no SK_ID_PREV "
        f"in previous_application.csv (first at line 2). {ORPHANS_KEPT}",
    ]


def test_repeated_monthly_key_is_a_warning(fake_data_dir: Path) -> None:
    path = fake_data_dir / "POS_CASH_balance.csv"
    append_line(path, raw_line(path, 2))
    report = validate_data_dir(fake_data_dir)
    assert report.warnings == [
        "POS_CASH_balance.csv, lines 2 and 20: duplicate key (SK_ID_PREV, MONTHS_BALANCE) = "
        "(1000001, -1); 1 key(s) repeat over 2 rows in all. Kept: the features aggregate these "
        "rows."
    ]


def test_value_outside_kaggle_sign_is_a_warning(fake_data_dir: Path) -> None:
    set_field(fake_data_dir / "bureau.csv", 2, "AMT_CREDIT_SUM", "-5.0")
    report = validate_data_dir(fake_data_dir)
    assert report.warnings == [
        "bureau.csv, column AMT_CREDIT_SUM: 1 value(s) are not zero or more as in the Kaggle "
        "data, first at line 2 (-5.0). Kept; check the sign and unit of this column."
    ]


def test_file_without_final_line_break_is_a_warning(fake_data_dir: Path) -> None:
    path = fake_data_dir / "bureau_balance.csv"
    path.write_bytes(path.read_bytes().rstrip(b"\r\n"))
    report = validate_data_dir(fake_data_dir)
    assert report.warnings == [
        "bureau_balance.csv does not end with a line break: its last line may be cut short. "
        "Check the file is complete."
    ]


def test_repeated_month_in_a_grouped_file_is_a_warning(fake_data_dir: Path) -> None:
    set_field(fake_data_dir / "bureau_balance.csv", 3, "MONTHS_BALANCE", "0")
    report = validate_data_dir(fake_data_dir)
    assert report.warnings == [
        "bureau_balance.csv, lines 2 and 3: duplicate key (SK_ID_BUREAU, MONTHS_BALANCE) = "
        "(5000000, 0); 1 key(s) repeat over 2 rows in all. Kept: the features aggregate these "
        "rows."
    ]


def test_submission_listing_the_test_clients_passes(fake_data_dir: Path) -> None:
    test_ids = [row["SK_ID_CURR"] for row in fake_tables()["application_test"]]
    write_submission(fake_data_dir, test_ids)
    assert validate_data_dir(fake_data_dir).warnings == []


def test_submission_not_matching_the_test_clients_is_a_warning(fake_data_dir: Path) -> None:
    write_submission(fake_data_dir, [200001, 200003, 999999, 888888])
    report = validate_data_dir(fake_data_dir)
    assert report.warnings == [
        "sample_submission.csv does not list the clients of application_test.csv: 1 test "
        "client(s) are not in it (first SK_ID_CURR 200002, application_test.csv, line 3) and 2 "
        "of its row(s) name no test client (first at line 4). Kept: the test clients are those "
        "of application_test.csv; the submission file is only Kaggle's template."
    ]
    assert report.n_rows["application_test"] == 3


def test_submission_with_other_columns_is_a_warning(fake_data_dir: Path) -> None:
    (fake_data_dir / "sample_submission.csv").write_text("ID,SCORE\r\n1,0.5\r\n")
    warnings = validate_data_dir(fake_data_dir).warnings
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "sample_submission.csv, line 1 (header): column SK_ID_CURR is missing"
    )
    assert warnings[0].endswith("the submission file is only Kaggle's template.")
