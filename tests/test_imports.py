"""The import graph of the package runs one way, without circles.

Entry points -> cli / ui -> desktop and the domain (registry, explain, serve, check). The graph
is read from the source with ast and holds every import statement wherever it is: at module
level, inside functions and classes, under `if TYPE_CHECKING:` and in its `else:`, in `try:`
and its handlers. An import in a function runs later but as surely, and one under
TYPE_CHECKING is a dependency the type checker follows: hiding a circle in either is still a
circle. Importing `a.b.c` also runs `a` and `a.b` first; those implicit edges to parent
packages are left out, as Python initialises a package before its modules.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

import pytest

PACKAGE = "http_status_browser"
APP = Path(__file__).resolve().parent.parent / "app" / PACKAGE

ENTRY_POINTS = (f"{PACKAGE}.httpstatus", f"{PACKAGE}.gui", f"{PACKAGE}.__main__")
CLI = f"{PACKAGE}.cli"
UI = f"{PACKAGE}.ui"
DESKTOP = f"{PACKAGE}.desktop"
DOMAIN = tuple(f"{PACKAGE}.{name}" for name in ("registry", "explain", "serve", "check"))
# The records and enums of the registry: anything may import them, they import nothing of ours.
RECORDS = f"{PACKAGE}.registry.values"


class Edge(NamedTuple):
    source: str
    target: str
    # Runs when the source module is imported: at module level and not under TYPE_CHECKING.
    at_import: bool


class Circle(NamedTuple):
    """Modules that import each other round and round, and one circle through them."""

    path: tuple[str, ...]
    members: frozenset[str]

    def __str__(self) -> str:
        text = " -> ".join(self.path)
        others = sorted(self.members - set(self.path))
        return f"{text} (with {', '.join(others)})" if others else text


class Import(NamedTuple):
    node: ast.Import | ast.ImportFrom
    at_import: bool


def module_name(path: Path, root: Path = APP) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules(root: Path = APP) -> dict[str, Path]:
    return {module_name(path, root): path for path in sorted(root.rglob("*.py"))}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


class _ImportFinder(ast.NodeVisitor):
    """Every import statement of a module, and whether it runs when the module is imported."""

    def __init__(self) -> None:
        self.found: list[Import] = []
        self._deferred = 0  # how deep inside functions and TYPE_CHECKING blocks

    def visit_Import(self, node: ast.Import) -> None:
        self.found.append(Import(node, self._deferred == 0))

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.found.append(Import(node, self._deferred == 0))

    def _visit_deferred(self, nodes: Iterable[ast.AST]) -> None:
        self._deferred += 1
        for node in nodes:
            self.visit(node)
        self._deferred -= 1

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._visit_deferred(ast.iter_child_nodes(node))

    def visit_AsyncFunctionDef(self, node: ast.AsyncFunctionDef) -> None:
        self._visit_deferred(ast.iter_child_nodes(node))

    def visit_Lambda(self, node: ast.Lambda) -> None:
        self._visit_deferred(ast.iter_child_nodes(node))

    def visit_If(self, node: ast.If) -> None:
        if not _is_type_checking(node.test):
            self.generic_visit(node)
            return
        self._visit_deferred(node.body)
        # The `else:` of `if TYPE_CHECKING:` is what runs: it counts like any other code.
        for child in node.orelse:
            self.visit(child)


def imports_of(source: str) -> list[Import]:
    finder = _ImportFinder()
    finder.visit(ast.parse(source))
    return finder.found


def _known(name: str, modules: Iterable[str]) -> str | None:
    """`name`, or the longest enclosing name, that is one of our modules."""
    known = set(modules)
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def targets(found: Import, module: str, is_package: bool, modules: Iterable[str]) -> list[str]:
    """Our modules that one import statement in `module` imports."""
    node = found.node
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module if is_package else module.rpartition(".")[0]
            anchor = package.split(".")
            anchor = anchor[: len(anchor) - node.level + 1]
            base = ".".join([*anchor, base] if base else anchor)
        # `from package import name`: the submodule where `name` is one, else the package.
        names = [f"{base}.{alias.name}" for alias in node.names]
    resolved = (_known(name, modules) for name in names)
    return [target for target in resolved if target is not None and target != module]


def edges(modules: dict[str, Path]) -> list[Edge]:
    result: list[Edge] = []
    for name, path in modules.items():
        is_package = path.name == "__init__.py"
        for found in imports_of(path.read_text(encoding="utf-8")):
            for target in targets(found, name, is_package, modules):
                result.append(Edge(name, target, found.at_import))
    return result


GRAPH = edges(all_modules())


def in_layer(module: str, *prefixes: str) -> bool:
    return any(module == p or module.startswith(p + ".") for p in prefixes)


def circles(graph: Iterable[Edge]) -> list[Circle]:
    """Each group of modules that import each other round and round (a strongly connected
    component) with a shortest circle through it, a -> b -> ... -> a; [] when there is none."""
    following: dict[str, set[str]] = {}
    for edge in graph:
        following.setdefault(edge.source, set()).add(edge.target)
        following.setdefault(edge.target, set())
    # Tarjan's algorithm, iterative so that a long chain cannot exhaust the recursion limit.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []
    for start in sorted(following):
        if start in index:
            continue
        work = [(start, iter(sorted(following[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            module, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(following[child]))))
                elif child in on_stack:
                    low[module] = min(low[module], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[module])
            if low[module] == index[module]:
                group: set[str] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.add(member)
                    if member == module:
                        break
                if len(group) > 1 or module in following[module]:
                    groups.append(group)
    return [Circle(_circle_in(group, following), frozenset(group)) for group in groups]


def _circle_in(group: set[str], following: dict[str, set[str]]) -> tuple[str, ...]:
    """A shortest circle from the group's first module back to itself, within the group."""
    first = min(group)
    paths = {first: [first]}
    queue = [first]
    while queue:
        module = queue.pop(0)
        for target in sorted(following[module] & group):
            if target == first:
                return (*paths[module], first)
            if target not in paths:
                paths[target] = [*paths[module], target]
                queue.append(target)
    raise AssertionError(f"no circle in {sorted(group)}")  # a component always has one


