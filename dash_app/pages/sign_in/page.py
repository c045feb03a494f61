"""Sign-in page: a labelled form with its CSRF token (anyone may open it)."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dash_app.access import ANYONE
from dash_app.components.aria import aria
from dash_app.components.messages import icon
from dash_app.pages.sign_in import callbacks, ids
from dash_app.pages.sign_in.token import form_token
from dash_app.server_routes import safe_next
from dash_app.text import current_lang, t

dash.register_page(
    __name__,
    path="/sign-in",
    title=lambda **_: t("signin.title", current_lang()),
    roles=ANYONE,
    callbacks=callbacks.register_callbacks,
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
                html.Div(id=ids.SIGN_IN_MESSAGE_DIV, className="mt-3", **aria(live="polite")),
                html.P(t("signin.privacy", lang), className="small text-body-secondary mt-4"),
            ],
            xs=12,
            sm=10,
            md=6,
            lg=4,
        ),
        justify="center",
    )
