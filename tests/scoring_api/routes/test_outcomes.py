"""POST outcomes: admin or service only, idempotent, bad items named, audited."""

from __future__ import annotations

from sqlalchemy import delete, select

from scoring_api.security.audit import pseudonymise
from scoring_api.security.models import AuditEvent, Outcome
from scoring_api.security.state import get_state
from tests.scoring_api.settings import PSEUDONYM_KEY

URL = "/api/v1/outcomes"


def clear_outcomes(app) -> None:
    """Delete the outcomes of the session app."""
    with get_state(app).database.session() as session:
        session.execute(delete(Outcome))
        session.commit()


def test_service_and_admin_record_outcomes_idempotently(app, as_role) -> None:
    clear_outcomes(app)
    items = [
        {"SK_ID_CURR": 100002, "outcome_date": "2026-11-30", "defaulted": 1},
        {"SK_ID_CURR": 100003, "outcome_date": "2026-11-30", "defaulted": 0},
    ]
    first = as_role("service", "POST", URL, json=items)
    assert (first.status_code, first.get_json()) == (
        200,
        {"inserted": 2, "updated": 0, "unchanged": 0},
    )
    again = as_role("admin", "POST", URL, json=items).get_json()
    assert again == {"inserted": 0, "updated": 0, "unchanged": 2}
    corrected = as_role("service", "POST", URL, json=[{**items[0], "defaulted": 0}]).get_json()
    assert corrected == {"inserted": 0, "updated": 1, "unchanged": 0}
    with get_state(app).database.session() as session:
        rows = {r.client_ref: r.defaulted for r in session.scalars(select(Outcome))}
    assert rows == {
        pseudonymise(100002, PSEUDONYM_KEY): False,
        pseudonymise(100003, PSEUDONYM_KEY): False,
    }
    clear_outcomes(app)


def test_advisors_clients_and_anonymous_callers_may_not_record(as_role) -> None:
    item = [{"SK_ID_CURR": 100002, "outcome_date": "2026-11-30", "defaulted": 1}]
    assert [
        as_role(role, "POST", URL, json=item).status_code
        for role in (
            "advisor",
            "client",
            None,
        )
    ] == [403, 403, 401]


def test_bad_items_are_named_and_nothing_is_recorded(app, as_role) -> None:
    clear_outcomes(app)
    items = [
        {"SK_ID_CURR": 100002, "outcome_date": "2026-11-30", "defaulted": 1},
        {"SK_ID_CURR": "x", "outcome_date": "2026-11-30", "defaulted": 1},
        {"SK_ID_CURR": 100004, "outcome_date": "30/11/2026", "defaulted": 2},
    ]
    response = as_role("service", "POST", URL, json=items)
    assert response.status_code == 422
    locations = {tuple(d["loc"][:2]) for d in response.get_json()["error"]["details"]}
    assert locations == {(1, "SK_ID_CURR"), (2, "outcome_date"), (2, "defaulted")}
    with get_state(app).database.session() as session:
        assert session.scalars(select(Outcome)).all() == []


def test_an_empty_list_is_refused(as_role) -> None:
    assert as_role("service", "POST", URL, json=[]).status_code == 422


def test_recording_is_audited(app, as_role) -> None:
    item = [{"SK_ID_CURR": 100002, "outcome_date": "2026-11-30", "defaulted": 1}]
    assert as_role("service", "POST", URL, json=item).status_code == 200
    state = get_state(app)
    state.audit.flush()
    with state.database.session() as session:
        actions = list(session.scalars(select(AuditEvent.action).where(AuditEvent.route == URL)))
    assert "outcomes.record" in actions
    clear_outcomes(app)
