"""The dashboard's only way to the scoring API: the same JSON contract over two transports.

In-process (default): the Flask test client of the server the dashboard is mounted on, in a
fresh application context, with the browser's cookies forwarded (no network, no deadlock with
one worker). HTTP: when ``API_URL`` names another deployment (the browser's session cookie is
forwarded; both deployments share ``SECRET_KEY`` and ``DATABASE_URL``). Both return dicts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from threading import Lock
from typing import Any

import requests
from cachetools import TTLCache, cached
from flask import current_app, has_request_context, request

from scoring_api.security.forwarded import DASHBOARD_CLIENT_HEADER, sign_address
from scoring_api.urls import API_PREFIX

CONFIG_KEY = "DASHBOARD_API_URL"
HTTP_TIMEOUT_SECONDS = 10
FORWARDED_COOKIES = ("session",)
REPORT_RELAY_PATH = "/model-report"  # the dashboard's own route to a remote API's report
EXPLANATION_TOP = 10  # contributions asked for in an explanation (the rest: "other features")
# Field labels are code facts, yet a remote API may be upgraded: kept a few minutes per language.
FIELD_CATALOGUE_SECONDS = 300
field_catalogue_cache: TTLCache[Any, dict[str, str]] = TTLCache(
    maxsize=8, ttl=FIELD_CATALOGUE_SECONDS
)


class ApiClientError(Exception):
    """An API error as the dashboard shows it: status, code, message, details."""

    def __init__(self, status: int, code: str, message: str, details: Any = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details


@dataclass(frozen=True)
class ApiResponse:
    """A decoded API answer: status, JSON body (or text), Set-Cookie headers, any CSP, and the
    body's bytes as sent (a PDF is no text)."""

    status: int
    body: Any
    set_cookies: tuple[str, ...] = ()
    content_security_policy: str = ""
    content: bytes = b""


def _browser_cookies() -> dict[str, str]:
    """Return the cookies of the browser request being served that the API needs."""
    if not has_request_context():
        return {}
    return {name: request.cookies[name] for name in FORWARDED_COOKIES if name in request.cookies}


def _browser_address() -> str | None:
    """Return the address of the browser being served (after any ProxyFix), if any."""
    return request.remote_addr if has_request_context() else None


def _in_process(method: str, path: str, params: Mapping[str, Any] | None, body: Any) -> ApiResponse:
    """Call the API mounted on this server through its test client, in a fresh app context.

    The call carries the browser's address as its own (the API limits sign-ins per address).
    """
    # the app behind Flask's proxy (a werkzeug LocalProxy method the stub does not declare)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    cookie = "; ".join(f"{k}={v}" for k, v in _browser_cookies().items())
    headers = {"Cookie": cookie} if cookie else {}
    address = _browser_address()
    environ = {"REMOTE_ADDR": address} if address else {}
    with app.app_context():  # a fresh ``g``: the API's per-request state stays its own
        response = app.test_client(use_cookies=False).open(
            API_PREFIX + path,
            method=method,
            query_string=params,
            json=body,
            headers=headers,
            environ_base=environ,
        )
    content = response.get_data()
    payload = response.get_json(silent=True)
    if payload is None:  # text as requests reads it: a binary body (a PDF) cannot fail here
        payload = content.decode(errors="replace")
    return ApiResponse(
        response.status_code,
        payload,
        tuple(response.headers.getlist("Set-Cookie")),
        response.headers.get("Content-Security-Policy", ""),
        content,
    )


