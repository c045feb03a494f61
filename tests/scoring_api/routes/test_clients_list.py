"""The client list's filters, sort, total and paging (GET /api/v1/clients)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

LIST = "/api/v1/clients"


def every_page(as_role: Callable[..., Any], params: str, limit: int = 97) -> list[dict[str, Any]]:
    """Return the items of every page of a listing, following the cursors."""
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        url = f"{LIST}?limit={limit}&{params}" + (f"&cursor={cursor}" if cursor else "")
        body = as_role("advisor", "GET", url).json
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items


@pytest.fixture(scope="module")
def everyone(app: Any, keys: dict[str, str]) -> list[dict[str, Any]]:
    """Return every stored client's list entry, in id order."""
    http = app.test_client()
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        url = f"{LIST}?limit=200" + (f"&cursor={cursor}" if cursor else "")
        body = http.get(url, headers={"X-API-Key": keys["advisor"]}).json
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items


def test_total_counts_every_match_not_only_the_page(as_role, everyone) -> None:
    body = as_role("advisor", "GET", f"{LIST}?limit=3").json
    assert len(body["items"]) == 3
    assert body["total"] == len(everyone)


@pytest.mark.parametrize("decision", ["granted", "refused", "referred"])
def test_filter_by_decision(as_role, everyone, decision: str) -> None:
    items = every_page(as_role, f"decision={decision}")
    expected = [c["client_id"] for c in everyone if c["decision"] == decision]
    assert [c["client_id"] for c in items] == expected
    body = as_role("advisor", "GET", f"{LIST}?limit=1&decision={decision}").json
    assert body["total"] == len(expected)


def test_filter_by_risk_band_and_the_bands_agree_with_decisions(as_role, everyone) -> None:
    for band in "ABCDE":
        items = every_page(as_role, f"risk_band={band}")
        assert [c["client_id"] for c in items] == [
            c["client_id"] for c in everyone if c["risk_band"] == band
        ]
    for client in everyone:
        refused_side = client["model_decision"] == "refused"
        assert (client["risk_band"] in "DE") == refused_side
    assert {c["risk_band"] for c in everyone} > {"D"}


@pytest.mark.parametrize("sort", ["probability_desc", "probability_asc"])
def test_sort_by_probability_pages_through_everyone_once(as_role, everyone, sort: str) -> None:
    items = every_page(as_role, f"sort={sort}")
    probabilities = [c["probability"] for c in items]
    assert probabilities == sorted(probabilities, reverse=sort == "probability_desc")
    assert sorted(c["client_id"] for c in items) == [c["client_id"] for c in everyone]


def test_filters_combine_with_sort_and_query(as_role, everyone) -> None:
    items = every_page(as_role, "decision=refused&sort=probability_asc", limit=13)
    refused = sorted(
        (c for c in everyone if c["decision"] == "refused"),
        key=lambda c: (c["probability"], c["client_id"]),
    )
    assert [c["client_id"] for c in items] == [c["client_id"] for c in refused]
    prefix = str(everyone[-1]["client_id"])
    body = as_role("advisor", "GET", f"{LIST}?query={prefix}&sort=probability_desc").json
    assert [c["client_id"] for c in body["items"]] == [everyone[-1]["client_id"]]
    assert body["total"] == 1


def test_labels_follow_the_language(as_role, everyone) -> None:
    band = everyone[0]["risk_band"]
    english = as_role("advisor", "GET", f"{LIST}?limit=1&lang=en")
    assert english.json["items"][0]["risk_band"] == band
    assert english.json["items"][0]["risk_band_label"].endswith("risk")


@pytest.mark.parametrize(
    "params",
    [
        "decision=maybe",
        "risk_band=F",
        "sort=random",
        "sort=probability_desc&cursor=999999999",
        "sort=probability_desc&cursor=-1",
    ],
)
def test_invalid_filters_are_refused(as_role, params: str) -> None:
    assert as_role("advisor", "GET", f"{LIST}?{params}").status_code == 422
