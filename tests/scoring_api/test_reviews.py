"""Human reviews: request, queue, outcome, what a client may see, audit and referrals."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import delete, select

from scoring_api.context import bundle_store
from scoring_api.factory import create_app
from scoring_api.security.audit import pseudonymise
from scoring_api.security.keys import create_api_key
from scoring_api.security.models import AuditEvent, Review
from scoring_api.security.state import get_state
from scoring_api.services.scoring import stored_score
from tests.scoring_api.settings import PSEUDONYM_KEY, make_settings

COMMENT = "Mon revenu a augmenté de 400 euros depuis la demande."
REASON = "Income proof checked: the refusal stands."
Call = Callable[..., Any]


@pytest.fixture(scope="module")
def review_app(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return an API server on the session bundle with its own database."""
    server = create_app(make_settings(tmp_path_factory.mktemp("reviews"), data_dir))
    server.config["TESTING"] = True
    return server


@pytest.fixture(autouse=True)
def no_reviews(review_app: Flask) -> None:
    """Start each test with no review and no audit row."""
    state = get_state(review_app)
    state.audit.flush()
    with state.database.session() as session:
        session.execute(delete(Review))
        session.execute(delete(AuditEvent))
        session.commit()


@pytest.fixture(scope="module")
def ids(review_app: Flask) -> list[int]:
    """Return two stored client ids (the first two)."""
    with review_app.test_request_context():
        stored = bundle_store().get().client_ids
    return [int(stored[0]), int(stored[1])]


@pytest.fixture(scope="module")
def call(review_app: Flask, ids: list[int]) -> Call:
    """Return ``call(role, method, url, **kw)``; roles client and other are bound to ids 0, 1."""
    state = get_state(review_app)
    bound = {"client": ids[0], "other": ids[1]}
    with state.database.session() as session:
        secret = state.api_key_secret(session)
        tokens = {
            role: create_api_key(
                session, secret, f"t-{role}", "client" if role in bound else role, bound.get(role)
            ).token
            for role in ("advisor", "admin", "service", "client", "other")
        }
    http = review_app.test_client()

    def send(role: str, method: str, url: str, **kwargs: Any) -> Any:
        return http.open(url, method=method, headers={"X-API-Key": tokens[role]}, **kwargs)

    return send


def request_review(call: Call, role: str, client_id: int, comment: str = COMMENT) -> Any:
    """Ask for a review of a client's decision as ``role``."""
    return call(role, "POST", f"/api/v1/clients/{client_id}/reviews", json={"comment": comment})


def audit_rows(app: Flask) -> list[AuditEvent]:
    """Return the audit rows written so far (the buffer flushed first)."""
    get_state(app).audit.flush()
    with get_state(app).database.session() as session:
        return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def test_the_whole_cycle_from_request_to_the_client_reading_the_outcome(
    call: Call, ids: list[int]
) -> None:
    asked = request_review(call, "client", ids[0])
    assert asked.status_code == 201
    review = asked.json
    score = call("advisor", "GET", f"/api/v1/clients/{ids[0]}/score").json
    assert (review["status"], review["origin"], review["comment"]) == ("open", "request", COMMENT)
    assert (review["client_id"], review["requested_by_role"]) == (ids[0], "client")
    for field in ("probability", "decision", "model_decision", "score", "model_version"):
        assert review[field] == score[field]
    queue = call("advisor", "GET", "/api/v1/reviews?status=open").json
    assert [item["id"] for item in queue["items"]] == [review["id"]]
    outcome_url = f"/api/v1/reviews/{review['id']}/outcome"
    taken = call("advisor", "POST", outcome_url, json={"status": "in_review"})
    assert (taken.status_code, taken.json["status"]) == (200, "in_review")
    assert review["taken_up_at"] is None
    assert taken.json["taken_up_at"] == taken.json["updated_at"]
    assert call("advisor", "GET", "/api/v1/reviews?status=open").json["items"] == []
    overturned = call(
        "advisor", "POST", outcome_url, json={"status": "overturned", "reason": REASON}
    )
    assert overturned.status_code == 200
    seen = call("client", "GET", f"/api/v1/reviews/{review['id']}").json
    expected_final = "granted" if score["model_decision"] == "refused" else "refused"
    assert (seen["status"], seen["reason"], seen["final_decision"]) == (
        "overturned",
        REASON,
        expected_final,
    )
    assert seen["decided_at"] is not None
    assert seen["taken_up_at"] == taken.json["taken_up_at"] < seen["decided_at"]
    assert seen["probability"] == score["probability"]  # the model's score never changes
    assert call("advisor", "GET", f"/api/v1/clients/{ids[0]}/score").json == score


