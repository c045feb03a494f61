"""Shared fixtures of the API tests: one small bundle per session, one app, a key per role."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import delete

from model_training.bundle import current_version
from scoring_api.context import bundle_store
from scoring_api.factory import create_app
from scoring_api.security.keys import create_api_key
from scoring_api.security.models import Review
from scoring_api.security.state import get_state
from tests.scoring_api.bundle_servers import NEW_VERSION, QuietHandler, http_server
from tests.scoring_api.settings import make_settings

ROLES = ("advisor", "service", "admin")


@pytest.fixture(scope="session")
def app(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Flask:
    """Return the API server on the session bundle (sign-in limit raised: many tests sign in).

    The tests of the sign-in limit build their own app with a low limit.
    """
    settings = make_settings(
        tmp_path_factory.mktemp("db"), data_dir, ratelimit_login="100000 per minute"
    )
    server = create_app(settings)
    server.config["TESTING"] = True
    return server


@pytest.fixture(scope="session")
def client_ids(app: Flask) -> list[int]:
    """Return a few stored client ids (first, second, last)."""
    with app.test_request_context():
        ids = bundle_store().get().client_ids
    return [int(ids[0]), int(ids[1]), int(ids[-1])]


@pytest.fixture(scope="session")
def keys(app: Flask, client_ids: list[int]) -> dict[str, str]:
    """Return an API key per role; the client key is bound to the first client."""
    state = get_state(app)
    out = {}
    with state.database.session() as session:
        secret = state.api_key_secret(session)
        for role in ROLES:
            out[role] = create_api_key(session, secret, f"test-{role}", role).token
        out["client"] = create_api_key(
            session, secret, "test-client", "client", client_ids[0]
        ).token
    return out


@pytest.fixture
def reviews_cleared(app: Flask) -> Iterator[None]:
    """Delete the reviews a test opened on the session app (a closed one changes letters)."""
    yield
    with get_state(app).database.session() as session:
        session.execute(delete(Review))
        session.commit()


@pytest.fixture
def http(app: Flask) -> FlaskClient:
    """Return a test client of the session app."""
    return app.test_client()


@pytest.fixture
def as_role(http: FlaskClient, keys: dict[str, str]) -> Callable[..., Any]:
    """Return ``call(role, method, url, **kw)`` sending that role's API key (None: anonymous)."""

    def call(role: str | None, method: str, url: str, **kwargs: Any) -> Any:
        headers = {"X-API-Key": keys[role]} if role else {}
        return http.open(url, method=method, headers=headers, **kwargs)

    return call


def remove(path: Path) -> None:
    """Delete a folder (test helper)."""
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Serve a folder over HTTP on 127.0.0.1; return its base URL and the folder."""
    folder = tmp_path / "www"
    folder.mkdir()
    with http_server(partial(QuietHandler, directory=str(folder))) as base:
        yield base, folder


@pytest.fixture
def artifacts(data_dir: Path, tmp_path: Path) -> tuple[Path, str]:
    """Return an artifacts folder whose CURRENT names a copy of the test bundle."""
    source = data_dir / "artifacts"
    version = current_version(source)
    target = tmp_path / "artifacts"
    shutil.copytree(source / version, target / version)
    (target / "CURRENT").write_text(version + "\n", encoding="utf-8")
    return target, version


@pytest.fixture
def new_bundle(data_dir: Path, tmp_path: Path) -> Path:
    """Return a bundle folder named NEW_VERSION (the test bundle, its metadata renamed)."""
    source = data_dir / "artifacts"
    version = current_version(source)
    folder = tmp_path / "new" / NEW_VERSION
    shutil.copytree(source / version, folder)
    metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    metadata["version"] = NEW_VERSION
    (folder / "metadata.json").write_text(json.dumps(metadata), encoding="utf-8")
    return folder
