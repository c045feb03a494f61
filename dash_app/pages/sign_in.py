"""Sign-in page: a labelled form, a CSRF token, the API's session cookie relayed.

The form's token signs a random nonce kept in the browser's own session cookie: a token is
good only in the browser it was given to, for at most FORM_TOKEN_SECONDS, and a successful
sign-in replaces that session (the API opens a new one), so the token cannot serve twice.
The nonce is masked by a fresh random pad in every token (as Django masks its CSRF token), so
two compressed responses never share it: its length cannot be read out (BREACH).
"""

from __future__ import annotations

import hmac
import secrets

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html, no_update
from dash.development.base_component import Component
from flask import current_app, session
from itsdangerous import BadSignature, URLSafeTimedSerializer

from dash_app import api_client, ids
from dash_app.api_client import ApiClientError
from dash_app.components.messages import icon
from dash_app.server_routes import safe_next
from dash_app.session_relay import relay_cookies
from dash_app.text import current_lang, t

FORM_SALT = "dashboard-sign-in-form"
FORM_TOKEN_SECONDS = 3600
FORM_NONCE_KEY = "sign_in_nonce"  # in the browser's session cookie

dash.register_page(__name__, path="/sign-in", title=lambda **_: t("signin.title", current_lang()))


def _serializer() -> URLSafeTimedSerializer:
    """Return the signer of the sign-in form's token (the server's secret key)."""
    return URLSafeTimedSerializer(current_app.secret_key, salt=FORM_SALT)


def _xor(data: bytes, pad: bytes) -> bytes:
    """Return the bytes of ``data`` XOR ``pad``."""
    return bytes(a ^ b for a, b in zip(data, pad, strict=True))


def mask(nonce: str) -> str:
    """Return a fresh random pad followed by the nonce XOR that pad, in hexadecimal."""
    raw = nonce.encode()
    pad = secrets.token_bytes(len(raw))
    return (pad + _xor(raw, pad)).hex()


def unmask(masked: object) -> bytes | None:
    """Return the nonce a masked value carries, or None if it is not one."""
    try:
        data = bytes.fromhex(masked) if isinstance(masked, str) else b""
    except ValueError:
        return None
    half = len(data) // 2
    return _xor(data[half:], data[:half]) if data and len(data) == 2 * half else None


def form_token() -> str:
    """Return a token bound to this browser's session (its nonce kept there, made once)."""
    nonce = session.get(FORM_NONCE_KEY)
    if not isinstance(nonce, str):
        nonce = session[FORM_NONCE_KEY] = secrets.token_urlsafe(16)
    return _serializer().dumps(mask(nonce))


def is_form_token_valid(token: str | None) -> bool:
    """Tell whether a form token is recent and was given to this browser's session."""
    try:
        nonce = unmask(_serializer().loads(token or "", max_age=FORM_TOKEN_SECONDS))
    except BadSignature:
        return False
    expected = session.get(FORM_NONCE_KEY)
    return (
        nonce is not None
        and isinstance(expected, str)
        and hmac.compare_digest(nonce, expected.encode())
    )


def layout(next: str | None = None, **_: object) -> Component:
    """Return the sign-in form."""
    lang = current_lang()
    return dbc.Row(
        dbc.Col(
            [
                html.H1(t("signin.title", lang), className="h3 mb-3"),
                html.P(t("signin.intro", lang)),
                dcc.Store(id=ids.SIGN_IN_TOKEN_STORE, data=form_token()),
                dcc.Store(id=ids.SIGN_IN_NEXT_STORE, data=safe_next(next)),
                dcc.Location(id=ids.SIGN_IN_REDIRECT_LOCATION, refresh=True),
                dbc.Label(t("signin.username", lang), html_for=ids.SIGN_IN_USERNAME_INPUT),
                dbc.Input(
                    id=ids.SIGN_IN_USERNAME_INPUT,
                    type="text",
                    autoComplete="username",
                    required=True,
                    className="mb-3",
                ),
                dbc.Label(t("signin.password", lang), html_for=ids.SIGN_IN_PASSWORD_INPUT),
                dbc.Input(
                    id=ids.SIGN_IN_PASSWORD_INPUT,
                    type="password",
                    autoComplete="current-password",
                    required=True,
                    className="mb-3",
                ),
                dbc.Button(
                    [icon("bi-box-arrow-in-right", "me-1"), t("signin.submit", lang)],
                    id=ids.SIGN_IN_SUBMIT_BUTTON,
                    color="primary",
                ),
                html.Div(id=ids.SIGN_IN_MESSAGE_DIV, className="mt-3", **{"aria-live": "polite"}),
                html.P(t("signin.privacy", lang), className="small text-body-secondary mt-4"),
            ],
            xs=12,
            sm=10,
            md=6,
            lg=4,
        ),
        justify="center",
    )


def _message(key: str, lang: str) -> Component:
    """Return a sign-in problem as an alert."""
    return dbc.Alert(t(key, lang), color="danger", className="mb-0")


@callback(
    Output(ids.SIGN_IN_MESSAGE_DIV, "children"),
    Output(ids.SIGN_IN_REDIRECT_LOCATION, "href"),
    Input(ids.SIGN_IN_SUBMIT_BUTTON, "n_clicks"),
    Input(ids.SIGN_IN_PASSWORD_INPUT, "n_submit"),
    State(ids.SIGN_IN_USERNAME_INPUT, "value"),
    State(ids.SIGN_IN_PASSWORD_INPUT, "value"),
    State(ids.SIGN_IN_TOKEN_STORE, "data"),
    State(ids.SIGN_IN_NEXT_STORE, "data"),
    prevent_initial_call=True,
)
def sign_in(
    n_clicks: int | None,
    n_submit: int | None,
    username: str | None,
    password: str | None,
    token: str | None,
    next_path: str | None,
) -> tuple[Component | None, str]:
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
        key = {401: "signin.wrong", 422: "signin.missing", 429: "signin.too_many"}
        return _message(key.get(error.status, "error.unavailable"), lang), no_update
    relay_cookies(response.set_cookies)
    return None, safe_next(next_path)
