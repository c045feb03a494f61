"""The model page's direction view: the beeswarm with its summary, or why it is unavailable."""

from __future__ import annotations

from typing import Any

import pytest

from dash_app import api_client
from dash_app.api_client import ApiClientError
from dash_app.pages.model import ids
from dash_app.pages.model.direction_section import direction_section
from dash_app.text import t
from tests.dash_app.component_text import texts

VIEW = {
    "model_version": "v1",
    "n_clients": 3,
    "features": [
        {
            "name": "EXT",
            "label": "External score",
            "quantile": [0.1, 0.5, 0.9],
            "points": [-9, 0, 9],
        },
        {"name": "DEBT", "label": "Debt", "quantile": [0.1, 0.5, 0.9], "points": [4, 0, -4]},
    ],
}


def find(component: Any, component_id: str) -> Any:
    """Return the component with this id in a tree (None when absent)."""
    if getattr(component, "id", None) == component_id:
        return component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if child is not None and not isinstance(child, str):
            found = find(child, component_id)
            if found is not None:
                return found
    return None


def test_the_view_draws_the_beeswarm_and_says_which_way_each_input_pushes(monkeypatch) -> None:
    monkeypatch.setattr(api_client, "model_directions", lambda lang: VIEW)
    section = direction_section("en")
    assert find(section, ids.MODEL_DIRECTION_GRAPH) is not None
    summary = " ".join(texts(find(section, ids.MODEL_DIRECTION_SUMMARY)))
    assert summary == "When the value is higher: External score: more points; Debt: fewer points."
    assert "a sample of 3" in " ".join(texts(section))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_older_bundle_without_the_view_says_it_is_unavailable(monkeypatch, lang: str) -> None:
    def missing(lang: str) -> dict:
        raise ApiClientError(404, "not_found", "Direction view not found.")

    monkeypatch.setattr(api_client, "model_directions", missing)
    section = direction_section(lang)
    assert find(section, ids.MODEL_DIRECTION_GRAPH) is None
    assert t("model.direction.unavailable", lang) in texts(section)
