"""The model report is served sandboxed: its inline scripts draw the charts in an opaque origin."""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser


class InlineScripts(HTMLParser):
    """Collect the text of each inline ``<script>`` (those without ``src``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.bodies: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and not any(name == "src" for name, _ in attrs):
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.bodies.append("".join(self._current))
            self._current = None


def directives(policy: str) -> dict[str, list[str]]:
    """Split a CSP into {directive: sources}."""
    parts = (item.split() for item in policy.split(";") if item.strip())
    return {words[0]: words[1:] for words in parts}


def sha256_source(body: str) -> str:
    """Return the CSP source allowing an inline script by its SHA-256."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def test_report_csp_allows_each_inline_script_by_hash_and_nothing_inline(as_role) -> None:
    response = as_role("advisor", "GET", "/api/v1/model/report")
    assert response.status_code == 200
    parser = InlineScripts()
    parser.feed(response.get_data(as_text=True))
    assert len(parser.bodies) >= 2  # Plotly's library and at least one figure
    policy = directives(response.headers["Content-Security-Policy"])
    scripts = policy["script-src"]
    assert {sha256_source(body) for body in parser.bodies} <= set(scripts)
    assert "'unsafe-inline'" not in scripts
    assert "'unsafe-eval'" not in scripts
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert response.headers["X-Frame-Options"] == "DENY"


def test_the_report_runs_sandboxed_so_nothing_in_it_acts_as_the_app(as_role) -> None:
    """Scripts without allow-same-origin: an opaque origin, no request, form or window."""
    response = as_role("advisor", "GET", "/api/v1/model/report")
    policy = directives(response.headers["Content-Security-Policy"])
    assert policy["sandbox"] == ["allow-scripts"]
    assert policy["default-src"] == ["'none'"]
    assert policy["connect-src"] == ["'none'"]
    assert policy["form-action"] == ["'none'"]
    assert "'self'" not in policy["script-src"]
    assert response.headers["Cache-Control"] == "no-store"


def test_report_csp_is_the_same_on_a_second_request(as_role) -> None:
    first = as_role("advisor", "GET", "/api/v1/model/report")
    second = as_role("advisor", "GET", "/api/v1/model/report")
    assert first.headers["Content-Security-Policy"] == second.headers["Content-Security-Policy"]
    assert first.get_data() == second.get_data()


def test_the_report_script_hashes_are_not_allowed_elsewhere(as_role) -> None:
    policy = directives(
        as_role("advisor", "GET", "/api/v1/model").headers["Content-Security-Policy"]
    )
    report = as_role("advisor", "GET", "/api/v1/model/report")
    report_scripts = set(directives(report.headers["Content-Security-Policy"])["script-src"])
    assert not (report_scripts - {"'self'"}) & set(policy["script-src"])


def test_a_client_may_not_open_the_report(as_role) -> None:
    assert as_role("client", "GET", "/api/v1/model/report").status_code == 403
