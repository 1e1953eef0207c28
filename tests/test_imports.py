"""The import graph of app/ runs one way: entry points -> launch -> window -> views -> registry.

Read from the source with ast, so that a function-level import counts as much as a module-level
one (it runs as surely, only later). Imports under `if TYPE_CHECKING:` never run and are left out.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import NamedTuple

import pytest

APP = Path(__file__).resolve().parent.parent / "app" / "http_status_browser"


class Edge(NamedTuple):
    source: str
    target: str
    top_level: bool


def module_name(path: Path) -> str:
    parts = list(path.relative_to(APP.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(APP.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(node: ast.AST, top_level: bool) -> list[tuple[ast.Import | ast.ImportFrom, bool]]:
    found: list[tuple[ast.Import | ast.ImportFrom, bool]] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for other in child.orelse:
                found += _imports(other, top_level)
            continue
        if isinstance(child, ast.Import | ast.ImportFrom):
            found.append((child, top_level))
        inner = not isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        found += _imports(child, top_level and inner)
    return found


def edges(modules: dict[str, Path]) -> list[Edge]:
    result: list[Edge] = []
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node, top_level in _imports(tree, top_level=True):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                for alias in node.names:
                    submodule = f"{base}.{alias.name}"
                    targets.append(submodule if submodule in modules else base)
            result += [Edge(name, t, top_level) for t in targets if t in modules and t != name]
    return result


GRAPH = edges(all_modules())


def in_layer(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def find_cycle(graph: list[Edge]) -> list[str] | None:
    following: dict[str, set[str]] = {}
    for edge in graph:
        following.setdefault(edge.source, set()).add(edge.target)
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        state[module] = 1
        path.append(module)
        for target in sorted(following.get(module, ())):
            if state.get(target) == 1:
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle:
                    return cycle
        path.pop()
        state[module] = 2
        return None

    for module in sorted(following):
        if module not in state:
            cycle = visit(module)
            if cycle:
                return cycle
    return None


def test_the_graph_is_read() -> None:
    """The checks below mean something only if the graph holds the edges we know about."""
    assert (
        Edge("http_status_browser.ui.codes.tree_pane", "http_status_browser.ui.status_models", True)
        in GRAPH
    )
    assert ("http_status_browser.cli.main", "http_status_browser.ui.launch") in {
        (e.source, e.target) for e in GRAPH
    }


def test_no_cycles() -> None:
    assert find_cycle(GRAPH) is None


def test_find_cycle_finds_one() -> None:
    cycle = [Edge("a", "b", True), Edge("b", "c", False), Edge("c", "a", False)]
    assert find_cycle(cycle) == ["a", "b", "c", "a"]


@pytest.mark.parametrize(
    ("sources", "forbidden"),
    [
        (
            ("http_status_browser.registry",),
            (
                "http_status_browser.ui",
                "http_status_browser.cli.main",
                "http_status_browser.cli.console",
                "http_status_browser.cli",
            ),
        ),
        (
            ("http_status_browser.explain", "http_status_browser.serve"),
            ("http_status_browser.ui", "http_status_browser.cli.main", "http_status_browser.cli"),
        ),
        (
            ("http_status_browser.ui",),
            ("http_status_browser.cli.main", "http_status_browser.cli", "http_status_browser.gui"),
        ),
    ],
)
def test_layers_never_import_upwards(sources: tuple[str, ...], forbidden: tuple[str, ...]) -> None:
    wrong = [e for e in GRAPH if in_layer(e.source, *sources) and in_layer(e.target, *forbidden)]
    assert wrong == []


def test_command_line_imports_qt_only_inside_functions() -> None:
    """`httpstatus show` must not pay for Qt: the window is reached from a handler only."""
    wrong = [
        e
        for e in GRAPH
        if in_layer(
            e.source,
            "http_status_browser.cli.console",
            "http_status_browser.cli",
            "http_status_browser.cli.main",
            "http_status_browser.registry",
        )
        and in_layer(e.target, "http_status_browser.ui")
        and e.top_level
    ]
    assert wrong == []


def test_views_never_import_the_window_or_the_launcher() -> None:
    launcher = {"http_status_browser.ui.launch"}
    window = {"http_status_browser.ui.window"}
    wrong = [
        e
        for e in GRAPH
        if in_layer(e.source, "http_status_browser.ui")
        and (
            (e.target in launcher and e.source not in launcher)
            or (e.target in window and e.source not in launcher | window)
        )
    ]
    assert wrong == []
