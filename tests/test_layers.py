"""The layers (docs/architecture.md): the pure cores import no web, database or command-line code, the
workspace no command-line code, the templates no commands. Read from the source with `ast`, so imports
inside functions and under TYPE_CHECKING count too, and followed through kam's own modules: a core that
imports a helper which imports Rich imports Rich."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import deque
from collections.abc import Mapping
from pathlib import Path

import pytest

import kam

SRC = Path(kam.__file__).resolve().parent.parent

WEB = ("fastapi", "starlette", "jinja2")
DATABASE = ("sqlalchemy", "alembic", "psycopg", "kam.workspace")
CLI = ("typer", "click", "rich", "kam.commands", "kam.cli", "kam.shell")  # kam.shell: options to paste
CORES = ("kam.analytics", "kam.clv", "kam.calls", "kam.io", "kam.domain", "kam.coach")
# what reads the exports for the cores, on each engine (kam.spark's entry points run the command line)
INPUT = ("kam.io", "kam.engines", "kam.spark.read", "kam.spark.session", "kam.spark.dates")
ABOVE_INPUT = (
    "kam.analytics",
    "kam.clv",
    "kam.calls",
    "kam.coach",
    "kam.usecases",
    "kam.render",
    "kam.report",
)

# Each layer (a package and everything under it) and what none of its modules may import.
RULES: dict[str, tuple[str, ...]] = {
    **{core: (*WEB, *DATABASE, *CLI, "kam.render", "kam.usecases") for core in CORES},
    **{reader: (*WEB, *DATABASE, *CLI, *ABOVE_INPUT) for reader in INPUT},
    "kam.usecases": (
        "typer",
        "click",
        "rich",
        "fastapi",
        "starlette",
        "kam.commands",
        "kam.cli",
        "kam.shell",
    ),
    "kam.workspace": ("kam.commands", "kam.cli", "typer", "click", "rich"),
    "kam.api": ("kam.commands", "kam.cli", "typer", "click", "rich"),
    "kam.render": ("kam.commands", "kam.cli", "typer", "click"),
    # the pages are an edge like kam.api
    "kam.web": ("kam.commands", "kam.cli", "typer", "click", "rich"),
    # the web edge of a workspace feature is its routes.py: the rest serves the command line too
    **{
        module: ("fastapi", "starlette", "kam.api")
        for module in (
            p.relative_to(SRC).with_suffix("").as_posix().replace("/", ".")
            for p in (SRC / "kam" / "workspace").rglob("*.py")
        )
        if not module.endswith((".routes", ".__init__"))
    },
}

# Modules allowed one forbidden import, with the reason; the import is allowed to whoever reaches it
# through that module. An exception no longer needed fails `test_every_exception_is_still_needed`,
# so the list only shrinks.
EXCEPTIONS: dict[str, dict[str, str]] = {
    "kam.io.database": {
        "sqlalchemy": "reads a source table from the user's own database (an ERP's), an input like a CSV "
        "file: SQLAlchemy Core reflects and selects it; it never touches the workspace",
    },
    "kam.secrets": {
        "sqlalchemy": "parses a database URL the user gave (only then) to find its password and hide it "
        "from every message",
    },
}


def _module_name(path: Path, src: Path) -> str:
    parts = path.relative_to(src).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_modules(src: Path) -> dict[str, Path]:
    """Every module of the `kam` package under `src`, by dotted name."""
    return {_module_name(path, src): path for path in sorted((src / "kam").rglob("*.py"))}


def imported_names(module: str, path: Path) -> list[tuple[str, int]]:
    """Every name `module` imports, absolute, with its line: `from a import b` gives `a` and `a.b`."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: list[tuple[str, int]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([node.module] if node.module else [])])
            found.append((base, node.lineno))
            found += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return found


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def _kam_module(name: str, modules: Mapping[str, Path]) -> str | None:
    """The module of kam that importing `name` runs (the longest known prefix), if any."""
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in modules:
            return candidate
    return None


def _parents(module: str, modules: Mapping[str, Path]) -> list[str]:
    """The packages whose `__init__` runs before `module`."""
    parts = module.split(".")
    return [p for end in range(1, len(parts)) if (p := ".".join(parts[:end])) in modules]


def violations(
    src: Path,
    rules: Mapping[str, tuple[str, ...]],
    exceptions: Mapping[str, Mapping[str, str]],
) -> list[str]:
    """For each module of a ruled layer, the shortest chain of imports through kam's modules that reaches
    a forbidden name, written `a (line 8) -> b (line 5) -> rich.text`."""
    modules = source_modules(src)
    graph = {module: imported_names(module, path) for module, path in modules.items()}
    found: list[str] = []
    for module in modules:
        for layer, forbidden in rules.items():
            if not _within(module, layer):
                continue
            banned = tuple(f for f in forbidden if not _within(module, f))
            chain = _forbidden_chain(module, banned, graph, modules, exceptions)
            if chain:
                found.append(f"{layer}: {chain}")
    return found


