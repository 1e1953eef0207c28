"""Clicking an Explain row from anywhere in the window (issue 23, items 3 and 6): it opens the
Codes tab on that code, and what it undoes on the way (a search, a comparison) is said."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from http_status_browser.ui.explain_view import ExplainView
from http_status_browser.ui.window import MainWindow
from tests.ui.conftest import WindowFactory
from tests.ui.test_explain_view import DATA, codes_shown, wait_for_report


@pytest.fixture
def window(make_window: WindowFactory) -> MainWindow:
    window = make_window(code=200)
    window.finish_start_up()
    return window


def explained(qtbot: QtBot, window: MainWindow) -> ExplainView:
    window.explain.explain_files([str(DATA / "nginx-combined.log")])
    view = window.explain.explain_view()
    wait_for_report(qtbot, view)
    return view


def click_row(qtbot: QtBot, view: ExplainView, code: int) -> None:
    row = codes_shown(view).index(code)
    rect = view.table.visualRect(view.proxy.index(row, 1))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


@pytest.mark.parametrize("tab", ["which", "guide"])
def test_a_row_clicked_on_another_tab_opens_the_codes_tab(
    qtbot: QtBot, window: MainWindow, tab: str
) -> None:
    view = explained(qtbot, window)
    action = (
        window.window_actions.which_view if tab == "which" else window.window_actions.guide_view
    )
    action.trigger()
    assert window.tabs.currentWidget() is not window.codes
    click_row(qtbot, view, 404)
    assert window.tabs.currentWidget() is window.codes
    assert window.codes.detail.isVisible()
    assert window.codes.detail.current is not None
    assert window.codes.detail.current.code == 404


def test_a_row_hidden_by_the_search_says_the_search_was_cleared(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = explained(qtbot, window)
    qtbot.keyClicks(window.search_edit, "teapot")
    click_row(qtbot, view, 404)
    assert window.current_status() is not None
    assert window.current_status().code == 404
    message = window.statusBar().currentMessage()
    assert "cleared the search “teapot”" in message


def test_a_row_shown_by_the_search_keeps_the_search(qtbot: QtBot, window: MainWindow) -> None:
    view = explained(qtbot, window)
    qtbot.keyClicks(window.search_edit, "40")
    click_row(qtbot, view, 404)
    assert window.search_edit.text() == "40"
    assert window.current_status() is not None
    assert window.current_status().code == 404
    assert "cleared" not in window.statusBar().currentMessage()


def test_a_row_closing_a_comparison_says_so_and_back_reopens_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    view = explained(qtbot, window)
    window.codes.show_comparison(401, 403)
    click_row(qtbot, view, 404)
    assert window.codes.detail.isVisible()
    assert "closed the comparison of 401 and 403" in window.statusBar().currentMessage()
    window.window_actions.back.trigger()
    assert window.codes.compare_view is not None
    assert window.codes.compare_view.isVisible()
    assert window.codes.compare_view.pair == (401, 403)
