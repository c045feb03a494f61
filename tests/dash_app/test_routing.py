"""The dashboard's addresses: the registered page a path opens and the client number it holds."""

from __future__ import annotations

import pytest

from dash_app.routing import (
    address_pattern,
    draws_charts,
    is_known_address,
    is_malformed_client_path,
    page_address,
    parse_client_id,
)
from tests.dash_app.conftest import LiveServer

ODD_NUMBERS = ["²", "100002²", "١٢٣", "１２３", " 100002", "abc", "-1", "1" * 13]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("100002", 100002), ("007", 7), ("1" * 12, int("1" * 12)), (None, None)]
    + [(odd, None) for odd in ODD_NUMBERS],
)
def test_only_ascii_digits_are_a_client_number(raw: str | None, expected: int | None) -> None:
    assert parse_client_id(raw) == expected


@pytest.mark.parametrize(
    ("template", "path", "expected"),
    [
        ("/clients/<client_id>", "/clients/100002", {"client_id": "100002"}),
        ("/clients/<client_id>", "/clients/100002/", {"client_id": "100002"}),
        ("/clients/<client_id>", "/clients/100002/compare", None),
        ("/clients/<client_id>/compare", "/clients/abc/compare", {"client_id": "abc"}),
        ("/clients/<client_id>/compare", "/clients//compare", None),
        ("/model", "/model", {}),
        ("/model", "/models", None),
        ("/", "/", {}),
    ],
)
def test_a_template_variable_is_one_path_part(
    template: str, path: str, expected: dict[str, str] | None
) -> None:
    match = address_pattern(template).fullmatch(path)
    assert (None if match is None else match.groupdict()) == expected


def test_a_page_address_is_its_template_filled() -> None:
    values = {"client_id": "12ab", "lang": "en"}
    assert page_address("/clients/<client_id>/what-if", values) == "/clients/12ab/what-if"
    assert page_address("/model", values) == "/model"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/clients/100002", True),
        ("/clients/100002/", True),
        ("/clients/100002/compare", True),
        ("/clients/100002/what-if", True),
        ("/model", True),
        ("/my-data", True),
        ("/monitoring", True),
        ("/clients", False),
        ("/sign-in", False),
        ("/new-application", False),
        ("/", False),
        ("/clients/100002/unknown", False),
    ],
)
def test_chart_pages_are_known_by_path(live_server: LiveServer, path: str, expected: bool) -> None:
    assert draws_charts(path) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/clients/100002", False),
        ("/clients/100002/compare", False),
        ("/clients/²", True),
        ("/clients/100002²/what-if", True),
        ("/clients/١٢٣/compare", True),
        ("/clients", False),
        ("/model", False),
    ],
)
def test_a_client_page_with_an_odd_number_is_malformed(
    live_server: LiveServer, path: str, expected: bool
) -> None:
    assert is_malformed_client_path(path) is expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", True),
        ("/sign-in", True),
        ("/clients/100002/what-if", True),
        ("/clients/abc", False),
        ("/clients/100002/unknown", False),
        ("/nowhere", False),
    ],
)
def test_a_known_address_opens_a_page_with_a_well_formed_number(
    live_server: LiveServer, path: str, expected: bool
) -> None:
    assert is_known_address(path) is expected
