"""Hand-written tiny validated tables: three clients, every history table, known answers."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from model_training.data.schema import DATA_TABLES, table

ARROW_TYPES = {"int": pa.int64(), "float": pa.float64(), "str": pa.string()}
FINGERPRINT = "hand-written-tables"
PLACEHOLDER = 365243

APPLICATIONS = [
    {  # train, defaulted, full history
        "SK_ID_CURR": 100002, "TARGET": 1, "CODE_GENDER": "M", "NAME_INCOME_TYPE": "Working",
        "AMT_INCOME_TOTAL": 100000.0, "AMT_CREDIT": 200000.0, "AMT_ANNUITY": 10000.0,
        "AMT_GOODS_PRICE": 160000.0, "CNT_FAM_MEMBERS": 2.0, "CNT_CHILDREN": 1,
        "DAYS_BIRTH": -14610, "DAYS_EMPLOYED": -1461, "EXT_SOURCE_1": 0.2,
        "EXT_SOURCE_3": 0.6, "FLAG_DOCUMENT_3": 1, "FLAG_DOCUMENT_8": 1,
        "NAME_FAMILY_STATUS": "Married",
    },
    {  # train, pensioner on maternity leave code, credit card only
        "SK_ID_CURR": 100003, "TARGET": 0, "CODE_GENDER": "F",
        "NAME_INCOME_TYPE": "Maternity leave", "AMT_INCOME_TOTAL": 50000.0,
        "AMT_CREDIT": 100000.0, "AMT_ANNUITY": 5000.0, "AMT_GOODS_PRICE": 100000.0,
        "CNT_FAM_MEMBERS": 1.0, "DAYS_BIRTH": -21915, "DAYS_EMPLOYED": PLACEHOLDER,
        "EXT_SOURCE_1": 0.5, "EXT_SOURCE_2": 0.5, "EXT_SOURCE_3": 0.5,
        "NAME_FAMILY_STATUS": "Unknown",
    },
]  # fmt: skip
TEST_APPLICATIONS = [
    {  # test, no history anywhere
        "SK_ID_CURR": 100001, "CODE_GENDER": "F", "NAME_INCOME_TYPE": "Pensioner",
        "AMT_INCOME_TOTAL": 80000.0, "AMT_CREDIT": 0.0, "AMT_ANNUITY": 0.0,
        "CNT_FAM_MEMBERS": 1.0, "DAYS_BIRTH": -25000, "DAYS_EMPLOYED": -100,
        "REGION_RATING_CLIENT_W_CITY": -1,
    },
]  # fmt: skip
HISTORY = {
    "bureau": [
        {"SK_ID_CURR": 100002, "SK_ID_BUREAU": 5001, "CREDIT_ACTIVE": "Active",
         "CREDIT_TYPE": "Consumer credit", "DAYS_CREDIT": -100, "CREDIT_DAY_OVERDUE": 10,
         "AMT_CREDIT_SUM": 1000.0, "AMT_CREDIT_SUM_DEBT": 400.0, "AMT_CREDIT_SUM_OVERDUE": 50.0,
         "AMT_CREDIT_MAX_OVERDUE": 70.0, "CNT_CREDIT_PROLONG": 1, "DAYS_CREDIT_UPDATE": -5,
         "AMT_ANNUITY": 20.0, "DAYS_CREDIT_ENDDATE": 300.0},
        {"SK_ID_CURR": 100002, "SK_ID_BUREAU": 5002, "CREDIT_ACTIVE": "Closed",
         "CREDIT_TYPE": "Credit card", "DAYS_CREDIT": -500, "CREDIT_DAY_OVERDUE": 0,
         "AMT_CREDIT_SUM": 2000.0, "AMT_CREDIT_SUM_DEBT": 0.0, "AMT_CREDIT_SUM_OVERDUE": 0.0,
         "CNT_CREDIT_PROLONG": 0, "DAYS_CREDIT_UPDATE": -50},
        {"SK_ID_CURR": 100002, "SK_ID_BUREAU": 5003, "CREDIT_ACTIVE": "Active",
         "CREDIT_TYPE": "Credit card", "DAYS_CREDIT": -300, "CREDIT_DAY_OVERDUE": 0,
         "AMT_CREDIT_SUM": 500.0, "AMT_CREDIT_SUM_DEBT": 250.0, "AMT_CREDIT_SUM_OVERDUE": 0.0,
         "CNT_CREDIT_PROLONG": 0, "DAYS_CREDIT_UPDATE": -1},
    ],
    "bureau_balance": [
        {"SK_ID_BUREAU": 5001, "MONTHS_BALANCE": 0, "STATUS": "0"},
        {"SK_ID_BUREAU": 5001, "MONTHS_BALANCE": -1, "STATUS": "1"},
        {"SK_ID_BUREAU": 5001, "MONTHS_BALANCE": -2, "STATUS": "C"},
        {"SK_ID_BUREAU": 5001, "MONTHS_BALANCE": -13, "STATUS": "3"},
        {"SK_ID_BUREAU": 5002, "MONTHS_BALANCE": -20, "STATUS": "X"},
        {"SK_ID_BUREAU": 9999, "MONTHS_BALANCE": -1, "STATUS": "5"},  # orphan: no bureau row
    ],
    "previous_application": [
        {"SK_ID_PREV": 1, "SK_ID_CURR": 100002, "NAME_CONTRACT_STATUS": "Approved",
         "NAME_CONTRACT_TYPE": "Cash loans", "AMT_APPLICATION": 1000.0, "AMT_CREDIT": 800.0,
         "AMT_ANNUITY": 90.0, "DAYS_DECISION": -100, "CNT_PAYMENT": 12.0,
         "DAYS_LAST_DUE": float(PLACEHOLDER), "DAYS_FIRST_DRAWING": float(PLACEHOLDER),
         "DAYS_LAST_DUE_1ST_VERSION": float(PLACEHOLDER), "DAYS_FIRST_DUE": -70.0,
         "DAYS_TERMINATION": float(PLACEHOLDER), "NAME_YIELD_GROUP": "high"},
        {"SK_ID_PREV": 2, "SK_ID_CURR": 100002, "NAME_CONTRACT_STATUS": "Refused",
         "NAME_CONTRACT_TYPE": "Consumer loans", "AMT_APPLICATION": 500.0, "AMT_CREDIT": 0.0,
         "DAYS_DECISION": -400, "CNT_PAYMENT": 6.0, "DAYS_LAST_DUE_1ST_VERSION": -10.0,
         "NAME_YIELD_GROUP": "XNA"},
        {"SK_ID_PREV": 3, "SK_ID_CURR": 100002, "NAME_CONTRACT_STATUS": "Canceled",
         "NAME_CONTRACT_TYPE": "Revolving loans", "AMT_APPLICATION": 0.0, "AMT_CREDIT": 0.0,
         "DAYS_DECISION": -50, "NAME_YIELD_GROUP": "XNA"},
    ],
    "POS_CASH_balance": [
        {"SK_ID_PREV": 10, "SK_ID_CURR": 100002, "MONTHS_BALANCE": -1, "CNT_INSTALMENT": 6.0,
         "CNT_INSTALMENT_FUTURE": 2.0, "NAME_CONTRACT_STATUS": "Active", "SK_DPD": 0,
         "SK_DPD_DEF": 0},
        {"SK_ID_PREV": 10, "SK_ID_CURR": 100002, "MONTHS_BALANCE": -2, "CNT_INSTALMENT": 6.0,
         "CNT_INSTALMENT_FUTURE": 3.0, "NAME_CONTRACT_STATUS": "Active", "SK_DPD": 5,
         "SK_DPD_DEF": 0},
        {"SK_ID_PREV": 10, "SK_ID_CURR": 100002, "MONTHS_BALANCE": -13, "CNT_INSTALMENT": 6.0,
         "CNT_INSTALMENT_FUTURE": 4.0, "NAME_CONTRACT_STATUS": "Active", "SK_DPD": 40,
         "SK_DPD_DEF": 10},
        {"SK_ID_PREV": 11, "SK_ID_CURR": 100002, "MONTHS_BALANCE": -20, "CNT_INSTALMENT": 12.0,
         "CNT_INSTALMENT_FUTURE": 0.0, "NAME_CONTRACT_STATUS": "Completed", "SK_DPD": 0,
         "SK_DPD_DEF": 0},
    ],
    "installments_payments": [
        {"SK_ID_PREV": 10, "SK_ID_CURR": 100002, "NUM_INSTALMENT_VERSION": 1.0,
         "NUM_INSTALMENT_NUMBER": 1, "DAYS_INSTALMENT": -30.0, "DAYS_ENTRY_PAYMENT": -25.0,
         "AMT_INSTALMENT": 100.0, "AMT_PAYMENT": 100.0},
        {"SK_ID_PREV": 10, "SK_ID_CURR": 100002, "NUM_INSTALMENT_VERSION": 1.0,
         "NUM_INSTALMENT_NUMBER": 2, "DAYS_INSTALMENT": -60.0, "DAYS_ENTRY_PAYMENT": -70.0,
         "AMT_INSTALMENT": 100.0, "AMT_PAYMENT": 50.0},
        {"SK_ID_PREV": 11, "SK_ID_CURR": 100002, "NUM_INSTALMENT_VERSION": 1.0,
         "NUM_INSTALMENT_NUMBER": 1, "DAYS_INSTALMENT": -400.0, "DAYS_ENTRY_PAYMENT": -360.0,
         "AMT_INSTALMENT": 200.0, "AMT_PAYMENT": 200.0},
        {"SK_ID_PREV": 10, "SK_ID_CURR": 100002, "NUM_INSTALMENT_VERSION": 1.0,
         "NUM_INSTALMENT_NUMBER": 3, "DAYS_INSTALMENT": -90.0, "AMT_INSTALMENT": 100.0},
    ],
    "credit_card_balance": [
        {"SK_ID_PREV": 20, "SK_ID_CURR": 100003, "MONTHS_BALANCE": -1, "AMT_BALANCE": 500.0,
         "AMT_CREDIT_LIMIT_ACTUAL": 1000, "AMT_DRAWINGS_CURRENT": 100.0,
         "CNT_DRAWINGS_CURRENT": 2, "AMT_DRAWINGS_ATM_CURRENT": 50.0,
         "CNT_DRAWINGS_ATM_CURRENT": 1.0, "AMT_PAYMENT_TOTAL_CURRENT": 30.0,
         "AMT_INST_MIN_REGULARITY": 50.0, "SK_DPD": 0, "SK_DPD_DEF": 0},
        {"SK_ID_PREV": 20, "SK_ID_CURR": 100003, "MONTHS_BALANCE": -2, "AMT_BALANCE": 1000.0,
         "AMT_CREDIT_LIMIT_ACTUAL": 1000, "AMT_DRAWINGS_CURRENT": 0.0,
         "CNT_DRAWINGS_CURRENT": 0, "AMT_PAYMENT_TOTAL_CURRENT": 100.0,
         "AMT_INST_MIN_REGULARITY": 50.0, "SK_DPD": 3, "SK_DPD_DEF": 1},
        {"SK_ID_PREV": 20, "SK_ID_CURR": 100003, "MONTHS_BALANCE": -14, "AMT_BALANCE": 0.0,
         "AMT_CREDIT_LIMIT_ACTUAL": 0, "AMT_DRAWINGS_CURRENT": 200.0,
         "CNT_DRAWINGS_CURRENT": 1, "AMT_DRAWINGS_ATM_CURRENT": 200.0,
         "CNT_DRAWINGS_ATM_CURRENT": 1.0, "AMT_PAYMENT_TOTAL_CURRENT": 0.0,
         "AMT_INST_MIN_REGULARITY": 0.0, "SK_DPD": 0, "SK_DPD_DEF": 0},
    ],
}  # fmt: skip


def application_defaults(name: str) -> dict[str, object]:
    """Return a neutral value for every column of an application table."""
    values: dict[str, object] = {}
    for column in table(name).columns:
        if column.dtype == "int":
            values[column.name] = 0
        elif column.dtype == "float":
            values[column.name] = None
        else:
            values[column.name] = "XNA" if column.name == "ORGANIZATION_TYPE" else None
    values["REGION_RATING_CLIENT_W_CITY"] = 2
    values["REGION_RATING_CLIENT"] = 2
    return values


def typed_frame(name: str, rows: list[dict[str, object]]) -> pa.Table:
    """Return rows as an Arrow table with the validated types of ``name`` (absent = missing)."""
    spec = table(name)
    schema = pa.schema([(c.name, ARROW_TYPES[c.dtype]) for c in spec.columns])
    columns = {c.name: [row.get(c.name) for row in rows] for c in spec.columns}
    return pa.Table.from_pydict(columns, schema=schema)


def application_rows(name: str, rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Return application rows completed with neutral values."""
    return [{**application_defaults(name), **row} for row in rows]


def write_validated(data_dir: Path, rows: dict[str, list[dict[str, object]]]) -> Path:
    """Write DATA_DIR/validated/ by hand (every table, fingerprint.json); return DATA_DIR."""
    validated = data_dir / "validated"
    validated.mkdir(parents=True)
    for name in DATA_TABLES:
        pq.write_table(typed_frame(name, rows.get(name, [])), validated / f"{name}.parquet")
    (validated / "fingerprint.json").write_text(json.dumps({"fingerprint": FINGERPRINT}))
    return data_dir


def tiny_rows() -> dict[str, list[dict[str, object]]]:
    """Return every table's hand-written rows, applications completed with neutral values."""
    return {
        "application_train": application_rows("application_train", APPLICATIONS),
        "application_test": application_rows("application_test", TEST_APPLICATIONS),
        **HISTORY,
    }
