"""The README leads and the docs hold: its size, links and anchors, the settings, no copies."""

from __future__ import annotations

import ast
import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from scoring_api.config import Settings

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
DOCS = ROOT / "docs"
OPERATIONS = DOCS / "operations.md"
README_MAX_LINES = 200
# Texts that must not repeat each other: a fact has one home, the others link to it.
NO_COPIES = [
    README,
    *sorted(DOCS.glob("*.md")),
    ROOT / "bench" / "README.md",
    ROOT / "data" / "README.md",
]
COPY_MIN_CHARS = 60

ENV_NAME = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|[A-Z]{3,}")
ENVIRON_OBJECTS = {"os.environ", "environ", "env"}
PYTHON_ROOTS = ("model_training", "scoring_api", "dash_app")
PYTHON_FILES = ("app.py", "gunicorn.conf.py")
SHELL_DEFAULT = re.compile(r"\$\{([A-Z][A-Z0-9_]*):?-")  # ${NAME:-default} in bin/post_compile
MAKE_DEFAULT = re.compile(r"^([A-Z][A-Z0-9_]*)\s*\?=", re.MULTILINE)  # NAME ?= default

FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`[^`\n]+`")
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def without_code_blocks(text: str) -> str:
    """Return markdown text with fenced code blocks blanked (their lines kept, empty)."""
    return FENCE.sub(lambda match: "\n" * match.group(0).count("\n"), text)


def github_slug(heading: str) -> str:
    """Return the anchor GitHub gives a heading: lower case, punctuation dropped, spaces to -."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading).replace("`", "").replace("*", "")
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """Return the heading anchors of a markdown file, numbering repeats as GitHub does."""
    seen: dict[str, int] = defaultdict(int)
    found = set()
    for heading in HEADING.findall(without_code_blocks(path.read_text(encoding="utf-8"))):
        slug = github_slug(heading)
        found.add(slug if seen[slug] == 0 else f"{slug}-{seen[slug]}")
        seen[slug] += 1
    return found


def broken_links(path: Path) -> Iterator[str]:
    """Yield each relative link of a markdown file whose file or heading does not exist."""
    text = INLINE_CODE.sub("", without_code_blocks(path.read_text(encoding="utf-8")))
    for target in LINK.findall(text):
        if SCHEME.match(target):
            continue
        file_part, _, anchor = target.partition("#")
        linked = (path.parent / file_part).resolve() if file_part else path
        if not linked.exists():
            yield f"{path.relative_to(ROOT)}: {target} (no such file)"
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            yield f"{path.relative_to(ROOT)}: {target} (no such heading)"


def module_constants(tree: ast.Module) -> dict[str, str]:
    """Return a module's top-level string constants (NAME = "VALUE")."""
    constants = {}
    for node in tree.body:
        target = node.targets[0] if isinstance(node, ast.Assign) else getattr(node, "target", None)
        value = getattr(node, "value", None)
        text = value.value if isinstance(value, ast.Constant) else None
        if isinstance(target, ast.Name) and isinstance(text, str):
            constants[target.id] = text
    return constants


def environment_keys(tree: ast.Module) -> Iterator[tuple[ast.expr, ast.AST | None]]:
    """Yield each key a module reads from the environment, with its enclosing function."""
    scopes: list[tuple[ast.AST, ast.AST | None]] = [(tree, None)]
    while scopes:
        node, function = scopes.pop()
        for child in ast.iter_child_nodes(node):
            is_function = isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            scopes.append((child, child if is_function else function))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args:
            receiver = ast.unparse(node.func.value)
            if (node.func.attr == "get" and receiver in ENVIRON_OBJECTS) or (
                node.func.attr == "getenv"
            ):
                yield node.args[0], function
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) in ENVIRON_OBJECTS:
            yield node.slice, function


def is_wsgi_app(function: ast.AST | None) -> bool:
    """Tell whether a function is a WSGI callable, whose ``environ`` is a request, not the OS's."""
    if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
        return False
    return "start_response" in {argument.arg for argument in function.args.args}


def literal_names(node: ast.AST) -> set[str]:
    """Return the environment-variable-like string literals inside a node."""
    return {
        sub.value
        for sub in ast.walk(node)
        if isinstance(sub, ast.Constant)
        and isinstance(sub.value, str)
        and ENV_NAME.fullmatch(sub.value)
    }


