"""The server: health, JSON errors for every failure, the OpenAPI document, the bundle store."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

import pytest

from model_training.bundle import current_version
from scoring_api.bundle_store import BundleStore
from scoring_api.factory import create_app
from scoring_api.security.keys import create_api_key
from scoring_api.security.state import get_state
from tests.scoring_api.settings import make_settings

UNAUTHORIZED = {
    "error": {
        "code": "unauthorized",
        "message": "Sign in or send an API key (X-API-Key).",
        "details": None,
    }
}


def test_health_live_answers_anonymously(as_role) -> None:
    response = as_role(None, "GET", "/api/v1/health/live")
    assert (response.status_code, response.json) == (200, {"status": "alive"})


def test_health_ready_names_the_live_version_to_an_admin_only(as_role, app) -> None:
    body = as_role("admin", "GET", "/api/v1/health/ready").json
    assert body["status"] == "ready"
    assert body["model_version"] == body["current"]
    assert body["problem"] is None
    for role in (None, "advisor", "service"):
        body = as_role(role, "GET", "/api/v1/health/ready").json
        assert body == {"status": "ready", "checks": {"model": "ok", "database": "ok"}}


def test_ready_says_503_without_a_bundle(tmp_path: Path) -> None:
    server = create_app(make_settings(tmp_path, tmp_path))
    response = server.test_client().get("/api/v1/health/ready")
    assert response.status_code == 503
    assert "Retry-After" in response.headers
    assert response.json["error"]["code"] == "not_ready"
    assert response.json["error"]["details"] == {"checks": {"model": "failing", "database": "ok"}}
    assert str(tmp_path) not in response.get_data(as_text=True)  # no internal path, anonymously


@pytest.mark.parametrize("damaged", ["features.parquet", "model.cbm"])
def test_a_broken_bundle_is_explained_to_the_log_and_admins_only(
    data_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture, damaged: str
) -> None:
    """Anonymous callers get "failing"; the reason, with its file paths, is logged and shown to
    an admin."""
    live = current_version(data_dir / "artifacts")
    artifacts = tmp_path / "artifacts"
    shutil.copytree(data_dir / "artifacts" / live, artifacts / live)
    (artifacts / live / damaged).write_bytes(b"damaged")
    (artifacts / "CURRENT").write_text(live + "\n")
    server = create_app(make_settings(tmp_path, data_dir, artifacts_dir=artifacts))
    state = get_state(server)
    with state.database.session() as session:
        admin = create_api_key(session, state.api_key_secret(session), "ops", "admin").token
    client = server.test_client()
    with caplog.at_level(logging.WARNING, logger="scoring_api"):
        anonymous = client.get("/api/v1/health/ready")
    for_admin = client.get("/api/v1/health/ready", headers={"X-API-Key": admin})
    assert (anonymous.status_code, for_admin.status_code) == (503, 503)
    assert anonymous.json["error"]["details"] == {"checks": {"model": "failing", "database": "ok"}}
    assert str(tmp_path) not in anonymous.get_data(as_text=True)
    assert damaged not in anonymous.get_data(as_text=True)
    reason = for_admin.json["error"]["details"]["checks"]["model"]
    assert reason.startswith(f"bundle {live} could not be loaded")
    assert f"not ready: model: {reason}" in caplog.text


@pytest.mark.parametrize(
    ("method", "url"),
    [
        ("GET", "/api/v1/model"),
        ("GET", "/api/v1/model/report"),
        ("GET", "/api/v1/model/curves"),
        ("GET", "/api/v1/model/directions"),
        ("GET", "/api/v1/catalogue"),
        ("GET", "/api/v1/clients"),
        ("GET", "/api/v1/clients/100001"),
        ("GET", "/api/v1/clients/100001/score"),
        ("GET", "/api/v1/clients/100001/explanation"),
        ("GET", "/api/v1/clients/100001/peers"),
        ("GET", "/api/v1/clients/100001/export"),
        ("GET", "/api/v1/clients/100001/letter"),
        ("GET", "/api/v1/clients/100001/offers"),
        ("GET", "/api/v1/population/sample?x=AMT_CREDIT&y=AMT_ANNUITY"),
        ("POST", "/api/v1/score"),
        ("POST", "/api/v1/invocations"),
        ("POST", "/api/v1/clients/100001/reviews"),
        ("GET", "/api/v1/reviews"),
        ("GET", "/api/v1/reviews/1"),
        ("POST", "/api/v1/reviews/1/outcome"),
        ("POST", "/api/v1/outcomes"),
        ("GET", "/api/v1/monitoring"),
    ],
)
def test_every_route_but_health_needs_credentials(as_role, method, url) -> None:
    response = as_role(None, method, url, json={})
    assert (response.status_code, response.json) == (401, UNAUTHORIZED)


def test_unknown_api_path_is_a_json_404(as_role) -> None:
    response = as_role("advisor", "GET", "/api/v1/nowhere/at/all")
    assert response.status_code == 404
    assert response.json == {
        "error": {
            "code": "not_found",
            "message": "API route not found.",
            "details": {"path": "/api/v1/nowhere/at/all"},
        }
    }


def test_wrong_method_is_a_json_405(as_role) -> None:
    response = as_role("advisor", "DELETE", "/api/v1/model")
    assert response.status_code == 405
    assert response.json == {
        "error": {
            "code": "method_not_allowed",
            "message": "The method is not allowed for the requested URL.",
            "details": None,
        }
    }


def test_too_large_body_is_a_json_413(as_role) -> None:
    response = as_role("advisor", "POST", "/api/v1/score", data="x" * 300_000)
    assert response.status_code == 413
    assert response.json["error"]["code"] == "payload_too_large"


def test_invalid_json_is_a_400(as_role) -> None:
    response = as_role(
        "advisor", "POST", "/api/v1/score", data="{", content_type="application/json"
    )
    assert (response.status_code, response.json) == (
        400,
        {
            "error": {
                "code": "bad_request",
                "message": "The body is not valid JSON.",
                "details": None,
            }
        },
    )


def test_unexpected_error_is_a_500_without_traceback(app, as_role, monkeypatch) -> None:
    from scoring_api.routes import model  # noqa: PLC0415

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(model, "population_sample", broken)
    response = as_role("advisor", "GET", "/api/v1/population/sample?x=AMT_CREDIT&y=AMT_ANNUITY")
    assert (response.status_code, response.json) == (
        500,
        {
            "error": {
                "code": "internal_error",
                "message": "An unexpected error occurred.",
                "details": None,
            }
        },
    )


def test_openapi_document_lists_every_route(as_role, app) -> None:
    document = as_role(None, "GET", "/api/v1/openapi.json").json
    assert document["openapi"].startswith("3.1")
    expected = {
        "/api/v1/health/live",
        "/api/v1/health/ready",
        "/api/v1/model",
        "/api/v1/model/report",
        "/api/v1/model/curves",
        "/api/v1/model/directions",
        "/api/v1/catalogue",
        "/api/v1/clients",
        "/api/v1/clients/{client_id}",
        "/api/v1/clients/{client_id}/score",
        "/api/v1/clients/{client_id}/explanation",
        "/api/v1/clients/{client_id}/peers",
        "/api/v1/clients/{client_id}/export",
        "/api/v1/clients/{client_id}/letter",
        "/api/v1/clients/{client_id}/offers",
        "/api/v1/population/sample",
        "/api/v1/score",
        "/api/v1/invocations",
        "/api/v1/clients/{client_id}/reviews",
        "/api/v1/reviews",
        "/api/v1/reviews/{review_id}",
        "/api/v1/reviews/{review_id}/outcome",
        "/api/v1/outcomes",
        "/api/v1/monitoring",
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/auth/me",
    }
    assert set(document["paths"]) == expected


def test_a_broken_new_bundle_leaves_the_old_one_serving(data_dir: Path, tmp_path: Path) -> None:
    artifacts = tmp_path / "artifacts"
    live = current_version(data_dir / "artifacts")
    (artifacts / live).mkdir(parents=True)
    for item in (data_dir / "artifacts" / live).iterdir():
        (artifacts / live / item.name).symlink_to(item)
    (artifacts / "CURRENT").write_text(live + "\n")
    store = BundleStore(artifacts, check_seconds=0.0)
    assert store.get().version == live
    (artifacts / "broken").mkdir()
    (artifacts / "CURRENT").write_text("broken\n")
    assert store.get().version == live
    status = store.status()
    assert status["model_version"] == live
    assert status["current"] == "broken"
    assert "broken could not be loaded" in status["problem"]


def test_a_bundle_serves_alone_without_a_data_dir(data_dir: Path, tmp_path: Path) -> None:
    """The client file and a what-if read the bundle's own applications table; only the full
    export reads DATA_DIR's validated tables (empty here: no application, no history)."""
    server = create_app(
        make_settings(tmp_path, tmp_path / "no-data", artifacts_dir=data_dir / "artifacts")
    )
    state = get_state(server)
    with state.database.session() as session:
        advisor = create_api_key(session, state.api_key_secret(session), "desk", "advisor").token
    client = server.test_client()
    headers = {"X-API-Key": advisor}
    client_id = client.get("/api/v1/clients?limit=1", headers=headers).json["items"][0]["client_id"]
    file = client.get(f"/api/v1/clients/{client_id}", headers=headers).json
    assert file["application"]["SK_ID_CURR"] == client_id
    assert {"AMT_CREDIT", "DAYS_BIRTH"} <= set(file["application"])
    assert not {"TARGET", "CODE_GENDER"} & set(file["application"])
    what_if = {"applications": [{"SK_ID_CURR": client_id, "AMT_CREDIT": 123456.0}]}
    scored = client.post("/api/v1/score", json=what_if, headers=headers)
    assert scored.status_code == 200, scored.json
    export = client.get(f"/api/v1/clients/{client_id}/export", headers=headers).json
    assert export["application"] is None
    assert all(rows == [] for rows in export["history"].values())


