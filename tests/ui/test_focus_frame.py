"""A focused view shows it, in every tab (issue 23, item 13: a focused tree looked like an
unfocused one). tests/ui/test_xcb_keyboard.py checks the Codes tree with real keys."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from http_status_browser.ui.window import MainWindow


def top_edge(view: QWidget) -> str:
    image = view.grab().toImage()
    return image.pixelColor(image.width() // 2, 0).name()


def looks_focused_only_when_focused(qtbot: QtBot, view: QWidget, elsewhere: QWidget) -> bool:
    elsewhere.setFocus()
    qtbot.waitUntil(elsewhere.hasFocus)
    unfocused = top_edge(view)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    return top_edge(view) != unfocused


def test_the_other_views_show_their_focus(qtbot: QtBot, window: MainWindow) -> None:
    window.finish_start_up()
    search = window.search_edit
    window.tabs.show_situation_view()
    situations = window.tabs.situation_view
    assert looks_focused_only_when_focused(qtbot, situations.tree, search)
    assert looks_focused_only_when_focused(qtbot, situations.card, search)
    window.tabs.show_codes_view()
    window.codes.show_comparison(401, 403)
    compare = window.codes.compare_view
    assert compare is not None
    assert looks_focused_only_when_focused(qtbot, compare.table, search)
