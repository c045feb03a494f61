"""The dashboard's numbers: Kaggle's DAYS_* values in years (the formats are tested in
tests/model_training/presentation/test_formats.py)."""

from __future__ import annotations

import pytest

from dash_app.components.formatting import format_years, years_from_days


def test_days_before_the_application_become_years() -> None:
    assert years_from_days(-10957.5) == pytest.approx(30.0)
    assert format_years(years_from_days(-10957.5), "fr") == "30\u00a0ans"
    assert years_from_days(None) is None
