"""The replay's plan: seeded draws, times within the day, the shift and outcome dates."""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np

from model_training.features.application import EXT_SOURCES
from scoring_api.events.replay_plan import Shift, outcome_day, plan_days, shift_records

START = datetime.date(2026, 3, 1)


def test_a_plan_is_seeded_dated_and_distinct_within_a_day() -> None:
    plan = plan_days(START, 3, 5, 40, seed=7)
    again = plan_days(START, 3, 5, 40, seed=7)
    assert [p.day for p in plan] == [START + datetime.timedelta(days=i) for i in range(3)]
    for day, same in zip(plan, again, strict=True):
        assert np.array_equal(day.rows, same.rows)
        assert day.times == same.times
        assert len(set(day.rows.tolist())) == 5
        assert day.times == sorted(day.times)
        assert all(t.date() == day.day and t.tzinfo == datetime.UTC for t in day.times)
    other = plan_days(START, 3, 5, 40, seed=8)
    assert any(not np.array_equal(a.rows, b.rows) for a, b in zip(plan, other, strict=True))


def test_more_clients_a_day_than_the_dataset_holds_are_drawn_again() -> None:
    (day,) = plan_days(START, 1, 10, 3, seed=0)
    assert len(day.rows) == 10
    assert set(day.rows.tolist()) <= {0, 1, 2}


def test_a_shift_multiplies_incomes_and_removes_external_scores_for_a_share() -> None:
    records: list[dict[str, Any]] = [
        {"AMT_INCOME_TOTAL": 100.0, **dict.fromkeys(EXT_SOURCES, 0.5)} for _ in range(200)
    ]
    records.append({"AMT_INCOME_TOTAL": None})
    shifted = shift_records(records, Shift(START, 0.8, 0.3), seed=1, day_index=4)
    assert [r["AMT_INCOME_TOTAL"] for r in shifted[:-1]] == [80.0] * 200
    assert shifted[-1]["AMT_INCOME_TOTAL"] is None
    lost = [all(r[name] is None for name in EXT_SOURCES) for r in shifted[:-1]]
    assert all(lost[i] or all(r[n] == 0.5 for n in EXT_SOURCES) for i, r in enumerate(shifted[:-1]))
    assert 0.2 < np.mean(lost) < 0.4
    assert records[0]["AMT_INCOME_TOTAL"] == 100.0  # the input is left as it was
    assert shift_records(records, Shift(START, 0.8, 0.3), 1, 4) == shifted


def test_a_shift_applies_from_its_first_day() -> None:
    shift = Shift(START)
    assert not shift.applies(START - datetime.timedelta(days=1))
    assert shift.applies(START)
    assert shift.applies(START + datetime.timedelta(days=9))


def test_an_outcome_is_dated_after_the_event_and_never_after_as_of() -> None:
    assert outcome_day(START, 10, datetime.date(2026, 3, 11)) == datetime.date(2026, 3, 11)
    assert outcome_day(START, 11, datetime.date(2026, 3, 11)) is None
    assert outcome_day(START, None, datetime.date(2027, 1, 1)) is None
