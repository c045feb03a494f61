"""Measure every dashboard page with Lighthouse, as a phone and a desktop see it, before and after.

Usage: python bench/lighthouse.py [--before REF] [--data-dir data/demo]
       [--artifacts-dir data/artifacts] [--pages PATH ...] [--presets mobile desktop]
       [--versions before after] [--app-env production|demo] [--client-id ID] [--runs 1]
BEFORE is REF checked out in a temporary git worktree, AFTER the current tree; each is served
by its own gunicorn (gunicorn.conf.py, its own SQLite accounts database, the same data and
bundles), with an advisor and a client account. For every page, preset and version (before and
after interleaved page by page) one Lighthouse user flow (bench/lighthouse/flow.mjs, headless
Debian chromium, fresh profile) records a cold visit and a repeat visit with the cache kept.
Writes bench/out/lighthouse/: summary.md (also printed), results.jsonl and each flow's report.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# bench/ is on sys.path (this script's folder), ROOT too
from lighthouse_report import ID, OUT_DIR, VERSIONS, write_summary  # noqa: E402

from scoring_api.security.roles import Role  # noqa: E402
from tests.processes import START_SECONDS, free_port, stop_process, wait_ready  # noqa: E402

LIGHTHOUSE_DIR = ROOT / "bench" / "lighthouse"
BEFORE_REF = "f55ce46"  # the merge-base of the dashboard-weight work (bench/README.md)
CHROMIUM = "/usr/bin/chromium"
FLOW_SECONDS = 300
FLOW_ATTEMPTS = 2  # a flow whose trace lacks its navigation start (NO_NAVSTART) is run again
USERNAMES = {Role.ADVISOR: "advisor", Role.CLIENT: "client"}  # role -> account (shown in the shell)
PAGES = (  # (role, path); role "anonymous" is signed out
    ("anonymous", "/sign-in"),
    (Role.ADVISOR, "/clients"),
    (Role.ADVISOR, f"/clients/{ID}"),
    (Role.ADVISOR, f"/clients/{ID}/compare"),
    (Role.ADVISOR, f"/clients/{ID}/what-if"),
    (Role.ADVISOR, "/new-application"),
    (Role.ADVISOR, "/model"),
    (Role.CLIENT, "/my-data"),
    (Role.CLIENT, "/model"),
)
PRESETS = ("mobile", "desktop")


@dataclass
class Server:
    """One version of the app under gunicorn, with its environment and log."""

    version: str
    process: subprocess.Popen
    url: str
    env: dict[str, str]
    tree: Path
    log_path: Path

    def stop(self) -> None:
        """Stop gracefully (SIGTERM), then end whatever is left of its process group."""
        stop_process(self.process, grace_seconds=20)
        with suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)


def start_server(version: str, tree: Path, args: argparse.Namespace, workdir: Path) -> Server:
    """Serve a tree under gunicorn on a free port with its own accounts database; wait ready."""
    port = free_port()
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    env |= {
        "PYTHONPATH": str(tree),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "APP_ENV": args.app_env,
        "DATA_DIR": str(args.data_dir.resolve()),
        "ARTIFACTS_DIR": str(args.artifacts_dir.resolve()),
        "DATABASE_URL": f"sqlite:///{workdir / f'{version}.sqlite3'}",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "PSEUDONYM_KEY": secrets.token_urlsafe(48),
    }
    log_path = workdir / f"{version}-gunicorn.log"
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "app:server",
        "-c",
        "gunicorn.conf.py",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(
            command, cwd=tree, env=env, stdout=log, stderr=log, start_new_session=True
        )
    server = Server(version, process, f"http://127.0.0.1:{port}", env, tree, log_path)
    status, _ = wait_ready(f"{server.url}/api/v1/health/ready", process, START_SECONDS)
    if status != 200:
        server.stop()
        tail = log_path.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{version}: gunicorn in {tree} did not get ready:\n{tail}")
    return server


def create_account(server: Server, role: str, password: str, client_id: int | None) -> None:
    """Create an account with the server's own CLI (``python -m scoring_api users create``)."""
    command = [sys.executable, "-m", "scoring_api", "users", "create", "--role", role]
    command += ["--client-id", str(client_id)] if client_id is not None else []
    subprocess.run(
        [*command, USERNAMES[role]],
        input=password + "\n",
        cwd=server.tree,
        env=server.env,
        check=True,
        capture_output=True,
        text=True,
    )


