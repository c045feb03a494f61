"""The sign-in page's callback: check the form's token, sign in through the API, go on."""

from __future__ import annotations

from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, no_update
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.pages.sign_in import ids
from dash_app.pages.sign_in.token import is_form_token_valid
from dash_app.server_routes import safe_next
from dash_app.session_relay import relay_cookies
from dash_app.text import current_lang, t

ERROR_KEYS = {401: "signin.wrong", 422: "signin.missing", 429: "signin.too_many"}


def _message(key: str, lang: str) -> Component:
    """Return a sign-in problem as an alert."""
    return dbc.Alert(t(key, lang), color="danger", className="mb-0")


def sign_in(
    n_clicks: int | None,
    n_submit: int | None,
    username: str | None,
    password: str | None,
    token: str | None,
    next_path: str | None,
) -> tuple[Any, Any]:
    """Check the form token, sign in through the API and go to the asked page."""
    lang = current_lang()
    if not (n_clicks or n_submit):
        return no_update, no_update
    if not is_form_token_valid(token):
        return _message("signin.expired", lang), no_update
    if not username or not password:
        return _message("signin.missing", lang), no_update
    try:
        response = api_client.sign_in(username.strip(), password)
    except ApiClientError as error:
        return _message(ERROR_KEYS.get(error.status, "error.unavailable"), lang), no_update
    relay_cookies(response.set_cookies)
    return None, safe_next(next_path)


def register_callbacks(app: dash.Dash) -> None:
    """Add the sign-in page's callback to this app."""
    app.callback(
        Output(ids.SIGN_IN_MESSAGE_DIV, "children"),
        Output(ids.SIGN_IN_REDIRECT_LOCATION, "href"),
        Input(ids.SIGN_IN_SUBMIT_BUTTON, "n_clicks"),
        Input(ids.SIGN_IN_PASSWORD_INPUT, "n_submit"),
        State(ids.SIGN_IN_USERNAME_INPUT, "value"),
        State(ids.SIGN_IN_PASSWORD_INPUT, "value"),
        State(ids.SIGN_IN_TOKEN_STORE, "data"),
        State(ids.SIGN_IN_NEXT_STORE, "data"),
        prevent_initial_call=True,
    )(sign_in)
