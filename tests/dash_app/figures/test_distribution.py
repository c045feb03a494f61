"""The distribution of one feature among groups, with this client's place."""

from __future__ import annotations

import pytest

from dash_app.figures.distribution import (
    GROUP_STYLE,
    MAX_LEVELS,
    make_distribution_figure,
    percentile_from_bins,
    position_summary,
)

BINS = [
    {"left": 0.0, "right": 10.0, "count": 10},
    {"left": 10.0, "right": 20.0, "count": 30},
    {"left": 20.0, "right": 30.0, "count": 60},
]
INCOME = {"feature": "AMT_INCOME_TOTAL", "label": "Monthly income", "categorical": False}
STATUS = {"feature": "NAME_FAMILY_STATUS", "label": "Family status", "categorical": True}


def group(bins: list[dict], missing: int = 0) -> dict:
    return {"n": sum(b["count"] for b in bins) + missing, "missing": missing, "bins": bins}


def levels(**counts: int) -> dict:
    return group([{"level": level, "count": c} for level, c in counts.items()])


@pytest.mark.parametrize(
    ("value", "expected"),
    [(15.0, 0.25), (0.0, 0.0), (10.0, 0.10), (25.0, 0.70), (30.0, 1.0), (-5.0, 0.0), (99.0, 1.0)],
)
def test_percentile_interpolates_inside_the_clients_bin(value: float, expected: float) -> None:
    assert percentile_from_bins(BINS, value) == pytest.approx(expected)


def test_percentile_is_unknown_for_an_empty_group_or_a_single_bin() -> None:
    assert percentile_from_bins([{"left": 0.0, "right": 1.0, "count": 0}] * 2, 0.5) is None
    assert percentile_from_bins([{"left": 0.0, "right": 1.0, "count": 9}], 1.0) is None


def test_the_marked_client_position_is_the_clients_value() -> None:
    figure = make_distribution_figure(INCOME, {"similar": group(BINS)}, 15.0, lang="en")
    (line,) = figure.layout.shapes
    assert (line.x0, line.x1, line.yref) == (15.0, 15.0, "paper")
    (annotation,) = figure.layout.annotations
    assert annotation.x == 15.0
    assert annotation.text == "This client: €15"


def test_histogram_bars_span_their_bins_as_densities() -> None:
    figure = make_distribution_figure(INCOME, {"all": group(BINS)}, 15.0, lang="en")
    (bars,) = figure.data
    assert list(bars.x) == [5.0, 15.0, 25.0]
    assert list(bars.width) == [10.0, 10.0, 10.0]
    assert list(bars.y) == pytest.approx([0.01, 0.03, 0.06])  # share / width
    assert sum(h * w for h, w in zip(bars.y, bars.width, strict=True)) == pytest.approx(1.0)
    assert "scattergl" not in {trace.type for trace in figure.data}


def test_granted_and_refused_are_two_series_with_the_palette_and_patterns() -> None:
    groups = {"refused": group(BINS), "granted": group(BINS)}
    figure = make_distribution_figure(INCOME, groups, 15.0, lang="fr")
    granted, refused = figure.data
    assert (granted.name, refused.name) == ("Accordés (100 clients)", "Refusés (100 clients)")
    assert granted.marker.color == GROUP_STYLE["granted"][0] == "#0072b2"
    assert refused.marker.color == GROUP_STYLE["refused"][0] == "#a64a00"
    assert granted.marker.pattern.shape != refused.marker.pattern.shape
    assert figure.layout.showlegend is True
    assert figure.layout.annotations[0].text == "Ce client : 15\u00a0€"


def test_a_missing_value_is_not_marked() -> None:
    figure = make_distribution_figure(INCOME, {"all": group(BINS)}, None, lang="en")
    assert figure.layout.shapes == ()
    assert figure.layout.annotations == ()


