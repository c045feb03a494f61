"""Value rules that hold on the real Kaggle files: errors when broken, sign hints as warnings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from model_training.data.schema import PLACEHOLDER_DAYS, TableSpec, tables

NEGATIVE = ("{c} < 0", "a negative number of days")
NOT_POSITIVE = ("{c} <= 0", "zero or less (days or months before the application)")
NOT_NEGATIVE = ("{c} >= 0", "zero or more")
UNIT = ("{c} BETWEEN 0 AND 1", "a value between 0 and 1 (normalized)")
BINARY = ("{c} IN (0, 1)", "0 or 1")
HOUR = ("{c} BETWEEN 0 AND 23", "an hour from 0 to 23")
PAST_OR_PLACEHOLDER = (
    f"{{c}} <= 0 OR {{c}} = {PLACEHOLDER_DAYS}",
    f"zero or less, or the placeholder {PLACEHOLDER_DAYS}",
)

APPLICATION_RULES: dict[str, tuple[str, str]] = {
    "TARGET": BINARY,
    "CNT_CHILDREN": NOT_NEGATIVE,
    "AMT_INCOME_TOTAL": NOT_NEGATIVE,
    "AMT_CREDIT": NOT_NEGATIVE,
    "AMT_ANNUITY": NOT_NEGATIVE,
    "AMT_GOODS_PRICE": NOT_NEGATIVE,
    "REGION_POPULATION_RELATIVE": UNIT,
    "DAYS_BIRTH": NEGATIVE,
    "DAYS_EMPLOYED": PAST_OR_PLACEHOLDER,
    "DAYS_REGISTRATION": NOT_POSITIVE,
    "DAYS_ID_PUBLISH": NOT_POSITIVE,
    "DAYS_LAST_PHONE_CHANGE": NOT_POSITIVE,
    "OWN_CAR_AGE": NOT_NEGATIVE,
    "CNT_FAM_MEMBERS": NOT_NEGATIVE,
    "REGION_RATING_CLIENT": ("{c} BETWEEN 1 AND 3", "1, 2 or 3"),
    # -1 occurs once in Kaggle's test file.
    "REGION_RATING_CLIENT_W_CITY": ("{c} IN (-1, 1, 2, 3)", "1, 2 or 3 (or -1)"),
    "HOUR_APPR_PROCESS_START": HOUR,
}
TABLE_RULES: dict[str, dict[str, tuple[str, str]]] = {
    "application_train": APPLICATION_RULES,
    "application_test": APPLICATION_RULES,
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


@dataclass(frozen=True)
class RangeRule:
    """A condition every non-missing value of a column meets (``{c}`` is the column)."""

    column: str
    condition: str
    expected: str
    is_error: bool = True


def range_rules(spec: TableSpec) -> list[RangeRule]:
    """Return the value rules of one table: hard rules first, then sign hints (warnings)."""
    hard: dict[str, tuple[str, str]] = {}
    for column in spec.columns:
        name = column.name
        if name.startswith("SK_ID_"):
            hard[name] = ("{c} > 0", "a positive id")
        elif name.startswith("EXT_SOURCE_") or (column.dtype == "float" and BUILDING.match(name)):
            hard[name] = UNIT
        elif column.dtype == "int" and FLAG.match(name):
            hard[name] = BINARY
    hard.update(TABLE_RULES.get(spec.name, {}))
    rules = [RangeRule(name, *hard[name]) for name in spec.column_names if name in hard]
    for column in spec.columns:
        bounds = _kaggle_bounds(spec.name, column.name)
        if column.name in hard or bounds is None:
            continue
        low, high = bounds
        if low >= 0:
            rules.append(RangeRule(column.name, *NOT_NEGATIVE, is_error=False))
        elif high <= 0:
            rules.append(RangeRule(column.name, "{c} <= 0", "zero or less", is_error=False))
    return rules


def _kaggle_bounds(table_name: str, column_name: str) -> tuple[float, float] | None:
    """Return the min and max of a numeric column over the real files (train and test joined)."""
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
    return (min(lows), max(highs)) if lows else None