def test_confirmed_keeps_the_models_decision_as_final(call: Call, ids: list[int]) -> None:
    review = request_review(call, "advisor", ids[1]).json
    url = f"/api/v1/reviews/{review['id']}/outcome"
    closed = call("admin", "POST", url, json={"status": "confirmed", "reason": REASON}).json
    assert (closed["status"], closed["final_decision"]) == ("confirmed", review["model_decision"])
    assert review["requested_by_role"] == "advisor"


def test_a_client_sees_only_their_own_reviews(call: Call, ids: list[int]) -> None:
    mine = request_review(call, "client", ids[0]).json
    theirs = request_review(call, "other", ids[1]).json
    listed = call("client", "GET", "/api/v1/reviews").json["items"]
    assert [item["id"] for item in listed] == [mine["id"]]
    refused = call("client", "GET", f"/api/v1/reviews/{theirs['id']}")
    missing = call("client", "GET", "/api/v1/reviews/999999")
    assert (refused.status_code, missing.status_code) == (404, 404)
    assert refused.json["error"]["message"] == missing.json["error"]["message"]
    assert [i["id"] for i in call("advisor", "GET", "/api/v1/reviews").json["items"]] == [
        mine["id"],
        theirs["id"],
    ]


def test_the_queue_filters_one_clients_reviews_and_a_client_only_their_own(
    call: Call, ids: list[int]
) -> None:
    made = [request_review(call, "advisor", ids[i % 2]).json["id"] for i in range(3)]
    url = f"/api/v1/reviews?client_id={ids[0]}"
    assert [item["id"] for item in call("advisor", "GET", url).json["items"]] == made[0::2]
    assert [item["id"] for item in call("client", "GET", url).json["items"]] == made[0::2]
    other = call("client", "GET", f"/api/v1/reviews?client_id={ids[1]}")
    assert (other.status_code, other.json["error"]["code"]) == (403, "forbidden")


def test_a_client_cannot_ask_for_anothers_review_nor_record_an_outcome(
    call: Call, ids: list[int]
) -> None:
    assert request_review(call, "client", ids[1]).status_code == 403
    review = request_review(call, "client", ids[0]).json
    url = f"/api/v1/reviews/{review['id']}/outcome"
    response = call("client", "POST", url, json={"status": "overturned", "reason": REASON})
    assert (response.status_code, response.json["error"]["code"]) == (403, "forbidden")


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("POST", "/api/v1/clients/{id}/reviews", {"comment": COMMENT}),
        ("GET", "/api/v1/reviews", None),
        ("GET", "/api/v1/reviews/1", None),
        ("POST", "/api/v1/reviews/1/outcome", {"status": "in_review"}),
    ],
)
def test_services_are_refused(
    call: Call, ids: list[int], method: str, url: str, body: dict[str, str] | None
) -> None:
    request_review(call, "client", ids[0])
    response = call("service", method, url.format(id=ids[0]), json=body)
    assert (response.status_code, response.json["error"]["code"]) == (403, "forbidden")


@pytest.mark.parametrize("reason", [None, "", "   "])
@pytest.mark.parametrize("status", ["confirmed", "overturned"])
def test_closing_a_review_needs_a_reason(
    call: Call, ids: list[int], status: str, reason: str | None
) -> None:
    review = request_review(call, "client", ids[0]).json
    url = f"/api/v1/reviews/{review['id']}/outcome"
    response = call("advisor", "POST", url, json={"status": status, "reason": reason})
    assert response.status_code == 422
    assert f"a reason is mandatory to record a review as {status}" in str(response.json)
    assert call("advisor", "GET", f"/api/v1/reviews/{review['id']}").json["status"] == "open"


@pytest.mark.parametrize(
    ("steps", "illegal", "message"),
    [
        (
            ["in_review"],
            "in_review",
            "A review that is in_review can become confirmed or overturned, not in_review.",
        ),
        (
            ["confirmed"],
            "overturned",
            "The review is already confirmed: its outcome cannot change.",
        ),
        (
            ["in_review", "overturned"],
            "in_review",
            "The review is already overturned: its outcome cannot change.",
        ),
    ],
)
def test_an_illegal_transition_is_a_409(
    call: Call, ids: list[int], steps: list[str], illegal: str, message: str
) -> None:
    review = request_review(call, "client", ids[0]).json
    url = f"/api/v1/reviews/{review['id']}/outcome"
    for step in steps:
        assert (
            call("advisor", "POST", url, json={"status": step, "reason": REASON}).status_code == 200
        )
    response = call("advisor", "POST", url, json={"status": illegal, "reason": REASON})
    assert (response.status_code, response.json["error"]["message"]) == (409, message)


