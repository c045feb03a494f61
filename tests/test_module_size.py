"""No module of the project is over 400 lines (past about 300 a module holds two ideas)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES: tuple[str, ...] = (
    "model_training",
    "scoring_api",
    "dash_app",
    "bench",
    "scripts",
    "app.py",
)
MAX_LINES = 400


def module_lengths() -> dict[str, int]:
    """Return the line count of every Python module of the project, by path from the root."""
    lengths: dict[str, int] = {}
    for source in SOURCES:
        path = ROOT / source
        files = [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))
        for file in files:
            lengths[file.relative_to(ROOT).as_posix()] = len(file.read_text("utf-8").splitlines())
    return lengths


def test_the_project_has_modules_to_measure() -> None:
    """Every source is found (a renamed folder must not make the size check pass vacuously)."""
    measured = module_lengths()
    for source in SOURCES:
        assert any(path == source or path.startswith(f"{source}/") for path in measured), source


def test_no_module_is_over_400_lines() -> None:
    """Fail naming every module over the limit, with its length."""
    too_long = {path: n for path, n in module_lengths().items() if n > MAX_LINES}
    assert too_long == {}, f"modules over {MAX_LINES} lines (split them): {too_long}"
