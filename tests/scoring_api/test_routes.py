"""Every endpoint's success and the role rules of DESIGN (Decisions > API)."""

from __future__ import annotations

from typing import Any

import pytest

FORBIDDEN_OWN = {
    "error": {"code": "forbidden", "message": "You may only access your own file.", "details": None}
}


def test_model_card_has_version_threshold_and_points(as_role) -> None:
    body = as_role("client", "GET", "/api/v1/model").json
    assert {"version", "threshold", "costs", "points", "metrics"} <= set(body)
    assert body["points"]["points_to_double_odds"] == 20.0


@pytest.mark.parametrize(("lang", "label"), [("fr", "Âge"), ("en", "Age")])
def test_model_card_names_each_input_in_plain_words(as_role, lang: str, label: str) -> None:
    features = as_role("advisor", "GET", f"/api/v1/model?lang={lang}").json["features"]
    age = next(f for f in features if f["name"] == "AGE_YEARS")
    assert age["label"] == label
    assert age["family"] == "age"
    assert age["categorical"] is False
    assert age["importance"] > 0
    importances = [f["importance"] for f in features]
    assert max(importances) > 0
    assert len({f["name"] for f in features}) == len(features)


def test_model_report_is_html_and_curves_are_data(as_role) -> None:
    report = as_role("advisor", "GET", "/api/v1/model/report")
    assert report.status_code == 200
    assert report.mimetype == "text/html"
    assert "roc" in as_role("advisor", "GET", "/api/v1/model/curves").json


def test_clients_are_paged_with_a_cursor(as_role, client_ids) -> None:
    first = as_role("advisor", "GET", "/api/v1/clients?limit=1").json
    assert [c["client_id"] for c in first["items"]] == [client_ids[0]]
    second = as_role("advisor", "GET", f"/api/v1/clients?limit=1&cursor={first['next_cursor']}")
    assert [c["client_id"] for c in second.json["items"]] == [client_ids[1]]


def test_clients_search_by_id_prefix(as_role, client_ids) -> None:
    prefix = str(client_ids[-1])
    body = as_role("advisor", "GET", f"/api/v1/clients?query={prefix}").json
    assert [c["client_id"] for c in body["items"]] == [client_ids[-1]]
    assert body["next_cursor"] is None


def test_client_file_holds_the_application(as_role, client_ids) -> None:
    body = as_role("advisor", "GET", f"/api/v1/clients/{client_ids[0]}").json
    assert body["client_id"] == client_ids[0]
    assert body["application"]["SK_ID_CURR"] == client_ids[0]
    assert "TARGET" not in body["application"]


def test_score_has_the_contract_fields(as_role, client_ids) -> None:
    body = as_role("service", "GET", f"/api/v1/clients/{client_ids[0]}/score").json
    assert set(body) == {
        "probability",
        "threshold",
        "decision",
        "model_decision",
        "margin",
        "score",
        "missing_inputs",
        "model_version",
    }
    assert body["margin"] == pytest.approx(body["threshold"] - body["probability"])
    assert body["model_decision"] == (
        "refused" if body["probability"] >= body["threshold"] else "granted"
    )
    referred = body["model_decision"] == "refused" and body["missing_inputs"]
    assert body["decision"] in ({"referred", "refused"} if referred else {body["model_decision"]})


def test_unknown_client_is_a_404(as_role) -> None:
    response = as_role("advisor", "GET", "/api/v1/clients/1/score")
    assert (response.status_code, response.json) == (
        404,
        {
            "error": {
                "code": "not_found",
                "message": "Client not found.",
                "details": {"client_id": 1},
            }
        },
    )


def test_peers_give_distributions_for_the_four_groups(as_role, client_ids) -> None:
    url = f"/api/v1/clients/{client_ids[0]}/peers?features=AMT_CREDIT,NAME_CONTRACT_TYPE"
    body = as_role("client", "GET", url).json
    assert [f["feature"] for f in body["features"]] == ["AMT_CREDIT", "NAME_CONTRACT_TYPE"]
    groups = body["features"][0]["groups"]
    assert set(groups) == {"all", "granted", "refused", "similar"}
    assert groups["all"]["n"] >= groups["similar"]["n"] > 0
    assert "level" in body["features"][1]["groups"]["all"]["bins"][0]


def test_peers_refuse_unknown_features(as_role, client_ids) -> None:
    url = f"/api/v1/clients/{client_ids[0]}/peers?features=NOPE"
    response = as_role("advisor", "GET", url)
    assert response.status_code == 422
    assert response.json["error"]["details"] == {"unknown": ["NOPE"]}


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_export_returns_the_clients_data(as_role, client_ids, fmt) -> None:
    url = f"/api/v1/clients/{client_ids[0]}/export?format={fmt}"
    response = as_role("client", "GET", url)
    assert response.status_code == 200
    if fmt == "json":
        assert set(response.json["history"]) >= {"bureau", "installments_payments"}
    else:
        assert response.get_data(as_text=True).startswith("section,row,field,value")


