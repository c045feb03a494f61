"""This browser's recently opened clients, kept per person: ids only, tagged with their owner.

The list lives in the browser's localStorage (``CLIENTS_RECENT_STORE``, pages/clients/ids.py) as
``{"owner": tag, "ids": [...]}``; the tag is a keyed hash of the signed-in username, so a list
left by another person on a shared browser is neither shown nor extended, and
``assets/recent_clients.js`` removes it when someone signs out.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from flask import current_app

RECENT_KEPT = 8  # ids kept (and shown) per person
TAG_CHARS = 16


def owner_tag(username: str) -> str:
    """Return the tag of a person's list: HMAC-SHA256(SECRET_KEY, username), cut short."""
    key = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(key, b"recent:" + username.encode(), hashlib.sha256).hexdigest()[:TAG_CHARS]


def owned_ids(stored: Any, owner: str | None) -> list[int]:
    """Return the ids of the stored list when it belongs to ``owner`` (else none)."""
    if not owner or not isinstance(stored, dict) or stored.get("owner") != owner:
        return []
    return [n for n in stored.get("ids") or [] if isinstance(n, int)][:RECENT_KEPT]


def with_opened(stored: Any, owner: str, client_id: int) -> dict[str, Any]:
    """Return the owner's list with ``client_id`` first (another person's list is dropped)."""
    kept = [n for n in owned_ids(stored, owner) if n != client_id]
    return {"owner": owner, "ids": [client_id, *kept][:RECENT_KEPT]}