def variables_read_by_python() -> set[str]:
    """Return the environment variables the Python code reads (os.environ, getenv, settings)."""
    paths = [ROOT / name for name in PYTHON_FILES]
    paths += [path for root in PYTHON_ROOTS for path in sorted((ROOT / root).rglob("*.py"))]
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in paths]
    constants = {name: value for tree in trees for name, value in module_constants(tree).items()}
    names = set()
    for tree in trees:
        for key, function in environment_keys(tree):
            if is_wsgi_app(function):
                continue
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                names.add(key.value)
            elif isinstance(key, ast.Name) and key.id in constants:
                names.add(constants[key.id])
            elif function is not None:  # a name computed in a loop: the function's literals
                names |= literal_names(function)
    return names | settings_variables()


def settings_variables() -> set[str]:
    """Return the variables of the server's settings object (one per field, upper case)."""
    if dataclasses.is_dataclass(Settings):
        return {field.name.upper() for field in dataclasses.fields(Settings)}
    return {name.upper() for name in getattr(Settings, "model_fields", {})}  # pydantic-settings


def variables_read() -> set[str]:
    """Return every environment variable the code, the Makefile and the build hook read."""
    shell = SHELL_DEFAULT.findall((ROOT / "bin" / "post_compile").read_text(encoding="utf-8"))
    make = MAKE_DEFAULT.findall((ROOT / "Makefile").read_text(encoding="utf-8"))
    return variables_read_by_python() | set(shell) | set(make)


def configuration_rows() -> list[str]:
    """Return the variables named in the first cell of each row of the configuration tables."""
    text = without_code_blocks(OPERATIONS.read_text(encoding="utf-8"))
    section = text[text.index("\n## Configuration\n") :]
    section = section[: section.find("\n## ", 1)] if "\n## " in section[1:] else section
    names = []
    for line in section.splitlines():
        if line.startswith("|") and not re.fullmatch(r"\|[\s|:-]+", line):
            first_cell = line.split("|")[1]
            names += [n for n in re.findall(r"`([^`]+)`", first_cell) if ENV_NAME.fullmatch(n)]
    return names


def test_readme_is_short() -> None:
    """The README leads: at most 200 lines, the rest in docs/."""
    lines = README.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README.md has {len(lines)} lines"


def test_relative_links_resolve() -> None:
    """Every relative link of README.md and docs/*.md names a file, and a heading if anchored."""
    problems = [problem for path in [README, *DOCS.glob("*.md")] for problem in broken_links(path)]
    assert problems == []


def test_github_slug_rules() -> None:
    """Anchors follow GitHub: code marks and punctuation dropped, each space one hyphen."""
    assert github_slug("Score and build: `score`, `build`") == "score-and-build-score-build"
    assert (
        github_slug("The bundle: `ARTIFACTS_DIR/<version>/`") == "the-bundle-artifacts_dirversion"
    )
    assert github_slug("Command line: `python -m x`") == "command-line-python--m-x"


def test_configuration_table_lists_every_variable_once() -> None:
    """docs/operations.md's configuration names each variable the code reads, once, no other."""
    rows = configuration_rows()
    repeated = sorted({name for name in rows if rows.count(name) > 1})
    assert repeated == []
    read = variables_read()
    assert sorted(read - set(rows)) == [], "read by the code, missing from the table"
    assert sorted(set(rows) - read) == [], "in the table, read by no code"


def test_environment_scan_finds_indirect_reads() -> None:
    """The scan sees variables read through constants, loops and the settings object."""
    read = variables_read()
    for name in ("PROMETHEUS_MULTIPROC_DIR", "LOADER_MAX_LINE_BYTES", "RATELIMIT_LOGIN", "SEED"):
        assert name in read
    assert "PATH_INFO" not in read  # a WSGI request's environ, not the process environment


def copies(texts: dict[str, str]) -> dict[str, set[str]]:
    """Return each long line or sentence found in more than one of the texts, with their names."""
    where: dict[str, set[str]] = defaultdict(set)
    for name, text in texts.items():
        pieces = {line.strip() for line in text.splitlines()}
        prose = " ".join(without_code_blocks(text).split())
        pieces |= set(SENTENCE_END.split(prose))
        for piece in pieces:
            if len(piece) > COPY_MIN_CHARS and not re.fullmatch(r"[\s|:-]+", piece):
                where[piece].add(name)
    return {piece: names for piece, names in where.items() if len(names) > 1}


def test_no_copied_paragraphs() -> None:
    """No line or sentence of over 60 characters is written in two of the docs."""
    texts = {str(path.relative_to(ROOT)): path.read_text(encoding="utf-8") for path in NO_COPIES}
    assert copies(texts) == {}


def test_copies_are_found_across_wrapping() -> None:
    """A sentence copied into another file is found even when wrapped differently."""
    sentence = "The bundle is written to a temporary folder and renamed whole, CURRENT last."
    found = copies({"a.md": sentence, "b.md": sentence.replace(" renamed", "\nrenamed")})
    assert list(found.values()) == [{"a.md", "b.md"}]
