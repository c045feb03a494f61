"""Facts proved while streaming: a monthly key is unique, ids are found in the parent table.

Monthly tables list each credit's months together (bureau_balance: one SK_ID_BUREAU, then
MONTHS_BALANCE 0, -1, -2, ...). Then the key is unique when every run of equal first values
holds strictly ordered second values (one direction for the whole file) and no first value
starts two runs: a check on the run starts only, far cheaper than hashing every row. When the
file is not so grouped, nothing is proved and the checks count repeated keys the usual way.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

MAX_TABLE_RANGE = 1 << 28  # ids spread wider than this are matched by sorting instead


class KeyOrder:
    """Follow a two-column key chunk by chunk; ``is_unique`` tells whether it was proved."""

    def __init__(self, first: str, second: str) -> None:
        """Follow the key ``(first, second)``."""
        self.columns = (first, second)
        self.is_grouped = True
        self.direction = 0  # -1 or 1 once a run of two rows or more is seen
        self.last: tuple[int, int] | None = None
        self.run_starts: list[np.ndarray] = []

    def add(self, chunk: pa.Table) -> None:
        """Take the next rows of the file."""
        if not self.is_grouped or chunk.num_rows == 0:
            return
        first, second = (chunk.column(name) for name in self.columns)
        if first.null_count or second.null_count:
            self.is_grouped = False  # empty keys are errors the checks report
            return
        a = first.to_numpy()
        b = second.to_numpy()
        if self.last is not None:
            a = np.concatenate(([self.last[0]], a))
            b = np.concatenate(([self.last[1]], b))
            starts = a[1:][a[1:] != a[:-1]]
        else:
            starts = np.concatenate((a[:1], a[1:][a[1:] != a[:-1]]))
        same = a[1:] == a[:-1]
        steps = np.sign(b[1:][same] - b[:-1][same])
        directions = set(np.unique(steps).tolist()) | ({self.direction} - {0})
        if 0 in directions or len(directions) > 1:
            self.is_grouped = False
            return
        if directions:
            self.direction = directions.pop()
        self.run_starts.append(starts)
        self.last = (int(a[-1]), int(b[-1]))

    @property
    def is_unique(self) -> bool:
        """Tell whether the rows seen prove the key unique."""
        if not self.is_grouped:
            return False
        starts = np.concatenate(self.run_starts) if self.run_starts else np.empty(0)
        return len(np.unique(starts)) == len(starts)


class KeySet:
    """The ids of a reference's parent rows: a lookup table over their range, else sorted."""

    def __init__(self, keys: np.ndarray) -> None:
        """Index ``keys`` (whole numbers)."""
        self.low = int(keys.min()) if len(keys) else 0
        high = int(keys.max()) if len(keys) else -1
        self.table: np.ndarray | None = None
        self.sorted = np.empty(0, dtype=np.int64)  # the keys when there is no table
        if high - self.low < MAX_TABLE_RANGE:
            self.table = np.zeros(high - self.low + 1, dtype=bool)
            self.table[keys - self.low] = True
        else:
            self.sorted = np.unique(keys)

    def count_missing(self, ids: np.ndarray) -> int:
        """Return how many of ``ids`` are not in the set."""
        if self.table is None:
            return int(len(ids) - np.isin(ids, self.sorted).sum())
        offset = ids - self.low
        inside = offset[(offset >= 0) & (offset < len(self.table))]
        return int(len(ids) - np.count_nonzero(self.table[inside]))
