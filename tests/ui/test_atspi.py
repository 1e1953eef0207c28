"""The window read through AT-SPI, the way a screen reader reads it (issue 23, "Screen
readers"): Debian's at-spi2-core and python3-pyatspi under dbus-run-session, with
QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1, on xcb under a private Xvfb."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.ui.atspi_session import SYSTEM_PYTHON
from tests.ui.xvfb import MISSING, run_session, xvfb_display


def _pyatspi_missing() -> bool:
    if not Path(SYSTEM_PYTHON).exists():
        return True
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, timeout=60, check=False
    )
    return probe.returncode != 0


pytestmark = [
    pytest.mark.skipif(bool(MISSING), reason=f"needs {' and '.join(MISSING)}"),
    pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="needs dbus-run-session"),
    pytest.mark.skipif(
        _pyatspi_missing(),
        reason="needs python3-pyatspi and at-spi2-core (make system-deps installs them)",
    ),
]

Node = tuple[str, str, list[str]]


@pytest.fixture(scope="module")
def nodes(tmp_path_factory: pytest.TempPathFactory) -> list[Node]:
    folder: Path = tmp_path_factory.mktemp("atspi")
    with xvfb_display() as display:
        found = run_session(display, "tests.ui.atspi_session", folder, ["dbus-run-session", "--"])
    assert found["found"] is True, found
    read = found["nodes"]
    assert isinstance(read, list)
    return [(str(role), str(name), list(states)) for role, name, states in read]


def named(nodes: list[Node], name: str) -> list[Node]:
    return [node for node in nodes if node[1] == name]


def test_the_search_box_is_read_by_its_name(nodes: list[Node]) -> None:
    roles = {role for role, _, _ in named(nodes, "Search status codes")}
    assert roles & {"text", "entry"}, roles


def test_the_tree_and_its_rows_are_readable(nodes: list[Node]) -> None:
    assert named(nodes, "Status codes"), "the tree"
    rows = {name for _, name, _ in nodes}
    assert "404 Not Found" in rows
    assert "4xx Client error  (29)" in rows or any(n.startswith("4xx Client error") for n in rows)


def test_the_class_filter_says_which_classes_show(nodes: list[Node]) -> None:
    shown = named(nodes, "4xx Client error codes")
    assert shown, "the 4xx button"
    role, _, states = shown[0]
    assert role in {"toggle button", "push button", "check box"}
    assert "checked" in states or "pressed" in states
    unofficial = named(nodes, "Unofficial codes")
    assert unofficial
    assert "checked" not in unofficial[0][2]
    assert "pressed" not in unofficial[0][2]


def test_the_detail_pane_and_snippet_have_names(nodes: list[Node]) -> None:
    assert named(nodes, "Details")
    assert named(nodes, "Snippet")
    assert named(nodes, "Copy snippet")
    # Qt gives AT-SPI a combo box's current value as its name (its label is its buddy).
    combos = [name for role, name, _ in nodes if role == "combo box"]
    assert "Python (http.HTTPStatus)" in combos


def test_every_showing_control_has_a_name(nodes: list[Node]) -> None:
    controls = {"push button", "toggle button", "check box", "combo box", "text", "page tab"}
    unnamed = [
        node for node in nodes if node[0] in controls and "showing" in node[2] and not node[1]
    ]
    assert not unnamed