def sign_in(server: Server, role: str, password: str) -> list[dict]:
    """Sign in through the API as the browser's sign-in does; return the session cookies."""
    response = requests.post(
        f"{server.url}/api/v1/auth/login",
        json={"username": USERNAMES[role], "password": password},
        headers={"Origin": server.url},
        timeout=30,
    )
    response.raise_for_status()
    return [
        {
            "name": cookie.name,
            "value": cookie.value,
            "secure": bool(cookie.secure),
            "httpOnly": cookie.has_nonstandard_attr("HttpOnly"),
            "sameSite": cookie.get_nonstandard_attr("SameSite") or "Lax",
        }
        for cookie in response.cookies
    ]


def refused_client(server: Server, cookies: list[dict]) -> int:
    """Return the first refused client of the list (the pages are most telling for a refusal)."""
    jar = {cookie["name"]: cookie["value"] for cookie in cookies}
    page = requests.get(f"{server.url}/api/v1/clients?limit=200", cookies=jar, timeout=30)
    page.raise_for_status()
    items = page.json()["items"]
    refused = [row["client_id"] for row in items if row["decision"] == "refused"]
    return int((refused or [items[0]["client_id"]])[0])


@contextmanager
def checked_out(ref: str) -> Iterator[Path]:
    """Check a commit out in a temporary detached git worktree; remove it afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="lighthouse-before-"))
    tree = folder / "tree"
    git = ["git", "-C", str(ROOT), "worktree"]
    subprocess.run([*git, "add", "--detach", str(tree), ref], check=True, capture_output=True)
    try:
        yield tree
    finally:
        subprocess.run([*git, "remove", "--force", str(tree)], check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def ensure_lighthouse() -> None:
    """Install the pinned Lighthouse (package-lock.json) when node_modules is absent."""
    if not (LIGHTHOUSE_DIR / "node_modules").is_dir():
        print("Installing Lighthouse (npm ci in bench/lighthouse)...", file=sys.stderr)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=LIGHTHOUSE_DIR, check=True)


def run_flow(server: Server, preset: str, path: str, cookies: list[dict], out: Path) -> list[dict]:
    """Run one Lighthouse user flow (cold then repeat visit); return one dict a visit.

    A flow with a Lighthouse runtime error (NO_NAVSTART now and then under load) is run again,
    up to FLOW_ATTEMPTS times; the last attempt is returned (its "check" will show the error).
    """
    spec = {
        "url": server.url + path,
        "preset": preset,
        "cookies": cookies,
        "out": str(out),
        "chromium": CHROMIUM,
        "name": out.name,
    }
    for attempt in range(1, FLOW_ATTEMPTS + 1):
        visits = _run_node(spec, out.name)
        errors = [visit["runtime_error"] for visit in visits if visit["runtime_error"]]
        if not errors:
            break
        print(f"  {out.name}: {', '.join(errors)} (attempt {attempt})", file=sys.stderr)
    return visits


def _run_node(spec: dict, name: str) -> list[dict]:
    """Run flow.mjs on one spec; return the JSON lines it printed."""
    process = subprocess.Popen(
        ["node", "flow.mjs"],
        cwd=LIGHTHOUSE_DIR,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its chromium too: ended with the group on a timeout
    )
    try:
        stdout, stderr = process.communicate(json.dumps(spec), timeout=FLOW_SECONDS)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise RuntimeError(f"{name}: no result after {FLOW_SECONDS} s") from None
    if process.returncode != 0:
        raise RuntimeError(f"{name}: flow.mjs failed:\n{stderr[-3000:]}")
    return [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]


def check_visit(visit: dict, role: str, path: str) -> str:
    """Return what is wrong with a visit (signed out, redirected, errors), or "ok"."""
    problems = []
    if visit["final_path"] != path:
        problems.append(f"ended on {visit['final_path']}")
    if visit["account"] != USERNAMES.get(role, ""):
        problems.append(f"shell shows {visit['account']!r}")
    if visit["runtime_error"]:
        problems.append(visit["runtime_error"])
    if visit["n_failed"]:
        problems.append(f"{visit['n_failed']} failed requests")
    return "; ".join(problems) or "ok"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Read the command line; pages may name the client as <id> or by its number."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--before", default=BEFORE_REF, help="git ref served as BEFORE")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "data" / "demo")
    parser.add_argument("--artifacts-dir", type=Path, default=ROOT / "data" / "artifacts")
    parser.add_argument("--pages", nargs="+", default=sorted({path for _, path in PAGES}))
    parser.add_argument("--presets", nargs="+", choices=PRESETS, default=list(PRESETS))
    parser.add_argument("--versions", nargs="+", choices=VERSIONS, default=list(VERSIONS))
    parser.add_argument("--app-env", choices=("production", "demo"), default="production")
    parser.add_argument("--client-id", type=int, help="client of the pages (default: refused)")
    parser.add_argument("--runs", type=int, default=1, help="flows a row (the table: medians)")
    args = parser.parse_args(argv)
    args.pages = [re.sub(r"^/clients/\d+", f"/clients/{ID}", page) for page in args.pages]
    unknown = sorted(set(args.pages) - {path for _, path in PAGES})
    if unknown:
        parser.error(f"unknown pages {unknown}; known: {sorted({p for _, p in PAGES})}")
    return args


def main(argv: list[str] | None = None) -> int:
    """Serve each version, run every flow interleaved, print and save the summary."""
    args = parse_args(argv)
    ensure_lighthouse()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    password = secrets.token_urlsafe(16)
    started = time.monotonic()
    with ExitStack() as stack:
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="lighthouse-")))
        trees = {"after": ROOT}
        if "before" in args.versions:
            trees["before"] = stack.enter_context(checked_out(args.before))
        servers = {}
        for version in args.versions:
            servers[version] = start_server(version, trees[version], args, workdir)
            stack.callback(servers[version].stop)
        for server in servers.values():
            create_account(server, Role.ADVISOR, password, None)
        probe = servers.get("after") or servers["before"]
        client_id = args.client_id or refused_client(probe, sign_in(probe, Role.ADVISOR, password))
        for server in servers.values():
            create_account(server, Role.CLIENT, password, client_id)
        served = ", ".join(f"{v} on {s.url} from {s.tree}" for v, s in servers.items())
        print(f"Client {client_id}; {served}", file=sys.stderr)
        rows, failures = [], []
        pages = [(role, path) for role, path in PAGES if path in args.pages]
        flows = [
            (run, role, path, preset)
            for run in range(1, args.runs + 1)
            for role, path in pages
            for preset in args.presets
        ]
        for index, (run, role, path, preset) in enumerate(flows):
            order = args.versions if index % 2 == 0 else args.versions[::-1]
            for version in order:
                server = servers[version]
                cookies = sign_in(server, role, password) if role in USERNAMES else []
                page = path.replace(ID, str(client_id))
                slug = path.strip("/").replace("/", "-").replace(ID, "id")
                suffix = f"-run{run}" if args.runs > 1 else ""
                out = OUT_DIR / f"{version}-{preset}-{role}-{slug}{suffix}"
                flow_started = time.monotonic()
                try:
                    visits = run_flow(server, preset, page, cookies, out)
                except RuntimeError as error:  # reported, and the run goes on
                    failures.append(str(error))
                    print(f"  {error}", file=sys.stderr)
                    continue
                seconds = time.monotonic() - flow_started
                for visit in visits:
                    visit |= {"version": version, "role": role, "page": path, "run": run}
                    visit |= {"seconds": seconds, "check": check_visit(visit, role, page)}
                rows.extend(visits)
                print(
                    f"  [{index + 1}/{len(flows)}] {version} {preset} {role} {path}: {seconds:.0f}"
                    f" s, {visits[0]['check']} / {visits[1]['check']}",
                    file=sys.stderr,
                )
    summary = write_summary(rows, args, client_id)
    print(summary)
    minutes = (time.monotonic() - started) / 60
    print(f"Wrote {OUT_DIR.relative_to(ROOT)}/summary.md, results.jsonl and the flow reports "
          f"({minutes:.1f} min); {len(failures)} flows failed.", file=sys.stderr)  # fmt: skip
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
