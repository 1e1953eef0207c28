"""Every control keeps a name a screen reader can say (issue 23, "Screen readers"): asked
through Qt's accessibility interface, which is what AT-SPI reads on Linux."""

from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from http_status_browser.ui.preferences_dialog import PreferencesDialog
from http_status_browser.ui.shortcuts_dialog import ShortcutsDialog
from http_status_browser.ui.window import MainWindow

CONTROLS = (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QTabBar,
)


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name).strip()


def unnamed(root: QWidget) -> list[str]:
    """The visible controls under `root` that a screen reader would announce without a name."""
    return [
        f"{type(w).__name__} {w.objectName()!r} in {type(w.parent()).__name__}"
        for w in root.findChildren(QWidget)
        if isinstance(w, CONTROLS)
        and w.isVisible()
        and not spoken_name(w)
        # A table's header is part of it: its sections are read as the column headers.
        and not isinstance(w, QHeaderView)
    ]


def test_every_control_of_every_view_has_a_name(qtbot: QtBot, window: MainWindow) -> None:
    window.finish_start_up()
    problems = unnamed(window)
    window.codes.show_comparison(401, 403)
    problems += unnamed(window)
    window.tabs.show_situation_view()
    problems += unnamed(window)
    window.tabs.show_decision_guide()
    problems += unnamed(window)
    window.explain.explain_text("HTTP/1.1 200 OK\nHTTP/1.1 404 Not Found\n")
    dock = window.explain.dock
    assert dock is not None
    qtbot.waitUntil(dock.isVisible)
    problems += unnamed(dock)
    assert not sorted(set(problems))


def test_the_dialogs_controls_have_names(qtbot: QtBot, window: MainWindow) -> None:
    window.window_actions.preferences.trigger()
    preferences = window.findChild(PreferencesDialog)
    assert preferences is not None
    qtbot.waitUntil(preferences.isVisible)
    window.window_actions.shortcuts.trigger()
    shortcuts = window.findChild(ShortcutsDialog)
    assert shortcuts is not None
    qtbot.waitUntil(shortcuts.isVisible)
    assert not unnamed(preferences) + unnamed(shortcuts)


def test_tree_rows_read_as_code_and_phrase(window: MainWindow) -> None:
    """A row of the tree reads as what it shows, and the tree as "Status codes"."""
    tree = window.codes.tree
    assert spoken_name(tree) == "Status codes"
    window.navigate_to(404)
    index = tree.currentIndex()
    assert index.data() == "404 Not Found"
