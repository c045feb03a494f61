"""Loan terms: monthly amortisation between amount, term and instalment (figures by hand)."""

from __future__ import annotations

import numpy as np
import pytest

from model_training.loan_terms import instalment, term_months


@pytest.mark.parametrize(
    ("amount", "months", "annual_rate", "expected"),
    [
        (10_000, 12, 0.12, 888.49),  # r = 1 %: 10,000 × 0.01 / (1 − 1.01^−12)
        (10_000, 12, 0.0, 833.33),  # no interest: 10,000 / 12
        (1_000, 1, 0.12, 1_010.00),  # one month: the amount plus a month's interest
        (120_000, 24, 0.18, 5_990.89),  # r = 1.5 %: 120,000 × 0.015 / (1 − 1.015^−24)
    ],
)
def test_the_instalment_is_the_standard_monthly_amortisation(
    amount: float, months: int, annual_rate: float, expected: float
) -> None:
    assert round(instalment(amount, months, annual_rate), 2) == expected


@pytest.mark.parametrize(
    ("amount", "payment", "annual_rate", "expected"),
    [
        (10_000, 888.4878867834, 0.12, 12.0),
        (1_200, 100, 0.0, 12.0),
        (1_000, 1_010, 0.12, 1.0),
    ],
)
def test_the_term_is_the_inverse_of_the_instalment(
    amount: float, payment: float, annual_rate: float, expected: float
) -> None:
    assert term_months(amount, payment, annual_rate) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize("payment", [100.0, 50.0, 0.0, -10.0])
def test_an_instalment_that_does_not_beat_the_interest_never_repays(payment: float) -> None:
    assert term_months(10_000, payment, 0.12) is None  # a month's interest is 100


def test_the_instalment_is_proportional_to_the_amount_at_a_fixed_term() -> None:
    assert instalment(40_000, 36) == pytest.approx(4 * instalment(10_000, 36))


def test_arrays_go_through_element_by_element() -> None:
    amounts = np.array([10_000.0, 10_000.0, 10_000.0])
    payments = instalment(amounts, np.array([12, 24, 36]), np.array([0.12, 0.0, 0.12]))
    assert np.round(payments, 2).tolist() == [888.49, 416.67, 332.14]
    months = term_months(amounts, np.array([888.4878867834, 416.6666666667, 50.0]), 0.12)
    assert np.isnan(months[2])
    assert months[0] == pytest.approx(12.0)
