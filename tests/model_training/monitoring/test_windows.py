"""Windows: events split by day, ISO week (Monday first), month, or a range."""

from __future__ import annotations

import numpy as np
import pytest

from model_training.monitoring.windows import in_range, split_by_period

TIMES = np.array(
    ["2026-03-01T23:59", "2026-03-02T00:00", "2026-03-08T12:00", "2026-03-09T08:00",
     "2026-04-01T00:00"],
    dtype="datetime64[m]",
)  # fmt: skip


def test_days_weeks_and_months_group_the_right_events() -> None:
    days = split_by_period(TIMES, "day")
    assert [str(d) for d in days] == [
        "2026-03-01", "2026-03-02", "2026-03-08", "2026-03-09", "2026-04-01"
    ]  # fmt: skip
    weeks = split_by_period(TIMES, "week")  # 2026-03-02 and 2026-03-09 are Mondays
    assert {str(k): v.tolist() for k, v in weeks.items()} == {
        "2026-02-23": [0], "2026-03-02": [1, 2], "2026-03-09": [3], "2026-03-30": [4]
    }  # fmt: skip
    months = split_by_period(TIMES, "month")
    assert {str(k): v.tolist() for k, v in months.items()} == {
        "2026-03-01": [0, 1, 2, 3], "2026-04-01": [4]
    }  # fmt: skip


def test_a_range_includes_its_start_and_excludes_its_end() -> None:
    start, end = np.datetime64("2026-03-02"), np.datetime64("2026-03-09")
    assert in_range(TIMES, start, end).tolist() == [1, 2]
    assert in_range(TIMES).tolist() == [0, 1, 2, 3, 4]
    assert split_by_period(np.array([], dtype="datetime64[s]"), "day") == {}


def test_an_unknown_period_is_named() -> None:
    with pytest.raises(ValueError, match="'year' is not one of day, week, month"):
        split_by_period(TIMES, "year")
