"""Raw application fields: the bundle's numpy columns and records, the validated export rows."""

from __future__ import annotations

import math
from pathlib import Path

import pyarrow as pa
import pytest

from model_training.bundle import APPLICATIONS, Bundle, open_bundle
from model_training.data.schema import PROTECTED_ATTRIBUTE, table
from model_training.features.application import application_input_columns
from scoring_api.services.raw_data import (
    application_columns,
    load_applications,
    stored_application,
)


@pytest.fixture(scope="module")
def bundle(data_dir: Path) -> Bundle:
    """Return the session's live bundle."""
    return open_bundle(data_dir / "artifacts")


def test_application_columns_equal_the_bundles_rows(bundle: Bundle, client_ids) -> None:
    text = {c.name for c in table("application_test").columns if c.is_categorical}
    names = application_input_columns()
    stored = application_columns(bundle.arrow_table(APPLICATIONS), names, text)
    rows = stored.positions(client_ids)
    assert (rows >= 0).all()
    for client_id, row in zip(client_ids, rows, strict=True):
        record = stored_application(bundle, client_id)
        assert record is not None
        for name in names:
            value, expected = stored.columns[name][row], record[name]
            if name in text:
                assert value == expected, name
            elif expected is None:
                assert math.isnan(value), name
            else:
                assert value == float(expected), name


def test_the_bundle_shows_what_the_validated_tables_hold_but_protected_fields(
    bundle: Bundle, data_dir: Path, client_ids
) -> None:
    validated = load_applications(data_dir, client_ids)
    for client_id in client_ids:
        shown = validated[client_id]
        shown.pop(PROTECTED_ATTRIBUTE)
        assert stored_application(bundle, client_id) == shown


def test_an_unknown_client_has_no_application(bundle: Bundle) -> None:
    assert stored_application(bundle, 10**9) is None


def test_unsorted_rows_are_sorted_and_absent_fields_missing() -> None:
    data = pa.table({"SK_ID_CURR": [30, 10, 20], "AMT_CREDIT": [3.0, 1.0, None]})
    stored = application_columns(data, ["AMT_CREDIT", "NAME_TYPE_SUITE"], {"NAME_TYPE_SUITE"})
    assert stored.client_ids.tolist() == [10, 20, 30]
    assert stored.columns["AMT_CREDIT"][[0, 2]].tolist() == [1.0, 3.0]
    assert math.isnan(stored.columns["AMT_CREDIT"][1])
    assert stored.columns["NAME_TYPE_SUITE"].tolist() == [None, None, None]
    assert not stored.columns["AMT_CREDIT"].flags.writeable
    assert stored.positions([None, 10**9, 20]).tolist() == [-1, -1, 1]
