"""The browser's address as the dashboard forwards it to a remote API: signed, never trusted bare.

In the two-process shape the API sees the dashboard's host as its caller, so per-address limits
(sign-in) would put every browser in one bucket. The dashboard sends the address of the browser
it serves in ``X-Dashboard-Client``, signed with the ``SECRET_KEY`` both processes share and
timestamped; the API believes it only when the signature holds and is under a minute old. An
outside caller cannot make one, and forwarded-address headers (``X-Forwarded-For``) stay
ignored unless ``PROXY_FIX`` says a proxy sets them.
"""

from __future__ import annotations

import ipaddress

from itsdangerous import BadSignature, TimestampSigner

DASHBOARD_CLIENT_HEADER = "X-Dashboard-Client"
FORWARD_SALT = "dashboard-client-address"
FORWARD_MAX_AGE_SECONDS = 60


def sign_address(secret_key: str | bytes, address: str) -> str:
    """Return the header value carrying ``address`` signed with the shared secret."""
    return TimestampSigner(secret_key, salt=FORWARD_SALT).sign(address).decode()


def verified_address(secret_key: str | bytes, value: str) -> str | None:
    """Return the address of a header value the dashboard signed lately, else None."""
    signer = TimestampSigner(secret_key, salt=FORWARD_SALT)
    try:
        address = signer.unsign(value, max_age=FORWARD_MAX_AGE_SECONDS).decode()
    except (BadSignature, UnicodeDecodeError):
        return None
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
