"""Helpers of the form pages' tests (what-if, new application): typing, clicking, layouts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import dash
from dash.testing.browser import Browser
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from tests.dash_app.browser import click as click_selector
from tests.dash_app.conftest import LiveServer


def type_into(browser: Browser, element_id: str, text: str) -> None:
    """Replace an input's value as a person would (select all, type)."""
    element = browser.find_element(f"#{element_id}")
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(text)


def choose(browser: Browser, element_id: str, value: str) -> None:
    """Choose an option of a select by its value."""
    Select(browser.find_element(f"#{element_id}")).select_by_value(value)


def click(browser: Browser, element_id: str) -> None:
    """Click the element of this id (scrolled into view at once)."""
    click_selector(browser, f"#{element_id}")


def text_of(browser: Browser, selector: str) -> str:
    """Return an element's text as written (no-break spaces kept)."""
    return browser.find_element(selector).get_attribute("textContent")


def session_cookie(server: LiveServer, username: str) -> str:
    """Return the Cookie header of a signed-in session."""
    client = server.app.test_client()
    login = {"username": username, "password": server.password}
    assert client.post("/api/v1/auth/login", json=login).status_code == 200
    return f"session={client.get_cookie('session').value}"


def page_layout(server: LiveServer, cookie: str, page_path: str, **path_values: str) -> Any:
    """Return a registered page's layout as a browser with this cookie gets it."""
    layout: Callable[..., Any] = next(
        page["layout"]
        for page in dash.page_registry.values()
        if page["path_template"] == page_path or page["path"] == page_path
    )
    with server.app.test_request_context(headers={"Cookie": cookie}):
        return layout(**path_values)


def wait_for_value(browser: Browser, element_id: str, expected: float, timeout: float = 20) -> None:
    """Wait until a number input shows this value (a callback computes it; a callback that
    redraws the input meanwhile leaves a stale element: read again)."""

    def shows(_: object) -> bool:
        value = browser.find_element(f"#{element_id}").get_attribute("value")
        return value not in (None, "") and float(value) == expected

    try:
        WebDriverWait(
            browser.driver, timeout, ignored_exceptions=(StaleElementReferenceException,)
        ).until(shows)
    except TimeoutException:
        shown = browser.find_element(f"#{element_id}").get_attribute("value")
        raise AssertionError(f"#{element_id} shows {shown!r}, expected {expected}") from None
