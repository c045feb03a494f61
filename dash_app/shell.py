"""The dashboard's frame: skip link, navigation by role, language switch, page, footer."""

from __future__ import annotations

import contextlib
import threading
from html import escape as html_escape
from urllib.parse import quote

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, dcc, html, no_update
from dash.development.base_component import Component
from flask import has_request_context, request

from dash_app import api_client, ids
from dash_app.access import ANYONE, ROLES_KEY, Viewer, current_viewer, may_open
from dash_app.api_client import ApiClientError
from dash_app.components.messages import icon
from dash_app.routing import Page, draws_charts, is_known_address
from dash_app.session_relay import relay_cookies
from dash_app.text import LANGUAGES, current_lang, t
from dash_app.vendor import plotly_script_url

INDEX_STRING = """<!DOCTYPE html>
<html lang="fr">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        <footer>
            {%config%}
            {%scripts%}
            {%renderer%}
        </footer>
    </body>
</html>"""

NAV_KEY = "nav"  # register_page's key: the text key of the page's link in the navigation
NAV_ROLES_KEY = "nav_roles"  # who sees that link, when not every role the page admits


def page_loading(container: Component) -> Component:
    """Wrap the page container in a loading indicator shown while a page's layout is built.

    Pages draw their first charts in their layout (one request fewer than a callback each);
    the indicator follows only the page's content, not the callbacks inside the page.
    """
    return dcc.Loading(
        container,
        id=ids.SHELL_PAGE_LOADING,
        type="default",
        delay_show=300,
        # Dash's stub declares target_components an empty TypedDict; it takes {id: property}
        target_components={ids.PAGES_CONTENT: "children"},  # type: ignore[arg-type]
    )


class Dashboard(dash.Dash):
    """Dash with the page's ``lang`` set to the browser's language and a mark on chart pages."""

    _setup_lock = threading.Lock()

    def _setup_server(self) -> None:
        """Run Dash's first-request setup once, the other threads waiting until it is done.

        Dash marks the setup done before doing it (plotly/dash#3971, open): under gunicorn's
        threads, a script requested while a fresh worker is setting up is checked against an
        empty list of libraries and gets a 500 (seen by the Lighthouse benchmark).
        """
        with self._setup_lock:
            super()._setup_server()

    def interpolate_index(
        self,
        metas: str = "",
        title: str = "",
        css: str = "",
        config: str = "",
        scripts: str = "",
        app_entry: str = "",
        favicon: str = "",
        renderer: str = "",
    ) -> str:
        """Return the index page with ``<html lang>``, plotly.js's address and ``data-charts``.

        ``assets/plotly_early.js`` loads plotly.js from ``data-plotly-src``: at once on a page
        marked ``data-charts``, else when a chart first appears.
        """
        page = super().interpolate_index(
            metas, title, css, config, scripts, app_entry, favicon, renderer
        )
        charts = ' data-charts="1"' if has_request_context() and draws_charts(request.path) else ""
        source = f' data-plotly-src="{html_escape(plotly_script_url())}"'
        return page.replace(
            '<html lang="fr">', f'<html lang="{current_lang()}"{source}{charts}>', 1
        )

    def index(self, *args: object, **kwargs: object) -> str | tuple[str, int]:
        """Return the index page, with status 404 at an address that opens no page.

        The page still says why: Dash draws its not-found page, or the client page says
        that the id is no client number.
        """
        page = super().index(*args, **kwargs)
        if has_request_context() and not is_known_address(request.path):
            return page, 404
        return page


def _language_switch(lang: str) -> Component:
    """Return the link to the other language (kept on the same page by a callback)."""
    other = next(code for code in LANGUAGES if code != lang)
    return html.A(
        [icon("bi-translate", "me-1"), t("shell.switch_language", lang)],
        href=f"/language/{other}?next=/",
        id=ids.SHELL_LANGUAGE_LINK,
        lang=other,
        className="nav-link",
        title=t("shell.switch_language_label", lang),
    )


def nav_links(viewer: Viewer | None, lang: str) -> list[Component]:
    """Return the links to the registered pages with a ``nav`` text this viewer may use."""
    if viewer is None:
        return []
    return [
        dbc.NavItem(
            dbc.NavLink(t(page[NAV_KEY], lang), href=page["relative_path"], active="partial")
        )
        for page in dash.page_registry.values()
        if page.get(NAV_KEY) and _shows_link(page, viewer)
    ]


