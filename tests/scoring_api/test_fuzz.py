"""Property-based fuzzing of the API against its own OpenAPI document (schemathesis, bounded).

Every operation gets generated requests from each kind of caller: an advisor, a client account
bound to one SK_ID_CURR, a service (API key) and an anonymous caller. The path's ``client_id``
is sometimes replaced by a stored client so that successful bodies are checked too. Checks: no
5xx, status codes, content types, headers and bodies as documented; a client never gets another
client's data; an anonymous caller gets 401 everywhere but health and sign-in. Left out:
``positive_data_acceptance``, since some valid-looking inputs are refused by rules the document
cannot state (x and y must be numeric features of the live bundle).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import hypothesis.strategies as st
import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from scoring_api.urls import API_PREFIX

# Generated requests per operation and caller (measured: about 45 s in all on 2 cores).
MAX_EXAMPLES = {"advisor": 100, "client": 40, "service": 40, None: 30}
ANONYMOUS_OPERATIONS = {
    "GET /api/v1/health/live",
    "GET /api/v1/health/ready",
    "POST /api/v1/auth/login",
}
POPULATION_OPERATIONS = {"GET /api/v1/clients", "GET /api/v1/population/sample"}
UNAUTHORIZED = {
    "error": {
        "code": "unauthorized",
        "message": "Sign in or send an API key (X-API-Key).",
        "details": None,
    }
}

Check = Callable[[Any, Any], None]


@pytest.fixture(scope="session")
def api_schema(app: Flask) -> Any:
    """Return the app's own OpenAPI document, loaded through WSGI (no server, no network)."""
    return schemathesis.openapi.from_wsgi(f"{API_PREFIX}/openapi.json", app)


# Schemathesis's WSGI transport reads a body as sent: ask for it uncompressed (compression
# has its own tests, tests/scoring_api/test_compression.py).
PLAIN_BODIES = {"Accept-Encoding": "identity"}


def fuzz_operation(
    operation: Any, headers: dict[str, str], client_ids: list[int], n_examples: int, check: Check
) -> None:
    """Send bounded generated requests to one operation; validate and check every response."""

    @given(case=operation.as_strategy(), stored=st.sampled_from([None, *client_ids]))
    @settings(
        max_examples=n_examples,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case: Any, stored: int | None) -> None:
        if stored is not None and "client_id" in (case.path_parameters or {}):
            case.path_parameters["client_id"] = stored
        response = case.call_and_validate(
            headers={**headers, **PLAIN_BODIES}, excluded_checks=[positive_data_acceptance]
        )
        check(case, response)

    run()


def fuzz_every_operation(
    api_schema: Any, headers: dict[str, str], client_ids: list[int], n_examples: int, check: Check
) -> None:
    """Fuzz each operation of the document; fail with every operation's first failure."""
    failures: dict[str, BaseException] = {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:
        try:
            fuzz_operation(operation, headers, client_ids, n_examples, check)
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis raises a FailureGroup
            failures[operation.label] = exc
    assert len(operations) == 27
    assert not failures, "\n\n".join(f"{label}: {exc}" for label, exc in failures.items())


def no_extra_check(_case: Any, _response: Any) -> None:
    """Add nothing to the document's checks."""


@pytest.mark.parametrize("role", ["advisor", "service"])
def test_no_server_error_and_every_response_matches_the_document(
    api_schema: Any, keys: dict[str, str], client_ids: list[int], role: str
) -> None:
    """Generated requests of this role get no 5xx and responses that match the document."""
    headers = {"X-API-Key": keys[role]}
    fuzz_every_operation(api_schema, headers, client_ids, MAX_EXAMPLES[role], no_extra_check)


def test_a_client_account_never_gets_another_clients_data(
    api_schema: Any, keys: dict[str, str], client_ids: list[int]
) -> None:
    """A client key gets documented answers, and a 200 on a client route only for its own id."""

    def own_file_only(case: Any, response: Any) -> None:
        client_id = (case.path_parameters or {}).get("client_id")
        if client_id is not None and client_id != client_ids[0]:
            assert response.status_code in (403, 422), (case.path, client_id)
        if case.operation.label in POPULATION_OPERATIONS:
            assert response.status_code in (403, 422), case.operation.label
        if case.operation.label == "POST /api/v1/score" and response.status_code == 200:
            assert {r["client_id"] for r in response.json()["results"]} == {client_ids[0]}

    headers = {"X-API-Key": keys["client"]}
    fuzz_every_operation(api_schema, headers, client_ids, MAX_EXAMPLES["client"], own_file_only)


def test_an_anonymous_caller_gets_401_everywhere_but_health_and_sign_in(
    api_schema: Any, client_ids: list[int]
) -> None:
    """Without a session or a key, every operation but health and sign-in answers 401."""

    def refused(case: Any, response: Any) -> None:
        if case.operation.label not in ANONYMOUS_OPERATIONS:
            assert (response.status_code, response.json()) == (401, UNAUTHORIZED)

    fuzz_every_operation(api_schema, {}, client_ids, MAX_EXAMPLES[None], refused)
