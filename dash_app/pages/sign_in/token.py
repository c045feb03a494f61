"""The sign-in form's CSRF token, bound to the browser's session and masked afresh each time.

The form's token signs a random nonce kept in the browser's own session cookie: a token is
good only in the browser it was given to, for at most FORM_TOKEN_SECONDS, and a successful
sign-in replaces that session (the API opens a new one), so the token cannot serve twice.
The nonce is masked by a fresh random pad in every token (as Django masks its CSRF token), so
two compressed responses never share it: its length cannot be read out (BREACH).
"""

from __future__ import annotations

import hmac
import secrets

from flask import current_app, session
from itsdangerous import BadSignature, URLSafeTimedSerializer

FORM_SALT = "dashboard-sign-in-form"
FORM_TOKEN_SECONDS = 3600
FORM_NONCE_KEY = "sign_in_nonce"  # in the browser's session cookie


def _serializer() -> URLSafeTimedSerializer:
    """Return the signer of the sign-in form's token (the server's secret key)."""
    key = current_app.secret_key
    if key is None:
        raise RuntimeError("The server has no SECRET_KEY: set it to sign the sign-in form.")
    return URLSafeTimedSerializer(key, salt=FORM_SALT)


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
