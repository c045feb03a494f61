"""bin/post_compile (Heroku's build hook): a live bundle in the slug, fetched or built.

The fetch runs for real against a local HTTP server. The demo build is checked with a stand-in
interpreter that records its arguments, each then parsed by the real command's parser: the
real synth + build takes 15-40 s on this machine even at 200 applications (measured), and
both commands are run for real by the session's ``data_dir`` fixture.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

import pytest

from model_training.cli import build_parser as model_training_parser
from tests.scoring_api.bundle_servers import QuietHandler, http_server, pack

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "bin" / "post_compile"
PLOTLY_FETCH = ["-m", "dash_app.plotly_build.fetch"]
RECORDER = '#!/usr/bin/env bash\nprintf "%s\\n" "$*" >> "$CALLS_LOG"\n'


@contextmanager
def http_folder(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 for the block; yield its base URL."""
    with http_server(partial(QuietHandler, directory=str(folder))) as base:
        yield base


def run_hook(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run bin/post_compile from the project folder, as the buildpack does."""
    clean = {k: v for k, v in os.environ.items() if k not in ("API_URL", "MODEL_BUNDLE_URL")}
    return subprocess.run(
        [str(SCRIPT)],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def recorder(tmp_path: Path) -> tuple[Path, Path]:
    """Return a stand-in interpreter that logs each call's arguments, and its log."""
    script = tmp_path / "python"
    script.write_text(RECORDER, encoding="utf-8")
    script.chmod(0o755)
    return script, tmp_path / "calls.log"


def recorded(log: Path) -> list[list[str]]:
    """Return the argument lists the stand-in interpreter received after the plotly.js fetch.

    Every build first fetches the dashboard's plotly.js build (a no-op when present).
    """
    calls = [shlex.split(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert calls[0] == PLOTLY_FETCH
    return calls[1:]


def test_post_compile_fetches_the_published_bundle(data_dir: Path, tmp_path: Path) -> None:
    """With MODEL_BUNDLE_URL (and its SHA-256), the build unpacks it and CURRENT names it."""
    version = (data_dir / "artifacts" / "CURRENT").read_text(encoding="utf-8").strip()
    www = tmp_path / "www"
    www.mkdir()
    digest = pack(data_dir / "artifacts" / version, www / "bundle.tar.gz")
    artifacts = tmp_path / "artifacts"
    with http_folder(www) as base:
        done = run_hook(
            {
                "PYTHON": sys.executable,
                "MODEL_BUNDLE_URL": f"{base}/bundle.tar.gz",
                "MODEL_BUNDLE_SHA256": digest,
                "ARTIFACTS_DIR": str(artifacts),
            }
        )
    assert done.returncode == 0, done.stderr
    assert (artifacts / "CURRENT").read_text(encoding="utf-8") == version + "\n"
    assert f"Bundle {version} from {base}/bundle.tar.gz is live" in done.stdout


def test_post_compile_fails_the_build_when_the_fetch_fails(tmp_path: Path) -> None:
    """A bundle URL that answers 404 stops the build (non-zero exit) with nothing live."""
    with http_folder(tmp_path) as base:
        done = run_hook(
            {
                "PYTHON": sys.executable,
                "MODEL_BUNDLE_URL": f"{base}/missing.tar.gz",
                "ARTIFACTS_DIR": str(tmp_path / "artifacts"),
            }
        )
    assert done.returncode == 2
    assert "answered HTTP 404" in done.stderr
    assert not (tmp_path / "artifacts" / "CURRENT").exists()


def test_post_compile_generates_and_builds_the_demo_with_valid_arguments(
    recorder: tuple[Path, Path], tmp_path: Path
) -> None:
    """No URL, no bundle: synth then build, with arguments the real commands accept."""
    python, log = recorder
    data, artifacts = tmp_path / "demo", tmp_path / "artifacts"
    small = {"DEMO_APPLICATIONS": "200", "DEMO_ITERATIONS": "10", "DEMO_FOLDS": "2"}
    env = {"PYTHON": str(python), "CALLS_LOG": str(log), **small}
    done = run_hook({**env, "DATA_DIR": str(data), "ARTIFACTS_DIR": str(artifacts)})
    assert done.returncode == 0, done.stderr
    calls = recorded(log)
    assert [call[:3] for call in calls] == [
        ["-m", "model_training", "synth"],
        ["-m", "model_training", "build"],
    ]
    synth, build = (model_training_parser().parse_args(call[2:]) for call in calls)
    assert (synth.applications, Path(synth.out), synth.seed) == (200, data, 42)
    assert (Path(build.data_dir), Path(build.artifacts_dir)) == (data, artifacts)
    assert (build.iterations, build.folds, build.quiet) == (10, 2, True)


def test_post_compile_keeps_validated_tables_only(
    recorder: tuple[Path, Path], tmp_path: Path
) -> None:
    """Data already there is not generated again; raw CSVs and the truth leave the slug."""
    python, log = recorder
    data = tmp_path / "demo"
    (data / "_truth").mkdir(parents=True)
    (data / "validated").mkdir()
    for name in ("application_train.csv", "_truth/oracle.parquet", "validated/bureau.parquet"):
        (data / name).write_text("x", encoding="utf-8")
    env = {"PYTHON": str(python), "CALLS_LOG": str(log), "DATA_DIR": str(data)}
    done = run_hook({**env, "ARTIFACTS_DIR": str(tmp_path / "artifacts")})
    assert done.returncode == 0, done.stderr
    assert [call[2] for call in recorded(log)] == ["build"]
    assert sorted(p.relative_to(data).as_posix() for p in data.rglob("*")) == [
        "validated",
        "validated/bureau.parquet",
    ]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"API_URL": "https://api.example"}, "API_URL is set"),
        ({"EXISTING": "1"}, "keeping the live bundle v1"),
    ],
    ids=["dashboard-only", "bundle-present"],
)
def test_post_compile_builds_nothing_when_no_model_is_needed(
    recorder: tuple[Path, Path], tmp_path: Path, env: dict[str, str], message: str
) -> None:
    """A dashboard-only app, or a live bundle already in place, runs no model command."""
    python, log = recorder
    artifacts = tmp_path / "artifacts"
    if env.pop("EXISTING", None):
        artifacts.mkdir()
        (artifacts / "CURRENT").write_text("v1\n", encoding="utf-8")
    paths = {"DATA_DIR": str(tmp_path / "demo"), "ARTIFACTS_DIR": str(artifacts)}
    done = run_hook({"PYTHON": str(python), "CALLS_LOG": str(log), **paths, **env})
    assert done.returncode == 0, done.stderr
    assert message in done.stdout
    assert recorded(log) == []
