"""The "my data" downloads: the readable export is the API's HTML, in the page's language."""

from __future__ import annotations

from typing import Any

import pytest

from dash_app import api_client
from dash_app.api_client import ApiResponse
from dash_app.pages.my_data import ids
from dash_app.pages.my_data.callbacks import export_download
from dash_app.pages.my_data.sections import rights_card
from dash_app.text import t


def test_the_readable_export_is_downloaded_as_html_in_the_pages_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[tuple[Any, ...]] = []

    def fake_export(client_id: int, fmt: str, lang: str | None = None) -> ApiResponse:
        calls.append((client_id, fmt, lang))
        return ApiResponse(200, '<!DOCTYPE html><html lang="en"></html>')

    monkeypatch.setattr(api_client, "client_export", fake_export)
    download, status = export_download(100001, "html", "en")
    assert calls == [(100001, "html", "en")]
    assert download["filename"] == "pret-a-depenser-100001.html"
    assert download["type"] == "text/html"
    assert download["content"].startswith("<!DOCTYPE html>")
    assert "pret-a-depenser-100001.html" in status


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_rights_card_offers_the_readable_download(lang: str) -> None:
    card = str(rights_card(lang))
    assert ids.MY_DATA_HTML_BUTTON in card
    assert t("my_data.download.html", lang) in card
