"""Server-side page access: who is viewing, and the page shown instead when they may not."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from urllib.parse import quote

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash._pages import _path_to_page
from dash.development.base_component import Component

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.components.messages import bad_id_alert, error_alert
from dash_app.text import current_lang, t

ADVISOR_ROLES = frozenset({"advisor", "admin"})
PEOPLE_ROLES = frozenset({"advisor", "admin", "client"})
ASCII_DIGITS = re.compile(r"[0-9]+")  # ids in URLs are ASCII digits
MAX_ID_DIGITS = 12


@dataclass(frozen=True)
class Viewer:
    """The signed-in person as the API knows them."""

    username: str
    role: str
    client_id: int | None

    @property
    def is_advisor(self) -> bool:
        """Tell whether the viewer may see every client (advisor or admin)."""
        return self.role in ADVISOR_ROLES


def current_viewer() -> Viewer | None:
    """Return the signed-in person, or None for an anonymous browser."""
    identity = api_client.whoami()
    if identity is None:
        return None
    return Viewer(identity["username"], identity["role"], identity.get("client_id"))


def sign_in_redirect(next_path: str) -> Component:
    """Return a layout sending an anonymous browser to the sign-in page, then back."""
    return dcc.Location(id="access-signin-location", href=f"/sign-in?next={quote(next_path)}")


def refusal(message_key: str, lang: str) -> Component:
    """Return the page shown to a signed-in person who may not see the asked page."""
    return dbc.Alert(
        [
            html.I(className="bi bi-shield-lock me-2", **{"aria-hidden": "true"}),
            t(message_key, lang),
        ],
        color="warning",
        className="mt-3",
        id="access-refused-alert",
    )


def page_access(
    lang: str,
    next_path: str,
    roles: Collection[str] = PEOPLE_ROLES,
    client_id: int | None = None,
) -> tuple[Viewer | None, Component | None]:
    """Return (viewer, None) when the page may be shown, else (viewer, what to show instead).

    The API checks every call anyway; this check only spares a page of errors.
    """
    try:
        viewer = current_viewer()
    except ApiClientError as error:
        return None, error_alert(error, lang)
    if viewer is None:
        return None, sign_in_redirect(next_path)
    if viewer.role != "admin" and viewer.role not in roles:
        return viewer, refusal("access.forbidden", lang)
    if client_id is not None and viewer.role == "client" and viewer.client_id != client_id:
        _record_refusal(client_id)
        return viewer, refusal("access.own_file_only", lang)
    return viewer, None


def is_ascii_digits(text: str) -> bool:
    """Tell whether a text is ASCII digits only (``str.isdigit`` also takes ``²`` and ``١٢٣``)."""
    return ASCII_DIGITS.fullmatch(text) is not None


def _record_refusal(client_id: int) -> None:
    """Ask the API for the file: it refuses a client another's file and audits the refusal."""
    try:
        api_client.client_file(client_id)
    except ApiClientError:
        return


def parse_client_id(raw: object) -> int | None:
    """Return a client id from a URL segment, or None when it is not 1-12 ASCII digits."""
    text = "" if raw is None else str(raw)
    if not is_ascii_digits(text) or len(text) > MAX_ID_DIGITS:
        return None
    return int(text)


def is_malformed_client_path(path: str) -> bool:
    """Tell whether a path opens a client's page with something else than a client number."""
    _, variables = _path_to_page(path.strip("/"))
    return "client_id" in (variables or {}) and parse_client_id(variables["client_id"]) is None


def client_page_access(
    lang: str, client_id: object, suffix: str = ""
) -> tuple[Viewer | None, int | None, Component | None]:
    """Return (viewer, client number, None) for a page of one client's file that may be
    shown, else (viewer, None, what to show instead: sign-in, refusal or bad number)."""
    number = parse_client_id(client_id)
    viewer, instead = page_access(lang, f"/clients/{client_id}{suffix}", PEOPLE_ROLES, number)
    if instead is not None or viewer is None:
        return viewer, None, instead
    if number is None:
        return viewer, None, bad_id_alert(client_id, lang)
    return viewer, number, None


def client_page_title(generic_key: str, key: str) -> Callable[..., str]:
    """Return a page-title function: the client's number when the address holds one."""

    def title(client_id: str | None = None, **_: object) -> str:
        lang = current_lang()
        number = parse_client_id(client_id)
        if number is None:
            return t(generic_key, lang)
        return t(key, lang, client_id=number)

    return title