def _shows_link(page: Page, viewer: Viewer) -> bool:
    """Tell whether the navigation shows this viewer the link to a page."""
    roles = page.get(NAV_ROLES_KEY, page.get(ROLES_KEY))
    return roles is ANYONE or may_open(viewer.role, roles)


def _account_area(viewer: Viewer | None, lang: str) -> list[Component]:
    """Return the sign-in link, or the signed-in name and the sign-out button."""
    if viewer is None:
        return [dbc.NavItem(dbc.NavLink(t("shell.sign_in", lang), href="/sign-in"))]
    return [
        dbc.NavItem(
            html.Span(
                [icon("bi-person-circle", "me-1"), viewer.username],
                className="navbar-text me-2",
                title=t(f"role.{viewer.role}", lang),
            )
        ),
        dbc.NavItem(
            dbc.Button(
                [icon("bi-box-arrow-right", "me-1"), t("shell.sign_out", lang)],
                id=ids.SHELL_SIGN_OUT_BUTTON,
                color="light",
                outline=True,
                size="sm",
            )
        ),
    ]


def _model_version(viewer: Viewer | None, lang: str) -> str:
    """Return the live model's version line (shown on every page)."""
    if viewer is not None:
        try:
            return t("shell.model_version", lang, version=api_client.model_card()["version"])
        except ApiClientError:
            pass
    return t("shell.no_model", lang) if viewer is not None else ""


def layout() -> Component:
    """Return the frame (static: the role-dependent parts are filled by a callback)."""
    lang = current_lang()
    return html.Div(
        [
            html.A(t("shell.skip", lang), href=f"#{ids.SHELL_MAIN}", className="skip-link"),
            dcc.Location(id=ids.SHELL_REDIRECT, refresh=True),
            html.Header(
                dbc.Navbar(
                    dbc.Container(
                        [
                            dbc.NavbarBrand(t("app.name", lang), href="/"),
                            dbc.Nav(id=ids.SHELL_NAV_LINKS, navbar=True, className="me-auto"),
                            dbc.Nav(
                                [
                                    dbc.NavItem(_language_switch(lang)),
                                    html.Div(id=ids.SHELL_ACCOUNT, className="d-flex"),
                                ],
                                navbar=True,
                                className="align-items-center",
                            ),
                        ],
                        fluid=True,
                    ),
                    color="primary",
                    dark=True,
                    className="mb-3",
                )
            ),
            html.Main(
                page_loading(dash.page_container),
                id=ids.SHELL_MAIN,
                className="container-xxl",
                tabIndex="-1",
            ),
            html.Footer(
                dbc.Container(
                    [html.Span(id=ids.SHELL_MODEL_VERSION), html.Span(t("shell.footer", lang))],
                    fluid=True,
                    className="d-flex flex-wrap justify-content-between gap-2 small",
                ),
                className="shell-footer py-3 mt-4",
            ),
        ]
    )


def register_callbacks(app: dash.Dash) -> None:
    """Add the shell's callbacks to this app (the language link, sign-out)."""

    @app.callback(
        Output(ids.SHELL_LANGUAGE_LINK, "href"),
        Input(ids.PAGES_LOCATION, "pathname"),
        Input(ids.PAGES_LOCATION, "search"),
        State(ids.SHELL_LANGUAGE_LINK, "href"),
    )
    def keep_page_on_language_switch(pathname: str | None, search: str | None, href: str):
        base = href.split("?", 1)[0]
        return f"{base}?next={quote((pathname or '/') + (search or ''), safe='/')}"

    @app.callback(
        Output(ids.SHELL_NAV_LINKS, "children"),
        Output(ids.SHELL_ACCOUNT, "children"),
        Output(ids.SHELL_MODEL_VERSION, "children"),
        Input(ids.PAGES_LOCATION, "pathname"),
    )
    def fill_frame(pathname: str | None):
        lang = current_lang()
        try:
            viewer = current_viewer()
        except ApiClientError:
            viewer = None
        return nav_links(viewer, lang), _account_area(viewer, lang), _model_version(viewer, lang)

    @app.callback(
        Output(ids.SHELL_REDIRECT, "href"),
        Input(ids.SHELL_SIGN_OUT_BUTTON, "n_clicks"),
        prevent_initial_call=True,
    )
    def sign_out(n_clicks: int | None):
        if not n_clicks:
            return no_update
        with contextlib.suppress(ApiClientError):  # already signed out: sign-in page anyway
            relay_cookies(api_client.sign_out().set_cookies)
        return "/sign-in"
