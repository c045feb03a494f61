"""Who may open a page: each page declares its roles, one guard applies them to every page.

A page registers the roles it admits: ``dash.register_page(__name__, roles=ADVISOR_ROLES)``
(an admin opens every page; ``ANYONE`` admits anonymous browsers too). ``guard_pages`` puts
every registered layout behind that declaration: an anonymous browser is sent to sign in, a
role not admitted sees a refusal, and on a page whose address names a client
(``<client_id>``) the number must be one and a client account may open only its own file.
The layout then gets the ``viewer`` (and the client's number). The API checks every call
anyway; this guard only spares a page of errors.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import dash
import dash_bootstrap_components as dbc
from dash import dcc
from dash.development.base_component import Component

from dash_app import api_client, ids
from dash_app.api_client import ApiClientError
from dash_app.components.messages import bad_id_alert, error_alert, icon
from dash_app.routing import (
    CLIENT_VARIABLE,
    Page,
    names_a_client,
    page_address,
    page_template,
    parse_client_id,
)
from dash_app.text import current_lang, t
from scoring_api.security.roles import Role

ADVISOR_ROLES = frozenset({Role.ADVISOR, Role.ADMIN})
PEOPLE_ROLES = frozenset({Role.ADVISOR, Role.CLIENT, Role.ADMIN})
CLIENT_ROLES = frozenset({Role.CLIENT})
ANYONE = None  # a page anonymous browsers may open too (sign-in, not found)
ROLES_KEY = "roles"  # register_page's key naming the roles a page admits
Roles = Collection[str] | None


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


def may_open(role: str, roles: Collection[str]) -> bool:
    """Tell whether a role may open a page admitting these roles (an admin opens every page)."""
    return role == Role.ADMIN or role in roles


def sign_in_redirect(next_path: str) -> Component:
    """Return a layout sending an anonymous browser to the sign-in page, then back."""
    return dcc.Location(id=ids.ACCESS_SIGN_IN_LOCATION, href=f"/sign-in?next={quote(next_path)}")


def refusal(message_key: str, lang: str) -> Component:
    """Return the page shown to a signed-in person who may not see the asked page."""
    return dbc.Alert(
        [icon("bi-shield-lock", "me-2"), t(message_key, lang)],
        color="warning",
        className="mt-3",
        id=ids.ACCESS_REFUSED_ALERT,
    )


def _record_refusal(client_id: int) -> None:
    """Ask the API for the file: it refuses a client another's file and audits the refusal."""
    try:
        api_client.client_file(client_id)
    except ApiClientError:
        return


@dataclass(frozen=True)
class GuardedLayout:
    """A page's layout behind the roles the page declares (what Dash's router calls)."""

    layout: Callable[..., Component]
    roles: Roles
    template: str

    def __call__(self, **values: Any) -> Component:
        """Return the page for a viewer it admits, else what to show instead."""
        if self.roles is ANYONE:
            return self.layout(**values)
        lang = current_lang()
        try:
            viewer = current_viewer()
        except ApiClientError as error:
            return error_alert(error, lang)
        if viewer is None:
            return sign_in_redirect(page_address(self.template, values))
        if not may_open(viewer.role, self.roles):
            return refusal("access.forbidden", lang)
        if names_a_client(self.template):
            return self._client_page(viewer, values, lang)
        return self.layout(**{**values, "viewer": viewer})

    def _client_page(self, viewer: Viewer, values: dict[str, Any], lang: str) -> Component:
        """Return a page of one client's file: for a client number, a client's own file only."""
        raw = values.get(CLIENT_VARIABLE)
        number = parse_client_id(raw)
        if number is None:
            return bad_id_alert(raw, lang)
        if viewer.role == Role.CLIENT and viewer.client_id != number:
            _record_refusal(number)
            return refusal("access.own_file_only", lang)
        return self.layout(**{**values, "viewer": viewer, CLIENT_VARIABLE: number})


def guarded(page: Page) -> GuardedLayout:
    """Return a registered page's layout behind its declared roles (a page must declare)."""
    if ROLES_KEY not in page:
        raise ValueError(
            f"The page {page['module']} declares no roles: register it with "
            f"roles=... (a set of roles, or access.ANYONE)."
        )
    layout = page["layout"]
    if isinstance(layout, GuardedLayout):
        return layout
    return GuardedLayout(layout, page[ROLES_KEY], page_template(page))


def guard_pages() -> None:
    """Put every registered page's layout behind the roles the page declares."""
    for page in dash.page_registry.values():
        page["layout"] = guarded(page)
