"""Malformed callback requests get a 400 JSON error, well-formed ones still run."""

from __future__ import annotations

from typing import Any

import pytest

from dash_app.callback_guard import callback_request_problem
from tests.dash_app.conftest import LiveServer
from tests.dash_app.router import CALLBACK_PATH, ROUTER_OUTPUT, router_body

CALLBACKS = {ROUTER_OUTPUT: {"inputs": [{}, {}], "state": []}}


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({}, "Malformed callback request: output: Field required."),
        ([], "Malformed callback request: body: Input should be a valid dictionary"),
        ({**router_body(), "output": "nope.children"}, "Unknown callback output."),
        ({**router_body(), "inputs": []}, "The callback's inputs do not match its declaration."),
        (
            {**router_body(), "state": [{"id": "x", "property": "data"}]},
            "The callback's states do not match its declaration.",
        ),
        (router_body(pathname=5), "The URL property 'pathname' must be text."),
        (router_body(search=["a"]), "The URL property 'search' must be text."),
        ({**router_body(), "changedPropIds": "x"}, "Malformed callback request: changedPropIds:"),
    ],
)
def test_a_malformed_request_is_explained(body: Any, expected: str) -> None:
    problem = callback_request_problem(body, CALLBACKS)
    assert problem is not None
    assert problem.startswith(expected)


@pytest.mark.parametrize("pathname", ["/model", None])
def test_a_well_formed_request_passes(pathname: str | None) -> None:
    assert callback_request_problem(router_body(pathname=pathname), CALLBACKS) is None


@pytest.mark.parametrize(
    "body", [{}, "text", {**router_body(), "output": "nope.children"}, router_body(pathname=5)]
)
def test_the_server_answers_400_json_and_runs_nothing(live_server: LiveServer, body: Any) -> None:
    browser = live_server.app.test_client()
    browser.post("/api/v1/auth/login", json={"username": "alice", "password": live_server.password})
    response = browser.post(CALLBACK_PATH, json=body)
    assert response.status_code == 400
    assert response.json["error"]["code"] == "bad_request"


def test_the_browsers_request_still_runs(live_server: LiveServer) -> None:
    browser = live_server.app.test_client()
    browser.post("/api/v1/auth/login", json={"username": "alice", "password": live_server.password})
    response = browser.post(CALLBACK_PATH, json=router_body("/model"))
    assert response.status_code == 200
    assert response.json["response"]["_pages_content"]["children"]["props"]["className"] == (
        "model-page"
    )
