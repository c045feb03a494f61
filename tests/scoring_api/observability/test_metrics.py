"""/metrics: token or admin only; requests, errors, scores and model version by route pattern."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from prometheus_client.parser import text_string_to_metric_families

from scoring_api.context import STORE_KEY
from scoring_api.factory import create_app
from scoring_api.security.keys import create_api_key
from scoring_api.security.state import get_state
from tests.scoring_api.settings import make_settings

TOKEN = "m" * 40
SCORE_ROUTE = "/api/v1/clients/<int:client_id>/score"
UNKNOWN_CLIENT = 999_999


def sample(text: str, name: str, **labels: str) -> float:
    """Return the value of one sample of an exposition (0 when absent)."""
    for family in text_string_to_metric_families(text):
        for item in family.samples:
            if item.name == name and all(item.labels.get(k) == v for k, v in labels.items()):
                return item.value
    return 0.0


@pytest.fixture(scope="module")
def artifacts(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a private copy of the session's artifacts (tests switch its CURRENT)."""
    out = tmp_path_factory.mktemp("metrics_artifacts")
    version = (data_dir / "artifacts" / "CURRENT").read_text(encoding="utf-8").strip()
    shutil.copytree(data_dir / "artifacts" / version, out / version)
    (out / "CURRENT").write_text(version + "\n", encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def metrics_app(data_dir: Path, artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return an API-only server with a metrics token, on its own registry and artifacts."""
    settings = make_settings(
        tmp_path_factory.mktemp("metrics_db"),
        data_dir,
        dashboard=False,
        metrics_token=TOKEN,
        artifacts_dir=artifacts,
        bundle_check_seconds=0.0,
    )
    return create_app(settings)


@pytest.fixture(scope="module")
def role_keys(metrics_app: Flask) -> dict[str, str]:
    """Return an admin and an advisor API key of the metrics app."""
    state = get_state(metrics_app)
    with state.database.session() as session:
        secret = state.api_key_secret(session)
        return {
            role: create_api_key(session, secret, f"metrics-{role}", role).token
            for role in ("admin", "advisor")
        }


@pytest.fixture(scope="module")
def client_ids(metrics_app: Flask) -> list[int]:
    """Return three stored client ids of the metrics app's bundle (first, second, last)."""
    ids = metrics_app.extensions[STORE_KEY].live().client_ids
    return [int(ids[0]), int(ids[1]), int(ids[-1])]


@pytest.fixture
def web(metrics_app: Flask) -> FlaskClient:
    """Return a test client of the metrics app."""
    return metrics_app.test_client()


def scrape(web: FlaskClient) -> str:
    """Return the exposition read with the metrics token."""
    response = web.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "unauthorized"),
        ({"Authorization": "Bearer wrong-token"}, 403, "forbidden"),
        ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 403, "forbidden"),
        ({"Authorization": f"Basic {TOKEN}"}, 401, "unauthorized"),
        ({"role": "advisor"}, 403, "forbidden"),
    ],
)
def test_metrics_refuse_anonymous_wrong_token_and_non_admin(
    web: FlaskClient, role_keys: dict[str, str], headers: dict, status: int, code: str
) -> None:
    if "role" in headers:
        headers = {"X-API-Key": role_keys[headers["role"]]}
    response = web.get("/metrics", headers=headers)
    assert response.status_code == status
    assert response.get_json()["error"]["code"] == code
    assert "scoring_http_requests_total" not in response.get_data(as_text=True)


@pytest.mark.parametrize("credential", ["token", "admin"])
def test_metrics_accept_the_token_and_an_admin(
    web: FlaskClient, role_keys: dict[str, str], credential: str
) -> None:
    headers = (
        {"Authorization": f"Bearer {TOKEN}"}
        if credential == "token"
        else {"X-API-Key": role_keys["admin"]}
    )
    response = web.get("/metrics", headers=headers)
    assert response.status_code == 200
    assert response.content_type.startswith("text/plain; version=")
    assert response.headers["Cache-Control"] == "no-store"
    assert "# TYPE scoring_http_requests_total counter" in response.get_data(as_text=True)


def test_metrics_is_not_in_the_openapi_document(web: FlaskClient) -> None:
    paths = web.get("/api/v1/openapi.json").get_json()["paths"]
    assert not any("metrics" in path for path in paths)


