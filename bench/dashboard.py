"""Benchmark the dashboard: time from opening a page to its last chart drawn, vs its API calls.

Usage: python bench/dashboard.py [--data-dir data/demo] [--artifacts-dir data/artifacts]
       [--rounds 5]
Serves the app on 127.0.0.1 (threads), signs in as an advisor in headless chromium, and for
each page measures (a) the browser time from navigation to every chart drawn and no loading
indicator left, and (b) in the same run, the time of the API calls behind that page over HTTP
with the same session (the baseline). The page's own cost is (a) - (b); target: under 1 s.
"long tasks" is the browser's main-thread time in tasks over 50 ms during (a) (script
parsing, Plotly drawing).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import requests
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scoring_api.urls import API_PREFIX  # noqa: E402
from scripts.screenshots import DemoServer, browser, sign_in  # noqa: E402

DRAWN = """
const graphs = document.querySelectorAll('#main .dash-graph');
const drawn = document.querySelectorAll('#main .dash-graph .main-svg');
const loading = document.querySelectorAll('#main [data-dash-is-loading="true"]');
return document.querySelector('#main h1') !== null && graphs.length >= arguments[0]
    && drawn.length >= arguments[0] && loading.length === 0;
"""


LONG_TASKS = """
window.__longTasks = 0;
new PerformanceObserver((list) => list.getEntries().forEach((e) => {
    window.__longTasks += e.duration;
})).observe({type: 'longtask', buffered: true});
"""


def _page_seconds(driver: object, url: str, n_graphs: int) -> float:
    """Return the seconds from navigation to the page's charts drawn."""
    started = time.perf_counter()
    driver.get(url)  # type: ignore[attr-defined]
    WebDriverWait(driver, 30, poll_frequency=0.02).until(
        lambda d: d.execute_script(DRAWN, n_graphs)
    )
    return time.perf_counter() - started


def _page_load(driver: object, url: str, n_graphs: int) -> tuple[float, float]:
    """Return the seconds to the page drawn and the seconds of long main-thread tasks in it."""
    seconds = _page_seconds(driver, url, n_graphs)
    busy = driver.execute_script("return window.__longTasks || 0")  # type: ignore[attr-defined]
    return seconds, float(busy) / 1000


def _api_seconds(session: requests.Session, base: str, paths: list[str]) -> float:
    """Return the seconds the page's API calls take one after another."""
    started = time.perf_counter()
    for path in paths:
        session.get(base + API_PREFIX + path, timeout=30).raise_for_status()
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Measure every main page and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data" / "demo")
    parser.add_argument("--artifacts-dir", type=Path, default=ROOT / "data" / "artifacts")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    demo = DemoServer(args.data_dir, args.artifacts_dir)
    cid = demo.client_id
    pages = [  # (page, path, charts drawn, the API calls behind it)
        ("clients", "/clients", 0, ["/auth/me", "/model", "/clients?limit=20"]),
        ("client file", f"/clients/{cid}", 2,
         ["/auth/me", "/model", f"/clients/{cid}", f"/clients/{cid}/explanation?top=10"]),
        ("compare", f"/clients/{cid}/compare", 2,
         ["/auth/me", "/model", f"/clients/{cid}/peers?features=EXT_SOURCE_MIN",
          "/population/sample?x=EXT_SOURCE_MIN&y=AGE_YEARS&n=1000",
          f"/clients/{cid}/peers?features=EXT_SOURCE_MIN,AGE_YEARS&group=all"]),
        ("model", "/model", 3, ["/auth/me", "/model", "/model/curves"]),
    ]  # fmt: skip
    driver = browser()
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LONG_TASKS})
    try:
        sign_in(driver, demo.url, "advisor", demo.password)
        http = requests.Session()
        http.cookies.set("session", driver.get_cookie("session")["value"])
        print(
            f"{'page':<12} {'browser (a)':>12} {'API calls (b)':>14} {'page cost a-b':>14}"
            f" {'long tasks':>11}"
        )
        for name, path, n_graphs, calls in pages:
            _page_seconds(driver, demo.url + path, n_graphs)  # warm-up
            loads = [_page_load(driver, demo.url + path, n_graphs) for _ in range(args.rounds)]
            api = [_api_seconds(http, demo.url, calls) for _ in range(args.rounds)]
            a, b = statistics.median(x[0] for x in loads), statistics.median(api)
            busy = statistics.median(x[1] for x in loads)
            print(
                f"{name:<12} {a * 1000:>10.0f} ms {b * 1000:>12.0f} ms {(a - b) * 1000:>12.0f} ms"
                f" {busy * 1000:>8.0f} ms"
            )
    finally:
        driver.quit()
        demo.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
