"""Application rows from a table: validated as POST score's, new applicants' required fields."""

from __future__ import annotations

from scoring_api.application_rows import missing_for_new_applicants, validate_rows
from scoring_api.schemas import NEW_APPLICANT_REQUIRED
from tests.scoring_api.applicants import NEW_APPLICANT


def test_valid_rows_become_applications_and_bad_rows_are_named() -> None:
    records, errors = validate_rows([NEW_APPLICANT, {"AMT_CREDIT": -5.0}, {"UNKNOWN": 1}])
    assert records == [NEW_APPLICANT]
    assert {error["row"] for error in errors} == {1, 2}
    assert {tuple(error["loc"]) for error in errors} == {("AMT_CREDIT",), ("UNKNOWN",)}


def test_only_new_applicants_need_the_required_fields() -> None:
    stored = {"SK_ID_CURR": 100002}
    lacking = {k: v for k, v in NEW_APPLICANT.items() if k != NEW_APPLICANT_REQUIRED[0]}
    assert missing_for_new_applicants([stored, NEW_APPLICANT, lacking]) == [
        (2, NEW_APPLICANT_REQUIRED[0])
    ]
