"""Helpers posting Dash's page-router callback as the browser's renderer does (no browser)."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from dash_app import ids

CALLBACK_PATH = "/_dash-update-component"
ROUTER_OUTPUT = f"..{ids.PAGES_CONTENT}.children..._pages_store.data.."


def router_body(pathname: Any = "/model", search: Any = "") -> dict[str, Any]:
    """Return the body the browser posts to Dash's page router."""
    return {
        "output": ROUTER_OUTPUT,
        "outputs": [
            {"id": ids.PAGES_CONTENT, "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": ids.PAGES_LOCATION, "property": "pathname", "value": pathname},
            {"id": ids.PAGES_LOCATION, "property": "search", "value": search},
        ],
        "changedPropIds": [f"{ids.PAGES_LOCATION}.pathname"],
        "state": [],
    }


def routed_page(browser: FlaskClient, path: str, search: str = "") -> Any:
    """Return the layout the page router sends this browser for ``path``."""
    response = browser.post(CALLBACK_PATH, json=router_body(path, search))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.json["response"][ids.PAGES_CONTENT]["children"]
