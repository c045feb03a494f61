"""Deployment files: app.json, Procfile, .python-version, requirements, slug, gunicorn, proxy."""

from __future__ import annotations

import json
import os
import re
import runpy
import secrets
import shlex
import subprocess
import sys
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest
from flask import request
from sqlalchemy.exc import OperationalError

from app import create_app
from scoring_api.config import Settings
from scoring_api.migrations.runner import UPGRADE_COMMAND
from scoring_api.security.database import Database
from tests.processes import free_port
from tests.scoring_api.settings import make_settings

ROOT = Path(__file__).resolve().parents[1]
SETTINGS_VARIABLES = {field.name.upper() for field in fields(Settings)}
GUNICORN_VARIABLES = {"WEB_CONCURRENCY", "GUNICORN_THREADS", "LOG_LEVEL"}
BUILD_VARIABLES = {
    "MODEL_BUNDLE_URL",
    "MODEL_BUNDLE_SHA256",
    "DEMO_APPLICATIONS",
    "DEMO_ITERATIONS",
}
DEV_TOOLS = {
    "pytest",
    "pytest-xdist",
    "pytest-timeout",
    "ruff",
    "schemathesis",
    "selenium",
    "psutil",
    "axe-selenium-python",
    "hypothesis",
}
RUNTIME_PACKAGES = ("app.py", "scoring_api", "dash_app", "model_training")


def app_json() -> dict:
    """Return app.json, parsed."""
    return json.loads((ROOT / "app.json").read_text(encoding="utf-8"))


def requirement_names(path: Path) -> list[str]:
    """Return the package names (with extras) a requirements file pins."""
    names = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            names.append(re.split(r"[=<>~!; ]", line, maxsplit=1)[0].lower())
    return names


def test_app_json_names_only_real_settings_each_described() -> None:
    """Each config var is a Settings field, a gunicorn or a build variable, with a description."""
    env = app_json()["env"]
    unknown = set(env) - SETTINGS_VARIABLES - GUNICORN_VARIABLES - BUILD_VARIABLES
    assert unknown == set()
    assert [name for name, spec in env.items() if not spec.get("description")] == []
    build_steps = "".join(
        (ROOT / name).read_text(encoding="utf-8")
        for name in ("bin/post_compile", "scoring_api/bundle_fetch.py")
    )
    assert [v for v in BUILD_VARIABLES & set(env) if v not in build_steps] == []
    gunicorn_conf = (ROOT / "gunicorn.conf.py").read_text(encoding="utf-8")
    assert [v for v in GUNICORN_VARIABLES & set(env) if f'"{v}"' not in gunicorn_conf] == []


def test_app_json_sets_up_production_on_heroku_postgres() -> None:
    """Python buildpack, Postgres add-on, a web dyno, production mode bound to 0.0.0.0."""
    spec = app_json()
    assert spec["buildpacks"] == [{"url": "heroku/python"}]
    assert [a["plan"].split(":")[0] for a in spec["addons"]] == ["heroku-postgresql"]
    assert spec["formation"]["web"]["quantity"] == 1
    env = spec["env"]
    assert env["APP_ENV"]["value"] == "production"
    assert env["HOST"]["value"] == "0.0.0.0"
    assert env["PROXY_FIX"]["value"] == "1"
    assert env["SECRET_KEY"]["generator"] == "secret"
    assert env["PSEUDONYM_KEY"]["generator"] == "secret"
    assert env["MODEL_BUNDLE_URL"]["required"] is False


def test_app_json_values_make_valid_production_settings() -> None:
    """app.json's values, generated secrets and Heroku's postgres:// URL pass the checks."""
    environ = {name: spec["value"] for name, spec in app_json()["env"].items() if "value" in spec}
    environ |= {"SECRET_KEY": secrets.token_hex(32), "PSEUDONYM_KEY": secrets.token_hex(32)}
    environ["DATABASE_URL"] = "postgres://user:pw@db.example:5432/d1"
    settings = Settings.from_env(environ=environ)
    assert settings.is_production
    assert (settings.host, settings.proxy_fix, settings.language) == ("0.0.0.0", 1, "fr")
    assert settings.database_url == "postgresql+psycopg://user:pw@db.example:5432/d1"


