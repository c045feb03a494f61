"""The whole server (app.py: the API with the dashboard mounted), as gunicorn serves it.

Every route, enumerated from its URL map: anonymous and client-account refusals.

A route added later is covered without editing this file: it must refuse anonymous callers
(or be added, on purpose, to ANONYMOUS_ENDPOINTS), and a route taking a ``client_id`` must
refuse a client account another client's id.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from dash_app import ids
from dash_app.asset_caching import IMMUTABLE
from dash_app.icons import ICON_CSS_ENDPOINT, ICON_FONT_ENDPOINT
from dash_app.vendor import BOOTSTRAP_CSS, BOOTSTRAP_ENDPOINT, PLOTLY_ENDPOINT
from tests.scoring_api.security.helpers import add_key

# Served to anyone, by design: health, sign-in, the OpenAPI document and its docs page, the
# dashboard's shell, scripts, styles and language switch (its data comes from the API).
ANONYMOUS_ENDPOINTS = {
    "model.health_live",
    "model.health_ready",
    "auth.login",
    "api.api_not_found",
    "openapi.openapi",
    "openapi.doc_url",
    "openapi.static",
    "swagger.swagger",
    "swagger.static",
    "swagger.oauth2-redirect",
    "/",
    "/<path:path>",
    "/_dash-component-suites/<string:package_name>/<path:fingerprinted_path>",
    "/_dash-dependencies",
    "/_dash-layout",
    "/_dash-update-component",
    "/_favicon.ico",
    "/_reload-hash",
    "_dash_assets.static",
    "static",
    BOOTSTRAP_ENDPOINT,
    PLOTLY_ENDPOINT,
    ICON_CSS_ENDPOINT,
    ICON_FONT_ENDPOINT,
    "dashboard_language",
}
# Dashboard pages send an anonymous browser to the sign-in page instead.
SIGN_IN_REDIRECT_ENDPOINTS = {"dashboard_model_report"}
SAMPLE_VALUES = {
    "path": "x",
    "filename": "x.css",
    "code": "en",
    "package_name": "dash",
    "review_id": "1",
}
OWN_FILE_ONLY = {
    "error": {"code": "forbidden", "message": "You may only access your own file.", "details": None}
}


def route_calls(server: Flask, client_id: int) -> list[tuple[str, str, str]]:
    """Return (endpoint, method, url) for every rule and method of the server."""
    server.test_client().get("/")  # Dash adds its routes on the first request
    calls = []
    values = {**SAMPLE_VALUES, "fingerprinted_path": "x.js", "client_id": str(client_id)}
    for rule in server.url_map.iter_rules():
        url = re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: values[m.group(1)], rule.rule)
        calls += [(rule.endpoint, m, url) for m in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return calls


def test_every_route_but_the_listed_ones_refuses_anonymous_callers(
    server: Flask, server_client_ids: list[int]
) -> None:
    calls = route_calls(server, server_client_ids[0])
    assert {endpoint for endpoint, _, _ in calls} >= ANONYMOUS_ENDPOINTS - {"static"}
    protected = [(e, m, u) for e, m, u in calls if e not in ANONYMOUS_ENDPOINTS]
    assert len(protected) >= 16
    client = server.test_client()
    answers = {
        (endpoint, method): client.open(url, method=method, json={})
        for endpoint, method, url in protected
    }
    refused = {
        key: (r.status_code, r.json["error"]["code"] if r.is_json else r.location.split("?")[0])
        for key, r in answers.items()
    }
    assert refused == {
        key: (303, "/sign-in") if key[0] in SIGN_IN_REDIRECT_ENDPOINTS else (401, "unauthorized")
        for key in answers
    }


def as_client(server: Flask, cookie: str) -> FlaskClient:
    """Return a test client holding the client account's session cookie."""
    browser = server.test_client()
    browser.set_cookie("session", cookie)
    return browser


def test_a_client_is_refused_another_clients_id_on_every_client_route(
    server: Flask, server_client_ids: list[int], client_session: str
) -> None:
    calls = [
        c
        for c in route_calls(server, server_client_ids[1])
        if "<int:client_id>" in _rule(server, c[0])
    ]
    assert len(calls) >= 5
    browser = as_client(server, client_session)
    body = {"POST": {}}  # a valid body (a review request's comment is optional)
    answers = {(e, m): browser.open(u, method=m, json=body.get(m)) for e, m, u in calls}
    assert {key: (r.status_code, r.json) for key, r in answers.items()} == {
        key: (403, OWN_FILE_ONLY) for key in answers
    }
    own = [
        browser.open(
            u.replace(str(server_client_ids[1]), str(server_client_ids[0])),
            method=m,
            json=body.get(m),
        )
        for _, m, u in calls
    ]
    created = {"POST": 201}  # a review request creates one
    assert [r.status_code for r in own] == [created.get(m, 200) for _, m, _ in calls]


