"""Cache-Control: pages, API answers, exports and the report are never stored by a browser."""

from __future__ import annotations

import pytest

from dash_app.asset_caching import IMMUTABLE
from dash_app.vendor import BOOTSTRAP_CSS


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/model",
        "/api/v1/model/report",
        "/api/v1/clients/{id}/export?format=csv",
        "/api/v1/clients/{id}/export?format=json",
        "/api/v1/clients/{id}",
        "/",
        "/model",
        "/sign-in",
    ],
)
def test_what_may_hold_a_person_s_data_is_never_stored(
    as_role, client_ids: list[int], url: str
) -> None:
    """The Back button after sign-out cannot show a client's file from the browser's cache."""
    response = as_role("advisor", "GET", url.format(id=client_ids[0]))
    assert response.status_code == 200, response.status_code
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_keep_their_own_caching(as_role) -> None:
    """Bootstrap's CSS, the same for everyone at a versioned address, is kept a year."""
    response = as_role(None, "GET", BOOTSTRAP_CSS)
    response.close()
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == IMMUTABLE