def _forbidden_chain(
    start: str,
    banned: tuple[str, ...],
    graph: Mapping[str, list[tuple[str, int]]],
    modules: Mapping[str, Path],
    exceptions: Mapping[str, Mapping[str, str]],
) -> str | None:
    """Breadth-first through kam's modules from `start`: the first import of a banned name that is not an
    exception of the module importing it, as a chain."""
    parents = _parents(start, modules)
    seen = {start, *parents}
    queue: deque[tuple[str, str]] = deque(
        [(start, start), *((p, f"{start} (package) -> {p}") for p in parents)]
    )
    while queue:
        module, chain = queue.popleft()
        allowed = tuple(exceptions.get(module, {}))
        for name, line in graph[module]:
            if any(_within(name, b) for b in banned) and not any(_within(name, a) for a in allowed):
                return f"{chain} (line {line}) -> {name}"
            target = _kam_module(name, modules)
            for step in [*_parents(target, modules), target] if target else []:
                if step not in seen:
                    seen.add(step)
                    queue.append((step, f"{chain} (line {line}) -> {step}"))
    return None


def test_no_layer_imports_what_it_must_not() -> None:
    found = violations(SRC, RULES, EXCEPTIONS)
    assert not found, "imports that cross the layers:\n" + "\n".join(found)


def test_every_exception_is_still_needed() -> None:
    for module, allowed in EXCEPTIONS.items():
        for name in allowed:
            without = {
                m: {n: r for n, r in a.items() if (m, n) != (module, name)} for m, a in EXCEPTIONS.items()
            }
            assert any(v.startswith(tuple(RULES)) and module in v for v in violations(SRC, RULES, without)), (
                f"{module} no longer imports {name}: remove its exception"
            )


