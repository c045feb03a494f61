"""Take screenshots of the dashboard's main pages from the running app (for docs/dashboard.md).

Usage: python scripts/screenshots.py [--data-dir data/demo] [--artifacts-dir data/artifacts]
       [--out docs/screenshots] [--lang fr|en]
Serves the app on a free local port with a throw-away accounts database, signs in as an
advisor (and a client) in headless Debian chromium, and saves one PNG a page.
"""

from __future__ import annotations

import argparse
import datetime
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from flask import Flask
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import create_app  # noqa: E402
from scoring_api.context import bundle_store  # noqa: E402
from scoring_api.events.challenger import shadow_challenger_now  # noqa: E402
from scoring_api.events.replay import ReplayOptions, load_clients, replay  # noqa: E402
from scoring_api.events.replay_plan import Shift  # noqa: E402
from scoring_api.security.accounts import create_account  # noqa: E402
from scoring_api.security.roles import Role  # noqa: E402
from scoring_api.security.state import get_state  # noqa: E402
from scoring_api.urls import API_PREFIX  # noqa: E402

CHROME_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1366,1000",
    "--hide-scrollbars",
)
WAIT_SECONDS = 30
SETTLE_SECONDS = 2.0


def browser() -> webdriver.Chrome:
    """Return headless chromium."""
    options = Options()
    for flag in CHROME_FLAGS:
        options.add_argument(flag)
    return webdriver.Chrome(options=options)


def wait_for(driver: webdriver.Chrome, css: str) -> None:
    """Wait for an element, then for charts and loaders to settle."""
    WebDriverWait(driver, WAIT_SECONDS).until(
        expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    )
    time.sleep(SETTLE_SECONDS)


def sign_in(driver: webdriver.Chrome, url: str, username: str, password: str) -> None:
    """Sign in through the sign-in page."""
    driver.get(f"{url}/sign-in")
    wait_for(driver, "#signin-username-input")
    driver.find_element(By.CSS_SELECTOR, "#signin-username-input").send_keys(username)
    driver.find_element(By.CSS_SELECTOR, "#signin-password-input").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "#signin-submit-button").click()
    wait_for(driver, "#shell-account-div .navbar-text")


def _simulate_bigger_credit(driver: webdriver.Chrome) -> None:
    """On the what-if page, triple the credit asked and run the simulation."""
    field = driver.find_element(By.CSS_SELECTOR, "#whatif-credit-input")
    credit = float(field.get_attribute("value") or 0)
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(str(round(credit * 3)))
    button = driver.find_element(By.CSS_SELECTOR, "#whatif-simulate-button")
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button
    )
    button.click()
    wait_for(driver, "#whatif-comparison-graph .main-svg")


WALK_IN_TYPED = {
    "credit": "300000",
    "term-months": "24",
    "income": "54000",
    "age": "41",
    "employed-years": "6.5",
}
WALK_IN_CHOSEN = {
    "income-type": "Working",
    "family-status": "Married",
    "housing": "House / apartment",
    "education": "Higher education",
}


def _score_walk_in(driver: webdriver.Chrome) -> None:
    """On the new-application page, enter an applicant without bureau scores and score it."""
    for name, text in WALK_IN_TYPED.items():
        field = driver.find_element(By.CSS_SELECTOR, f"#newapp-{name}-input")
        field.send_keys(Keys.CONTROL, "a")
        field.send_keys(text)
    for name, value in WALK_IN_CHOSEN.items():
        Select(driver.find_element(By.CSS_SELECTOR, f"#newapp-{name}-input")).select_by_value(value)
    time.sleep(SETTLE_SECONDS)  # the instalment is computed from the amount and the term
    button = driver.find_element(By.CSS_SELECTOR, "#newapp-submit-button")
    driver.execute_script(
        "arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", button
    )
    button.click()
    wait_for(driver, "#newapp-score-dl-decision .decision-badge")


def _shoot(
    driver: webdriver.Chrome, url: str, path: str, out: Path, name: str, action=None
) -> Path:
    """Open a page, let it render (and act on it) and save a full-height screenshot."""
    driver.get(url + path)
    wait_for(driver, "#main h1, #main h2")
    time.sleep(SETTLE_SECONDS)  # charts fetched by callbacks after the page
    if action is not None:
        action(driver)
    driver.execute_script("window.scrollTo(0, 0)")
    height = driver.execute_script("return document.body.scrollHeight")
    driver.set_window_size(1366, min(max(int(height) + 40, 900), 3000))
    time.sleep(SETTLE_SECONDS)
    target = out / f"{name}.png"
    driver.save_screenshot(str(target))
    driver.set_window_size(1366, 1000)
    print(f"  {name:<16} {path:<28} -> {target}")
    return target


