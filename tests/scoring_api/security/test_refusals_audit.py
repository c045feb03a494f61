"""Refusals reach the audit trail: a role refused a route, a client refused another's file."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from scoring_api.security.models import ApiKey, AuditEvent
from scoring_api.security.state import get_state
from tests.scoring_api.security.helpers import add_key


def refusals(app: Flask, api_key_id: int) -> list[tuple[str, str, str]]:
    """Return (action, route, outcome) of the audit rows of one API key."""
    get_state(app).audit.flush()
    with get_state(app).database.session() as session:
        rows = session.scalars(select(AuditEvent).where(AuditEvent.api_key_id == api_key_id))
        return [(row.action, row.route, row.outcome) for row in rows]


def key_id(app: Flask, name: str) -> int:
    """Return the id of the API key of this name."""
    with get_state(app).database.session() as session:
        return session.scalars(select(ApiKey.id).where(ApiKey.name == name)).one()


@pytest.mark.parametrize(
    ("path", "route"),
    [
        ("/api/v1/clients", "/api/v1/clients"),
        ("/api/v1/population/sample?x=AMT_CREDIT&y=AMT_ANNUITY", "/api/v1/population/sample"),
        ("/api/v1/model/report", "/api/v1/model/report"),
        ("/api/v1/model/curves", "/api/v1/model/curves"),
    ],
)
def test_a_role_refused_a_route_is_audited(
    app: Flask, client_ids: list[int], path: str, route: str, request: Any
) -> None:
    name = f"refused-{request.node.callspec.id}"
    token = add_key(app, name, "client", client_ids[0])
    response = app.test_client().get(path, headers={"X-API-Key": token})
    assert response.status_code == 403
    assert refusals(app, key_id(app, name)) == [("access.role", route, "denied")]
