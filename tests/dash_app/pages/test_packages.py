"""The pages folder: one package a page, only its page module registers it, ids all different."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

import pytest

from dash_app import ids, pages

PAGES_FOLDER = Path(pages.__file__).parent
PACKAGES = sorted(
    path.name for path in PAGES_FOLDER.iterdir() if path.is_dir() and path.name[0] not in "_."
)


def test_the_pages_folder_holds_only_page_packages() -> None:
    assert [path.name for path in PAGES_FOLDER.glob("*.py")] == ["__init__.py"]
    assert len(PACKAGES) == 12


@pytest.mark.parametrize("package", PACKAGES)
def test_only_the_page_module_of_a_package_registers_it(package: str) -> None:
    """Dash imports every module under the pages folder that mentions register_page."""
    modules = sorted((PAGES_FOLDER / package).glob("*.py"))
    registering = [m.name for m in modules if "register_page" in m.read_text(encoding="utf-8")]
    expected = "not_found_404.py" if package == "not_found" else "page.py"  # Dash's own name
    assert registering == [expected]


def test_component_ids_are_all_different() -> None:
    modules = [ids]
    for package in PACKAGES:
        name = f"{pages.__name__}.{package}.ids"
        if importlib.util.find_spec(name) is not None:
            modules.append(importlib.import_module(name))
    values = [
        value
        for module in modules
        for name, value in vars(module).items()
        if name.isupper() and not name.endswith("_PREFIX")
    ]
    assert len(values) == len(set(values)) > 60
