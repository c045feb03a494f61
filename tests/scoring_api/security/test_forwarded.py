"""The browser's address a remote dashboard forwards: believed only when signed with the key."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from itsdangerous import TimestampSigner

from scoring_api.security.forwarded import (
    DASHBOARD_CLIENT_HEADER,
    sign_address,
    verified_address,
)

WRONG = {"username": "nobody", "password": "wrong password!"}


def attempts(app: Flask, headers: list[dict[str, str]]) -> list[int]:
    """Post a wrong sign-in with each set of headers; return the statuses."""
    client = app.test_client()
    return [client.post("/api/v1/auth/login", json=WRONG, headers=h).status_code for h in headers]


def signed(app: Flask, address: str) -> dict[str, str]:
    """Return the header a dashboard sharing the app's SECRET_KEY sends for ``address``."""
    return {DASHBOARD_CLIENT_HEADER: sign_address(app.secret_key, address)}


def test_each_signed_browser_address_has_its_own_sign_in_bucket(limited: Flask) -> None:
    first = signed(limited, "203.0.113.7")
    assert attempts(limited, [first, first, first]) == [401, 401, 429]
    assert attempts(limited, [signed(limited, "203.0.113.8")]) == [401]
    assert attempts(limited, [{}]) == [401]  # the peer's own bucket is untouched too


@pytest.mark.parametrize(
    "headers",
    [
        {DASHBOARD_CLIENT_HEADER: "203.0.113.9"},
        {DASHBOARD_CLIENT_HEADER: sign_address("another key" * 4, "203.0.113.9")},
        {"X-Forwarded-For": "203.0.113.9"},
        {"X-Real-IP": "203.0.113.9"},
    ],
    ids=["unsigned", "other-key", "x-forwarded-for", "x-real-ip"],
)
def test_unsigned_or_forged_addresses_are_ignored(limited: Flask, headers: Any) -> None:
    varying = [{k: v.replace(".9", f".{n}") for k, v in headers.items()} for n in range(10, 13)]
    assert attempts(limited, varying) == [401, 401, 429]  # all counted against the peer


@pytest.mark.parametrize(
    ("value", "expected"),
    [("::1", "::1"), ("not-an-address", None), ("10.0.0.1\r\nX: y", None)],
)
def test_only_an_address_is_believed(value: str, expected: str | None) -> None:
    assert verified_address("k" * 40, sign_address("k" * 40, value)) == expected


def test_an_old_signature_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    value = sign_address("k" * 40, "203.0.113.1")
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda _self: 2_000_000_000)
    assert verified_address("k" * 40, value) is None
