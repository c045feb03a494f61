"""Sign in, sign out, language and access to pages, in a real browser."""

from __future__ import annotations

from dash.testing.browser import Browser

from dash_app import ids as shell_ids
from dash_app.pages.clients import ids as clients_ids
from dash_app.pages.sign_in import ids
from tests.dash_app.browser import accessibility_violations, open_page, sign_in
from tests.dash_app.conftest import LiveServer


def is_signed_in(server: LiveServer, dash_br: Browser) -> bool:
    """Tell whether the browser's session cookie, if any, opens a session at the API."""
    cookie = dash_br.driver.get_cookie("session")
    if cookie is None:
        return False
    replay = server.app.test_client()
    replay.set_cookie("session", cookie["value"])
    return replay.get("/api/v1/auth/me").status_code == 200


def test_an_anonymous_visitor_is_sent_to_sign_in_then_back(
    dash_br: Browser, live_server: LiveServer
) -> None:
    open_page(dash_br, live_server, "/")
    dash_br.wait_for_element(f"#{ids.SIGN_IN_USERNAME_INPUT}", timeout=20)
    assert dash_br.driver.current_url == f"{live_server.url}/sign-in?next=/"
    dash_br.find_element(f"#{ids.SIGN_IN_USERNAME_INPUT}").send_keys("alice")
    dash_br.find_element(f"#{ids.SIGN_IN_PASSWORD_INPUT}").send_keys(live_server.password)
    dash_br.find_element(f"#{ids.SIGN_IN_SUBMIT_BUTTON}").click()
    dash_br.wait_for_text_to_equal("#shell-account-div .navbar-text", "alice", timeout=20)
    dash_br.wait_for_element("#shell-links-nav a[href='/clients']", timeout=20)
    assert dash_br.driver.current_url == f"{live_server.url}/clients"  # an advisor's start
    assert dash_br.get_logs() == []


def test_a_wrong_password_is_refused_with_a_message(
    dash_br: Browser, live_server: LiveServer
) -> None:
    open_page(dash_br, live_server, "/sign-in")
    dash_br.find_element(f"#{ids.SIGN_IN_USERNAME_INPUT}").send_keys("alice")
    dash_br.find_element(f"#{ids.SIGN_IN_PASSWORD_INPUT}").send_keys("not the password")
    dash_br.find_element(f"#{ids.SIGN_IN_SUBMIT_BUTTON}").click()
    dash_br.wait_for_text_to_equal(
        f"#{ids.SIGN_IN_MESSAGE_DIV}", "Identifiant ou mot de passe incorrect.", timeout=20
    )
    assert not is_signed_in(live_server, dash_br)  # the cookie holds only the form's nonce


def test_sign_in_page_is_french_by_default_and_switches_to_english(
    dash_br: Browser, live_server: LiveServer
) -> None:
    open_page(dash_br, live_server, "/sign-in")
    assert dash_br.find_element("html").get_attribute("lang") == "fr"
    assert dash_br.find_element("h1").text == "Connexion"
    dash_br.find_element(f"#{shell_ids.SHELL_LANGUAGE_LINK}").click()
    dash_br.wait_for_text_to_equal("h1", "Sign in", timeout=20)
    assert dash_br.find_element("html").get_attribute("lang") == "en"
    assert dash_br.driver.current_url == f"{live_server.url}/sign-in"


def test_sign_out_ends_the_session(dash_br: Browser, live_server: LiveServer) -> None:
    sign_in(dash_br, live_server, "alice")
    cookie = dash_br.driver.get_cookie("session")
    assert cookie is not None
    assert cookie["httpOnly"] is True
    stored = "return window.localStorage.getItem(arguments[0])"
    dash_br.driver.execute_script(
        "window.localStorage.setItem(arguments[0], arguments[1])",
        clients_ids.CLIENTS_RECENT_STORE,
        '{"owner": "x", "ids": [100002]}',
    )
    assert dash_br.driver.execute_script(stored, clients_ids.CLIENTS_RECENT_STORE) is not None
    dash_br.find_element(f"#{shell_ids.SHELL_SIGN_OUT_BUTTON}").click()
    dash_br.wait_for_element(f"#{ids.SIGN_IN_USERNAME_INPUT}", timeout=20)
    assert not is_signed_in(live_server, dash_br)
    assert dash_br.driver.execute_script(stored, clients_ids.CLIENTS_RECENT_STORE) is None
    replay = live_server.app.test_client()
    replay.set_cookie("session", cookie["value"])
    assert replay.get("/api/v1/auth/me").status_code == 401  # revoked on the server too
    open_page(dash_br, live_server, "/")
    dash_br.wait_for_element(f"#{ids.SIGN_IN_USERNAME_INPUT}", timeout=20)
    assert dash_br.get_logs() == []


def test_sign_in_page_has_no_serious_accessibility_violation(
    dash_br: Browser, live_server: LiveServer
) -> None:
    open_page(dash_br, live_server, "/sign-in")
    assert accessibility_violations(dash_br) == []


def test_after_sign_out_the_next_person_starts_on_their_own_page(
    dash_br: Browser, live_server: LiveServer
) -> None:
    """Signing out from a client's file must not send the next person back to it."""
    sign_in(dash_br, live_server, "alice")
    file_path = f"/clients/{live_server.client_ids[1]}"
    open_page(dash_br, live_server, file_path)
    dash_br.wait_for_element("#main h1", timeout=20)
    dash_br.find_element(f"#{shell_ids.SHELL_SIGN_OUT_BUTTON}").click()
    dash_br.wait_for_element(f"#{ids.SIGN_IN_USERNAME_INPUT}", timeout=20)
    assert dash_br.driver.current_url == f"{live_server.url}/sign-in"
    dash_br.find_element(f"#{ids.SIGN_IN_USERNAME_INPUT}").send_keys("carl")
    dash_br.find_element(f"#{ids.SIGN_IN_PASSWORD_INPUT}").send_keys(live_server.password)
    dash_br.find_element(f"#{ids.SIGN_IN_SUBMIT_BUTTON}").click()
    dash_br.wait_for_text_to_equal("#shell-account-div .navbar-text", "carl", timeout=20)
    assert dash_br.driver.current_url == f"{live_server.url}/my-data"
    assert dash_br.get_logs() == []