def test_the_export_holds_the_whole_validated_record(as_role, client_ids) -> None:
    """The export (RGPD access) reads the validated tables: the file's fields and more."""
    file = as_role("advisor", "GET", f"/api/v1/clients/{client_ids[0]}").json["application"]
    export = as_role("advisor", "GET", f"/api/v1/clients/{client_ids[0]}/export").json
    assert export["application"] == {**file, "CODE_GENDER": export["application"]["CODE_GENDER"]}


def test_the_dashboard_is_mounted_only_when_the_setting_is_on(
    data_dir: Path, tmp_path: Path
) -> None:
    """The API never imports the dashboard: the caller passes the function that mounts it."""
    mounted: list[bool] = []
    for is_on in (True, False):
        settings = make_settings(tmp_path / str(is_on), data_dir, dashboard=is_on)
        create_app(settings, dashboard=lambda _server, s: mounted.append(s.dashboard))
    assert mounted == [True]


def test_the_api_alone_serves_no_page(http) -> None:
    response = http.get("/")
    assert (response.status_code, response.mimetype) == (404, "application/json")


def test_operation_ids_keep_their_published_names(as_role) -> None:
    """Client generators name their methods after operationIds: a blueprint's name is not one."""
    document = as_role(None, "GET", "/api/v1/openapi.json").json
    operations = {
        (method, path): operation["operationId"]
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }
    assert operations[("get", "/api/v1/clients/{client_id}/score")] == (
        "api_get_client_score_clients__int_client_id__score_get"
    )
    assert operations[("post", "/api/v1/auth/login")] == "api_login_auth_login_post"
    assert all(name.startswith("api_") for name in operations.values())