def _over_http(
    base_url: str, method: str, path: str, params: Mapping[str, Any] | None, body: Any
) -> ApiResponse:
    """Call a remote API deployment, forwarding the browser's session cookie and address.

    The address goes signed with the shared SECRET_KEY (``X-Dashboard-Client``): the API
    believes no unsigned forwarded address.
    """
    address = _browser_address()
    headers = {}
    if address:
        headers[DASHBOARD_CLIENT_HEADER] = sign_address(current_app.secret_key or "", address)
    try:
        response = requests.request(
            method,
            base_url.rstrip("/") + API_PREFIX + path,
            params=params,
            json=body,
            cookies=_browser_cookies(),
            headers=headers,
            timeout=HTTP_TIMEOUT_SECONDS,
        )
    except requests.RequestException as exc:
        raise ApiClientError(
            503, "api_unreachable", "The scoring API cannot be reached. Retry shortly."
        ) from exc
    try:
        payload: Any = response.json()
    except ValueError:
        payload = response.text
    set_cookies = tuple(response.raw.headers.getlist("Set-Cookie")) if response.raw else ()
    policy = response.headers.get("Content-Security-Policy", "")
    return ApiResponse(response.status_code, payload, set_cookies, policy, response.content)


def call(
    method: str, path: str, *, params: Mapping[str, Any] | None = None, body: Any = None
) -> ApiResponse:
    """Send one API request for the browser being served; raise ApiClientError on 4xx/5xx."""
    base_url = current_app.config.get(CONFIG_KEY) or ""
    if base_url:
        response = _over_http(base_url, method, path, params, body)
    else:
        response = _in_process(method, path, params, body)
    if response.status >= 400:
        error = response.body.get("error", {}) if isinstance(response.body, dict) else {}
        raise ApiClientError(
            response.status,
            error.get("code", "http_error"),
            error.get("message", f"The API answered {response.status}."),
            error.get("details"),
        )
    return response


def get(path: str, **params: Any) -> Any:
    """Return the JSON body of a GET (None-valued parameters left out)."""
    query = {k: v for k, v in params.items() if v is not None}
    return call("GET", path, params=query).body


def post(path: str, body: Any, **params: Any) -> Any:
    """Return the JSON body of a POST."""
    query = {k: v for k, v in params.items() if v is not None}
    return call("POST", path, params=query, body=body).body


def sign_in(username: str, password: str) -> ApiResponse:
    """Open a session; the caller relays ``set_cookies`` to the browser."""
    return call("POST", "/auth/login", body={"username": username, "password": password})


def sign_out() -> ApiResponse:
    """End the browser's session; the caller relays ``set_cookies`` to the browser."""
    return call("POST", "/auth/logout", body={})


def whoami() -> dict[str, Any] | None:
    """Return the signed-in account (username, role, client_id), or None when anonymous."""
    try:
        return get("/auth/me")
    except ApiClientError as error:
        if error.status == 401:
            return None
        raise


def model_card(lang: str | None = None) -> dict[str, Any]:
    """Return the live model's card (version, metrics, threshold, inputs with importance)."""
    return get("/model", lang=lang)


@cached(field_catalogue_cache, lock=Lock())  # a TTLCache is not thread-safe on its own
def field_catalogue(lang: str) -> dict[str, str]:
    """Return the label of every application field a client file serves, by name."""
    return {field["name"]: field["label"] for field in get("/catalogue", lang=lang)["fields"]}


def model_curves() -> dict[str, Any]:
    """Return the cost, ROC, calibration, fairness and drift curves of the live model."""
    return get("/model/curves")


def model_directions(lang: str | None = None) -> dict[str, Any]:
    """Return the direction view: a sample of clients' points for the top inputs, by value."""
    return get("/model/directions", lang=lang)


def model_report_url() -> str:
    """Return where the browser opens the HTML model report (its session cookie is sent).

    With a remote API the browser's cookie belongs to the dashboard's host, so the report is
    opened on the dashboard, which relays it from the API (``REPORT_RELAY_PATH``).
    """
    if current_app.config.get(CONFIG_KEY):
        return REPORT_RELAY_PATH
    return API_PREFIX + "/model/report"


def model_report() -> ApiResponse:
    """Return the HTML model report and the CSP the API sends with it."""
    return call("GET", "/model/report")


