"""The shell's index page: the language on ``<html>`` and the mark of pages that draw charts."""

from __future__ import annotations

import pytest

from dash_app.shell import draws_charts
from tests.dash_app.conftest import LiveServer


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/clients/100002", True),
        ("/clients/100002/", True),
        ("/clients/100002/compare", True),
        ("/clients/100002/what-if", True),
        ("/model", True),
        ("/my-data", True),
        ("/clients", False),
        ("/sign-in", False),
        ("/new-application", False),
        ("/", False),
        ("/clients/100002/unknown", False),
    ],
)
def test_chart_pages_are_known_by_path(live_server: LiveServer, path: str, expected: bool) -> None:
    assert draws_charts(path) is expected


@pytest.mark.parametrize(
    ("path", "opening"),
    [("/model", '<html lang="fr" data-charts="1">'), ("/sign-in", '<html lang="fr">')],
)
def test_the_index_marks_chart_pages(live_server: LiveServer, path: str, opening: str) -> None:
    page = live_server.app.test_client().get(path).get_data(as_text=True)
    assert opening in page
