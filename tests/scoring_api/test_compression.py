"""Compression: brotli or gzip as the browser asks, on every text response, never on fonts.

On the whole server (tests/conftest.py): the dashboard's pages and files are most of the bytes.
"""

from __future__ import annotations

import gzip
from typing import Any

import brotli
import pytest
from flask.testing import FlaskClient

from dash_app.icons import icon_font
from dash_app.vendor import BOOTSTRAP_PREFIX, PLOTLY_URL
from scoring_api.compression import MIN_BYTES

TEXT_URLS = [
    "/api/v1/model",
    "/api/v1/model/report",
    "/api/v1/model/directions",
    "/api/v1/catalogue",
    "/api/v1/clients/{id}",
    "/api/v1/clients/{id}/export?format=csv",
    "/api/v1/clients/{id}/letter?format=html",
    "/api/v1/openapi.json",
    "/clients",
    "/_dash-layout",
    PLOTLY_URL,
    f"{BOOTSTRAP_PREFIX}/css/bootstrap.min.css",
]
DECODERS = {"br": brotli.decompress, "gzip": gzip.decompress}


def get(
    server_http: FlaskClient, server_keys: dict[str, str], url: str, encoding: str | None
) -> Any:
    """GET as an advisor, accepting ``encoding`` (None: no Accept-Encoding header)."""
    headers = {"X-API-Key": server_keys["advisor"]}
    if encoding is not None:
        headers["Accept-Encoding"] = encoding
    response = server_http.get(url, headers=headers)
    response.get_data()  # read whole before closing (the body of a file is streamed)
    response.close()
    return response


def decoded(response: Any) -> bytes:
    """Return a response's body as sent before compression."""
    encoding = response.headers.get("Content-Encoding")
    body = response.get_data()
    return DECODERS[encoding](body) if encoding else body


@pytest.mark.parametrize("url", TEXT_URLS)
@pytest.mark.parametrize(
    ("accept", "expected"),
    [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip"), ("br;q=0.5, gzip", "gzip")],
)
def test_text_responses_are_compressed_as_the_browser_accepts(
    server_http: FlaskClient,
    server_keys: dict[str, str],
    server_client_ids: list[int],
    url: str,
    accept: str,
    expected: str,
) -> None:
    address = url.format(id=server_client_ids[0])
    plain = get(server_http, server_keys, address, None)
    response = get(server_http, server_keys, address, accept)
    assert response.status_code == plain.status_code == 200
    assert response.headers["Content-Encoding"] == expected
    assert "Accept-Encoding" in response.headers["Vary"]
    assert int(response.headers["Content-Length"]) == len(response.get_data())
    assert len(response.get_data()) < len(plain.get_data()) / 2
    if url != "/clients":  # Dash signs a new page-load token into each index page
        assert decoded(response) == plain.get_data()
    else:
        assert decoded(response).startswith(b"<!DOCTYPE html>")


@pytest.mark.parametrize("url", ["/api/v1/model", "/clients", PLOTLY_URL])
def test_nothing_is_compressed_for_a_browser_that_does_not_ask(
    server_http: FlaskClient, server_keys: dict[str, str], url: str
) -> None:
    for accept in (None, "identity", "compress"):
        response = get(server_http, server_keys, url, accept)
        assert "Content-Encoding" not in response.headers
        assert "Accept-Encoding" in response.headers["Vary"]  # a cache keeps both apart


def test_fonts_already_compressed_are_sent_as_they_are(
    server_http: FlaskClient, server_keys: dict[str, str]
) -> None:
    response = get(server_http, server_keys, icon_font().font_url, "br, gzip")
    assert response.status_code == 200
    assert response.mimetype == "font/woff2"
    assert "Content-Encoding" not in response.headers


def test_small_bodies_are_not_compressed(
    server_http: FlaskClient, server_keys: dict[str, str]
) -> None:
    response = get(server_http, server_keys, "/api/v1/health/live", "br, gzip")
    assert len(response.get_data()) < MIN_BYTES
    assert "Content-Encoding" not in response.headers


def test_offers_are_compressed_from_min_bytes(
    server_http: FlaskClient, server_keys: dict[str, str], server_client_ids: list[int]
) -> None:
    """A granted client's offers are a short body (no offer); a refused one's may be longer."""
    for client_id in server_client_ids:
        url = f"/api/v1/clients/{client_id}/offers"
        plain = get(server_http, server_keys, url, None)
        response = get(server_http, server_keys, url, "br, gzip")
        assert response.status_code == 200
        is_long = len(plain.get_data()) >= MIN_BYTES
        assert response.headers.get("Content-Encoding") == ("br" if is_long else None)
        assert decoded(response) == plain.get_data()


def test_the_monitoring_report_is_compressed_from_min_bytes(
    server_http: FlaskClient, server_keys: dict[str, str]
) -> None:
    """Its length depends on the events other tests recorded: compressed once long enough."""
    url = "/api/v1/monitoring?window=day"
    plain = get(server_http, server_keys, url, None)
    response = get(server_http, server_keys, url, "br, gzip")
    assert response.status_code == plain.status_code == 200
    is_long = len(plain.get_data()) >= MIN_BYTES
    assert response.headers.get("Content-Encoding") == ("br" if is_long else None)
    assert decoded(response) == plain.get_data()


def test_errors_are_json_and_uncompressed(
    server_http: FlaskClient, server_keys: dict[str, str]
) -> None:
    response = get(server_http, server_keys, "/api/v1/clients/1", "br, gzip")
    assert response.status_code == 404
    assert "Content-Encoding" not in response.headers
    assert response.get_json()["error"]["code"] == "not_found"


def test_a_compressed_file_answers_its_etag_with_304(
    server_http: FlaskClient, server_keys: dict[str, str]
) -> None:
    first = get(server_http, server_keys, PLOTLY_URL, "br")
    etag = first.headers["ETag"]
    assert etag.endswith(':br"')  # the compressed body has its own validator
    again = server_http.get(PLOTLY_URL, headers={"Accept-Encoding": "br", "If-None-Match": etag})
    again.close()
    assert again.status_code == 304
    assert again.get_data() == b""
