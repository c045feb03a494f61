"""The dashboard's plotly.js: the pinned partial build, checked, holding every trace we draw."""

from __future__ import annotations

import ast
import base64
import hashlib
import io
import tarfile
from functools import partial
from pathlib import Path

import plotly.graph_objects as go
import pytest

from dash_app import plotly_build
from dash_app.plotly_build import fetch
from tests.scoring_api.bundle_servers import QuietHandler, http_server

DASH_APP = Path(plotly_build.__file__).resolve().parents[1]
BUILD_TEXT = b"/* plotly.js (finance) test build */ window.Plotly = {};"


def tarball(members: dict[str, bytes]) -> bytes:
    """Return a .tgz holding these files, as the npm registry sends a package."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def integrity_of(data: bytes) -> str:
    """Return npm's ``sha512-<base64>`` integrity of some bytes."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def drawn_trace_types() -> set[str]:
    """Return the trace types the dashboard's code builds (``go.<Trace>(...)`` calls)."""
    names = set()
    for module in DASH_APP.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "go"
                and node.func.attr != "Figure"
            ):
                names.add(node.func.attr)
    return {getattr(go, name)().type for name in names}


def test_the_build_holds_every_trace_type_the_dashboard_draws() -> None:
    drawn = drawn_trace_types()
    assert {"bar", "scatter", "indicator", "waterfall"} <= drawn
    assert drawn <= plotly_build.TRACE_TYPES


def test_the_installed_build_is_the_pinned_one() -> None:
    assert plotly_build.is_installed(), "run `python -m dash_app.plotly_build.fetch`"
    banner = plotly_build.BUILD_FILE.read_bytes()[:200].decode()
    assert f"plotly.js (finance - minified) v{plotly_build.VERSION}" in banner


def test_a_tarball_with_the_pinned_checksum_is_installed(build_folder: Path) -> None:
    data = tarball({plotly_build.MEMBER: BUILD_TEXT, plotly_build.LICENSE_MEMBER: b"MIT"})
    with http_server(partial(QuietHandler, directory=str(build_folder))) as registry:
        name, version = plotly_build.PACKAGE, plotly_build.VERSION
        (build_folder / name / "-").mkdir(parents=True)
        (build_folder / name / "-" / f"{name}-{version}.tgz").write_bytes(data)
        fetch.fetch(registry, integrity_of(data))
    assert plotly_build.BUILD_FILE.read_bytes() == BUILD_TEXT
    assert plotly_build.LICENSE_FILE.read_bytes() == b"MIT"


def test_a_tarball_that_does_not_match_is_refused_and_nothing_written(build_folder: Path) -> None:
    data = tarball({plotly_build.MEMBER: BUILD_TEXT, plotly_build.LICENSE_MEMBER: b"MIT"})
    plotly_build.BUILD_FILE.write_bytes(b"the build before")
    with pytest.raises(fetch.FetchError, match=r"plotly\.js-finance-dist-min@4\.1\.0: the tarball"):
        fetch.install(data)  # the pinned integrity is not this tarball's
    assert plotly_build.BUILD_FILE.read_bytes() == b"the build before"
    assert not plotly_build.LICENSE_FILE.exists()


def test_a_tarball_without_the_build_is_refused(build_folder: Path) -> None:
    data = tarball({"package/README.md": b"no build here"})
    with pytest.raises(
        fetch.FetchError, match=r"no package/plotly-finance\.min\.js in the tarball"
    ):
        fetch.install(data, integrity_of(data))
    assert not plotly_build.BUILD_FILE.exists()


def test_an_unreachable_registry_is_a_clear_error(build_folder: Path) -> None:
    with (
        http_server(partial(QuietHandler, directory=str(build_folder))) as registry,
        pytest.raises(fetch.FetchError, match=r"Could not download .*404"),
    ):
        fetch.fetch(registry)


def test_the_registry_address_follows_npm_s_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NPM_CONFIG_REGISTRY", "https://mirror.example/npm/")
    assert fetch.tarball_url() == (
        "https://mirror.example/npm/plotly.js-finance-dist-min/-/"
        "plotly.js-finance-dist-min-4.1.0.tgz"
    )