class DemoServer:
    """The app on a free local port with a throw-away database and two accounts."""

    def __init__(self, data_dir: Path, artifacts_dir: Path, lang: str = "fr") -> None:
        database = Path(tempfile.mkdtemp()) / "screenshots.sqlite3"
        self.app = create_app(
            {
                "app_env": "test",
                "data_dir": data_dir,
                "artifacts_dir": artifacts_dir,
                "database_url": f"sqlite:///{database}",
                "language": lang,
                "ratelimit_default": "100000 per minute",
            }
        )
        with self.app.test_request_context():
            ids = bundle_store().get().client_ids
        self.client_id = _refused_client(self.app, ids)
        self.review_id = _open_review(self.app, self.client_id)
        _replay_with_shift(self.app, data_dir)
        self.password = secrets.token_urlsafe(16)
        with get_state(self.app).database.session() as session:
            create_account(session, "advisor", self.password, Role.ADVISOR, None)
            create_account(session, "client", self.password, Role.CLIENT, self.client_id)
        self._server = make_server("127.0.0.1", 0, self.app, threaded=True)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self._server.server_port}"

    def stop(self) -> None:
        """Stop serving."""
        self._server.shutdown()


def main(argv: list[str] | None = None) -> int:
    """Serve the app, sign in, and save screenshots of the main pages."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data" / "demo")
    parser.add_argument("--artifacts-dir", type=Path, default=ROOT / "data" / "artifacts")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--lang", choices=("fr", "en"), default="fr")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    demo = DemoServer(args.data_dir, args.artifacts_dir, args.lang)
    url, refused = demo.url, demo.client_id
    print(f"Screenshots of {url} (client {refused}) into {args.out}:")
    driver = browser()
    try:
        sign_in(driver, url, "advisor", demo.password)
        pages: list[tuple[Any, ...]] = [  # name, path, and an action for some
            ("clients", "/clients"),
            ("client_file", f"/clients/{refused}"),
            ("compare", f"/clients/{refused}/compare"),
            ("what_if", f"/clients/{refused}/what-if", _simulate_bigger_credit),
            ("new_application", "/new-application", _score_walk_in),
            ("model", "/model"),
            ("reviews", "/reviews"),
            ("review", f"/reviews/{demo.review_id}"),
            ("monitoring", "/monitoring", _monitoring_drawn),
        ]
        for name, path, *action in pages:
            _shoot(driver, url, path, args.out, name, *action)
        driver.delete_all_cookies()
        sign_in(driver, url, "client", demo.password)
        _shoot(driver, url, "/my-data", args.out, "my_data")
    finally:
        driver.quit()
        demo.stop()
    return 0


def _monitoring_drawn(driver: webdriver.Chrome) -> None:
    """Wait for the monitoring page's traffic lights (its windows are read after the page)."""
    wait_for(driver, "#monitoring-lights-div")


def _replay_with_shift(app: Flask, data_dir: Path) -> None:
    """Replay 60 days of scores, incomes down 20 % and 30 % of external scores missing from
    day 30, outcomes 30 days after each score, the challenger (if set) in shadow
    (docs/monitoring.md, "See it work on the demo")."""
    today = datetime.datetime.now(datetime.UTC).date()
    start = today - datetime.timedelta(days=60)
    shift = Shift(start + datetime.timedelta(days=30), income_factor=0.8, missing_ext_share=0.3)
    options = ReplayOptions(start, 60, 150, today, shift=shift, outcomes_after=30)
    with app.app_context():
        state, bundle = get_state(app), bundle_store().get()
        challenger = shadow_challenger_now(state.settings, bundle.version)  # CHALLENGER, if set
        days = replay(
            bundle,
            state.database,
            state.settings.pseudonym_key,
            load_clients(data_dir),
            options,
            challenger,
        )
        for _ in days:
            pass


def _refused_client(app: object, ids: object) -> int:
    """Return a refused client (the pages are most telling for a refusal)."""
    client = app.test_client()  # type: ignore[attr-defined]
    with get_state(app).database.session() as session:  # type: ignore[arg-type]
        create_account(session, "probe", "probe-password-123456", Role.ADVISOR, None)
    client.post(
        f"{API_PREFIX}/auth/login", json={"username": "probe", "password": "probe-password-123456"}
    )
    page = client.get(f"{API_PREFIX}/clients?limit=200").get_json()
    refused = [row["client_id"] for row in page["items"] if row["decision"] == "refused"]
    return int(refused[0]) if refused else int(ids[0])  # type: ignore[index]


def _open_review(app: object, client_id: int) -> int:
    """Ask for a human review of the client's decision (the review pages show it)."""
    client = app.test_client()  # type: ignore[attr-defined]
    client.post(
        f"{API_PREFIX}/auth/login", json={"username": "probe", "password": "probe-password-123456"}
    )
    body = {"comment": "Le client a fourni trois bulletins de salaire récents."}
    review = client.post(f"{API_PREFIX}/clients/{client_id}/reviews", json=body).get_json()
    return int(review["id"])


if __name__ == "__main__":
    raise SystemExit(main())
