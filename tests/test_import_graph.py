"""No import cycle in the project's packages, at module level or inside functions.

Every ``import x`` / ``from x import y`` of every module (inside functions and ``if`` blocks
too) becomes an edge to the most specific project module it names (``from a.b import c`` is
``a.b.c`` when that module exists, else the package ``a.b``) and to the packages above it
whose ``__init__`` the import runs (not the importer's own packages, already running); a
strongly connected component of more than one module, or a module importing itself, is a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES: tuple[str, ...] = ("model_training", "scoring_api", "dash_app", "app.py")


def _module_name(path: Path) -> str:
    """Return the dotted module name of a project file."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def project_modules() -> dict[str, Path]:
    """Return every project module's file by dotted name."""
    modules: dict[str, Path] = {}
    for source in SOURCES:
        path = ROOT / source
        files = [path] if path.suffix == ".py" else sorted(path.rglob("*.py"))
        modules.update({_module_name(file): file for file in files})
    return modules


def _imported_names(tree: ast.AST, module: str, is_package: bool) -> Iterator[str]:
    """Yield the dotted names a module imports (each ``from x import y`` as ``x.y``)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                yield f"{base}.{alias.name}" if alias.name != "*" else base


def _resolve(name: str, modules: dict[str, Path]) -> str | None:
    """Return the most specific project module a dotted name falls in, or None outside it."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def _executed(target: str, importer: str, modules: dict[str, Path]) -> set[str]:
    """Return the modules importing ``target`` runs: it and its packages not above ``importer``."""
    parts = target.split(".")
    chain = {".".join(parts[:end]) for end in range(1, len(parts) + 1)}
    return {
        module
        for module in chain
        if module in modules
        and not importer.startswith(f"{module}.")
        and (module != importer or module == target)
    }


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Return each project module's imported project modules."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        names = _imported_names(tree, name, is_package=path.name == "__init__.py")
        targets = {_resolve(imported, modules) for imported in names}
        graph[name] = set().union(*(_executed(t, name, modules) for t in targets if t is not None))
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the import cycles (Tarjan's strongly connected components), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                cycles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(cycles)


def _in_source(module: str, source: str) -> bool:
    """Tell whether a module belongs to one source (package or root module)."""
    top = source.removesuffix(".py")
    return module == top or module.startswith(f"{top}.")


@pytest.mark.parametrize(
    "source",
    [
        "model_training",
        "scoring_api",
        "dash_app",
        "app.py",
    ],
)
def test_source_has_no_import_cycle(source: str) -> None:
    """Fail naming the modules of every import cycle that touches ``source``."""
    cycles = [
        cycle
        for cycle in find_cycles(import_graph(project_modules()))
        if any(_in_source(module, source) for module in cycle)
    ]
    assert cycles == [], "import cycles:\n" + "\n".join(", ".join(c) for c in cycles)


@pytest.mark.parametrize(
    ("graph", "expected"),
    [
        ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
        ({"a": {"b"}, "b": {"a"}, "c": {"a"}}, [["a", "b"]]),
        ({"a": {"a"}}, [["a"]]),
        (
            {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"e"}, "e": {"d"}},
            [["a", "b", "c"], ["d", "e"]],
        ),
    ],
)
def test_find_cycles_lists_each_strongly_connected_component(
    graph: dict[str, set[str]], expected: list[list[str]]
) -> None:
    """A cycle is a strongly connected component of two or more modules, or a self-import."""
    assert find_cycles(graph) == expected


def test_import_inside_a_function_is_an_edge(tmp_path: Path) -> None:
    """An import inside a function, from a package or relative, counts like one at the top."""
    tree = ast.parse(
        "import os\n"
        "def f():\n"
        "    from model_training.features import store\n"
        "    from . import sibling\n"
        "    import model_training.data.schema as schema\n"
    )
    modules = {
        name: tmp_path
        for name in (
            "model_training.features",
            "model_training.features.store",
            "model_training.evaluate.sibling",
            "model_training.data.schema",
        )
    }
    names = _imported_names(tree, "model_training.evaluate.stage", is_package=False)
    resolved = {_resolve(name, modules) for name in names}
    assert resolved == {
        None,
        "model_training.features.store",
        "model_training.evaluate.sibling",
        "model_training.data.schema",
    }


def test_importing_a_submodule_runs_the_packages_above_it(tmp_path: Path) -> None:
    """Importing ``a.b.c`` runs ``a`` and ``a.b`` too, except the importer's own packages."""
    modules = {name: tmp_path for name in ("a", "a.b", "a.b.c", "a.d", "e")}
    assert _executed("a.b.c", "e", modules) == {"a", "a.b", "a.b.c"}
    assert _executed("a.b.c", "a.d", modules) == {"a.b", "a.b.c"}
    assert _executed("a.b.c", "a.b", modules) == {"a.b.c"}
