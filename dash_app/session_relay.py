"""Relay the API's session cookie to the browser from a Dash callback.

The API (in-process or remote) opens and ends sessions; the dashboard's callback response
carries its ``Set-Cookie`` to the browser. The callback's own request must then not write the
old session back over it, hence a session interface that stands aside after a relay.
"""

from __future__ import annotations

from collections.abc import Iterable

from dash import callback_context
from flask import Flask, g
from flask.sessions import SecureCookieSessionInterface, SessionMixin

RELAYED_FLAG = "dashboard_session_relayed"


class RelayAwareSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, silent on a response that relays the API's cookie."""

    def should_set_cookie(self, app: Flask, session: SessionMixin) -> bool:
        """Write the session cookie unless this response already carries the API's."""
        if g.get(RELAYED_FLAG):
            return False
        return super().should_set_cookie(app, session)


def init_session_relay(server: Flask) -> None:
    """Install the relay-aware session interface (same cookie format as Flask's)."""
    if type(server.session_interface) is SecureCookieSessionInterface:
        server.session_interface = RelayAwareSessionInterface()


def relay_cookies(set_cookies: Iterable[str]) -> None:
    """Send the API's Set-Cookie headers to the browser with this callback's response."""
    for header in set_cookies:
        callback_context.response.append_header("Set-Cookie", header)
    g.setdefault(RELAYED_FLAG, True)
