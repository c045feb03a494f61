"""Request ids: a safe X-Request-ID is kept, anything else replaced; always sent back."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from scoring_api.observability.request_id import REQUEST_ID_HEADER, accepted_request_id

GENERATED = re.compile(r"[0-9a-f]{16}")


@pytest.mark.parametrize(
    ("incoming", "accepted"),
    [
        ("req-42", "req-42"),
        ("550e8400-e29b-41d4-a716-446655440000", "550e8400-e29b-41d4-a716-446655440000"),
        ("a.b_c-D", "a.b_c-D"),
        ("x" * 64, "x" * 64),
        ("x" * 65, None),  # too long
        ("", None),
        (None, None),
        ("two words", None),
        ("line\nbreak", None),  # no log injection
        ('quote"', None),
        ("100002", None),  # could be an SK_ID_CURR
        ("client-456789-x", None),
        ("12345", "12345"),  # five digits: not an SK_ID_CURR
        ("1234567890", "1234567890"),  # ten digits: not an SK_ID_CURR
    ],
)
def test_only_a_safe_short_token_is_accepted(incoming: str | None, accepted: str | None) -> None:
    assert accepted_request_id(incoming) == accepted


def test_a_safe_request_id_comes_back_in_the_response(http: FlaskClient) -> None:
    response = http.get("/api/v1/health/live", headers={REQUEST_ID_HEADER: "abc-1"})
    assert response.headers[REQUEST_ID_HEADER] == "abc-1"


@pytest.mark.parametrize("incoming", [None, "bad id", "100002"])
def test_a_missing_or_unsafe_request_id_is_replaced_by_a_generated_one(
    http: FlaskClient, incoming: str | None
) -> None:
    headers = {REQUEST_ID_HEADER: incoming} if incoming is not None else {}
    response = http.get("/api/v1/clients/100002/score", headers=headers)
    assert response.status_code == 401
    assert GENERATED.fullmatch(response.headers[REQUEST_ID_HEADER])


def test_each_request_gets_its_own_generated_id(http: FlaskClient) -> None:
    ids = {http.get("/api/v1/health/live").headers[REQUEST_ID_HEADER] for _ in range(5)}
    assert len(ids) == 5
