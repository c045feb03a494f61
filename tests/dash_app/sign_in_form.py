"""Helpers of the sign-in tests: open the page and post the form as a browser's renderer does."""

from __future__ import annotations

from typing import Any

from flask.testing import FlaskClient

from dash_app.pages.sign_in import ids
from tests.dash_app.router import CALLBACK_PATH, routed_page

OUTPUT = f"..{ids.SIGN_IN_MESSAGE_DIV}.children...{ids.SIGN_IN_REDIRECT_LOCATION}.href.."


def find_prop(tree: Any, component_id: str, prop: str) -> Any:
    """Return a property of the component with ``component_id`` in a layout's JSON."""
    if isinstance(tree, dict):
        props = tree.get("props", {})
        if props.get("id") == component_id:
            return props.get(prop)
        children = list(tree.values())
    elif isinstance(tree, list):
        children = tree
    else:
        return None
    for child in children:
        found = find_prop(child, component_id, prop)
        if found is not None:
            return found
    return None


def form_token(browser: FlaskClient) -> str:
    """Open the sign-in page in this browser; return the form's token."""
    return find_prop(routed_page(browser, "/sign-in"), ids.SIGN_IN_TOKEN_STORE, "data")


def sign_in_body(
    token: Any, password: str, username: str = "alice", next_path: str = "/clients"
) -> dict[str, Any]:
    """Return the callback request the sign-in button posts."""
    state = [
        (ids.SIGN_IN_USERNAME_INPUT, "value", username),
        (ids.SIGN_IN_PASSWORD_INPUT, "value", password),
        (ids.SIGN_IN_TOKEN_STORE, "data", token),
        (ids.SIGN_IN_NEXT_STORE, "data", next_path),
    ]
    return {
        "output": OUTPUT,
        "outputs": [
            {"id": ids.SIGN_IN_MESSAGE_DIV, "property": "children"},
            {"id": ids.SIGN_IN_REDIRECT_LOCATION, "property": "href"},
        ],
        "inputs": [
            {"id": ids.SIGN_IN_SUBMIT_BUTTON, "property": "n_clicks", "value": 1},
            {"id": ids.SIGN_IN_PASSWORD_INPUT, "property": "n_submit", "value": None},
        ],
        "changedPropIds": [f"{ids.SIGN_IN_SUBMIT_BUTTON}.n_clicks"],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
    }


def submit(browser: FlaskClient, token: Any, password: str, username: str = "alice") -> Any:
    """Post the sign-in form; return the callback's outputs (message, redirect)."""
    response = browser.post(CALLBACK_PATH, json=sign_in_body(token, password, username))
    assert response.status_code == 200
    return response.json["response"]


def message_text(outputs: Any) -> str | None:
    """Return the sign-in message shown, if any."""
    message = outputs.get(ids.SIGN_IN_MESSAGE_DIV, {}).get("children")
    return None if message is None else message["props"]["children"]