def test_requests_are_counted_by_route_pattern_and_status(
    web: FlaskClient, role_keys: dict[str, str], client_ids: list[int]
) -> None:
    advisor = {"X-API-Key": role_keys["advisor"]}
    before = scrape(web)
    for client_id in client_ids:  # 3 x 200
        assert web.get(f"/api/v1/clients/{client_id}/score", headers=advisor).status_code == 200
    for _ in range(2):  # 2 x 404
        response = web.get(f"/api/v1/clients/{UNKNOWN_CLIENT}/score", headers=advisor)
        assert response.status_code == 404
    assert web.get(f"/api/v1/clients/{client_ids[0]}/score").status_code == 401
    after = scrape(web)

    def delta(name: str, **labels: str) -> float:
        return sample(after, name, **labels) - sample(before, name, **labels)

    counted = "scoring_http_requests_total"
    assert delta(counted, method="GET", route=SCORE_ROUTE, status="200") == 3
    assert delta(counted, method="GET", route=SCORE_ROUTE, status="404") == 2
    assert delta(counted, method="GET", route=SCORE_ROUTE, status="401") == 1
    assert delta("scoring_http_errors_total", route=SCORE_ROUTE, status_class="4xx") == 3
    assert delta("scoring_http_errors_total", route=SCORE_ROUTE, status_class="5xx") == 0
    assert delta("scoring_http_request_duration_seconds_count", route=SCORE_ROUTE) == 6
    assert delta("scoring_http_requests_total", route="/metrics", status="200") == 1
    for client_id in [*client_ids, UNKNOWN_CLIENT]:  # route patterns only, never a raw id
        assert str(client_id) not in after


def test_an_invented_method_is_counted_as_other(web: FlaskClient) -> None:
    before = scrape(web)
    assert web.open("/api/v1/health/live", method="BREW").status_code == 405
    after = scrape(web)
    labels = {"method": "other", "route": "<unmatched>", "status": "405"}
    assert (
        sample(after, "scoring_http_requests_total", **labels)
        - sample(before, "scoring_http_requests_total", **labels)
        == 1
    )
    assert 'method="BREW"' not in after


def test_served_scores_fill_the_score_histograms(
    web: FlaskClient, role_keys: dict[str, str], client_ids: list[int]
) -> None:
    advisor = {"X-API-Key": role_keys["advisor"]}
    before = scrape(web)
    served = [
        web.get(f"/api/v1/clients/{client_id}/score", headers=advisor).get_json()
        for client_id in client_ids[:2]
    ]
    body = {"applications": [{"SK_ID_CURR": client_ids[2]}, {"SK_ID_CURR": client_ids[0]}]}
    results = web.post("/api/v1/score", json=body, headers=advisor).get_json()["results"]
    after = scrape(web)

    def delta(name: str, route: str) -> float:
        return sample(after, name, route=route) - sample(before, name, route=route)

    assert delta("scoring_served_probability_count", SCORE_ROUTE) == 2
    assert delta("scoring_served_probability_sum", SCORE_ROUTE) == pytest.approx(
        sum(s["probability"] for s in served)
    )
    assert delta("scoring_served_points_sum", SCORE_ROUTE) == pytest.approx(
        sum(s["score"] for s in served)
    )
    assert delta("scoring_served_points_count", "/api/v1/score") == 2
    assert delta("scoring_served_points_sum", "/api/v1/score") == pytest.approx(
        sum(r["score"] for r in results)
    )


def test_model_version_follows_the_live_bundle(
    web: FlaskClient, metrics_app: Flask, artifacts: Path
) -> None:
    store = metrics_app.extensions[STORE_KEY]
    old = (artifacts / "CURRENT").read_text(encoding="utf-8").strip()
    assert sample(scrape(web), "scoring_model_info", version=old) == 1
    new = f"{old}-next"
    shutil.copytree(artifacts / old, artifacts / new)
    metadata = json.loads((artifacts / new / "metadata.json").read_text(encoding="utf-8"))
    metadata["version"] = new
    (artifacts / new / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    (artifacts / "CURRENT").write_text(new + "\n", encoding="utf-8")
    try:
        store.refresh(force=True)
        text = scrape(web)
        assert sample(text, "scoring_model_info", version=new) == 1
        assert sample(text, "scoring_model_info", version=old) == 0
    finally:
        (artifacts / "CURRENT").write_text(old + "\n", encoding="utf-8")
        store.refresh(force=True)
