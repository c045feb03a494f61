"""Property-based fuzzing of the API against its own OpenAPI document (schemathesis, bounded).

Every operation gets ``MAX_EXAMPLES`` generated requests from an advisor, with the path's
``client_id`` sometimes replaced by a stored client so that successful bodies are checked too.
Checks: no 5xx, status codes, content types, headers and bodies as documented. Left out:
``positive_data_acceptance``, since some valid-looking inputs are refused by rules the
document cannot state (x and y must be numeric features of the live bundle).
"""

from __future__ import annotations

from typing import Any

import hypothesis.strategies as st
import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import positive_data_acceptance

from scoring_api.blueprint import API_PREFIX

MAX_EXAMPLES = 25


@pytest.fixture(scope="session")
def api_schema(app: Flask) -> Any:
    """Return the app's own OpenAPI document, loaded through WSGI (no server, no network)."""
    return schemathesis.openapi.from_wsgi(f"{API_PREFIX}/openapi.json", app)


def fuzz_operation(operation: Any, headers: dict[str, str], client_ids: list[int]) -> None:
    """Send bounded generated requests to one operation; validate every response."""

    @given(case=operation.as_strategy(), stored=st.sampled_from([None, *client_ids]))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case: Any, stored: int | None) -> None:
        if stored is not None and "client_id" in (case.path_parameters or {}):
            case.path_parameters["client_id"] = stored
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    run()


def test_no_server_error_and_every_response_matches_the_document(
    api_schema: Any, keys: dict[str, str], client_ids: list[int]
) -> None:
    """Generated requests of an advisor get no 5xx and responses that match the document."""
    failures: dict[str, BaseException] = {}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    for operation in operations:
        try:
            fuzz_operation(operation, {"X-API-Key": keys["advisor"]}, client_ids)
        except (Exception, BaseExceptionGroup) as exc:  # schemathesis raises a FailureGroup
            failures[operation.label] = exc
    assert len(operations) >= 15
    assert not failures, "\n\n".join(f"{label}: {exc}" for label, exc in failures.items())
