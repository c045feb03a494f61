"""The bundles of ARTIFACTS_DIR: list them, name the live one, open, promote, roll back.

``CURRENT`` is replaced atomically and only after the bundle it will name has been validated;
each server worker picks the new version up within BUNDLE_CHECK_SECONDS, without a restart.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from model_training.atomic import write_text_atomically
from model_training.bundle.artifact import Bundle
from model_training.bundle.checks import validate
from model_training.bundle.layout import (
    CHALLENGER_FILE,
    CURRENT_FILE,
    METADATA_FILE,
    is_version_name,
)
from model_training.errors import BundleError


def list_versions(artifacts_dir: Path) -> list[str]:
    """Return the versions of the complete bundles in ARTIFACTS_DIR, oldest name first.

    A bundle is written in a hidden temporary folder and renamed: a visible folder with its
    metadata is whole. Versions start with their UTC creation time, so names sort by age.
    """
    if not artifacts_dir.is_dir():
        return []
    return sorted(
        path.name
        for path in artifacts_dir.iterdir()
        if path.is_dir() and not path.name.startswith(".") and (path / METADATA_FILE).is_file()
    )


def _named_version(artifacts_dir: Path, pointer: str) -> str | None:
    """Return the version a pointer file (CURRENT, CHALLENGER) names, or None without one."""
    try:
        text = (artifacts_dir / pointer).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return text.strip() or None


def current_version(artifacts_dir: Path) -> str | None:
    """Return the version CURRENT names, or None when there is no live bundle."""
    return _named_version(artifacts_dir, CURRENT_FILE)


def challenger_version(artifacts_dir: Path) -> str | None:
    """Return the version CHALLENGER names, or None when no challenger is set."""
    return _named_version(artifacts_dir, CHALLENGER_FILE)


def set_current(artifacts_dir: Path, version: str) -> None:
    """Make ``version`` the live bundle (an atomic replace of the CURRENT file).

    This only switches: ``promote``, ``write_bundle`` and ``fetch-bundle`` validate first.
    """
    if not (artifacts_dir / version / METADATA_FILE).exists():
        raise BundleError(f"no complete bundle {version} in {artifacts_dir}.")
    write_text_atomically(artifacts_dir / CURRENT_FILE, version + "\n")


def open_bundle(artifacts_dir: Path, version: str | None = None) -> Bundle:
    """Open and validate a bundle of ARTIFACTS_DIR (the live one by default)."""
    if version is None:
        version = current_version(artifacts_dir)
        if version is None:
            raise BundleError(
                f"no live model in {artifacts_dir} (no {CURRENT_FILE} file). "
                "Run `python -m model_training build` first."
            )
    if not is_version_name(version):
        raise BundleError(
            f"{version!r} is not a bundle version (a folder name in {artifacts_dir})."
        )
    if not (artifacts_dir / version).is_dir():
        known = ", ".join(list_versions(artifacts_dir)) or "none"
        raise BundleError(f"no bundle {version} in {artifacts_dir}. Bundles there: {known}.")
    return validate(artifacts_dir / version)


Switch = Callable[[str], None]  # called with the version before its pointer file changes


def promote(artifacts_dir: Path, version: str, before_switch: Switch | None = None) -> str | None:
    """Validate a bundle, then name it in CURRENT; return the version it replaced.

    ``before_switch`` (the model registry's alias) runs after the check and before CURRENT
    changes: when it raises, CURRENT is left as it was.
    """
    open_bundle(artifacts_dir, version)
    previous = current_version(artifacts_dir)
    if before_switch is not None:
        before_switch(version)
    set_current(artifacts_dir, version)
    return previous


def set_challenger(
    artifacts_dir: Path, version: str, before_switch: Switch | None = None
) -> str | None:
    """Validate a bundle, then name it in CHALLENGER; return the version it replaced."""
    open_bundle(artifacts_dir, version)
    previous = challenger_version(artifacts_dir)
    if before_switch is not None:
        before_switch(version)
    write_text_atomically(artifacts_dir / CHALLENGER_FILE, version + "\n")
    return previous


def rollback(artifacts_dir: Path, before_switch: Switch | None = None) -> tuple[str, str]:
    """Promote the newest bundle older than the live one; return (replaced, now live)."""
    live = current_version(artifacts_dir)
    if live is None:
        raise BundleError(f"no live model in {artifacts_dir}: nothing to roll back.")
    older = [version for version in list_versions(artifacts_dir) if version < live]
    if not older:
        raise BundleError(
            f"no bundle older than the live {live} in {artifacts_dir}: nothing to roll back "
            "to. Promote a version by name (promote --list shows them)."
        )
    promote(artifacts_dir, older[-1], before_switch)
    return live, older[-1]
