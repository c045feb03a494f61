"""Value rules of the loader: the columns' ranges (``data/ranges.py``) as SQL conditions.

Hard ranges are errors when broken; sign hints, read from the real files, are warnings.
"""

from __future__ import annotations

from dataclasses import dataclass

from model_training.data.ranges import column_range, sign_hint
from model_training.data.schema import TableSpec


@dataclass(frozen=True)
class RangeRule:
    """A condition every non-missing value of a column meets (``{c}`` is the column)."""

    column: str
    condition: str
    expected: str
    is_error: bool = True


def range_rules(spec: TableSpec) -> list[RangeRule]:
    """Return the value rules of one table: hard rules first, then sign hints (warnings)."""
    rules, hints = [], []
    for column in spec.columns:
        hard = column_range(spec.name, column)
        if hard is not None:
            rules.append(RangeRule(column.name, hard.sql("{c}"), hard.expected))
        elif (hint := sign_hint(spec.name, column.name)) is not None:
            hints.append(RangeRule(column.name, hint.sql("{c}"), hint.expected, is_error=False))
    return rules + hints
