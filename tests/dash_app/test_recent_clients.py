"""Recently opened clients: kept per person, never shown to another, forgotten at sign-out."""

from __future__ import annotations

from pathlib import Path

import pytest

from dash_app import ids
from dash_app.pages.clients import ids as clients_ids
from dash_app.recent_clients import RECENT_KEPT, owned_ids, owner_tag, with_opened

ASSET = Path(__file__).resolve().parents[2] / "assets" / "recent_clients.js"


def test_each_person_has_their_own_tag(app_context) -> None:
    assert owner_tag("alice") != owner_tag("bob")
    assert owner_tag("alice") == owner_tag("alice")
    assert "alice" not in owner_tag("alice")


def test_another_persons_list_is_neither_shown_nor_extended(app_context) -> None:
    alice, bob = owner_tag("alice"), owner_tag("bob")
    stored = with_opened(None, alice, 100002)
    stored = with_opened(stored, alice, 100003)
    assert owned_ids(stored, alice) == [100003, 100002]
    assert owned_ids(stored, bob) == []
    assert with_opened(stored, bob, 100004) == {"owner": bob, "ids": [100004]}


@pytest.mark.parametrize("stored", [None, [100002, 100003], {"ids": [100002]}, "junk"])
def test_a_list_without_its_owner_shows_nothing(app_context, stored) -> None:
    assert owned_ids(stored, owner_tag("alice")) == []


def test_the_list_keeps_the_last_opened_first_without_repeats(app_context) -> None:
    alice = owner_tag("alice")
    stored = None
    for client_id in [1, 2, 3, 2, *range(10, 20)]:
        stored = with_opened(stored, alice, client_id)
    assert owned_ids(stored, alice) == list(range(19, 19 - RECENT_KEPT, -1))


def test_sign_out_clears_the_stored_list() -> None:
    script = ASSET.read_text(encoding="utf-8")
    assert f'"#{ids.SHELL_SIGN_OUT_BUTTON}"' in script
    assert f'removeItem("{clients_ids.CLIENTS_RECENT_STORE}")' in script
