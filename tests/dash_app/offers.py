"""A refused client of the session bundle with counter-offers, for the offers card's tests."""

from __future__ import annotations

import uuid
from typing import Any

import numpy as np

from scoring_api.context import bundle_store
from tests.dash_app.conftest import LiveServer
from tests.scoring_api.security.helpers import add_key


def refused_with_offers(server: LiveServer) -> tuple[int, dict[str, Any]]:
    """Return a refused client of the session bundle that has offers, and the API's offers."""
    key = add_key(server.app, f"offers-{uuid.uuid4().hex}", "advisor")
    client = server.app.test_client()
    with server.app.test_request_context():
        bundle = bundle_store().get()
        probability = bundle.scores["probability"].to_numpy()
        order = np.argsort(probability)
        refused = [int(bundle.client_ids[i]) for i in order if probability[i] >= bundle.threshold]
    for client_id in refused[:20]:  # nearest the threshold first
        body = client.get(
            f"/api/v1/clients/{client_id}/offers", headers={"X-API-Key": key}
        ).get_json()
        if body["offers"]:
            return client_id, body
    raise AssertionError("no refused client of the session bundle has an offer")