def test_the_clients_level_is_outlined_and_annotated() -> None:
    groups = {"similar": levels(Married=70, Widow=6, **{"Single / not married": 24})}
    figure = make_distribution_figure(STATUS, groups, "Widow", lang="fr")
    (bars,) = figure.data
    assert list(bars.y) == ["Marié(e)", "Célibataire", "Veuf ou veuve"]  # in words, by size
    assert list(bars.x) == pytest.approx([0.70, 0.24, 0.06])
    assert list(bars.marker.line.width) == [0, 0, 4]
    (annotation,) = figure.layout.annotations
    assert (annotation.y, annotation.x) == ("Veuf ou veuve", pytest.approx(0.06))


def test_rare_levels_are_drawn_as_one_bar_but_the_clients_level_is_kept() -> None:
    counts = {f"Type {n}": 100 - n for n in range(20)}  # Type 19 is the rarest
    figure = make_distribution_figure(STATUS, {"all": levels(**counts)}, "Type 19", lang="en")
    (bars,) = figure.data
    assert len(bars.y) == MAX_LEVELS
    assert list(bars.y[-2:]) == ["Type 19", "Other values"]
    assert sum(bars.customdata) == sum(counts.values())
    assert sum(bars.x) == pytest.approx(1.0)
    assert list(bars.marker.line.width).index(4) == MAX_LEVELS - 2


@pytest.mark.parametrize(
    ("feature", "groups", "value", "lang", "expected"),
    [
        (
            INCOME,
            {"similar": group(BINS)},
            15.0,
            "en",
            "Monthly income: €15. Higher than 25% of similar clients.",
        ),
        (
            INCOME,
            {"granted": group(BINS), "refused": group(BINS[:2])},
            20.0,
            "fr",
            "Monthly income : 20\u00a0€. Plus élevé que 40\u00a0% des clients accordés "
            "et 100\u00a0% des clients refusés.",
        ),
        (
            INCOME,
            {"all": group(BINS, missing=25)},
            None,
            "en",
            "Monthly income: not given for this client, as for 20% of all clients.",
        ),
        (
            STATUS,
            {"similar": levels(Married=94, Widow=6)},
            "Widow",
            "en",
            "Family status: Widowed. 6% of similar clients share this situation.",
        ),
        (
            STATUS,
            {"all": levels(Married=90, __missing__=10)},
            None,
            "fr",
            "Family status : non renseigné pour ce client, comme pour 10\u00a0% "
            "de l'ensemble des clients.",
        ),
    ],
)
def test_position_summary(feature: dict, groups: dict, value: object, lang: str, expected: str):
    assert position_summary(feature, groups, value, lang=lang) == expected


def test_a_client_without_a_level_is_marked_on_the_not_given_bar() -> None:
    groups = {"all": levels(Married=90, __missing__=10)}
    figure = make_distribution_figure(STATUS, groups, None, lang="en")
    (bars,) = figure.data
    assert list(bars.y) == ["Married", "Not given"]
    assert list(bars.marker.line.width) == [0, 4]


LINK = '<a href="https://evil.example">Laborers</a>'
SHOWN_LINK = '&lt;a href="https://evil.example"&gt;Laborers&lt;/a&gt;'


def test_a_level_holding_markup_is_drawn_as_text_not_as_a_link() -> None:
    occupation = {"feature": "OCCUPATION_TYPE", "label": "<i>Job</i>", "categorical": True}
    groups = {"all": levels(**{LINK: 3, "Drivers": 5})}
    figure = make_distribution_figure(occupation, groups, LINK, lang="en")
    assert list(figure.data[0].y) == ["Driver", SHOWN_LINK]  # the catalogue's words
    assert figure.layout.annotations[0].y == SHOWN_LINK
    assert "<a " not in figure.to_json()


def test_a_label_holding_markup_is_an_axis_title_as_text() -> None:
    income = {**INCOME, "label": '<a href="https://evil.example">Income</a>'}
    figure = make_distribution_figure(income, {"all": group(BINS)}, 15.0, lang="en")
    assert figure.layout.xaxis.title.text.startswith("&lt;a href=")
    assert "<a " not in figure.to_json()


def test_a_group_of_one_client_is_named_in_the_singular() -> None:
    one = group([{"left": 0.0, "right": 10.0, "count": 1}])
    (bars,) = make_distribution_figure(INCOME, {"all": one}, 5.0, lang="en").data
    assert bars.name == "All clients (1 client)"
