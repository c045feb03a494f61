"""ARIA attributes passed to Dash components as keyword arguments."""

from __future__ import annotations

from dash import html

from dash_app.components.aria import aria


def test_each_value_becomes_an_aria_attribute() -> None:
    assert aria(live="polite", labelledby="x-heading") == {
        "aria-live": "polite",
        "aria-labelledby": "x-heading",
    }


def test_a_component_carries_them() -> None:
    props = html.Div(id="x", **aria(hidden="true")).to_plotly_json()["props"]
    assert props["aria-hidden"] == "true"