def test_the_queue_is_oldest_first_paged_and_filtered_by_age(call: Call, ids: list[int]) -> None:
    made = [request_review(call, "advisor", ids[i % 2]).json["id"] for i in range(3)]
    first = call("advisor", "GET", "/api/v1/reviews?limit=2").json
    assert [item["id"] for item in first["items"]] == made[:2]
    url = f"/api/v1/reviews?limit=2&cursor={first['next_cursor']}"
    assert [item["id"] for item in call("advisor", "GET", url).json["items"]] == made[2:]
    assert call("advisor", "GET", "/api/v1/reviews?older_than_days=1").json["items"] == []
    assert len(call("advisor", "GET", "/api/v1/reviews?older_than_days=0").json["items"]) == 3


def test_comments_are_bounded_and_plain_fields_only(call: Call, ids: list[int]) -> None:
    url = f"/api/v1/clients/{ids[0]}/reviews"
    assert call("client", "POST", url, json={"comment": "x" * 2001}).status_code == 422
    assert call("client", "POST", url, json={"comment": "ok", "status": "x"}).status_code == 422
    assert call("client", "POST", url, json={}).status_code == 201


def test_every_step_is_audited_without_the_comment_or_reason(
    review_app: Flask, call: Call, ids: list[int]
) -> None:
    review = request_review(call, "client", ids[0]).json
    url = f"/api/v1/reviews/{review['id']}/outcome"
    call("advisor", "GET", "/api/v1/reviews")
    call("advisor", "POST", url, json={"status": "confirmed", "reason": REASON})
    call("client", "GET", f"/api/v1/reviews/{review['id']}")
    call("other", "GET", f"/api/v1/reviews/{review['id']}")
    rows = [r for r in audit_rows(review_app) if r.action.startswith("reviews.")]
    reference = pseudonymise(ids[0], key=PSEUDONYM_KEY)
    assert [(r.action, r.client_ref, r.outcome) for r in rows] == [
        ("reviews.request", reference, "ok"),
        ("reviews.list", None, "ok"),
        ("reviews.outcome", reference, "confirmed"),
        ("reviews.read", reference, "ok"),
        ("reviews.read", None, "not_found"),
    ]
    for row in rows:
        values = " ".join(str(value) for value in vars(row).values())
        for secret in (COMMENT, REASON, str(ids[0])):
            assert secret not in values


def referred_client(app: Flask) -> int | None:
    """Return a stored client whose decision is referred, or None if the bundle has none."""
    with app.test_request_context():
        bundle = bundle_store().get()
        for row in range(len(bundle.client_ids)):
            if stored_score(bundle, row)["decision"] == "referred":
                return int(bundle.client_ids[row])
    return None


def test_a_referred_decision_opens_its_review_once(review_app: Flask, call: Call) -> None:
    client_id = referred_client(review_app)
    if client_id is None:
        pytest.skip("the session bundle has no referred client")
    for _ in range(2):
        assert call("advisor", "GET", f"/api/v1/clients/{client_id}/score").status_code == 200
        assert call("advisor", "GET", f"/api/v1/clients/{client_id}").status_code == 200
    with get_state(review_app).database.session() as session:
        reviews = list(session.scalars(select(Review).where(Review.client_id == client_id)))
    assert [(r.origin, r.status, r.decision, r.requested_by_role) for r in reviews] == [
        ("referral", "open", "referred", None)
    ]
    actions = [r.action for r in audit_rows(review_app)]
    assert actions.count("reviews.referral") == 1


def test_a_granted_or_refused_read_opens_no_review(
    review_app: Flask, call: Call, ids: list[int]
) -> None:
    for client_id in ids:
        call("advisor", "GET", f"/api/v1/clients/{client_id}/score")
    with get_state(review_app).database.session() as session:
        opened = list(session.scalars(select(Review).where(Review.client_id.in_(ids))))
    assert [r.decision for r in opened if r.decision != "referred"] == []


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/reviews/2147483648",
        "/api/v1/reviews?cursor=2147483648",
        "/api/v1/reviews?client_id=2147483648",
    ],
)
def test_ids_beyond_the_tables_key_are_a_422(call: Call, url: str) -> None:
    assert call("advisor", "GET", url).status_code == 422
