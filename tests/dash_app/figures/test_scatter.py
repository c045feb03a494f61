"""The bivariate view: sampled clients by decision, this client as a star."""

from __future__ import annotations

from dash_app.figures.scatter import (
    CLIENT_MARKER,
    DECISION_MARKERS,
    make_scatter_figure,
    scatter_summary,
)

POINTS = [
    {"x": 100.0, "y": 10.0, "decision": "granted"},
    {"x": 200.0, "y": 20.0, "decision": "granted"},
    {"x": 300.0, "y": None, "decision": "granted"},
    {"x": 400.0, "y": 40.0, "decision": "refused"},
]
INCOME = {"name": "AMT_INCOME_TOTAL", "label": "Monthly income"}
CREDIT = {"name": "AMT_CREDIT", "label": "Credit amount"}


def test_the_highlighted_point_is_at_the_clients_values() -> None:
    figure = make_scatter_figure(POINTS, {"x": 265302.0, "y": 135000.0}, "X", "Y", lang="en")
    client = figure.data[-1]
    assert (list(client.x), list(client.y)) == ([265302.0], [135000.0])
    assert client.marker.symbol == "star"
    assert client.marker.size >= 20
    assert client.marker.line.width == CLIENT_MARKER["line"]["width"] > 0
    (annotation,) = figure.layout.annotations
    assert (annotation.x, annotation.y, annotation.text) == (265302.0, 135000.0, "This client")


def test_referred_clients_get_their_own_trace_when_there_are_some() -> None:
    points = [*POINTS, {"x": 5.0, "y": 6.0, "decision": "referred"}]
    figure = make_scatter_figure(points, None, "X", "Y", lang="en")
    referred = figure.data[2]
    assert (referred.name, referred.marker.symbol) == ("Referred to an advisor", "diamond")
    assert (list(referred.x), list(referred.y)) == ([5.0], [6.0])


def test_decisions_map_to_documented_colours_and_symbols() -> None:
    figure = make_scatter_figure(POINTS, None, "Income (€)", "Credit (€)", lang="fr")
    granted, refused = figure.data
    assert (granted.name, refused.name) == ("Accordé", "Refusé")
    assert (granted.marker.color, granted.marker.symbol) == DECISION_MARKERS["granted"]
    assert (refused.marker.color, refused.marker.symbol) == ("#a64a00", "x")
    assert list(granted.x) == [100.0, 200.0]  # the point without y is left out
    assert list(refused.y) == [40.0]
    assert figure.layout.xaxis.title.text == "Income (€)"
    assert figure.layout.yaxis.title.text == "Credit (€)"


def test_no_webgl_trace() -> None:
    figure = make_scatter_figure(POINTS, {"x": 1.0, "y": 2.0}, "X", "Y", lang="en")
    assert {trace.type for trace in figure.data} == {"scatter"}


def test_a_client_without_both_values_gets_no_star() -> None:
    figure = make_scatter_figure(POINTS, {"x": 1.0, "y": None}, "X", "Y", lang="en")
    assert len(figure.data) == 2
    assert figure.layout.annotations == ()


def test_scatter_summary_names_the_clients_values_and_the_refused_share() -> None:
    text = scatter_summary(POINTS, {"x": 265302.0, "y": 135000.0}, INCOME, CREDIT, lang="en")
    assert text == (
        "This client: monthly income €265,302, credit amount €135,000. "
        "Among the 4 sampled clients, 25% are refused."
    )


def test_scatter_summary_says_when_the_client_is_not_on_the_chart() -> None:
    text = scatter_summary(POINTS, {"x": None, "y": 3.0}, INCOME, CREDIT, lang="fr")
    assert text.startswith("Ce client : monthly income non renseigné, credit amount 3\u00a0€.")
    assert "n'apparaît pas sur le graphique" in text


def test_axis_labels_holding_markup_are_drawn_as_text() -> None:
    link = '<a href="https://evil.example">X</a>'
    figure = make_scatter_figure(POINTS, None, link, "<b>Y</b>", lang="en")
    assert figure.layout.xaxis.title.text == '&lt;a href="https://evil.example"&gt;X&lt;/a&gt;'
    assert figure.layout.yaxis.title.text == "&lt;b&gt;Y&lt;/b&gt;"
