"""Helpers of the browser tests: sign in through the page, check accessibility with axe-core."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from axe_selenium_python import Axe
from dash.testing.browser import Browser

from dash_app.pages.sign_in import ids
from tests.dash_app.conftest import LiveServer

DOWNLOAD_SECONDS = 20  # a download reaches the browser's folder within this

BLOCKING_IMPACTS = frozenset({"serious", "critical"})


def open_page(browser: Browser, server: LiveServer, path: str) -> None:
    """Load a page of the live server and wait for Dash to render it."""
    browser.wait_for_page(server.url + path, timeout=20)


def click(browser: Browser, selector: str) -> None:
    """Click an element after scrolling it to the middle of the window at once."""
    element = browser.find_element(selector)
    browser.driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element
    )
    element.click()


def sign_in(browser: Browser, server: LiveServer, username: str, next_path: str = "") -> None:
    """Sign in through the sign-in page (as a person would) and wait to leave it."""
    query = f"?next={next_path}" if next_path else ""
    open_page(browser, server, f"/sign-in{query}")
    browser.find_element(f"#{ids.SIGN_IN_USERNAME_INPUT}").send_keys(username)
    browser.find_element(f"#{ids.SIGN_IN_PASSWORD_INPUT}").send_keys(server.password)
    browser.find_element(f"#{ids.SIGN_IN_SUBMIT_BUTTON}").click()
    browser.wait_for_element("#shell-account-div .navbar-text", timeout=20)


def accessibility_violations(browser: Browser) -> list[dict[str, Any]]:
    """Run axe-core on the current page; return its serious and critical violations."""
    axe = Axe(browser.driver)
    axe.inject()
    results = axe.run()
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


def wait_for_file(folder: Path, name: str) -> Path:
    """Return a downloaded file once chromium has finished writing it."""
    path = folder / name
    deadline = time.monotonic() + DOWNLOAD_SECONDS
    while not path.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert path.is_file(), f"{name} was not downloaded into {folder}: {list(folder.iterdir())}"
    return path
