"""The values a column may hold: one definition for the loader's checks and the API's requests.

Each rule holds on Kaggle's real files. The loader turns a hard range into a SQL check (an
error when broken) and a sign hint, read from the real files' minimum and maximum, into a
warning; the API's request model bounds the same application fields by the same ranges
(``scoring_api/schemas.py``), so a value the loader refuses is a value the API refuses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from model_training.data.schema import PLACEHOLDER_DAYS, ColumnSpec, tables

OLDEST_DAYS = -40_000  # about 110 years before the application: no real DAYS_* goes further


@dataclass(frozen=True)
class ValueRange:
    """The values a column may hold: a range, or a list of values, and perhaps a placeholder."""

    expected: str  # in words, for the messages
    low: float | None = None
    high: float | None = None
    is_high_strict: bool = False  # value < high rather than value <= high
    values: tuple[int, ...] = ()  # the only values allowed, when given
    placeholder: int | None = None  # allowed besides the range

    def sql(self, column: str) -> str:
        """Return the SQL condition a non-missing value of ``column`` meets."""
        if self.values:
            condition = f"{column} IN ({', '.join(str(v) for v in self.values)})"
        else:
            parts = [] if self.low is None else [f"{column} >= {self.low:g}"]
            if self.high is not None:
                parts.append(f"{column} {'<' if self.is_high_strict else '<='} {self.high:g}")
            condition = " AND ".join(parts)
        if self.placeholder is not None:
            condition = f"({condition}) OR {column} = {self.placeholder}"
        return condition

    def field_bounds(self) -> dict[str, float]:
        """Return the bounds pydantic checks itself (``ge``, ``le``, ``lt``), the rest aside."""
        if self.placeholder is not None:
            return {}
        if self.values:
            return {"ge": min(self.values), "le": max(self.values)}
        bounds = {} if self.low is None else {"ge": self.low}
        if self.high is not None:
            bounds["lt" if self.is_high_strict else "le"] = self.high
        return bounds

    @property
    def needs_check(self) -> bool:
        """Tell whether bounds alone do not say it (a list of values or a placeholder)."""
        return bool(self.values) or self.placeholder is not None

    def contains(self, value: float) -> bool:
        """Tell whether a value is allowed."""
        if value == self.placeholder:
            return True
        if self.values:
            return value in self.values
        above = self.low is None or value >= self.low
        below = self.high is None or (
            value < self.high if self.is_high_strict else value <= self.high
        )
        return above and below


POSITIVE_ID = ValueRange("a positive id", low=1)
NEGATIVE = ValueRange("a negative number of days", high=0, is_high_strict=True)
NOT_POSITIVE = ValueRange("zero or less (days or months before the application)", high=0)
NOT_NEGATIVE = ValueRange("zero or more", low=0)
UNIT = ValueRange("a value between 0 and 1 (normalized)", low=0, high=1)
BINARY = ValueRange("0 or 1", values=(0, 1))
HOUR = ValueRange("an hour from 0 to 23", low=0, high=23)
APPLICATION_DAYS = ValueRange(
    f"zero or less (days before the application), not before {OLDEST_DAYS:,}",
    low=OLDEST_DAYS,
    high=0,
)
APPLICATION_RANGES: dict[str, ValueRange] = {
    "TARGET": BINARY,
    "CNT_CHILDREN": NOT_NEGATIVE,
    "AMT_INCOME_TOTAL": NOT_NEGATIVE,
    "AMT_CREDIT": NOT_NEGATIVE,
    "AMT_ANNUITY": NOT_NEGATIVE,
    "AMT_GOODS_PRICE": NOT_NEGATIVE,
    "REGION_POPULATION_RELATIVE": UNIT,
    "DAYS_BIRTH": ValueRange(
        f"a negative number of days, not before {OLDEST_DAYS:,}",
        low=OLDEST_DAYS,
        high=0,
        is_high_strict=True,
    ),
    "DAYS_EMPLOYED": ValueRange(
        f"zero or less, or the placeholder {PLACEHOLDER_DAYS}",
        low=OLDEST_DAYS,
        high=0,
        placeholder=PLACEHOLDER_DAYS,
    ),
    "DAYS_REGISTRATION": APPLICATION_DAYS,
    "DAYS_ID_PUBLISH": APPLICATION_DAYS,
    "DAYS_LAST_PHONE_CHANGE": APPLICATION_DAYS,
    "OWN_CAR_AGE": NOT_NEGATIVE,
    "CNT_FAM_MEMBERS": NOT_NEGATIVE,
    "REGION_RATING_CLIENT": ValueRange("1, 2 or 3", values=(1, 2, 3)),
    # -1 occurs once in Kaggle's test file.
    "REGION_RATING_CLIENT_W_CITY": ValueRange("1, 2 or 3 (or -1)", values=(-1, 1, 2, 3)),
    "HOUR_APPR_PROCESS_START": HOUR,
}
TABLE_RANGES: dict[str, dict[str, ValueRange]] = {
    "application_train": APPLICATION_RANGES,
    "application_test": APPLICATION_RANGES,
    "bureau": {
        "DAYS_CREDIT": NOT_POSITIVE,
        "CREDIT_DAY_OVERDUE": NOT_NEGATIVE,
        "CNT_CREDIT_PROLONG": NOT_NEGATIVE,
        "DAYS_ENDDATE_FACT": NOT_POSITIVE,
    },
    "bureau_balance": {"MONTHS_BALANCE": NOT_POSITIVE},
    "previous_application": {
        "HOUR_APPR_PROCESS_START": HOUR,
        "NFLAG_LAST_APPL_IN_DAY": BINARY,
        "NFLAG_INSURED_ON_APPROVAL": BINARY,
        "DAYS_DECISION": NOT_POSITIVE,
        "CNT_PAYMENT": NOT_NEGATIVE,
    },
    "POS_CASH_balance": {
        "MONTHS_BALANCE": NOT_POSITIVE,
        "SK_DPD": NOT_NEGATIVE,
        "SK_DPD_DEF": NOT_NEGATIVE,
    },
    "installments_payments": {
        "NUM_INSTALMENT_VERSION": NOT_NEGATIVE,
        "NUM_INSTALMENT_NUMBER": NOT_NEGATIVE,
        "DAYS_INSTALMENT": NOT_POSITIVE,
        "DAYS_ENTRY_PAYMENT": NOT_POSITIVE,
    },
    "credit_card_balance": {
        "MONTHS_BALANCE": NOT_POSITIVE,
        "AMT_CREDIT_LIMIT_ACTUAL": NOT_NEGATIVE,
        "SK_DPD": NOT_NEGATIVE,
        "SK_DPD_DEF": NOT_NEGATIVE,
    },
}
BUILDING = re.compile(r"^[A-Z_]+_(AVG|MODE|MEDI)$")
FLAG = re.compile(r"^(FLAG_|REG_|LIVE_)")
SIGN_HINT_NOT_POSITIVE = ValueRange("zero or less", high=0)


def column_range(table_name: str, column: ColumnSpec) -> ValueRange | None:
    """Return the hard range of a column (an error when broken), or None."""
    name = column.name
    if name in TABLE_RANGES.get(table_name, {}):
        return TABLE_RANGES[table_name][name]
    if name.startswith("SK_ID_"):
        return POSITIVE_ID
    if name.startswith("EXT_SOURCE_") or (column.dtype == "float" and BUILDING.match(name)):
        return UNIT
    if column.dtype == "int" and FLAG.match(name):
        return BINARY
    return None


def sign_hint(table_name: str, column_name: str) -> ValueRange | None:
    """Return the sign every real value of a numeric column has (zero or more, or less), or None."""
    names = (
        ("application_train", "application_test")
        if table_name.startswith("application_")
        else (table_name,)
    )
    lows, highs = [], []
    for name in names:
        spec = tables()[name]
        if column_name not in spec.column_names:
            continue
        stats = spec.column(column_name).stats
        if not stats or "min" not in stats or "max" not in stats:
            return None
        lows.append(stats["min"])
        highs.append(stats["max"])
    if not lows:
        return None
    if min(lows) >= 0:
        return NOT_NEGATIVE
    return SIGN_HINT_NOT_POSITIVE if max(highs) <= 0 else None
