"""The comparison view: from "A vs B" searches, "compare" links and the context menu; Back and
Forward go through comparisons as through codes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from http_status_browser.ui.codes.view import COMPARE_PAGE, DETAIL_PAGE
from http_status_browser.ui.comparison_view import CompareView
from http_status_browser.ui.window import MainWindow
from tests.ui.conftest import visible_codes
from tests.ui.links import click_link
from tests.ui.test_window import search


def compare_view(window: MainWindow) -> CompareView:
    view = window.findChild(CompareView, "compareView")
    assert view is not None
    assert view.isVisible()
    return view


def test_a_vs_b_search_lists_both_and_opens_the_comparison(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, "204 vs 200")
    assert sorted(visible_codes(window.codes.proxy)) == [200, 204]
    view = compare_view(window)
    assert view.pair == (204, 200)
    text = view.table.toPlainText()
    assert "204 No Content" in text
    assert "200 OK" in text
    assert "May carry content" in text


def test_compare_link_beside_often_confused_with(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate_to(301)
    click_link(qtbot, window.codes.detail, "compare:301,308")
    view = compare_view(window)
    assert view.pair == (301, 308)
    assert "When to use which" in view.table.toPlainText()


def test_back_and_forward_go_through_comparisons(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate_to(301)
    window.codes.show_comparison(301, 308)
    assert window.codes.detail_stack.currentIndex() == COMPARE_PAGE
    qtbot.keyClick(window.codes.tree, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert window.codes.detail_stack.currentIndex() == DETAIL_PAGE
    assert window.codes.detail.toPlainText().startswith("301")
    qtbot.keyClick(window.codes.tree, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.codes.detail_stack.currentIndex() == COMPARE_PAGE
    assert compare_view(window).pair == (301, 308)


def test_swap_and_pick_are_recorded(qtbot: QtBot, window: MainWindow) -> None:
    window.codes.show_comparison(502, 504)
    view = compare_view(window)
    qtbot.mouseClick(view.swap_button, Qt.MouseButton.LeftButton)
    assert view.pair == (504, 502)
    assert window.navigator.history.entries[-1] == (504, 502)
    view.right_box.setFocus()
    view.right_box.setCurrentIndex(view.right_box.findData(503))
    view.right_box.activated.emit(view.right_box.currentIndex())
    assert view.pair == (504, 503)
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    assert window.codes.detail_stack.currentIndex() == DETAIL_PAGE


def test_ctrl_k_compares_with_the_first_related_code(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate_to(401)
    qtbot.keyClick(window.codes.tree, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    related = window.registry.lookup(401)
    assert related is not None
    assert compare_view(window).pair == (401, related.related[0].code)


def test_context_menu_offers_compare_with(qtbot: QtBot, window: MainWindow) -> None:
    window.navigate_to(404)
    menu = QMenu(window)
    window.copying.add_compare_menu(menu)
    submenu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert isinstance(submenu, QMenu)
    titles = [a.text() for a in submenu.actions()]
    assert "410 Gone" in titles
    next(a for a in submenu.actions() if a.text() == "410 Gone").trigger()
    assert compare_view(window).pair == (404, 410)


def test_typed_comparison_enters_history_once_typing_pauses(
    qtbot: QtBot, window: MainWindow
) -> None:
    search(qtbot, window, "401 or forbidden")
    assert compare_view(window).pair == (401, 403)
    entries = window.navigator.history.entries
    qtbot.waitUntil(lambda: bool(entries) and entries[-1] == (401, 403))
    # "401 or f" and "401 or for" compared 401 with 302 and 451 on the way: not history.
    assert [entry for entry in window.navigator.history.entries if isinstance(entry, tuple)] == [
        (401, 403)
    ]


def test_when_to_use_which_reads_as_the_note_then_its_source(window: MainWindow) -> None:
    """Issue 23, item 7: "502: 504: the upstream did not answer..." read 502 as the subject."""
    window.codes.show_comparison(502, 504)
    text = compare_view(window).table.toPlainText()
    assert "502: 504:" not in text
    assert "504: 502:" not in text
    note = next(line for line in text.splitlines() if "did not answer in time" in line)
    assert note.lstrip(" •").startswith("504: the upstream did not answer in time")
    assert "(from 502 Bad Gateway)" in note


def test_requirement_levels_are_badges_as_in_the_detail_pane(window: MainWindow) -> None:
    """Issue 23, item 19: the comparison printed "[SHOULD]" as text."""
    from http_status_browser.ui.colours import LEVEL_COLOURS

    window.codes.show_comparison(429, 503)
    table = compare_view(window).table
    assert "[SHOULD]" not in table.toPlainText()
    assert "[MUST" not in table.toPlainText()
    assert "SHOULD" in table.toPlainText()
    html = table.toHtml().lower()
    assert LEVEL_COLOURS["SHOULD"].lower() in html