def describe(found: Iterable[Circle]) -> str:
    return "; ".join(str(circle) for circle in found)


# The reader and the circle finder, on sources made here.

READER_SOURCE = """
import a
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    import b
else:
    import c
try:
    import d
except ImportError:
    import e
else:
    import f
finally:
    import g
def late():
    import h
    if TYPE_CHECKING:
        import i
    else:
        import j
class Holder:
    import k
    def method(self):
        from l import m
run = lambda: __import__("not-a-statement")
if condition:
    import n
elif other:
    import o
else:
    import p
with context():
    import q
for item in items:
    import r
while True:
    import s
match value:
    case 1:
        import t
"""


def test_the_reader_sees_every_import_statement() -> None:
    found = imports_of(READER_SOURCE)
    names = [
        node.node.module if isinstance(node.node, ast.ImportFrom) else node.node.names[0].name
        for node in found
    ]
    expected = ["a", "typing", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]
    assert names == [*expected, "n", "o", "p", "q", "r", "s", "t"]
    deferred = {"b", "h", "i", "j", "l"}
    assert {name for name, node in zip(names, found, strict=True) if not node.at_import} == (
        deferred
    )


def test_relative_and_submodule_imports_resolve() -> None:
    modules = ["p", "p.a", "p.b", "p.b.c", "p.b.d"]
    lines = ("from . import a", "from .c import x", "from .. import a as y", "import p.b.d.z")
    source = "\n".join((*lines, "from p.b import d, e"))
    found = imports_of(source)
    resolved = [targets(node, "p.b.c", False, modules) for node in found]
    assert resolved == [["p.b"], [], ["p.a"], ["p.b.d"], ["p.b.d", "p.b"]]
    from_package = imports_of("from . import c")
    assert targets(from_package[0], "p.b", True, modules) == ["p.b.c"]


def test_circles_are_found_and_named() -> None:
    graph = [
        Edge("a", "b", True),
        Edge("b", "c", False),
        Edge("c", "a", False),
        Edge("c", "d", True),
        Edge("x", "y", True),
        Edge("y", "x", True),
        Edge("z", "z", True),
    ]
    assert [circle.path for circle in circles(graph)] == [
        ("a", "b", "c", "a"),
        ("x", "y", "x"),
        ("z", "z"),
    ]
    assert describe(circles(graph)) == "a -> b -> c -> a; x -> y -> x; z -> z"
    wider = [*graph, Edge("a", "w", True), Edge("w", "b", True)]
    assert describe(circles(wider)[:1]) == "a -> b -> c -> a (with w)"
    assert circles([Edge("a", "b", True), Edge("b", "c", True), Edge("a", "c", True)]) == []


# The package itself.


def test_the_graph_is_read() -> None:
    """The checks below mean something only if the graph holds the edges we know about."""
    pairs = {(e.source, e.target) for e in GRAPH}
    assert Edge(f"{UI}.codes.tree_pane", f"{UI}.status_models", True) in GRAPH
    assert (f"{CLI}.main", f"{UI}.launch") in pairs
    # Under TYPE_CHECKING, and inside a function.
    assert Edge(f"{PACKAGE}.registry.model", f"{PACKAGE}.registry.search", False) in GRAPH
    assert Edge(f"{PACKAGE}.registry.parts", f"{PACKAGE}.registry.search", False) in GRAPH


def test_no_circles() -> None:
    found = circles(GRAPH)
    assert found == [], f"import circles: {describe(found)}"


def test_records_import_nothing_of_ours() -> None:
    assert [e.target for e in GRAPH if e.source == RECORDS] == []


@pytest.mark.parametrize(
    ("sources", "forbidden"),
    [
        (DOMAIN, (CLI, UI, DESKTOP, *ENTRY_POINTS)),
        ((DESKTOP,), (CLI, UI, *ENTRY_POINTS)),
        ((UI,), (CLI, *ENTRY_POINTS)),
        ((CLI,), ENTRY_POINTS),
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
        if in_layer(e.source, CLI, *DOMAIN, DESKTOP) and in_layer(e.target, UI) and e.at_import
    ]
    assert wrong == []


def test_views_never_import_the_window_or_the_launcher() -> None:
    launcher = {f"{UI}.launch"}
    window = {f"{UI}.window"}
    wrong = [
        e
        for e in GRAPH
        if in_layer(e.source, UI)
        and (
            (e.target in launcher and e.source not in launcher)
            or (e.target in window and e.source not in launcher | window)
        )
    ]
    assert wrong == []
