"""Cache-Control: API answers, exports and the report are never stored by a browser.

The dashboard's pages and static files: tests/test_app.py (the whole server).
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/model",
        "/api/v1/model/report",
        "/api/v1/clients/{id}/export?format=csv",
        "/api/v1/clients/{id}/export?format=json",
        "/api/v1/clients/{id}",
    ],
)
def test_what_may_hold_a_person_s_data_is_never_stored(
    as_role, client_ids: list[int], url: str
) -> None:
    """The Back button after sign-out cannot show a client's file from the browser's cache."""
    response = as_role("advisor", "GET", url.format(id=client_ids[0]))
    assert response.status_code == 200, response.status_code
    assert response.headers["Cache-Control"] == "no-store"