def _rule(server: Flask, endpoint: str) -> str:
    """Return the URL rule of an endpoint."""
    return next(r.rule for r in server.url_map.iter_rules() if r.endpoint == endpoint)


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("GET", "/api/v1/clients", None),
        ("GET", "/api/v1/clients?query=1", None),
        ("GET", "/api/v1/population/sample?x=AMT_CREDIT&y=AMT_ANNUITY", None),
        ("GET", "/api/v1/model/report", None),
        ("GET", "/api/v1/model/curves", None),
        ("GET", "/api/v1/model/directions", None),
        ("GET", "/api/v1/monitoring", None),
        ("POST", "/api/v1/invocations", {"dataframe_records": [{}]}),
        ("POST", "/api/v1/score", {"applications": [{}]}),
        ("POST", "/api/v1/score", {"applications": [{"SK_ID_CURR": "{other}"}]}),
        (
            "POST",
            "/api/v1/outcomes",
            [{"SK_ID_CURR": 1, "outcome_date": "2026-11-30", "defaulted": 0}],
        ),
    ],
)
def test_a_client_is_refused_population_routes(
    server: Flask,
    server_client_ids: list[int],
    client_session: str,
    method: str,
    url: str,
    body: Any,
) -> None:
    if body is not None and "applications" in body and body["applications"][0]:
        body = {"applications": [{"SK_ID_CURR": server_client_ids[1]}]}
    response = as_client(server, client_session).open(url, method=method, json=body)
    assert (response.status_code, response.json["error"]["code"]) == (403, "forbidden")


def route_page(browser: FlaskClient, pathname: str) -> dict[str, Any]:
    """Post Dash's page-router callback for a pathname, as the browser does; return the page."""
    payload = {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": ids.PAGES_LOCATION, "property": "pathname", "value": pathname},
            {"id": ids.PAGES_LOCATION, "property": "search", "value": ""},
        ],
        "changedPropIds": [f"{ids.PAGES_LOCATION}.pathname"],
        "state": [],
    }
    response = browser.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    return response.json["response"]["_pages_content"]["children"]


@pytest.mark.parametrize(
    "pathname",
    [
        "/clients/{other}",
        "/clients/{other}/compare",
        "/clients/{other}/what-if",
        "/clients",
        "/new-application",
    ],
)
def test_a_forged_dashboard_path_of_another_client_gets_the_refusal_not_data(
    server: Flask, server_client_ids: list[int], client_session: str, pathname: str
) -> None:
    browser = as_client(server, client_session)
    browser.get("/")
    page = route_page(browser, pathname.format(other=server_client_ids[1]))
    assert page["props"]["id"] == "access-refused-alert"
    assert str(server_client_ids[1]) not in str(page)


def test_the_client_still_sees_their_own_dashboard_page(
    server: Flask, server_client_ids: list[int], client_session: str
) -> None:
    browser = as_client(server, client_session)
    browser.get("/")
    page = route_page(browser, f"/clients/{server_client_ids[0]}")
    assert "access-refused-alert" not in str(page)
    assert str(server_client_ids[0]) in str(page)


@pytest.mark.parametrize("url", ["/", "/model", "/sign-in", "/api/v1/model"])
def test_pages_that_may_hold_a_person_s_data_are_never_stored(server: Flask, url: str) -> None:
    """The Back button after sign-out cannot show a page from the browser's cache."""
    headers = {"X-API-Key": add_key(server, f"pages-{url}", "advisor")}
    response = server.test_client().get(url, headers=headers)
    assert response.status_code == 200, response.status_code
    assert response.headers["Cache-Control"] == "no-store"


def test_static_files_keep_their_own_caching(server: Flask) -> None:
    """Bootstrap's CSS, the same for everyone at a versioned address, is kept a year."""
    response = server.test_client().get(BOOTSTRAP_CSS)
    response.close()
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == IMMUTABLE


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_unknown_api_paths_get_the_api_s_json_404_not_the_dashboard_s_page(
    server: Flask, method: str
) -> None:
    """Dash's catch-all ``/<path>`` would answer in HTML: the API's own answers first."""
    response = server.test_client().open("/api/v1/nowhere", method=method)
    assert (response.status_code, response.mimetype) == (404, "application/json")
    assert response.json["error"]["details"] == {"path": "/api/v1/nowhere"}
