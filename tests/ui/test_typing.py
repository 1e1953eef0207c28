"""The tree while the search changes: what stays current and expanded, and the ranking."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from http_status_browser.registry import Registry
from http_status_browser.ui.window import MainWindow
from tests.ui.conftest import visible_codes


def current_code(window: MainWindow) -> int | None:
    status = window.current_status()
    return None if status is None else status.code


def test_clearing_a_search_keeps_the_code_found(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_edit, "teapot")
    assert current_code(window) == 418
    qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
    assert window.search_edit.text() == ""
    assert current_code(window) == 418
    assert window.codes.tree.isExpanded(window.codes.tree.currentIndex().parent())
    assert len(visible_codes(window.codes.proxy)) > 1


def test_a_toggle_while_searching_keeps_the_current_code(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_edit, "timeout")
    found = current_code(window)
    assert found is not None
    window.window_actions.unofficial.trigger()
    assert current_code(window) == found
    window.window_actions.class_actions["1xx"].trigger()
    assert current_code(window) == found


def test_each_keystroke_selects_the_best_shown_match(
    qtbot: QtBot, window: MainWindow, registry: Registry
) -> None:
    typed = ""
    for letter in "gateway timeout":
        typed += letter
        qtbot.keyClicks(window.search_edit, letter)
        best = [m.status for m in registry.search(typed) if m.status.shown_by_default]
        if best:
            assert current_code(window) == best[0].code, typed
            assert visible_codes(window.codes.proxy)[0] == best[0].code, typed
            # Every class with a match is expanded.
            for row in range(window.codes.proxy.rowCount()):
                assert window.codes.tree.isExpanded(window.codes.proxy.index(row, 0)), typed
