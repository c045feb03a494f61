"""The docs page at /api/v1/ works under the app's CSP: links, no script, no inline handler."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from flask.testing import FlaskClient

INDEX = "/api/v1/"
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_the_docs_page_has_no_script_the_csp_would_block(http: FlaskClient) -> None:
    page = http.get(INDEX)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<script" not in html.lower()
    assert INLINE_HANDLER.search(html) is None
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]


def test_every_link_of_the_docs_page_opens(http: FlaskClient) -> None:
    html = http.get(INDEX).get_data(as_text=True)
    links = re.findall(r'href="([^"]+)"', html)
    assert {"swagger", "openapi.json"} <= set(links)
    for link in links:
        assert http.get(urljoin(INDEX, link)).status_code == 200, link
