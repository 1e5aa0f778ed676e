"""The architecture's contracts, read from the source of every module under jobber_tui/.

Every import counts: at the top of a module, inside a function (lazy), and `importlib.import_module`
with a constant name. Imports under `if TYPE_CHECKING:` count only for the first contract (core never
names textual, rich or the UI, not even in an annotation): they never run, so they can neither load a
layer nor close a loop, and an annotation may name the session (`Workspace`) a lower layer is handed.

1. The core never imports textual, rich or jobber_tui.ui.
2. The core's layers (see jobber_tui/core/__init__.py) import only the layers below them and
   their own; discovery and tracking, side by side, never import each other.
3. No import cycles among jobber_tui's modules, lazy imports included.
4. The CLI imports jobber_tui.ui in one place only: the handler that launches the UI.
5. No module is longer than 400 lines.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "jobber_tui"
MAX_LINES = 400

# Rank of each part of the core: a module may import only parts of a lower rank, or its own part.
CORE_LAYERS: dict[str, int] = {
    "infra": 1,
    "jobs": 2,
    "webhooks": 3,
    "workspace": 4,
    "llm": 5,
    "resume": 6,
    "discovery": 7,
    "tracking": 7,
    "bulk": 8,
    "demo": 8,
    "doctor": 8,
}
UI_LAUNCHER = ("jobber_tui.cli.commands", "ui")
"""The one function of the CLI that may import jobber_tui.ui: `jobber ui` (and plain `jobber`)."""


@dataclass(frozen=True)
class Import:
    importer: str
    target: str
    line: int
    function: str | None
    """The function the import sits in (None: module level)."""
    type_checking: bool

    def __str__(self) -> str:
        where = f" in {self.function}()" if self.function else ""
        return f"{self.importer}:{self.line}{where} imports {self.target}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _absolute(importer: str, is_package: bool, level: int, module: str | None) -> str:
    if level == 0:
        return module or ""
    base = importer.split(".") if is_package else importer.split(".")[:-1]
    base = base[: len(base) - (level - 1)]
    return ".".join(base + ([module] if module else []))


def imports_of(name: str, path: Path | None = None, source: str | None = None) -> list[Import]:
    """Every import in one module (source given: a planted module, for the tests of the tests)."""
    path = path or MODULES[name]
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    found: list[Import] = []

    def visit(node: ast.AST, function: str | None, type_checking: bool) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.body:
                visit(child, function, True)
            for child in node.orelse:
                visit(child, function, type_checking)
            return
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name if function is None else function
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, is_package, node.level, node.module)
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                targets.append(sub if sub in MODULES else base)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            target = node.args[0].value
            if target.startswith("."):
                level = len(target) - len(target.lstrip("."))
                target = _absolute(name, is_package, level, target.lstrip(".") or None)
            targets = [target]
        for target in targets:
            found.append(Import(name, target, getattr(node, "lineno", 0), function, type_checking))
        for child in ast.iter_child_nodes(node):
            visit(child, function, type_checking)

    visit(tree, None, False)
    return found


ALL_IMPORTS = [found for name in MODULES for found in imports_of(name)]


def _core_part(module: str) -> str | None:
    parts = module.split(".")
    if parts[:2] != ["jobber_tui", "core"] or len(parts) < 3:
        return None
    return parts[2]


def _is_under(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def layer_violations(imports: list[Import]) -> list[str]:
    problems = []
    for found in imports:
        if found.type_checking:
            continue
        mine, theirs = _core_part(found.importer), _core_part(found.target)
        if mine is None or theirs is None or mine == theirs:
            continue
        if mine not in CORE_LAYERS or theirs not in CORE_LAYERS:
            problems.append(f"{found}: a part of the core missing from CORE_LAYERS")
        elif CORE_LAYERS[theirs] >= CORE_LAYERS[mine]:
            problems.append(f"{found}: {mine} (layer {CORE_LAYERS[mine]}) may not import {theirs}")
    return problems


def forbidden_in_core(imports: list[Import]) -> list[str]:
    return [
        str(found)
        for found in imports
        if _is_under(found.importer, "jobber_tui.core")
        and any(_is_under(found.target, banned) for banned in ("textual", "rich", "jobber_tui.ui"))
    ]


def ui_imports_in_cli(imports: list[Import]) -> list[str]:
    return [
        str(found)
        for found in imports
        if _is_under(found.importer, "jobber_tui.cli")
        and _is_under(found.target, "jobber_tui.ui")
        and (found.importer, found.function) != UI_LAUNCHER
    ]


def cycles(imports: list[Import]) -> list[list[str]]:
    """The import loops among jobber_tui's modules (each strongly connected part, Tarjan's way)."""
    graph: dict[str, set[str]] = {name: set() for name in MODULES}
    for found in imports:
        if not found.type_checking and found.target in MODULES and found.target != found.importer:
            graph.setdefault(found.importer, set()).add(found.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            part = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                part.append(member)
                if member == node:
                    break
            if len(part) > 1:
                loops.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return loops


def test_the_contract_reader_sees_lazy_and_type_checking_imports() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from ..infra.errors import BadInput\n"
        "if TYPE_CHECKING:\n    from ..workspace import Workspace\n"
        "def later():\n    from ..resume import processing\n"
        "    import importlib\n    importlib.import_module('jobber_tui.ui.app')\n"
    )
    name = "jobber_tui.core.jobs.planted"
    planted = imports_of(name, MODULES["jobber_tui.core.jobs.store"], source)
    found = {(i.target, i.function, i.type_checking) for i in planted}
    assert ("jobber_tui.core.infra.errors", None, False) in found
    assert ("jobber_tui.core.workspace", None, True) in found
    assert ("jobber_tui.core.resume.processing", "later", False) in found
    assert ("jobber_tui.ui.app", "later", False) in found


def test_the_contracts_catch_a_planted_violation() -> None:
    """A lazy import of a higher layer, the UI in the core, and a loop are each reported by name."""
    source = "def later():\n    from ..resume import processing\n    import textual\n"
    planted = imports_of("jobber_tui.core.jobs.store", source=source)
    assert layer_violations(planted) == [
        "jobber_tui.core.jobs.store:2 in later() imports jobber_tui.core.resume.processing:"
        " jobs (layer 2) may not import resume"
    ]
    assert forbidden_in_core(planted) == ["jobber_tui.core.jobs.store:3 in later() imports textual"]
    pair = {"jobber_tui.core.jobs.store", "jobber_tui.core.resume.processing"}
    assert any(pair <= set(loop) for loop in cycles(ALL_IMPORTS + planted))


def test_core_never_imports_textual_rich_or_the_ui() -> None:
    assert forbidden_in_core(ALL_IMPORTS) == []


def test_core_layers_import_only_lower_layers() -> None:
    assert layer_violations(ALL_IMPORTS) == []


def test_every_part_of_the_core_has_a_layer() -> None:
    parts = {_core_part(name) for name in MODULES} - {None}
    assert parts <= set(CORE_LAYERS), sorted(parts - set(CORE_LAYERS))


def test_no_import_cycles_not_even_lazy_ones() -> None:
    assert cycles(ALL_IMPORTS) == []


def test_cli_imports_the_ui_only_to_launch_it() -> None:
    assert ui_imports_in_cli(ALL_IMPORTS) == []


def test_no_module_is_longer_than_400_lines() -> None:
    lengths = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    long = {name: n for name, n in lengths.items() if n > MAX_LINES}
    assert long == {}
