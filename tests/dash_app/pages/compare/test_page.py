"""The comparison page: a client among other clients, in a real browser and by its layout."""

from __future__ import annotations

import json

import dash
import pytest
from dash.testing.browser import Browser
from selenium.webdriver.support.ui import Select

from dash_app.pages.compare import ids
from dash_app.pages.compare.callbacks import show_similar_note
from tests.dash_app.browser import accessibility_violations, sign_in
from tests.dash_app.conftest import LiveServer
from tests.scoring_api.security.helpers import PASSWORD

PLOT_DATA = "return document.querySelector('#{} .js-plotly-plot').data"
TEMPLATE = "/clients/<client_id>/compare"


def session_cookie(server: LiveServer, username: str) -> str:
    """Return the ``session=...`` cookie of an account signed in through the API."""
    response = server.app.test_client().post(
        "/api/v1/auth/login", json={"username": username, "password": PASSWORD}
    )
    return response.headers["Set-Cookie"].split(";", 1)[0]


def page_text(server: LiveServer, client_id: str, username: str = "alice") -> str:
    """Return every string of the page's layout as the server builds it for an account."""
    headers = {"Cookie": f"{session_cookie(server, username)}; lang=en"}
    page = next(p for p in dash.page_registry.values() if p["path_template"] == TEMPLATE)
    with server.app.test_request_context(headers=headers):
        layout = page["layout"](client_id=client_id)
    return json.dumps(
        layout.to_plotly_json(), default=lambda o: o.to_plotly_json(), ensure_ascii=False
    )


def client_values(server: LiveServer, client_id: int, features: list[str]) -> list[float]:
    """Return the client's own values of features, as the peers route gives them."""
    client = server.app.test_client()
    client.post("/api/v1/auth/login", json={"username": "alice", "password": PASSWORD})
    body = client.get(f"/api/v1/clients/{client_id}/peers?features={','.join(features)}").json
    return [item["value"] for item in body["features"]]


def test_an_advisor_changes_the_feature_and_sees_the_client_on_both_charts(
    dash_br: Browser, live_server: LiveServer
) -> None:
    client_id = live_server.client_ids[1]
    sign_in(dash_br, live_server, "alice", next_path=f"/clients/{client_id}/compare")
    summary = f"#{ids.COMPARE_DISTRIBUTION_SUMMARY}"
    dash_br.wait_for_contains_text(summary, "%", timeout=20)
    first_summary = dash_br.find_element(summary).text
    assert dash_br.find_element("h1").text == f"Client n° {client_id}"

    picker = Select(dash_br.find_element(f"#{ids.COMPARE_FEATURE_SELECT}"))
    shown = picker.first_selected_option.get_attribute("value")
    other = next(o for o in picker.options if o.get_attribute("value") not in ("", shown))
    label = other.text  # the most important input not shown yet
    picker.select_by_value(other.get_attribute("value"))
    dash_br.wait_for_contains_text(summary, f"{label} :", timeout=20)
    assert dash_br.find_element(summary).text != first_summary
    bars = dash_br.driver.execute_script(PLOT_DATA.format(ids.COMPARE_DISTRIBUTION_GRAPH))
    assert bars[0]["name"].startswith("Clients similaires (")  # the group and its size
    note = dash_br.find_element(f"#{ids.COMPARE_SIMILAR_NOTE}")
    assert note.is_displayed()
    x_value = Select(dash_br.find_element(f"#{ids.COMPARE_X_SELECT}")).first_selected_option
    y_options = Select(dash_br.find_element(f"#{ids.COMPARE_Y_SELECT}")).options
    taken = [o for o in y_options if o.get_attribute("value") == x_value.get_attribute("value")]
    assert [o.get_attribute("disabled") for o in taken] == ["true"]  # not the same feature twice

    scatter = f"#{ids.COMPARE_SCATTER_SUMMARY}"
    dash_br.wait_for_contains_text(scatter, "Ce client :", timeout=20)
    traces = dash_br.driver.execute_script(PLOT_DATA.format(ids.COMPARE_SCATTER_GRAPH))
    assert {trace["type"] for trace in traces} == {"scatter"}
    decisions = [trace["name"] for trace in traces[:-1]]
    assert decisions in (
        ["Accordé", "Refusé"],
        ["Accordé", "Refusé", "Transmis à un conseiller"],  # when the sample has referrals
    )
    x_name = Select(dash_br.find_element(f"#{ids.COMPARE_X_SELECT}")).first_selected_option.text
    assert x_name  # the picker shows a plain label
    star = traces[-1]
    assert star["name"] == "Ce client"
    assert star["marker"]["symbol"] == "star"
    model = live_server.app.test_client()
    model.post("/api/v1/auth/login", json={"username": "alice", "password": PASSWORD})
    numeric = sorted(
        (f for f in model.get("/api/v1/model").json["features"] if not f["categorical"]),
        key=lambda f: (-f["importance"], f["label"]),
    )
    expected = client_values(live_server, client_id, [numeric[0]["name"], numeric[1]["name"]])
    assert [star["x"][0], star["y"][0]] == pytest.approx(expected)

    assert accessibility_violations(dash_br) == []
    assert dash_br.get_logs() == []


@pytest.mark.parametrize(
    ("raw_id", "expected"),
    [("99", "There is no client with number 99."), ("12ab", "“12ab” is not a client number.")],
)
def test_an_unknown_or_malformed_client_number_is_explained(
    live_server: LiveServer, raw_id: str, expected: str
) -> None:
    text = page_text(live_server, raw_id)
    assert expected in text
    assert ids.COMPARE_FEATURE_SELECT not in text


def test_a_client_account_sees_its_distributions_but_not_other_clients_points(
    live_server: LiveServer,
) -> None:
    text = page_text(live_server, str(live_server.own_client_id), username="carl")
    assert ids.COMPARE_DISTRIBUTION_GRAPH in text
    assert ids.COMPARE_SCATTER_GRAPH not in text
    assert "The comparison on two characteristics is for advisors." in text
    other = page_text(live_server, str(live_server.client_ids[1]), username="carl")
    assert "you may only see your own file" in other


def test_the_similar_clients_note_shows_for_that_group_only() -> None:
    assert [show_similar_note(mode) for mode in ("similar", "decision", "all")] == [
        False,
        True,
        True,
    ]
