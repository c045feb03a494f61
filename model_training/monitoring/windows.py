"""Windows of events: split event times by day, ISO week (Monday first) or month, or a range."""

from __future__ import annotations

import numpy as np

PERIODS = ("day", "week", "month")
EPOCH_WEEKDAY = 3  # 1970-01-01 was a Thursday: Monday is day 0 of an ISO week


def window_starts(times: np.ndarray, period: str) -> np.ndarray:
    """Return the start (datetime64[D]) of each event time's window."""
    days = np.asarray(times, dtype="datetime64[ns]").astype("datetime64[D]")
    if period == "day":
        return days
    if period == "week":
        since_epoch = days.astype(np.int64)
        return (since_epoch - (since_epoch + EPOCH_WEEKDAY) % 7).astype("datetime64[D]")
    if period == "month":
        return days.astype("datetime64[M]").astype("datetime64[D]")
    raise ValueError(f"period {period!r} is not one of {', '.join(PERIODS)}")


def split_by_period(times: np.ndarray, period: str) -> dict[np.datetime64, np.ndarray]:
    """Return the row indices of each window, by window start (in time order)."""
    starts = window_starts(times, period)
    values, group = np.unique(starts, return_inverse=True)
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(len(values) + 1))
    return {start: order[lo:hi] for start, lo, hi in zip(values, bounds, bounds[1:], strict=False)}


def in_range(
    times: np.ndarray, start: np.datetime64 | None = None, end: np.datetime64 | None = None
) -> np.ndarray:
    """Return the row indices of events from ``start`` (included) to ``end`` (excluded)."""
    stamps = np.asarray(times, dtype="datetime64[ns]")
    mask = np.ones(len(stamps), dtype=bool)
    if start is not None:
        mask &= stamps >= np.asarray(start, dtype="datetime64[ns]")
    if end is not None:
        mask &= stamps < np.asarray(end, dtype="datetime64[ns]")
    return np.flatnonzero(mask)