def test_export_explains_the_decision_with_the_files_reasons_and_numbers(
    as_role, client_ids
) -> None:
    client_id = client_ids[0]
    export = as_role("client", "GET", f"/api/v1/clients/{client_id}/export?lang=en").json
    shown = as_role("client", "GET", f"/api/v1/clients/{client_id}/explanation?lang=en").json
    assert export["explanation"]["reasons"] == shown["reasons"]
    assert export["explanation"]["groups"] == shown["groups"]
    url = f"/api/v1/clients/{client_id}/export?format=csv&lang=en"
    lines = as_role("client", "GET", url).get_data(as_text=True).splitlines()
    for i, reason in enumerate(shown["reasons"]):
        assert f"reasons,{i},family,{reason['family']}" in lines
        assert f"reasons,{i},points,{reason['points']}" in lines


def test_population_sample_has_no_client_ids(as_role) -> None:
    url = "/api/v1/population/sample?x=AMT_CREDIT&y=AMT_ANNUITY&n=10"
    body = as_role("advisor", "GET", url).json
    assert body["n"] == 10
    assert set(body["points"][0]) == {"x", "y", "decision"}


def test_bad_query_values_are_422(as_role) -> None:
    response = as_role("advisor", "GET", "/api/v1/clients?limit=0")
    assert response.status_code == 422
    assert response.json["error"]["code"] == "validation_error"
    assert response.json["error"]["details"][0]["loc"] == ["limit"]


CLIENT_ROUTES = ["", "/score", "/explanation", "/peers", "/export", "/letter", "/offers"]


@pytest.mark.parametrize("suffix", CLIENT_ROUTES)
def test_a_client_gets_403_on_another_clients_routes(as_role, client_ids, suffix) -> None:
    response = as_role("client", "GET", f"/api/v1/clients/{client_ids[1]}{suffix}")
    assert (response.status_code, response.json) == (403, FORBIDDEN_OWN)


@pytest.mark.parametrize("suffix", CLIENT_ROUTES)
def test_a_client_reads_their_own_routes(as_role, client_ids, suffix) -> None:
    assert as_role("client", "GET", f"/api/v1/clients/{client_ids[0]}{suffix}").status_code == 200


@pytest.mark.parametrize(
    ("role", "method", "url", "status"),
    [
        ("client", "GET", "/api/v1/clients", 403),
        ("client", "GET", "/api/v1/model/report", 403),
        ("client", "GET", "/api/v1/population/sample?x=AMT_CREDIT&y=AMT_ANNUITY", 403),
        ("service", "GET", "/api/v1/model", 403),
        ("client", "GET", "/api/v1/catalogue", 200),
        ("service", "GET", "/api/v1/catalogue", 403),
        ("service", "GET", "/api/v1/clients", 403),
        ("service", "GET", "/api/v1/clients/{id}", 403),
        ("service", "GET", "/api/v1/clients/{id}/peers", 403),
        ("service", "GET", "/api/v1/clients/{id}/explanation", 200),
        ("admin", "GET", "/api/v1/clients/{id}/export", 200),
        ("service", "GET", "/api/v1/clients/{id}/letter", 403),
        ("admin", "GET", "/api/v1/clients/{id}/letter?format=html", 200),
        ("advisor", "GET", "/api/v1/clients/{id}/letter", 200),
        ("advisor", "GET", "/api/v1/clients/{id}/peers", 200),
        ("client", "GET", "/api/v1/reviews", 200),
        ("advisor", "GET", "/api/v1/reviews", 200),
        ("service", "GET", "/api/v1/reviews", 403),
        ("service", "GET", "/api/v1/reviews/1", 403),
        ("client", "POST", "/api/v1/clients/{id}/reviews", 403),
        ("service", "POST", "/api/v1/clients/{id}/reviews", 403),
        ("client", "POST", "/api/v1/reviews/1/outcome", 403),
        ("service", "POST", "/api/v1/reviews/1/outcome", 403),
        ("service", "GET", "/api/v1/clients/{id}/offers", 200),
        ("admin", "GET", "/api/v1/clients/{id}/offers", 200),
        ("advisor", "POST", "/api/v1/outcomes", 403),
        ("client", "POST", "/api/v1/outcomes", 403),
        ("advisor", "GET", "/api/v1/monitoring", 200),
        ("admin", "GET", "/api/v1/monitoring", 200),
        ("service", "GET", "/api/v1/monitoring", 403),
        ("client", "GET", "/api/v1/monitoring", 403),
    ],
)
def test_roles_follow_the_design(as_role, client_ids, role, method, url, status) -> None:
    body: Any = {"status": "in_review"} if url.endswith("/outcome") else {}
    if url.endswith("/outcomes"):
        body = [{"SK_ID_CURR": client_ids[1], "outcome_date": "2026-11-30", "defaulted": 0}]
    response = as_role(role, method, url.replace("{id}", str(client_ids[1])), json=body)
    assert response.status_code == status
    if status == 403:
        assert response.json["error"]["code"] == "forbidden"
