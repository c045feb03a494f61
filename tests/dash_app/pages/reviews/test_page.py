"""Human review in a real browser: a client asks, an advisor decides, the client reads why."""

from __future__ import annotations

import re

from dash.testing.browser import Browser
from selenium.webdriver.support.ui import Select

from dash_app import ids as shell_ids
from dash_app.pages.reviews import ids
from dash_app.pages.sign_in import ids as sign_in_ids
from tests.dash_app.browser import accessibility_violations, click, open_page, sign_in
from tests.dash_app.conftest import LiveServer

WAIT = 30


def _switch_to(browser: Browser, server: LiveServer, username: str, next_path: str) -> None:
    """Sign out with the shell's button, as a person would, then sign in as someone else.

    (Deleting the cookies instead raced with the page's callbacks still in flight, whose
    answers could set the previous person's session again.)
    """
    click(browser, f"#{shell_ids.SHELL_SIGN_OUT_BUTTON}")
    browser.wait_for_element(f"#{sign_in_ids.SIGN_IN_USERNAME_INPUT}", timeout=WAIT)
    sign_in(browser, server, username, next_path=next_path)
    browser.wait_for_text_to_equal("#shell-account-div .navbar-text", username, timeout=WAIT)


def _show_in_queue(browser: Browser, review_id: int) -> None:
    """Page through the open reviews ("more") until the review's link shows."""
    selector = f"#{ids.REVIEWS_TABLE_DIV} a[href='/reviews/{review_id}']"
    browser.wait_for_element(f"#{ids.REVIEWS_STATUS_SELECT}", timeout=WAIT)
    Select(browser.find_element(f"#{ids.REVIEWS_STATUS_SELECT}")).select_by_value("open")
    browser.wait_for_contains_text(f"#{ids.REVIEWS_STATUS_P}", "affiché", timeout=WAIT)
    for _ in range(20):
        if browser.driver.find_elements("css selector", selector):
            return
        click(browser, f"#{ids.REVIEWS_MORE_BUTTON}")
        browser.wait_for_element(selector, timeout=5)
    browser.wait_for_element(selector, timeout=WAIT)


def test_a_client_asks_an_advisor_overturns_and_the_client_reads_why(
    dash_br: Browser, live_server: LiveServer
) -> None:
    sign_in(dash_br, live_server, "carl", next_path="/my-data")
    dash_br.wait_for_element(f"#{ids.REVIEW_REQUEST_TEXTAREA}", timeout=WAIT)
    dash_br.find_element(f"#{ids.REVIEW_REQUEST_TEXTAREA}").send_keys("Mes revenus ont augmenté.")
    click(dash_br, f"#{ids.REVIEW_REQUEST_BUTTON}")
    dash_br.wait_for_contains_text(f"#{ids.REVIEW_REQUEST_RESULT_DIV}", "réexamen n°", timeout=WAIT)
    done = dash_br.find_element(f"#{ids.REVIEW_REQUEST_RESULT_DIV}").text
    review_id = int(re.search(r"n° (\d+)", done)[1])  # type: ignore[index]  # asserted by the wait
    listing = dash_br.find_element(f"#{ids.REVIEW_REQUEST_LIST_DIV}").text
    assert f"Réexamen n° {review_id}" in listing
    assert "Ouvert" in listing
    assert accessibility_violations(dash_br) == []

    _switch_to(dash_br, live_server, "alice", "/reviews")
    # the navigation is redrawn for the new person after the account line: wait for it
    dash_br.wait_for_contains_text(f"#{shell_ids.SHELL_NAV_LINKS}", "Réexamens", timeout=WAIT)
    _show_in_queue(dash_br, review_id)
    assert accessibility_violations(dash_br) == []
    click(dash_br, f"#{ids.REVIEWS_TABLE_DIV} a[href='/reviews/{review_id}']")
    dash_br.wait_for_element(f"#{ids.REVIEW_HISTORY_DIV}", timeout=WAIT)
    assert "Mes revenus ont augmenté." in dash_br.find_element(f"#{ids.REVIEW_HISTORY_DIV}").text
    assert dash_br.find_element(f"#{ids.REVIEW_REASONS_LIST}").text
    assert accessibility_violations(dash_br) == []

    click(dash_br, f"#{ids.REVIEW_OVERTURN_BUTTON}")  # no reason written: refused
    dash_br.wait_for_contains_text(f"#{ids.REVIEW_RESULT_DIV}", "Écrivez le motif", timeout=WAIT)
    assert "Ouvert" in dash_br.find_element(f"#{ids.REVIEW_HEAD_DIV}").text

    click(dash_br, f"#{ids.REVIEW_TAKE_BUTTON}")
    dash_br.wait_for_contains_text(f"#{ids.REVIEW_HEAD_DIV}", "En cours d'examen", timeout=WAIT)
    assert not dash_br.find_element(f"#{ids.REVIEW_TAKE_BUTTON}").is_enabled()
    dash_br.find_element(f"#{ids.REVIEW_REASON_TEXTAREA}").send_keys("Revenus justifiés : 3 200 €.")
    click(dash_br, f"#{ids.REVIEW_OVERTURN_BUTTON}")
    dash_br.wait_for_contains_text(f"#{ids.REVIEW_HEAD_DIV}", "Décision infirmée", timeout=WAIT)
    assert "Décision finale" in dash_br.find_element(f"#{ids.REVIEW_HEAD_DIV}").text
    assert "Enregistré" in dash_br.find_element(f"#{ids.REVIEW_RESULT_DIV}").text
    assert "Revenus justifiés" in dash_br.find_element(f"#{ids.REVIEW_HISTORY_DIV}").text
    assert not dash_br.find_element(f"#{ids.REVIEW_CONFIRM_BUTTON}").is_enabled()

    _switch_to(dash_br, live_server, "carl", "/my-data")
    dash_br.wait_for_contains_text(
        f"#{ids.REVIEW_REQUEST_LIST_DIV}", "Décision infirmée", timeout=WAIT
    )
    listing = dash_br.find_element(f"#{ids.REVIEW_REQUEST_LIST_DIV}").text
    assert "Motif : Revenus justifiés : 3 200 €." in listing
    notice = dash_br.find_element(f"#{ids.REVIEW_FINAL_NOTICE}").text
    assert "la décision finale est : " in notice
    assert "Motif : Revenus justifiés : 3 200 €." in notice
    assert "reste celle qui a été notée" in notice
    assert dash_br.get_logs() == []


def test_a_client_cannot_open_the_review_pages(dash_br: Browser, live_server: LiveServer) -> None:
    sign_in(dash_br, live_server, "carl")
    for path in ("/reviews", "/reviews/1"):
        open_page(dash_br, live_server, path)
        dash_br.wait_for_contains_text("#main", "Accès refusé", timeout=WAIT)
        assert not dash_br.find_elements(f"#{ids.REVIEWS_TABLE_DIV}")
    assert "Réexamens" not in dash_br.find_element(f"#{shell_ids.SHELL_NAV_LINKS}").text
