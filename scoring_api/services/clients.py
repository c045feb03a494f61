"""Client listing with cursor paging, a client's file, data export and population samples."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import numpy as np

from model_training.modeling.risk_bands import BAND_BY_CODE, risk_bands
from scoring_api.bundle_store import ServingBundle
from scoring_api.errors import ApiError
from scoring_api.schemas import ClientsQuery
from scoring_api.services.client_index import client_index, matching, page_rows
from scoring_api.services.explanation import explain_stored_client
from scoring_api.services.raw_data import (
    json_value,
    load_application,
    load_history,
    stored_application,
)
from scoring_api.services.scoring import client_row, stored_score
from scoring_api.urls import is_ascii_digits

SAMPLE_SEED = 0
# A cell starting with one of these is read as a formula by Excel, LibreOffice or Sheets (OWASP's
# list, with line feed, NUL and the full-width forms some spreadsheets also take).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")


def list_clients(bundle: ServingBundle, filters: ClientsQuery, lang: str = "fr") -> dict[str, Any]:
    """Return a page of clients matching the filters, in the asked order, and their total.

    The cursor is the last SK_ID_CURR of the previous page when sorted by id (as before), and
    the last client's position in the probability order otherwise; a cursor is valid only with
    the filters and sort of the page that returned it.
    """
    query, cursor, limit = filters.query, filters.cursor, filters.limit
    if query and not is_ascii_digits(query):
        raise ApiError(422, "invalid_query", "query must be digits of an SK_ID_CURR.")
    if cursor and not is_ascii_digits(cursor):
        raise ApiError(422, "invalid_cursor", "cursor must be a next_cursor this API returned.")
    index = client_index(bundle)
    by_id = filters.sort == "id"
    if cursor and not by_id and int(cursor) >= len(bundle.client_ids):
        raise ApiError(422, "invalid_cursor", "cursor must be a next_cursor this API returned.")
    start = 0
    if cursor:
        start = (
            int(np.searchsorted(bundle.client_ids, int(cursor), side="right"))
            if by_id
            else int(cursor) + 1
        )
    mask = matching(index, query, filters.decision, filters.risk_band)
    rows, positions = page_rows(index.orders[filters.sort], mask, start, limit)
    items = [_summary(bundle, int(row), lang) for row in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        next_cursor = str(items[-1]["client_id"]) if by_id else str(int(positions[limit - 1]))
    return {"items": items, "next_cursor": next_cursor, "total": int(mask.sum())}


def _summary(bundle: ServingBundle, row: int, lang: str) -> dict[str, Any]:
    """Return one client's list entry: id, train/test, score, decision and risk band."""
    return {
        "client_id": int(bundle.client_ids[row]),
        "is_test": bool(bundle.scores["is_test"].iat[row]),
        **stored_score(bundle, row, lang),
        **band_fields(bundle, float(bundle.scores["probability"].iat[row]), lang),
    }


def band_fields(bundle: ServingBundle, probability: float, lang: str) -> dict[str, str]:
    """Return the risk band of a probability of default: its letter and label in ``lang``."""
    code = str(risk_bands(probability, bundle.threshold, bundle.scale))
    return {"risk_band": code, "risk_band_label": BAND_BY_CODE[code].label(lang)}


def _file_head(bundle: ServingBundle, row: int, lang: str) -> dict[str, Any]:
    """Return the head of a client's file: list entry and peer group."""
    return {
        **_summary(bundle, row, lang),
        "peer_group": json_value(bundle.scores["peer_group"].iat[row])
        if "peer_group" in bundle.scores
        else None,
    }


def client_file(bundle: ServingBundle, client_id: int, lang: str = "fr") -> dict[str, Any]:
    """Return a client's file: score summary and the application fields the bundle shows."""
    row = client_row(bundle, client_id)
    return {
        **_file_head(bundle, row, lang),
        "application": stored_application(bundle.source, client_id),
    }


def export_client(
    bundle: ServingBundle, data_dir: Path, client_id: int, lang: str = "fr"
) -> dict[str, Any]:
    """Return everything held about a client: file, score, features, history rows, and the
    explanation of the decision (reason groups and reasons, as the file shows them).

    The application and history rows are the validated tables' (DATA_DIR): the whole record.
    """
    row = client_row(bundle, client_id)
    features = {name: json_value(bundle.store[name].iat[row]) for name in bundle.features}
    explanation = explain_stored_client(bundle, client_id, 1, lang)
    return {
        **_file_head(bundle, row, lang),
        "application": load_application(data_dir, client_id),
        "features": features,
        "history": load_history(data_dir, client_id),
        "explanation": {k: explanation[k] for k in ("groups", "reasons")},
    }


def _cell(value: Any) -> Any:
    """Return a reason's evidence as "feature=value; ..." (other values as they are)."""
    if isinstance(value, list):
        return "; ".join(f"{item['feature']}={item['value']}" for item in value)
    return value


def spreadsheet_cell(value: Any) -> Any:
    """Return a cell a spreadsheet shows as written: a text that would start a formula gets
    a leading ``'`` (OWASP's advice against CSV injection); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def export_as_csv(export: dict[str, Any]) -> str:
    """Return an export as one long CSV: section, row, field, value (no cell a formula)."""
    rows: list[list[Any]] = []
    for key, value in export.items():
        if key in ("application", "features") and isinstance(value, dict):
            rows.extend([key, 0, k, v] for k, v in value.items())
        elif key == "history":
            for name, records in value.items():
                for i, record in enumerate(records):
                    rows.extend([name, i, k, v] for k, v in record.items())
        elif key == "reviews":
            for i, record in enumerate(value):
                rows.extend([key, i, k, v] for k, v in record.items())
        elif key == "explanation":
            for name, records in value.items():
                for i, record in enumerate(records):
                    rows.extend([name, i, k, _cell(v)] for k, v in record.items())
        elif not isinstance(value, dict):
            rows.append(["client", 0, key, value])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["section", "row", "field", "value"])
    writer.writerows([spreadsheet_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def population_sample(bundle: ServingBundle, x: str, y: str, n: int) -> dict[str, Any]:
    """Return a fixed random sample of two numeric features with decisions (no client ids)."""
    bad = [f for f in (x, y) if f not in bundle.features or f in bundle.categorical]
    if bad:
        raise ApiError(422, "invalid_features", "x and y must be numeric model features.", bad)
    rng = np.random.default_rng(SAMPLE_SEED)
    size = min(n, len(bundle.client_ids))
    rows = np.sort(rng.choice(len(bundle.client_ids), size=size, replace=False))
    xs = bundle.store[x].to_numpy(dtype=float)[rows]
    ys = bundle.store[y].to_numpy(dtype=float)[rows]
    decisions = bundle.scores["decision"].to_numpy()[rows]
    points = [
        {"x": json_value(a), "y": json_value(b), "decision": str(d)}
        for a, b, d in zip(xs, ys, decisions, strict=True)
    ]
    return {"x": x, "y": y, "n": len(points), "points": points, "model_version": bundle.version}