def test_the_cores_load_no_web_database_or_cli_package() -> None:
    """Importing every module of the cores, in a fresh interpreter, loads none of the forbidden packages:
    this also sees what `importlib` loads, which the source does not show."""
    cores = [m for m in source_modules(SRC) if m.startswith(CORES)]
    third_party = sorted({f for core in CORES for f in RULES[core] if not f.startswith("kam.")})
    script = (
        "import importlib, sys\n"
        f"for name in {cores!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(third_party)!r}))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", f"the cores load {done.stdout.strip()}"


def domain_imports(src: Path) -> list[str]:
    """Every import of a module of kam.domain that is not of the standard library, as `module (line n) ->
    name`: the shared vocabulary depends on nothing, so that every layer can use it."""
    found = []
    for module, path in source_modules(src).items():
        if _within(module, "kam.domain"):
            for name, line in imported_names(module, path):
                if name.split(".")[0] not in sys.stdlib_module_names | {"__future__"}:
                    found.append(f"{module} (line {line}) -> {name}")
    return found


def test_the_domain_imports_only_the_standard_library() -> None:
    found = domain_imports(SRC)
    assert not found, "kam.domain imports beyond the standard library:\n" + "\n".join(found)


def test_the_domain_package_re_exports_nothing() -> None:
    """kam.domain's modules are imported by name (kam.domain.segments): its __init__ holds no code, so that
    importing one word of the vocabulary loads no other."""
    tree = ast.parse((SRC / "kam" / "domain" / "__init__.py").read_text(encoding="utf-8"))
    assert [type(node) for node in tree.body] == [ast.Expr]  # the docstring alone


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"domain/words.py": "from enum import StrEnum\nimport datetime as dt\n"}, []),
        ({"domain/words.py": "from kam.i18n import Notice\n"}, ["kam.domain.words (line 1) -> kam.i18n"]),
        ({"domain/words.py": "def f():\n    import pydantic\n"}, ["kam.domain.words (line 2) -> pydantic"]),
        ({"domain/words.py": "from . import other\n"}, ["kam.domain.words (line 1) -> kam.domain"]),
    ],
    ids=["standard-library", "kam", "third-party-in-a-function", "relative"],
)
def test_the_domain_check_sees_each_import(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    assert domain_imports(_package(tmp_path, files))[: len(expected)] == expected
    assert bool(domain_imports(_package(tmp_path, files))) == bool(expected)


# What reads or writes a file: the cores take data (bytes, tables) and return data; kam.io reads the files
# and the use cases read and write them. Calls of these names count, as methods or functions.
FILE_CALLS = {"open", "read_bytes", "read_text", "write_bytes", "write_text", "read_csv", "scan_csv"}
DATA_CORES = ("kam.analytics", "kam.clv", "kam.calls", "kam.render", "kam.domain")
# Core modules allowed to read a file, with the reason; one no longer reading fails
# `test_every_file_reading_exception_is_still_needed`.
READS_FILES: dict[str, str] = {
    "kam.render.assets": "reads kam's own scripts shipped in the package (the vendored ECharts and the "
    "report's static/report.js) to inline them, as the Jinja loader reads the templates; never a user's file",
}


def file_reads(src: Path, cores: tuple[str, ...] = DATA_CORES) -> dict[str, list[str]]:
    """For each module of the `cores`, its calls that read or write a file, as `name (line n)`."""
    found: dict[str, list[str]] = {}
    for module, path in source_modules(src).items():
        if not module.startswith(cores):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
                if name in FILE_CALLS:
                    found.setdefault(module, []).append(f"{name} (line {node.lineno})")
    return found


def test_the_cores_take_data_not_files() -> None:
    """A core handed a path would make a server save every upload to a file first; it takes the bytes or
    the table instead, and the use case (or kam.io) reads the file."""
    found = {m: calls for m, calls in file_reads(SRC).items() if m not in READS_FILES}
    assert not found, f"cores that read or write files: {found}"


def test_every_file_reading_exception_is_still_needed() -> None:
    stale = sorted(set(READS_FILES) - set(file_reads(SRC)))
    assert not stale, f"remove from READS_FILES: {stale}"


@pytest.mark.parametrize(
    ("code", "found"),
    [
        ("def f(p):\n    return p.read_bytes()\n", ["read_bytes (line 2)"]),
        ("def f(p):\n    with open(p) as h:\n        return h.read()\n", ["open (line 2)"]),
        ("import polars as pl\nX = pl.read_csv('x')\n", ["read_csv (line 2)"]),
        ("def f(data: bytes):\n    return data.decode()\n", []),
    ],
    ids=["path-method", "builtin-open", "polars", "bytes"],
)
def test_the_file_check_sees_each_kind_of_read(tmp_path: Path, code: str, found: list[str]) -> None:
    reads = file_reads(_package(tmp_path, {"calls/batch.py": code}))
    assert reads.get("kam.calls.batch", []) == found


# Vocabularies defined outside kam.domain while the code that holds them is rewritten elsewhere, with the
# reason; a copy no longer there fails `test_every_copy_of_the_vocabulary_is_still_there`.
VOCABULARY_COPIES: dict[str, str] = {}


def _domain_classes(modules: Mapping[str, Path]) -> set[str]:
    return {
        node.name
        for module, path in modules.items()
        if _within(module, "kam.domain")
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ClassDef)
    }


def _copies(modules: Mapping[str, Path]) -> list[str]:
    """Classes defined outside kam.domain with the name of one of its classes."""
    words = _domain_classes(modules)
    return sorted(
        f"{module}.{node.name}"
        for module, path in modules.items()
        if not _within(module, "kam.domain")
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.ClassDef) and node.name in words
    )


def test_each_word_of_the_vocabulary_is_defined_once() -> None:
    """A fixed choice of the domain (Segment, Stage, Lang, ...) is defined in kam.domain alone: a second
    class of the same name would be a second, diverging list of choices."""
    copies = [c for c in _copies(source_modules(SRC)) if c not in VOCABULARY_COPIES]
    assert not copies, f"defined again outside kam.domain: {copies}"


def test_every_copy_of_the_vocabulary_is_still_there() -> None:
    stale = sorted(set(VOCABULARY_COPIES) - set(_copies(source_modules(SRC))))
    assert not stale, f"remove from VOCABULARY_COPIES: {stale}"


ARCHITECTURE = SRC.parent / "docs" / "architecture.md"
PLANNED = "## What the intended layout still lacks"  # the page's last section names what does not exist yet


