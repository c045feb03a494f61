"""The monitoring page in a real browser: an advisor opens it and reads the traffic lights.

It needs GET /api/v1/monitoring (issue 19's route, merged by the lead): scores served by the
API are recorded as events, so the latest window has indicators to light.
"""

from __future__ import annotations

import time
from typing import Any

from dash.testing.browser import Browser

from dash_app.pages.monitoring import ids
from tests.dash_app.browser import accessibility_violations, sign_in
from tests.dash_app.conftest import LiveServer

WAIT = 30
INDICATORS = 7  # the contract's indicators, one light each


def monitoring_after_scores(server: LiveServer) -> dict[str, Any]:
    """Serve a few scores as an advisor, then return GET monitoring once they are recorded."""
    client = server.app.test_client()
    login = {"username": "alice", "password": server.password}
    assert client.post("/api/v1/auth/login", json=login).status_code == 200
    for client_id in server.client_ids:
        assert client.get(f"/api/v1/clients/{client_id}/score").status_code == 200
    deadline = time.monotonic() + WAIT
    while True:
        response = client.get("/api/v1/monitoring?window=day")
        assert response.status_code == 200, response.get_data(as_text=True)
        payload: dict[str, Any] = response.get_json()
        if payload["latest"] is not None or time.monotonic() > deadline:
            return payload
        time.sleep(0.5)  # events are written behind the response


def test_an_advisor_opens_the_monitoring_page_and_finds_the_traffic_lights(
    dash_br: Browser, live_server: LiveServer
) -> None:
    payload = monitoring_after_scores(live_server)
    assert payload["has_reference"]
    assert payload["latest"] is not None
    sign_in(dash_br, live_server, "alice", next_path="/monitoring")
    dash_br.wait_for_element(f"#{ids.MONITORING_LIGHTS_DIV} .monitoring-light", timeout=WAIT)
    assert dash_br.driver.title == "Surveillance du modèle"
    lights = dash_br.find_elements(f"#{ids.MONITORING_LIGHTS_DIV} .monitoring-light")
    assert len(lights) == len(payload["latest"]["indicators"]) == INDICATORS
    assert "Dérive du score (PSI)" in lights[0].text
    statuses = [e.text for e in dash_br.find_elements(".monitoring-status")]
    assert set(statuses) <= {"normal", "à surveiller", "alerte", "données insuffisantes"}
    assert "données insuffisantes" in statuses  # a handful of scores: under the minimum
    dash_br.wait_for_element(f"#{ids.MONITORING_PSI_GRAPH} .main-svg", timeout=WAIT)
    assert dash_br.find_element(f"#{ids.MONITORING_DRIFT_TABLE}").text
    assert accessibility_violations(dash_br) == []
    assert dash_br.get_logs() == []
