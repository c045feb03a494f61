"""``python -m scoring_api``: every command listed, the account and key commands at work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from scoring_api.cli import main
from tests.processes import ROOT
from tests.scoring_api.security.helpers import CLIENT_ID, PASSWORD, make_app
from tests.scoring_api.settings import make_settings


def run_cli(
    tmp_path: Path, *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess against the test database; return the finished process."""
    environ = {key: value for key, value in os.environ.items() if key not in ("APP_ENV",)}
    environ["DATABASE_URL"] = make_settings(tmp_path).database_url
    environ["PYTHONWARNINGS"] = "error"
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "scoring_api", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
        check=False,
        timeout=60,
    )


def test_users_create_list_disable(tmp_path: Path) -> None:
    created = run_cli(tmp_path, "users", "create", "bob", "--role", "advisor", stdin=PASSWORD)
    assert created.returncode == 0, created.stderr
    assert created.stdout == "Created advisor account 'bob' (id 1).\n"
    client = run_cli(
        tmp_path,
        "users",
        "create",
        "cleo",
        "--role",
        "client",
        "--client-id",
        str(CLIENT_ID),
        stdin=PASSWORD + "\n",
    )
    assert client.returncode == 0, client.stderr
    listed = run_cli(tmp_path, "users", "list")
    assert listed.stdout == (
        f"1\tbob\tadvisor\tactive\n2\tcleo\tclient\tactive client_id={CLIENT_ID}\n"
    )
    assert run_cli(tmp_path, "users", "disable", "bob").returncode == 0
    assert "1\tbob\tadvisor\tdisabled\n" in run_cli(tmp_path, "users", "list").stdout


def test_created_user_signs_in(tmp_path: Path) -> None:
    run_cli(tmp_path, "users", "create", "bob", "--role", "advisor", stdin=PASSWORD)
    client = make_app(make_settings(tmp_path)).test_client()
    response = client.post("/api/v1/auth/login", json={"username": "bob", "password": PASSWORD})
    assert response.get_json() == {"username": "bob", "role": "advisor", "client_id": None}


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        (["--role", "client"], PASSWORD, "error: A client account needs --client-id"),
        (["--role", "advisor", "--client-id", "1"], PASSWORD, "error: Only a client account"),
        (["--role", "advisor"], "short", "error: The password must have at least 10"),
    ],
)
def test_users_create_refuses_bad_input(
    tmp_path: Path, args: list[str], stdin: str, message: str
) -> None:
    result = run_cli(tmp_path, "users", "create", "bob", *args, stdin=stdin)
    assert result.returncode == 1
    assert result.stderr.startswith(message)


def test_keys_create_prints_the_key_last_and_it_works(tmp_path: Path) -> None:
    created = run_cli(tmp_path, "keys", "create", "--name", "crm")
    assert created.returncode == 0, created.stderr
    token = created.stdout.splitlines()[-1]
    assert token.startswith("pad_")
    assert len(token) > 50
    app = make_app(make_settings(tmp_path))
    headers = {"X-API-Key": token}
    assert (
        app.test_client().get(f"/api/v1/clients/{CLIENT_ID}/score", headers=headers).status_code
        == 200
    )
    listed = run_cli(tmp_path, "keys", "list").stdout
    assert listed.startswith("1\tcrm\tpad_")
    assert listed.endswith("\tservice\tactive\n")
    assert token not in listed
    assert run_cli(tmp_path, "keys", "revoke", "crm").stdout == "Revoked API key 'crm'.\n"
    fresh = make_app(make_settings(tmp_path)).test_client()
    assert fresh.get(f"/api/v1/clients/{CLIENT_ID}/score", headers=headers).status_code == 401


def test_revoking_an_unknown_key_fails(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "keys", "revoke", "nope")
    assert (result.returncode, result.stderr) == (
        1,
        "error: No active API key named 'nope'. See `keys list`.\n",
    )


COMMANDS = {
    "users": "accounts of people: create, list, disable",
    "keys": "API keys of other systems (X-API-Key): create, list, revoke",
    "backup": "copy the SQLite database while serving (PostgreSQL: pg_dump)",
    "demo-accounts": "create or reset the demo accounts, print their passwords",
    "fetch-bundle": "download a bundle archive, check it and make it live",
    "map-tables": "write the live bundle's mapped table copies the workers share",
    "outcomes": "record observed defaults from a CSV (SK_ID_CURR, outcome_date, defaulted)",
    "purge-events": "delete scoring events older than EVENTS_RETENTION_DAYS",
    "replay": "score a dataset's clients as dated scoring events (optional shift and outcomes)",
}


def test_help_lists_every_command_with_its_one_line_description(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "--help")
    assert result.returncode == 0, result.stderr
    listed = " ".join(result.stdout.split())  # argparse wraps long names onto their own line
    for command, description in COMMANDS.items():
        assert f"{command} {description}" in listed


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_each_command_has_its_own_help(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: python -m scoring_api {command} ")


def test_a_configuration_error_is_reported_with_status_2(tmp_path: Path) -> None:
    result = run_cli(tmp_path, "users", "list", env={"APP_ENV": "production"})
    assert result.returncode == 2
    assert result.stderr.startswith("error: SECRET_KEY must be set to a random value")


def test_demo_accounts_write_their_passwords_to_a_private_file(
    tmp_path: Path, data_dir: Path
) -> None:
    """``make run`` keeps the demo passwords findable: printed, and in a file only you read."""
    target = tmp_path / "demo-accounts.txt"
    done = run_cli(
        tmp_path,
        "demo-accounts",
        "--passwords-file",
        str(target),
        env={"APP_ENV": "demo", "ARTIFACTS_DIR": str(data_dir / "artifacts")},
    )
    assert done.returncode == 0, done.stderr
    assert target.stat().st_mode & 0o777 == 0o600
    written = dict(line.split(" ") for line in target.read_text().splitlines())
    assert set(written) == {"demo-advisor", "demo-admin", "demo-client"}
    for username, password in written.items():
        assert f"{username:<14} {password}" in done.stdout


def test_map_tables_writes_the_live_bundles_copies_once(tmp_path: Path, data_dir: Path) -> None:
    env = {"ARTIFACTS_DIR": str(data_dir / "artifacts"), "BUNDLE_MAP_DIR": str(tmp_path / "m")}
    done = run_cli(tmp_path, "map-tables", env=env)
    assert done.returncode == 0, done.stderr
    version = (data_dir / "artifacts" / "CURRENT").read_text().strip()
    assert done.stdout.startswith(f"Mapped copies of bundle {version} in {tmp_path / 'm'}")
    copies = sorted((tmp_path / "m" / version).glob("*.arrow"))
    assert [p.name.split("-")[0] for p in copies] == [
        "applications",
        "explanations",
        "features",
        "scores",
    ]
    again = run_cli(tmp_path, "map-tables", env=env)
    assert again.returncode == 0, again.stderr
    assert sorted((tmp_path / "m" / version).glob("*.arrow")) == copies


def test_map_tables_does_nothing_when_mapping_is_off(tmp_path: Path) -> None:
    done = run_cli(tmp_path, "map-tables", env={"BUNDLE_MAPPED_TABLES": "false"})
    assert (done.returncode, done.stdout) == (0, "BUNDLE_MAPPED_TABLES is off: nothing to write.\n")