def monitoring(
    window: str | None = None, start: str | None = None, end: str | None = None
) -> dict[str, Any]:
    """Return the champion's monitoring windows (indicators, statistics) and any challenger's.

    ``start`` and ``end`` are the ``from`` and ``to`` days (YYYY-MM-DD, included); None: the
    API's default range.
    """
    return get("/monitoring", window=window, **{"from": start, "to": end})


def search_clients(
    query: str = "",
    limit: int = 20,
    cursor: str | None = None,
    *,
    decision: str | None = None,
    risk_band: str | None = None,
    sort: str | None = None,
    lang: str | None = None,
) -> dict[str, Any]:
    """Return a page of clients matching an id prefix, decision and risk band, with the total."""
    return get(
        "/clients",
        query=query or None,
        limit=limit,
        cursor=cursor,
        decision=decision or None,
        risk_band=risk_band or None,
        sort=sort or None,
        lang=lang,
    )


def client_file(client_id: int) -> dict[str, Any]:
    """Return a client's descriptive information."""
    return get(f"/clients/{client_id}")


def client_score(client_id: int) -> dict[str, Any]:
    """Return a client's probability, decision, margin and points."""
    return get(f"/clients/{client_id}/score")


def client_explanation(client_id: int, lang: str, top: int = EXPLANATION_TOP) -> dict[str, Any]:
    """Return a client's SHAP contributions and reasons."""
    return get(f"/clients/{client_id}/explanation", lang=lang, top=top)


def client_peers(
    client_id: int, features: list[str], lang: str, group: str | None = None
) -> dict[str, Any]:
    """Return distributions of features among all, granted, refused and similar clients."""
    return get(f"/clients/{client_id}/peers", features=",".join(features), group=group, lang=lang)


def client_export(client_id: int, fmt: str, lang: str | None = None) -> ApiResponse:
    """Return the client's personal data export (json, csv or readable html) as sent."""
    params = {"format": fmt} | ({"lang": lang} if lang else {})
    return call("GET", f"/clients/{client_id}/export", params=params)


def client_offers(client_id: int, lang: str) -> dict[str, Any]:
    """Return a stored client's counter-offers (none, and why, for a granted client)."""
    return get(f"/clients/{client_id}/offers", lang=lang)


def client_letter(client_id: int, fmt: str, lang: str) -> ApiResponse:
    """Return the client's decision letter (pdf or html); its bytes are ``content``."""
    return call("GET", f"/clients/{client_id}/letter", params={"format": fmt, "lang": lang})


def population_sample(x: str, y: str, n: int = 2000) -> dict[str, Any]:
    """Return a server-side sample of two features for the bivariate view."""
    return get("/population/sample", x=x, y=y, n=n)


def score_applications(
    applications: list[dict[str, Any]],
    lang: str,
    explain: bool = True,
    top: int = EXPLANATION_TOP,
) -> dict[str, Any]:
    """Score new or edited applications (what-if), with their explanations."""
    body = {"applications": applications, "explain": explain, "top": top, "lang": lang}
    return post("/score", body)


def request_review(client_id: int, comment: str) -> dict[str, Any]:
    """Open a human review of the client's current decision, with the requester's comment."""
    return post(f"/clients/{client_id}/reviews", {"comment": comment})


def reviews(
    status: str | None = None,
    older_than_days: int | None = None,
    client_id: int | None = None,
    limit: int = 20,
    cursor: str | None = None,
) -> dict[str, Any]:
    """Return a page of the review queue, oldest first (a client: their own reviews only)."""
    return get(
        "/reviews",
        status=status,
        older_than_days=older_than_days,
        client_id=client_id,
        limit=limit,
        cursor=cursor,
    )


def review(review_id: int) -> dict[str, Any]:
    """Return one review: the score it is about, its status, outcome and timestamps."""
    return get(f"/reviews/{review_id}")


def record_review_outcome(review_id: int, status: str, reason: str | None) -> dict[str, Any]:
    """Take a review up (in_review) or close it (confirmed, overturned) with its reason."""
    return post(f"/reviews/{review_id}/outcome", {"status": status, "reason": reason})