def test_a_postgres_url_builds_a_psycopg_engine_that_fails_cleanly_when_down() -> None:
    """The pinned psycopg driver loads; an unreachable server raises SQLAlchemy's error."""
    database = Database(f"postgresql+psycopg://u:p@127.0.0.1:{free_port()}/scoring")
    assert (database.engine.dialect.name, database.engine.dialect.driver) == (
        "postgresql",
        "psycopg",
    )
    with pytest.raises(OperationalError), database.engine.connect():
        pass


def test_procfile_runs_gunicorn_with_its_config_file_after_upgrading_the_schema() -> None:
    """The web process is gunicorn on app:server with gunicorn.conf.py (PORT read there); the
    release phase upgrades the database's schema first (a failure stops the release)."""
    lines = (ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    commands = dict(line.split(":", 1) for line in lines if line.strip())
    assert shlex.split(commands["web"]) == ["gunicorn", "app:server", "-c", "gunicorn.conf.py"]
    assert shlex.split(commands["release"]) == shlex.split(UPGRADE_COMMAND)


def test_python_version_matches_the_project_and_this_interpreter() -> None:
    """.python-version names the series pyproject.toml requires and the tests run on."""
    series = (ROOT / ".python-version").read_text(encoding="utf-8").strip()
    assert series == "3.11"
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert pyproject["project"]["requires-python"] == ">=3.11,<3.12"
    assert f"{sys.version_info.major}.{sys.version_info.minor}" == series


def test_requirements_hold_no_test_lint_or_benchmark_tool() -> None:
    """requirements.txt (the slug) has runtime packages only; dev tools stay in -dev."""
    runtime = requirement_names(ROOT / "requirements.txt")
    dev_only = set(requirement_names(ROOT / "requirements-dev.txt")) - {"dash[testing]"}
    assert [name for name in runtime if name in DEV_TOOLS | dev_only] == []
    assert [name for name in runtime if "[testing]" in name] == []
    assert "psycopg[binary]" in runtime


def test_shap_stays_out_of_the_slug() -> None:
    """shap is pinned in requirements-explain.txt (which -dev includes), never in the runtime
    set, and only the notebook modules import it: nothing the server runs reaches them."""
    dev_lines = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    assert "-r requirements-explain.txt" in dev_lines
    assert "shap" in requirement_names(ROOT / "requirements-explain.txt")
    assert "shap" not in requirement_names(ROOT / "requirements.txt")
    importing = re.compile(r"^\s*(from|import)\s+shap\b", re.MULTILINE)
    notebook = re.compile(r"model_training\.modeling\.shap_|import shap_", re.MULTILINE)
    files = [ROOT / "app.py", ROOT / "gunicorn.conf.py"]
    files += [p for name in RUNTIME_PACKAGES[1:] for p in (ROOT / name).rglob("*.py")]
    shap_modules = {p for p in files if importing.search(p.read_text(encoding="utf-8"))}
    assert sorted(p.name for p in shap_modules) == ["shap_explanation.py", "shap_trees.py"]
    reaching = [
        p for p in files if p not in shap_modules and notebook.search(p.read_text(encoding="utf-8"))
    ]
    assert reaching == []


def test_pyspark_stays_out_of_the_slug() -> None:
    """pyspark is pinned in requirements-spark.txt (which -dev includes), never in the runtime
    set, and only the Spark engine's modules import it (each imported when a command asks)."""
    dev_lines = (ROOT / "requirements-dev.txt").read_text(encoding="utf-8").splitlines()
    assert "-r requirements-spark.txt" in dev_lines
    assert "pyspark" in requirement_names(ROOT / "requirements-spark.txt")
    assert "pyspark" not in requirement_names(ROOT / "requirements.txt")
    importing = re.compile(r"^\s*(from|import)\s+pyspark\b", re.MULTILINE)
    files = [ROOT / "app.py", ROOT / "gunicorn.conf.py"]
    files += [p for name in RUNTIME_PACKAGES[1:] for p in (ROOT / name).rglob("*.py")]
    spark_modules = {p for p in files if importing.search(p.read_text(encoding="utf-8"))}
    assert sorted(p.relative_to(ROOT).as_posix() for p in spark_modules) == [
        "model_training/spark/scoring.py",
        "model_training/spark/session.py",
    ]


def test_slug_leaves_out_what_no_runtime_module_imports() -> None:
    """.slugignore drops tests, bench, scripts and docs; the server's code imports none."""
    ignored = (ROOT / ".slugignore").read_text(encoding="utf-8").split()
    assert {"/tests", "/bench", "/scripts", "/docs"} <= set(ignored)
    pattern = re.compile(r"^\s*(from|import)\s+(tests|bench|scripts)\b", re.MULTILINE)
    files = [ROOT / "app.py", ROOT / "gunicorn.conf.py"]
    files += [p for name in RUNTIME_PACKAGES[1:] for p in (ROOT / name).rglob("*.py")]
    assert [str(p) for p in files if pattern.search(p.read_text(encoding="utf-8"))] == []


def test_post_compile_is_an_executable_bash_script() -> None:
    """Heroku runs bin/post_compile as is: executable, and bash parses it."""
    script = ROOT / "bin" / "post_compile"
    assert os.access(script, os.X_OK)
    assert script.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")
    assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0


def test_gunicorn_timeouts_fit_heroku() -> None:
    """Workers, threads from the environment; timeouts under the router's and dyno's 30 s."""
    environ = {"WEB_CONCURRENCY": "3", "GUNICORN_THREADS": "5", "HOST": "0.0.0.0", "PORT": "5000"}
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environ.items():
            patch.setenv(name, value)
        conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (conf["workers"], conf["threads"], conf["bind"]) == (3, 5, "0.0.0.0:5000")
    assert conf["preload_app"] is True
    assert conf["timeout"] < 30
    assert conf["graceful_timeout"] < 30
    assert conf["keepalive"] > 90  # Heroku Router 2.0 closes idle connections first


@pytest.mark.parametrize(
    ("environ", "expected"),
    [({}, ("", True)), ({"GUNICORN_CONTROL_SOCKET": "/run/pad.ctl"}, ("/run/pad.ctl", False))],
)
def test_gunicorn_control_socket_is_off_unless_named(
    environ: dict[str, str], expected: tuple[str, bool]
) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("GUNICORN_CONTROL_SOCKET", raising=False)
        for name, value in environ.items():
            patch.setenv(name, value)
        conf = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (conf["control_socket"], conf["control_socket_disable"]) == expected


@pytest.mark.parametrize(("proxy_fix", "expected"), [(1, ("https", "203.0.113.9")), (0, None)])
def test_proxy_fix_takes_scheme_and_address_from_the_router(
    tmp_path: Path, proxy_fix: int, expected: tuple[str, str] | None
) -> None:
    """PROXY_FIX=1 trusts one router's X-Forwarded-Proto/-For; 0 ignores them."""
    app = create_app(make_settings(tmp_path, tmp_path, dashboard=False, proxy_fix=proxy_fix))
    app.add_url_rule(
        "/probe", "probe", lambda: {"scheme": request.scheme, "address": request.remote_addr}
    )
    headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.1, 203.0.113.9"}
    body = (
        app.test_client()
        .get("/probe", headers=headers, environ_base={"REMOTE_ADDR": "10.1.2.3"})
        .get_json()
    )
    assert (body["scheme"], body["address"]) == (expected or ("http", "10.1.2.3"))


def test_behind_the_router_sign_in_limits_count_each_client_address(tmp_path: Path) -> None:
    """With PROXY_FIX=1, one address over the sign-in limit does not lock out another."""
    limited = {"dashboard": False, "proxy_fix": 1, "ratelimit_login": "2 per minute"}
    client = create_app(make_settings(tmp_path, tmp_path, **limited)).test_client()

    def sign_in(address: str) -> int:
        body = {"username": "nobody", "password": "wrong-password"}
        forwarded = {"X-Forwarded-For": address}
        return client.post("/api/v1/auth/login", json=body, headers=forwarded).status_code

    assert [sign_in("203.0.113.9") for _ in range(3)] == [401, 401, 429]
    assert sign_in("198.51.100.7") == 401
