"""Settings: the loan rate the forms assume comes from LOAN_ANNUAL_RATE, checked at start."""

from __future__ import annotations

import pytest

from scoring_api.config import Settings
from scoring_api.errors import ConfigurationError


def test_the_loan_rate_is_read_from_the_environment() -> None:
    assert Settings.from_env(environ={"LOAN_ANNUAL_RATE": "0.3"}).loan_annual_rate == 0.3


@pytest.mark.parametrize("raw", ["-0.01", "1", "16"])
def test_a_loan_rate_outside_0_to_1_is_refused_with_its_name(raw: str) -> None:
    with pytest.raises(ConfigurationError, match="LOAN_ANNUAL_RATE must be a yearly rate"):
        Settings.from_env(environ={"LOAN_ANNUAL_RATE": raw})