def _defines(path: Path, name: str) -> bool:
    """True when the module at `path` defines or imports `name` at its top level."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == name:
            return True
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return True
        if isinstance(node, ast.ImportFrom) and any((a.asname or a.name) == name for a in node.names):
            return True
    return False


def _exists(dotted: str, modules: Mapping[str, Path]) -> bool:
    """A module, a package (with or without `__init__.py`) or a name defined in a module."""
    module, _, name = dotted.rpartition(".")
    package = SRC.joinpath(*dotted.split("."))
    return dotted in modules or package.is_dir() or (module in modules and _defines(modules[module], name))


def test_the_architecture_page_names_what_exists() -> None:
    """Every module and function docs/architecture.md names (outside its section on what is planned)
    exists, and each use case is in the module its table says: moving code means updating the page."""
    modules = source_modules(SRC)
    page = ARCHITECTURE.read_text(encoding="utf-8").split(PLANNED)[0]
    named = set(re.findall(r"`(kam(?:\.\w+)+)`", page))
    assert named
    unknown = [d for d in sorted(named) if not _exists(d, modules)]
    assert not unknown, f"docs/architecture.md names what does not exist: {unknown}"
    rows = re.findall(r"^\| ((?:`\w+`(?:, )?)+) \| `(kam[\w.]+)` \|", page, flags=re.MULTILINE)
    assert len(rows) >= 5
    missing = [
        f"{m}.{f}"
        for names, m in rows
        for f in re.findall(r"`(\w+)`", names)
        if not _exists(f"{m}.{f}", modules)
    ]
    assert not missing, f"docs/architecture.md names use cases that are not where it says: {missing}"


def _package(root: Path, files: Mapping[str, str]) -> Path:
    for name, text in files.items():
        path = root / "kam" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"calls/report.py": "import typer\n"}, ["kam.calls: kam.calls.report (line 1) -> typer"]),
        (
            {"calls/report.py": "def f():\n    from rich.text import Text\n"},
            ["kam.calls: kam.calls.report (line 2) -> rich.text"],
        ),
        (
            {"io/db.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import sqlalchemy\n"},
            ["kam.io: kam.io.db (line 3) -> sqlalchemy"],
        ),
        (
            {
                "clv/fit.py": "from . import helper\n",
                "clv/helper.py": "from kam import terminal\n",
                "terminal.py": "import rich\n",
            },
            [
                "kam.clv: kam.clv.fit (line 1) -> kam.clv.helper (line 1) -> kam.terminal (line 1) -> rich",
                "kam.clv: kam.clv.helper (line 1) -> kam.terminal (line 1) -> rich",
            ],
        ),
        (
            {
                "analytics/__init__.py": "from kam.workspace import db\n",
                "analytics/rules.py": "X = 1\n",
                "workspace/__init__.py": "",
                "workspace/db.py": "",
            },
            [
                "kam.analytics: kam.analytics (line 1) -> kam.workspace",
                "kam.analytics: kam.analytics.rules (package) -> kam.analytics (line 1) -> kam.workspace",
            ],
        ),
        (
            {"workspace/run.py": "from kam.commands.common import user_errors\n"},
            ["kam.workspace: kam.workspace.run (line 1) -> kam.commands.common"],
        ),
        (
            {"render/page.py": "import jinja2\nimport typer\n"},
            ["kam.render: kam.render.page (line 2) -> typer"],
        ),
        (
            {"usecases/analyze.py": "from kam.render.report import render_report\nimport rich.console\n"},
            ["kam.usecases: kam.usecases.analyze (line 2) -> rich.console"],
        ),
        (
            {"io/transactions.py": "from kam.analytics.metrics import LINE_HASH\n"},
            ["kam.io: kam.io.transactions (line 1) -> kam.analytics.metrics"],
        ),
        (
            {"calls/run.py": "def f():\n    from kam.usecases.calls import run_calls_analyze\n"},
            ["kam.calls: kam.calls.run (line 2) -> kam.usecases.calls"],
        ),
        ({"commands/analyze.py": "import typer\nimport rich\n"}, []),
        ({"workspace/run.py": "import sqlalchemy\nfrom kam.calls import run\n", "calls/run.py": ""}, []),
    ],
    ids=[
        "top-level",
        "in-a-function",
        "type-checking",
        "through-a-helper",
        "through-the-package",
        "workspace-commands",
        "render-typer",
        "usecases-rich",
        "io-analytics",
        "core-usecase",
        "edges-free",
        "workspace-uses-core",
    ],
)
def test_the_check_sees_each_kind_of_import(
    tmp_path: Path, files: dict[str, str], expected: list[str]
) -> None:
    assert violations(_package(tmp_path, files), RULES, {}) == expected


def test_an_exception_allows_one_name_in_one_module(tmp_path: Path) -> None:
    files = {
        "io/database.py": "import sqlalchemy.engine\n",
        "io/readers.py": "def read():\n    from kam.io import database\n",
        "io/other.py": "import sqlalchemy\n",
        "io/rich.py": "import typer\nfrom kam.io import database\n",
    }
    assert violations(_package(tmp_path, files), RULES, {"kam.io.database": {"sqlalchemy": "why"}}) == [
        "kam.io: kam.io.other (line 1) -> sqlalchemy",
        "kam.io: kam.io.rich (line 1) -> typer",
    ]
